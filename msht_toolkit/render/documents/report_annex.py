"""The full board report's annex (``--full``): every section and question with its answer,
rating, note, evidence and the steps not already shown under Priorities."""

from __future__ import annotations

from collections.abc import Collection

from msht_toolkit.analysis.plan import ActionPlan
from msht_toolkit.assessment.values import describe
from msht_toolkit.render.documents.blocks import (
    Block,
    Entry,
    Heading,
    PageBreak,
    Paragraph,
)
from msht_toolkit.render.documents.report_pieces import owner_text
from msht_toolkit.render.markdown.disagreements import TITLE as DISAGREEMENTS_TITLE
from msht_toolkit.scoring.scorer import (
    EXCLUDED_WHEN,
    UNRATED,
    QuestionResult,
    ScoreCard,
    SectionResult,
)
from msht_toolkit.vocabulary import rating


def answer_text(result: QuestionResult) -> str:
    if not result.applicable:
        if result.excluded != EXCLUDED_WHEN:
            return "not applicable"
        if result.value is None:
            return "not applicable (its condition is false)"
        recorded = describe(result.question, result.value)
        return f"not applicable (its condition is false; recorded: {recorded})"
    return describe(result.question, result.value)


def _steps(plan: ActionPlan, result: QuestionResult) -> list[tuple[str, str]]:
    """The steps the report has not shown yet: later steps of a priority, every step of
    a further action, the recommendation of a closed item (its decision is above)."""
    item = plan.item(result.id)
    priority_ids = {i.qid for i in plan.priorities}
    out: list[tuple[str, str]] = []
    if item is not None:
        if item.qid in priority_ids:
            out.append(("Next step", f"rank {item.rank}, under Priorities"))
        else:
            out.append(
                (
                    "Next step",
                    f"{item.text} ({item.priority}; rank {item.rank}; owner {owner_text(item)})",
                )
            )
        for n, step in enumerate(item.later_steps, 1):
            out.append(
                (
                    f"Later step {n}",
                    f"{step.do} ({step.priority}; {step.owner or 'no owner suggested'})",
                )
            )
    else:
        closed = next((c for c in plan.closed if c.qid == result.id), None)
        if closed is not None:
            out.append(("Decision", f"{closed.status}: see Decisions already made"))
    return out


def question_entry(
    plan: ActionPlan, result: QuestionResult, disputed: Collection[str] = ()
) -> Entry:
    answer = result.answer
    fields: list[tuple[str, str]] = [
        ("Question", result.question.text),
        ("Answer", answer_text(result)),
    ]
    if result.applicable and result.rag != UNRATED:
        fields.append(("Rating", rating(result.score, result.rag)))
    if answer and answer.note:
        fields.append(("Note", answer.note))
    if answer and answer.evidence:
        fields.append(("Evidence", "; ".join(answer.evidence)))
    if answer and answer.by:
        fields.append(("Answered by", answer.by))
    if answer and answer.responses:
        fields.append(
            (
                "Responses",
                "; ".join(
                    f"{r.by or 'unnamed'}: {describe(result.question, r.value)}"
                    for r in answer.responses
                ),
            )
        )
    if answer and answer.review:
        fields.append(("Marked for review", answer.review_reason or "yes"))
    if result.id in disputed:  # the responses are above; say where the board discusses them
        fields.append(("Partners disagree", f"see {DISAGREEMENTS_TITLE}"))
    fields += _steps(plan, result)
    title = result.id + (" (critical)" if result.critical else "")
    rag = result.rag if result.applicable else None
    return Entry(title, tuple(fields), rag)


def section_title(section: SectionResult) -> str:
    text = f"{section.section.title}: {rating(section.score, section.rag, section.provisional)}"
    if section.capped_by:
        text += f", made RED by {section.capped_by}"
    return text


def annex_part(card: ScoreCard, plan: ActionPlan, disputed: Collection[str] = ()) -> list[Block]:
    out: list[Block] = [
        PageBreak(),
        Heading(2, "Annex: every section and question", "annex"),
        Paragraph(
            "Every question in scope, in bank order, with its answer, rating, the "
            "partnership's note, the evidence recorded and the steps not listed above."
        ),
    ]
    for b in card.banks:
        heading = f"{b.bank.title} ({b.bank.id} {b.bank.version}): {rating(b.score, b.rag)}"
        out.append(Heading(3, heading))
        for s in b.sections:
            out.append(Heading(4, section_title(s)))
            out += [question_entry(plan, r, disputed) for r in s.questions]
    return out


# ---------------------------------------------------------------- the whole report
