"""Markdown building blocks: escaping user text, GFM tables, headings.

Every piece of user text (notes, names, evidence, partnership names) goes through
``escape`` (inline text) or ``cell`` (table cells) so that ``|``, ``#``, backticks,
HTML such as ``<script>``, emphasis markers or link syntax ``[x](y)`` in a note cannot
break a table or inject markup. Bank text is escaped too: it may come from a user bank.
Control characters are shown visibly here too (``textsafe.safe_text``), before tables
are laid out, so a table holding them stays aligned; ``cli.common.write_output`` makes
the whole document safe again on its way out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from msht_toolkit.textsafe import safe_text

# Characters that can start markup anywhere in a line: code spans, emphasis, links and
# images ([ ]), raw HTML and autolinks (< >), table pipes, strikethrough, entities,
# headings' closing #, maths ($) on some renderers, and the backslash itself.
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&$])")
# Characters that only matter at the start of a line: list markers, setext underlines,
# and ordered-list numbers ("1." / "1)").
_LEADING = re.compile(r"^(\s*)([-+](?=\s|$)|=)")
_LINE_START = re.compile(r"^(\s*)(\d{1,9})([.)])(?=\s|$)", re.MULTILINE)


def escape(text: object, line_start: bool = True) -> str:
    """Escape text for inline Markdown; newlines are folded into spaces.

    Every character of user text that could start markup is backslash-escaped
    (headings, lists, emphasis, code spans, links, autolinks, raw HTML, table pipes),
    and nothing else, so the Markdown stays readable as plain text. ``line_start``
    False is for text that cannot begin a block (table cells), where list markers and
    numbers need no escape.
    """
    if text is None:
        return ""
    value = " ".join(safe_text(str(text)).split())
    value = _SPECIAL.sub(r"\\\1", value)
    if not line_start:  # e.g. a table cell: list markers mean nothing there
        return value
    value = _LEADING.sub(r"\1\\\2", value)
    return _LINE_START.sub(r"\1\2\\\3", value)


def cell(text: object) -> str:
    """A table cell: escaped inline text; empty cells get a dash so tables stay aligned."""
    value = escape(text, line_start=False)
    return value if value else "-"


def heading(level: int, text: str) -> str:
    """A heading line; ``text`` is escaped."""
    return f"{'#' * level} {escape(text)}\n"


ALIGNED_WIDTH = 120  # tables narrower than this are padded into aligned columns


def table(headers: Sequence[str], rows: Iterable[Sequence[object]], align: str = "") -> str:
    """A GFM table. Cells are escaped here; pass raw values, not pre-escaped ones.

    ``align`` is one letter per column: l, r or c (default l). A table whose rows fit
    in ``ALIGNED_WIDTH`` characters is laid out by tabulate with padded, aligned
    columns, so the Markdown also reads well as plain text (in an email, say); a wider
    one (long notes) is written compactly, since its rows would wrap anyway.
    """
    width = len(headers)
    kinds = [align[i] if i < len(align) else "l" for i in range(width)]
    head = [cell(h) for h in headers]
    body = []
    for row in rows:
        values = list(row)
        if len(values) != width:
            raise ValueError(f"table row has {len(values)} cells, expected {width}")
        body.append([cell(v) for v in values])
    widths = [max(len(r[i]) for r in [head, *body]) for i in range(width)]
    if sum(widths) + 3 * width + 1 <= ALIGNED_WIDTH:
        from tabulate import tabulate

        names = {"l": "left", "r": "right", "c": "center"}
        return (
            tabulate(
                body,
                headers=head,
                tablefmt="pipe",
                colalign=[names.get(k, "left") for k in kinds],
                disable_numparse=True,
            )
            + "\n"
        )
    marks = [{"l": ":---", "r": "---:", "c": ":---:"}.get(k, "---") for k in kinds]
    lines = ["| " + " | ".join(head) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(r) + " |" for r in body]
    return "\n".join(lines) + "\n"


def bullet(text: str, raw: bool = False) -> str:
    """A list item; ``text`` escaped unless ``raw`` (already-built Markdown)."""
    return f"- {text if raw else escape(text)}\n"


def bold(text: object) -> str:
    return f"**{escape(text)}**"
