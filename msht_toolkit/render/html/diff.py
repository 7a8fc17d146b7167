"""``msht diff --format html``: the year-on-year comparison as one page with a chart.

The same content as the Markdown (``render.markdown.diff``): both periods, the overall move in
words, a before-and-after chart of the overall and bank scores with the same numbers in
a table beside it, then the lists of questions that moved.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from msht_toolkit import vocabulary
from msht_toolkit.analysis.change import bank_side, question_side
from msht_toolkit.analysis.diff import Diff, QuestionChange
from msht_toolkit.render.documents.blocks import Column
from msht_toolkit.render.documents.chart_page import Page, make_table, rated
from msht_toolkit.render.html import svg_charts as svg
from msht_toolkit.render.markdown.diff import LIST_NOTES, question_label
from msht_toolkit.scoring.scorer import ScoreCard


def _side_fact(label: str, card: ScoreCard) -> str:
    a = card.assessment
    text = f"{label}: {Path(a.path or '?').name}"
    if a.assessed_on:
        text += f", assessed on {a.assessed_on}"
    return text


def diff_chart(diff: Diff) -> str:
    old_label, new_label = diff.labels()
    o, n = diff.old.overall, diff.new.overall
    rows = [svg.Change("Overall", o.score, n.score, o.rag, n.rag, strong=True)]
    rows += [
        svg.Change(b.title, b.old_score, b.new_score, b.old_rag, b.new_rag) for b in diff.banks
    ]
    partnership = diff.new.assessment.partnership or diff.old.assessment.partnership
    return svg.dumbbell_chart(
        rows,
        old_label=old_label,
        new_label=new_label,
        title=f"{partnership or 'Scores'}: {old_label} and {new_label}, overall and per bank",
        desc=(
            f"For the overall score and each of {len(diff.banks)} banks, the {old_label} "
            f"score (hollow circle) and the {new_label} score (filled diamond), 0 to 100, "
            "against the AMBER (40) and GREEN (75) thresholds. The same numbers are in "
            "the table beside the chart."
        ),
    )


def diff_html(diff: Diff) -> str:
    page = _opening(diff)
    _banks_part(page, diff)
    from msht_toolkit.render.html.measures_sections import diff_section

    diff_section(page, diff)
    old_label, new_label = diff.labels()
    for key, title, questions in diff.lists():
        _question_list(page, key, title, questions, old_label, new_label)
    return page.html()


def _opening(diff: Diff) -> Page:
    """The title, the facts, the warnings, the overall line and the question counts."""
    old_label, new_label = diff.labels()
    old_card, new_card = diff.old, diff.new
    partnership = new_card.assessment.partnership or old_card.assessment.partnership
    page = Page(
        title=f"{partnership or 'Year-on-year comparison'}: {old_label} compared with {new_label}",
        subtitle="Year-on-year comparison: what improved, what slipped, what is new.",
    )
    page.facts.append(("Partnership", partnership or "-"))
    page.facts.append(("Earlier", _side_fact(old_label, old_card)))
    page.facts.append(("Later", _side_fact(new_label, new_card)))
    for warning in diff.warnings:
        page.warning(warning)
    o, n = old_card.overall, new_card.overall
    page.paragraph(
        f"Overall: {vocabulary.rating(o.score, o.rag, o.provisional)} ({old_label}) → "
        f"{vocabulary.rating(n.score, n.rag, n.provisional)} ({new_label}): {diff.headline}."
    )
    counts = diff.summary()
    page.paragraph(
        "Questions: "
        + ", ".join(f"{counts[key]} {key}" for key in counts)
        + ". Questions with no score in either year are left out."
    )
    return page


def _banks_part(page: Page, diff: Diff) -> None:
    """Overall and banks, before and after: the chart with its table."""
    old_label, new_label = diff.labels()
    o, n = diff.old.overall, diff.new.overall
    page.heading("Overall and banks, before and after", "banks")
    columns = [
        Column("Overall and banks", 30),
        Column("Versions", 16),
        Column(old_label, 18),
        Column(new_label, 18),
        Column("Change", 18),
    ]
    rows = [
        [
            "Overall",
            "",
            rated(
                vocabulary.rating(o.score, o.rag, o.provisional),
                o.rag if o.score is not None else None,
            ),
            rated(
                vocabulary.rating(n.score, n.rag, n.provisional),
                n.rag if n.score is not None else None,
            ),
            vocabulary.change(o.score, n.score),
        ]
    ]
    for b in diff.banks:
        rows.append(
            [
                b.title,
                b.versions,
                rated(bank_side(b.old), b.old_rag if b.old_score is not None else None),
                rated(bank_side(b.new), b.new_rag if b.new_score is not None else None),
                vocabulary.change(b.old_score, b.new_score, b.change),
            ]
        )
    page.figure(diff_chart(diff), make_table(columns, rows, "Scores and RAG in both years"))


def _question_list(
    page: Page,
    key: str,
    title: str,
    questions: Sequence[QuestionChange],
    old_label: str,
    new_label: str,
) -> None:
    """One list of questions (improved, slipped, new ...) with its note."""
    page.heading(f"{title} ({len(questions)})", key)
    if key in LIST_NOTES:
        page.note(LIST_NOTES[key])
    if not questions:
        page.paragraph("None.")
        return
    columns = [
        Column("ID", 15),
        Column("Question", 40),
        Column(old_label, 15),
        Column(new_label, 15),
        Column("Change", 15),
    ]
    rows = [
        [
            question_label(q),
            q.text,
            rated(question_side(q.old), q.old_rag if q.old_score is not None else None),
            rated(question_side(q.new), q.new_rag if q.new_score is not None else None),
            vocabulary.change(q.old_score, q.new_score, q.change),
        ]
        for q in questions
    ]
    page.table(make_table(columns, rows))
