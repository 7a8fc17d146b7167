"""The action plan: a score card -> a short, ranked list for the board.

A bank's recommended action *applies* to an answer when the question is applicable and
answered and the answer scores below the action's ``below``: for a scale question the
level is compared with ``below`` (a level 1..3), otherwise the score as a fraction 0..1;
``unknown`` scores 0, so every action of a "don't know" applies.

Per question, not per action:

- its *next step* is the applicable action with the lowest ``below`` (the first in bank
  order on a tie); the other applicable actions are its *later steps*;
- its *gain* is the rise of the overall score, in points, if its answer moved to the next
  better value with every other answer held (``next_better_value``);
- ranking: critical failures first (a critical question rated RED), then the next step's
  priority (high, medium, low), then gain, highest first, compared rounded to two
  decimals, then bank order;
- a question whose ``plan:`` status is done, deferred or dropped leaves the ranking and
  is listed as closed with its reason; proposed, agreed and in-progress items keep their
  place and carry their decision (owner, due date, status).

The first ``top`` ranked questions are the *priorities*, the rest *further actions*.
Pure functions, no I/O.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

from msht_toolkit.analysis.phases import Phase, spread
from msht_toolkit.assessment.model import Answer, PlanEntry
from msht_toolkit.assessment.values import describe, unweighted_fraction
from msht_toolkit.banks.model import PRIORITIES, UNKNOWN, Action, Question, QuestionType
from msht_toolkit.errors import UsageError
from msht_toolkit.scoring.scorer import (
    AMBER,
    RED,
    BankResult,
    QuestionResult,
    ScoreCard,
    score_bank,
    weighted_mean,
)

CLOSED_STATUSES = ("done", "deferred", "dropped")
DEFAULT_TOP = 15
GAIN_DECIMALS = 2
NO_ACTION_TEXT = "No recommended action in the bank: the partnership should agree one."


@dataclass(frozen=True)
class PlanItem:
    """One ranked question: its next step, later steps, gain and the partnership's decision."""

    rank: int  # 1, 2, ... in plan order
    result: QuestionResult
    bank: BankResult
    section_title: str
    current: str  # the answer in words: level descriptor, option label, ...
    critical_failure: bool
    next_step: Action | None  # None: a critical failure the bank has no action for
    later_steps: tuple[Action, ...]
    gain: float  # points of overall score, unrounded
    decision: PlanEntry | None

    @property
    def question(self) -> Question:
        return self.result.question

    @property
    def qid(self) -> str:
        return self.result.id

    @property
    def theme(self) -> str:
        return self.bank.bank.theme

    @property
    def priority(self) -> str:
        return self.next_step.priority if self.next_step else "high"

    @property
    def text(self) -> str:
        return self.next_step.do if self.next_step is not None else NO_ACTION_TEXT

    @property
    def note(self) -> str | None:
        return self.result.answer.note if self.result.answer else None

    @property
    def suggested_owner(self) -> str | None:
        return self.next_step.owner if self.next_step else None

    @property
    def owner(self) -> str | None:
        return self.decision.owner if self.decision else None

    @property
    def due(self) -> str | None:
        return self.decision.due if self.decision else None

    @property
    def status(self) -> str | None:
        return self.decision.status if self.decision else None

    @property
    def rounded_gain(self) -> float:
        return round(self.gain + 0.0, GAIN_DECIMALS)


@dataclass(frozen=True)
class ClosedItem:
    """A question whose decision is done, deferred or dropped: out of the ranking."""

    result: QuestionResult
    bank: BankResult
    section_title: str
    decision: PlanEntry
    next_step: Action | None  # what would have been recommended, if anything applies

    @property
    def qid(self) -> str:
        return self.result.id

    @property
    def question(self) -> Question:
        return self.result.question

    @property
    def status(self) -> str:
        return self.decision.status or ""

    @property
    def reason(self) -> str | None:
        return self.decision.reason


@dataclass(frozen=True)
class EvidenceGap:
    """A "don't know" answer: the partnership could not say, so evidence is missing."""

    result: QuestionResult
    bank: BankResult
    section_title: str

    @property
    def question(self) -> Question:
        return self.result.question

    @property
    def note(self) -> str | None:
        return self.result.answer.note if self.result.answer else None

    @property
    def by(self) -> str | None:
        return self.result.answer.by if self.result.answer else None


@dataclass(frozen=True)
class ActionPlan:
    card: ScoreCard
    ranked: tuple[PlanItem, ...]  # every open question with a next step, in rank order
    top: int | None  # how many are priorities; None: all of them
    closed: tuple[ClosedItem, ...]  # done, deferred or dropped, in bank order
    evidence_gaps: tuple[EvidenceGap, ...]
    red_questions: int
    amber_questions: int
    critical_failures: tuple[QuestionResult, ...]
    phases: tuple[Phase, ...] = ()  # the priorities spread over time, when asked for
    notes: tuple[str, ...] = field(default=())  # why a priority went where it did

    @property
    def priorities(self) -> tuple[PlanItem, ...]:
        return self.ranked if self.top is None else self.ranked[: self.top]

    @property
    def further(self) -> tuple[PlanItem, ...]:
        return () if self.top is None else self.ranked[self.top :]

    @property
    def decided(self) -> tuple[PlanItem, ...]:
        """Ranked items that carry a decision (owner, due date or status)."""
        return tuple(i for i in self.ranked if i.decision is not None)

    def item(self, qid: str) -> PlanItem | None:
        return next((i for i in self.ranked if i.qid == qid), None)


