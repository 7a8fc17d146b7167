"""Scores and RAG across several years (``msht trend``), and progress toward targets.

Pure functions, no I/O. Each assessment is scored against its own bank versions first;
``build_trend`` sorts the score cards by period and lines up the overall score and
each bank's score, with a step (up / down / same) from one period to the next, judged
like ``diff.compare`` (unrounded scores, floating-point noise ignored). A bank with no
score in any period is left out, as ``diff`` leaves out what has no score on either side.

Targets come from the latest file's ``targets:`` block and are measured
by ``targets.progress`` (the same gap, status and percent-of-the-way that ``score`` and
``report`` show), with the baseline set to the earliest period in which the target's
subject has a score: "progress since the first assessment". A question renamed through
``replaces`` is followed back to its old id for that baseline.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from msht_toolkit.analysis import targets as targets_mod
from msht_toolkit.analysis.change import DECLINED, IMPROVED, UNCHANGED, compare
from msht_toolkit.analysis.matching import ancestors, replaces_map
from msht_toolkit.assessment.model import fold
from msht_toolkit.banks.model import Bank, version_key
from msht_toolkit.errors import RefusedError
from msht_toolkit.scoring.scorer import (
    UNRATED,
    BankResult,
    QuestionResult,
    ScoreCard,
    SectionResult,
)

TREND_SCHEMA = "msht-trend/1"
UP, DOWN, SAME = "up", "down", "same"
ARROWS = {UP: "↑", DOWN: "↓", SAME: "→"}
STEPS = {IMPROVED: UP, DECLINED: DOWN, UNCHANGED: SAME}

QUESTION, SECTION, BANK = "question", "section", "bank"


def period_key(card: ScoreCard) -> tuple[int, tuple[tuple[int, int | str], ...], str]:
    """Sort key: period ('2025/26' < '2026/27' < '2100/01'), then assessment date."""
    a = card.assessment
    return (0 if a.period else 1, version_key(a.period or ""), a.assessed_on or "")


def step(previous: float | None, current: float | None) -> str | None:
    """up / down / same from one period to the next; None unless both have a score."""
    return STEPS.get(compare(previous, current) or "")


@dataclass(frozen=True)
class Point:
    """One series (overall or a bank) in one period."""

    period: str | None
    assessed: bool  # the bank was in the file's scope
    score: float | None
    rag: str
    provisional: bool
    version: str | None
    step: str | None  # from the previous period

    @property
    def arrow(self) -> str:
        return ARROWS.get(self.step or "", "")


@dataclass(frozen=True)
class Series:
    id: str
    title: str
    points: tuple[Point, ...]


@dataclass(frozen=True)
class TargetTrend:
    """One target of the latest file: ``targets.progress`` from the first scored period."""

    progress: targets_mod.TargetProgress
    first_period: str | None
    first_score: float | None
    latest_period: str | None
    latest_rag: str

    @property
    def key(self) -> str:
        return self.progress.key

    @property
    def kind(self) -> str:
        return self.progress.kind

    @property
    def title(self) -> str:
        return self.progress.title

    @property
    def target(self) -> float | None:
        """The target as a percent (a level target is level/3 of 100)."""
        return self.progress.target_score

    @property
    def by(self) -> str | None:
        return self.progress.target.by

    @property
    def latest_score(self) -> float | None:
        return self.progress.current

    @property
    def status(self) -> str:
        return self.progress.status

    @property
    def met(self) -> bool:
        return self.progress.met

    @property
    def gap(self) -> float | None:
        return self.progress.gap

    @property
    def percent_of_way(self) -> float | None:
        return self.progress.percent_of_way


@dataclass(frozen=True)
class Trend:
    cards: tuple[ScoreCard, ...]  # sorted by period
    overall: Series
    banks: tuple[Series, ...]
    targets: tuple[TargetTrend, ...]
    warnings: tuple[str, ...]

    @property
    def periods(self) -> list[str | None]:
        return [c.assessment.period for c in self.cards]

    def labels(self) -> list[str]:
        """Column labels: the periods, numbered where two files share one (or have none)."""
        raw = [p or "no period" for p in self.periods]
        out = []
        for i, label in enumerate(raw):
            out.append(f"{label} ({i + 1})" if raw.count(label) > 1 else label)
        return out

    @property
    def partnership(self) -> str:
        return self.cards[-1].assessment.partnership if self.cards else ""


def _series_points(
    values: list[tuple[bool, float | None, str, bool, str | None]], periods: list[str | None]
) -> tuple[Point, ...]:
    points = []
    previous: float | None = None
    for i, (assessed, score, rag, provisional, version) in enumerate(values):
        points.append(
            Point(
                period=periods[i],
                assessed=assessed,
                score=score,
                rag=rag,
                provisional=provisional,
                version=version,
                step=step(previous, score) if i else None,
            )
        )
        previous = score
    return tuple(points)


def _subject(
    card: ScoreCard, key: str, names: list[str]
) -> tuple[str, str, float | None, str] | None:
    """(kind, title, score, rag) of what a target key names in one card, if anything.

    ``names``: the key and the ids the question it names replaced (earlier periods)."""
    found = card.subject(key)
    if found is None and "/" not in key:
        found = next((r for n in names if (r := card.question(n)) is not None), None)
    if isinstance(found, SectionResult):
        bank = card.bank(key.partition("/")[0])
        assert bank is not None
        return SECTION, f"{bank.bank.title}: {found.section.title}", found.score, found.rag
    if isinstance(found, BankResult):
        return BANK, found.bank.title, found.score, found.rag
    if isinstance(found, QuestionResult):
        return QUESTION, found.question.text, found.score, found.rag
    return None


def target_trends(cards: Sequence[ScoreCard], lineage: Iterable[Bank] = ()) -> list[TargetTrend]:
    """Each target of the latest card, measured from its first scored period."""
    if not cards:
        return []
    latest = cards[-1]
    direct = replaces_map([b.bank for c in cards for b in c.banks] + list(lineage))
    firsts: dict[str, tuple[str | None, float | None]] = {}
    for key in latest.assessment.targets:
        names = [key, *ancestors(key, direct)]
        firsts[key] = (None, None)
        for card in cards:
            found = _subject(card, key, names)
            if found is not None and found[2] is not None:
                firsts[key] = (card.assessment.period, found[2])
                break
    baselines = {key: score for key, (_, score) in firsts.items()}
    out = []
    for item in targets_mod.progress(latest, baselines):
        now = _subject(latest, item.key, [item.key])
        out.append(
            TargetTrend(
                progress=item,
                first_period=firsts[item.key][0],
                first_score=firsts[item.key][1],
                latest_period=latest.assessment.period,
                latest_rag=now[3] if now is not None else UNRATED,
            )
        )
    return out


def trend_warnings(cards: Sequence[ScoreCard]) -> list[str]:
    out: list[str] = []
    names = {
        fold(c.assessment.partnership): c.assessment.partnership
        for c in cards
        if c.assessment.partnership
    }
    if len(names) > 1:
        out.append(
            "the files are for different partnerships ("
            + ", ".join(repr(n) for n in names.values())
            + "); showing them together anyway"
        )
    periods = [c.assessment.period for c in cards if c.assessment.period]
    for period in sorted(set(periods), key=version_key):
        count = periods.count(period)
        if count > 1:
            out.append(f"{count} files are for period {period}")
    missing = [Path(c.assessment.path or "?").name for c in cards if not c.assessment.period]
    if missing:
        out.append(f"no period in {', '.join(missing)}; placed last")
    return out


def build_trend(cards: Iterable[ScoreCard], lineage: Iterable[Bank] = ()) -> Trend:
    """Line up several score cards by period: overall, each bank, targets."""
    ordered = sorted(cards, key=period_key)
    if not ordered:
        raise RefusedError("trend needs at least one assessment")
    periods = [c.assessment.period for c in ordered]
    overall = Series(
        "overall",
        "Overall",
        _series_points(
            [(True, c.overall.score, c.overall.rag, c.overall.provisional, None) for c in ordered],
            periods,
        ),
    )
    bank_ids: list[str] = []
    titles: dict[str, str] = {}
    for card in reversed(ordered):  # newest first: the latest order and titles win
        for result in card.banks:
            if result.id not in titles:
                titles[result.id] = result.bank.title
                bank_ids.append(result.id)
    # Display order: the latest file's order, then banks only older files had.
    latest_ids = [b.id for b in ordered[-1].banks]
    bank_ids = latest_ids + [b for b in bank_ids if b not in latest_ids]
    banks = []
    for bank_id in bank_ids:
        values: list[tuple[bool, float | None, str, bool, str | None]] = []
        for card in ordered:
            result = card.bank(bank_id)
            if result is None:
                values.append((False, None, UNRATED, False, None))
            else:
                values.append(
                    (True, result.score, result.rag, result.provisional, result.bank.version)
                )
        if all(score is None for _, score, _, _, _ in values):
            continue  # no score in any period: nothing to show (as in diff)
        banks.append(Series(bank_id, titles[bank_id], _series_points(values, periods)))
    targets = target_trends(ordered, lineage)
    return Trend(
        cards=tuple(ordered),
        overall=overall,
        banks=tuple(banks),
        targets=tuple(targets),
        warnings=tuple(trend_warnings(ordered)),
    )
