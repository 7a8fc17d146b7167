"""The action plan (``msht plan``) as a ``Document``, for its Markdown, HTML and Word formats.

The parts, in order: the title block, the counts, the ranked priorities (a table at a
glance, then each priority's details; by phase where phased), the further actions one
line each, the closed items with their reasons, disagreements between agencies and the
evidence gaps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from msht_toolkit.analysis.disagreements import Disagreement
from msht_toolkit.analysis.phases import Phase
from msht_toolkit.analysis.plan import ActionPlan, PlanItem
from msht_toolkit.render.documents.blocks import (
    Block,
    Bullets,
    Cell,
    Column,
    Document,
    Entry,
    Heading,
    Paragraph,
    Table,
    rows,
)
from msht_toolkit.render.documents.report_pieces import document_title, owner_text, sign_off_text
from msht_toolkit.render.documents.report_sections import disagreements_part
from msht_toolkit.render.markdown.plan import closed_reason, gain_text, priority_text
from msht_toolkit.vocabulary import is_are, percent, plural, rating

Flags = Mapping[str, Sequence[str]]


def title_block(plan: ActionPlan) -> tuple[tuple[str, str], ...]:
    a = plan.card.assessment
    o = plan.card.overall
    facts = [("Partnership", a.partnership or "-")]
    if a.area:
        facts.append(("Area", a.area))
    facts += [
        ("Period", a.period or "-"),
        ("Assessed on", a.assessed_on or "-"),
        ("Overall rating", rating(o.score, o.rag, o.provisional)),
        ("Completeness", f"{percent(o.completeness)} ({o.answered} of {o.applicable} answered)"),
    ]
    facts.append(("Sign-off", sign_off_text(plan.card) or "Not signed off"))
    return tuple(facts)


def counts(plan: ActionPlan) -> Table:
    return Table(
        (Column("Count", 70), Column("Number", 30, "r")),
        rows(
            (label, str(n))
            for label, n in (
                ("RED questions", plan.red_questions),
                ("AMBER questions", plan.amber_questions),
                ("Critical failures", len(plan.critical_failures)),
                ("Priorities", len(plan.priorities)),
                ("Further actions", len(plan.further)),
                ("Closed (done, deferred or dropped)", len(plan.closed)),
                ("Evidence gaps (don't know)", len(plan.evidence_gaps)),
            )
        ),
    )


def glance(items: Sequence[PlanItem]) -> Table:
    return Table(
        (
            Column("Rank", 5, "r"),
            Column("Question", 11),
            Column("Rating", 10),
            Column("Next step", 32),
            Column("Priority", 9),
            Column("Gain", 6, "r"),
            Column("Owner", 14),
            Column("Due", 10),
            Column("Status", 8),
        ),
        rows(
            (
                str(i.rank),
                i.qid,
                Cell(i.result.rag, i.result.rag),  # the score is in the priority's details
                i.text,
                priority_text(i),
                gain_text(i),
                owner_text(i),
                i.due or "-",
                i.status or "not set",
            )
            for i in items
        ),
    )


def item_entry(item: PlanItem, flags: Flags) -> Entry:
    r = item.result
    why = ("a critical failure; " if item.critical_failure else "") + (
        f"{item.priority} priority; the overall score would rise by "
        f"{item.rounded_gain:.2f} points with this answer one step better"
    )
    fields = [
        (
            "Question",
            f"{item.qid} ({item.bank.bank.title}, {item.section_title}): {item.question.text}",
        ),
        ("Answer now", item.current),
        (
            "Rating",
            rating(r.score, r.rag)
            + (
                "; a critical question, so its whole section is rated RED"
                if item.critical_failure
                else ""
            ),
        ),
        ("Why here", why),
    ]
    if item.later_steps:
        fields.append(
            ("Later steps", plural(len(item.later_steps), "more action") + " after this one")
        )
    fields.append(("Partnership's note", item.note or "none recorded"))
    fields.append(("Suggested owner", item.suggested_owner or "none suggested"))
    if item.decision:
        fields += [
            ("Agreed owner", item.owner or "not set"),
            ("Due", item.due or "not set"),
            ("Status", item.status or "not set"),
        ]
        if item.decision.note:
            fields.append(("Plan note", item.decision.note))
    else:
        fields.append(("Decision", "not yet taken (msht actions records it)"))
    fields += [("Flag", f) for f in flags.get(item.qid, ())]
    return Entry(f"{item.rank}. {item.text}", tuple(fields), r.rag)


def phase_part(phase: Phase, flags: Flags) -> list[Block]:
    title = phase.label
    if phase.start and phase.end:
        title += f" ({phase.start.isoformat()} to {phase.end.isoformat()})"
    out: list[Block] = [Heading(3, title)]
    if not phase.items:
        return [*out, Paragraph("No priorities in this phase.")]
    return [*out, glance(phase.items), *(item_entry(i, flags) for i in phase.items)]


def priorities_part(plan: ActionPlan, flags: Flags) -> list[Block]:
    out: list[Block] = [Heading(2, "Priorities", "priorities")]
    count = len(plan.critical_failures)
    if count:
        ids = ", ".join(r.id for r in plan.critical_failures)
        out.append(
            Paragraph(
                f"{plural(count, 'critical question')} {is_are(count)} rated RED ({ids}). "
                f"Each makes its section RED whatever the average, so "
                f"{'it is' if count == 1 else 'they are'} ranked first of all."
            )
        )
    else:
        out.append(Paragraph("No critical question is rated RED."))
    if not plan.ranked:
        return [*out, Paragraph("No recommended action applies.")]
    shown, total = len(plan.priorities), len(plan.ranked)
    lead = (
        f"The {plural(shown, 'next step')} that matter most"
        if shown < total
        else f"All {plural(total, 'next step')}"
    )
    out.append(
        Paragraph(
            f"{lead}, one per question, ranked: critical failures first, then the step's "
            "priority, then its gain (how many points the overall score would rise if the "
            "answer moved up one step)."
        )
    )
    if plan.phases:
        out.append(
            Paragraph(
                f"Spread over {plural(len(plan.phases), 'phase')} in rank order, critical "
                "failures in the first; a priority with an agreed due date goes in the "
                "phase that holds that date."
            )
        )
        if plan.notes:
            out.append(Bullets(tuple(plan.notes)))
        for phase in plan.phases:
            out += phase_part(phase, flags)
        return out
    out.append(glance(plan.priorities))
    out += [item_entry(i, flags) for i in plan.priorities]
    return out


def further_line(item: PlanItem) -> str:
    text = (
        f"{item.rank}. {item.qid} ({rating(item.result.score, item.result.rag)}): {item.text} "
        f"({priority_text(item)}, gain {gain_text(item)}"
    )
    if item.decision and item.status:
        text += f"; {item.status}"
        if item.owner:
            text += f", {item.owner}"
        if item.due:
            text += f", due {item.due}"
    return text + ")"


def further_part(plan: ActionPlan) -> list[Block]:
    if not plan.further:
        return []
    return [
        Heading(2, "Further actions", "further"),
        Paragraph(f"{plural(len(plan.further), 'more question')} with a next step, in rank order."),
        Bullets(tuple(further_line(i) for i in plan.further)),
    ]


def closed_part(plan: ActionPlan) -> list[Block]:
    out: list[Block] = [Heading(2, "Closed", "closed")]
    if not plan.closed:
        return [*out, Paragraph("No recommendation is done, deferred or dropped.")]
    return [
        *out,
        Paragraph("Done, deferred or dropped: out of the ranking, with the reason given."),
        Table(
            (
                Column("Question", 12),
                Column("Text", 36),
                Column("Status", 10),
                Column("Reason", 26),
                Column("Owner", 16),
            ),
            rows(
                (c.qid, c.question.text, c.status, closed_reason(c), c.decision.owner or "-")
                for c in plan.closed
            ),
        ),
    ]


def gaps_part(plan: ActionPlan, flags: Flags) -> list[Block]:
    out: list[Block] = [Heading(2, "Evidence gaps", "evidence-gaps")]
    gaps = plan.evidence_gaps
    if not gaps:
        return [*out, Paragraph('No question was answered "don\'t know".')]
    table_rows = []
    for g in gaps:
        note = g.note or "-"
        extra = list(flags.get(g.question.id, ()))
        if extra:
            note = f"{note} (flags: {'; '.join(extra)})"
        table_rows.append(
            (
                g.question.id,
                g.bank.bank.title,
                g.question.text,
                g.by or "-",
                note,
                g.question.evidence or "-",
            )
        )
    return [
        *out,
        Paragraph(
            f'{plural(len(gaps), "question")} answered "don\'t know". Each scores 0 until '
            "the partnership finds out; the last column says what evidence would show it."
        ),
        Table(
            (
                Column("Question", 11),
                Column("Bank", 13),
                Column("Text", 24),
                Column("Answered by", 12),
                Column("Note", 17),
                Column("Evidence to look for", 23),
            ),
            rows(table_rows),
        ),
    ]


def plan_document(
    plan: ActionPlan,
    disagreements: Mapping[str, Disagreement] | None = None,
    flags: Flags | None = None,
) -> Document:
    """The whole ``msht plan`` as a document."""
    marks = flags or {}
    blocks: list[Block] = [counts(plan)]
    blocks += priorities_part(plan, marks)
    blocks += further_part(plan)
    blocks += closed_part(plan)
    if disagreements:
        blocks += disagreements_part(disagreements)
    blocks += gaps_part(plan, marks)
    return Document(
        kind="plan",
        title=document_title("Action plan", plan.card),
        facts=title_block(plan),
        blocks=tuple(blocks),
    )
