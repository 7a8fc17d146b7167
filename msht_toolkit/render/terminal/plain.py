"""``Text`` and ``Table`` (``render.terminal.text``) as plain text, laid out as rich does.

Off a terminal and without colour (``msht score > file``, a pipe, a test), rich prints
a borderless table as plain text at a fixed width of 120. ``PlainConsole`` prints the
same characters without importing rich (importing it and laying three tables out is
about a quarter of what ``msht score`` costs): the same column measuring, shrinking of
the widest columns when a table is too wide, word wrapping, folding, ellipses and
justification, rich 13's to 15's rules (``tests/render/terminal/test_plain.py`` holds
it to the installed rich). It takes text whose every character fills one cell (Latin,
Greek, Cyrillic, common punctuation): anything else (wide or combining characters,
tabs, characters ``textsafe`` would show differently) and anything that is not a
``Text``, ``Table`` or string goes to the rich console it is given, unchanged.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from itertools import pairwise
from typing import Any, TextIO

from msht_toolkit.render.terminal.text import Table, Text

ELLIPSIS = "\u2026"
# Any character that is not one cell wide for sure, or that textsafe would change.
_NOT_SIMPLE = re.compile("[^\n\x20-\x7e\xa0-\xac\xae-\u02ff\u0370-\u0482\u2010-\u2027\u20ac]")
_WORD = re.compile(r"\s*\S+\s*")
_TRAILING_SPACE = re.compile(r"\s+$")
Range = tuple[int, int]  # (minimum, maximum) width, as rich's ``Measurement``


class Captured:
    """What was printed inside ``PlainConsole.capture()``: ``get()``."""

    def __init__(self, buffer: io.StringIO) -> None:
        self._buffer = buffer

    def get(self) -> str:
        return self._buffer.getvalue()


def simple(text: str) -> bool:
    """True when each character of ``text`` fills one cell and is shown as it is."""
    return _NOT_SIMPLE.search(text) is None


class PlainConsole:
    """Prints ``Text``, ``Table`` and strings as rich does off a terminal without colour.

    Anything else goes to ``fallback(file)``, a rich console writing to ``file``, so
    what this console is given always prints exactly as rich prints it. ``capture()``
    collects what is printed, as rich's ``Console.capture`` does.
    """

    def __init__(self, file: TextIO, width: int, fallback: Callable[[TextIO], Any]) -> None:
        self.file = file
        self.width = width
        self._fallback = fallback

    def print(self, *objects: Any, **options: Any) -> None:
        lines = self.lines(objects[0]) if len(objects) == 1 and not options else None
        if lines is None and objects:
            self._fallback(self.file).print(*objects, **options)
            return
        out = "".join(f"{line[: self.width]}\n" for line in lines or [""])
        try:
            self.file.write(out)
            self.file.flush()
        except BrokenPipeError:
            # as the rich console does: later writes (and the last flush) go nowhere
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self.file.fileno())
            raise

    @contextmanager
    def capture(self) -> Iterator[Captured]:
        saved, self.file = self.file, io.StringIO()
        try:
            yield Captured(self.file)
        finally:
            self.file = saved

    def lines(self, renderable: Any) -> list[str] | None:
        """The lines ``renderable`` prints as, or None where rich must lay it out."""
        if isinstance(renderable, Table):
            return table_lines(renderable, self.width)
        text = renderable.plain if isinstance(renderable, Text) else renderable
        if not isinstance(text, str) or not simple(text):
            return None
        return wrap(text, self.width, "default", "fold")


# ------------------------------------------------------------------------ wrapping text


def divide_line(text: str, width: int, fold: bool) -> list[int]:
    """Where ``text`` breaks into lines of at most ``width``: rich's ``divide_line``."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            if fold:
                pieces = [word[i : i + width] for i in range(0, len(word), width)]
                for index, piece in enumerate(pieces):
                    if start:
                        breaks.append(start)
                    if index == len(pieces) - 1:
                        offset = len(piece)
                    else:
                        start += len(piece)
            else:
                if start:
                    breaks.append(start)
                offset = len(word)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def truncate(text: str, width: int, overflow: str, pad: bool = False) -> str:
    length = len(text)
    if length > width:
        text = text[: width - 1] + ELLIPSIS if overflow == "ellipsis" else text[:width]
    if pad and length < width:
        text += " " * (width - length)
    return text


def _rstrip_end(text: str, width: int) -> str:
    """Trailing spaces beyond ``width`` dropped (rich's ``Text.rstrip_end``)."""
    if len(text) > width:
        spaces = _TRAILING_SPACE.search(text)
        if spaces is not None:
            return text[: len(text) - min(len(spaces.group(0)), len(text) - width)]
    return text


