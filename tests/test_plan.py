"""The action plan: which actions apply, their order, why, owners, evidence gaps, phases."""

from __future__ import annotations

import datetime as dt

import pytest
from bank_builder import answer, make_bank, q, score

from msht_toolkit.assessment.model import PlanEntry
from msht_toolkit.errors import UsageError
from msht_toolkit.plan import (
    CRITICAL,
    action_applies,
    add_months,
    build_plan,
    phase_bounds,
)


def act(below: float, do: str, priority: str = "high", owner: str | None = "Police") -> dict:
    data = {"below": below, "do": do, "priority": priority}
    if owner:
        data["owner"] = owner
    return data


SCALE_ACTIONS = [act(2, "Reach level 2"), act(3, "Reach level 3", "medium", "OPCC")]


def one(question: dict, value: object) -> list[str]:
    """The texts of the actions that apply to one answer."""
    card = score(make_bank(sections={"s": [question]}), {question["id"]: value})
    return [i.text for i in build_plan(card).items]


# ---------------------------------------------------------------- which actions apply


@pytest.mark.parametrize(
    ("level", "expected"),
    [
        (0, ["Reach level 2", "Reach level 3"]),
        (1, ["Reach level 2", "Reach level 3"]),
        (2, ["Reach level 3"]),
        (3, []),
    ],
)
def test_scale_actions_apply_below_their_level(level: int, expected: list[str]) -> None:
    assert sorted(one(q("A-1", actions=SCALE_ACTIONS), level)) == expected


def test_unknown_triggers_every_action() -> None:
    assert sorted(one(q("A-1", actions=SCALE_ACTIONS), "unknown")) == [
        "Reach level 2",
        "Reach level 3",
    ]
    yesno = q("A-1", "yesno", actions=[act(1, "Start doing it")])
    assert one(yesno, "unknown") == ["Start doing it"]


@pytest.mark.parametrize("value", ["na", None])
def test_not_applicable_or_unanswered_never_trigger_actions(value: object) -> None:
    answers = {} if value is None else {"A-1": value}
    card = score(make_bank(sections={"s": [q("A-1", actions=SCALE_ACTIONS)]}), answers)
    assert build_plan(card).items == ()


def test_when_false_never_triggers_actions() -> None:
    bank = make_bank(
        sections={"s": [q("A-0", "yesno"), q("A-1", when="A-0 == yes", actions=SCALE_ACTIONS)]}
    )
    assert build_plan(score(bank, {"A-0": "no", "A-1": 0})).items == ()
    assert len(build_plan(score(bank, {"A-0": "yes", "A-1": 0})).items) == 2


@pytest.mark.parametrize(("value", "applies"), [("no", True), ("yes", False)])
def test_yesno_below_1_means_when_the_answer_is_no(value: str, applies: bool) -> None:
    question = q("A-1", "yesno", actions=[act(1, "Start doing it")])
    assert one(question, value) == (["Start doing it"] if applies else [])


@pytest.mark.parametrize(
    ("option", "expected"),
    [("none", ["Half", "All"]), ("some", ["All"]), ("all", [])],
)
def test_choice_compares_the_option_score(option: str, expected: list[str]) -> None:
    # options score none 0, some 0.5, all 1
    question = q("A-1", "choice", actions=[act(0.5, "Half"), act(1, "All", "low")])
    assert one(question, option) == expected


@pytest.mark.parametrize(("value", "expected"), [(5, ["Some"]), (15, []), (25, [])])
def test_number_compares_the_threshold_score(value: int, expected: list[str]) -> None:
    # thresholds 0 -> 0, 10 -> 0.5, 20 -> 1
    question = q("A-1", "number", actions=[act(0.5, "Some")])
    assert one(question, value) == expected


def test_weight_zero_questions_still_get_their_actions() -> None:
    assert one(q("A-1", weight=0, actions=SCALE_ACTIONS), 2) == ["Reach level 3"]


def test_action_applies_directly() -> None:
    card = score(make_bank(sections={"s": [q("A-1", actions=SCALE_ACTIONS)]}), {"A-1": 1})
    result = card.question("A-1")
    low, high = result.question.actions
    assert action_applies(low, result) and action_applies(high, result)


# ---------------------------------------------------------------- order


