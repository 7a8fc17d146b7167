"""`msht score FILE [--json] [--detail]`: ratings as tables, or the SPEC's JSON."""

from __future__ import annotations

from typing import Annotated

import typer

from msht_toolkit.cli.common import (
    AssessmentFile,
    BankPaths,
    JsonFlag,
    console,
    handle_errors,
    load_scored,
    write_output,
)


@handle_errors
def score(
    file: AssessmentFile,
    json: JsonFlag = False,
    detail: Annotated[
        bool, typer.Option("--detail", help="Add section and question tables.")
    ] = False,
    bank: BankPaths = None,
) -> None:
    """RAG ratings per theme and bank (and, with --detail, section and question)."""
    _assessment, _banks, _bankset, card = load_scored(file, bank)
    if json:
        from msht_toolkit.render.json_out import dumps, score_json

        write_output(dumps(score_json(card)))
        return
    from msht_toolkit.render.terminal import print_scorecard

    print_scorecard(console(), card, detail=detail)
    # Merged files: questions where partners differ by two or more levels (MULTI).
    from msht_toolkit.merge import disagreements
    from msht_toolkit.render.disagreements import print_disagreements

    print_disagreements(console(), disagreements(card.assessment, [b.bank for b in card.banks]))


def register(app: typer.Typer) -> None:
    app.command("score")(score)
