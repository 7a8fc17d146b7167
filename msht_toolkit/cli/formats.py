"""Which formats each output offers, the one ``--format`` choice, and writing the result.

``OUTPUTS`` says, per output (``score``, ``plan``, ``report``, ``diff``, ...), which
formats ``--format`` may name, what is printed without it, which ``-o`` suffixes are read,
and which renderer makes each format (``render.formats``). ``choose_format`` is the one
place a format is chosen: ``--json``, else ``--format``, else ``-o``'s suffix, else the
output's default (Markdown for ``report`` and ``plan``, the terminal view for the
others). Refused with one line (exit 2), before any work: ``--json`` with ``--format``,
an unknown format, a suffix that names another format than ``--format``, an ``-o``
suffix that names none the output writes, a binary format (Word) to a terminal, and a
format whose optional dependency is missing.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer

from msht_toolkit.errors import UsageError
from msht_toolkit.render.formats import (
    ALIASES,
    FORMATS,
    Drawn,
    Format,
    Renderer,
    Written,
)


def _terminal() -> Any:
    from msht_toolkit.cli.common import console

    return console()


def _terminal_or_plain() -> Any:
    """For a view the plain console lays out: rich's console on a terminal or with
    colour; off a terminal, the plain console (the same characters, without importing
    rich: a quarter of what ``msht score`` took)."""
    from msht_toolkit.cli.common import PIPED_WIDTH, colour_on, console

    if sys.stdout.isatty() or colour_on(sys.stdout):
        return console()
    from msht_toolkit.render.terminal.plain import PlainConsole

    return PlainConsole(sys.stdout, PIPED_WIDTH, lambda file: console(file=file))


def _plain() -> Any:
    import io

    from msht_toolkit.cli.common import console

    return console(file=io.StringIO(), plain=True, width=120)  # file text made safe


@dataclass(frozen=True)
class Use:
    """How an output renders one format: ``target`` is ``"module:function"``; ``draws``:
    the function draws on a console (``function(console, doc)``); ``fields``: it takes
    these fields of the document rather than the document; ``plain``: it draws only
    ``render.terminal.text`` lines and tables, which off a terminal the plain console
    lays out without rich."""

    target: str
    draws: bool = False
    fields: tuple[str, ...] = ()
    plain: bool = False


@dataclass(frozen=True)
class Output:
    name: str
    offers: tuple[str, ...]  # what --format may name, in the order help lists them
    default: str  # without --format and -o (or with -o -)
    renderers: Mapping[str, Use]
    read: tuple[str, ...] = ()  # formats whose -o suffixes are recognised (default: offers)
    json_from_suffix: bool = False  # -o NAME.json means --json
    required: bool = False  # --format must be given (no default, not read from -o)

    def renderer(self, fmt: Format) -> Renderer:
        use = self.renderers[fmt.name]
        if use.draws:
            console = _terminal if fmt.terminal else _plain
            if fmt.terminal and use.plain:
                console = _terminal_or_plain
            return Drawn(fmt, use.target, console, use.fields)
        return Written(fmt, use.target, use.fields)


R = "msht_toolkit.render"
PAGES = {  # a Document (render/documents/blocks.py) and its date, as report and plan have it
    "md": Use(f"{R}.markdown.document:document_markdown", fields=("document",)),
    "html": Use(f"{R}.html.document:document_html", fields=("document",)),
    "docx": Use(f"{R}.word:document_docx", fields=("document", "dated")),
}

OUTPUTS = {
    o.name: o
    for o in (
        Output(
            "score",
            (),
            "terminal",
            {
                "terminal": Use(f"{R}.terminal.views:print_score", draws=True, plain=True),
                "json": Use(f"{R}.json.score:score_json", fields=("card",)),
            },
        ),
        Output(
            "explain",
            (),
            "text",
            {
                "text": Use(f"{R}.terminal.views:explain_text"),
                "json": Use(f"{R}.json.explain:explain_json", fields=("assessment", "explanation")),
            },
        ),
        Output(
            "review",
            (),
            "terminal",
            {
                "terminal": Use(f"{R}.terminal.views:print_review", draws=True),
                "json": Use(f"{R}.json.review:review_json", fields=("assessment", "groups")),
            },
        ),
        Output(
            "plan",
            ("md", "html", "docx"),
            "md",
            {
                **PAGES,
                "json": Use(f"{R}.json.plan:plan_json", fields=("plan",)),
            },
            json_from_suffix=True,
        ),
        Output(
            "report",
            ("md", "html", "docx"),
            "md",
            PAGES,
        ),
        Output(
            "diff",
            ("md", "html"),
            "terminal",
            {
                "terminal": Use(f"{R}.terminal.diff:print_diff", draws=True),
                "md": Use(f"{R}.markdown.diff:diff_markdown"),
                "html": Use(f"{R}.html.diff:diff_html"),
                "json": Use(f"{R}.json.diff:diff_json"),
            },
            read=("text", "md", "html"),
        ),
        Output(
            "trend",
            ("text", "html"),
            "terminal",
            {
                "terminal": Use(f"{R}.terminal.views:print_trend_bars", draws=True),
                "text": Use(f"{R}.terminal.trend:print_trend", draws=True),
                "html": Use(f"{R}.html.trend:trend_html"),
                "json": Use(f"{R}.json.trend:trend_json"),
            },
            read=("text", "md", "html"),
        ),
        Output(
            "compare",
            ("text", "html"),
            "terminal",
            {
                "terminal": Use(
                    f"{R}.terminal.compare:print_comparison",
                    draws=True,
                    fields=("comparison", "marked"),
                ),
                "text": Use(
                    f"{R}.terminal.compare:print_comparison",
                    draws=True,
                    fields=("comparison", "marked"),
                ),
                "html": Use(f"{R}.html.compare:compare_html", fields=("comparison", "marked")),
                "json": Use(f"{R}.json.compare:compare_json", fields=("comparison",)),
            },
            read=("text", "md", "html"),
        ),
        Output(
            "export",
            ("csv", "xlsx", "json"),
            "",
            {
                "csv": Use(f"{R}.export:csv_bytes", fields=("rows", "encoding", "measures")),
                "xlsx": Use(f"{R}.xlsx:xlsx_bytes", fields=("card", "rows")),
                "json": Use(f"{R}.export:export_json", fields=("card", "rows")),
            },
            required=True,
        ),
    )
}


def format_option(output: str, help: str) -> Any:
    """The ``--format`` option of ``output``, its metavar the formats it offers."""
    return Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="|".join(OUTPUTS[output].offers),
            help=help,
            show_default=False,
        ),
    ]


def _suffix(name: str) -> str:
    return FORMATS[name].suffixes[0]


def _one_of(names: Iterable[str]) -> str:
    """``.md, .html or .docx``"""
    shown = [_suffix(n) for n in names]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} or {shown[-1]}"


def choose_format(output: str, given: str | None, out: Path | None, json: bool = False) -> Format:
    """The format ``output`` is written in: ``--json``, else ``--format``, else ``-o``'s
    suffix, else the output's default. ``-o -`` is standard output, as without ``-o``."""
    spec = OUTPUTS[output]
    if json:
        if given is not None:
            raise UsageError("--json and --format cannot be used together")
        return FORMATS["json"]
    named = out  # -o - still names a place: standard output, down a pipe
    if out is not None and str(out) == "-":
        out = None
    suffix = out.suffix.lower() if out is not None else ""
    read = () if spec.required else (spec.read or spec.offers)  # export: never from -o
    implied = next((n for n in read if suffix in FORMATS[n].suffixes), None)
    if spec.required and given is None:
        raise UsageError(f"--format must be one of {', '.join(spec.offers)}")
    if given is not None:
        name = given.strip().lower().lstrip(".")
        name = ALIASES.get(name, name)
        if name not in spec.offers:
            raise UsageError(f"--format must be one of {', '.join(spec.offers)}, not {given!r}")
        if implied is not None and implied != name:
            raise UsageError(
                f"--format {name} does not match -o {out} (a {FORMATS[implied].title} name); "
                f"name a {_suffix(name)} file or drop --format"
            )
    elif out is None:
        name = spec.default
    elif spec.json_from_suffix and suffix in FORMATS["json"].suffixes:
        name = "json"
    elif implied is not None and implied in spec.offers:
        name = implied
    else:
        raise UsageError(
            f"-o {out}: cannot tell the format from {suffix or 'a name without a suffix'}; "
            f"name a {_one_of(spec.offers)} file, or give --format {'|'.join(spec.offers)}"
        )
    return _checked(FORMATS[name], out, named)


