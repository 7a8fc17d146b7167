"""How a rating was reached (``msht explain FILE [ID]``), read off the ``ScoreCard``.

Nothing here scores anything: every score, RAG, cap and completeness comes from the
card that ``msht score`` prints. This module only lists the terms that went into each
weighted mean, what was left out and why, the thresholds applied and any critical cap.

``explain(card, target)``: ``target`` is a question id, a bank id, ``bank/section``, or
None for the overall rating. ``explanation_lines`` turns the result into plain text.
Pure functions, no I/O.
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
    round_score,
)
from msht_toolkit.vocabulary import percent
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


def rag_reason(score: float | None, rag: str, thresholds: Thresholds) -> str:
    """Why ``score`` gets ``rag`` under ``thresholds``, in one sentence."""
    if score is None:
        return "No score, so UNRATED."
    green, amber = thresholds.green, thresholds.amber
    shown = fmt(score)
    # the rating is decided on the unrounded score: say so where rounding misleads
    rounded = round_score(score) or 0.0
    if (rounded >= green) != (score >= green) or (rounded >= amber) != (score >= amber):
        shown = f"{shown} (unrounded {score:.4f})"
    if score >= green:
        return f"{shown} is at least {green:g}, so {rag}."
    if score >= amber:
        return f"{shown} is at least {amber:g} and below {green:g}, so {rag}."
    return f"{shown} is below {amber:g}, so {rag}."


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


# ---------------------------------------------------------------- plain text


def _term_line(term: Term) -> str:
    mark = "  critical" if term.critical else ""
    return (
        f"  {term.id:<14} {fmt(term.score):>6} x {fmt_weight(term.weight):<4}"
        f"= {fmt(term.product):>7}{mark}"
    )


def _mean_lines(e: Explanation, what: str) -> list[str]:
    if not e.terms:
        return [f"Nothing counts towards the {what}, so it has no score: UNRATED."]
    lines = [f"Weighted terms (score x weight), the {what} is their weighted mean:"]
    lines += [_term_line(t) for t in e.terms]
    lines.append(f"  total {fmt(e.total)} / weights {fmt_weight(e.weight_sum)} = {fmt(e.score)}")
    return lines


def _excluded_lines(e: Explanation) -> list[str]:
    if not e.excluded:
        return ["Left out: nothing."]
    lines = ["Left out (no score):"]
    lines += [f"  {x.id:<14} {x.reason}" for x in e.excluded]
    return lines


def _threshold_lines(e: Explanation, rag_of_mean: str) -> list[str]:
    t = e.thresholds
    return [
        f"Thresholds ({t.source}): GREEN from {t.green:g}, AMBER from {t.amber:g}, "
        "otherwise RED; decided on the unrounded score.",
        "  " + rag_reason(e.score, rag_of_mean, t),
    ]


def _completeness_line(e: Explanation) -> list[str]:
    if e.completeness is None:
        return []
    state = "provisional (below 80%)" if e.provisional else "not provisional"
    return [
        f"Completeness: {e.answered} of {e.applicable} applicable questions answered "
        f"({percent(e.completeness)}); {state}."
    ]


def _headline(e: Explanation) -> str:
    text = f"Score {fmt(e.score)}, {e.rag}"
    if e.provisional:
        text += " (provisional)"
    return text


def explanation_lines(e: Explanation) -> list[str]:
    """The explanation as plain text lines (RAG always as a word)."""
    first = e.title if e.kind == OVERALL else f"{e.kind.capitalize()} {e.id}: {e.title}"
    lines = [first, _headline(e), ""]
    if e.kind == QUESTION:
        lines += list(e.how)
        lines += _threshold_lines(e, e.rag) if e.score is not None else []
        return lines
    if e.kind == SECTION:
        lines += _mean_lines(e, "section score")
        lines += _excluded_lines(e)
        lines += _threshold_lines(e, e.uncapped_rag or e.rag)
        if e.capped_by:
            lines.append(
                f"Critical cap: {e.capped_by} is critical and rated RED, so the section is "
                f"RED whatever its average (on its average it would be {e.uncapped_rag})."
            )
        else:
            lines.append("Critical cap: none (no applicable critical question is rated RED).")
        lines += _completeness_line(e)
        return lines
    if e.kind == BANK:
        lines += _mean_lines(e, "bank score (by question weight, across all sections)")
        lines += _excluded_lines(e)
        lines += _threshold_lines(e, e.rag)
        capped = [p for p in e.parts if p.capped_by]
        if capped:
            lines.append(
                "Critical caps make these sections RED but do not change the bank's score: "
                + ", ".join(f"{p.id} (by {p.capped_by})" for p in capped)
                + "."
            )
        lines += _completeness_line(e)
        lines += ["", "Sections:"]
        for p in e.parts:
            cap = f", capped by {p.capped_by}" if p.capped_by else ""
            lines.append(f"  {p.id:<28} {fmt(p.score):>6}  {p.rag}{cap}")
        return lines
    # overall
    lines += _mean_lines(e, "overall score (rated banks, by bank weight)")
    lines += _excluded_lines(e)
    lines += _threshold_lines(e, e.rag)
    lines += _completeness_line(e)
    lines += ["", "Themes (weighted mean of their rated banks, by bank weight; same thresholds):"]
    for theme in e.parts:
        members = (
            ", ".join(f"{t.id} {fmt(t.score)} x {fmt_weight(t.weight)}" for t in theme.terms)
            or "no rated banks"
        )
        lines.append(f"  {theme.id:<14} {fmt(theme.score):>6}  {theme.rag:<8} from {members}")
    return lines
