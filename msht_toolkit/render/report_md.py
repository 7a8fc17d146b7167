"""The full Markdown report (``msht report``): cover, summary, ratings, targets, plan, appendix.

Built from the same ``ScoreCard`` and ``ActionPlan`` as ``msht score`` and ``msht plan``.
Every piece of user text is escaped through ``render.markdown``. ``flags`` and
``extra_sections`` work as in ``render.plan_md``.
"""

from __future__ import annotations

from collections.abc import Sequence

from msht_toolkit.assessment.values import describe
from msht_toolkit.plan import ActionPlan
from msht_toolkit.render.markdown import heading, table
from msht_toolkit.render.plan_md import (
    THEME_TITLES,
    Flags,
    actions_part,
    document_title,
    evidence_gaps_section,
    paragraph,
    percent,
    plural,
    rating,
    score_text,
)
from msht_toolkit.scoring import (
    AMBER,
    EXCLUDED_WHEN,
    GREEN,
    RED,
    UNRATED,
    BankResult,
    QuestionResult,
    ScoreCard,
)
from msht_toolkit.targets import ordered, progress, summarise


def cover(card: ScoreCard) -> str:
    a = card.assessment
    rows: list[tuple[str, object]] = [("Partnership", a.partnership or "-")]
    rows += [
        ("Area", a.area or "-"),
        ("Period", a.period or "-"),
        ("Assessed on", a.assessed_on or "-"),
        ("Question banks", ", ".join(f"{b.bank.id} {b.bank.version}" for b in card.banks)),
    ]
    if a.carried_from:
        rows.append(("Started from", a.carried_from))
    out = table(("Item", "Detail"), rows) + "\n"
    out += heading(2, "Participants") + "\n"
    if a.participants:
        out += table(
            ("Name", "Agency", "Role"),
            [(p.name, p.agency or "-", p.role or "-") for p in a.participants],
        )
    else:
        out += paragraph("No participants were recorded.")
    return out + "\n"


def _bank_phrase(bank: BankResult) -> str:
    return f"{bank.bank.title} ({bank.rag}, {score_text(bank.score)})"


def executive_summary(card: ScoreCard, plan: ActionPlan) -> list[str]:
    """The summary as plain sentences (unescaped; the caller escapes them)."""
    o = card.overall
    sentences = []
    answered = f"{percent(o.completeness)} of applicable questions were answered"
    if o.score is None:
        sentences.append(f"The partnership has no rated answers yet ({answered}).")
    else:
        text = f"Overall the partnership is rated {o.rag} with a score of {score_text(o.score)}"
        if o.provisional:
            text += f"; the rating is provisional because only {answered}"
        else:
            text += f"; {answered}"
        sentences.append(text + ".")
    rated = [b for b in card.banks if b.score is not None]
    if len(rated) >= 2:
        best = max(rated, key=lambda b: b.score or 0.0)
        worst = min(rated, key=lambda b: b.score or 0.0)
        sentences.append(
            f"The strongest bank is {_bank_phrase(best)} and the weakest is {_bank_phrase(worst)}."
        )
    elif len(rated) == 1:
        sentences.append(f"The only rated bank is {_bank_phrase(rated[0])}.")
    unrated = [b.bank.title for b in card.banks if b.score is None]
    if unrated:
        sentences.append(
            f"{plural(len(unrated), 'bank')} {'has' if len(unrated) == 1 else 'have'} "
            f"no rated answers: {', '.join(unrated)}."
        )
    counts = {rag: 0 for rag in (RED, AMBER, GREEN, UNRATED)}
    for bank in card.banks:
        for section in bank.sections:
            counts[section.rag] = counts.get(section.rag, 0) + 1
    sentences.append(
        f"Of {plural(sum(counts.values()), 'section')}, {counts[RED]} "
        f"{'is' if counts[RED] == 1 else 'are'} RED, {counts[AMBER]} AMBER and "
        f"{counts[GREEN]} GREEN"
        + (f"; {counts[UNRATED]} not yet rated." if counts[UNRATED] else ".")
    )
    critical = plan.critical_failures
    if critical:
        capped = sum(1 for b in card.banks for s in b.sections if s.capped_by)
        sentences.append(
            f"{plural(len(critical), 'critical question')} "
            f"{'is' if len(critical) == 1 else 'are'} rated RED "
            f"({', '.join(r.id for r in critical)}), making "
            f"{plural(capped, 'section')} RED whatever the average."
        )
    else:
        sentences.append("No critical question is rated RED.")
    high = sum(1 for i in plan.ranked if i.priority == "high" or i.critical_failure)
    sentences.append(
        f"The action plan has a next step for {plural(len(plan.ranked), 'question')} "
        f"({high} of them high priority or critical); the first {len(plan.priorities)} "
        f"are the priorities, and {plural(len(plan.closed), 'recommendation')} "
        f"{'is' if len(plan.closed) == 1 else 'are'} closed. There "
        f"{'is' if len(plan.evidence_gaps) == 1 else 'are'} "
        f'{plural(len(plan.evidence_gaps), "evidence gap")} (questions answered "don\'t know").'
    )
    if card.assessment.targets:
        sentences.append(summarise(progress(card)).sentence())
    return sentences


