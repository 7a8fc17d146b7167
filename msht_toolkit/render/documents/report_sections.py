"""The board report's sections after the ratings: critical failures, priorities, decisions
already made, disagreements between agencies, evidence gaps, targets and the sign-off."""

from __future__ import annotations

from collections.abc import Mapping

from msht_toolkit import vocabulary
from msht_toolkit.analysis.disagreements import Disagreement
from msht_toolkit.analysis.plan import ActionPlan, ClosedItem
from msht_toolkit.analysis.targets import ordered, progress, summarise
from msht_toolkit.assessment.values import describe
from msht_toolkit.render.documents.blocks import (
    Block,
    Column,
    Heading,
    Paragraph,
    Table,
    rows,
)
from msht_toolkit.render.documents.report_pieces import owner_text, rated, sign_off_text
from msht_toolkit.render.markdown.disagreements import TITLE as DISAGREEMENTS_TITLE
from msht_toolkit.scoring.scorer import (
    BankResult,
    QuestionResult,
    ScoreCard,
    SectionResult,
)
from msht_toolkit.vocabulary import plural, was_were


def _section_of(card: ScoreCard, result: QuestionResult) -> tuple[BankResult, SectionResult]:
    bank = card.bank(result.bank_id)
    section = next(s for s in bank.sections if s.section.id == result.section_id)
    return bank, section


def critical_part(card: ScoreCard, plan: ActionPlan) -> list[Block]:
    out: list[Block] = [Heading(2, "Critical failures", "critical")]
    if not plan.critical_failures:
        return [*out, Paragraph("No critical question is rated RED.")]
    out.append(
        Paragraph(
            "A critical question rated RED makes its whole section RED, whatever the "
            "section's average. Their next steps are ranked first under Priorities."
        )
    )
    table_rows = []
    for r in plan.critical_failures:
        bank, section = _section_of(card, r)
        table_rows.append(
            (
                r.id,
                r.question.text,
                f"{bank.bank.title}: {section.section.title}",
                describe(r.question, r.value),
            )
        )
    out.append(
        Table(
            (
                Column("Question", 14),
                Column("Text", 38),
                Column("Section made RED", 22),
                Column("Answer now", 26),
            ),
            rows(table_rows),
        )
    )
    return out


# ---------------------------------------------------------------- priorities


def priorities_part(plan: ActionPlan) -> list[Block]:
    out: list[Block] = [Heading(2, "Priorities", "priorities")]
    if not plan.ranked:
        return [*out, Paragraph("No recommended action applies.")]
    shown = len(plan.priorities)
    out.append(
        Paragraph(
            f"The {plural(shown, 'next step')} that matter most, one per question: critical "
            "failures first, then the step's priority, then its gain (how many points the "
            "overall score would rise if the answer moved up one step)."
        )
    )
    out.append(
        Table(
            (
                Column("Rank", 5, "r"),
                Column("Question", 11),
                Column("Rating", 10),
                Column("Next step", 33),
                Column("Priority", 9),
                Column("Owner", 15),
                Column("Due", 10),
                Column("Status", 8),
            ),
            rows(
                (
                    str(i.rank),
                    i.qid,
                    rated(i.result.score, i.result.rag),
                    i.text,
                    f"critical, {i.priority}" if i.critical_failure else i.priority,
                    owner_text(i),
                    i.due or "-",
                    i.status or "not set",
                )
                for i in plan.priorities
            ),
        )
    )
    if plan.further:
        out.append(
            Paragraph(
                f"{plural(len(plan.further), 'more question')} "
                f"{'has' if len(plan.further) == 1 else 'have'} a next step; they are listed "
                "one line each in the action plan (msht plan)."
            )
        )
    return out


# ---------------------------------------------------------------- decisions, disagreements


def closed_reason(item: ClosedItem) -> str:
    return item.reason or item.decision.note or ("-" if item.status == "done" else "none given")


def decisions_part(plan: ActionPlan) -> list[Block]:
    out: list[Block] = [Heading(2, "Decisions already made", "decisions")]
    if not plan.closed:
        return [*out, Paragraph("No recommendation is done, deferred or dropped yet.")]
    out.append(
        Paragraph(
            "Recommendations the partnership has closed, out of the ranking, with its reasons."
        )
    )
    out.append(
        Table(
            (
                Column("Question", 12),
                Column("Text", 36),
                Column("Decision", 11),
                Column("Reason", 25),
                Column("Owner", 16),
            ),
            rows(
                (c.qid, c.question.text, c.status, closed_reason(c), c.decision.owner or "-")
                for c in plan.closed
            ),
        )
    )
    return out


def _response_text(item: Disagreement) -> str:
    parts = []
    for r in item.responses:
        text = f"{r.by or 'unnamed'}: {vocabulary.answer(item.question, r.value)}"
        if r.note:
            text += f" ({' '.join(r.note.split())})"
        parts.append(text)
    return "; ".join(parts)


def disagreements_part(items: Mapping[str, Disagreement]) -> list[Block]:
    """Questions on which agencies' merged answers differ by two levels or more; nothing
    when there are none (a file with one answer per question has none to show)."""
    if not items:
        return []
    out: list[Block] = [Heading(2, DISAGREEMENTS_TITLE, "disagreements")]
    out.append(
        Paragraph(
            f"Partners' answers differ by two or more levels on "
            f"{plural(len(items), 'question')}. The consolidated answer follows the merge "
            "rule; the board should agree the partnership's answer to each."
        )
    )
    out.append(
        Table(
            (
                Column("Question", 12),
                Column("Text", 33),
                Column("Responses", 40),
                Column("Consolidated", 15),
            ),
            rows(
                (d.id, d.question.text, _response_text(d), vocabulary.answer(d.question, d.value))
                for d in items.values()
            ),
        )
    )
    return out


# ---------------------------------------------------------------- evidence gaps, targets


def evidence_part(plan: ActionPlan) -> list[Block]:
    out: list[Block] = [Heading(2, "Evidence gaps", "evidence-gaps")]
    gaps = plan.evidence_gaps
    if not gaps:
        return [*out, Paragraph('No question was answered "don\'t know".')]
    out.append(
        Paragraph(
            f"{plural(len(gaps), 'question')} {was_were(len(gaps))} answered "
            '"don\'t know". Each scores 0 until the partnership finds out.'
        )
    )
    out.append(
        Table(
            (
                Column("Question", 12),
                Column("Text", 34),
                Column("Answered by", 16),
                Column("Evidence to look for", 38),
            ),
            rows(
                (g.question.id, g.question.text, g.by or "-", g.question.evidence or "-")
                for g in gaps
            ),
        )
    )
    return out


def targets_part(card: ScoreCard) -> list[Block]:
    items = progress(card)
    if not items:
        return []
    return [
        Heading(2, "Targets", "targets"),
        Paragraph(summarise(items).sentence() + " Targets not yet met come first."),
        Table(
            (
                Column("Target", 13),
                Column("For", 27),
                Column("Aim", 10),
                Column("Now", 12),
                Column("Gap", 10),
                Column("Of the way", 8, "r"),
                Column("By", 11),
                Column("Status", 9),
            ),
            rows(p.row() for p in ordered(items)),
        ),
    ]


def signoff_part(card: ScoreCard) -> list[Block]:
    text = sign_off_text(card)
    return [
        Heading(2, "Sign-off", "sign-off"),
        Paragraph(text if text else "Not yet signed off (msht sign records who signed it off)."),
    ]


# ---------------------------------------------------------------- annex (--full)
