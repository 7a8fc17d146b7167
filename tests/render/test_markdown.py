"""Markdown building blocks: escaping that blocks markup but keeps text readable; tables."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from msht_toolkit.render.markdown.text import ALIGNED_WIDTH, escape, heading, table

MD = MarkdownIt("commonmark").enable("table")


def rendered_text(markdown: str) -> str:
    """What a reader sees: the text of the rendered inline tokens, markup removed."""
    out = []
    for token in MD.parse(markdown):
        for child in token.children or []:
            if child.type == "text":
                out.append(child.content)
            elif child.type not in ("softbreak", "hardbreak"):
                out.append(f"<{child.type}>")
    return "".join(out)


HOSTILE = [
    "<script>alert(1)</script>",
    "[click](http://example.invalid)",
    "![img](x.png)",
    "`code` and ``more``",
    "*bold* _it_ **b** ~~gone~~",
    "a | b | c",
    "# not a heading",
    "- not a list",
    "1. not a list",
    "> not a quote",
    "&amp; entity",
    "back\\slash",
    "$x$ maths",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_renders_as_exactly_itself_in_a_paragraph(text: str) -> None:
    assert rendered_text(escape(text)) == text


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_in_a_table_cell_keeps_the_table_and_its_text(text: str) -> None:
    tokens = MD.parse(table(["Note", "By"], [[text, "Police"]]))
    cells = [t for t in tokens if t.type == "inline"]
    assert [t.content for t in cells][-1] == "Police"  # the row still has two cells
    assert sum(1 for t in tokens if t.type == "td_open") == 2
    assert rendered_text(escape(text)) == text


@pytest.mark.parametrize(
    "text",
    ["Midshire Anti-Slavery Partnership (51.8)", "2027-03-11", "59.7", "-5 points", "it's done"],
)
def test_ordinary_text_is_not_escaped(text: str) -> None:
    assert escape(text) == text


def test_a_narrow_table_is_aligned_for_reading_as_plain_text() -> None:
    text = table(
        ["Bank", "Score", "RAG"], [["Identification", 59.7, "AMBER"], ["Pursue", 5, "RED"]], "lrl"
    )
    lines = text.splitlines()
    assert len({len(line) for line in lines}) == 1  # every row padded to one width
    assert lines[1].startswith("|:") and "--:|" in lines[1]  # left and right alignment kept
    assert sum(1 for t in MD.parse(text) if t.type == "th_open") == 3


def test_a_wide_table_is_written_compactly_and_still_parses() -> None:
    note = "x" * (ALIGNED_WIDTH + 10)
    text = table(["Note", "By"], [[note, "Police"], ["short", "Council"]])
    assert "| short | Council |" in text
    assert sum(1 for t in MD.parse(text) if t.type == "td_open") == 4


def test_a_row_of_the_wrong_length_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        table(["a", "b"], [["only one"]])


def test_heading_text_is_escaped() -> None:
    tokens = MD.parse(heading(2, "Plan #3 <b>"))
    assert tokens[0].tag == "h2"
    assert tokens[1].content.replace("\\", "") == "Plan #3 <b>"
