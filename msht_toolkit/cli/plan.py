"""`msht plan FILE [-o PLAN.md] [--phases N]`: the prioritised Markdown action plan."""

from __future__ import annotations

from typing import Annotated

import typer

from msht_toolkit.cli.common import (
    AssessmentFile,
    BankPaths,
    handle_errors,
    load_scored,
    output_option,
)

OutFile = output_option("PLAN.md", "Write the Markdown to this file instead of printing it.")
Phases = Annotated[
    int | None,
    typer.Option(
        "--phases",
        metavar="N",
        help="Spread the actions over N phases across 12 months "
        "(3: months 0-3, 3-6, 6-12), by priority, critical failures first, "
        "keeping agreed due dates.",
        show_default=False,
    ),
]


@handle_errors
def plan(
    file: AssessmentFile, output: OutFile = None, phases: Phases = None, bank: BankPaths = None
) -> None:
    """Prioritised action plan in Markdown for the partnership board."""
    from msht_toolkit.cli.common import check_output_path, write_output
    from msht_toolkit.plan import build_plan, phase_bounds
    from msht_toolkit.render.disagreements_md import disagreement_hooks
    from msht_toolkit.render.plan_md import plan_markdown

    if phases is not None:
        phase_bounds(phases)  # a bad N is refused before any file is read
    if output is not None:
        check_output_path(output, [file])
    _assessment, _banks, _bankset, card = load_scored(file, bank)

    write_output(
        plan_markdown(build_plan(card, phases), **disagreement_hooks(card)), output, [file]
    )


def register(app: typer.Typer) -> None:
    app.command("plan")(plan)
