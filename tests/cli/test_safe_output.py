"""The output boundaries make file text safe: the console, write_output, stderr, the walk UI.

The end-to-end proof is ``test_terminal_safety.py`` (every command) and
``tests/e2e/test_walk_terminal_safety.py`` (the walk in a pseudo-terminal); these pin
each boundary on its own.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import hostile
import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output
from rich.table import Table
from rich.text import Text

from msht_toolkit.cli.common import console, say_error, warn, write_output
from msht_toolkit.cli.handler import report
from msht_toolkit.cli.walk_ui import PlainUI, RichUI
from msht_toolkit.errors import UsageError
from msht_toolkit.walk.prompts import Pick

H = hostile.h("Midshire")
SHOWN = "␛[2J␛[H"  # the visible form of the screen clear


def test_console_shows_controls_in_strings_texts_and_tables():
    buffer = io.StringIO()
    out = console(file=buffer, plain=True, width=200)
    table = Table(title=H)
    table.add_column(H)
    table.add_row(H)
    table.add_row(Text(H, style="bold"))
    out.print(H)
    out.print(Text(H, style="bold"), Text(H))
    out.print(table)
    shown = buffer.getvalue()
    assert "\x1b" not in shown and not hostile.unsafe_in(shown)
    assert shown.count(SHOWN) == 7


def test_console_with_colour_writes_only_its_own_sgr_codes(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    buffer = io.StringIO()
    out = console(file=buffer, width=200)
    out.print(Text(H, style="bold red"))
    shown = buffer.getvalue()
    assert hostile.SGR.search(shown)  # colour is on
    assert not hostile.unsafe_in(shown, colour=True)


def test_a_table_cell_with_controls_stays_aligned():
    buffer = io.StringIO()
    table = Table(box=None, show_header=False)
    table.add_column()
    table.add_column()
    table.add_row("a\x1b[2J", "|")
    table.add_row("b␛[2J", "|")
    console(file=buffer, plain=True, width=80).print(table)
    lines = buffer.getvalue().splitlines()
    assert lines[0].index("|") == lines[1].index("|")


def test_write_output_prints_and_writes_safe_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    write_output(H + "\n")
    out = tmp_path / "plan.md"
    write_output(H + "\r\n", out)
    printed = capsys.readouterr()
    assert SHOWN in printed.out and not hostile.unsafe_in(printed.out)
    written = out.read_bytes().decode("utf-8")
    assert written.endswith("\r\n")  # a CSV line end stays
    assert SHOWN in written and not hostile.unsafe_in(written)


def test_messages_on_stderr_are_safe(capsys: pytest.CaptureFixture[str]):
    say_error(H)
    warn([H])
    report(UsageError(H))  # an error's message, through the one handler
    err = capsys.readouterr().err
    assert err.count(SHOWN) == 3 and not hostile.unsafe_in(err)


@pytest.fixture
def screen() -> Iterator[tuple[object, io.StringIO]]:
    """Keystrokes in, and everything prompt_toolkit draws, as a real terminal would get it."""
    drawn = io.StringIO()
    output = Vt100_Output(drawn, lambda: Size(rows=40, columns=120), term="xterm")
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=output):
        yield pipe, drawn


def test_rich_ui_prompts_and_choices_are_safe_and_a_kept_default_is_unchanged(screen):
    pipe, drawn = screen
    printed = io.StringIO()
    ui = RichUI(console(file=printed, plain=True, width=120))
    pipe.send_text("\r" + "\r" + "\r")
    assert ui.choose(H, [Pick("a", H, "1"), Pick("b", "Other", "2")]) == "a"
    assert ui.text(H, default=H) == H  # Enter keeps the file's text exactly
    assert ui.confirm(H) is True
    shown = drawn.getvalue()
    for payload in hostile.INJECTED:
        assert payload not in shown
    assert not re.search("[\x80-\x9f\u202a-\u202e\u2066-\u2069]", shown)
    assert "␛]52;c;" in shown


def test_rich_ui_an_edited_default_is_what_was_on_screen(screen):
    pipe, _drawn = screen
    ui = RichUI(console(file=io.StringIO(), plain=True, width=120))
    pipe.send_text("!\r")
    assert ui.text("Note", default="a\x1bb") == "a␛b!"


def test_plain_ui_writes_and_prompts_safely_and_keeps_a_default():
    written: list[str] = []
    prompts: list[str] = []

    def read(prompt: str) -> str:
        prompts.append(prompt)
        return ""

    ui = PlainUI(read=read, write=written.append)
    ui.say(H)
    ui.heading(H)
    assert ui.choose(H, [Pick("a", H, "1"), Pick("b", "B", "2")], default="a") == "a"
    assert ui.text(H, default=H) == H
    assert ui.confirm(H) is True
    everything = "\n".join(written + prompts)
    assert "\x1b" not in everything and not hostile.unsafe_in(everything)
    assert everything.count(SHOWN) >= 8
