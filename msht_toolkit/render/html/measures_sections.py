"""Performance measures on the chart pages (``trend``, ``diff``, ``compare --format html``).

Measures in the outputs, on a page of ``render.documents.chart_page``:

- ``trend``: a row per measure (its figure, and rate per 100,000 where it has one, in
  each period) and a small line chart per measure (``measure_charts``, lines);
- ``diff``: each measure's figures in both years with the change (on the figures, as the
  flags are) and the rates, every flag in words, and what a changed population means;
- ``compare``: each partnership's rate per 100,000 (or figure) and its quartile among
  the partnerships that recorded it (4 always the best quarter), and every flag.

Nothing is added where no file lists a measure.
"""

from __future__ import annotations

from collections.abc import Sequence

from msht_toolkit.analysis.compare import Comparison, quartile_flag_words
from msht_toolkit.analysis.diff import Diff
from msht_toolkit.analysis.outcomes import trend_measures
from msht_toolkit.analysis.trend import Trend
from msht_toolkit.banks.measures import Measure
from msht_toolkit.render.documents.blocks import CellValue, Column
from msht_toolkit.render.documents.chart_page import Page, make_table, share
from msht_toolkit.render.documents.measures_part import change_cell, population_note
from msht_toolkit.vocabulary import measure_value

MEASURES_PER_TABLE = 4  # compare: measures side by side in one table


def _rate(rate: float | None) -> str:
    return "-" if rate is None else f"{rate:,.1f}"


def _figure(measure: Measure, value: float | None, rate: float | None) -> str:
    """ "46 (4.2 per 100,000)", "44%", "-"."""
    return measure_value(measure, value, rate)


def trend_section(page: Page, trend: Trend) -> None:
    """A row and a small line chart per measure with a figure in any period."""
    from msht_toolkit.render.html.measure_charts import measure_panels

    labels = trend.labels()
    known = [
        (m, values, rates)
        for m, values, rates in trend_measures([c.measures for c in trend.cards])
        if any(v is not None for v in values)
    ]
    if not known:
        return
    page.heading("Performance figures over the years", "measures")
    page.paragraph(
        "Each measure's figure per period, with the rate per 100,000 residents where the "
        'measure has one and the file a population; "-": no figure recorded.'
    )
    columns = [Column("Measure", 30), *(Column(label, share(30, len(labels))) for label in labels)]
    rows = [
        [m.title, *(_figure(m, v, r) for v, r in zip(values, rates, strict=True))]
        for m, values, rates in known
    ]
    svg = measure_panels(
        labels,
        [(m.title, m.unit, m.better, values, False) for m, values, _ in known],
        title=f"Performance figures, {labels[0]} to {labels[-1]}",
        desc=(
            f"A small line chart per measure: its figure in each of the {len(labels)} "
            'periods, on its own scale from 0 (0 to 100 for a percentage); "none" a period '
            "with no figure recorded. The same numbers are in the table beside it."
        ),
        lines=True,
    )
    page.figure(svg, make_table(columns, rows, "Figure per period"))


def diff_section(page: Page, diff: Diff) -> None:
    """Each recorded measure in both years, the change, the rates and every flag."""
    changes = diff.recorded_measures()
    if not changes:
        return
    old_label, new_label = diff.labels()
    page.heading("Performance measures", "measures")
    columns = [
        Column("Measure", 30),
        Column(old_label, 11, "r"),
        Column(new_label, 11, "r"),
        Column("Change", 12),
        Column(f"Per 100,000, {old_label}", 11, "r"),
        Column(f"Per 100,000, {new_label}", 11, "r"),
        Column("Bank", 14),
    ]
    rows: list[list[CellValue]] = []
    for change in changes:
        m = change.measure
        bank = diff.new.bank(m.bank) if m.bank else None
        rows.append(
            [
                m.title,
                measure_value(m, change.old_value),
                measure_value(m, change.new_value),
                change_cell(m, change.old_value, change.new_value),
                _rate(change.old.per_100k if change.old else None),
                _rate(change.new.per_100k if change.new else None),
                bank.bank.title.split(" - ", 1)[0] if bank else (m.bank or "-"),
            ]
        )
    page.table(make_table(columns, rows, "Figures in both years"))
    note = population_note(diff.new, diff.old)
    if note:
        page.note(note)
    sentences = diff.flag_sentences()
    if sentences:
        for sentence in sentences:
            page.paragraph(f"Check: {sentence}")
    else:
        page.note(
            "No rating and outcome disagree: no bank's score moved 5 points or more one way "
            "while a measure of it moved 20% or more of its old value the other way."
        )


def _quartile_cell(c: Comparison, entry: object, m: Measure) -> str:
    row = entry.measure(m.id)  # type: ignore[attr-defined]
    if row is None or row.value is None:
        return "-"
    shown = _rate(row.per_100k) if m.per_population and row.per_100k is not None else None
    text = shown if shown is not None else measure_value(m, row.value)
    quartile = c.measure_quartile(entry, m.id)  # type: ignore[arg-type]
    return f"{text} Q{quartile}" if quartile else text


def compare_section(page: Page, c: Comparison, names: Sequence[str]) -> None:
    """Rates per 100,000 (or figures) with quartiles, tables of a few measures each, and
    every ``green-but-bottom-quartile`` flag in words. ``names``: each entry's label."""
    measures = list(c.measures)
    if not measures:
        return
    page.heading("Performance figures", "measures")
    page.paragraph(
        "Each partnership's rate per 100,000 residents where the measure has one (else its "
        "figure) and its quartile among the partnerships that recorded it: Q4 the best "
        "quarter, Q1 the worst (where lower is better, the lowest rate is Q4); "
        '"-": no figure recorded.'
    )
    tables = -(-len(measures) // MEASURES_PER_TABLE)
    per = -(-len(measures) // tables)  # as even as they go: 9 measures are 3 tables of 3
    chunks = [measures[i : i + per] for i in range(0, len(measures), per)]
    for part, chunk in enumerate(chunks, 1):
        width = share(32, per)
        columns = [
            Column("#", 5, "r"),
            Column("Partnership", 27),
            *(Column(f"{m.title} (n={c.per_measure[m.id].n})", width) for m in chunk),
        ]
        rows = [
            [str(i), names[i - 1], *(_quartile_cell(c, entry, m) for m in chunk)]
            for i, entry in enumerate(c.entries, 1)
        ]
        caption = "Rate per 100,000 (or figure) and quartile"
        if len(chunks) > 1:
            caption += f" ({part} of {len(chunks)})"
        page.table(make_table(columns, rows, caption))
    if c.flags:
        for flag in c.flags:
            page.paragraph(f"Check: {quartile_flag_words(c, flag)}")
    else:
        page.note(
            "No GREEN bank has a measure in the bottom quarter of at least four partnerships."
        )
