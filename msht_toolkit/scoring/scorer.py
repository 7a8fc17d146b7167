"""Scoring: answers + banks -> ratings. Pure functions, no I/O.

Scores are percentages 0..100 held unrounded; rounding happens only on output, and RAG
is decided on the unrounded score.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from msht_toolkit.assessment.model import Answer, Assessment

if TYPE_CHECKING:
    from msht_toolkit.analysis.outcomes import MeasureRow
    from msht_toolkit.banks.measures import Measure
from msht_toolkit.assessment.values import fraction
from msht_toolkit.banks import when as when_lang
from msht_toolkit.banks.model import (
    DEFAULT_AMBER,
    DEFAULT_GREEN,
    NOT_APPLICABLE,
    THEMES,
    UNKNOWN,
    Bank,
    Question,
    QuestionType,
    Section,
)
from msht_toolkit.gcpause import paused_gc


class Rag(StrEnum):
    """A rating, decided on the unrounded score; UNRATED where there is no score.

    A ``str`` (``Rag.RED == "RED"``), so JSON and every output write the word itself."""

    RED = "RED"
    AMBER = "AMBER"
    GREEN = "GREEN"
    UNRATED = "UNRATED"

    # repr as the plain text too ('RED'): messages and the charts' ids, made from reprs,
    # stay exactly what they were when ratings were bare strings
    __repr__ = str.__repr__


GREEN, AMBER, RED, UNRATED = Rag.GREEN, Rag.AMBER, Rag.RED, Rag.UNRATED
RAG_ORDER = (RED, AMBER, GREEN)  # worst first
PROVISIONAL_BELOW = 0.8

# Why a question has no score.
EXCLUDED_NA = "answered not applicable"
EXCLUDED_WHEN = "not applicable: its condition is false"
EXCLUDED_TEXT = "text question: recorded, never scored"
EXCLUDED_WEIGHT0 = "weight 0: recorded, never scored"
EXCLUDED_UNANSWERED = "not answered"


def rag_for(score: float | None, green: float = DEFAULT_GREEN, amber: float = DEFAULT_AMBER) -> Rag:
    """RED / AMBER / GREEN on the unrounded score; UNRATED where there is no score."""
    if score is None:
        return UNRATED
    if score >= green:
        return GREEN
    if score >= amber:
        return AMBER
    return RED


def weighted_mean(pairs: Iterable[tuple[float | None, float]]) -> float | None:
    """Mean of the non-null values by weight; None when no weight remains."""
    total = 0.0
    weight_sum = 0.0
    for value, weight in pairs:
        if value is None or weight <= 0:
            continue
        total += value * weight
        weight_sum += weight
    if weight_sum == 0:
        return None
    return total / weight_sum


def completeness_of(answered: int, applicable: int) -> float:
    return 1.0 if applicable == 0 else answered / applicable


@dataclass(frozen=True)
class QuestionResult:
    question: Question
    bank_id: str
    section_id: str
    answer: Answer | None
    value: Any
    applicable: bool
    answered: bool
    score: float | None  # percent
    rag: Rag
    excluded: str | None  # why there is no score, if there is none

    @property
    def id(self) -> str:
        return self.question.id

    @property
    def critical(self) -> bool:
        return self.question.critical

    @property
    def critical_failure(self) -> bool:
        """A critical question rated RED ("don't know" included): it caps its section."""
        return self.question.critical and self.applicable and self.rag == RED

    @property
    def evidence_gap(self) -> bool:
        return self.applicable and self.value == UNKNOWN


@dataclass(frozen=True)
class SectionResult:
    section: Section
    score: float | None
    rag: Rag
    completeness: float
    provisional: bool
    capped_by: str | None
    questions: tuple[QuestionResult, ...]
    applicable: int
    answered: int
    uncapped_rag: Rag

    @property
    def id(self) -> str:
        return self.section.id


@dataclass(frozen=True)
class BankResult:
    bank: Bank
    score: float | None
    rag: Rag
    completeness: float
    provisional: bool
    sections: tuple[SectionResult, ...]
    applicable: int
    answered: int

    @property
    def id(self) -> str:
        return self.bank.id

    def questions(self) -> Iterator[QuestionResult]:
        for section in self.sections:
            yield from section.questions


@dataclass(frozen=True)
class ThemeResult:
    id: str
    score: float | None
    rag: Rag
    banks: tuple[str, ...]


@dataclass(frozen=True)
class OverallResult:
    score: float | None
    rag: Rag
    completeness: float
    provisional: bool
    applicable: int
    answered: int


@dataclass(frozen=True)
class ScoreCard:
    assessment: Assessment
    banks: tuple[BankResult, ...]
    themes: tuple[ThemeResult, ...]
    overall: OverallResult
    # the file's performance measures (``outcomes.measure_rows``); set by ``with_measures``
    measures: tuple[MeasureRow, ...] = ()

    def with_measures(self, measures: Mapping[str, Measure]) -> ScoreCard:
        """This card with the file's figures for the loaded ``measures`` beside it."""
        from dataclasses import replace

        from msht_toolkit.analysis.outcomes import measure_rows

        rows = measure_rows(self.assessment, measures, [b.id for b in self.banks])
        return replace(self, measures=rows)

    def questions(self) -> Iterator[QuestionResult]:
        for bank in self.banks:
            yield from bank.questions()

    def question(self, qid: str) -> QuestionResult | None:
        return next((q for q in self.questions() if q.id == qid), None)

    def bank(self, bank_id: str) -> BankResult | None:
        return next((b for b in self.banks if b.id == bank_id), None)

    def section(self, bank_id: str, section_id: str) -> SectionResult | None:
        bank = self.bank(bank_id)
        return next((s for s in bank.sections if s.id == section_id), None) if bank else None

    def subject(self, key: str) -> BankResult | SectionResult | QuestionResult | None:
        """What a key names in this card: ``bank/section``, else a bank id, else a
        question id (targets and ``explain`` name their subject so); None for nothing."""
        if "/" in key:
            bank_id, _, section_id = key.partition("/")
            return self.section(bank_id, section_id)
        return self.bank(key) or self.question(key)


