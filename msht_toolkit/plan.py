"""The action plan: a score card -> prioritised actions, evidence gaps and phases.

A bank's recommended action applies to an answer when the question is applicable and
answered and the answer scores below the action's ``below``: for a scale question the
level is compared with ``below`` (a level 1..3), otherwise the score as a fraction 0..1;
``unknown`` scores 0, so every action of a "don't know" applies (SPEC section 2).

Order: critical failures first of all (a critical question rated RED, the ones that cap
their section), then priority high, medium, low, and inside each priority by 4P theme
(pursue, prevent, protect, prepare, cross-cutting), then bank and question order.

Owner, due date and status come from the assessment's ``plan:`` block, keyed by question
id; the bank's ``owner`` is the suggested lead agency. Pure functions, no I/O.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from msht_toolkit.assessment.model import PlanEntry, as_date
from msht_toolkit.assessment.values import describe, fraction
from msht_toolkit.banks.model import PRIORITIES, THEMES, UNKNOWN, Action, Question
from msht_toolkit.errors import UsageError
from msht_toolkit.scoring import AMBER, RED, BankResult, QuestionResult, ScoreCard

CRITICAL = "critical"
CLOSED_STATUSES = ("done", "dropped")
DEFAULT_PHASES = 3
MAX_PHASES = 12
HORIZON_MONTHS = 12


@dataclass(frozen=True)
class PlanItem:
    """One recommended action that applies, with why it applies and who does it."""

    ref: str  # A1, A2, ... in plan order
    action: Action | None  # None: a critical failure the bank has no action for
    result: QuestionResult
    bank: BankResult
    section_title: str
    current: str  # the answer in words: level descriptor, option label, ...
    critical_failure: bool
    agreed: PlanEntry | None

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
        return self.action.priority if self.action else "high"

    @property
    def group(self) -> str:
        """``critical`` for critical failures, otherwise the action's priority."""
        return CRITICAL if self.critical_failure else self.priority

    @property
    def text(self) -> str:
        if self.action is not None:
            return self.action.do
        return "No recommended action in the bank: the partnership should agree one."

    @property
    def note(self) -> str | None:
        return self.result.answer.note if self.result.answer else None

    @property
    def suggested_owner(self) -> str | None:
        return self.action.owner if self.action else None

    @property
    def owner(self) -> str | None:
        return self.agreed.owner if self.agreed else None

    @property
    def due(self) -> str | None:
        return self.agreed.due if self.agreed else None

    @property
    def status(self) -> str | None:
        return self.agreed.status if self.agreed else None

    @property
    def closed(self) -> bool:
        return self.status in CLOSED_STATUSES


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
class Phase:
    number: int
    start_month: int
    end_month: int
    start: dt.date | None  # from the assessment date, where it has one
    end: dt.date | None
    items: tuple[PlanItem, ...]

    @property
    def label(self) -> str:
        return f"Phase {self.number}: months {self.start_month}–{self.end_month}"


@dataclass(frozen=True)
class ActionPlan:
    card: ScoreCard
    items: tuple[PlanItem, ...]  # every applicable action, in plan order
    evidence_gaps: tuple[EvidenceGap, ...]
    red_questions: int
    amber_questions: int
    critical_failures: tuple[QuestionResult, ...]
    phases: tuple[Phase, ...] = ()
    closed: tuple[PlanItem, ...] = ()  # done or dropped: left out of phases
    notes: tuple[str, ...] = field(default=())  # why an item went where it did

    def group(self, name: str) -> list[PlanItem]:
        """Items of one group: ``critical`` or a priority."""
        return [i for i in self.items if i.group == name]

    def by_theme(self, items: list[PlanItem]) -> Iterator[tuple[str, list[PlanItem]]]:
        """Items split by 4P theme, themes in their standard order; empty ones skipped."""
        for theme in THEMES:
            members = [i for i in items if i.theme == theme]
            if members:
                yield theme, members

    @property
    def critical_items(self) -> list[PlanItem]:
        return self.group(CRITICAL)


def answer_fraction(question: Question, value: object) -> float | None:
    """The answer's score 0..1 for deciding actions, also on weight-0 questions."""
    if not question.scored and question.type != "text":
        question = dataclasses.replace(question, weight=1.0)
    return fraction(question, value)


def action_applies(action: Action, result: QuestionResult) -> bool:
    """Does ``action`` apply to this answer? Never when not applicable or unanswered."""
    if not result.applicable or not result.answered:
        return False
    value = result.value
    if result.question.type == "scale":
        level = 0 if value == UNKNOWN else value
        return isinstance(level, int) and level < action.below
    part = answer_fraction(result.question, value)
    return part is not None and part < action.below


def is_critical_failure(result: QuestionResult) -> bool:
    """A critical question rated RED ("don't know" included): it caps its section."""
    return result.critical and result.applicable and result.rag == RED


