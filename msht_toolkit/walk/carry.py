"""Next year's assessment from last year's (``msht assess NEW --from OLD``).

The new file gets last year's profile (period moved on one year, date today, the
population), the participants for confirmation, ``carried_from``, the newest bank
versions, the targets and the plan decisions not yet done or dropped. Last
year's answers are *offered* as defaults, never copied as answered: nothing counts as
answered this year until someone confirms it. Last year's performance figures are never
this year's: they are kept in ``Defaults.measures`` as context for the walk.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from msht_toolkit.assessment.model import Answer, Assessment, MeasureValue, PlanEntry
from msht_toolkit.assessment.values import ValueProblem, normalize
from msht_toolkit.banks.model import Bank
from msht_toolkit.banks.registry import BankSet
from msht_toolkit.scoring.scorer import AMBER, RED, score_assessment
from msht_toolkit.walk.changes import QuestionChange, bank_changes, predecessors

if TYPE_CHECKING:
    from msht_toolkit.walk.session import WalkSession

_PERIOD = re.compile(r"^(?P<a>\d{4})(?:(?P<sep>\s*[/\-–]\s*)(?P<b>\d{2}|\d{4}))?$")


def next_period(period: str | None) -> str | None:
    """The reporting year after ``period``: 2025/26 -> 2026/27, 2025 -> 2026.

    Forms kept: ``YYYY``, ``YYYY/YY``, ``YYYY/YYYY`` (and ``-`` as separator). Anything
    else is returned unchanged, for the user to correct.
    """
    if period is None:
        return None
    match = _PERIOD.match(period.strip())
    if match is None:
        return period
    first = int(match["a"]) + 1
    if match["b"] is None:
        return str(first)
    second = int(match["b"])
    if len(match["b"]) == 2:
        return f"{first}{match['sep']}{(second + 1) % 100:02d}"
    return f"{first}{match['sep']}{second + 1}"


def relative_name(old_path: Path, new_path: Path) -> str:
    """How ``carried_from`` names the old file: relative to the new file's folder."""
    old = old_path.resolve()
    folder = new_path.resolve().parent
    try:
        return os.path.relpath(old, folder)
    except ValueError:  # another drive, on Windows
        return str(old)


def resolve_carried_from(carried_from: str, new_path: Path) -> Path:
    path = Path(carried_from).expanduser()
    return path if path.is_absolute() else new_path.resolve().parent / path


@dataclass
class Defaults:
    """What last year offers this year's walk."""

    previous: dict[str, Answer] = field(default_factory=dict)  # new qid -> last year's answer
    tags: dict[str, QuestionChange] = field(default_factory=dict)  # new / changed questions
    last_rag: dict[str, str] = field(default_factory=dict)  # new qid -> last year's RAG
    # last year's performance figures, measure id -> figure: context, never this year's
    measures: dict[str, MeasureValue] = field(default_factory=dict)

    def weak_or_changed(self, banks: list[Bank]) -> list[str]:
        """Questions to walk in 'only what changed or was RED/AMBER last year', in order.

        That is: new or changed questions, questions RED or AMBER last year (a don't-know
        is RED), and questions with no usable answer last year (nothing to confirm).
        """
        out = []
        for bank in banks:
            for question in bank.questions():
                old = self.previous.get(question.id)
                if (
                    question.id in self.tags
                    or self.last_rag.get(question.id) in (RED, AMBER)
                    or old is None
                    or not old.answered
                ):
                    out.append(question.id)
        return out


