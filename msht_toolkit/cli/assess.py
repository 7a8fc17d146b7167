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
from msht_toolkit.errors import Interrupted, MshtError, UsageError

if TYPE_CHECKING:
    from msht_toolkit.assessment.autosave import Saver
    from msht_toolkit.assessment.model import Assessment
    from msht_toolkit.banks.model import Bank
    from msht_toolkit.banks.registry import BankSet
    from msht_toolkit.cli.walk_ui import WalkUI
    from msht_toolkit.walk.carry import Defaults


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


def say_sign_off(ui: WalkUI, assessment: Assessment) -> None:
    """On opening a signed-off file: who signed it, or that it changed since."""
    from msht_toolkit.assessment.signoff import sign_off_state
    from msht_toolkit.textsafe import safe_text

    state = sign_off_state(assessment)
    if state is None:
        return
    tail = " Any change made now will show as changed since sign-off." if state.current else ""
    ui.say(safe_text(state.sentence() + "." + tail))


def resume_command(file: Path, bank_args: list[str] | None, plain: bool) -> str:
    parts = ["msht", "assess", shlex.quote(str(file))]
    for value in bank_args or []:
        parts += ["--bank", shlex.quote(value)]
    if plain:
        parts.append("--plain")
    return " ".join(parts)


@handle_errors
def assess(
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="FILE",
            help="The assessment file (*.msht.yaml): created if new, resumed if it exists.",
            show_default=False,
            autocompletion=completion.assessment_files,
        ),
    ] = None,
    answers: Annotated[
        Path | None,
        typer.Option(
            "--answers",
            metavar="ANSWERS.yaml",
            help="Fill FILE from this file without asking anything (for scripts and CI).",
            show_default=False,
            autocompletion=completion.yaml_files,
        ),
    ] = None,
    from_: Annotated[
        Path | None,
        typer.Option(
            "--from",
            metavar="OLD",
            help="Start a new FILE from last year's assessment OLD; its answers are defaults.",
            show_default=False,
            autocompletion=completion.assessment_files,
        ),
    ] = None,
    bank: Annotated[
        list[str] | None,
        typer.Option(
            "--bank",
            metavar="ID|PATH",
            help="Walk only this bank id (repeatable); a bank file or folder path adds that bank.",
            show_default=False,
            autocompletion=completion.bank_ids_or_files,
        ),
    ] = None,
    agency: Annotated[
        str | None,
        typer.Option(
            "--agency",
            metavar="NAME",
            help="The agency answering now (recorded in each answer's 'by').",
            show_default=False,
        ),
    ] = None,
    plain: Annotated[
        bool,
        typer.Option(
            "--plain",
            help="Choices typed as the number or letter shown, no colour or cursor "
            "movement (automatic where TERM=dumb).",
        ),
    ] = False,
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

    today = dt.date.today()
    saver = Saver(Assessment(), None)
    try:
        with stop_signals():
            try:
                if file is not None:
                    saver.claim(file)
                _walk(ui, saver, file, from_, ids, bankset, agency, today)
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


