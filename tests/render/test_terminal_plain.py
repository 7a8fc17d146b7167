"""Off a terminal, tables and lines print exactly as rich prints them, without rich.

``PlainConsole`` is held to the installed rich: the same table or line given to both
must come out as the same characters, whatever the cells hold (wrapping, folding,
ellipses, right-justified columns, tables wider than the page, empty cells, several
lines in a cell); what it cannot lay out itself it hands to rich.
"""

from __future__ import annotations

import io

from hypothesis import given, settings
from hypothesis import strategies as st

from msht_toolkit.cli.common import console
from msht_toolkit.render.terminal.plain import PlainConsole, simple
from msht_toolkit.render.terminal.text import Table, Text

WORDS = st.sampled_from(
    [
        "a",
        "Identification",
        "and",
        "referral",
        "-",
        "59.7",
        "AMBER",
        "(provisional)",
        "Midshire",
        "Police:",
        "level 2",
        "x" * 40,
        "Partnership readiness: Leadership",
        "é",
        "—",
        "…",
        "",
        " ",
        "  ",
    ]
)
CELL = st.lists(WORDS, max_size=12).map(" ".join) | st.text(
    alphabet=st.sampled_from("ab cdé—\n-1.'"), max_size=60
)


def rich_output(renderable: object, width: int = 120) -> str:
    buffer = io.StringIO()
    console(file=buffer, width=width).print(renderable)
    return buffer.getvalue()


def plain_output(renderable: object, width: int = 120) -> tuple[str, bool]:
    """What the plain console prints, and whether it had to ask rich."""
    buffer = io.StringIO()
    asked: list[bool] = []

    def fallback(file: io.StringIO) -> object:
        asked.append(True)
        return console(file=file, width=width)

    PlainConsole(buffer, width, fallback).print(renderable)
    return buffer.getvalue(), bool(asked)


@st.composite
def tables(draw: st.DrawFn) -> Table:
    table = Table(draw(st.sampled_from(["", "Themes", "Identification and referral: questions"])))
    count = draw(st.integers(1, 6))
    for _ in range(count):
        table.add_column(
            draw(st.sampled_from(["id", "question", "score", "this year", "capped by"])),
            justify=draw(st.sampled_from(["left", "right"])),
            overflow=draw(st.sampled_from(["ellipsis", "fold"])),
        )
    for _ in range(draw(st.integers(0, 5))):
        cells = [draw(CELL) for _ in range(count)]
        table.add_row(*(Text(c, style="bold") if draw(st.booleans()) else c for c in cells))
    return table


@settings(max_examples=300, deadline=None)
@given(tables(), st.sampled_from([120, 60, 30, 12]))
def test_a_table_prints_as_rich_prints_it(table: Table, width: int) -> None:
    plain, _asked_rich = plain_output(table, width)  # rich for widths under 3 cells
    assert plain == rich_output(table, width)


@settings(max_examples=200, deadline=None)
@given(CELL, st.sampled_from([120, 20, 7]))
def test_a_line_prints_as_rich_prints_it(text: str, width: int) -> None:
    for renderable in (text, Text(text, style="bold")):
        plain, asked = plain_output(renderable, width)
        assert not asked
        assert plain == rich_output(renderable, width)


def test_the_score_tables_are_laid_out_without_rich() -> None:
    table = Table("Banks")
    for name, justify in (("bank", "left"), ("score", "right"), ("RAG", "left")):
        table.add_column(name, justify=justify)
    table.add_row("Identification and referral", "59.7", Text("AMBER", style="bold yellow"))
    plain, asked = plain_output(table)
    assert not asked
    assert plain == rich_output(table)
    assert plain.splitlines()[2].startswith(" Identification and referral   59.7  AMBER")


def test_text_rich_must_lay_out_goes_to_rich() -> None:
    for text in ("wide \u4e2d\u6587 text", "tab\there", "combining e\u0301", "bell \x07"):
        assert not simple(text)
        table = Table("t")
        table.add_column("c")
        table.add_row(text)
        for renderable in (text, Text(text), table):
            plain, asked = plain_output(renderable)
            assert asked
            assert plain == rich_output(renderable)


def test_several_objects_and_empty_print_as_rich() -> None:
    plain, asked = plain_output(Text("a"))
    assert plain == "a\n" and not asked
    buffer = io.StringIO()
    PlainConsole(buffer, 120, lambda file: console(file=file, width=120)).print()
    assert buffer.getvalue() == "\n"


def test_capture_collects_plain_and_rich_output_in_order() -> None:
    out = io.StringIO()
    plain = PlainConsole(out, 120, lambda file: console(file=file, width=120))
    with plain.capture() as captured:
        plain.print("first")
        plain.print("wide \u4e2d")  # laid out by rich, into the same capture
        plain.print(Text("last"))
    assert captured.get() == "first\nwide \u4e2d\nlast\n"
    assert out.getvalue() == ""