def wrap(text: str, width: int, justify: str, overflow: str) -> list[str]:
    """``text`` wrapped to ``width``, as rich's ``Text.wrap`` (left, right or default)."""
    if justify not in ("left", "right", "default"):
        raise ValueError(f"justify {justify!r} is not laid out here")
    lines: list[str] = []
    for line in text.split("\n"):
        cuts = [0, *divide_line(line, width, overflow == "fold"), len(line)]
        pieces = [_rstrip_end(line[a:b], width) for a, b in pairwise(cuts)] or [line]
        if justify == "left":
            pieces = [truncate(p, width, overflow, pad=True) for p in pieces]
        elif justify == "right":
            pieces = [truncate(p.rstrip(), width, overflow) for p in pieces]
            pieces = [" " * (width - len(p)) + p for p in pieces]
        lines.extend(truncate(p, width, overflow) for p in pieces)
    return lines


# ---------------------------------------------------------------------- laying out tables


def _normalize(low: int, high: int) -> Range:
    low = min(max(0, low), high)
    return max(0, low), max(0, max(low, high))


def _within(measured: Range, width: int) -> Range:
    """rich's ``Measurement.get`` of something measured as ``measured``, at ``width``."""
    if width < 1:
        return 0, 0
    low, high = _normalize(*measured)
    low, high = min(low, width), min(high, width)
    if high < 1:
        return 0, 0
    return _normalize(low, high)


def _text_range(text: str) -> Range:
    lines = text.splitlines()
    longest = max((len(line) for line in lines), default=0)
    return max((len(word) for word in text.split()), default=longest), longest


def _cell_range(text: str, width: int) -> Range:
    """A cell with one space either side (rich's ``Padding``), at ``width``."""
    if width < 1:
        return 0, 0
    if width - 2 < 1:
        return _within((width, width), width)
    low, high = _within(_text_range(text), width)
    return _within((min(low + 2, width), min(high + 2, width)), width)


def _column_range(texts: Sequence[str], width: int) -> Range:
    if width < 1:
        return 0, 0
    ranges = [_cell_range(text, width) for text in texts]
    low = max((r[0] for r in ranges), default=1)
    high = max((r[1] for r in ranges), default=width)
    return min(low, width), min(high, width)


def _ratio_reduce(
    total: int, ratios: list[int], maximums: list[int], values: list[int]
) -> list[int]:
    ratios = [ratio if most else 0 for ratio, most in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    remaining = total
    result = []
    for ratio, most, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            distributed = min(most, round(ratio * remaining / total_ratio))
            result.append(value - distributed)
            remaining -= distributed
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _collapse(widths: list[int], max_width: int) -> list[int]:
    """The widest columns narrowed in turn until the table fits (rich's
    ``Table._collapse_widths``, every column wrappable)."""
    total = sum(widths)
    excess = total - max_width
    while total and excess > 0:
        widest = max(widths)
        second = max((w if w != widest else 0) for w in widths)
        difference = widest - second
        ratios = [1 if w == widest else 0 for w in widths]
        if not any(ratios) or not difference:
            break
        widths = _ratio_reduce(excess, ratios, [min(excess, difference)] * len(widths), widths)
        total = sum(widths)
        excess = total - max_width
    return widths


def column_widths(columns: Sequence[Sequence[str]], max_width: int) -> list[int]:
    """Each column's width, its two spaces of padding included (rich's
    ``Table._calculate_column_widths`` for a table that does not expand)."""
    widths = [_column_range(texts, max_width)[1] or 1 for texts in columns]
    if sum(widths) > max_width:
        widths = _collapse(widths, max_width)
        if sum(widths) > max_width:
            widths = _ratio_reduce(sum(widths) - max_width, [1] * len(widths), widths, widths)
        widths = [_column_range(texts, w)[1] or 0 for texts, w in zip(columns, widths, strict=True)]
    return widths


def _cell_lines(text: str, width: int, justify: str, overflow: str) -> list[str]:
    inner = width - 2
    return [f" {line[:inner]:<{inner}} " for line in wrap(text, inner, justify, overflow)]


def table_lines(table: Table, max_width: int) -> list[str] | None:
    """The table's lines (title first), or None where rich must lay it out."""
    if not table.columns or any(len(row) != len(table.columns) for row in table.rows):
        return None
    if not all(simple(text) for text in table.texts()):
        return None
    texts = [[column.header] for column in table.columns]
    for row in table.rows:
        for index, cell in enumerate(row):
            texts[index].append(cell if isinstance(cell, str) else cell.plain)
    widths = column_widths(texts, max_width)
    if min(widths) < 3:
        return None
    out = wrap(table.title, sum(widths), "left", "fold") if table.title else []
    for index in range(len(texts[0])):
        cells = [
            _cell_lines(column_texts[index], width, column.justify, column.overflow)
            for column_texts, width, column in zip(texts, widths, table.columns, strict=True)
        ]
        height = max(len(cell) for cell in cells)
        for cell, width in zip(cells, widths, strict=True):
            blank = [" " * width] * (height - len(cell))
            if index == 0:  # the header row sits at the bottom, as rich aligns it
                cell[:0] = blank
            else:
                cell.extend(blank)
        out.extend("".join(parts) for parts in zip(*cells, strict=True))
    return out
