"""A ``Document`` as Markdown (CommonMark with GFM tables).

Every piece of text is escaped through ``render.markdown.text``; a chart is shown as its
table (Markdown cannot draw), a page break is left out.
"""

from __future__ import annotations

from msht_toolkit.render.documents.blocks import (
    BarChart,
    Block,
    Bullets,
    Cell,
    CellValue,
    ChangeChart,
    Document,
    Entry,
    Heading,
    MeasureCharts,
    PageBreak,
    Paragraph,
    Table,
)
from msht_toolkit.render.markdown.text import bold, bullet, escape, heading, table


def _cell(value: CellValue) -> str:
    return value.text if isinstance(value, Cell) else value


def table_md(block: Table) -> str:
    out = f"{bold(block.caption)}\n\n" if block.caption else ""
    return out + table(
        [c.title for c in block.columns],
        [[_cell(v) for v in row] for row in block.rows],
        align="".join(c.align for c in block.columns),
    )


def entry_md(block: Entry) -> str:
    out = f"- {bold(block.title)}\n"
    return out + "".join(f"  - {escape(label)}: {escape(text)}\n" for label, text in block.fields)


def block_md(block: Block) -> str:
    if isinstance(block, Heading):
        return heading(block.level, block.text) + "\n"
    if isinstance(block, Paragraph):
        return escape(block.text) + "\n\n"
    if isinstance(block, Bullets):
        return "".join(bullet(i) for i in block.items) + "\n"
    if isinstance(block, Table):
        return table_md(block) + "\n"
    if isinstance(block, MeasureCharts) and block.numbers_above:
        return ""
    if isinstance(block, BarChart | ChangeChart | MeasureCharts):
        return escape(block.description) + "\n\n" + table_md(block.table) + "\n"
    if isinstance(block, Entry):
        return entry_md(block)
    if isinstance(block, PageBreak):
        return ""
    raise TypeError(f"unknown block {type(block).__name__}")


def document_markdown(doc: Document) -> str:
    parts = [heading(1, doc.title), "\n"]
    if doc.subtitle:
        parts.append(escape(doc.subtitle) + "\n\n")
    if doc.facts:
        parts.append(table(("Item", "Detail"), doc.facts) + "\n")
    previous: Block | None = None
    for block in doc.blocks:
        if isinstance(previous, Entry) and not isinstance(block, Entry):
            parts.append("\n")  # end the list of entries
        parts.append(block_md(block))
        previous = block
    return "".join(parts).rstrip("\n") + "\n"
