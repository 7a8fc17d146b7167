"""``--format`` for ``trend``, ``diff`` and ``compare``: chosen, or read from ``-o``.

Each command prints its terminal view by default; ``--format html`` makes one
self-contained page with charts (``diff`` also writes Markdown, ``trend`` and
``compare`` plain text). Without ``--format`` the format follows ``-o``'s suffix
(``.html``/``.htm``, ``.md``, ``.txt``), as for ``report`` and ``plan``; a suffix that
names no format the command writes, a ``--format`` the suffix contradicts, and
``--format`` with ``--json`` are refused with one line (exit 2) before any work.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from msht_toolkit.errors import UsageError

TERMINAL, TEXT, MD, HTML = "terminal", "text", "md", "html"
SUFFIXES = {".txt": TEXT, ".text": TEXT, ".md": MD, ".markdown": MD, ".html": HTML, ".htm": HTML}
NAMES = {TEXT: "plain text", MD: "Markdown", HTML: "HTML"}
ALIASES = {"markdown": MD, "htm": HTML, "txt": TEXT, "plain": TEXT}


def format_option(formats: Sequence[str], help: str) -> Any:
    return Annotated[
        str | None,
        typer.Option("--format", "-f", metavar="|".join(formats), help=help, show_default=False),
    ]


def choose_format(
    given: str | None, out: Path | None, formats: Sequence[str], json: bool = False
) -> str:
    """The output format: ``--format``, else ``-o``'s suffix, else the terminal view.

    Returns one of ``formats``, ``"terminal"`` (print the terminal view), or ``"json"``.
    """
    if json:
        if given is not None:
            raise UsageError("--json and --format cannot be used together; choose one")
        return "json"
    if out is not None and str(out) == "-":
        out = None  # -o - is standard output: what the command prints without -o
    suffix = out.suffix.lower() if out is not None else ""
    implied = SUFFIXES.get(suffix)
    names = ", ".join("." + ("txt" if f == TEXT else f) for f in formats)
    if given is not None:
        fmt = given.strip().lower().lstrip(".")
        fmt = ALIASES.get(fmt, fmt)
        if fmt not in formats:
            raise UsageError(f"--format must be one of {', '.join(formats)}, not {given!r}")
        if implied is not None and implied != fmt:
            raise UsageError(
                f"--format {fmt} does not match -o {out} (a {NAMES[implied]} name); "
                f"name a .{'txt' if fmt == TEXT else fmt} file or drop --format"
            )
        return fmt
    if out is None:
        return TERMINAL
    if implied is None or implied not in formats:
        what = suffix or "a name without a suffix"
        raise UsageError(
            f"-o {out}: cannot tell the format from {what}; name a {names} file, "
            f"or give --format {'|'.join(formats)}"
        )
    return implied


def plain_text(render: Any, *args: Any) -> str:
    """What a terminal view prints, as plain text (no colour, 120 columns wide)."""
    import io

    from msht_toolkit.cli.common import console

    buffer = io.StringIO()
    render(console(file=buffer, plain=True, width=120), *args)  # file text made safe
    return buffer.getvalue()
