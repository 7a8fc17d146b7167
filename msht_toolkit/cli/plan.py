"""`msht plan FILE [--top N | --all] [--phases N] [--json] [--format md|html|docx] [-o OUT]`:
the board's action plan."""

from __future__ import annotations

from typing import Annotated

import typer

from msht_toolkit.cli.common import (
    AssessmentFile,
    BankPaths,
    ForceFlag,
    JsonFlag,
    handle_errors,
    load_banks,
    output_option,
)
from msht_toolkit.cli.formats import format_option
from msht_toolkit.errors import UsageError

OutFile = output_option("OUT", "Write the plan to this file instead of printing it.")
Top = Annotated[
    int | None,
    typer.Option(
        "--top",
        metavar="N",
        help="How many ranked questions go under Priorities (default 15); "
        "the rest are listed one line each under Further actions.",
        show_default=False,
    ),
]
Format = format_option(
    "plan",
    "Markdown, one self-contained HTML page, or a Word file "
    "(default: from -o's suffix, else Markdown).",
)
All = Annotated[bool, typer.Option("--all", help="Put every ranked question under Priorities.")]
Phases = Annotated[
    int | None,
    typer.Option(
        "--phases",
        metavar="N",
        help="Spread the priorities over N phases across 12 months "
        "(3: months 0-3, 3-6, 6-12) in rank order, critical failures first, "
        "keeping agreed due dates.",
        show_default=False,
    ),
]


@handle_errors
def plan(
    file: AssessmentFile,
    top: Top = None,
    all_: All = False,
    phases: Phases = None,
    json: JsonFlag = False,
    fmt: Format = None,
    output: OutFile = None,
    bank: BankPaths = None,
    force: ForceFlag = False,
) -> None:
    """The board's action plan: ranked priorities, further actions, closed items."""
    from msht_toolkit.analysis.disagreements import disagreements
    from msht_toolkit.analysis.phases import phase_bounds
    from msht_toolkit.analysis.plan import DEFAULT_TOP, build_plan
    from msht_toolkit.cli.common import check_output_path
    from msht_toolkit.cli.formats import choose_format, write
    from msht_toolkit.render.documents.outputs import Pages
    from msht_toolkit.render.documents.plan import plan_document
    from msht_toolkit.render.markdown.disagreements import disagreement_flags
    from msht_toolkit.services.files import score_file

    if all_ and top is not None:
        raise UsageError("--top and --all cannot be used together")
    if top is not None and top < 1:
        raise UsageError(f"--top must be a whole number of at least 1, not {top}")
    if phases is not None:
        phase_bounds(phases)  # a bad N is refused before any file is read
    if json and fmt is not None:
        raise UsageError("--json and --format cannot be used together")
    if output is not None:
        check_output_path(
            output, [file], force=force
        )  # first: never a word about formats for an input
    kind = choose_format("plan", fmt, output, json)
    card = score_file(file, load_banks(bank)).card
    action_plan = build_plan(card, None if all_ else (top or DEFAULT_TOP), phases)
    found = disagreements(card.assessment, [b.bank for b in card.banks])
    doc = plan_document(action_plan, found, disagreement_flags(found))
    pages = Pages(doc, card.assessment.assessed_on, action_plan)
    write("plan", kind, pages, output, [file], force=force)


def register(app: typer.Typer) -> None:
    app.command("plan")(plan)