def themes_table(card: ScoreCard) -> str:
    return table(
        ("Theme", "Score", "RAG", "Banks"),
        [
            (THEME_TITLES.get(t.id, t.id), score_text(t.score), t.rag, ", ".join(t.banks))
            for t in card.themes
        ],
        align="lrll",
    )


def banks_table(card: ScoreCard) -> str:
    return table(
        ("Bank", "Version", "Theme", "Score", "RAG", "Completeness"),
        [
            (
                b.bank.title,
                b.bank.version,
                THEME_TITLES.get(b.bank.theme, b.bank.theme),
                score_text(b.score),
                b.rag + (" (provisional)" if b.provisional else ""),
                percent(b.completeness),
            )
            for b in card.banks
        ],
        align="lllrlr",
    )


def sections_part(card: ScoreCard, level: int) -> str:
    out = ""
    for b in card.banks:
        out += heading(level, b.bank.title) + "\n"
        out += table(
            ("Section", "Score", "RAG", "Completeness", "Capped by"),
            [
                (
                    s.section.title,
                    score_text(s.score),
                    s.rag + (" (provisional)" if s.provisional else ""),
                    percent(s.completeness),
                    s.capped_by or "-",
                )
                for s in b.sections
            ],
            align="lrlrl",
        )
        out += "\n"
    return out


def targets_part(card: ScoreCard, level: int) -> str:
    items = progress(card)
    if not items:
        return ""
    out = heading(level, "Targets") + "\n"
    out += paragraph(
        summarise(items).sentence() + " Targets not yet met come first; every target is "
        "listed on its own, so one above target never hides another below it."
    )
    out += "\n" + table(
        ("Target", "For", "Aim", "Now", "Gap", "Of the way", "By", "Status"),
        [p.row() for p in ordered(items)],
    )
    return out + "\n"


def _answer_cell(result: QuestionResult) -> str:
    if not result.applicable:
        if result.excluded != EXCLUDED_WHEN:
            return "not applicable"
        if result.value is None:
            return "not applicable (its condition is false)"
        recorded = describe(result.question, result.value)
        return f"not applicable (its condition is false; recorded: {recorded})"
    return describe(result.question, result.value)


def _note_cell(result: QuestionResult, flags: Flags | None) -> str:
    answer = result.answer
    parts = []
    if answer and answer.note:
        parts.append(answer.note)
    if answer and answer.responses:
        parts.append(
            "Responses: "
            + "; ".join(
                f"{r.by or 'unnamed'}: {describe(result.question, r.value)}"
                for r in answer.responses
            )
        )
    if answer and answer.review:
        parts.append(
            "Marked for review" + (f": {answer.review_reason}" if answer.review_reason else "")
        )
    parts += [f"Flag: {f}" for f in (flags or {}).get(result.id, ())]
    return " / ".join(parts) or "-"


def appendix(card: ScoreCard, level: int, flags: Flags | None = None) -> str:
    out = heading(level, "Appendix: every answer") + "\n"
    out += paragraph(
        "Every question in scope, in bank order, with the answer, its rating, the "
        "partnership's note and the evidence recorded. Critical questions are marked (critical)."
    )
    out += "\n"
    for b in card.banks:
        out += heading(level + 1, f"{b.bank.title} ({b.bank.id} {b.bank.version})") + "\n"
        for s in b.sections:
            out += heading(level + 2, s.section.title) + "\n"
            out += table(
                ("Question", "Text", "Answer", "Rating", "Note", "Evidence", "Answered by"),
                [
                    (
                        r.id + (" (critical)" if r.critical else ""),
                        r.question.text,
                        _answer_cell(r),
                        rating(r.score, r.rag) if r.applicable else "-",
                        _note_cell(r, flags),
                        "; ".join(r.answer.evidence) if r.answer and r.answer.evidence else "-",
                        (r.answer.by if r.answer and r.answer.by else "-"),
                    )
                    for r in s.questions
                ],
            )
            out += "\n"
    return out


def report_markdown(
    plan: ActionPlan, flags: Flags | None = None, extra_sections: Sequence[str] = ()
) -> str:
    """The whole ``msht report`` document."""
    card = plan.card
    title = document_title("Modern slavery self-assessment", card)
    parts = [heading(1, title), "\n", cover(card)]
    parts += [heading(2, "Executive summary"), "\n"]
    parts += ["".join(paragraph(s) + "\n" for s in executive_summary(card, plan))]
    parts += [heading(2, "Ratings by theme"), "\n", themes_table(card), "\n"]
    parts += [heading(2, "Ratings by bank"), "\n", banks_table(card), "\n"]
    parts += [heading(2, "Ratings by section"), "\n", sections_part(card, 3)]
    parts.append(targets_part(card, 2))
    parts += [heading(2, "Action plan"), "\n", actions_part(plan, 3, flags)]
    parts += [s.rstrip("\n") + "\n\n" for s in extra_sections if s.strip()]
    parts.append(evidence_gaps_section(plan, 2, flags))
    parts.append(appendix(card, 2, flags))
    return "".join(parts).rstrip("\n") + "\n"
