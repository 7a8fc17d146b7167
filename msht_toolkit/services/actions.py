"""``msht actions FILE``: the decisions walk, from claiming the file to the last decision.

Claims the file (the one-writer lock), loads, checks and scores it, ranks the plan's
recommendations as ``msht plan`` does, and runs ``walk.actions.ActionsWalk`` over them
from the first undecided one, saving through ``saver`` after every decision. Everything
goes through a ``WalkUI``; Ctrl-C and end of input propagate to the command, which saves
and says how to resume.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from msht_toolkit.analysis.decisions import Recommendation
    from msht_toolkit.assessment.autosave import Saver
    from msht_toolkit.assessment.model import Assessment
    from msht_toolkit.banks.registry import BankSet
    from msht_toolkit.walk.actions import ActionsWalk
    from msht_toolkit.walk.ui import WalkUI


class DecisionsRun:
    """One run of the decisions walk over ``file``; ``walk`` is set once the first
    recommendation is about to be shown (a stop before it has changed nothing)."""

    def __init__(self, ui: WalkUI, saver: Saver) -> None:
        self.ui = ui
        self.saver = saver
        self.assessment: Assessment | None = None
        self.recs: list[Recommendation] = []
        self.walk: ActionsWalk | None = None

    def open(self, file: Path, bankset: BankSet) -> None:
        """Claim ``file``, score it and rank its recommendations."""
        from msht_toolkit.analysis.decisions import recommendations
        from msht_toolkit.analysis.plan import build_plan
        from msht_toolkit.services.files import score_file

        self.saver.claim(file, "msht actions")
        scored = score_file(file, bankset)
        assessment, card = scored.assessment, scored.card
        assessment.path = None
        self.saver.assessment = assessment
        self.saver.written = True
        self.assessment = assessment
        self.recs = recommendations(build_plan(card, top=None))

    def run(self) -> str | None:
        """The opening lines, then the walk from the first undecided recommendation;
        returns the walk's outcome, or None when no recommended action applies."""
        from msht_toolkit.analysis.decisions import first_undecided
        from msht_toolkit.assessment.signoff import sign_off_state
        from msht_toolkit.textsafe import safe_text
        from msht_toolkit.walk.actions import ActionsWalk

        ui, assessment, recs = self.ui, self.assessment, self.recs
        assert assessment is not None
        ui.heading(
            safe_text(
                "Decisions on the action plan: "
                + " ".join(x for x in (assessment.partnership, assessment.period) if x)
            )
        )
        state = sign_off_state(assessment)
        if state is not None:
            tail = " A decision made now will show as a change." if state.current else ""
            ui.say(safe_text(state.sentence() + "." + tail))
        if not recs:
            ui.say("No recommended action applies: there is nothing to decide.")
            return None
        noun = "recommendation" if len(recs) == 1 else "recommendations"
        ui.say(
            f"{len(recs)} {noun}, ranked as in msht plan (critical failures first, "
            "then priority, then gain). Each decision is saved at once."
        )
        self.walk = ActionsWalk(ui, assessment, recs, self.saver)
        return self.walk.run(first_undecided(recs, assessment))

    def summary(self) -> str:
        """What was decided, in one sentence."""
        from msht_toolkit.walk.actions import summary

        assert self.assessment is not None
        return summary(self.assessment, self.recs)
