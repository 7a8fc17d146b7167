"""The partnership's decisions on the ranked plan (``msht actions``): screens and updates.

``msht actions`` walks the ranked recommendations one at a time and records the
partnership's decision on each in the assessment's ``plan:`` block:
agree (an owner and a due date), change the owner, defer or drop with a reason. This
module holds what each screen says and offers, as plain data, and the changes each
decision makes; no terminal I/O. The statuses: proposed, agreed,
in progress, done, deferred, dropped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from msht_toolkit import vocabulary
from msht_toolkit.analysis.plan import ActionPlan, ClosedItem, PlanItem
from msht_toolkit.assessment.model import Assessment, PlanEntry
from msht_toolkit.walk.prompts import Pick

AGREE, OWNER, DEFER, DROP, SKIP, BACK, QUIT = (
    "agree",
    "owner",
    "defer",
    "drop",
    "skip",
    "back",
    "quit",
)
PICKS = (
    Pick(AGREE, "Agree: name the owner and a due date", "a"),
    Pick(OWNER, "Change the owner", "o"),
    Pick(DEFER, "Defer it, with a reason", "d"),
    Pick(DROP, "Drop it, with a reason", "x"),
    Pick(SKIP, "Skip: decide later", "s", separator_before=True),
    Pick(BACK, "Back to the previous recommendation", "b"),
    Pick(QUIT, "Quit (every decision so far is saved)", "q"),
)


@dataclass(frozen=True)
class Recommendation:
    """One recommendation to decide on: a ranked question, or one closed earlier."""

    qid: str
    rank: int | None  # None: closed before this session (done, deferred or dropped)
    bank_title: str
    section_title: str
    text: str  # the question
    rating: str  # "RED (33.3)", "RED (33.3), critical failure"
    answer: str  # the answer in words
    step: str  # the next step, or what to do when the bank has none
    priority: str | None
    suggested_owner: str | None
    later_steps: int


def recommendations(plan: ActionPlan) -> list[Recommendation]:
    """Every ranked recommendation in rank order, then the ones closed earlier."""
    out = [_from_item(i) for i in plan.ranked]
    out += [_from_closed(c) for c in plan.closed]
    return out


def _from_item(item: PlanItem) -> Recommendation:
    rating = vocabulary.rating(item.result.score, item.result.rag)
    if item.critical_failure:
        rating += ", a critical failure"
    return Recommendation(
        qid=item.qid,
        rank=item.rank,
        bank_title=item.bank.bank.title,
        section_title=item.section_title,
        text=item.question.text,
        rating=rating,
        answer=item.current,
        step=item.text,
        priority=item.next_step.priority if item.next_step else None,
        suggested_owner=item.suggested_owner,
        later_steps=len(item.later_steps),
    )


def _from_closed(item: ClosedItem) -> Recommendation:
    from msht_toolkit.analysis.plan import NO_ACTION_TEXT
    from msht_toolkit.assessment.values import describe

    step = item.next_step
    return Recommendation(
        qid=item.qid,
        rank=None,
        bank_title=item.bank.bank.title,
        section_title=item.section_title,
        text=item.question.text,
        rating=vocabulary.rating(item.result.score, item.result.rag),
        answer=describe(item.question, item.result.value),
        step=step.do if step else NO_ACTION_TEXT,
        priority=step.priority if step else None,
        suggested_owner=step.owner if step else None,
        later_steps=0,
    )


def decision_text(entry: PlanEntry | None) -> str:
    """The current decision in words: 'agreed; owner Midshire Police; due 2027-06-30'."""
    if entry is None or not (entry.status or entry.owner or entry.due):
        return "No decision yet."
    parts = [entry.status or "no status"]
    if entry.owner:
        parts.append(f"owner {entry.owner}")
    if entry.due:
        parts.append(f"due {entry.due}")
    if entry.reason:
        parts.append(f"reason: {entry.reason}")
    return "; ".join(parts) + "."


def screen(rec: Recommendation, position: int, total: int, entry: PlanEntry | None) -> list[str]:
    """The lines shown for one recommendation (the first is its heading)."""
    where = f"rank {rec.rank}" if rec.rank is not None else "closed earlier"
    lines = [
        f"Recommendation {position} of {total} ({where}): {rec.qid}",
        f"{rec.bank_title}, {rec.section_title}.",
        f"Question: {rec.text}",
        f"Rating: {rec.rating}. Answer now: {rec.answer}",
        "Next step" + (f" ({rec.priority} priority)" if rec.priority else "") + f": {rec.step}",
    ]
    if rec.later_steps:
        lines.append(
            f"Then {rec.later_steps} later step{'s' if rec.later_steps != 1 else ''} "
            "(listed in the full report)."
        )
    lines.append(f"Suggested owner: {rec.suggested_owner or 'none suggested'}.")
    lines.append(f"Decision now: {decision_text(entry)}")
    return lines


def first_undecided(recs: list[Recommendation], assessment: Assessment) -> int:
    """Where to start: the first ranked recommendation without a status, else the first."""
    for index, rec in enumerate(recs):
        entry = assessment.plan.get(rec.qid)
        if rec.rank is not None and (entry is None or entry.status is None):
            return index
    return 0


# ---------------------------------------------------------------- checks of typed text


def check_owner(raw: str) -> str | None:
    return None if raw.strip() else "Please type who will own this step (an agency or a name)."


def check_reason(raw: str) -> str | None:
    return None if raw.strip() else "Please type the reason; the board will see it."


def check_due(raw: str) -> str | None:
    try:
        dt.date.fromisoformat(raw.strip())
    except ValueError:
        return "Please type the due date as year-month-day, for example 2027-09-30."
    return None


def default_owner(rec: Recommendation, entry: PlanEntry | None) -> str:
    return (entry.owner if entry and entry.owner else None) or rec.suggested_owner or ""


# ---------------------------------------------------------------- decisions


def _entry(assessment: Assessment, qid: str) -> PlanEntry:
    current = assessment.plan.get(qid)
    return dataclasses.replace(current) if current else PlanEntry()


def _tidy(text: str) -> str:
    return " ".join(text.split())


def agree(assessment: Assessment, qid: str, owner: str, due: str) -> PlanEntry:
    """Agreed, with an owner and a due date (a deferral or drop reason goes)."""
    entry = _entry(assessment, qid)
    entry.owner, entry.due = _tidy(owner), dt.date.fromisoformat(due.strip()).isoformat()
    entry.status, entry.reason = "agreed", None
    assessment.plan[qid] = entry
    return entry


def change_owner(assessment: Assessment, qid: str, owner: str) -> PlanEntry:
    """A new owner; the status stays, or becomes proposed where there was none (or the
    item was closed: naming an owner reopens it)."""
    entry = _entry(assessment, qid)
    entry.owner = _tidy(owner)
    if entry.status in (None, "deferred", "dropped"):
        entry.status, entry.reason = "proposed", None
    assessment.plan[qid] = entry
    return entry


def close(assessment: Assessment, qid: str, status: str, reason: str) -> PlanEntry:
    """Deferred or dropped, with the reason (required)."""
    assert status in ("deferred", "dropped")
    entry = _entry(assessment, qid)
    entry.status, entry.reason = status, _tidy(reason)
    assessment.plan[qid] = entry
    return entry
