"""The ``msht actions`` walk: one ranked recommendation at a time, a decision on each.

Drives a ``WalkUI`` (the walk's two front ends: arrow keys, or ``--plain`` typed keys)
over the screens of ``msht_toolkit.analysis.decisions``; ``save`` is called after every decision,
before the next recommendation is shown.
"""

from __future__ import annotations

from collections.abc import Callable

from msht_toolkit.analysis.decisions import (
    AGREE,
    BACK,
    DEFER,
    DROP,
    OWNER,
    PICKS,
    QUIT,
    SKIP,
    Recommendation,
    agree,
    change_owner,
    check_due,
    check_owner,
    check_reason,
    close,
    decision_text,
    default_owner,
    screen,
)
from msht_toolkit.assessment.model import Assessment
from msht_toolkit.textsafe import safe_text
from msht_toolkit.walk.ui import WalkUI

DONE, QUITTED = "done", "quit"


class ActionsWalk:
    def __init__(
        self,
        ui: WalkUI,
        assessment: Assessment,
        recs: list[Recommendation],
        save: Callable[[], None],
    ) -> None:
        self.ui = ui
        self.assessment = assessment
        self.recs = recs
        self.save = save
        self.decided = 0  # decisions recorded in this session

    def say(self, text: str = "", style: str | None = None) -> None:
        self.ui.say(safe_text(text), style=style)

    def run(self, index: int = 0) -> str:
        """Walk from ``index``; DONE past the last recommendation, QUITTED on quit."""
        total = len(self.recs)
        while 0 <= index < total:
            rec = self.recs[index]
            entry = self.assessment.plan.get(rec.qid)
            lines = screen(rec, index + 1, total, entry)
            self.say()
            self.say(lines[0], style="bold")
            for line in lines[1:]:
                self.say(line)
            undecided = entry is None or entry.status is None
            key = self.ui.choose(
                "What does the partnership decide?",
                list(PICKS),
                default=AGREE if undecided else SKIP,
            )
            if key == QUIT:
                return QUITTED
            if key == BACK:
                if index == 0:
                    self.say("This is the first recommendation; there is none before it.")
                else:
                    index -= 1
                continue
            if key != SKIP:
                self.decide(key, rec)
            index += 1
        self.say()
        self.say("That was the last recommendation.")
        return DONE

    def decide(self, key: str, rec: Recommendation) -> None:
        entry = self.assessment.plan.get(rec.qid)
        if key == AGREE:
            owner = self.ui.text(
                "Who will own this step?",
                default=safe_text(default_owner(rec, entry)),
                validate=check_owner,
            )
            due = self.ui.text(
                "By when? Type the due date as year-month-day, for example 2027-09-30.",
                default=(entry.due if entry and entry.due else ""),
                validate=check_due,
            )
            entry = agree(self.assessment, rec.qid, owner, due)
        elif key == OWNER:
            owner = self.ui.text(
                "Who will own this step instead?",
                default=safe_text(default_owner(rec, entry)),
                validate=check_owner,
            )
            entry = change_owner(self.assessment, rec.qid, owner)
        elif key in (DEFER, DROP):
            word = "deferred" if key == DEFER else "dropped"
            reason = self.ui.text(
                f"Why is it {word}? The reason is shown to the board.",
                default=safe_text(entry.reason or "") if entry else "",
                validate=check_reason,
            )
            entry = close(self.assessment, rec.qid, word, reason)
        else:  # pragma: no cover - every key is handled above
            raise AssertionError(key)
        self.save()
        self.decided += 1
        self.say(f"Saved {rec.qid}: {decision_text(entry)}")


def summary(assessment: Assessment, recs: list[Recommendation]) -> str:
    """'Of 89 recommendations: 5 agreed, 1 in progress, 2 deferred, 1 dropped, 80 open.'"""
    counts: dict[str, int] = {}
    for rec in recs:
        entry = assessment.plan.get(rec.qid)
        status = entry.status if entry and entry.status else "without a decision"
        counts[status] = counts.get(status, 0) + 1
    order = [
        "agreed",
        "in progress",
        "proposed",
        "done",
        "deferred",
        "dropped",
        "without a decision",
    ]
    parts = [f"{counts[s]} {s}" for s in order if counts.get(s)]
    noun = "recommendation" if len(recs) == 1 else "recommendations"
    return f"Of {len(recs)} {noun}: {', '.join(parts)}." if parts else f"No {noun} to decide."
