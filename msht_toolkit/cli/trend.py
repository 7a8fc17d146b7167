"""`msht trend FILE FILE... [--json]`: scores and RAG across several years, by period."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from msht_toolkit.cli import completion
from msht_toolkit.cli.common import (
    BankPaths,
    JsonFlag,
    console,
    handle_errors,
    load_banks,
    score_files,
    warn,
)

Files = Annotated[
    list[Path],
    typer.Argument(
        metavar="FILE...",
        help="Two or more assessment files of one partnership, in any order.",
        autocompletion=completion.assessment_files,
    ),
]


@handle_errors
def trend(files: Files, json: JsonFlag = False, bank: BankPaths = None) -> None:
    """Overall and per-bank scores and RAG per period, and progress toward targets."""
    from msht_toolkit.errors import UsageError
    from msht_toolkit.trend import build_trend

    if len(files) < 2:
        raise UsageError("trend needs at least two assessment files (use `msht score` for one)")
    bankset = load_banks(bank)
    cards = score_files(files, bankset)
    result = build_trend(cards, bankset.all())
    warn(result.warnings)
    if json:
        from msht_toolkit.render.json_out import dumps
        from msht_toolkit.render.trend_json import trend_json

        typer.echo(dumps(trend_json(result)), nl=False)
        return
    from msht_toolkit.render.trend_terminal import print_trend

    print_trend(console(), result)


def register(app: typer.Typer) -> None:
    app.command("trend")(trend)