# ---------------------------------------------------------------- which actions apply


def action_applies(action: Action, result: QuestionResult) -> bool:
    """Does ``action`` apply to this answer? Never when not applicable or unanswered."""
    if not result.applicable or not result.answered:
        return False
    value = result.value
    if result.question.type == QuestionType.SCALE:
        level = 0 if value == UNKNOWN else value
        return isinstance(level, int) and level < action.below
    part = unweighted_fraction(result.question, value)
    return part is not None and part < action.below


def steps(result: QuestionResult) -> tuple[Action | None, tuple[Action, ...]]:
    """The next step (lowest ``below``, first in bank order on a tie) and the later ones."""
    applicable = [a for a in result.question.actions if action_applies(a, result)]
    if not applicable:
        return None, ()
    ordered = sorted(applicable, key=lambda a: a.below)  # stable: bank order on a tie
    return ordered[0], tuple(ordered[1:])


# ---------------------------------------------------------------- gain


def next_better_value(question: Question, value: Any) -> Any:
    """The answer one step better than ``value``, or None where there is none.

    Scale: one level up (``unknown`` counts as level 0). Yes/no: yes. Choice: the option
    with the next higher score (the first such option). Number: the ``min`` of the
    threshold with the next higher score (the lowest such ``min``).
    """
    kind = question.type
    if kind == "scale":
        level = 0 if value == UNKNOWN else value
        if not isinstance(level, int) or level >= len(question.levels) - 1:
            return None
        return level + 1
    if kind == "yesno":
        return None if value == "yes" else "yes"
    current = unweighted_fraction(question, value)
    if current is None:
        return None
    if kind == "choice":
        better = [o for o in question.options if o.score > current]
        if not better:
            return None
        best = min(o.score for o in better)
        return next(o.id for o in better if o.score == best)
    if kind == "number":
        better = [t for t in question.thresholds if t.score > current]
        if not better:
            return None
        best = min(t.score for t in better)
        low = min(t.min for t in better if t.score == best)
        return int(low) if float(low).is_integer() else low
    return None


def overall_with(card: ScoreCard, bank: BankResult, qid: str, value: Any) -> float | None:
    """The overall score if ``qid`` (in ``bank``) were answered ``value``, all else held."""
    answers = dict(card.assessment.answers)
    old = answers.get(qid)
    answers[qid] = dataclasses.replace(old, value=value) if old else Answer(value=value)
    rescored = score_bank(bank.bank, answers)
    return weighted_mean(
        (rescored.score if b is bank else b.score, b.bank.weight) for b in card.banks
    )


def gain_of(card: ScoreCard, bank: BankResult, result: QuestionResult) -> float:
    """Points the overall score would rise by with this answer one step better."""
    better = next_better_value(result.question, result.value)
    before = card.overall.score
    if better is None or before is None:
        return 0.0
    after = overall_with(card, bank, result.id, better)
    return 0.0 if after is None else after - before


# ---------------------------------------------------------------- ranking


def rank_key(item: PlanItem) -> tuple[int, int, float]:
    """Critical failures first, then priority, then gain (highest first, two decimals).

    Sorting is stable, so bank order decides what is left.
    """
    return (
        0 if item.critical_failure else 1,
        PRIORITIES.index(item.priority),
        -item.rounded_gain,
    )


def is_closed(entry: PlanEntry | None) -> bool:
    return entry is not None and entry.status in CLOSED_STATUSES


def build_plan(
    card: ScoreCard, top: int | None = DEFAULT_TOP, phases: int | None = None
) -> ActionPlan:
    """The ranked plan of a scored assessment.

    ``top``: how many ranked questions are priorities (None: all). ``phases`` spreads
    the priorities over N phases of the coming 12 months.
    """
    if top is not None and top < 1:
        raise UsageError(f"--top must be a whole number of at least 1, not {top}")
    decisions = card.assessment.plan
    raw: list[PlanItem] = []
    closed: list[ClosedItem] = []
    gaps: list[EvidenceGap] = []
    critical: list[QuestionResult] = []
    for bank in card.banks:
        for section in bank.sections:
            title = section.section.title
            for result in section.questions:
                if result.evidence_gap:
                    gaps.append(EvidenceGap(result, bank, title))
                failing = result.critical_failure
                if failing:
                    critical.append(result)
                next_step, later = steps(result)
                decision = decisions.get(result.id)
                if is_closed(decision):
                    assert decision is not None
                    closed.append(ClosedItem(result, bank, title, decision, next_step))
                    continue
                if next_step is None and not failing:
                    continue
                raw.append(
                    PlanItem(
                        rank=0,
                        result=result,
                        bank=bank,
                        section_title=title,
                        current=describe(result.question, result.value),
                        critical_failure=failing,
                        next_step=next_step,
                        later_steps=later,
                        gain=gain_of(card, bank, result),
                        decision=decision,
                    )
                )
    ordered = sorted(raw, key=rank_key)
    ranked = tuple(dataclasses.replace(item, rank=n) for n, item in enumerate(ordered, 1))
    results = list(card.questions())
    plan = ActionPlan(
        card=card,
        ranked=ranked,
        top=top,
        closed=tuple(closed),
        evidence_gaps=tuple(gaps),
        red_questions=sum(1 for r in results if r.rag == RED),
        amber_questions=sum(1 for r in results if r.rag == AMBER),
        critical_failures=tuple(critical),
    )
    return plan if phases is None else spread(plan, phases)
