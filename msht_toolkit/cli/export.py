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
    write_output,
    write_output_bytes,
)
from msht_toolkit.errors import UsageError

FORMATS = ("csv", "xlsx", "json")
XLSX_HINT = "XLSX export needs openpyxl: pip install 'msht-toolkit[xlsx]'"


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
    from msht_toolkit.render.export import CSV_ENCODINGS

    fmt = fmt.strip().lower()
    if fmt not in FORMATS:
        shown = f", not {fmt!r}" if fmt else ""
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}{shown}")
    encoding = encoding.strip().lower()
    if encoding not in CSV_ENCODINGS:
        raise UsageError(f"--encoding must be one of {', '.join(CSV_ENCODINGS)}, not {encoding!r}")
    if fmt == "xlsx" and out is None:
        raise UsageError("--format xlsx writes a file: add -o OUT.xlsx")
    if out is not None:
        check_output_path(out, [file], force=force)
    if fmt == "xlsx":
        try:
            import openpyxl  # noqa: F401
        except ImportError:
            raise UsageError(XLSX_HINT) from None

    from msht_toolkit.render.export import csv_bytes, export_json, export_rows, xlsx_bytes
    from msht_toolkit.services.files import score_file

    card = score_file(file, load_banks(bank)).card
    rows = export_rows(card)
    if fmt == "csv":
        write_output_bytes(csv_bytes(rows, encoding, card.measures), out, [file], force=force)
    elif fmt == "json":
        from msht_toolkit.render.json.score import dumps

        write_output(dumps(export_json(card, rows)), out, [file], force=force)
    else:
        assert out is not None
        write_output_bytes(xlsx_bytes(card, rows), out, [file], force=force, binary=True)


def register(app: typer.Typer) -> None:
    app.command("export")(export)
