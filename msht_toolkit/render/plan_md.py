"""The Markdown action plan (``msht plan``), also used inside ``msht report``.

Every piece of user or bank text goes through ``render.markdown`` (``escape``, ``cell``,
``table``, ``heading``) so notes cannot break the document.

Hooks for other parts of the toolkit:

- ``flags``: question id -> short labels (e.g. "partners disagree") shown with every
  action and evidence gap of that question;
- ``extra_sections``: ready-made Markdown sections (``## ...``) placed after the
  actions and before the evidence gaps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from msht_toolkit.plan import CRITICAL, ActionPlan, EvidenceGap, Phase, PlanItem
from msht_toolkit.render.markdown import bold, bullet, escape, heading, table
from msht_toolkit.scoring import ScoreCard, round_score

Flags = Mapping[str, Sequence[str]]

GROUP_TITLES = {
    CRITICAL: "Critical failures",
    "high": "High priority",
    "medium": "Medium priority",
    "low": "Low priority",
}
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


def owner_text(item: PlanItem) -> str:
    if item.owner:
        return item.owner
    if item.suggested_owner:
        return f"{item.suggested_owner} (suggested)"
    return "to agree"


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
    ]
    return table(("Item", "Detail"), rows)


def summary_lines(plan: ActionPlan) -> str:
    """Counts of RED and AMBER items, critical failures, actions and evidence gaps."""
    closed = sum(1 for i in plan.items if i.closed)
    rows = [
        ("RED questions", plan.red_questions),
        ("AMBER questions", plan.amber_questions),
        ("Critical failures", len(plan.critical_failures)),
        ("Recommended actions", len(plan.items)),
        ("Actions done or dropped", closed),
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
        f"{'its actions come' if count == 1 else 'their actions come'} first of all."
    )


def glance_table(items: Sequence[PlanItem]) -> str:
    """One row per action: reference, priority, theme, question, action, owner, due, status."""
    rows = [
        (
            i.ref,
            "critical" if i.critical_failure else i.priority,
            THEME_TITLES.get(i.theme, i.theme),
            i.qid,
            i.text,
            owner_text(i),
            i.due or "-",
            i.status or "not set",
        )
        for i in items
    ]
    return table(("Ref", "Priority", "Theme", "Question", "Action", "Owner", "Due", "Status"), rows)


def item_block(item: PlanItem, flags: Flags | None = None) -> str:
    """One action as a list item with why, owners, dates and status beneath it."""
    r = item.result
    out = f"- {bold(f'{item.ref}. {item.text}')}\n"
    out += _sub(
        "Question",
        f"{item.qid} ({item.bank.bank.title}, {item.section_title}): {item.question.text}",
    )
    out += _sub("Answer now", item.current)
    rated = rating(r.score, r.rag)
    if item.critical_failure:
        rated += "; a critical question, so its whole section is rated RED"
    out += _sub("Rating", rated)
    out += _sub("Partnership's note", item.note or "none recorded")
    out += _sub("Suggested owner", item.suggested_owner or "none suggested")
    if item.agreed:
        out += _sub("Agreed owner", item.owner or "not set")
        out += _sub("Due", item.due or "not set")
        out += _sub("Status", item.status or "not set")
        if item.agreed.note:
            out += _sub("Plan note", item.agreed.note)
    else:
        out += _sub("Agreed owner, due date and status", "not yet set in the plan block")
    for flag in (flags or {}).get(item.qid, ()):
        out += _sub("Flag", flag)
    return out


def items_list(items: Sequence[PlanItem], flags: Flags | None = None) -> str:
    return "".join(item_block(i, flags) for i in items)


def actions_by_priority(plan: ActionPlan, level: int, flags: Flags | None = None) -> str:
    """Critical failures, then high / medium / low, each split by 4P theme."""
    out = heading(level, GROUP_TITLES[CRITICAL]) + "\n" + critical_intro(plan) + "\n"
    critical = plan.group(CRITICAL)
    if critical:
        out += items_list(critical, flags) + "\n"
    for priority in ("high", "medium", "low"):
        items = plan.group(priority)
        out += heading(level, GROUP_TITLES[priority]) + "\n"
        if not items:
            out += paragraph(f"No {priority}-priority actions apply.") + "\n"
            continue
        for theme, members in plan.by_theme(items):
            out += heading(level + 1, THEME_TITLES.get(theme, theme)) + "\n"
            out += items_list(members, flags) + "\n"
    return out


def phase_section(phase: Phase, level: int, flags: Flags | None = None) -> str:
    title = phase.label
    if phase.start and phase.end:
        title += f" ({phase.start.isoformat()} to {phase.end.isoformat()})"
    out = heading(level, title) + "\n"
    if not phase.items:
        return out + paragraph("No actions in this phase.") + "\n"
    out += glance_table(phase.items) + "\n"
    return out + items_list(phase.items, flags) + "\n"


def actions_by_phase(plan: ActionPlan, level: int, flags: Flags | None = None) -> str:
    """Critical failures named first, then each phase's actions; closed ones apart."""
    out = heading(level, GROUP_TITLES[CRITICAL]) + "\n" + critical_intro(plan) + "\n"
    out += heading(level, f"Phased plan ({plural(len(plan.phases), 'phase')})") + "\n"
    out += (
        paragraph(
            "Critical failures and high-priority actions come first, then medium, then low; "
            "an action with an agreed due date goes in the phase that holds that date."
        )
        + "\n"
    )
    if plan.notes:
        out += "".join(bullet(n) for n in plan.notes) + "\n"
    for phase in plan.phases:
        out += phase_section(phase, level + 1, flags)
    if plan.closed:
        out += heading(level + 1, "Done or dropped") + "\n" + glance_table(plan.closed) + "\n"
    return out


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


def actions_part(plan: ActionPlan, level: int, flags: Flags | None = None) -> str:
    """The actions: a glance table (when not phased), then by phase or by priority."""
    out = ""
    if plan.items and not plan.phases:
        out += heading(level, "Actions at a glance") + "\n" + glance_table(plan.items) + "\n"
    if plan.phases:
        return out + actions_by_phase(plan, level, flags)
    return out + actions_by_priority(plan, level, flags)


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
