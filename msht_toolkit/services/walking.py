"""``msht assess [FILE]``: the interactive walk, from opening the file to the last answer.

Opens the assessment (``walk_start``), asks what opening it needs (``walk.opening``,
``walk.profile``), saves through ``saver`` (``assessment.autosave``) after every change,
and runs the walk's flow (``walk.flow.Walker``) from the start state the file calls
for. Everything goes through a ``WalkUI``; Ctrl-C and end of input propagate to the
command, which saves and says how to resume.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from msht_toolkit.errors import MshtError, UsageError

if TYPE_CHECKING:
    from msht_toolkit.assessment.autosave import Saver
    from msht_toolkit.banks.registry import BankSet
    from msht_toolkit.services.walk_start import Opened
    from msht_toolkit.walk.carry import Defaults
    from msht_toolkit.walk.changes import UpgradeResult
    from msht_toolkit.walk.ui import WalkUI


def run_walk(
    ui: WalkUI,
    saver: Saver,
    file: Path | None,
    from_: Path | None,
    ids: list[str],
    bankset: BankSet,
    agency: str | None,
    today: dt.date,
) -> None:
    """The walk over ``file`` (a new one when None or missing; next year's from
    ``from_``), the ``ids`` banks only when given, answers recorded as ``agency``'s."""
    from msht_toolkit.assessment.profile import last_agency
    from msht_toolkit.services import walk_start as start
    from msht_toolkit.walk import flow, opening
    from msht_toolkit.walk.profile import ask_agency

    if from_ is not None and saver.state is not None:
        # made meanwhile by a walk that has since finished
        raise UsageError(f"{file} already exists; to carry on with it run: msht assess {file}")
    exists = from_ is None and file is not None and file.exists()
    opened = start.open_assessment(file, from_, ids, bankset, exists=exists)
    upgrade: UpgradeResult | None = None
    if opened.kind == start.CARRY:
        assert from_ is not None and opened.old is not None
        opening.confirm_carried(
            ui, opened.assessment, opened.old.assessment, from_, opened.left_out, today
        )
        saver.assessment = opened.assessment
        saver()
    elif opened.kind == start.RESUME:
        upgrade = _resume(ui, saver, opened, ids, bankset)
    else:
        file = _new(ui, saver, opened, file, today)
    assert file is not None
    defaults = _defaults(ui, opened, file, bankset)
    if agency is None:
        agency = ask_agency(ui, opened.assessment, last_agency(opened.assessment))
    session = start.walk_session(opened, ids, bankset, agency, defaults, upgrade)
    state = flow.MENU if opened.kind == start.NEW else flow.RESUME
    if upgrade is not None:
        state = flow.FOCUS_WALK
    if (
        defaults is not None
        and not (upgrade is not None and upgrade.focus)
        and session.first_unanswered() is not None
    ):
        state = opening.choose_carried_mode(ui, session, session.focus)
    flow.Walker(ui, session, saver).run(state)


def _resume(
    ui: WalkUI, saver: Saver, opened: Opened, ids: list[str], bankset: BankSet
) -> UpgradeResult | None:
    """An existing file: its sign-off said, banks named with --bank added, and the
    offer to move to newer bank versions; returns the upgrade when accepted."""
    from msht_toolkit.services import walk_start as start
    from msht_toolkit.walk.opening import offer_upgrade, say_sign_off

    say_sign_off(ui, opened.assessment)
    saver.assessment = opened.assessment
    saver.written = True
    added = start.added_banks(opened, ids, bankset)
    for bank_id in added:
        ui.say(f"Adding bank {bank_id} to this assessment.")
    if added:
        saver()
    upgrade = offer_upgrade(ui, opened.assessment, bankset, ids)
    if upgrade is not None:
        start.upgraded(opened, upgrade, bankset)
        saver.assessment = opened.assessment
        saver()
    return upgrade


def _new(ui: WalkUI, saver: Saver, opened: Opened, file: Path | None, today: dt.date) -> Path:
    """A new file: the profile and the people taking part, then (if not named) the
    file's name; saved, and so locked, before the first question."""
    from msht_toolkit.walk.opening import ask_file_name
    from msht_toolkit.walk.profile import ask_participants, ask_profile

    ui.heading("New assessment")
    ask_profile(ui, opened.assessment, today)
    ask_participants(ui, opened.assessment)
    if file is None:
        file = ask_file_name(ui, opened.assessment, today)
        saver.claim(file)
    saver.assessment = opened.assessment
    saver()
    ui.say(f"Saved the profile to {file}. Every answer is saved as soon as it is given.")
    return file


def _defaults(ui: WalkUI, opened: Opened, file: Path, bankset: BankSet) -> Defaults | None:
    """Last year's answers as defaults; a last year's file that no longer reads is said
    in one line and the walk goes on without them."""
    from msht_toolkit.services.walk_start import defaults_for

    try:
        return defaults_for(opened, file, bankset)
    except (MshtError, OSError) as exc:
        first = exc.lines()[0] if isinstance(exc, MshtError) else str(exc)
        ui.say(f"Last year's answers cannot be shown as defaults: {first}")
        return None
