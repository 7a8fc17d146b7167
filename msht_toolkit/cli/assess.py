"""`msht assess [FILE]`: the guided walk; `--answers` fills from a file; `--from` carries on.

Interactive: profile (new file), answering agency, then the menu of banks and sections
with progress (a new file; one Enter starts), one question at a time with autosave as
soon as each answer is chosen. Ctrl-C saves and prints the exact command to resume
(exit 130). Without a terminal, only `--answers` is possible.
"""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from msht_toolkit.cli import completion
from msht_toolkit.cli.common import handle_errors, load_banks
from msht_toolkit.cli.interactive import (
    has_terminal,
    ignore_stop_signals,
    say_if_possible,
    stop_signals,
)
from msht_toolkit.errors import Interrupted, UsageError

if TYPE_CHECKING:
    from msht_toolkit.banks.registry import BankSet
    from msht_toolkit.walk.ui import WalkUI


def split_bank_args(values: list[str] | None) -> tuple[list[str], list[Path]]:
    """--bank values: existing paths add user banks; anything else is a bank id."""
    ids: list[str] = []
    paths: list[Path] = []
    for value in values or []:
        path = Path(value).expanduser()
        if path.exists():
            paths.append(path)
        else:
            ids.append(value)
    return ids, paths


def resume_command(file: Path, bank_args: list[str] | None, plain: bool) -> str:
    parts = ["msht", "assess", shlex.quote(str(file))]
    for value in bank_args or []:
        parts += ["--bank", shlex.quote(value)]
    if plain:
        parts.append("--plain")
    return " ".join(parts)


FileArg = Annotated[
    Path | None,
    typer.Argument(
        metavar="FILE",
        help="The assessment file (*.msht.yaml): created if new, resumed if it exists.",
        show_default=False,
        autocompletion=completion.assessment_files,
    ),
]

AnswersOption = Annotated[
    Path | None,
    typer.Option(
        "--answers",
        metavar="ANSWERS.yaml",
        help="Fill FILE from this file without asking anything (for scripts and CI).",
        show_default=False,
        autocompletion=completion.yaml_files,
    ),
]

FromOption = Annotated[
    Path | None,
    typer.Option(
        "--from",
        metavar="OLD",
        help="Start a new FILE from last year's assessment OLD; its answers are defaults.",
        show_default=False,
        autocompletion=completion.assessment_files,
    ),
]

BankOption = Annotated[
    list[str] | None,
    typer.Option(
        "--bank",
        metavar="ID|PATH",
        help="Walk only this bank id (repeatable); a bank file or folder path adds that bank.",
        show_default=False,
        autocompletion=completion.bank_ids_or_files,
    ),
]

AgencyOption = Annotated[
    str | None,
    typer.Option(
        "--agency",
        metavar="NAME",
        help="The agency answering now (recorded in each answer's 'by').",
        show_default=False,
    ),
]

PlainOption = Annotated[
    bool,
    typer.Option(
        "--plain",
        help="Choices typed as the number or letter shown, no colour or cursor "
        "movement (automatic where TERM=dumb).",
    ),
]


@handle_errors
def assess(
    file: FileArg = None,
    answers: AnswersOption = None,
    from_: FromOption = None,
    bank: BankOption = None,
    agency: AgencyOption = None,
    plain: PlainOption = False,
) -> None:
    """Guided walk through the question banks, saving after every answer."""
    ids, paths = split_bank_args(bank)
    bankset = load_banks(paths)
    for bank_id in ids:
        bankset.get(bank_id)  # unknown id: NotFoundError naming the known ones
    if from_ is not None and file is None:
        raise UsageError("--from OLD needs the NEW file to create: msht assess NEW --from OLD")
    if from_ is not None and file is not None and file.exists():
        raise UsageError(
            f"{file} already exists; to carry on with it run: msht assess {shlex.quote(str(file))}"
        )
    if file is not None and not file.parent.exists():
        raise UsageError(f"{file}: folder {file.parent} does not exist")
    if file is not None:
        from msht_toolkit.assessment.ondisk import read_only_reason

        reason = read_only_reason(file)
        if reason:
            raise UsageError(f"{file}: {reason}")
    if answers is not None:
        fill(file, answers, from_, ids, bankset, agency)
        return
    if not has_terminal():
        raise UsageError(
            "msht assess asks questions and needs a terminal; "
            "to fill a file without one use: msht assess FILE --answers ANSWERS.yaml"
        )
    from msht_toolkit.cli.walk_ui import make_ui

    ui = make_ui(plain or os.environ.get("TERM") == "dumb")
    interactive(ui, file, from_, ids, bankset, agency, bank, plain)


# ---------------------------------------------------------------- --answers


def fill(
    file: Path | None,
    answers: Path,
    from_: Path | None,
    ids: list[str],
    bankset: BankSet,
    agency: str | None,
) -> None:
    """Non-interactive: create or load FILE, fill it from ANSWERS, save (nothing on error)."""
    from msht_toolkit.services.filling import fill_file
    from msht_toolkit.walk.prompts import count

    if file is None:
        raise UsageError(
            "--answers needs the FILE to fill: msht assess FILE --answers ANSWERS.yaml"
        )
    if answers.is_dir():
        raise UsageError(f"{answers}: is a folder, not an answers file")
    if not answers.exists():
        raise UsageError(f"{answers}: no such answers file")
    if not answers.is_file():
        raise UsageError(f"{answers}: is not a regular file (a pipe or device); name a file")
    filled = fill_file(
        file, answers, from_, ids, bankset, agency, note=lambda line: _note(f"msht: {line}")
    )
    _note(f"msht: wrote {file} ({count(filled.answered, 'answer')})")


def _note(line: str) -> None:
    sys.stderr.write(line + "\n")


# ---------------------------------------------------------------- the walk


def interactive(
    ui: WalkUI,
    file: Path | None,
    from_: Path | None,
    ids: list[str],
    bankset: BankSet,
    agency: str | None,
    bank_args: list[str] | None,
    plain_flag: bool,
) -> None:
    import datetime as dt

    from msht_toolkit.assessment.autosave import Saver
    from msht_toolkit.assessment.model import Assessment
    from msht_toolkit.services.walking import run_walk

    today = dt.date.today()
    saver = Saver(Assessment(), None)
    try:
        with stop_signals():
            try:
                if file is not None:
                    saver.claim(file)
                run_walk(ui, saver, file, from_, ids, bankset, agency, today)
            except (KeyboardInterrupt, EOFError):
                ignore_stop_signals()
                if saver.path is not None and saver.written:
                    saver.sync()
                    say_if_possible(
                        f"\nStopped. Every answer so far is saved in {saver.path}.\n"
                        f"To carry on, run: {resume_command(saver.path, bank_args, plain_flag)}\n"
                    )
                else:
                    say_if_possible(
                        "\nStopped before the profile was complete; nothing was written.\n"
                    )
                raise Interrupted(said=True) from None
        saver.wait()
    finally:
        saver.release()
    if saver.path is not None:
        sys.stdout.write(
            f"Saved {saver.path}. To carry on later, run: "
            f"{resume_command(saver.path, bank_args, plain_flag)}\n"
        )


def register(app: typer.Typer) -> None:
    app.command("assess")(assess)
