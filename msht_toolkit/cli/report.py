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
from msht_toolkit.cli.formats import format_option

if TYPE_CHECKING:
    from msht_toolkit.banks.registry import BankSet
    from msht_toolkit.scoring.scorer import ScoreCard

OutFile = output_option(
    "OUT", "Write the report to this file (.md, .html or .docx) instead of printing it."
)
Format = format_option(
    "report",
    "Markdown, one self-contained HTML page, or a Word file "
    "(default: from -o's suffix, else Markdown).",
)
From = Annotated[
    list[Path] | None,
    typer.Option(
        "--from",
        metavar="EARLIER",
        help=(
            "An earlier year's assessment of the same partnership, for last year's figures, "
            "the change since and a chart of each measure over the years; give it once per "
            "year (any order). Without it the report follows carried_from (set by msht "
            "assess --from) back from year to year, as far as the files are there."
        ),
    ),
]
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
    fmt: Format = None,
    output: OutFile = None,
    earlier: From = None,
    bank: BankPaths = None,
    force: ForceFlag = False,
) -> None:
    """The board report: summary, charts, performance figures, critical failures,
    priorities, decisions, sign-off.

    Last year is the file this one was carried from (carried_from, set by msht assess
    --from), or the latest --from file; the performance figures show it beside this year,
    with the change, the rates per 100,000 and every flag where a bank's rating and its
    outcome disagree, and a chart of each measure over every year known."""
    from msht_toolkit.analysis.disagreements import disagreements
    from msht_toolkit.analysis.plan import build_plan
    from msht_toolkit.cli.common import check_output_path
    from msht_toolkit.cli.formats import choose_format, write
    from msht_toolkit.render.documents.board_report import report_document
    from msht_toolkit.render.documents.outputs import Pages
    from msht_toolkit.services.files import score_file

    if output is not None:
        check_output_path(
            output, [file, *(earlier or [])], force=force
        )  # first: never a word about formats for an input
    kind = choose_format("report", fmt, output)
    bankset = load_banks(bank)
    scored = score_file(file, bankset)
    assessment, card = scored.assessment, scored.card
    found = disagreements(assessment, [b.bank for b in card.banks])
    if earlier:
        years = given_years(file, card, earlier, bankset)
    else:
        years = carried_years(file, card, bankset)
    doc = report_document(build_plan(card), full, found, earlier=years)
    pages = Pages(doc, assessment.assessed_on)
    write("report", kind, pages, output, [file, *(earlier or [])], force=force)


MAX_YEARS = 20  # how far back carried_from is followed


def given_years(
    file: Path, card: ScoreCard, paths: list[Path], bankset: BankSet
) -> list[ScoreCard]:
    """The --from files, scored and sorted by period; each must be before ``file``'s."""
    from msht_toolkit.analysis.trend import period_key
    from msht_toolkit.errors import UsageError
    from msht_toolkit.services.files import score_files

    cards = score_files(paths, bankset)
    for path, old in zip(paths, cards, strict=True):
        if period_key(old) >= period_key(card):
            raise UsageError(
                f"{path}: period {old.assessment.period or '(none)'} is not before "
                f"{file}'s {card.assessment.period or '(none)'}; --from takes earlier years"
            )
    return sorted(cards, key=period_key)


def carried_years(file: Path, card: ScoreCard, bankset: BankSet) -> list[ScoreCard]:
    """The chain of carried_from back from ``file``, oldest first: each link scored
    against its own bank versions; it stops at a file that is missing or unreadable
    (with a warning), already seen, or (beyond last year) not earlier than the year
    after it."""
    from msht_toolkit.analysis.trend import period_key

    years: list[ScoreCard] = []
    seen = {file.resolve()}
    here, current = file, card
    while len(years) < MAX_YEARS:
        found = last_year(here, current.assessment.carried_from, bankset, first=not years)
        if found is None:
            break
        path, older = found
        if path.resolve() in seen or (years and period_key(older) >= period_key(current)):
            break
        seen.add(path.resolve())
        years.insert(0, older)
        here, current = path, older
    return years


def last_year(
    file: Path, carried_from: str | None, bankset: BankSet, first: bool = True
) -> tuple[Path, ScoreCard] | None:
    """The year before ``file`` (its ``carried_from``, relative to it), scored against
    its own bank versions; None, with a warning, when it is missing or cannot be read:
    the report is still made, without it (``first``: the year before the report's own
    file, so no comparison at all; else only the years before it are left out)."""
    if not carried_from:
        return None
    from msht_toolkit.cli.common import warn
    from msht_toolkit.errors import MshtError
    from msht_toolkit.services.files import score_file

    path = Path(carried_from)
    if not path.is_absolute():
        path = file.parent / path
    missed = "no comparison shown" if first else "earlier years left out"
    if not path.is_file():
        warn([f"{path}: last year's file (carried_from) not found; {missed}"])
        return None
    try:
        previous = score_file(path, bankset).card
    except MshtError as exc:
        shown = "no comparison with last year shown" if first else missed
        warn([f"{line}; {shown}" for line in exc.lines()[:1]])
        return None
    return path, previous


def register(app: typer.Typer) -> None:
    app.command("report")(report)
