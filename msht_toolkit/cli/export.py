"""`msht export FILE --format csv|xlsx|json [-o OUT]`: one row per question, for spreadsheets.

The columns and the JSON shape (``msht-export/1``) are documented in
``msht_toolkit.render.export``. Without ``-o`` CSV and JSON go to stdout; XLSX needs ``-o``.
Output files are written atomically, readable by their owner only (they quote notes).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from msht_toolkit.cli.common import (
    AssessmentFile,
    BankPaths,
    ForceFlag,
    check_output_path,
    handle_errors,
    load_banks,
)
from msht_toolkit.errors import UsageError


@handle_errors
def export(
    file: AssessmentFile,
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", metavar="csv|xlsx|json", help="Output format (required)."),
    ] = "",
    out: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", metavar="OUT", help="File to write (default: stdout; xlsx needs it)."
        ),
    ] = None,
    bank: BankPaths = None,
    encoding: Annotated[
        str,
        typer.Option(
            "--encoding",
            metavar="utf-8-sig|utf-8",
            help="CSV text encoding: utf-8-sig (with a byte order mark, so Excel reads it "
            "right; the default) or utf-8 (without).",
        ),
    ] = "utf-8-sig",
    force: ForceFlag = False,
) -> None:
    """One row per question (bank, section, id, text, value, score, RAG, note, plan...).

    Performance measures: in JSON a measures list, in XLSX a Measures sheet; in CSV a row
    per measure after the questions, with four more columns (kind: question or measure,
    unit, per_100k, source) - filter on kind."""
    from msht_toolkit.cli.formats import choose_format, write
    from msht_toolkit.render.documents.outputs import ExportView
    from msht_toolkit.render.export import CSV_ENCODINGS, export_rows
    from msht_toolkit.services.files import score_file

    encoding = encoding.strip().lower()
    chosen = choose_format("export", fmt.strip().lower() or None, out)
    if encoding not in CSV_ENCODINGS:
        raise UsageError(f"--encoding must be one of {', '.join(CSV_ENCODINGS)}, not {encoding!r}")
    if out is not None:
        check_output_path(out, [file], force=force)
    card = score_file(file, load_banks(bank)).card
    write("export", chosen, ExportView(card, export_rows(card), encoding), out, [file], force=force)


def register(app: typer.Typer) -> None:
    app.command("export")(export)
