"""Pages of charts and tables for ``trend``, ``diff`` and ``compare --format html``.

A page is a title, a title block of facts and a list of items (headings, paragraphs,
warnings, notes, tables, and charts each with the same numbers in a table beside it),
rendered by ``templates/chart_page.html.j2`` on the shared page shell (``render.html.page``):
one self-contained file, no scripts, no external references, RAG as a word and a
colour. The charts are inline SVG from ``render.html.svg_charts``; everything else is text,
escaped by the templates.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from msht_toolkit.render.documents.blocks import Cell, CellValue, Column, Table
from msht_toolkit.render.html.page import render_page, trusted
from msht_toolkit.scoring.scorer import RAG_ORDER


@dataclass(frozen=True)
class Item:
    kind: str  # heading, paragraph, warning, note, figure, table
    text: str = ""
    anchor: str = ""
    table: Table | None = None
    svg: object = None  # trusted markup of a figure's chart


@dataclass
class Page:
    title: str
    subtitle: str = ""
    facts: list[tuple[str, CellValue]] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)

    def heading(self, text: str, anchor: str = "") -> None:
        self.items.append(Item("heading", text, anchor))

    def paragraph(self, text: str) -> None:
        self.items.append(Item("paragraph", text))

    def warning(self, text: str) -> None:
        self.items.append(Item("warning", text))

    def note(self, text: str) -> None:
        self.items.append(Item("note", text))

    def table(self, table: Table) -> None:
        self.items.append(Item("table", table=table))

    def figure(self, svg: str, table: Table) -> None:
        """A chart (SVG built by ``svg_charts``, never user markup) and its numbers."""
        self.items.append(Item("figure", svg=trusted(svg), table=table))

    def html(self) -> str:
        return render_page(
            "chart_page.html.j2",
            title=self.title,
            subtitle=self.subtitle,
            facts=self.facts,
            items=self.items,
        )


def rated(text: str, rag: str | None) -> Cell:
    """A cell whose text carries the RAG word; shaded by ``rag`` (none for UNRATED)."""
    return Cell(text, rag if rag in RAG_ORDER else None)


def make_table(
    columns: Sequence[Column], rows: Sequence[Sequence[CellValue]], caption: str = ""
) -> Table:
    return Table(tuple(columns), tuple(tuple(r) for r in rows), caption)


def share(first: float, count: int, rest: float = 100.0) -> float:
    """The width of each of ``count`` equal columns after a first of ``first`` percent."""
    return round((rest - first) / max(count, 1), 1)
