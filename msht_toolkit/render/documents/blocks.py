"""A document as plain data, built before rendering and rendered once per format.

The board report and the plan are built as a ``Document``: a title, a title block and a
list of blocks (headings, paragraphs, bullet lists, tables, charts, a sign-off). The
Markdown, HTML and Word renderers each walk the same blocks; none of them decides what
goes into the document, and the builders never ask which format is wanted.

Text in blocks is raw user and bank text: each renderer escapes it for its format.
"""

from __future__ import annotations

import math
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
    provisional: bool = False


@dataclass(frozen=True)
class BarGroup:
    title: str  # "4P themes", "Banks"
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class BarChart:
    """Scores against the AMBER and GREEN thresholds; ``table`` holds the same numbers.

    HTML draws the chart (inline SVG) with the table beside it; Word and Markdown,
    which cannot hold the SVG, show the table alone, its RAG cells shaded in Word.
    """

    title: str
    description: str  # one sentence for readers who cannot see the chart
    groups: tuple[BarGroup, ...]
    amber: float
    green: float
    table: Table


@dataclass(frozen=True)
class Change:
    """One row of a before/after chart: a label, last year's and this year's scores."""

    label: str
    old: float | None
    new: float | None
    old_rag: str
    new_rag: str
    strong: bool = False  # the overall row


@dataclass(frozen=True)
class ChangeChart:
    """Last year against this year, row by row; ``table`` holds the same numbers."""

    title: str
    description: str
    rows: tuple[Change, ...]
    old_label: str
    new_label: str
    amber: float
    green: float
    table: Table


@dataclass(frozen=True)
class MeasureSeries:
    """One measure over the periods: its figure in each (None: not recorded)."""

    label: str  # the measure's title
    unit: str  # count | percent | days | money
    better: str  # higher | lower | neither
    values: tuple[float | None, ...]
    flagged: bool = False  # a flag names it (its rating and its outcome disagree)


@dataclass(frozen=True)
class MeasureCharts:
    """A small chart per measure, its figure in each period; ``table`` holds the same
    numbers. HTML draws one panel per measure (inline SVG) with the table beside it;
    Word and Markdown show the table alone, or nothing where ``numbers_above`` (a table
    before it already holds every number: two years, this and last)."""

    title: str
    description: str
    periods: tuple[str, ...]
    series: tuple[MeasureSeries, ...]
    table: Table
    numbers_above: bool = False


@dataclass(frozen=True)
class Entry:
    """One item with labelled details (a question of the annex, a priority of the plan)."""

    title: str
    fields: tuple[tuple[str, str], ...]
    rag: str | None = None  # shades the "Rating" field (whose text has the word)


@dataclass(frozen=True)
class PageBreak:
    """Where a new part starts on a new page (the annex); ignored by Markdown."""


Block = (
    Heading
    | Paragraph
    | Bullets
    | Table
    | BarChart
    | ChangeChart
    | MeasureCharts
    | Entry
    | PageBreak
)


@dataclass(frozen=True)
class Document:
    kind: str  # "report", "plan": names the page template
    title: str
    subtitle: str = ""
    facts: tuple[tuple[str, str], ...] = ()  # the title block: label, value
    blocks: tuple[Block, ...] = field(default=())


# ---------------------------------------------------------------- column widths

PAGE_MM = 180.0  # text width of an A4 page with 15 mm margins
FONT_PT = 9.0  # table text
PAD_MM = 2.8  # a cell's padding and borders
LONGEST_SHARE = 0.3  # a token wider than this share of the table may break instead


def _em(ch: str) -> float:
    """A generous advance width of one character in em (Arial / Liberation metrics + 5%)."""
    if ch.isupper() or ch in "mwMW%@&":
        return 0.72 if ch not in "IJ" else 0.5
    if ch.isdigit():
        return 0.58
    if ch.isalpha():
        return 0.53 if ch not in "ijlft" else 0.32
    return 0.36  # punctuation, spaces


def token_mm(token: str, bold: bool = False) -> float:
    """The width of one unbreakable token at the table's font size, in millimetres."""
    width = math.fsum(_em(ch) for ch in token) * FONT_PT * 0.3528
    return width * (1.08 if bold else 1.0)


def _cell_text(value: CellValue) -> str:
    return value.text if isinstance(value, Cell) else str(value)


def _words(value: CellValue) -> list[str]:
    """The unbreakable pieces of a cell: its words; a rating ("AMBER 61.3") is one."""
    if isinstance(value, Cell) and value.rag:
        return [value.text]
    return _cell_text(value).split()


def _needed(column: Column, cells: Sequence[CellValue]) -> float:
    words = [(w, True) for w in column.title.split()]
    words += [(w, isinstance(c, Cell)) for c in cells for w in _words(c)]
    longest = max((token_mm(w, bold) for w, bold in words), default=0.0)
    return min(longest + PAD_MM, PAGE_MM * LONGEST_SHARE)


def fit_widths(table: Table) -> tuple[float, ...]:
    """Column widths in percent of the table that never break a word.

    Every column is at least as wide as its longest word (header included; a word
    longer than ``LONGEST_SHARE`` of the page may still break, as an address must);
    what is left is shared by the columns' ``width`` weights (default 10 each).
    """
    count = len(table.columns)
    mins = [_needed(c, [r[i] for r in table.rows]) for i, c in enumerate(table.columns)]
    weights = [c.width or 10.0 for c in table.columns]
    fixed: dict[int, float] = {}
    while True:
        free = PAGE_MM - math.fsum(fixed.values())
        share = math.fsum(weights[i] for i in range(count) if i not in fixed)
        grown = [
            i
            for i in range(count)
            if i not in fixed and share and free * weights[i] / share < mins[i]
        ]
        if not grown:
            break
        for i in grown:
            fixed[i] = mins[i]
    free = PAGE_MM - math.fsum(fixed.values())
    share = math.fsum(weights[i] for i in range(count) if i not in fixed)
    mm = [fixed[i] if i in fixed else free * weights[i] / share for i in range(count)]
    total = math.fsum(mm)  # more than the page only when the words alone overfill it
    return tuple(round(m * 100 / total, 1) for m in mm)


def fitted(table: Table) -> Table:
    """``table`` with its columns' widths set by ``fit_widths`` (percent of the page)."""
    from dataclasses import replace

    widths = fit_widths(table)
    columns = tuple(replace(c, width=w) for c, w in zip(table.columns, widths, strict=True))
    return replace(table, columns=columns)


def rows(values: Sequence[Sequence[CellValue]]) -> tuple[tuple[CellValue, ...], ...]:
    return tuple(tuple(r) for r in values)
