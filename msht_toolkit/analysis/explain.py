"""How a rating was reached (``msht explain FILE [ID]``), read off the ``ScoreCard``.

Nothing here scores anything: every score, RAG, cap and completeness comes from the
card that ``msht score`` prints. This module only lists the terms that went into each
weighted mean, what was left out and why, the thresholds applied and any critical cap.

``explain(card, target)``: ``target`` is a question id, a bank id, ``bank/section``, or
None for the overall rating; ``render.terminal.explain.explanation_lines`` writes the
result as plain text. Pure functions, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from msht_toolkit.assessment.values import describe
from msht_toolkit.banks.model import DEFAULT_AMBER, DEFAULT_GREEN, UNKNOWN, Question
from msht_toolkit.errors import NotFoundError
from msht_toolkit.scoring.scorer import (
    EXCLUDED_WHEN,
    RED,
    BankResult,
    QuestionResult,
    ScoreCard,
    SectionResult,
)
from msht_toolkit.vocabulary import score as fmt

QUESTION, SECTION, BANK, OVERALL = "question", "section", "bank", "overall"


@dataclass(frozen=True)
class Term:
    """One term of a weighted mean: a score (percent) and its weight."""

    id: str
    label: str
    score: float
    weight: float
    critical: bool = False

    @property
    def product(self) -> float:
        return self.score * self.weight


@dataclass(frozen=True)
class Excluded:
    id: str
    label: str
    reason: str


@dataclass(frozen=True)
class Thresholds:
    green: float
    amber: float
    source: str  # e.g. "bank identification" or "default for themes and overall"


@dataclass(frozen=True)
class Explanation:
    kind: str
    id: str
    title: str
    score: float | None
    rag: str
    thresholds: Thresholds
    terms: tuple[Term, ...] = ()
    excluded: tuple[Excluded, ...] = ()
    how: tuple[str, ...] = ()  # plain sentences: how a question's score came about
    uncapped_rag: str | None = None
    capped_by: str | None = None
    completeness: float | None = None
    answered: int | None = None
    applicable: int | None = None
    provisional: bool | None = None
    parts: tuple[Explanation, ...] = field(default=())  # e.g. themes under overall

    @property
    def total(self) -> float:
        return sum(t.product for t in self.terms)

    @property
    def weight_sum(self) -> float:
        return sum(t.weight for t in self.terms)


def fmt_weight(weight: float) -> str:
    return f"{weight:g}"


def _bank_thresholds(bank: BankResult) -> Thresholds:
    return Thresholds(bank.bank.green, bank.bank.amber, f"bank {bank.id}")


DEFAULT_THRESHOLDS = Thresholds(DEFAULT_GREEN, DEFAULT_AMBER, "fixed for themes and overall")


def _question_how(result: QuestionResult) -> list[str]:
    q: Question = result.question
    value = result.value
    lines = [
        f"Type {q.type}, weight {fmt_weight(q.weight)}" + (", critical." if q.critical else ".")
    ]
    if q.when_text:
        state = "false" if result.excluded == EXCLUDED_WHEN else "true"
        lines.append(f"Asked only when {q.when_text}: that is {state} for these answers.")
    if result.excluded is not None:
        lines.append(f"Left out of every score ({result.excluded}).")
        if value is not None and not result.applicable:
            lines.append(f"Recorded answer (not counted): {describe(q, value)}.")
        elif value is not None:
            lines.append(f"Answer: {describe(q, value)}.")
        return lines
    assert result.score is not None
    if value == UNKNOWN:
        lines.append("Answer: don't know. It scores 0 and is listed as an evidence gap.")
    elif q.type == "scale":
        lines.append(f"Answer: {describe(q, value)}")
        lines.append(f"A scale scores level / 3: {value} / 3 = {fmt(result.score)}.")
    elif q.type == "yesno":
        lines.append(f"Answer: {describe(q, value)}. Yes scores 100, no scores 0.")
    elif q.type == "choice":
        option = q.option(str(value))
        label = option.label if option else str(value)
        score = option.score if option else 0.0
        lines.append(f"Answer: {label}. This option scores {score:g} of 1 = {fmt(result.score)}.")
    elif q.type == "number":
        matched = [t for t in q.thresholds if value >= t.min]
        if matched:
            t = matched[-1]
            lines.append(
                f"Answer: {describe(q, value)}. The highest threshold at or below it is "
                f"{t.min:g}, scoring {t.score:g} of 1 = {fmt(result.score)}."
            )
        else:
            lowest = q.thresholds[0].min if q.thresholds else 0
            lines.append(
                f"Answer: {describe(q, value)}. It is below every threshold "
                f"(lowest {lowest:g}), so it scores 0."
            )
    return lines


def explain_question(card: ScoreCard, result: QuestionResult) -> Explanation:
    bank = card.bank(result.bank_id)
    assert bank is not None
    section = next(s for s in bank.sections if s.id == result.section_id)
    how = _question_how(result)
    if result.score is not None:
        how.append(
            f"It counts with weight {fmt_weight(result.question.weight)} in section "
            f"{bank.id}/{section.id} (score {fmt(section.score)}) and in bank {bank.id} "
            f"(score {fmt(bank.score)})."
        )
    if result.critical:
        if section.capped_by == result.id:
            how.append(
                f"Critical and rated RED: section {bank.id}/{section.id} is RED whatever "
                "its average."
            )
        elif result.rag == RED:
            how.append(
                f"Critical and rated RED; {section.capped_by} comes first in the section and "
                "is named as the cap."
            )
        elif not result.applicable:
            how.append("Critical, but not applicable: it caps nothing.")
        else:
            how.append("Critical, but not rated RED: it caps nothing.")
    return Explanation(
        kind=QUESTION,
        id=result.id,
        title=result.question.text,
        score=result.score,
        rag=result.rag,
        thresholds=_bank_thresholds(bank),
        how=tuple(how),
    )


def _question_terms(
    results: list[QuestionResult],
) -> tuple[tuple[Term, ...], tuple[Excluded, ...]]:
    terms, excluded = [], []
    for r in results:
        if r.score is not None:
            terms.append(Term(r.id, r.question.text, r.score, r.question.weight, r.critical))
        else:
            excluded.append(Excluded(r.id, r.question.text, r.excluded or "no score"))
    return tuple(terms), tuple(excluded)


def explain_section(card: ScoreCard, bank: BankResult, section: SectionResult) -> Explanation:
    terms, excluded = _question_terms(list(section.questions))
    return Explanation(
        kind=SECTION,
        id=f"{bank.id}/{section.id}",
        title=f"{bank.bank.title}: {section.section.title}",
        score=section.score,
        rag=section.rag,
        thresholds=_bank_thresholds(bank),
        terms=terms,
        excluded=excluded,
        uncapped_rag=section.uncapped_rag,
        capped_by=section.capped_by,
        completeness=section.completeness,
        answered=section.answered,
        applicable=section.applicable,
        provisional=section.provisional,
    )


def explain_bank(card: ScoreCard, bank: BankResult) -> Explanation:
    terms, excluded = _question_terms(list(bank.questions()))
    parts = tuple(explain_section(card, bank, s) for s in bank.sections)
    return Explanation(
        kind=BANK,
        id=bank.id,
        title=f"{bank.bank.title} (version {bank.bank.version}, theme {bank.bank.theme})",
        score=bank.score,
        rag=bank.rag,
        thresholds=_bank_thresholds(bank),
        terms=terms,
        excluded=excluded,
        completeness=bank.completeness,
        answered=bank.answered,
        applicable=bank.applicable,
        provisional=bank.provisional,
        parts=parts,
    )


def _bank_terms(banks: list[BankResult]) -> tuple[tuple[Term, ...], tuple[Excluded, ...]]:
    terms, excluded = [], []
    for b in banks:
        if b.score is None:
            excluded.append(Excluded(b.id, b.bank.title, "no rated answers"))
        elif b.bank.weight <= 0:
            excluded.append(Excluded(b.id, b.bank.title, "bank weight 0"))
        else:
            terms.append(Term(b.id, b.bank.title, b.score, b.bank.weight))
    return tuple(terms), tuple(excluded)


def explain_overall(card: ScoreCard) -> Explanation:
    themes = []
    for theme in card.themes:
        members = [b for b in card.banks if b.id in theme.banks]
        terms, excluded = _bank_terms(members)
        themes.append(
            Explanation(
                kind="theme",
                id=theme.id,
                title=f"Theme {theme.id}",
                score=theme.score,
                rag=theme.rag,
                thresholds=DEFAULT_THRESHOLDS,
                terms=terms,
                excluded=excluded,
            )
        )
    terms, excluded = _bank_terms(list(card.banks))
    o = card.overall
    name = " ".join(x for x in (card.assessment.partnership, card.assessment.period) if x)
    return Explanation(
        kind=OVERALL,
        id="overall",
        title=f"Overall rating{': ' + name if name else ''}",
        score=o.score,
        rag=o.rag,
        thresholds=DEFAULT_THRESHOLDS,
        terms=terms,
        excluded=excluded,
        completeness=o.completeness,
        answered=o.answered,
        applicable=o.applicable,
        provisional=o.provisional,
        parts=tuple(themes),
    )


def explain(card: ScoreCard, target: str | None = None) -> Explanation:
    """Explain the overall rating, a bank, ``bank/section`` or a question id."""
    if target is None or target in ("", "overall"):
        return explain_overall(card)
    found = card.subject(target)
    bank_id, slash, section_id = target.partition("/")
    bank = card.bank(bank_id) if slash else None
    if isinstance(found, SectionResult) and bank is not None:
        return explain_section(card, bank, found)
    if isinstance(found, BankResult):
        return explain_bank(card, found)
    if isinstance(found, QuestionResult):
        return explain_question(card, found)
    if bank is not None:
        known = ", ".join(f"{bank_id}/{s.id}" for s in bank.sections)
        raise NotFoundError(
            f"bank {bank_id!r} has no section {section_id!r} (sections: {known})"
        )
    banks = ", ".join(b.id for b in card.banks)
    raise NotFoundError(
        f"{target!r} is not a question id, bank id or bank/section of this assessment "
        f"(its banks: {banks})"
    )
