"""``msht trend`` in the terminal (rich): one table of periods, then target progress.

Each cell is the score and RAG word, with an arrow (↑ ↓ →) for the step from the
previous period; RAG is always a word, colour is extra.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from msht_toolkit.diff import shown
from msht_toolkit.render.diff_terminal import rag_words
from msht_toolkit.trend import Point, TargetTrend, Trend

if TYPE_CHECKING:
    from rich.console import Console


def point_text(point: Point) -> str:
    """'↑ 61.3 AMBER'; 'not assessed' where the file did not include the bank."""
    if not point.assessed:
        return "not assessed"
    text = shown(point.score, point.rag, point.provisional)
    return f"{point.arrow} {text}" if point.arrow else text


def target_cells(t: TargetTrend) -> list[str]:
    """Aim, first score, latest score, gap, progress, status: as shown in the table."""
    by = f" by {t.by}" if t.by else ""
    first = "-" if t.first_score is None else f"{t.first_score:.1f} ({t.first_period or '?'})"
    latest = shown(t.latest_score, t.latest_rag)
    return [
        f"{t.progress.target_text}{by}",
        first,
        latest,
        t.progress.gap_text,
        t.progress.percent_text,
        t.status,
    ]


def print_trend(out: Console, trend: Trend) -> None:
    labels = trend.labels()
    title = trend.partnership or "Trend"
    out.print(Text(f"{title}: {labels[0]} to {labels[-1]}", style="bold"))
    table = Table(box=None, header_style="bold")
    table.add_column(Text(""), overflow="fold")
    for label in labels:
        table.add_column(Text(label))
    table.add_row(
        Text("Overall", style="bold"), *(rag_words(point_text(p)) for p in trend.overall.points)
    )
    for series in trend.banks:
        table.add_row(Text(series.title), *(rag_words(point_text(p)) for p in series.points))
    out.print()
    out.print(table)
    out.print("↑ up, ↓ down, → no change from the previous period")
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
