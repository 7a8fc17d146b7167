"""Markdown building blocks: escaping user text, GFM tables, headings.

Every piece of user text (notes, names, evidence, partnership names) goes through
``escape`` (inline text) or ``cell`` (table cells) so that ``|``, ``#``, backticks,
HTML such as ``<script>``, emphasis markers or link syntax ``[x](y)`` in a note cannot
break a table or inject markup. Bank text is escaped too: it may come from a user bank.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

# Characters that can start markup anywhere in a line: code spans, emphasis, links and
# images ([ ]), raw HTML and autolinks (< >), table pipes, strikethrough, entities,
# headings' closing #, maths ($) on some renderers, and the backslash itself.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&$])")
# Characters that only matter at the start of a line: list markers, setext underlines,
# and ordered-list numbers ("1." / "1)").
_LEADING = re.compile(r"^(\s*)([-+=])")
_LINE_START = re.compile(r"^(\s*)(\d+)([.)])", re.MULTILINE)


def escape(text: object) -> str:
    """Escape text for inline Markdown; newlines are folded into spaces.

    Every character of user text that could start markup is backslash-escaped
    (headings, lists, emphasis, code spans, links, autolinks, raw HTML, table pipes),
    and nothing else, so the Markdown stays readable as plain text.
    """
    if text is None:
        return ""
    value = " ".join(str(text).split())
    value = _SPECIAL.sub(r"\\\1", value)
    value = _LEADING.sub(r"\1\\\2", value)
    return _LINE_START.sub(r"\1\2\\\3", value)


def escape_block(text: object) -> str:
    """Escape multi-line user text for a paragraph, keeping its line breaks."""
    if text is None:
        return ""
    lines = [escape(line) for line in str(text).splitlines()]
    return "  \n".join(line for line in lines if line)


def cell(text: object) -> str:
    """A table cell: escaped inline text; empty cells get a dash so tables stay aligned."""
    value = escape(text)
    return value if value else "-"


def heading(level: int, text: str) -> str:
    """A heading line; ``text`` is escaped."""
    return f"{'#' * level} {escape(text)}\n"


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], align: str = "") -> str:
    """A GFM table. Cells are escaped here; pass raw values, not pre-escaped ones.

    ``align`` is one letter per column: l, r or c (default l).
    """
    width = len(headers)
    marks = []
    for i in range(width):
        kind = align[i] if i < len(align) else "l"
        marks.append({"l": ":---", "r": "---:", "c": ":---:"}.get(kind, "---"))
    lines = [
        "| " + " | ".join(cell(h) for h in headers) + " |",
        "| " + " | ".join(marks) + " |",
    ]
    for row in rows:
        values = list(row)
        if len(values) != width:
            raise ValueError(f"table row has {len(values)} cells, expected {width}")
        lines.append("| " + " | ".join(cell(v) for v in values) + " |")
    return "\n".join(lines) + "\n"


def bullet(text: str, raw: bool = False) -> str:
    """A list item; ``text`` escaped unless ``raw`` (already-built Markdown)."""
    return f"- {text if raw else escape(text)}\n"


def bold(text: object) -> str:
    return f"**{escape(text)}**"