def _checked(fmt: Format, out: Path | None, named: Path | None) -> Format:
    """Refuse a file-only format without -o (``-o -`` is allowed: a pipe), a binary format
    to a terminal, and one whose extra is not installed."""
    if fmt.file_only and named is None:
        raise UsageError(f"--format {fmt.name} writes a file: add -o OUT{fmt.suffix}")
    if fmt.binary and out is None and sys.stdout.isatty():
        raise UsageError(
            f"{fmt.article} {fmt.title} file is binary: write it with -o FILE{fmt.suffix} "
            "(or pipe it)"
        )
    if not fmt.available():
        raise UsageError(fmt.hint)
    return fmt


def write(
    output: str,
    fmt: Format,
    doc: Any,
    out: Path | None,
    inputs: Iterable[Path] = (),
    *,
    force: bool = False,
) -> None:
    """Render ``doc`` as ``output`` in ``fmt`` and print it or write ``out``.

    The terminal view goes to the console as drawn; text is printed (through the pager
    when long, on a terminal) or written atomically, 0600; bytes are written as they
    are. What ``-o`` may replace is decided in cli/outputs.py (``force``: a file msht
    did not write).
    """
    data = OUTPUTS[output].renderer(fmt).render(doc)
    inputs = list(inputs)
    if fmt.terminal:
        assert isinstance(data, str)
        sys.stdout.write(data)
        sys.stdout.flush()
        return
    from msht_toolkit.cli.common import write_output, write_output_bytes

    if isinstance(data, str):
        write_output(data, out, inputs, force=force)
    else:
        write_output_bytes(data, out, inputs, force=force, binary=fmt.binary)