def _ordered_banks() -> list:
    return [
        make_bank(
            "alpha",
            {
                "s": [
                    q("P-1", actions=[act(2, "prepare low", "low")]),
                    q("P-2", actions=[act(2, "prepare high")]),
                ]
            },
            theme="prepare",
        ),
        make_bank(
            "beta",
            {
                "s": [
                    q("U-1", actions=[act(2, "pursue medium", "medium")]),
                    q("U-2", actions=[act(2, "pursue high")]),
                    q("U-3", critical=True, actions=[act(2, "critical but low", "low")]),
                ]
            },
            theme="pursue",
        ),
        make_bank("gamma", {"s": [q("R-1", actions=[act(2, "protect high")])]}, theme="protect"),
    ]


def test_critical_first_then_priority_then_4p_theme_then_bank_order() -> None:
    answers = {qid: 0 for qid in ("P-1", "P-2", "U-1", "U-2", "U-3", "R-1")}
    plan = build_plan(score(_ordered_banks(), answers))
    assert [i.text for i in plan.items] == [
        "critical but low",
        "pursue high",
        "protect high",
        "prepare high",
        "pursue medium",
        "prepare low",
    ]
    assert [i.ref for i in plan.items] == ["A1", "A2", "A3", "A4", "A5", "A6"]
    assert [i.group for i in plan.items] == [CRITICAL, "high", "high", "high", "medium", "low"]
    high = plan.group("high")
    assert [theme for theme, _ in plan.by_theme(high)] == ["pursue", "protect", "prepare"]


def test_critical_question_not_red_is_not_a_critical_failure() -> None:
    answers = {qid: 1 for qid in ("P-1", "P-2", "U-1", "U-2", "R-1")} | {"U-3": 2}
    plan = build_plan(score(_ordered_banks(), answers))
    assert plan.critical_failures == ()
    assert plan.group(CRITICAL) == []


def test_critical_failure_without_a_bank_action_still_listed_first() -> None:
    bank = make_bank(
        sections={"s": [q("A-1", actions=[act(2, "ordinary")]), q("A-2", critical=True)]}
    )
    plan = build_plan(score(bank, {"A-1": 0, "A-2": "unknown"}))
    first = plan.items[0]
    assert first.critical_failure and first.qid == "A-2"
    assert first.action is None
    assert "should agree one" in first.text
    assert [r.id for r in plan.critical_failures] == ["A-2"]


# ---------------------------------------------------------------- why, owners, gaps, counts


def test_items_carry_why_suggested_owner_and_the_agreed_plan() -> None:
    bank = make_bank(
        sections={"s": [q("A-1", actions=SCALE_ACTIONS), q("A-2", actions=SCALE_ACTIONS)]}
    )
    card = score(
        bank,
        {"A-1": answer(1, note="Only the police have a pathway"), "A-2": 2},
        plan={"A-1": PlanEntry(owner="Midshire County Council", due="2027-09-30", status="agreed")},
    )
    plan = build_plan(card)
    first = plan.items[0]
    assert first.qid == "A-1"
    assert first.current == "Level 1: Early progress."
    assert first.note == "Only the police have a pathway"
    assert first.suggested_owner == "Police"
    assert (first.owner, first.due, first.status) == (
        "Midshire County Council",
        "2027-09-30",
        "agreed",
    )
    # the plan entry is keyed by question: it applies to each of its actions
    assert {(i.qid, i.owner) for i in plan.items if i.qid == "A-1"} == {
        ("A-1", "Midshire County Council")
    }
    a2 = next(i for i in plan.items if i.qid == "A-2")
    assert a2.agreed is None and a2.owner is None and a2.suggested_owner == "OPCC"


def test_evidence_gaps_are_every_applicable_unknown() -> None:
    bank = make_bank(
        sections={
            "s": [q("A-0", "yesno"), q("A-1"), q("A-2", "choice"), q("A-3", when="A-0 == yes")],
            "t": [q("A-4", "text"), q("A-5")],
        }
    )
    answers = {
        "A-0": "no",
        "A-1": answer("unknown", by="Midshire Police", note="Ask the NHS"),
        "A-2": "unknown",
        "A-3": "unknown",  # not applicable: its condition is false
        "A-4": "unknown",
        "A-5": 2,
    }
    plan = build_plan(score(bank, answers))
    assert [g.question.id for g in plan.evidence_gaps] == ["A-1", "A-2", "A-4"]
    assert plan.evidence_gaps[0].by == "Midshire Police"
    assert plan.evidence_gaps[0].note == "Ask the NHS"


