"""Check generated Markdown by parsing it with markdown-it-py (CommonMark + GFM tables).

- ``headings(md)``: (level, text) of every heading, in order;
- ``tables(md)``: every table as a list of rows of cell texts (header first);
- ``table_problems(md)``: rows whose cell count differs from the header's, both as
  parsed and as written in the source (an unescaped ``|`` in a cell would add a cell
  that the parser silently drops);
- ``html(md)``: the rendered HTML, to check that no user text became markup;
- ``text(md)``: all the text a reader sees, with markup removed.
"""

from __future__ import annotations

import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

PARSER = MarkdownIt("commonmark").enable("table")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


@lru_cache(maxsize=16)
def _parse(md: str) -> tuple[Token, ...]:
    return tuple(PARSER.parse(md))


def tokens(md: str) -> list[Token]:
    """Parsed tokens (cached: documents are checked several ways; do not mutate)."""
    return list(_parse(md))


def inline_text(token: Token) -> str:
    """The visible text of an inline token (text, code and soft breaks)."""
    out = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
    return "".join(out)


def headings(md: str) -> list[tuple[int, str]]:
    toks = tokens(md)
    out = []
    for i, tok in enumerate(toks):
        if tok.type == "heading_open":
            out.append((int(tok.tag[1]), inline_text(toks[i + 1])))
    return out


def tables(md: str) -> list[list[list[str]]]:
    result: list[list[list[str]]] = []
    row: list[str] | None = None
    current: list[list[str]] = []
    toks = tokens(md)
    for i, tok in enumerate(toks):
        if tok.type == "table_open":
            current = []
        elif tok.type == "tr_open":
            row = []
        elif tok.type in ("th_open", "td_open"):
            assert row is not None
            row.append(inline_text(toks[i + 1]))
        elif tok.type == "tr_close":
            assert row is not None
            current.append(row)
        elif tok.type == "table_close":
            result.append(current)
    return result


def table_problems(md: str) -> list[str]:
    problems = []
    lines = md.splitlines()
    toks = tokens(md)
    width = 0
    for tok in toks:
        if tok.type == "table_open" and tok.map:
            header = lines[tok.map[0]]
            width = len(_UNESCAPED_PIPE.findall(header)) - 1
        if tok.type == "tr_open" and tok.map:
            source = lines[tok.map[0]]
            cells = len(_UNESCAPED_PIPE.findall(source)) - 1
            if cells != width:
                problems.append(f"line {tok.map[0] + 1}: {cells} cells, header has {width}")
    for n, table in enumerate(tables(md)):
        for row in table:
            if len(row) != len(table[0]):
                problems.append(f"table {n}: row of {len(row)} cells, header has {len(table[0])}")
    return problems


@lru_cache(maxsize=16)
def html(md: str) -> str:
    return PARSER.render(md)


def text(md: str) -> str:
    """Every visible piece of text, one inline block a line."""
    return "\n".join(inline_text(t) for t in tokens(md) if t.type == "inline")


def markup_leaks(md: str) -> list[str]:
    """HTML elements that only user text could have produced in our documents."""
    rendered = html(md)
    leaks = []
    for pattern in ("<script", "<img", "<b>", "<a ", "<code>", "<em>", "<h5", "<h6", "<ol"):
        if pattern in rendered:
            leaks.append(pattern)
    return leaks
