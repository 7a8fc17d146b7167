"""A ``Document`` as one self-contained HTML page (``templates/document.html.j2``).

Charts are drawn as inline SVG by ``render.html.svg_charts``, each with its ``<title>`` and
the same numbers in a table beside it. Text is escaped by the templates (autoescape)
and cleaned of control characters (``render.html.page.clean``).
"""

from __future__ import annotations

from typing import Any

from msht_toolkit.render.documents.blocks import (
    BarChart,
    Block,
    ChangeChart,
    Document,
    MeasureCharts,
    Table,
    fitted,
)
from msht_toolkit.render.html.page import render_page, trusted


def chart_svg(chart: BarChart) -> str:
    """The chart as an inline ``<svg>`` (bars grouped under their headings)."""
    from msht_toolkit.render.html import svg_charts as svg

    rows: list[svg.BarRow | svg.Heading] = []
    for group in chart.groups:
        rows.append(svg.Heading(group.title))
        rows += [svg.BarRow(b.label, b.score, b.rag, b.provisional) for b in group.bars]
    return svg.bar_chart(
        rows,
        title=chart.title,
        desc=chart.description,
        thresholds=svg.Thresholds(amber=chart.amber, green=chart.green),
    )


def change_svg(chart: ChangeChart) -> str:
    """Last year against this year as an inline ``<svg>`` (a dumbbell per row)."""
    from msht_toolkit.render.html import svg_charts as svg

    return svg.dumbbell_chart(
        [svg.Change(c.label, c.old, c.new, c.old_rag, c.new_rag, c.strong) for c in chart.rows],
        old_label=chart.old_label,
        new_label=chart.new_label,
        title=chart.title,
        desc=chart.description,
        thresholds=svg.Thresholds(amber=chart.amber, green=chart.green),
    )


def measures_svg(chart: MeasureCharts) -> str:
    """A small panel per measure as one inline ``<svg>`` (``render.html.measure_charts``)."""
    from msht_toolkit.render.html.measure_charts import measure_panels

    return measure_panels(
        chart.periods,
        [(s.label, s.unit, s.better, s.values, s.flagged) for s in chart.series],
        title=chart.title,
        desc=chart.description,
    )


def _item(block: Block) -> dict[str, Any]:
    item: dict[str, Any] = {"kind": type(block).__name__.lower(), "block": block}
    if isinstance(block, Table):
        item["block"] = fitted(block)
    elif isinstance(block, BarChart):
        item["svg"] = trusted(chart_svg(block))
        item["table"] = fitted(block.table)
    elif isinstance(block, ChangeChart):
        item["kind"] = "barchart"  # drawn the same way: a figure, its table beside it
        item["svg"] = trusted(change_svg(block))
        item["table"] = fitted(block.table)
    elif isinstance(block, MeasureCharts):
        item["kind"] = "barchart"
        item["svg"] = trusted(measures_svg(block))
        item["table"] = fitted(block.table)
    return item


def document_html(doc: Document) -> str:
    return render_page(
        "document.html.j2",
        title=doc.title,
        subtitle=doc.subtitle,
        facts=doc.facts,
        items=[_item(b) for b in doc.blocks],
        kind=doc.kind,
    )
