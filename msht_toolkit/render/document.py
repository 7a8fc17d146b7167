"""A document as plain data, built before rendering and rendered once per format.

The board report and the plan are built as a ``Document``: a title, a title block and a
list of blocks (headings, paragraphs, bullet lists, tables, charts, a sign-off). The
Markdown, HTML and Word renderers each walk the same blocks; none of them decides what
goes into the document, and the builders never ask which format is wanted.

Text in blocks is raw user and bank text: each renderer escapes it for its format.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Column:
    """A table column: its title, its share of the table width (percent), its alignment."""

    title: str
    width: float | None = None
    align: str = "l"  # "l" text, "r" numbers


@dataclass(frozen=True)
class Cell:
    """A table cell with a RAG rating: shaded in HTML and Word, the word always in ``text``."""

    text: str
    rag: str | None = None


CellValue = str | Cell


@dataclass(frozen=True)
class Heading:
    level: int  # 2 for a part of the document, 3 and 4 below it (1 is the title)
    text: str
    anchor: str = ""  # a stable id for the part ("priorities"), used by HTML


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[CellValue, ...], ...]
    caption: str = ""

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.columns):
                raise ValueError(f"table row has {len(row)} cells, expected {len(self.columns)}")


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: a label, a score 0..100 (None: not rated) and its RAG."""

    label: str
    score: float | None
    rag: str


@dataclass(frozen=True)
class BarChart:
    """Scores against the AMBER and GREEN thresholds; ``table`` holds the same numbers."""

    title: str
    bars: tuple[Bar, ...]
    amber: float
    green: float
    table: Table


@dataclass(frozen=True)
class PageBreak:
    """Where a new part starts on a new page (the annex); ignored by Markdown."""


Block = Heading | Paragraph | Bullets | Table | BarChart | PageBreak


@dataclass(frozen=True)
class Document:
    kind: str  # "report", "plan": names the page template
    title: str
    subtitle: str = ""
    facts: tuple[tuple[str, str], ...] = ()  # the title block: label, value
    blocks: tuple[Block, ...] = field(default=())

    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]


def rows(values: Sequence[Sequence[CellValue]]) -> tuple[tuple[CellValue, ...], ...]:
    return tuple(tuple(r) for r in values)