def _group_rank(item: PlanItem) -> tuple[int, int]:
    group = 0 if item.critical_failure else 1 + PRIORITIES.index(item.priority)
    theme = THEMES.index(item.theme) if item.theme in THEMES else len(THEMES)
    return group, theme


def build_plan(card: ScoreCard, phases: int | None = None) -> ActionPlan:
    """The action plan of a scored assessment; ``phases`` spreads it over N phases."""
    plan_block = card.assessment.plan
    raw: list[PlanItem] = []
    gaps: list[EvidenceGap] = []
    critical: list[QuestionResult] = []
    for bank in card.banks:
        for section in bank.sections:
            for result in section.questions:
                if result.evidence_gap:
                    gaps.append(EvidenceGap(result, bank, section.section.title))
                failing = is_critical_failure(result)
                if failing:
                    critical.append(result)
                actions: list[Action | None] = [
                    a for a in result.question.actions if action_applies(a, result)
                ]
                if failing and not actions:
                    actions = [None]
                for action in actions:
                    raw.append(
                        PlanItem(
                            ref="",
                            action=action,
                            result=result,
                            bank=bank,
                            section_title=section.section.title,
                            current=describe(result.question, result.value),
                            critical_failure=failing,
                            agreed=plan_block.get(result.id),
                        )
                    )
    ordered = sorted(raw, key=_group_rank)  # stable: bank and question order inside
    items = tuple(dataclasses.replace(item, ref=f"A{i}") for i, item in enumerate(ordered, 1))
    results = list(card.questions())
    plan = ActionPlan(
        card=card,
        items=items,
        evidence_gaps=tuple(gaps),
        red_questions=sum(1 for r in results if r.rag == RED),
        amber_questions=sum(1 for r in results if r.rag == AMBER),
        critical_failures=tuple(critical),
    )
    if phases is None:
        return plan
    return spread(plan, phases)


# ---------------------------------------------------------------- phases


def phase_bounds(count: int) -> list[tuple[int, int]]:
    """Month windows of ``count`` phases over 12 months: 3 phases are 0–3, 3–6, 6–12."""
    if not 1 <= count <= MAX_PHASES:
        raise UsageError(f"--phases must be a whole number from 1 to {MAX_PHASES}, not {count}")
    if count == 3:
        ends = [3, 6, 12]
    else:
        ends = [round(HORIZON_MONTHS * i / count) for i in range(1, count + 1)]
    starts = [0, *ends[:-1]]
    return list(zip(starts, ends, strict=True))


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months, clamped to the end of a shorter month."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def priority_phase(item: PlanItem, count: int) -> int:
    """0-based phase for an item without an agreed date: critical and high first,
    medium in the middle, low last (3 phases: high 1, medium 2, low 3)."""
    if item.critical_failure:
        return 0
    position = PRIORITIES.index(item.priority)  # 0 high, 1 medium, 2 low
    return int(position * (count - 1) / 2 + 0.5)


def spread(plan: ActionPlan, count: int = DEFAULT_PHASES) -> ActionPlan:
    """Spread open actions over ``count`` phases; agreed due dates decide where they can.

    An action with an agreed due date goes in the phase whose window holds that date
    (before the assessment date: the first phase; after the last window: the last).
    Without a date, or without an assessment date to count from, its priority decides.
    Done and dropped actions are listed apart, not scheduled.
    """
    bounds = phase_bounds(count)
    start = as_date(plan.card.assessment.assessed_on)
    ends = [add_months(start, end) for _, end in bounds] if start else []
    slots: list[list[PlanItem]] = [[] for _ in bounds]
    notes: list[str] = []
    closed: list[PlanItem] = []
    for item in plan.items:
        if item.closed:
            closed.append(item)
            continue
        due = as_date(item.due)
        index = priority_phase(item, count)
        if due is not None and start is not None:
            index = next((i for i, end in enumerate(ends) if due <= end), len(ends) - 1)
            if due < start:
                notes.append(f"{item.ref} was due on {item.due}, before this assessment.")
            elif due > ends[-1]:
                notes.append(f"{item.ref} is due on {item.due}, after the last phase ends.")
            elif index > priority_phase(item, count):
                notes.append(
                    f"{item.ref} is in phase {index + 1}, later than its priority suggests, "
                    f"because its agreed due date is {item.due}."
                )
        slots[index].append(item)
    phases = tuple(
        Phase(
            number=i + 1,
            start_month=s,
            end_month=e,
            start=add_months(start, s) if start else None,
            end=ends[i] if start else None,
            items=tuple(slots[i]),
        )
        for i, (s, e) in enumerate(bounds)
    )
    return dataclasses.replace(plan, phases=phases, closed=tuple(closed), notes=tuple(notes))
