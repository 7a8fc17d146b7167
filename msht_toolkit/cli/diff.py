"""`msht diff OLD NEW [--json] [--format md|html] [-o OUT]`: year-on-year comparison:
the terminal view, Markdown, or one HTML page with a before-and-after
chart; without ``--format`` the format follows ``-o``'s suffix (.md, .html).

Each file is scored against its own bank versions; warnings (different partnerships,
periods out of order) go to stderr and the comparison still runs.
"""

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

OldFile = Annotated[
    Path,
    typer.Argument(
        metavar="OLD",
        help="The earlier assessment file (*.msht.yaml).",
        autocompletion=completion.assessment_files,
    ),
]
NewFile = Annotated[
    Path,
    typer.Argument(
        metavar="NEW",
        help="The later assessment file (*.msht.yaml).",
        autocompletion=completion.assessment_files,
    ),
]
OutFile = output_option(
    "OUT",
    "Write to this file instead of printing: Markdown (.md) or HTML (.html), or with "
    "--json the JSON.",
)
Format = format_option(
    "diff",
    "md (Markdown) or html (one self-contained page with a chart); default: from -o's "
    "suffix (.md, .html), else the terminal view.",
)


@handle_errors
def diff(
    old: OldFile,
    new: NewFile,
    json: JsonFlag = False,
    format: Format = None,
    output: OutFile = None,
    bank: BankPaths = None,
    force: ForceFlag = False,
) -> None:
    """Compare two assessments: what improved, what slipped, what is new."""
    from msht_toolkit.analysis.diff import diff_scorecards
    from msht_toolkit.cli.common import check_output_path
    from msht_toolkit.cli.formats import choose_format, write
    from msht_toolkit.services.files import score_files

    if output is not None:
        check_output_path(output, [old, new], force=force)
    fmt = choose_format("diff", format, output, json)
    bankset = load_banks(bank)
    cards = score_files((old, new), bankset)
    result = diff_scorecards(cards[0], cards[1], bankset.all())
    warn(result.warnings)
    write("diff", fmt, result, output, [old, new], force=force)


def register(app: typer.Typer) -> None:
    app.command("diff")(diff)
