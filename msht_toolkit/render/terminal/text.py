"""Styled lines and borderless tables for the terminal, as plain data.

``Text`` and ``Table`` hold what rich's ``Text`` and ``Table`` would be given (the same
calls: ``Text(s, style)``, ``append``, ``append_text``; ``add_column``, ``add_row``) and
build exactly those rich objects when a rich console prints them (``__rich__``). Off a
terminal, ``render.terminal.plain.PlainConsole`` lays the same data out as rich would,
without importing rich (a quarter of what ``msht score`` costs). Every ``Table`` here
is the one shape msht prints: no borders, a bold header, the title on the left.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import rich.table
    import rich.text


class Text:
    """A line of text with styled stretches (styles are rich style names)."""

    __slots__ = ("_first", "_parts", "style")

    def __init__(self, text: str = "", style: str = "") -> None:
        self._first = text
        self.style = style
        self._parts: list[tuple[str | Text, str | None]] = []

    @property
    def plain(self) -> str:
        return self._first + "".join(
            part if isinstance(part, str) else part.plain for part, _style in self._parts
        )

    def append(self, text: str | Text, style: str | None = None) -> Text:
        if isinstance(text, Text):
            return self.append_text(text)
        self._parts.append((text, style))
        return self

    def append_text(self, text: Text) -> Text:
        self._parts.append((text, None))
        return self

    def __rich__(self) -> rich.text.Text:
        from rich.text import Text as RichText

        made = RichText(self._first, style=self.style)
        for part, style in self._parts:
            if isinstance(part, Text):
                made.append_text(part.__rich__())
            else:
                made.append(part, style)
        return made

    def __str__(self) -> str:
        return self.plain


Cell = str | Text


class Column:
    __slots__ = ("header", "justify", "overflow")

    def __init__(self, header: str, justify: str, overflow: str) -> None:
        self.header = header
        self.justify = justify
        self.overflow = overflow


class Table:
    """A borderless table with a bold header and ``title`` on the left."""

    def __init__(self, title: str = "") -> None:
        self.title = title
        self.columns: list[Column] = []
        self.rows: list[tuple[Cell, ...]] = []

    def add_column(self, header: str, justify: str = "left", overflow: str = "ellipsis") -> None:
        self.columns.append(Column(header, justify, overflow))

    def add_row(self, *cells: Cell) -> None:
        self.rows.append(tuple(cells))

    def texts(self) -> Iterable[str]:
        """Every piece of text in the table: title, headers, cells."""
        yield self.title
        for column in self.columns:
            yield column.header
        for row in self.rows:
            for cell in row:
                yield cell if isinstance(cell, str) else cell.plain

    def __rich__(self) -> rich.table.Table:
        from rich.table import Table as RichTable

        made = RichTable(title=self.title, box=None, header_style="bold", title_justify="left")
        for column in self.columns:
            made.add_column(column.header, justify=column.justify, overflow=column.overflow)  # type: ignore[arg-type]
        for row in self.rows:
            made.add_row(*(cell if isinstance(cell, str) else cell.__rich__() for cell in row))
        return made
