"""The Markdown action plan (``msht plan``), also used inside ``msht report``.

A board paper (SPEC section 4b): the ranked priorities with their next steps and the
partnership's decisions, the further actions one line each, the closed items with their
reasons, then the evidence gaps.

Every piece of user or bank text goes through ``render.markdown.text`` (``escape``, ``cell``,
``table``, ``heading``) so notes cannot break the document.

Hooks for other parts of the toolkit:

- ``flags``: question id -> short labels (e.g. "partners disagree") shown with every
  priority and evidence gap of that question;
- ``extra_sections``: ready-made Markdown sections (``## ...``) placed after the
  actions and before the evidence gaps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from msht_toolkit.analysis.plan import ActionPlan, ClosedItem, EvidenceGap, Phase, PlanItem
from msht_toolkit.assessment.signoff import sign_off_line
from msht_toolkit.render.markdown.text import bold, bullet, escape, heading, table
from msht_toolkit.scoring.scorer import ScoreCard, round_score

Flags = Mapping[str, Sequence[str]]

THEME_TITLES = {
    "pursue": "Pursue",
    "prevent": "Prevent",
    "protect": "Protect",
    "prepare": "Prepare",
    "cross-cutting": "Cross-cutting",
}


# ---------------------------------------------------------------- small formatters


def score_text(score: float | None) -> str:
    rounded = round_score(score)
    return "not rated" if rounded is None else f"{rounded:.1f}"


def rating(score: float | None, rag: str, provisional: bool = False) -> str:
    """``AMBER (61.3)``; ``UNRATED``; ``(provisional)`` where it applies."""
    text = rag if score is None else f"{rag} ({score_text(score)})"
    return text + (" (provisional)" if provisional else "")


def percent(fraction: float) -> str:
    return f"{fraction * 100:.0f}%"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else (many or word + 's')}"


def gain_text(item: PlanItem) -> str:
    """``+1.23`` points of overall score (two decimals, as ranked)."""
    return f"+{item.rounded_gain:.2f}"


def owner_text(item: PlanItem) -> str:
    if item.owner:
        return item.owner
    if item.suggested_owner:
        return f"{item.suggested_owner} (suggested)"
    return "to agree"


def priority_text(item: PlanItem) -> str:
    """``high``; ``critical, high`` for a critical failure (ranked before any priority)."""
    return f"critical, {item.priority}" if item.critical_failure else item.priority


def paragraph(text: str) -> str:
    return escape(text) + "\n"


def _sub(label: str, text: object) -> str:
    return f"  - {escape(label)}: {escape(text)}\n"


# ---------------------------------------------------------------- sections


def header_table(card: ScoreCard) -> str:
    """Partnership, area, period, date, overall rating and completeness."""
    a = card.assessment
    o = card.overall
    rows: list[tuple[str, object]] = [("Partnership", a.partnership or "-")]
    if a.area:
        rows.append(("Area", a.area))
    rows += [
        ("Period", a.period or "-"),
        ("Assessed on", a.assessed_on or "-"),
        ("Overall rating", rating(o.score, o.rag, o.provisional)),
        ("Completeness", f"{percent(o.completeness)} ({o.answered} of {o.applicable} answered)"),
        ("Sign-off", sign_off_line(a) or "Not signed off"),
    ]
    return table(("Item", "Detail"), rows)


def summary_lines(plan: ActionPlan) -> str:
    """Counts: RED and AMBER questions, critical failures, the plan's parts, evidence gaps."""
    rows = [
        ("RED questions", plan.red_questions),
        ("AMBER questions", plan.amber_questions),
        ("Critical failures", len(plan.critical_failures)),
        ("Priorities", len(plan.priorities)),
        ("Further actions", len(plan.further)),
        ("Closed (done, deferred or dropped)", len(plan.closed)),
        ("Evidence gaps (don't know)", len(plan.evidence_gaps)),
    ]
    return table(("Count", "Number"), rows, align="lr")


