"""`msht merge FILE... -o OUT [--rule lowest|median|highest] [--force]`.

Consolidates agencies' separate answers into one partnership file; the rules are in
``msht_toolkit.analysis.merge``. Nothing is written unless every input loads and the merge is
allowed; the output is written atomically, readable by its owner only.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from msht_toolkit.cli import completion
from msht_toolkit.cli.common import BankPaths, handle_errors, load_banks, warn
from msht_toolkit.errors import UsageError

if TYPE_CHECKING:
    from msht_toolkit.analysis.merge import MergeResult


def same_file(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return a.samefile(b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


@handle_errors
def merge(
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...",
            help="Agencies' assessment files (*.msht.yaml) for one partnership and period.",
            show_default=False,
            autocompletion=completion.assessment_files,
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option("-o", "--output", metavar="OUT", help="The merged file to write (required)."),
    ] = None,
    rule: Annotated[
        str,
        typer.Option(
            "--rule",
            metavar="lowest|median|highest",
            help="How to set the consolidated value from the agencies' answers.",
        ),
    ] = "lowest",
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Merge files for different partnerships, periods or bank versions, "
            "or with conflicting plan/targets (the first file wins; warnings say so); "
            "and let -o replace a file msht did not write (never an assessment).",
        ),
    ] = False,
    bank: BankPaths = None,
) -> None:
    """Merge agencies' answers: keep every answer, consolidate by --rule (default lowest)."""
    from msht_toolkit.analysis.consolidate import check_rule
    from msht_toolkit.analysis.merge import merge as merge_sources
    from msht_toolkit.assessment.lock import writer_lock
    from msht_toolkit.cli.outputs import MERGED, check_output
    from msht_toolkit.services.merging import load_sources, write_merged

    check_rule(rule, "--rule")
    out = _check_paths(files, out)
    # the lock first, so a file another process is writing says who has it; then what
    # -o may replace (an earlier merge, unchanged since), before any input is read
    with writer_lock(out, "msht merge -o"):
        check_output(out, files, force=force, family=MERGED)
        bankset = load_banks(bank)
        sources = load_sources(files, bankset)
        result = merge_sources(sources, rule=rule, force=force)
        warn(result.warnings)
        write_merged(result, out)
    _say_merged(result, len(sources), rule, out)


def _check_paths(files: list[Path], out: Path | None) -> Path:
    """The output named, not one of the inputs nor stdout, in a folder that exists;
    no input named twice."""
    from msht_toolkit.cli.outputs import is_stdout

    if out is None:
        raise UsageError("merge needs an output file: -o PARTNERSHIP.msht.yaml")
    for i, path in enumerate(files):
        if same_file(path, out):
            raise UsageError(f"{out}: the output must not be one of the input files")
        if any(same_file(path, other) for other in files[:i]):
            raise UsageError(f"{path}: named twice")
    if is_stdout(out):
        raise UsageError("merge writes an assessment file: name it with -o PARTNERSHIP.msht.yaml")
    if out.is_dir():
        raise UsageError(f"{out}: is a folder; name the merged file to write")
    if not out.parent.is_dir():
        raise UsageError(f"{out}: folder {out.parent} does not exist")
    return out


def _say_merged(result: MergeResult, files: int, rule: str, out: Path) -> None:
    """What was merged, on stderr, and the questions the partners differ on."""
    from msht_toolkit.analysis.disagreements import disagreements

    flagged = disagreements(result.assessment, result.banks)
    answered = len(result.assessment.answers)
    sys.stderr.write(
        f"msht: merged {files} file{'s' if files != 1 else ''} by the {rule} rule: "
        f"{answered} question{'s' if answered != 1 else ''}, {result.responses} response"
        f"{'s' if result.responses != 1 else ''}, {len(flagged)} disagreement"
        f"{'s' if len(flagged) != 1 else ''}; wrote {out}\n"
    )
    if flagged:
        sys.stderr.write(
            f"msht: partners differ by two or more levels on: {', '.join(flagged)} "
            "(see msht score, plan or report)\n"
        )


def register(app: typer.Typer) -> None:
    app.command("merge")(merge)