def test_counts_of_red_and_amber_questions() -> None:
    bank = make_bank(sections={"s": [q(f"A-{i}") for i in range(6)]})
    plan = build_plan(score(bank, {"A-0": 0, "A-1": 1, "A-2": "unknown", "A-3": 2, "A-4": 3}))
    assert (plan.red_questions, plan.amber_questions) == (3, 1)


# ---------------------------------------------------------------- phases


def test_phase_bounds() -> None:
    assert phase_bounds(3) == [(0, 3), (3, 6), (6, 12)]
    assert phase_bounds(1) == [(0, 12)]
    assert phase_bounds(2) == [(0, 6), (6, 12)]
    assert phase_bounds(4) == [(0, 3), (3, 6), (6, 9), (9, 12)]
    assert len(phase_bounds(12)) == 12
    for bad in (0, -1, 13):
        with pytest.raises(UsageError):
            phase_bounds(bad)


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2027, 3, 14), 12) == dt.date(2028, 3, 14)


def _phase_bank() -> object:
    return make_bank(
        sections={
            "s": [
                q("C-1", critical=True, actions=[act(2, "critical low", "low")]),
                q("H-1", actions=[act(2, "high one")]),
                q("M-1", actions=[act(2, "medium one", "medium")]),
                q("L-1", actions=[act(2, "low one", "low")]),
            ]
        }
    )


def _phases(count: int, plan: dict | None = None, assessed_on: str | None = "2027-03-14"):
    card = score(
        _phase_bank(),
        {"C-1": 0, "H-1": 0, "M-1": 0, "L-1": 0},
        plan=plan,
        assessed_on=assessed_on,
    )
    result = build_plan(card, phases=count)
    return result, [[i.text for i in p.items] for p in result.phases]


def test_three_phases_by_priority_critical_first() -> None:
    result, texts = _phases(3)
    assert texts == [["critical low", "high one"], ["medium one"], ["low one"]]
    first = result.phases[0]
    assert (first.start, first.end) == (dt.date(2027, 3, 14), dt.date(2027, 6, 14))
    assert result.phases[2].end == dt.date(2028, 3, 14)
    assert result.phases[1].label == "Phase 2: months 3–6"


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, [["critical low", "high one", "medium one", "low one"]]),
        (2, [["critical low", "high one"], ["medium one", "low one"]]),
        (5, [["critical low", "high one"], [], ["medium one"], [], ["low one"]]),
    ],
)
def test_other_phase_counts_spread_by_priority(count: int, expected: list) -> None:
    assert _phases(count)[1] == expected


def test_agreed_due_dates_decide_the_phase() -> None:
    plan = {
        "L-1": PlanEntry(owner="OPCC", due="2027-05-01", status="agreed"),  # in phase 1
        "H-1": PlanEntry(due="2027-08-31"),  # phase 2, later than its priority says
        "M-1": PlanEntry(due="2029-01-01"),  # after the last phase
    }
    result, texts = _phases(3, plan)
    assert texts == [["critical low", "low one"], ["high one"], ["medium one"]]
    assert any("A2" in n and "later than its priority" in n for n in result.notes)
    assert any("after the last phase" in n for n in result.notes)


def test_due_before_the_assessment_goes_first_with_a_note() -> None:
    result, texts = _phases(3, {"L-1": PlanEntry(due="2026-12-31")})
    assert texts[0][-1] == "low one"
    assert any("before this assessment" in n for n in result.notes)


def test_done_and_dropped_actions_are_not_scheduled() -> None:
    plan = {"H-1": PlanEntry(status="done"), "M-1": PlanEntry(status="dropped")}
    result, texts = _phases(3, plan)
    assert texts == [["critical low"], [], ["low one"]]
    assert [i.text for i in result.closed] == ["high one", "medium one"]


def test_without_an_assessment_date_priority_decides_and_phases_have_no_dates() -> None:
    result, texts = _phases(3, {"L-1": PlanEntry(due="2027-05-01")}, assessed_on=None)
    assert texts == [["critical low", "high one"], ["medium one"], ["low one"]]
    assert result.phases[0].start is None and result.phases[0].end is None
