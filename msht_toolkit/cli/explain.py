"""`msht explain FILE [ID]`: how the overall rating, a bank, a section or a question got its RAG."""

from __future__ import annotations

from typing import Annotated

import typer

from msht_toolkit.cli.common import (
    AssessmentFile,
    BankPaths,
    JsonFlag,
    handle_errors,
    load_banks,
)

Target = Annotated[
    str | None,
    typer.Argument(
        metavar="[ID]",
        help="A question id (ID-NRM-01), a bank id (identification) or bank/section "
        "(identification/nrm); omitted: the overall rating.",
        show_default=False,
    ),
]


@handle_errors
def explain(
    file: AssessmentFile, target: Target = None, bank: BankPaths = None, json: JsonFlag = False
) -> None:
    """Show each weighted term, what was left out and why, caps and thresholds."""
    from msht_toolkit.analysis.explain import explain as explain_card
    from msht_toolkit.cli.formats import choose_format, write
    from msht_toolkit.render.documents.outputs import ExplainView
    from msht_toolkit.services.files import score_file

    fmt = choose_format("explain", None, None, json)
    scored = score_file(file, load_banks(bank))
    assessment, card = scored.assessment, scored.card
    write("explain", fmt, ExplainView(assessment, explain_card(card, target)), None)


def register(app: typer.Typer) -> None:
    app.command("explain")(explain)
