"""`msht score FILE [--json] [--detail]`: ratings as tables, or JSON (``msht-score/1``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from msht_toolkit.banks.registry import BankSet
    from msht_toolkit.scoring.scorer import ScoreCard

from msht_toolkit.cli.common import (
    AssessmentFile,
    BankPaths,
    JsonFlag,
    handle_errors,
    load_banks,
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
    from msht_toolkit.cli.formats import choose_format, write
    from msht_toolkit.render.documents.outputs import ScoreView
    from msht_toolkit.services.files import score_file

    fmt = choose_format("score", None, None, json)
    bankset = load_banks(bank)
    card = score_file(file, bankset).card
    view = ScoreView(card, detail)
    if fmt.terminal:
        last_year = _last_year(file, card, bankset)
        flags: list[str] = []
        if last_year is not None:
            from msht_toolkit.analysis.diff import diff_scorecards

            flags = diff_scorecards(last_year, card, bankset.all()).flag_sentences()
        # merged files: questions where partners differ by two or more levels (MULTI)
        from msht_toolkit.analysis.disagreements import disagreements

        found = disagreements(card.assessment, [b.bank for b in card.banks])
        view = ScoreView(card, detail, last_year, flags, found)
    write("score", fmt, view, None)


def _last_year(file: Path, card: ScoreCard, bankset: BankSet) -> ScoreCard | None:
    """The file this one was carried from (``carried_from``), scored, for last year's
    figures and the flags; None when there is none or it cannot be read (then a warning)."""
    carried = card.assessment.carried_from
    if not carried:
        return None
    from msht_toolkit.cli.common import warn
    from msht_toolkit.errors import MshtError
    from msht_toolkit.services.files import score_file
    from msht_toolkit.walk.carry import resolve_carried_from

    path = resolve_carried_from(carried, file)
    if not path.is_file():
        return None
    try:
        return score_file(path, bankset).card
    except MshtError as exc:
        warn([f"last year's file {path} was not read ({' '.join(exc.lines())[:200]})"])
        return None


def register(app: typer.Typer) -> None:
    app.command("score")(score)
