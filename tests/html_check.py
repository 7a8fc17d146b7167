"""Check generated HTML by parsing it with the standard library's ``html.parser``.

- ``parse(html)``: a ``Page`` with every heading (level, text) in order, every table
  (header cells, body rows of cell texts, and the classes of the body cells), every
  ``<svg>`` with its ``<title>``, the tags seen, every attribute, and the text of
  ``<style>`` elements;
- ``external_references(page)``: anything that would make the browser fetch something
  (scripts, links to http(s) or protocol-relative ``//`` addresses, ``src=`` attributes,
  ``url(...)`` and ``@import`` in styles, ``<link>``, ``<iframe>``, ``<object>``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class TableSeen:
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    classes: list[list[str]] = field(default_factory=list)  # body cells' class attributes
    caption: str = ""


@dataclass
class SvgSeen:
    title: str | None = None
    texts: list[str] = field(default_factory=list)


@dataclass
class Page:
    headings: list[tuple[int, str]] = field(default_factory=list)
    tables: list[TableSeen] = field(default_factory=list)
    svgs: list[SvgSeen] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    attributes: list[tuple[str, str, str]] = field(default_factory=list)  # tag, name, value
    styles: list[str] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    title: str = ""
    text: str = ""  # every piece of visible text, joined by spaces


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[str] = []
        self.heading: tuple[int, list[str]] | None = None
        self.tables: list[TableSeen] = []
        self.row: list[str] | None = None
        self.row_classes: list[str] = []
        self.cell: list[str] | None = None
        self.in_head = False
        self.svg: SvgSeen | None = None
        self.svg_title: list[str] | None = None
        self.caption: list[str] | None = None
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        self.page.tags.append(tag)
        for name, value in values.items():
            self.page.attributes.append((tag, name, value))
        if tag == "meta" and "name" in values:
            self.page.meta[values["name"]] = values.get("content", "")
        if tag in ("br", "col", "meta", "link", "img", "input", "hr"):
            return  # void elements
        self.stack.append(tag)
        if re.fullmatch(r"h[1-6]", tag):
            self.heading = (int(tag[1]), [])
        elif tag == "table":
            self.tables.append(TableSeen())
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr":
            self.row, self.row_classes = [], []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = []
            self.row_classes.append(values.get("class", ""))
        elif tag == "caption":
            self.caption = []
        elif tag == "svg":
            self.svg = SvgSeen()
        elif tag == "title" and self.svg is not None and self.svg.title is None:
            self.svg_title = []

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass
        if self.heading and re.fullmatch(r"h[1-6]", tag):
            self.page.headings.append((self.heading[0], " ".join("".join(self.heading[1]).split())))
            self.heading = None
        elif tag == "thead":
            self.in_head = False
        elif tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "tr" and self.row is not None and self.tables:
            table = self.tables[-1]
            if self.in_head:
                table.header = self.row
            else:
                table.rows.append(self.row)
                table.classes.append(self.row_classes)
            self.row = None
        elif tag == "caption" and self.caption is not None and self.tables:
            self.tables[-1].caption = " ".join("".join(self.caption).split())
            self.caption = None
        elif tag == "table" and self.tables:
            self.page.tables.append(self.tables.pop())
        elif tag == "title" and self.svg_title is not None and self.svg is not None:
            self.svg.title = " ".join("".join(self.svg_title).split())
            self.svg_title = None
        elif tag == "svg" and self.svg is not None:
            self.page.svgs.append(self.svg)
            self.svg = None

    def handle_data(self, data: str) -> None:
        current = self.stack[-1] if self.stack else ""
        if current == "style":
            self.page.styles.append(data)
            return
        if current == "title" and self.svg is None:
            self.page.title += data
        for sink in (
            self.heading[1] if self.heading else None,
            self.cell,
            self.caption,
            self.svg_title,
        ):
            if sink is not None:
                sink.append(data)
        if self.svg is not None and current == "text":
            self.svg.texts.append(data)
        if current not in ("style", "script", "title"):
            self.texts.append(data)


def parse(html: str) -> Page:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    parser.page.text = " ".join(" ".join(parser.texts).split())
    return parser.page


def table_with(page: Page, *header: str) -> TableSeen:
    """The first table whose header starts with these column titles."""
    for table in page.tables:
        if tuple(table.header[: len(header)]) == header:
            return table
    raise AssertionError(f"no table with columns {header}: {[t.header for t in page.tables]}")


_EXTERNAL = re.compile(r"^\s*(https?:|//|ftp:|file:|data:|javascript:)", re.IGNORECASE)
_URL_ATTRS = {"href", "src", "srcset", "xlink:href", "action", "formaction", "poster", "data"}


def external_references(page: Page) -> list[str]:
    found = [t for t in page.tags if t in ("script", "link", "iframe", "object", "embed", "img")]
    for tag, name, value in page.attributes:
        if name == "xmlns" and value == "http://www.w3.org/2000/svg":
            continue  # a namespace name, never fetched
        if name in _URL_ATTRS:
            found.append(f"<{tag} {name}={value!r}>")
        elif name.startswith("on"):
            found.append(f"<{tag} {name}=...> (event handler)")
        elif name == "style" and re.search(r"url\s*\(|@import|expression\s*\(", value, re.I):
            found.append(f"<{tag} style={value!r}>")
        elif _EXTERNAL.match(value):
            found.append(f"<{tag} {name}={value!r}>")
    for css in page.styles:
        if re.search(r"url\s*\(|@import|https?:|//", re.sub(r"/\*.*?\*/", "", css, flags=re.S)):
            found.append("a stylesheet that refers to another file")
    return found
