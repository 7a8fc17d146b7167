"""`msht trend FILE FILE... [--json] [--format text|html] [-o OUT]`: scores and RAG across
several years, by period; one page with a line chart with ``--format html``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from msht_toolkit.cli import completion
from msht_toolkit.cli.common import (
    BankPaths,
    ForceFlag,
    JsonFlag,
    handle_errors,
    load_banks,
    output_option,
    warn,
)
from msht_toolkit.cli.formats import format_option

Files = Annotated[
    list[Path],
    typer.Argument(
        metavar="FILE...",
        help="Two or more assessment files of one partnership, in any order.",
        autocompletion=completion.assessment_files,
    ),
]
Format = format_option(
    "trend",
    "text (the terminal table) or html (one self-contained page with a line chart); "
    "default: from -o's suffix (.txt, .html), else the terminal table.",
)
OutFile = output_option("OUT", "Write to this file (.txt or .html) instead of printing.")


@handle_errors
def trend(
    files: Files,
    json: JsonFlag = False,
    format: Format = None,
    output: OutFile = None,
    bank: BankPaths = None,
    force: ForceFlag = False,
) -> None:
    """Overall and per-bank scores and RAG per period, and progress toward targets."""
    from msht_toolkit.analysis.trend import build_trend
    from msht_toolkit.cli.common import check_output_path
    from msht_toolkit.cli.formats import choose_format, write
    from msht_toolkit.errors import UsageError
    from msht_toolkit.services.files import score_files

    fmt = choose_format("trend", format, output, json)
    if len(files) < 2:
        raise UsageError("trend needs at least two assessment files (use `msht score` for one)")
    if output is not None:
        check_output_path(output, files, force=force)
    bankset = load_banks(bank)
    cards = score_files(files, bankset)
    result = build_trend(cards, bankset.all())
    warn(result.warnings)
    write("trend", fmt, result, output, files, force=force)


def register(app: typer.Typer) -> None:
    app.command("trend")(trend)
