"""`decisions`: what each `msht actions` screen says, and what each decision writes to
``plan:`` (its statuses; due a date; reasons required)."""

from __future__ import annotations

import pytest
from bank_builder import make_bank, q, score

from msht_toolkit.analysis.decisions import (
    agree,
    change_owner,
    check_due,
    check_owner,
    check_reason,
    close,
    decision_text,
    default_owner,
    first_undecided,
    recommendations,
    screen,
)
from msht_toolkit.analysis.plan import build_plan
from msht_toolkit.assessment.model import PlanEntry


def act(below: float, do: str, priority: str = "high", owner: str | None = "Police") -> dict:
    data = {"below": below, "do": do, "priority": priority}
    if owner:
        data["owner"] = owner
    return data


BANK = make_bank(
    sections={
        "s": [
            q("A-1", actions=[act(3, "Small step", "low")]),
            q("A-2", critical=True, actions=[act(2, "Fix it first"), act(3, "Then audit it")]),
            q("A-3", "yesno", actions=[act(1, "Start a panel", "medium", None)]),
            q("A-4", actions=[act(2, "Closed step")]),
        ]
    }
)
ANSWERS = {"A-1": 2, "A-2": 0, "A-3": "no", "A-4": 0}


def card(plan: dict | None = None):
    return score(BANK, ANSWERS, plan=plan or {})


def recs(plan: dict | None = None):
    c = card(plan)
    return c, recommendations(build_plan(c, top=None))


def test_recommendations_follow_the_ranking_then_closed_ones() -> None:
    _, rs = recs({"A-4": PlanEntry(status="dropped", reason="Regional team")})
    assert [(r.qid, r.rank) for r in rs] == [("A-2", 1), ("A-3", 2), ("A-1", 3), ("A-4", None)]
    first = rs[0]
    assert first.step == "Fix it first" and first.later_steps == 1
    assert first.rating == "0.0 RED, a critical failure"
    assert first.suggested_owner == "Police" and first.priority == "high"
    assert rs[3].step == "Closed step"


def test_screen_shows_question_rating_step_owner_and_decision() -> None:
    c, rs = recs({"A-2": PlanEntry(owner="Midshire Police", due="2027-06-30", status="agreed")})
    assert [r.qid for r in rs] == ["A-2", "A-4", "A-3", "A-1"]
    lines = screen(rs[0], 1, len(rs), c.assessment.plan.get("A-2"))
    assert lines == [
        "Recommendation 1 of 4 (rank 1): A-2",
        "Bank alpha, Section s.",
        "Question: Question A-2?",
        "Rating: 0.0 RED, a critical failure. Answer now: Level 0: Nothing yet.",
        "Next step (high priority): Fix it first",
        "Then 1 later step (listed in the full report).",
        "Suggested owner: Police.",
        "Decision now: agreed; owner Midshire Police; due 2027-06-30.",
    ]
    assert screen(rs[2], 3, 4, None)[-2:] == [
        "Suggested owner: none suggested.",
        "Decision now: No decision yet.",
    ]


def test_decision_text() -> None:
    assert decision_text(None) == "No decision yet."
    assert decision_text(PlanEntry(note="only a note")) == "No decision yet."
    assert decision_text(PlanEntry(status="dropped", reason="Regional team")) == (
        "dropped; reason: Regional team."
    )


def test_agree_sets_owner_due_and_status_and_clears_a_reason() -> None:
    c, _ = recs({"A-3": PlanEntry(status="deferred", reason="Later", note="kept")})
    entry = agree(c.assessment, "A-3", "  Midshire   County Council ", " 2027-09-30 ")
    assert entry == PlanEntry(
        owner="Midshire County Council", due="2027-09-30", status="agreed", note="kept"
    )
    assert c.assessment.plan["A-3"] is entry


def test_change_owner_keeps_the_status_or_proposes() -> None:
    c, _ = recs({"A-2": PlanEntry(owner="Police", due="2027-06-30", status="in progress")})
    assert change_owner(c.assessment, "A-2", "OPCC") == PlanEntry(
        owner="OPCC", due="2027-06-30", status="in progress"
    )
    assert change_owner(c.assessment, "A-1", "OPCC").status == "proposed"
    c.assessment.plan["A-3"] = PlanEntry(status="dropped", reason="No")
    reopened = change_owner(c.assessment, "A-3", "Council")
    assert (reopened.status, reopened.reason) == ("proposed", None)


@pytest.mark.parametrize("status", ["deferred", "dropped"])
def test_defer_and_drop_keep_the_reason(status: str) -> None:
    c, _ = recs({"A-1": PlanEntry(owner="Police")})
    entry = close(c.assessment, "A-1", status, " Covered by\nthe regional team ")
    assert entry == PlanEntry(owner="Police", status=status, reason="Covered by the regional team")
    assert [i.qid for i in build_plan(c).closed] == ["A-1"]  # out of the ranking


def test_checks() -> None:
    assert check_owner("  ") and check_owner("Police") is None
    assert check_reason("") and check_reason("Because") is None
    assert check_due("2027-09-30") is None
    for bad in ("30/09/2027", "2027-02-30", "", "soon"):
        assert (
            check_due(bad) == "Please type the due date as year-month-day, for example 2027-09-30."
        )


def test_default_owner_is_the_decided_one_else_the_suggested_one() -> None:
    _, rs = recs()
    assert default_owner(rs[0], None) == "Police"
    assert default_owner(rs[0], PlanEntry(owner="OPCC")) == "OPCC"
    assert default_owner(rs[2], None) == ""  # its bank names no owner


def test_the_walk_starts_at_the_first_undecided_recommendation() -> None:
    c, rs = recs({"A-2": PlanEntry(status="agreed"), "A-3": PlanEntry(owner="only an owner")})
    assert first_undecided(rs, c.assessment) == 1
    c, rs = recs({q: PlanEntry(status="agreed") for q in ("A-1", "A-2", "A-3", "A-4")})
    assert first_undecided(rs, c.assessment) == 0