def _walk(
    ui: WalkUI,
    saver: Saver,
    file: Path | None,
    from_: Path | None,
    ids: list[str],
    bankset: BankSet,
    agency: str | None,
    today: object,
) -> None:
    import datetime as dt

    from msht_toolkit.assessment.check import scope
    from msht_toolkit.assessment.model import Assessment
    from msht_toolkit.cli import walk_flow as flow
    from msht_toolkit.services.files import load_checked
    from msht_toolkit.walk import carry
    from msht_toolkit.walk.session import WalkSession

    assert isinstance(today, dt.date)
    defaults: Defaults | None = None
    start = flow.RESUME
    focus: list[str] = []
    focus_label = ""
    tags = {}
    previous = {}

    if from_ is not None:
        assert file is not None
        if saver.state is not None:  # made meanwhile by a walk that has since finished
            raise UsageError(f"{file} already exists; to carry on with it run: msht assess {file}")
        checked_old = load_checked(from_, bankset)
        old, old_banks = checked_old.assessment, list(checked_old.banks)
        assessment = carry.carry_forward(
            old, bankset, carried_from=carry.relative_name(from_, file), bank_ids=ids or None
        )
        ui.heading(f"Next year's assessment from {from_}")
        left_out = carry.plan_left_out(old, assessment, bankset)
        if left_out:
            ui.say(left_out)
        population = f"{assessment.population:,}" if assessment.population else "not given"
        ui.say(
            f"Partnership: {assessment.partnership}. Area: {assessment.area or 'not given'}. "
            f"Period: {assessment.period} (last year {old.period or 'not given'}). "
            f"Date: {assessment.assessed_on}. Population: {population}."
        )
        if not ui.confirm("Are these details right?", default=True):
            flow.ask_profile(ui, assessment, today)
        flow.confirm_participants(ui, assessment)
        saver.assessment = assessment
        saver()
        banks = scope(assessment, bankset)
        defaults = carry.defaults_from(old, old_banks, banks)
    elif file is not None and file.exists():
        checked = load_checked(file, bankset)
        assessment, banks = checked.assessment, list(checked.banks)
        assessment.path = None
        say_sign_off(ui, assessment)
        saver.assessment = assessment
        saver.written = True
        missing = [i for i in ids if i not in assessment.banks]
        if missing and assessment.banks:
            for bank_id in missing:
                assessment.banks[bank_id] = bankset.get(bank_id).version
                ui.say(f"Adding bank {bank_id} to this assessment.")
            banks = scope(assessment, bankset)
            saver()
        upgraded = offer_upgrade(ui, assessment, bankset, ids)
        if upgraded is not None:
            saver.assessment = assessment = upgraded.assessment
            saver()
            banks = scope(assessment, bankset)
            focus, tags, previous = upgraded.focus, upgraded.tags, upgraded.previous
            focus_label = "the new or changed questions"
            start = flow.FOCUS_WALK
        if assessment.carried_from:
            defaults = load_defaults(ui, assessment, file, bankset, banks)
    else:
        assessment = Assessment()
        ui.heading("New assessment")
        flow.ask_profile(ui, assessment, today)
        flow.ask_participants(ui, assessment)
        from msht_toolkit.services.walk_start import selected_banks

        selected = selected_banks(bankset, ids)
        assessment.banks = {b.id: b.version for b in selected}
        banks = selected
        if file is None:
            file = ask_file_name(ui, assessment, today)
            saver.claim(file)
        saver.assessment = assessment
        saver()
        ui.say(f"Saved the profile to {file}. Every answer is saved as soon as it is given.")
        start = flow.MENU  # the banks and sections with progress first; Enter starts

    if agency is None:
        agency = flow.ask_agency(ui, assessment, flow.last_agency(assessment))
    walk_banks = [b for b in banks if not ids or b.id in ids]
    if defaults is not None:
        tags = {**defaults.tags, **tags}
        previous = {**defaults.previous, **previous}
    session = WalkSession(
        assessment,
        walk_banks,
        agency=agency,
        previous=previous,
        tags=tags,
        last_rag=defaults.last_rag if defaults else None,
        measures=bankset.measures.values(),
        last_figures=defaults.measures if defaults else None,
    )
    if defaults is not None and not focus:
        focus = defaults.weak_or_changed(walk_banks)
        focus_label = "what changed or was RED/AMBER last year"
        if session.first_unanswered() is not None:
            start = choose_carried_mode(ui, session, focus)
    session.focus = [q for q in focus if session.index_of(q) is not None]
    session.focus_label = focus_label
    flow.Walker(ui, session, saver).run(start)


def ask_file_name(ui: WalkUI, assessment: Assessment, today: object) -> Path:
    import re

    slug = re.sub(r"[^a-z0-9]+", "-", assessment.partnership.lower()).strip("-")
    slug = slug.split("-anti-slavery")[0] or "assessment"
    year = (assessment.period or str(today))[:4]
    suggestion = f"{slug}-{year}.msht.yaml"

    def check(raw: str) -> str | None:
        path = Path(raw.strip()).expanduser()
        if not raw.strip():
            return "Please type a file name."
        if path.exists():
            return f"{path} already exists; choose another name."
        if not path.parent.exists():
            return f"The folder {path.parent} does not exist."
        return None

    raw = ui.text(
        "Which file should the assessment be saved in?", default=suggestion, validate=check
    )
    return Path(raw.strip()).expanduser()


