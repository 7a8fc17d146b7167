"""The screens before the first question: what opening a walk asks and says.

Each works through the ``WalkUI`` protocol only: last year's details to confirm
(``--from``), the sign-off of a resumed file, an offer to move to newer bank versions,
the name of a new file, and how to walk a carried year. Deciding what the walk opens
is ``services.walk_start``; these only ask.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from msht_toolkit.walk.ui import WalkUI

if TYPE_CHECKING:
    from msht_toolkit.assessment.model import Assessment
    from msht_toolkit.banks.registry import BankSet
    from msht_toolkit.walk.changes import UpgradeResult
    from msht_toolkit.walk.session import WalkSession


def say_sign_off(ui: WalkUI, assessment: Assessment) -> None:
    """On opening a signed-off file: who signed it, or that it changed since."""
    from msht_toolkit.assessment.signoff import sign_off_state
    from msht_toolkit.textsafe import safe_text

    state = sign_off_state(assessment)
    if state is None:
        return
    tail = " Any change made now will show as changed since sign-off." if state.current else ""
    ui.say(safe_text(state.sentence() + "." + tail))


def confirm_carried(
    ui: WalkUI,
    assessment: Assessment,
    old: Assessment,
    from_: Path,
    left_out: str | None,
    today: dt.date,
) -> None:
    """Next year's details, carried from last year's file, confirmed or asked afresh;
    then last year's people, each confirmed, and anyone new."""
    from msht_toolkit.walk.profile import ask_profile, confirm_participants

    ui.heading(f"Next year's assessment from {from_}")
    if left_out:
        ui.say(left_out)
    population = f"{assessment.population:,}" if assessment.population else "not given"
    ui.say(
        f"Partnership: {assessment.partnership}. Area: {assessment.area or 'not given'}. "
        f"Period: {assessment.period} (last year {old.period or 'not given'}). "
        f"Date: {assessment.assessed_on}. Population: {population}."
    )
    if not ui.confirm("Are these details right?", default=True):
        ask_profile(ui, assessment, today)
    confirm_participants(ui, assessment)


def ask_file_name(ui: WalkUI, assessment: Assessment, today: dt.date) -> Path:
    """The file a new assessment is saved in: a name from the partnership and year offered."""
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


def offer_upgrade(
    ui: WalkUI, assessment: Assessment, bankset: BankSet, ids: list[str]
) -> UpgradeResult | None:
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


def choose_carried_mode(ui: WalkUI, session: WalkSession, focus: list[str]) -> str:
    """How to walk a carried year: every question, only what changed or was weak last
    year (confirming the rest as they stand, if the user agrees), or the menu first.
    Returns the walker's start state."""
    from msht_toolkit.walk import flow
    from msht_toolkit.walk.carry import confirmable
    from msht_toolkit.walk.prompts import Pick, count

    in_walk = session.asked(focus)
    others = confirmable(session, in_walk)
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