def critical_intro(plan: ActionPlan) -> str:
    count = len(plan.critical_failures)
    if not count:
        return paragraph("No critical question is rated RED.")
    ids = ", ".join(r.id for r in plan.critical_failures)
    return paragraph(
        f"{plural(count, 'critical question')} {'is' if count == 1 else 'are'} rated RED "
        f"({ids}). Each makes its section RED whatever the average, so "
        f"{'it is' if count == 1 else 'they are'} ranked first of all."
    )


def ranking_intro(plan: ActionPlan) -> str:
    shown = len(plan.priorities)
    total = len(plan.ranked)
    lead = (
        f"The {plural(shown, 'next step')} that matter most"
        if shown < total
        else f"All {plural(total, 'next step')}"
    )
    return paragraph(
        f"{lead}, one per question, ranked: critical failures first, then the step's "
        "priority, then its gain (how many points the overall score would rise if the "
        "answer moved up one step)."
    )


def glance_table(items: Sequence[PlanItem]) -> str:
    """One row per priority: rank, question, rating, next step, priority, gain, decision."""
    rows = [
        (
            i.rank,
            i.qid,
            i.result.rag,
            i.text,
            priority_text(i),
            gain_text(i),
            owner_text(i),
            i.due or "-",
            i.status or "not set",
        )
        for i in items
    ]
    return table(
        ("Rank", "Question", "Rating", "Next step", "Priority", "Gain", "Owner", "Due", "Status"),
        rows,
        align="rllllrlll",
    )


def item_block(item: PlanItem, flags: Flags | None = None) -> str:
    """One priority as a list item with why it is here, its owner, date and status."""
    r = item.result
    out = f"- {bold(f'{item.rank}. {item.text}')}\n"
    out += _sub(
        "Question",
        f"{item.qid} ({item.bank.bank.title}, {item.section_title}): {item.question.text}",
    )
    out += _sub("Answer now", item.current)
    rated = rating(r.score, r.rag)
    if item.critical_failure:
        rated += "; a critical question, so its whole section is rated RED"
    out += _sub("Rating", rated)
    out += _sub(
        "Why here",
        ("a critical failure; " if item.critical_failure else "")
        + f"{item.priority} priority; the overall score would rise by "
        f"{item.rounded_gain:.2f} points with this answer one step better",
    )
    if item.later_steps:
        out += _sub("Later steps", plural(len(item.later_steps), "more action") + " after this one")
    out += _sub("Partnership's note", item.note or "none recorded")
    out += _sub("Suggested owner", item.suggested_owner or "none suggested")
    if item.decision:
        out += _sub("Agreed owner", item.owner or "not set")
        out += _sub("Due", item.due or "not set")
        out += _sub("Status", item.status or "not set")
        if item.decision.note:
            out += _sub("Plan note", item.decision.note)
    else:
        out += _sub("Decision", "not yet taken (msht actions records it)")
    for flag in (flags or {}).get(item.qid, ()):
        out += _sub("Flag", flag)
    return out


def items_list(items: Sequence[PlanItem], flags: Flags | None = None) -> str:
    return "".join(item_block(i, flags) for i in items)


def further_line(item: PlanItem) -> str:
    """One line: rank, question, rating, next step, priority and gain, any decision."""
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
    return bullet(text + ")")


def closed_reason(item: ClosedItem) -> str:
    return item.reason or ("-" if item.status == "done" else "no reason recorded")


def closed_section(plan: ActionPlan, level: int) -> str:
    out = heading(level, "Closed") + "\n"
    if not plan.closed:
        return out + paragraph("No recommendation is done, deferred or dropped.") + "\n"
    out += paragraph("Done, deferred or dropped: out of the ranking, with the reason given.") + "\n"
    rows = [
        (c.qid, c.question.text, c.status, closed_reason(c), c.decision.owner or "-")
        for c in plan.closed
    ]
    return out + table(("Question", "Text", "Status", "Reason", "Owner"), rows) + "\n"


