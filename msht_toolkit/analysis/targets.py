"""Targets and progress (``targets:``): where the partnership wants to be.

A target names a question id, a bank id or ``bank/section`` and sets a ``level`` (0..3)
or a ``score`` (0..100), with an optional date ``by``. ``progress(card)`` compares each
target with the ``ScoreCard`` that ``score`` prints, so the numbers are the same ones.

Every target is reported on its own, never folded into another: a question or section
above its target cannot hide one below it, and ``ordered`` puts those below target
first. Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from msht_toolkit import vocabulary
from msht_toolkit.assessment.model import Target, as_date
from msht_toolkit.assessment.values import describe
from msht_toolkit.banks.model import UNKNOWN, QuestionType
from msht_toolkit.scoring.scorer import (
    BankResult,
    QuestionResult,
    ScoreCard,
    SectionResult,
)

QUESTION, SECTION, BANK, UNMATCHED = "question", "section", "bank", "unmatched"

MET = "met"
BELOW = "below target"
OVERDUE = "overdue"
NOT_RATED = "not rated"
NOT_FOUND = "not in this assessment"
STATUS_ORDER = (OVERDUE, BELOW, NOT_RATED, NOT_FOUND, MET)  # most urgent first


@dataclass(frozen=True)
class TargetProgress:
    """One target compared with the current ratings.

    ``gap`` is in score points (0..100) still to go, 0 once met; ``levels_to_go`` is
    set for a level target on a scale question. ``percent_of_way`` is how far the
    current score has come from the baseline (0 without one) towards the target.
    """

    key: str
    kind: str  # question | section | bank | unmatched
    title: str
    target: Target
    target_score: float | None
    current: float | None
    current_text: str
    gap: float | None
    levels_to_go: int | None
    percent_of_way: float | None
    baseline: float | None
    status: str

    @property
    def met(self) -> bool:
        return self.status == MET

    @property
    def target_text(self) -> str:
        if self.target.level is not None:
            return f"level {self.target.level}"
        if self.target.score is not None:
            return f"score {self.target.score:g}"
        return "-"

    @property
    def gap_text(self) -> str:
        if self.status == MET:
            return "met"
        if self.levels_to_go is not None:
            return vocabulary.plural(self.levels_to_go, "level")
        if self.gap is None:
            return vocabulary.NO_FIGURE
        return f"{vocabulary.score(self.gap)} points"

    @property
    def percent_text(self) -> str:
        return vocabulary.percentage(self.percent_of_way)

    def row(self, title: str | None = None) -> tuple[str, ...]:
        """A targets table's row: target, for (``title``, default the whole title), aim,
        now, gap, percent of the way, by, status."""
        return (
            self.key,
            self.title if title is None else title,
            self.target_text,
            self.current_text,
            self.gap_text,
            self.percent_text,
            self.target.by or "-",
            self.status,
        )


@dataclass(frozen=True)
class TargetSummary:
    total: int
    met: int
    below: int  # below target, overdue included
    overdue: int
    not_rated: int
    not_found: int

    def sentence(self) -> str:
        """The summary in one plain sentence."""
        if self.total == 0:
            return "No targets are set."
        parts = [f"{self.met} of {self.total} target{'s' if self.total != 1 else ''} met"]
        if self.below:
            extra = f" ({self.overdue} past the target date)" if self.overdue else ""
            parts.append(f"{self.below} below target{extra}")
        if self.not_rated:
            parts.append(f"{self.not_rated} not yet rated")
        if self.not_found:
            parts.append(f"{self.not_found} naming nothing in this assessment")
        return "; ".join(parts) + "."


def target_score(target: Target) -> float | None:
    """The target as a percent: a level is level/3 of 100, a score is itself."""
    if target.level is not None:
        return target.level / 3 * 100
    return target.score


def percent_of_way(current: float, goal: float, baseline: float | None = None) -> float:
    """How far ``current`` has come from ``baseline`` (default 0) to ``goal``, 0..100."""
    start = 0.0 if baseline is None else baseline
    if current >= goal:
        return 100.0
    if goal <= start:
        return 0.0
    return max(0.0, min(100.0, (current - start) / (goal - start) * 100))


def _question_current(result: QuestionResult) -> tuple[float | None, int | None, str]:
    level = (
        result.value
        if result.question.type == QuestionType.SCALE and isinstance(result.value, int)
        else None
    )
    if not result.applicable:
        return None, None, "not applicable"
    if result.value is None:
        return None, None, "not answered"
    if result.value == UNKNOWN:
        text = "don't know"
    elif level is not None:
        text = f"level {level}"
    else:
        text = describe(result.question, result.value)
        if result.score is not None and result.question.type in (
            QuestionType.NUMBER,
            QuestionType.CHOICE,
        ):
            # a count or an option says nothing of the target's scale: show its score
            text = f"{text} (score {vocabulary.score(result.score)})"
    return result.score, level, text


def _resolve(card: ScoreCard, key: str) -> tuple[str, str, float | None, int | None, str]:
    """kind, title, current score, current level (scale questions), current in words."""
    found = card.subject(key)
    if isinstance(found, SectionResult):
        bank = card.bank(key.partition("/")[0])
        assert bank is not None
        title = f"{bank.bank.title}: {found.section.title}"
        return SECTION, title, found.score, None, vocabulary.score(found.score)
    if isinstance(found, BankResult):
        return BANK, found.bank.title, found.score, None, vocabulary.score(found.score)
    if isinstance(found, QuestionResult):
        score, level, text = _question_current(found)
        return QUESTION, found.question.text, score, level, text
    return UNMATCHED, key, None, None, "-"


def progress(
    card: ScoreCard, baselines: dict[str, float | None] | None = None
) -> list[TargetProgress]:
    """Every target of the card's assessment, in file order, compared with the card.

    ``baselines`` (target key -> an earlier score in percent) makes ``percent_of_way``
    measure progress from that earlier score instead of from 0.
    """
    assessment = card.assessment
    on = as_date(assessment.assessed_on)
    out = []
    for key, target in assessment.targets.items():
        kind, title, current, level, text = _resolve(card, key)
        goal = target_score(target)
        baseline = (baselines or {}).get(key)
        gap: float | None = None
        levels_to_go: int | None = None
        way: float | None = None
        if kind == UNMATCHED:
            status = NOT_FOUND
        elif current is None or goal is None:
            status = NOT_RATED
        else:
            # a level target on a scale question compares levels, exactly
            if target.level is not None and level is not None:
                met = level >= target.level
                levels_to_go = 0 if met else target.level - level
            else:
                met = current >= goal
            gap = 0.0 if met else goal - current
            way = percent_of_way(current, goal, baseline)
            if met:
                way = 100.0
            due = as_date(target.by)
            if met:
                status = MET
            elif due is not None and on is not None and due < on:
                status = OVERDUE
            else:
                status = BELOW
        out.append(
            TargetProgress(
                key=key,
                kind=kind,
                title=title,
                target=target,
                target_score=goal,
                current=current,
                current_text=text,
                gap=gap,
                levels_to_go=levels_to_go,
                percent_of_way=way,
                baseline=baseline,
                status=status,
            )
        )
    return out


def ordered(items: Iterable[TargetProgress]) -> list[TargetProgress]:
    """Most urgent first: overdue, below target (largest gap first), unrated, met.

    Stable inside each group, so file order breaks ties.
    """
    return sorted(
        items,
        key=lambda p: (STATUS_ORDER.index(p.status), -(p.gap or 0.0)),
    )


def summarise(items: Sequence[TargetProgress]) -> TargetSummary:
    count = {status: sum(1 for p in items if p.status == status) for status in STATUS_ORDER}
    return TargetSummary(
        total=len(items),
        met=count[MET],
        below=count[BELOW] + count[OVERDUE],
        overdue=count[OVERDUE],
        not_rated=count[NOT_RATED],
        not_found=count[NOT_FOUND],
    )
