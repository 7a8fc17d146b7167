"""The board report (``msht report``) as a ``Document``, before any format is chosen.

Without ``full`` it is the board paper (at most 8 A4 pages): a title block, one paragraph of
summary, a chart of the 4P themes and the banks against the thresholds, the critical
failures, the ranked priorities (from ``msht_toolkit.analysis.plan``, the first ``top``), the
decisions already made, disagreements between agencies, evidence gaps, targets and
the sign-off. ``full`` adds an annex with every section and question: answer, rating,
note, evidence and the steps not already shown under Priorities.

Nothing is said twice: the overall rating is in the summary only, a priority's next
step is in the priorities only (the annex lists its later steps), a closed item's
reason under Decisions only.

The blocks hold raw text; ``render.markdown.document``, ``render.html.document`` and ``render.word``
escape it for their format.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from msht_toolkit import vocabulary
from msht_toolkit.analysis.disagreements import Disagreement
from msht_toolkit.analysis.plan import ActionPlan, ClosedItem, PlanItem
from msht_toolkit.analysis.targets import ordered, progress, summarise
from msht_toolkit.assessment.values import describe
from msht_toolkit.banks.model import DEFAULT_AMBER, DEFAULT_GREEN
from msht_toolkit.render.documents.blocks import (
    Bar,
    BarChart,
    BarGroup,
    Block,
    Cell,
    Change,
    ChangeChart,
    Column,
    Document,
    Entry,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    rows,
)
from msht_toolkit.render.markdown.disagreements import TITLE as DISAGREEMENTS_TITLE
from msht_toolkit.render.markdown.plan import THEME_TITLES
from msht_toolkit.scoring.scorer import (
    EXCLUDED_WHEN,
    UNRATED,
    BankResult,
    QuestionResult,
    ScoreCard,
    SectionResult,
)
from msht_toolkit.vocabulary import is_are, percent, plural, rating, score, was_were

THEME_AMBER, THEME_GREEN = DEFAULT_AMBER, DEFAULT_GREEN  # themes and overall: fixed


# ---------------------------------------------------------------- small pieces


def rated(score: float | None, rag: str, provisional: bool = False) -> Cell:
    """A RAG cell: ``61.3 AMBER``; ``UNRATED``; ``(provisional)`` where it applies."""
    return Cell(rating(score, rag, provisional), rag)


def owner_text(item: PlanItem) -> str:
    if item.owner:
        return item.owner
    if item.suggested_owner:
        return f"{item.suggested_owner} (suggested)"
    return "to agree"


def document_title(kind: str, card: ScoreCard) -> str:
    a = card.assessment
    return f"{kind}: {a.partnership or 'partnership'}" + (f" {a.period}" if a.period else "")


def sign_off_text(card: ScoreCard) -> str | None:
    """ "Signed off by J. Arden (Partnership chair) on 2027-03-20." or, once anything in
    the file changed, "Changed since sign-off on 2027-03-20 (signed off by J. Arden ...)."
    (``assessment.signoff``); None when the file was never signed off."""
    from msht_toolkit.assessment.signoff import sign_off_line

    line = sign_off_line(card.assessment)
    return None if line is None else line + "."


# ---------------------------------------------------------------- title block, summary


def title_block(card: ScoreCard) -> tuple[tuple[str, str], ...]:
    a = card.assessment
    facts = [("Partnership", a.partnership or "-")]
    if a.area:
        facts.append(("Area", a.area))
    facts += [("Period", a.period or "-"), ("Assessed on", a.assessed_on or "-")]
    people = [
        p.name
        + (f" ({', '.join(x for x in (p.agency, p.role) if x)})" if p.agency or p.role else "")
        for p in a.participants
    ]
    facts.append(("Participants", "; ".join(people) if people else "none recorded"))
    return tuple(facts)


def _bank_phrase(bank: BankResult) -> str:
    return f"{bank.bank.title} ({rating(bank.score, bank.rag)})"


def summary(
    card: ScoreCard,
    plan: ActionPlan,
    disagreements: Mapping[str, object],
    previous: ScoreCard | None = None,
) -> str:
    """One paragraph in plain words: where the partnership stands and what the board is
    asked to look at."""
    o = card.overall
    out = []
    answered = f"{percent(o.completeness)} of the questions that apply were answered"
    if o.score is None:
        out.append(f"The partnership has no rated answers yet ({answered}).")
    else:
        text = f"Overall the partnership is rated {o.rag}, with a score of {score(o.score)}"
        text += f" out of 100; {answered}"
        if o.provisional:
            text += ", so the rating is provisional"
        out.append(text + ".")
        if previous is not None and previous.overall.score is not None:
            was = rating(previous.overall.score, previous.overall.rag)
            out.append(
                f"In {previous.assessment.period or 'the previous assessment'} it was {was} "
                f"({change_text(previous.overall.score, o.score)} since)."
            )
    rated_banks = [b for b in card.banks if b.score is not None]
    if len(rated_banks) >= 2:
        best = max(rated_banks, key=lambda b: b.score or 0.0)
        worst = min(rated_banks, key=lambda b: b.score or 0.0)
        out.append(f"It is strongest on {_bank_phrase(best)} and weakest on {_bank_phrase(worst)}.")
    critical = plan.critical_failures
    if critical:
        out.append(
            f"{plural(len(critical), 'critical question')} {is_are(len(critical))} rated RED, "
            f"and {'it makes its' if len(critical) == 1 else 'each makes its'} whole section "
            "RED whatever the average."
        )
    else:
        out.append("No critical question is rated RED.")
    if plan.ranked:
        out.append(
            f"Of {plural(len(plan.ranked), 'question')} with a recommended next step, the "
            f"{len(plan.priorities)} that matter most are the priorities below"
            + (
                f"; {len(plan.decided)} of all the next steps already have an owner or a status"
                if plan.decided
                else "; none has an agreed owner yet"
            )
            + "."
        )
    if plan.closed:
        out.append(
            f"{plural(len(plan.closed), 'recommendation')} {is_are(len(plan.closed))} "
            "already done, deferred or dropped."
        )
    if plan.evidence_gaps:
        out.append(
            f"{plural(len(plan.evidence_gaps), 'question')} {is_are(len(plan.evidence_gaps))} "
            f'answered "don\'t know" and {"needs" if len(plan.evidence_gaps) == 1 else "need"} '
            "evidence."
        )
    if disagreements:
        out.append(
            f"Partners disagree on {plural(len(disagreements), 'question')}, "
            "for the board to settle."
        )
    if previous is not None:
        flagged = flagged_sentence(card, previous)
        if flagged:
            out.append(flagged)
    if card.assessment.targets:
        out.append(summarise(progress(card)).sentence())
    return " ".join(out)


def flagged_sentence(card: ScoreCard, previous: ScoreCard) -> str | None:
    """ "1 performance figure moved against its bank's rating (Protect): see Performance
    figures." where a flag is raised since last year; None where none is."""
    from msht_toolkit.render.documents.measures_part import report_flags, short_title

    flags = report_flags(card, previous)
    if not flags:
        return None
    banks = list(dict.fromkeys(f.bank for f in flags))
    titles = [short_title(b.bank.title) if (b := card.bank(i)) else i for i in banks]
    return (
        f"{plural(len(flags), 'performance figure')} moved against "
        f"{'its' if len(flags) == 1 else 'their'} bank's rating ({', '.join(titles)}): "
        "see Performance figures."
    )


