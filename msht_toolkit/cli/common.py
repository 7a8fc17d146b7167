"""What every command shares: bank loading, output files, consoles, and (from
``cli/handler.py``, the one place errors become messages and exit codes) ``handle_errors``
and ``say_error``.

It is where text leaves the program, so the one place that makes file text safe for a
terminal (``msht_toolkit.textsafe``): every message on stderr goes through
``say_error``, every document printed or written through ``write_output``, and
every table or line drawn with rich through ``console()``, whose console shows control
characters visibly before layout and checks every piece of text it writes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from msht_toolkit.cli import completion
from msht_toolkit.cli.handler import handle_errors, say_error  # noqa: F401 (re-exported)
from msht_toolkit.errors import ExitCode
from msht_toolkit.textsafe import safe_text

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from msht_toolkit.banks.registry import BankSet

PIPED_WIDTH = 120  # the width of text laid out for a pipe or a file, not a terminal

BankPaths = Annotated[
    list[Path] | None,
    typer.Option(
        "--bank",
        metavar="PATH",
        help="Extra bank file or folder (repeatable); a bank with a bundled id replaces it.",
        show_default=False,
        autocompletion=completion.yaml_files,
    ),
]
AssessmentFile = Annotated[
    Path,
    typer.Argument(
        metavar="FILE",
        help="An assessment file (*.msht.yaml).",
        autocompletion=completion.assessment_files,
    ),
]
JsonFlag = Annotated[
    bool,
    typer.Option("--json", help="Print JSON (its schema is named inside; see the README)."),
]
ForceFlag = Annotated[
    bool,
    typer.Option(
        "--force",
        help="Let -o replace an existing file msht did not write "
        "(never an input, an assessment or a bank).",
    ),
]


def output_option(metavar: str, help: str) -> Any:
    """The ``-o/--output`` option of a command that prints unless given a file."""
    return Annotated[
        Path | None,
        typer.Option("-o", "--output", metavar=metavar, help=help, show_default=False),
    ]


def load_banks(
    paths: Iterable[Path] | None = None, quiet: bool = False, source: str = "--bank"
) -> BankSet:
    """Bundled banks + ``MSHT_BANKS`` + ``--bank`` paths; say which user banks replace bundled."""
    from msht_toolkit.banks.registry import load_bankset

    bankset = load_bankset(list(paths or ()), extra_source=source)
    if not quiet:
        for notice in bankset.notices:
            say_error(f"msht: note: {notice}")
    return bankset


def warn(warnings: Iterable[str]) -> None:
    """Each warning on stderr as ``msht: warning: ...``."""
    for warning in warnings:
        say_error(f"msht: warning: {warning}")


def write_output(
    text: str, out: Path | None = None, inputs: Iterable[Path] = (), *, force: bool = False
) -> None:
    """Print to stdout (no ``out``, or ``-o -``), or write ``out`` atomically, 0600.

    ``inputs`` are the files the command read: an output never replaces one of them,
    nor an assessment or bank, nor (without ``force``) a file msht did not write.
    The rules and the markers of msht's own outputs: ``msht_toolkit.cli.outputs``.
    Every document (Markdown, CSV, JSON, plain lines) leaves through here, and file
    text in it is made safe (``safe_text``: JSON from ``render.json.score.dumps`` is
    already escaped, so it passes unchanged).
    """
    text = safe_text(text)
    if out is None:
        from msht_toolkit.cli.pager import show

        show(text)  # through a pager when long and on a terminal, like git
        return
    from msht_toolkit.cli.outputs import write_text

    write_text(text, out, inputs, force=force)


def write_output_bytes(
    data: bytes,
    out: Path | None = None,
    inputs: Iterable[Path] = (),
    *,
    force: bool = False,
    binary: bool = False,
) -> None:
    """Like ``write_output`` for an encoded output (CSV with its byte order mark, XLSX, DOCX)."""
    from msht_toolkit.cli.outputs import write_bytes

    write_bytes(data, out, inputs, force=force, binary=binary)


def check_output_path(out: Path, inputs: Iterable[Path] = (), *, force: bool = False) -> None:
    """Refuse, before any work, an ``-o`` this command must not write (see cli/outputs.py):
    a folder, a missing folder, a pipe or device, a read-only file, an input, an
    assessment or bank, or (without ``force``) a file msht did not write."""
    from msht_toolkit.cli.outputs import check_output

    check_output(out, inputs, force=force)


def colour_on(stream: Any = None) -> bool:
    """Colour the way rich decides it: never with ``NO_COLOR`` or a dumb terminal, always
    with ``FORCE_COLOR`` (even piped), else only on a terminal."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("TERM") in ("dumb", "unknown"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return (stream or sys.stdout).isatty()


def _safe_renderable(renderable: Any) -> Any:
    """A str or ``Text`` with its file text made safe (one character for one)."""
    from rich.text import Text

    if isinstance(renderable, str):
        return safe_text(renderable)
    if isinstance(renderable, Text):
        shown = safe_text(renderable.plain)
        if shown != renderable.plain:
            renderable = renderable.copy()
            renderable.plain = shown  # one character for one: the spans still fit
    return renderable


def _safe_console_class() -> type[Console]:
    """A rich ``Console`` that makes text safe on the way in and on the way out, and
    takes a closed pipe as the reader going away."""
    from rich.console import Console
    from rich.segment import Segment

    class _Console(Console):
        def render(self, renderable: Any, options: Any = None) -> Any:
            return super().render(_safe_renderable(renderable), options)

        def render_str(self, text: str, **kwargs: Any) -> Text:
            return super().render_str(safe_text(text), **kwargs)

        def _render_buffer(self, buffer: Any) -> str:
            # the last gate: any text a renderable built by itself (not from a str or
            # a Text) is checked here; rich's control segments are its own
            return super()._render_buffer(
                segment if segment.control else Segment(safe_text(segment.text), *segment[1:])
                for segment in buffer
            )

        def on_broken_pipe(self) -> None:
            # the reader (`| head`, a pager) went away: not a failure of msht
            self.quiet = True
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(ExitCode.OK)

    return _Console


def console(
    stderr: bool = False, file: TextIO | None = None, plain: bool = False, width: int | None = None
) -> Console:
    """A rich console: colour only on a terminal, never with NO_COLOR; no markup.

    It writes to stdout (stderr with ``stderr``, or ``file``); ``plain`` turns colour
    off whatever the terminal; ``width`` fixes the width (default: the terminal's, or
    120 when not a terminal).

    File text is made safe on the way in: every string and ``Text`` it renders, at
    any depth (a table cell, a title), is passed through ``safe_text`` before it is
    measured and laid out, and every piece of text it writes is checked again, so no
    renderer needs to remember to. Rich's own styling (SGR colour codes) is all the
    escape sequences that reach the terminal. Markup is off: ``[/]`` in a note is text.
    """
    stream = file or (sys.stderr if stderr else sys.stdout)
    on = colour_on(stream) and not plain
    return _safe_console_class()(
        file=stream,
        no_color=not on,
        force_terminal=True if on and not stream.isatty() else None,
        color_system="auto" if on else None,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=False,
        width=width or (None if stream.isatty() else PIPED_WIDTH),
    )