def phase_section(phase: Phase, level: int, flags: Flags | None = None) -> str:
    title = phase.label
    if phase.start and phase.end:
        title += f" ({phase.start.isoformat()} to {phase.end.isoformat()})"
    out = heading(level, title) + "\n"
    if not phase.items:
        return out + paragraph("No priorities in this phase.") + "\n"
    out += glance_table(phase.items) + "\n"
    return out + items_list(phase.items, flags) + "\n"


def priorities_section(plan: ActionPlan, level: int, flags: Flags | None = None) -> str:
    out = heading(level, "Priorities") + "\n" + critical_intro(plan) + "\n"
    if not plan.ranked:
        return out + paragraph("No recommended action applies.") + "\n"
    out += ranking_intro(plan) + "\n"
    if plan.phases:
        out += (
            paragraph(
                f"Spread over {plural(len(plan.phases), 'phase')} in rank order, critical "
                "failures in the first; a priority with an agreed due date goes in the "
                "phase that holds that date."
            )
            + "\n"
        )
        if plan.notes:
            out += "".join(bullet(n) for n in plan.notes) + "\n"
        return out + "".join(phase_section(p, level + 1, flags) for p in plan.phases)
    out += glance_table(plan.priorities) + "\n"
    return out + items_list(plan.priorities, flags) + "\n"


def further_section(plan: ActionPlan, level: int) -> str:
    if not plan.further:
        return ""
    out = heading(level, "Further actions") + "\n"
    out += paragraph(
        f"{plural(len(plan.further), 'more question')} with a next step, in rank order."
    )
    return out + "\n" + "".join(further_line(i) for i in plan.further) + "\n"


def actions_part(plan: ActionPlan, level: int, flags: Flags | None = None) -> str:
    """Priorities (by phase where phased), further actions, closed items."""
    return (
        priorities_section(plan, level, flags)
        + further_section(plan, level)
        + closed_section(plan, level)
    )


def evidence_gaps_section(plan: ActionPlan, level: int, flags: Flags | None = None) -> str:
    out = heading(level, "Evidence gaps") + "\n"
    gaps = plan.evidence_gaps
    if not gaps:
        return out + paragraph('No question was answered "don\'t know".') + "\n"
    out += (
        paragraph(
            f'{plural(len(gaps), "question")} answered "don\'t know". Each scores 0 until '
            "the partnership finds out; the last column says what evidence would show it."
        )
        + "\n"
    )
    out += table(
        ("Question", "Bank", "Text", "Answered by", "Note", "Evidence to look for"),
        [_gap_row(g, flags) for g in gaps],
    )
    return out + "\n"


def _gap_row(gap: EvidenceGap, flags: Flags | None) -> tuple[object, ...]:
    note = gap.note or "-"
    extra = list((flags or {}).get(gap.question.id, ()))
    if extra:
        note = f"{note} (flags: {'; '.join(extra)})"
    return (
        gap.question.id,
        gap.bank.bank.title,
        gap.question.text,
        gap.by or "-",
        note,
        gap.question.evidence or "-",
    )


def document_title(kind: str, card: ScoreCard) -> str:
    """'Action plan: Midshire 2026/27': ``kind``, the partnership and the period if any."""
    a = card.assessment
    title = f"{kind}: {a.partnership or 'partnership'}"
    if a.period:
        title += f" {a.period}"
    return title


def plan_markdown(
    plan: ActionPlan, flags: Flags | None = None, extra_sections: Sequence[str] = ()
) -> str:
    """The whole ``msht plan`` document."""
    card = plan.card
    title = document_title("Action plan", card)
    parts = [heading(1, title), "\n", header_table(card), "\n", summary_lines(plan), "\n"]
    parts.append(actions_part(plan, 2, flags))
    parts += [s.rstrip("\n") + "\n\n" for s in extra_sections if s.strip()]
    parts.append(evidence_gaps_section(plan, 2, flags))
    return "".join(parts).rstrip("\n") + "\n"
