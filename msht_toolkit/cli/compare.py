"""`msht compare DIR [--json] [--period P] [--skip-bad] [--partnership NAME]
[--format text|html] [-o OUT]`: partnerships side by side.

Reads every ``*.msht.yaml`` directly in DIR, scores each against its own bank versions
with one shared bank set, and shows each partnership's overall and per-bank score, RAG
and quartile, with the distribution per bank. The rules and the ``msht-compare/1`` JSON
shape are in ``msht_toolkit.analysis.compare``.

Unreadable files: one line each on stderr naming the file and its (first) problem, and
exit 2 with nothing else printed; with ``--skip-bad`` they are left out (still named on
stderr, and listed under ``skipped`` in the JSON) and the comparison goes on.

``--format html`` (or ``-o OUT.html``) makes one page with a strip per bank: every
partnership a dot numbered as in its table. ``--partnership NAME`` marks one of them (in
the page: a black dot with its score and quartile beside each strip; in the terminal: a
``▶`` before its row); NAME is the partnership's name or area (any case) or its file
name, and must match exactly one file of the period compared.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from msht_toolkit.cli.common import (
    BankPaths,
    ForceFlag,
    JsonFlag,
    handle_errors,
    load_banks,
    output_option,
    say_error,
    warn,
)
from msht_toolkit.cli.formats import format_option
from msht_toolkit.errors import UsageError

if TYPE_CHECKING:
    from msht_toolkit.analysis.compare import Comparison, Entry, Skipped

Format = format_option(
    "compare",
    "text (the terminal tables) or html (one self-contained page with a strip chart per "
    "bank); default: from -o's suffix (.txt, .html), else the terminal tables.",
)
OutFile = output_option("OUT", "Write to this file (.txt or .html) instead of printing.")


def _names(entry: Entry) -> set[str]:
    """What a --partnership NAME may say for ``entry``: its name, area, file (and stem)."""
    from msht_toolkit.assessment.model import fold

    file = fold(entry.file)
    found = {fold(entry.partnership), file, file.removesuffix(".msht.yaml")}
    if entry.area:
        found.add(fold(entry.area))
    found.discard("")
    return found


def find_partnership(comparison: Comparison, name: str) -> int:
    """The 1-based index in ``comparison.entries`` of the one entry ``name`` names."""
    from msht_toolkit.assessment.model import fold

    want = fold(name)
    if not want:
        raise UsageError("--partnership needs a name")
    hits = [i for i, e in enumerate(comparison.entries, 1) if want in _names(e)]
    if not hits:
        period = comparison.period or "(no period)"
        raise UsageError(
            f"--partnership {name!r}: no partnership, area or file of that name among the "
            f"{len(comparison.entries)} compared for {period}"
        )
    if len(hits) > 1:
        files = ", ".join(comparison.entries[i - 1].file for i in hits)
        raise UsageError(
            f"--partnership {name!r} names {len(hits)} files ({files}); give a file name"
        )
    return hits[0]


@handle_errors
def compare(
    folder: Annotated[
        Path,
        typer.Argument(
            metavar="DIR", help="A folder of partnerships' assessment files (*.msht.yaml)."
        ),
    ],
    json: JsonFlag = False,
    period: Annotated[
        str | None,
        typer.Option(
            "--period", metavar="P", help="Compare this period (default: the most common one)."
        ),
    ] = None,
    skip_bad: Annotated[
        bool,
        typer.Option("--skip-bad", help="Leave out unreadable files instead of stopping."),
    ] = False,
    partnership: Annotated[
        str | None,
        typer.Option(
            "--partnership",
            metavar="NAME",
            help="Mark this partnership (its name, area or file name) in the page and table.",
            show_default=False,
        ),
    ] = None,
    format: Format = None,
    output: OutFile = None,
    bank: BankPaths = None,
    force: ForceFlag = False,
) -> None:
    """Many partnerships' assessments for one period: scores, RAG, quartiles, distribution."""
    from msht_toolkit.analysis.compare import compare as build
    from msht_toolkit.cli.common import check_output_path
    from msht_toolkit.cli.formats import choose_format, write
    from msht_toolkit.render.documents.outputs import CompareView
    from msht_toolkit.services.compare_files import find_files, load_entries

    fmt = choose_format("compare", format, output, json)
    if partnership is not None and fmt.name == "json":
        raise UsageError(
            "--partnership marks a partnership in the tables and the page; not with --json"
        )
    files = find_files(folder)
    if output is not None:
        check_output_path(output, files, force=force)
    bankset = load_banks(bank)
    entries, skipped = load_entries(files, bankset)
    _say_skipped(skipped, skip_bad)
    comparison = build(entries, period, skipped, bank_order=bankset.ids())
    marked = find_partnership(comparison, partnership) if partnership is not None else None
    warn(comparison.warnings)
    write("compare", fmt, CompareView(comparison, marked), output, files, force=force)


def _say_skipped(skipped: list[Skipped], skip_bad: bool) -> None:
    """Each unreadable file in one line; without --skip-bad, a refusal to go on."""
    for item in skipped:
        say_error(str(item.problem))
    if skipped and not skip_bad:
        count = len(skipped)
        raise UsageError(
            f"{count} file{'s' if count != 1 else ''} could not be read; fix "
            f"{'them' if count != 1 else 'it'} or add --skip-bad to leave "
            f"{'them' if count != 1 else 'it'} out"
        )


def register(app: typer.Typer) -> None:
    app.command("compare")(compare)