def offer_upgrade(ui: WalkUI, assessment: Assessment, bankset: BankSet, ids: list[str]):
    """Older bank versions: say what is new or changed and offer to walk just those."""
    from msht_toolkit.walk.changes import outdated, upgrade

    found = [u for u in outdated(assessment, bankset) if not ids or u.new.id in ids]
    if not found:
        return None
    ui.heading("Newer question banks are available")
    for up in found:
        ui.say(
            f"{up.new.title}: this file was answered with version {up.old.version}; "
            f"the newest is {up.new.version}."
        )
        for kind, label in (("new", "New"), ("changed", "Changed"), ("replaced", "Replacing")):
            items = [c for c in up.changes.values() if c.kind == kind]
            if not items:
                continue
            if kind == "replaced":
                text = ", ".join(f"{c.qid} (replaces {', '.join(c.old_ids)})" for c in items)
            else:
                text = ", ".join(c.qid for c in items)
            ui.say(f"  {label} questions: {text}.")
        if up.answered_removed:
            ui.say(
                f"  Removed questions whose answers would be dropped: "
                f"{', '.join(up.answered_removed)}."
            )
    if not ui.confirm(
        "Move this file to the newest versions and walk just the new or changed questions?",
        default=True,
    ):
        ui.say("Keeping the versions this file was answered with.")
        return None
    return upgrade(assessment, found)


def load_defaults(
    ui: WalkUI, assessment: Assessment, file: Path, bankset: BankSet, banks: list[Bank]
) -> Defaults | None:
    """Last year's answers again, when resuming a file made with --from."""
    from msht_toolkit.services.files import load_checked
    from msht_toolkit.walk.carry import defaults_from, resolve_carried_from

    assert assessment.carried_from is not None
    old_path = resolve_carried_from(assessment.carried_from, file)
    try:
        checked = load_checked(old_path, bankset)
    except (MshtError, OSError) as exc:
        first = exc.lines()[0] if isinstance(exc, MshtError) else str(exc)
        ui.say(f"Last year's answers cannot be shown as defaults: {first}")
        return None
    return defaults_from(checked.assessment, list(checked.banks), banks)


def choose_carried_mode(ui: WalkUI, session: object, focus: list[str]) -> str:
    from msht_toolkit.cli import walk_flow as flow
    from msht_toolkit.walk.prompts import Pick, count
    from msht_toolkit.walk.session import WalkSession

    assert isinstance(session, WalkSession)
    in_walk = [q for q in focus if session.index_of(q) is not None]
    others = [
        s.qid
        for s in session.stops
        if s.qid not in set(in_walk)
        and s.qid in session.previous
        and session.previous[s.qid].answered
        and not session.answered(s.index)
    ]
    focus_title = (
        f"Only what changed or was RED/AMBER last year ({count(len(in_walk), 'question')})"
    )
    if len(others) == 1:
        focus_title += "; confirm the one other answer as it stands"
    elif others:
        focus_title += f"; confirm the other {len(others)} answers as they stand"
    picks = [
        Pick("all", "Every question, with last year's answers as defaults to confirm or change"),
        Pick("focus", focus_title),
        Pick("menu", "Show the menu first"),
    ]
    key = ui.choose("How do you want to walk this year's assessment?", picks, "all")
    if key == "menu":
        return flow.MENU
    if key == "all":
        return flow.RESUME
    if others and ui.confirm(
        (
            "Confirm last year's answer to the one other question"
            if len(others) == 1
            else f"Confirm last year's answers to the other {len(others)} questions"
        )
        + " (unchanged, and GREEN or not scored last year) as this year's?",
        default=True,
    ):
        done = session.accept_previous(others)
        session.changed()
        ui.say(f"Confirmed {count(len(done), 'answer')} from last year.")
    return flow.FOCUS_WALK


def register(app: typer.Typer) -> None:
    app.command("assess")(assess)
