"""``msht compare`` in the terminal: partnerships side by side, then the distribution."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from msht_toolkit import vocabulary
from msht_toolkit.analysis.compare import Comparison, Distribution
from msht_toolkit.render.terminal.tables import rag_text
from msht_toolkit.scoring.scorer import UNRATED

if TYPE_CHECKING:
    from rich.console import Console


def _rated(score: float | None, rag: str, quartile: int | None) -> Text:
    """``62.5 AMBER Q3``: score, the RAG word (coloured where colour is on), quartile."""
    if score is None:
        return Text(vocabulary.rating(score, rag))
    text = Text(f"{vocabulary.score(score)} ")
    text.append_text(rag_text(rag).__rich__())
    if quartile is not None:
        text.append(f" Q{quartile}")
    return text


def print_grid(out: Console, headers: Sequence[str], rows: Sequence[Sequence[Text]]) -> None:
    """A left-aligned table printed line by line: fast for a thousand rows.

    (A rich ``Table`` measures every cell and takes seconds at that size.) Lines are not
    cropped; a narrow terminal wraps them.
    """
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], cell.cell_len)
    head = Text("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    head.stylize("bold")
    out.print(head, soft_wrap=True)
    for row in rows:
        line = Text()
        for i, (cell, width) in enumerate(zip(row, widths, strict=True)):
            if i:
                line.append("  ")
            line.append_text(cell)
            if i < len(row) - 1:
                line.append(" " * (width - cell.cell_len))
        out.print(line, soft_wrap=True)


def print_comparison(out: Console, comparison: Comparison, marked: int | None = None) -> None:
    """The tables; ``marked``: the 1-based index of a partnership to mark with ▶."""
    c = comparison
    out.print(
        Text(
            f"{len(c.entries)} partnership assessment{'s' if len(c.entries) != 1 else ''} "
            f"for {c.period or '(no period)'}",
            style="bold",
        )
    )
    rows = []
    for index, entry in enumerate(c.entries, 1):
        overall = _rated(entry.score, entry.rag, c.quartile(entry))
        if entry.provisional:
            overall.append(" (provisional)", style="italic")
        cells = [
            _rated(
                r.score if (r := entry.bank(info.id)) else None,
                r.rag if r else UNRATED,
                c.quartile(entry, info.id),
            )
            for info in c.banks
        ]
        name = entry.partnership or entry.file
        if marked is not None:
            name = ("▶ " if index == marked else "  ") + name
        rows.append([Text(name, style="bold" if index == marked else ""), overall, *cells])
    out.print()
    out.print(Text("Partnerships (score, RAG, quartile: Q1 bottom .. Q4 top)", style="bold"))
    print_grid(out, ["partnership", "overall", *(info.id for info in c.banks)], rows)

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
            *(vocabulary.score(v) for v in (d.min, d.q1, d.median, d.q3, d.max)),
        )

    add("overall", c.overall)
    for info in c.banks:
        add(info.id, c.per_bank[info.id])
    out.print()
    out.print(dist)
    if c.flags:
        from msht_toolkit.analysis.compare import quartile_flag_words

        out.print()
        for flag in c.flags:
            line = Text("Check: ", style="bold")
            line.append(quartile_flag_words(c, flag))
            out.print(line)
