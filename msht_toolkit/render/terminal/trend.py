"""``msht trend`` in the terminal (rich): one table of periods, then target progress.

Each cell is the score and RAG word, with an arrow (↑ ↓ →) for the step from the
previous period; RAG is always a word, colour is extra. On a terminal a last column
draws each row as a small bar per period (▁ low .. █ high, coloured by RAG where colour
is on); piped or written to a file the table stays plain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from msht_toolkit import vocabulary
from msht_toolkit.analysis.trend import Point, TargetTrend, Trend
from msht_toolkit.render.terminal.diff import rag_words
from msht_toolkit.render.terminal.tables import RAG_STYLE

if TYPE_CHECKING:
    from rich.console import Console


def point_text(point: Point) -> str:
    """'↑ 61.3 AMBER'; 'not assessed' where the file did not include the bank."""
    if not point.assessed:
        return "not assessed"
    text = vocabulary.rating(point.score, point.rag, point.provisional)
    return f"{point.arrow} {text}" if point.arrow else text


def target_cells(t: TargetTrend) -> list[str]:
    """Aim, first score, latest score, gap, progress, status: as shown in the table."""
    by = f" by {t.by}" if t.by else ""
    first = (
        vocabulary.NO_FIGURE
        if t.first_score is None
        else f"{vocabulary.score(t.first_score)} ({t.first_period or '?'})"
    )
    latest = vocabulary.rating(t.latest_score, t.latest_rag)
    return [
        f"{t.progress.target_text}{by}",
        first,
        latest,
        t.progress.gap_text,
        t.progress.percent_text,
        t.status,
    ]


BLOCKS = "▁▂▃▄▅▆▇█"


def spark(points: tuple[Point, ...]) -> Text:
    """One block per period, its height the score (0..100); a space where none."""
    text = Text()
    for p in points:
        if p.score is None:
            text.append(" ")
            continue
        level = min(len(BLOCKS) - 1, int(max(p.score, 0.0) / 100 * len(BLOCKS)))
        text.append(BLOCKS[level], style=RAG_STYLE.get(p.rag, "dim"))
    return text


def print_trend_measures(out: Console, trend: Trend, labels: list[str]) -> None:
    """A row per performance measure recorded in any period: its figure (and rate) in
    each period."""
    from msht_toolkit.analysis.outcomes import trend_measures

    rows = [
        (m, values, rates)
        for m, values, rates in trend_measures([c.measures for c in trend.cards])
        if any(v is not None for v in values)
    ]
    if not rows:
        return
    table = Table(
        title=Text("Performance measures"), box=None, header_style="bold", title_justify="left"
    )
    table.add_column(Text("measure"), overflow="fold")
    for label in labels:
        table.add_column(Text(label), justify="right")
    for measure, values, rates in rows:
        cells = [
            Text(vocabulary.measure_value(measure, v, r))
            for v, r in zip(values, rates, strict=True)
        ]
        table.add_row(Text(measure.title), *cells)
    out.print()
    out.print(table)


def print_trend(out: Console, trend: Trend, bars: bool = False) -> None:
    """The trend table; ``bars``: add the per-period bars column when ``out`` is a terminal."""
    labels = trend.labels()
    title = trend.partnership or "Trend"
    bars = bars and out.is_terminal
    out.print(Text(f"{title}: {labels[0]} to {labels[-1]}", style="bold"))
    table = Table(box=None, header_style="bold")
    table.add_column(Text(""), overflow="fold")
    for label in labels:
        table.add_column(Text(label))
    if bars:
        table.add_column(Text("bars"), no_wrap=True)
    for series in (trend.overall, *trend.banks):
        name = Text("Overall", style="bold") if series is trend.overall else Text(series.title)
        cells = [rag_words(point_text(p)) for p in series.points]
        table.add_row(name, *cells, *([spark(series.points)] if bars else []))
    out.print()
    out.print(table)
    out.print("↑ up, ↓ down, → no change from the previous period")
    print_trend_measures(out, trend, labels)
    if not trend.targets:
        return
    targets = Table(
        title=Text(f"Progress toward targets since the first assessment ({labels[0]})"),
        box=None,
        header_style="bold",
        title_justify="left",
    )
    for name in ("target", "kind", "aim", "first", "latest", "gap", "progress", "status"):
        targets.add_column(Text(name), overflow="fold", no_wrap=name not in ("target", "status"))
    for t in trend.targets:
        cells = target_cells(t)
        targets.add_row(
            Text(t.key if t.kind == "question" else t.title),
            Text(t.kind),
            Text(cells[0]),
            Text(cells[1]),
            rag_words(cells[2]),
            *(Text(c) for c in cells[3:]),
        )
    out.print()
    out.print(targets)