def applicability(bank: Bank, answers: dict[str, Answer]) -> dict[str, str | None]:
    """For each question of a bank: None when applicable, else why not.

    ``when`` conditions see earlier questions' values, with questions that are
    themselves not applicable read as ``na``.
    """
    effective: dict[str, Any] = {}
    out: dict[str, str | None] = {}
    for question in bank.questions():
        answer = answers.get(question.id)
        value = answer.value if answer is not None else None
        reason: str | None = None
        if question.when is not None and not when_lang.evaluate(question.when, effective):
            reason = EXCLUDED_WHEN
        elif value == NOT_APPLICABLE:
            reason = EXCLUDED_NA
        out[question.id] = reason
        effective[question.id] = NOT_APPLICABLE if reason else value
    return out


def score_question(
    question: Question,
    bank: Bank,
    section: Section,
    answer: Answer | None,
    not_applicable: str | None,
) -> QuestionResult:
    value = answer.value if answer is not None else None
    applicable = not_applicable is None
    answered = applicable and value is not None
    excluded = not_applicable
    score: float | None = None
    if applicable:
        if question.type == QuestionType.TEXT:
            excluded = EXCLUDED_TEXT
        elif question.weight <= 0:
            excluded = EXCLUDED_WEIGHT0
        elif not answered:
            excluded = EXCLUDED_UNANSWERED
        else:
            part = fraction(question, value)
            score = None if part is None else part * 100
    return QuestionResult(
        question=question,
        bank_id=bank.id,
        section_id=section.id,
        answer=answer,
        value=value,
        applicable=applicable,
        answered=answered,
        score=score,
        rag=rag_for(score, bank.green, bank.amber),
        excluded=excluded,
    )


def score_section(
    section: Section, bank: Bank, answers: dict[str, Answer], reasons: dict[str, str | None]
) -> SectionResult:
    results = tuple(
        score_question(q, bank, section, answers.get(q.id), reasons[q.id])
        for q in section.questions
    )
    score = weighted_mean((r.score, r.question.weight) for r in results)
    rag = rag_for(score, bank.green, bank.amber)
    capped_by = next((r.id for r in results if r.critical_failure), None)
    applicable = sum(1 for r in results if r.applicable)
    answered = sum(1 for r in results if r.answered)
    completeness = completeness_of(answered, applicable)
    return SectionResult(
        section=section,
        score=score,
        rag=RED if capped_by else rag,
        completeness=completeness,
        provisional=completeness < PROVISIONAL_BELOW,
        capped_by=capped_by,
        questions=results,
        applicable=applicable,
        answered=answered,
        uncapped_rag=rag,
    )


def score_bank(bank: Bank, answers: dict[str, Answer]) -> BankResult:
    reasons = applicability(bank, answers)
    sections = tuple(score_section(s, bank, answers, reasons) for s in bank.sections)
    questions = [q for s in sections for q in s.questions]
    score = weighted_mean((q.score, q.question.weight) for q in questions)
    applicable = sum(s.applicable for s in sections)
    answered = sum(s.answered for s in sections)
    completeness = completeness_of(answered, applicable)
    return BankResult(
        bank=bank,
        score=score,
        rag=rag_for(score, bank.green, bank.amber),
        completeness=completeness,
        provisional=completeness < PROVISIONAL_BELOW,
        sections=sections,
        applicable=applicable,
        answered=answered,
    )


@paused_gc()
def score_assessment(assessment: Assessment, banks: Iterable[Bank]) -> ScoreCard:
    """Score an assessment against the given banks (its scope, see ``assessment.check.scope``).

    Values must already be normalized (``assessment.check.check_answers`` does that).
    """
    results = tuple(score_bank(bank, assessment.answers) for bank in banks)
    themes = []
    for theme in THEMES:
        members = [r for r in results if r.bank.theme == theme]
        if not members:
            continue
        score = weighted_mean((r.score, r.bank.weight) for r in members)
        themes.append(ThemeResult(theme, score, rag_for(score), tuple(r.id for r in members)))
    overall_score = weighted_mean((r.score, r.bank.weight) for r in results)
    applicable = sum(r.applicable for r in results)
    answered = sum(r.answered for r in results)
    completeness = completeness_of(answered, applicable)
    overall = OverallResult(
        score=overall_score,
        rag=rag_for(overall_score),
        completeness=completeness,
        provisional=completeness < PROVISIONAL_BELOW,
        applicable=applicable,
        answered=answered,
    )
    return ScoreCard(assessment, results, tuple(themes), overall)


def round_score(score: float | None) -> float | None:
    """One decimal for output; None stays None."""
    return None if score is None else round(score + 0.0, 1)  # + 0.0 turns -0.0 into 0.0
