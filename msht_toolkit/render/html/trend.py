"""``msht trend --format html``: the scores over the years as one page with charts.

The overall score and each bank's score per period as a line chart (one line each,
labelled at its end), with the same numbers in a table beside it (score, RAG word and
the step from the previous period); then progress toward the latest file's targets.
"""

from __future__ import annotations

from pathlib import Path

from msht_toolkit import vocabulary
from msht_toolkit.analysis.trend import DOWN, UP, Point, Series, Trend
from msht_toolkit.render.documents.blocks import Column
from msht_toolkit.render.documents.chart_page import Page, make_table, rated, share
from msht_toolkit.render.html import svg_charts as svg
from msht_toolkit.scoring.scorer import UNRATED

ARROW_NOTE = "↑ up, ↓ down, → no change from the previous period."


def point_text(point: Point) -> str:
    """'↑ 61.3 AMBER'; 'not assessed' where the file did not include the bank."""
    if not point.assessed:
        return "not assessed"
    text = vocabulary.rating(point.score, point.rag, point.provisional)
    return f"{point.arrow} {text}" if point.arrow else text


def _first_last(series: Series) -> tuple[Point | None, Point | None]:
    scored = [p for p in series.points if p.score is not None]
    return (scored[0], scored[-1]) if scored else (None, None)


def summary(trend: Trend, labels: list[str]) -> str:
    """The overall move in plain words, and how many banks rose and fell."""
    first, last = _first_last(trend.overall)
    if first is None or last is None:
        return "No period has an overall score."
    at = {id(p): labels[i] for i, p in enumerate(trend.overall.points)}
    text = (
        f"The overall score went from {vocabulary.rating(first.score, first.rag)} "
        f"in {at[id(first)]} "
        f"to {vocabulary.rating(last.score, last.rag)} in {at[id(last)]}: "
        f"{vocabulary.change(first.score, last.score)}."
    )
    ups = downs = 0
    for series in trend.banks:
        a, b = _first_last(series)
        if a is not None and b is not None and a is not b:
            ups += b.score > a.score + 1e-9  # type: ignore[operator]
            downs += b.score < a.score - 1e-9  # type: ignore[operator]
    if trend.banks:
        text += (
            f" Over the same years {ups} of {len(trend.banks)} banks rose and {downs} fell "
            "(each bank from its first scored period to its last)."
        )
    if len(labels) > 2:
        fell = [s.title for s in trend.banks if s.points[-1].step == DOWN]
        rose = sum(1 for s in trend.banks if s.points[-1].step == UP)
        text += f" From {labels[-2]} to {labels[-1]}, {rose} rose and {len(fell)} fell"
        text += f" ({'; '.join(fell)})." if fell else "."
    return text


def _thresholds_note(trend: Trend) -> str:
    odd = sorted(
        {
            (r.bank.title, r.bank.green, r.bank.amber)
            for c in trend.cards
            for r in c.banks
            if (r.bank.green, r.bank.amber)
            != (svg.DEFAULT_THRESHOLDS.green, svg.DEFAULT_THRESHOLDS.amber)
        }
    )
    if not odd:
        return ""
    listed = "; ".join(f"{t} (GREEN ≥ {g:g}, AMBER ≥ {a:g})" for t, g, a in odd)
    return (
        "The lines mark the overall thresholds (GREEN ≥ 75, AMBER ≥ 40); these banks are "
        f"rated against their own: {listed}."
    )


def trend_chart(trend: Trend) -> str:
    labels = trend.labels()
    series = [trend.overall, *trend.banks]
    lines = [
        svg.LineSeries(
            s.title,
            [p.score for p in s.points],
            [p.rag if p.score is not None else UNRATED for p in s.points],
            strong=s is trend.overall,
        )
        for s in series
    ]
    name = trend.partnership or "The partnership"
    return svg.line_chart(
        labels,
        lines,
        title=f"{name}: overall and bank scores, {labels[0]} to {labels[-1]}",
        desc=(
            "Scores from 0 to 100 per period for the overall score (thick black line) and "
            f"each of {len(trend.banks)} banks, against the AMBER (40) and GREEN (75) "
            "thresholds. The same numbers are in the table beside the chart."
        ),
    )


def trend_html(trend: Trend) -> str:
    labels = trend.labels()
    page = _opening(trend, labels)
    _scores_part(page, trend, labels)
    from msht_toolkit.render.html.measures_sections import trend_section

    trend_section(page, trend)
    if trend.targets:
        _targets_part(page, trend, labels)
    return page.html()


def _opening(trend: Trend, labels: list[str]) -> Page:
    """The title, the facts (periods, files), the warnings and the summary."""
    name = trend.partnership or "Assessments"
    page = Page(
        title=f"{name}: scores {labels[0]} to {labels[-1]}",
        subtitle="Overall and bank scores per period, with RAG ratings.",
    )
    page.facts.append(("Partnership", trend.partnership or "-"))
    page.facts.append(("Periods", ", ".join(labels)))
    files = [
        f"{label}: {Path(c.assessment.path or '?').name}"
        + (f", assessed on {c.assessment.assessed_on}" if c.assessment.assessed_on else "")
        for label, c in zip(labels, trend.cards, strict=True)
    ]
    page.facts.append(("Files", "; ".join(files)))
    for warning in trend.warnings:
        page.warning(warning)
    page.paragraph(summary(trend, labels))
    return page


def _scores_part(page: Page, trend: Trend, labels: list[str]) -> None:
    """Scores over the years: the chart with its table and notes."""
    page.heading("Scores over the years", "scores")
    width = share(30, len(labels))
    columns = [Column("Overall and banks", 30), *(Column(label, width) for label in labels)]
    rows = [
        [s.title, *(rated(point_text(p), p.rag if p.score is not None else None) for p in s.points)]
        for s in (trend.overall, *trend.banks)
    ]
    page.figure(trend_chart(trend), make_table(columns, rows, "Score and RAG per period"))
    provisional = any(p.provisional for s in (trend.overall, *trend.banks) for p in s.points)
    page.note(
        ARROW_NOTE
        + (" (provisional): fewer than 80% of questions answered." if provisional else "")
    )
    note = _thresholds_note(trend)
    if note:
        page.note(note)


def _targets_part(page: Page, trend: Trend, labels: list[str]) -> None:
    """Progress toward the latest file's targets since the first period."""
    page.heading(f"Progress toward targets since {labels[0]}", "targets")
    columns = [
        Column("Target", 26),
        Column("Kind", 9),
        Column("Aim", 13),
        Column("First", 11),
        Column("Latest", 13),
        Column("Gap", 9),
        Column("Progress", 10),
        Column("Status", 9),
    ]
    rows = []
    for t in trend.targets:
        by = f" by {t.by}" if t.by else ""
        first = (
            vocabulary.NO_FIGURE
            if t.first_score is None
            else f"{vocabulary.score(t.first_score)} ({t.first_period or '?'})"
        )
        rows.append(
            [
                t.key if t.kind == "question" else t.title,
                t.kind,
                f"{t.progress.target_text}{by}",
                first,
                rated(vocabulary.rating(t.latest_score, t.latest_rag), t.latest_rag),
                t.progress.gap_text,
                t.progress.percent_text,
                t.status,
            ]
        )
    page.table(make_table(columns, rows, "The latest file's targets"))
