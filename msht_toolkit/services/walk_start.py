"""Preparing a walk: the one place that decides what a walk (or ``--answers``) starts from.

``open_assessment`` makes the choice both ``msht assess`` paths share: next year's
assessment from last year's (``--from``), the existing file resumed, or a new one; it
returns the assessment to edit and its scope. ``defaults_for`` gives last year's
answers as defaults, ``added_banks`` the banks ``--bank ID`` adds to a resumed file,
and ``walk_session`` the session the walk runs over: the banks walked, the agency,
last year's answers and tags, the figures, and the focus list.

No prompts and no printing here: what the user is asked in between (the profile, an
offer to move to newer bank versions, how to walk a carried year) is ``walk.opening``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from msht_toolkit.assessment.model import Assessment
    from msht_toolkit.banks.model import Bank
    from msht_toolkit.banks.registry import BankSet
    from msht_toolkit.services.files import CheckedAssessment
    from msht_toolkit.walk.carry import Defaults
    from msht_toolkit.walk.changes import UpgradeResult
    from msht_toolkit.walk.session import WalkSession

NEW, RESUME, CARRY = "new", "resume", "carry"

CARRIED_FOCUS = "what changed or was RED/AMBER last year"
UPGRADE_FOCUS = "the new or changed questions"


@dataclass
class Opened:
    """What a walk or a fill starts from.

    ``kind`` is NEW, RESUME or CARRY; ``assessment`` the one to edit and save (never
    the object a file was read into with its path: ``path`` is None); ``banks`` its
    scope in display order. With ``--from``: ``old`` is last year's file, checked, and
    ``left_out`` says which of its plan decisions could not be carried, or is None.
    """

    kind: str
    assessment: Assessment
    banks: list[Bank]
    old: CheckedAssessment | None = None
    left_out: str | None = None


def selected_banks(bankset: BankSet, ids: list[str]) -> list[Bank]:
    """The banks a new assessment is answered with: those named, else every newest bank."""
    return [bankset.get(i) for i in ids] if ids else bankset.newest()


def open_assessment(
    file: Path | None, from_: Path | None, ids: list[str], bankset: BankSet, *, exists: bool
) -> Opened:
    """CARRY with ``from_`` (``file`` must not exist; the caller refuses that in its own
    words), RESUME when ``file`` exists, else NEW with the ``ids`` banks (all by default).

    Raises ``AssessmentError`` when a file does not load or check against its banks.
    """
    from msht_toolkit.assessment.model import Assessment
    from msht_toolkit.services.files import load_checked

    if from_ is not None:
        from msht_toolkit.assessment.check import scope
        from msht_toolkit.walk.carry import carry_forward, plan_left_out, relative_name

        assert file is not None and not exists
        old = load_checked(from_, bankset)
        carried = carry_forward(
            old.assessment,
            bankset,
            carried_from=relative_name(from_, file),
            bank_ids=ids or None,
        )
        left_out = plan_left_out(old.assessment, carried, bankset)
        return Opened(CARRY, carried, scope(carried, bankset), old, left_out)
    if exists:
        assert file is not None
        checked = load_checked(file, bankset)
        checked.assessment.path = None
        return Opened(RESUME, checked.assessment, list(checked.banks))
    selected = selected_banks(bankset, ids)
    return Opened(NEW, Assessment(banks={b.id: b.version for b in selected}), selected)


def added_banks(opened: Opened, ids: list[str], bankset: BankSet) -> list[str]:
    """``--bank ID`` on a resumed file that names its banks: each bank it lacks is added
    (newest version) and the scope widened; returns the ids added."""
    from msht_toolkit.assessment.check import scope

    assessment = opened.assessment
    missing = [i for i in ids if i not in assessment.banks]
    if not missing or not assessment.banks:
        return []
    for bank_id in missing:
        assessment.banks[bank_id] = bankset.get(bank_id).version
    opened.banks = scope(assessment, bankset)
    return missing


def upgraded(opened: Opened, result: UpgradeResult, bankset: BankSet) -> None:
    """The resumed file moved to newer bank versions (``walk.changes.upgrade``)."""
    from msht_toolkit.assessment.check import scope

    opened.assessment = result.assessment
    opened.banks = scope(opened.assessment, bankset)


def defaults_for(opened: Opened, file: Path, bankset: BankSet) -> Defaults | None:
    """Last year's answers as this year's defaults: from the ``--from`` file, or, for a
    resumed file made with ``--from``, from the file its ``carried_from`` names; None
    when there is no last year. Raises ``MshtError`` or ``OSError`` when that file no
    longer reads."""
    from msht_toolkit.walk.carry import defaults_from, resolve_carried_from

    if opened.old is not None:
        old = opened.old
    elif opened.kind == RESUME and opened.assessment.carried_from:
        from msht_toolkit.services.files import load_checked

        old = load_checked(resolve_carried_from(opened.assessment.carried_from, file), bankset)
    else:
        return None
    return defaults_from(old.assessment, list(old.banks), opened.banks)


def walk_session(
    opened: Opened,
    ids: list[str],
    bankset: BankSet,
    agency: str | None,
    defaults: Defaults | None = None,
    upgrade: UpgradeResult | None = None,
) -> WalkSession:
    """The session the walk runs over: the ``ids`` banks of the scope (all by default),
    last year's answers and the upgrade's tags beside each question (the upgrade's win),
    and the focus list: the upgrade's new or changed questions, else, in a carried year,
    what changed or was RED/AMBER last year."""
    from msht_toolkit.walk.session import WalkSession

    walk_banks = [b for b in opened.banks if not ids or b.id in ids]
    tags = dict(upgrade.tags) if upgrade else {}
    previous = dict(upgrade.previous) if upgrade else {}
    if defaults is not None:
        tags = {**defaults.tags, **tags}
        previous = {**defaults.previous, **previous}
    session = WalkSession(
        opened.assessment,
        walk_banks,
        agency=agency,
        previous=previous,
        tags=tags,
        last_rag=defaults.last_rag if defaults else None,
        measures=bankset.measures.values(),  # the figures step: this year's figures
        last_figures=defaults.measures if defaults else None,  # context, never defaults
    )
    focus: list[str] = []
    if upgrade is not None and upgrade.focus:
        focus, session.focus_label = list(upgrade.focus), UPGRADE_FOCUS
    elif defaults is not None:
        focus, session.focus_label = defaults.weak_or_changed(walk_banks), CARRIED_FOCUS
    session.focus = [q for q in focus if session.index_of(q) is not None]
    return session
