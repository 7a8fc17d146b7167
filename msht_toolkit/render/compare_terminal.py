"""``msht compare`` in the terminal: partnerships side by side, then the distribution."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from msht_toolkit.compare import Comparison, Distribution
from msht_toolkit.render.terminal import fmt_score, rag_text

if TYPE_CHECKING:
    from rich.console import Console


def _rated(score: float | None, rag: str, quartile: int | None) -> Text:
    """``62.5 AMBER Q3``: score, the RAG word (coloured where colour is on), quartile."""
    if score is None:
        return Text("-")
    text = Text(f"{fmt_score(score)} ")
    text.append_text(rag_text(rag))
    if quartile is not None:
        text.append(f" Q{quartile}")
    return text


def _fmt(value: float | None) -> str:
    return fmt_score(value)


def print_comparison(out: Console, comparison: Comparison) -> None:
    c = comparison
    out.print(
        Text(
            f"{len(c.entries)} partnership assessment{'s' if len(c.entries) != 1 else ''} "
            f"for {c.period or '(no period)'}",
            style="bold",
        )
    )
    table = Table(
        title="Partnerships (score, RAG, quartile Q1 bottom .. Q4 top)",
        box=None,
        header_style="bold",
        title_justify="left",
    )
    table.add_column("partnership", overflow="fold")
    table.add_column("overall", overflow="fold")
    for info in c.banks:
        table.add_column(info.id, overflow="fold")
    for entry in c.entries:
        cells = [
            _rated(
                r.score if (r := entry.bank(info.id)) else None,
                r.rag if r else "UNRATED",
                c.quartile(entry, info.id),
            )
            for info in c.banks
        ]
        name = entry.partnership or entry.file
        overall = _rated(entry.score, entry.rag, c.quartile(entry))
        if entry.provisional:
            overall.append(" (provisional)", style="italic")
        table.add_row(name, overall, *cells)
    out.print()
    out.print(table)

    dist = Table(title="Distribution", box=None, header_style="bold", title_justify="left")
    dist.add_column("bank")
    for col in ("n", "RED", "AMBER", "GREEN", "UNRATED", "min", "Q1", "median", "Q3", "max"):
        dist.add_column(col, justify="right")

    def add(label: str, d: Distribution) -> None:
        dist.add_row(
            label,
            str(d.n),
            str(d.red),
            str(d.amber),
            str(d.green),
            str(d.unrated),
            *(_fmt(v) for v in (d.min, d.q1, d.median, d.q3, d.max)),
        )

    add("overall", c.overall)
    for info in c.banks:
        add(info.id, c.per_bank[info.id])
    out.print()
    out.print(dist)