# ---------------------------------------------------------------- where it stands


def standing_chart(card: ScoreCard) -> BarChart:
    """The 4P themes and the banks against the AMBER and GREEN thresholds."""
    themes = tuple(Bar(THEME_TITLES.get(t.id, t.id), t.score, t.rag) for t in card.themes)
    banks = tuple(Bar(b.bank.title, b.score, b.rag, b.provisional) for b in card.banks)
    odd = [
        b.bank.title
        for b in card.banks
        if (b.bank.amber, b.bank.green) != (THEME_AMBER, THEME_GREEN)
    ]
    table_rows: list[tuple[str | Cell, ...]] = [
        (THEME_TITLES.get(t.id, t.id), "4P theme", rated(t.score, t.rag)) for t in card.themes
    ]
    table_rows += [
        (
            b.bank.title,
            THEME_TITLES.get(b.bank.theme, b.bank.theme)
            + f" bank, {percent(b.completeness)} answered",
            rated(b.score, b.rag, b.provisional),
        )
        for b in card.banks
    ]
    description = (
        f"Scores out of 100 for each 4P theme and each of the {plural(len(banks), 'bank')}; "
        f"AMBER from {THEME_AMBER:g}, GREEN from {THEME_GREEN:g}."
    )
    if odd:
        description += f" {', '.join(odd)} {'uses' if len(odd) == 1 else 'use'} its own thresholds."
    return BarChart(
        title="Ratings of the 4P themes and the banks",
        description=description,
        groups=(BarGroup("4P themes", themes), BarGroup("Banks", banks)),
        amber=THEME_AMBER,
        green=THEME_GREEN,
        table=Table(
            (Column("Theme or bank", 40), Column("Kind", 36), Column("Rating", 24)),
            rows(table_rows),
        ),
    )


