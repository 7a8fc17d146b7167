"""`msht review FILE`: marked, don't-know and unanswered questions, grouped by bank."""

from __future__ import annotations

import typer

from msht_toolkit.cli.common import (
    AssessmentFile,
    BankPaths,
    JsonFlag,
    handle_errors,
    load_banks,
)


@handle_errors
def review(
    file: AssessmentFile,
    bank: BankPaths = None,
    json: JsonFlag = False,
) -> None:
    """List what to look at before finishing: marked for review, don't know, not answered."""
    from msht_toolkit.analysis.review import review_items
    from msht_toolkit.cli.assess import resume_command
    from msht_toolkit.cli.formats import choose_format, write
    from msht_toolkit.render.documents.outputs import ReviewView
    from msht_toolkit.services.files import load_checked

    fmt = choose_format("review", None, None, json)
    checked = load_checked(file, load_banks(bank))
    assessment = checked.assessment
    resume = resume_command(file, [str(p) for p in bank or []], plain=False)
    groups = review_items(assessment, list(checked.banks))
    write("review", fmt, ReviewView(assessment, groups, resume), None)


def register(app: typer.Typer) -> None:
    app.command("review")(review)
