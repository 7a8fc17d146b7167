"""`msht report FILE [--full] [--format md|html|docx] [-o OUT]`: the board report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from msht_toolkit.cli.common import (
    AssessmentFile,
    BankPaths,
    ForceFlag,
    handle_errors,
    load_banks,
    output_option,
)
from msht_toolkit.cli.formats import FormatOption

if TYPE_CHECKING:
    from msht_toolkit.banks.registry import BankSet
    from msht_toolkit.scoring.scorer import ScoreCard

OutFile = output_option(
    "OUT", "Write the report to this file (.md, .html or .docx) instead of printing it."
)
Full = Annotated[
    bool,
    typer.Option(
        "--full", help="Add an annex with every section and question: answer, note, evidence."
    ),
]


@handle_errors
def report(
    file: AssessmentFile,
    full: Full = False,
    fmt: FormatOption = None,
    output: OutFile = None,
    bank: BankPaths = None,
    force: ForceFlag = False,
) -> None:
    """The board report: summary, chart, critical failures, priorities, decisions, sign-off."""
    from msht_toolkit.analysis.merge import disagreements
    from msht_toolkit.analysis.plan import build_plan
    from msht_toolkit.cli.common import check_output_path
    from msht_toolkit.cli.formats import choose_format, render, write_document
    from msht_toolkit.render.documents.board_report import report_document
    from msht_toolkit.services.files import score_file

    if output is not None:
        check_output_path(
            output, [file], force=force
        )  # first: never a word about formats for an input
    kind = choose_format(fmt, output)
    bankset = load_banks(bank)
    scored = score_file(file, bankset)
    assessment, card = scored.assessment, scored.card
    found = disagreements(assessment, [b.bank for b in card.banks])
    previous = last_year(file, assessment.carried_from, bankset)
    doc = report_document(build_plan(card), full, found, previous)
    write_document(render(doc, kind, assessment.assessed_on), output, [file], force=force)


def last_year(file: Path, carried_from: str | None, bankset: BankSet) -> ScoreCard | None:
    """Last year's assessment (``carried_from``, relative to ``file``), scored against
    its own bank versions; None, with a warning, when it is missing or cannot be read:
    the report is still made, without the comparison."""
    if not carried_from:
        return None
    from msht_toolkit.cli.common import warn
    from msht_toolkit.errors import MshtError
    from msht_toolkit.services.files import score_file

    path = Path(carried_from)
    if not path.is_absolute():
        path = file.parent / path
    if not path.is_file():
        warn([f"{path}: last year's file (carried_from) not found; no comparison shown"])
        return None
    try:
        previous = score_file(path, bankset).card
    except MshtError as exc:
        warn([f"{line}; no comparison with last year shown" for line in exc.lines()[:1]])
        return None
    return previous


def register(app: typer.Typer) -> None:
    app.command("report")(report)
