"""Scores and RAG across several years (``msht trend``), and progress toward targets.

Pure functions, no I/O. Each assessment is scored against its own bank versions first;
``build_trend`` sorts the score cards by period and lines up the overall score and
each bank's score, with a step (up / down / same) from one period to the next, judged
like ``diff.compare`` (unrounded scores, floating-point noise ignored). A bank with no
score in any period is left out, as ``diff`` leaves out what has no score on either side.

Targets come from the latest file's ``targets:`` block (SPEC section 3): a question id,
a bank id, or ``bank/section``, with a ``level`` (0..3, read as level/3 of 100) or a
``score`` (0..100). Progress is measured from the earliest period in which the target's
subject has a score ("since the first assessment") to the latest file:
``progress = (latest - first) / (target - first) * 100``, capped at 100 once the target
is met, negative when the score went backwards. Where the first score already met the
target there is no distance to cover: progress is 100 while the target is still met,
else 0. A question renamed through ``replaces`` is followed back to its old id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from msht_toolkit.assessment.model import Target
from msht_toolkit.banks.model import Bank, version_key
from msht_toolkit.diff import (
    DECLINED,
    EPSILON,
    IMPROVED,
    UNCHANGED,
    ancestors,
    compare,
    replaces_map,
)
from msht_toolkit.errors import UsageError
from msht_toolkit.scoring import UNRATED, ScoreCard

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
class TargetProgress:
    key: str
    kind: str  # question | section | bank
    title: str
    target: float  # percent
    by: str | None
    first_period: str | None
    first_score: float | None
    latest_period: str | None
    latest_score: float | None
    latest_rag: str

    @property
    def met(self) -> bool:
        return self.latest_score is not None and self.latest_score >= self.target - EPSILON

    @property
    def gap(self) -> float | None:
        """Points still to go (0 once met); None without a latest score."""
        if self.latest_score is None:
            return None
        return 0.0 if self.met else self.target - self.latest_score

    @property
    def progress(self) -> float | None:
        """Percent of the way from the first score to the target (see module notes)."""
        first, latest = self.first_score, self.latest_score
        if first is None or latest is None:
            return None
        distance = self.target - first
        if distance <= EPSILON:
            return 100.0 if self.met else 0.0
        return min((latest - first) / distance * 100, 100.0)


@dataclass(frozen=True)
class Trend:
    cards: tuple[ScoreCard, ...]  # sorted by period
    overall: Series
    banks: tuple[Series, ...]
    targets: tuple[TargetProgress, ...]
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


def _target_score(target: Target) -> float:
    if target.score is not None:
        return target.score
    assert target.level is not None
    return target.level / 3 * 100


def _subject(
    card: ScoreCard, key: str, names: list[str]
) -> tuple[str, str, float | None, str] | None:
    """(kind, title, score, rag) of what a target key names in one card, if anything."""
    if "/" in key:
        bank_id, _, section_id = key.partition("/")
        bank = card.bank(bank_id)
        section = next((s for s in bank.sections if s.id == section_id), None) if bank else None
        if section is None:
            return None
        return SECTION, f"{bank.bank.title}: {section.section.title}", section.score, section.rag
    bank = card.bank(key)
    if bank is not None:
        return BANK, bank.bank.title, bank.score, bank.rag
    for name in names:
        result = card.question(name)
        if result is not None:
            return QUESTION, result.question.text, result.score, result.rag
    return None


def target_progress(
    cards: Sequence[ScoreCard], lineage: Iterable[Bank] = ()
) -> tuple[list[TargetProgress], list[str]]:
    """Progress toward each target of the latest card, since the first scored period."""
    if not cards:
        return [], []
    latest = cards[-1]
    banks = [b.bank for c in cards for b in c.banks] + list(lineage)
    direct = replaces_map(banks)
    out: list[TargetProgress] = []
    warnings: list[str] = []
    for key, target in latest.assessment.targets.items():
        if target.score is None and target.level is None:
            continue
        names = [key, *ancestors(key, direct)]
        now = _subject(latest, key, [key])
        if now is None:
            warnings.append(f"target {key!r} names no question, bank or section of the latest file")
            continue
        kind, title, latest_score, latest_rag = now
        first_period, first_score = None, None
        for card in cards:
            found = _subject(card, key, names)
            if found is not None and found[2] is not None:
                first_period, first_score = card.assessment.period, found[2]
                break
        out.append(
            TargetProgress(
                key=key,
                kind=kind,
                title=title,
                target=_target_score(target),
                by=target.by,
                first_period=first_period,
                first_score=first_score,
                latest_period=latest.assessment.period,
                latest_score=latest_score,
                latest_rag=latest_rag,
            )
        )
    return out, warnings


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def trend_warnings(cards: Sequence[ScoreCard]) -> list[str]:
    out: list[str] = []
    names = {
        _norm(c.assessment.partnership): c.assessment.partnership
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
        raise UsageError("trend needs at least one assessment")
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
    targets, target_warnings = target_progress(ordered, lineage)
    return Trend(
        cards=tuple(ordered),
        overall=overall,
        banks=tuple(banks),
        targets=tuple(targets),
        warnings=tuple(trend_warnings(ordered) + target_warnings),
    )
