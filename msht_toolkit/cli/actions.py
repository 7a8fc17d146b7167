"""`msht actions FILE [--plain]`: record the partnership's decision on each recommendation.

Walks the ranked plan (as ``msht plan`` ranks it) one recommendation at a time: agree (owner and
due date), change the owner, defer or drop with a reason, skip, back, quit. Every
decision is saved to the file's ``plan:`` block before the next recommendation is
shown, with the walk's guarantees: atomic writes, the one-writer lock, a file changed
by anything else is never overwritten, Ctrl-C saves and exits 130.
"""

from __future__ import annotations

import os
import shlex
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from msht_toolkit.cli.common import AssessmentFile, BankPaths, handle_errors
from msht_toolkit.errors import Interrupted, UsageError

if TYPE_CHECKING:
    from msht_toolkit.banks.registry import BankSet
    from msht_toolkit.walk.ui import WalkUI

Plain = Annotated[
    bool,
    typer.Option(
        "--plain",
        help="Choices typed as the letter shown, no colour or cursor movement "
        "(automatic where TERM=dumb).",
    ),
]


def resume_command(file: Path, plain: bool) -> str:
    return "msht actions " + shlex.quote(str(file)) + (" --plain" if plain else "")


@handle_errors
def actions(file: AssessmentFile, plain: Plain = False, bank: BankPaths = None) -> None:
    """Walk the ranked recommendations and record the partnership's decision on each."""
    from msht_toolkit.assessment.ondisk import read_only_reason
    from msht_toolkit.cli.common import load_banks
    from msht_toolkit.cli.interactive import has_terminal

    if not file.is_file():
        raise UsageError(f"{file}: no such assessment file")
    reason = read_only_reason(file)
    if reason:
        raise UsageError(f"{file}: {reason}")
    if not has_terminal():
        raise UsageError(
            "msht actions asks questions and needs a terminal; "
            "the plan: block of the file can also be edited by hand"
        )
    bankset = load_banks(bank)
    from msht_toolkit.cli.walk_ui import make_ui

    plain_flag = plain or os.environ.get("TERM") == "dumb"
    run_actions(make_ui(plain_flag), file, bankset, plain_flag)


def run_actions(ui: WalkUI, file: Path, bankset: BankSet, plain: bool) -> None:
    """The walk, under the lock, with Ctrl-C (and SIGTERM, SIGHUP) saving and exiting 130."""
    from msht_toolkit.assessment.autosave import Saver
    from msht_toolkit.assessment.model import Assessment
    from msht_toolkit.cli.interactive import ignore_stop_signals, say_if_possible, stop_signals
    from msht_toolkit.services.actions import DecisionsRun
    from msht_toolkit.walk.actions import QUITTED

    saver = Saver(Assessment(), None)
    run = DecisionsRun(ui, saver)
    try:
        with stop_signals():
            try:
                run.open(file, bankset)
                outcome = run.run()
                if outcome is None:
                    return
            except (KeyboardInterrupt, EOFError):
                ignore_stop_signals()
                if saver.path is not None and saver.written and run.walk is not None:
                    saver.sync()
                    say_if_possible(
                        f"\nStopped. Every decision so far is saved in {saver.path}.\n"
                        f"To carry on, run: {resume_command(file, plain)}\n"
                    )
                else:
                    say_if_possible("\nStopped; nothing was changed.\n")
                raise Interrupted(said=True) from None
        saver.wait()
    finally:
        saver.release()
    say_if_possible(
        f"{run.summary()} Saved in {file}."
        + (f" To carry on, run: {resume_command(file, plain)}\n" if outcome == QUITTED else "\n")
    )


def register(app: typer.Typer) -> None:
    app.command("actions")(actions)