# ---------------------------------------------------------------- since last year


def change_text(old: float | None, new: float | None) -> str:
    """'up 9.3', 'down 2.0', 'no change', 'newly scored': the words the chart prints, from
    the unrounded scores (so the table and the chart always agree)."""
    from msht_toolkit.render.html.svg_charts import change_words

    return change_words(old, new)


def since_last_year(card: ScoreCard, previous: ScoreCard) -> list[Block]:
    """The overall score and each bank's, last year against this year."""
    old_period = previous.assessment.period or "last year"
    new_period = card.assessment.period or "this year"
    changes = [
        Change(
            "Overall",
            previous.overall.score,
            card.overall.score,
            previous.overall.rag,
            card.overall.rag,
            strong=True,
        )
    ]
    for bank in card.banks:
        before = next((b for b in previous.banks if b.bank.id == bank.bank.id), None)
        changes.append(
            Change(
                bank.bank.title,
                before.score if before else None,
                bank.score,
                before.rag if before else UNRATED,
                bank.rag,
            )
        )
    table = Table(
        (
            Column("Overall and banks", 40),
            Column(old_period, 18),
            Column(new_period, 18),
            Column("Change", 24),
        ),
        rows(
            (c.label, rated(c.old, c.old_rag), rated(c.new, c.new_rag), change_text(c.old, c.new))
            for c in changes
        ),
    )
    return [
        Heading(2, f"Since {old_period}", "since"),
        ChangeChart(
            title=f"Scores in {old_period} and {new_period}",
            description=(
                f"The overall score and each bank's score out of 100 in {old_period} "
                f"(last year's assessment) and {new_period}; AMBER from {THEME_AMBER:g}, "
                f"GREEN from {THEME_GREEN:g}."
            ),
            rows=tuple(changes),
            old_label=old_period,
            new_label=new_period,
            amber=THEME_AMBER,
            green=THEME_GREEN,
            table=table,
        ),
    ]


# ---------------------------------------------------------------- critical failures


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


def report_document(
    plan: ActionPlan,
    full: bool = False,
    disagreements: Mapping[str, Disagreement] | None = None,
    previous: ScoreCard | None = None,
    earlier: Sequence[ScoreCard] = (),
) -> Document:
    """The board report; ``full`` adds the annex of every section and question;
    ``previous`` (last year's assessment, scored) adds how the scores moved since;
    ``earlier`` (every earlier year known, oldest first, last year last) gives the
    performance figures over the years (``measures_part``)."""
    from msht_toolkit.render.documents.measures_part import measures_part

    card = plan.card
    items = disagreements or {}
    if previous is None and earlier:
        previous = earlier[-1]
    if not earlier and previous is not None:
        earlier = (previous,)
    blocks: list[Block] = [
        Heading(2, "Summary", "summary"),
        Paragraph(summary(card, plan, items, previous)),
        Heading(2, "Where the partnership stands", "standing"),
        standing_chart(card),
    ]
    if previous is not None:
        blocks += since_last_year(card, previous)
    blocks += measures_part(card, earlier)
    blocks += critical_part(card, plan)
    blocks += priorities_part(plan)
    blocks += decisions_part(plan)
    blocks += disagreements_part(items)
    blocks += evidence_part(plan)
    blocks += targets_part(card)
    blocks += signoff_part(card)
    if full:
        blocks += annex_part(card, plan, set(items))
    return Document(
        kind="report",
        title=document_title("Board report", card),
        facts=title_block(card),
        blocks=tuple(blocks),
    )
