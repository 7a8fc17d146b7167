"""``--format md|html|docx`` for ``report`` and ``plan``: chosen, or read from ``-o``.

The format follows ``-o``'s suffix when ``--format`` is not given (``.md``,
``.html``/``.htm``, ``.docx``); Markdown is the default on standard output. Word files
are binary: refused on a terminal (pipe them or use ``-o``), and they need the optional
python-docx (``pip install 'msht-toolkit[word]'``), checked before any work is done.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from msht_toolkit.errors import UsageError

if TYPE_CHECKING:
    from msht_toolkit.render.documents.blocks import Document

FORMATS = ("md", "html", "docx")
SUFFIXES = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html", ".docx": "docx"}
NAMES = {"md": "Markdown", "html": "HTML", "docx": "Word"}

FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="md|html|docx",
        help="Markdown, one self-contained HTML page, or a Word file "
        "(default: from -o's suffix, else Markdown).",
        show_default=False,
    ),
]


def choose_format(given: str | None, out: Path | None) -> str:
    """The output format: ``--format``, else ``-o``'s suffix, else Markdown.

    Refused with one line: an unknown format, a suffix that names another format than
    ``--format``, an ``-o`` suffix that names none, Word to a terminal, Word without
    python-docx.
    """
    if out is not None and str(out) == "-":
        out = None  # -o - is standard output, as without -o
    suffix = out.suffix.lower() if out is not None else ""
    implied = SUFFIXES.get(suffix)
    if given is not None:
        fmt = given.strip().lower().lstrip(".")
        fmt = {"markdown": "md", "htm": "html", "word": "docx"}.get(fmt, fmt)
        if fmt not in FORMATS:
            raise UsageError(f"--format must be one of {', '.join(FORMATS)}, not {given!r}")
        if implied is not None and implied != fmt:
            raise UsageError(
                f"--format {fmt} does not match -o {out} (a {NAMES[implied]} name); "
                f"name a {'.' + fmt} file or drop --format"
            )
    elif out is not None:
        if implied is None:
            raise UsageError(
                f"-o {out}: cannot tell the format from {suffix or 'a name without a suffix'}; "
                "name a .md, .html or .docx file, or give --format md|html|docx"
            )
        fmt = implied
    else:
        fmt = "md"
    if fmt == "docx":
        if out is None and sys.stdout.isatty():
            raise UsageError("a Word file is binary: write it with -o FILE.docx (or pipe it)")
        from msht_toolkit.render.word import HINT, available

        if not available():
            raise UsageError(HINT)
    return fmt


def render(doc: Document, fmt: str, when: str | None = None) -> str | bytes:
    """``doc`` in ``fmt``: text for Markdown and HTML, bytes for Word."""
    if fmt == "html":
        from msht_toolkit.render.html.document import document_html

        return document_html(doc)
    if fmt == "docx":
        from msht_toolkit.render.word import document_docx

        return document_docx(doc, when)
    from msht_toolkit.render.markdown.document import document_markdown

    return document_markdown(doc)


def write_document(
    data: str | bytes, out: Path | None, inputs: list[Path], *, force: bool = False
) -> None:
    """Print or write (atomically, 0600) a rendered document; what ``-o`` may replace is
    decided in cli/outputs.py (``force``: a file msht did not write)."""
    from msht_toolkit.cli.common import write_output, write_output_bytes

    if isinstance(data, str):
        write_output(data, out, inputs, force=force)
    else:
        write_output_bytes(data, out, inputs, force=force, binary=True)