def defaults_from(old: Assessment, old_banks: list[Bank], new_banks: list[Bank]) -> Defaults:
    """Map last year's answers (scored against its own bank versions) onto this year's."""
    card = score_assessment(old, old_banks)
    rag_of = {q.id: q.rag for q in card.questions()}
    by_id = {b.id: b for b in old_banks}
    out = Defaults(
        measures=copy.deepcopy(old.measures),
    )
    for bank in new_banks:
        before = by_id.get(bank.id)
        if before is None:
            for question in bank.questions():
                out.tags[question.id] = QuestionChange(question.id, "new")
            continue
        if before.version != bank.version:
            out.tags.update(bank_changes(before, bank))
        links = predecessors(before, bank)
        for question in bank.questions():
            source = links.get(question.id)
            if source is None or source not in old.answers:
                continue
            answer = copy.deepcopy(old.answers[source])
            answer.responses = []
            answer.review = False
            answer.review_reason = None
            try:
                answer.value = normalize(question, answer.value)
            except ValueProblem:
                answer.value = None
            out.previous[question.id] = answer
            if source in rag_of:
                out.last_rag[question.id] = rag_of[source]
    return out


def carry_forward(
    old: Assessment,
    bankset: BankSet,
    *,
    carried_from: str,
    today: dt.date | None = None,
    bank_ids: list[str] | None = None,
) -> Assessment:
    """A new assessment for the year after ``old``: profile, participants, banks; no answers.

    ``bank_ids`` (optional) limits the banks; otherwise the banks ``old`` was answered
    with (all current banks if it names none), each at its newest version.
    """
    today = today or dt.date.today()
    ids = bank_ids or list(old.banks) or bankset.ids()
    # the partnership's decisions still open carry on; done, deferred or dropped ones
    # stay behind (a deferred step is weighed afresh next year)
    new_banks = [bankset.get(bank_id) for bank_id in ids]
    banks = {bank.id: bank.version for bank in new_banks}
    plan, _ = carry_plan(old, new_banks)
    return Assessment(
        partnership=old.partnership,
        area=old.area,
        period=next_period(old.period),
        population=old.population,
        assessed_on=today.isoformat(),
        banks=banks,
        participants=copy.deepcopy(old.participants),
        answers={},
        plan=plan,
        targets=copy.deepcopy(old.targets),
        carried_from=carried_from,
    )


def carry_plan(old: Assessment, new_banks: list[Bank]) -> tuple[dict[str, PlanEntry], list[str]]:
    """The decisions that carry on into next year's file, and those left out.

    Open decisions (not done, deferred or dropped) carry on where their question is still in the
    new bank versions. A decision on a question the new versions removed (or replaced:
    the new question has its own actions, to be decided afresh) is left out, and named in
    the second list so the command can say so.
    """
    qids = {q.id for bank in new_banks for q in bank.questions()}
    plan: dict[str, PlanEntry] = {}
    left_out: list[str] = []
    for qid, entry in old.plan.items():
        if entry.status in ("done", "deferred", "dropped"):
            continue  # closed: stays behind with last year's file
        if qid in qids:
            plan[qid] = copy.deepcopy(entry)
        else:
            left_out.append(qid)
    return plan, left_out


def plan_left_out(old: Assessment, new: Assessment, bankset: BankSet) -> str | None:
    """One sentence naming the open decisions ``carry_forward`` left out, or None."""
    new_banks = [b for b in (bankset.find(i, v) for i, v in new.banks.items()) if b is not None]
    left_out = carry_plan(old, new_banks)[1]
    if not left_out:
        return None
    those = "decision" if len(left_out) == 1 else "decisions"
    return (
        f"Left out last year's plan {those} on {', '.join(left_out)}: the new bank "
        "versions no longer have "
        + ("that question." if len(left_out) == 1 else "those questions.")
    )


def confirmable(session: WalkSession, focus: list[str]) -> list[str]:
    """The questions outside ``focus`` whose carried answer can be confirmed as this
    year's in one go: answered last year, not yet this year, in walk order."""
    in_focus = set(focus)
    return [
        s.qid
        for s in session.stops
        if s.qid not in in_focus
        and s.qid in session.previous
        and session.previous[s.qid].answered
        and not session.answered(s.index)
    ]
