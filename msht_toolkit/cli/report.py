"""`msht report FILE [--full] [--format md|html|docx] [-o OUT]`: the board report."""

from __future__ import annotations

from typing import Annotated

import typer

from msht_toolkit.cli.common import (
    AssessmentFile,
    BankPaths,
    ForceFlag,
    handle_errors,
    load_scored,
    output_option,
)
from msht_toolkit.cli.formats import FormatOption

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
    from msht_toolkit.cli.common import check_output_path
    from msht_toolkit.cli.formats import choose_format, render, write_document
    from msht_toolkit.merge import disagreements
    from msht_toolkit.plan import build_plan
    from msht_toolkit.render.report_doc import report_document

    if output is not None:
        check_output_path(
            output, [file], force=force
        )  # first: never a word about formats for an input
    kind = choose_format(fmt, output)
    assessment, _banks, _bankset, card = load_scored(file, bank)
    found = disagreements(assessment, [b.bank for b in card.banks])
    doc = report_document(build_plan(card), full, found)
    write_document(render(doc, kind, assessment.assessed_on), output, [file], force=force)


def register(app: typer.Typer) -> None:
    app.command("report")(report)
