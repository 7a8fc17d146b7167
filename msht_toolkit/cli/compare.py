"""`msht compare DIR [--json] [--period P] [--skip-bad]`: partnerships side by side.

Reads every ``*.msht.yaml`` directly in DIR, scores each against its own bank versions
with one shared bank set, and shows each partnership's overall and per-bank score, RAG
and quartile, with the distribution per bank. The rules and the ``msht-compare/1`` JSON
shape are in ``msht_toolkit.compare``.

Unreadable files: one line each on stderr naming the file and its (first) problem, and
exit 2 with nothing else printed; with ``--skip-bad`` they are left out (still named on
stderr, and listed under ``skipped`` in the JSON) and the comparison goes on.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from msht_toolkit.cli.common import BankPaths, JsonFlag, console, handle_errors, load_banks, warn
from msht_toolkit.errors import UsageError


@handle_errors
def compare(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="DIR", help="A folder of partnerships' assessment files (*.msht.yaml)."
        ),
    ],
    json: JsonFlag = False,
    period: Annotated[
        str | None,
        typer.Option(
            "--period", metavar="P", help="Compare this period (default: the most common one)."
        ),
    ] = None,
    skip_bad: Annotated[
        bool,
        typer.Option("--skip-bad", help="Leave out unreadable files instead of stopping."),
    ] = False,
    bank: BankPaths = None,
) -> None:
    """Many partnerships' assessments for one period: scores, RAG, quartiles, distribution."""
    from msht_toolkit.compare import compare as build
    from msht_toolkit.compare import find_files, load_entries

    files = find_files(folder)
    bankset = load_banks(bank)
    entries, skipped = load_entries(files, bankset)
    for item in skipped:
        sys.stderr.write(f"{item.problem}\n")
    if skipped and not skip_bad:
        count = len(skipped)
        raise UsageError(
            f"{count} file{'s' if count != 1 else ''} could not be read; fix "
            f"{'them' if count != 1 else 'it'} or add --skip-bad to leave "
            f"{'them' if count != 1 else 'it'} out"
        )
    comparison = build(entries, period, skipped, bank_order=bankset.ids())
    warn(comparison.warnings)
    if json:
        from msht_toolkit.compare import compare_json
        from msht_toolkit.render.json_out import dumps

        typer.echo(dumps(compare_json(comparison)), nl=False)
        return
    from msht_toolkit.render.compare_terminal import print_comparison

    print_comparison(console(), comparison)


def register(app: typer.Typer) -> None:
    app.command("compare")(compare)
