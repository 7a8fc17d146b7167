"""`msht report FILE [-o REPORT.md]`: the full Markdown report for the partnership board."""

from __future__ import annotations

import typer

from msht_toolkit.cli.common import (
    AssessmentFile,
    BankPaths,
    handle_errors,
    load_scored,
    output_option,
)

OutFile = output_option("REPORT.md", "Write the Markdown to this file instead of printing it.")


@handle_errors
def report(file: AssessmentFile, output: OutFile = None, bank: BankPaths = None) -> None:
    """Full report: summary, ratings, targets, action plan, evidence gaps, every answer."""
    from msht_toolkit.cli.common import check_output_path, write_output
    from msht_toolkit.plan import build_plan
    from msht_toolkit.render.disagreements_md import disagreement_hooks
    from msht_toolkit.render.report_md import report_markdown

    if output is not None:
        check_output_path(output, [file])
    _assessment, _banks, _bankset, card = load_scored(file, bank)

    write_output(report_markdown(build_plan(card), **disagreement_hooks(card)), output, [file])


def register(app: typer.Typer) -> None:
    app.command("report")(report)
