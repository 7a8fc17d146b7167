"""The action plan: which actions apply, the next step of each question,
gains and the ranking (hand-computed), decisions, evidence gaps and phases."""

from __future__ import annotations

import pytest
from bank_builder import act, answer, make_bank, q, score

from msht_toolkit.analysis.plan import (
    action_applies,
    build_plan,
    next_better_value,
)
from msht_toolkit.assessment.model import PlanEntry
from msht_toolkit.errors import UsageError

SCALE_ACTIONS = [act(2, "Reach level 2"), act(3, "Reach level 3", "medium", "OPCC")]


def one(question: dict, value: object) -> list[str]:
    """The texts of the actions that apply to one answer: next step, then later steps."""
    card = score(make_bank(sections={"s": [question]}), {question["id"]: value})
    plan = build_plan(card)
    return [s.do for i in plan.ranked for s in (i.next_step, *i.later_steps) if s]


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
    assert one(q("A-1", actions=SCALE_ACTIONS), level) == expected


def test_unknown_triggers_every_action() -> None:
    assert one(q("A-1", actions=SCALE_ACTIONS), "unknown") == [
        "Reach level 2",
        "Reach level 3",
    ]
    yesno = q("A-1", "yesno", actions=[act(1, "Start doing it")])
    assert one(yesno, "unknown") == ["Start doing it"]


@pytest.mark.parametrize("value", ["na", None])
def test_not_applicable_or_unanswered_never_trigger_actions(value: object) -> None:
    answers = {} if value is None else {"A-1": value}
    card = score(make_bank(sections={"s": [q("A-1", actions=SCALE_ACTIONS)]}), answers)
    assert build_plan(card).ranked == ()


def test_when_false_never_triggers_actions() -> None:
    bank = make_bank(
        sections={"s": [q("A-0", "yesno"), q("A-1", when="A-0 == yes", actions=SCALE_ACTIONS)]}
    )
    assert build_plan(score(bank, {"A-0": "no", "A-1": 0})).ranked == ()
    assert len(one_plan := build_plan(score(bank, {"A-0": "yes", "A-1": 0})).ranked) == 1
    assert len(one_plan[0].later_steps) == 1


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


# ---------------------------------------------------------------- next step and later steps


def test_next_step_is_the_lowest_below_first_in_bank_order_on_a_tie() -> None:
    actions = [act(3, "top level"), act(2, "first of two"), act(2, "second of two", "low")]
    card = score(make_bank(sections={"s": [q("A-1", actions=actions)]}), {"A-1": 0})
    (item,) = build_plan(card).ranked
    assert item.next_step.do == "first of two"
    assert [s.do for s in item.later_steps] == ["second of two", "top level"]
    # the next step's priority ranks the question, not its later steps'
    assert item.priority == "high"


def test_only_applicable_actions_are_steps() -> None:
    actions = [act(1, "from nothing"), act(2, "to level 2"), act(3, "to level 3")]
    card = score(make_bank(sections={"s": [q("A-1", actions=actions)]}), {"A-1": 1})
    (item,) = build_plan(card).ranked
    assert item.next_step.do == "to level 2"
    assert [s.do for s in item.later_steps] == ["to level 3"]


def test_one_entry_per_question_not_per_action() -> None:
    bank = make_bank(sections={"s": [q(f"A-{n}", actions=SCALE_ACTIONS) for n in range(4)]})
    plan = build_plan(score(bank, {f"A-{n}": 0 for n in range(4)}))
    assert [i.qid for i in plan.ranked] == ["A-0", "A-1", "A-2", "A-3"]
    assert all(i.next_step.do == "Reach level 2" and len(i.later_steps) == 1 for i in plan.ranked)


# ---------------------------------------------------------------- the next better value


@pytest.mark.parametrize(
    ("question", "value", "better"),
    [
        (q("A-1"), 0, 1),
        (q("A-1"), 2, 3),
        (q("A-1"), 3, None),
        (q("A-1"), "unknown", 1),  # unknown counts as level 0
        (q("A-1", "yesno"), "no", "yes"),
        (q("A-1", "yesno"), "unknown", "yes"),
        (q("A-1", "yesno"), "yes", None),
        (q("A-1", "choice"), "none", "some"),  # options score 0, 0.5, 1
        (q("A-1", "choice"), "some", "all"),
        (q("A-1", "choice"), "unknown", "some"),
        (q("A-1", "choice"), "all", None),
        (q("A-1", "number"), 5, 10),  # thresholds 0 -> 0, 10 -> 0.5, 20 -> 1
        (q("A-1", "number"), 12, 20),
        (q("A-1", "number"), "unknown", 10),
        (q("A-1", "number"), 25, None),
    ],
)
def test_next_better_value(question: dict, value: object, better: object) -> None:
    bank = make_bank(sections={"s": [question]})
    assert next_better_value(bank.question("A-1"), value) == better


def test_choice_next_is_the_next_higher_score_not_the_next_in_the_list() -> None:
    options = [
        {"id": "all", "label": "All", "score": 1},
        {"id": "none", "label": "None", "score": 0},
        {"id": "most", "label": "Most", "score": 0.75},
        {"id": "some", "label": "Some", "score": 0.25},
    ]
    bank = make_bank(sections={"s": [q("A-1", "choice", options=options)]})
    question = bank.question("A-1")
    assert next_better_value(question, "none") == "some"
    assert next_better_value(question, "some") == "most"
    assert next_better_value(question, "most") == "all"


# ---------------------------------------------------------------- gain and ranking (by hand)


def _ranking_bank() -> object:
    # total weight 8: one level on a weight-w scale question is (100/3) * w / 8 points
    return make_bank(
        sections={
            "s": [
                q("A-1", actions=[act(3, "A-1 step")]),  # weight 1, level 0 -> 1: 4.17
                q("A-2", weight=2, actions=[act(3, "A-2 step")]),  # 2 -> 3: 8.33
                q("A-3", weight=3, actions=[act(2, "A-3 step", "medium")]),  # unknown -> 1: 12.5
                q("A-4", "yesno", weight=2, actions=[act(1, "A-4 step")]),  # no -> yes: 25.0
            ]
        }
    )


RANKING_ANSWERS = {"A-1": 0, "A-2": 2, "A-3": "unknown", "A-4": "no"}


def test_gains_by_hand() -> None:
    plan = build_plan(score(_ranking_bank(), RANKING_ANSWERS))
    gains = {i.qid: i.rounded_gain for i in plan.ranked}
    assert gains == {"A-1": 4.17, "A-2": 8.33, "A-3": 12.5, "A-4": 25.0}


def test_priority_then_gain_highest_first() -> None:
    plan = build_plan(score(_ranking_bank(), RANKING_ANSWERS))
    # high: A-4 (25.0), A-2 (8.33), A-1 (4.17); then medium A-3 although its gain is larger
    assert [i.qid for i in plan.ranked] == ["A-4", "A-2", "A-1", "A-3"]
    assert [i.rank for i in plan.ranked] == [1, 2, 3, 4]


def test_critical_failures_come_first_whatever_their_priority_and_gain() -> None:
    bank = make_bank(
        sections={
            "s": [
                q("A-1", weight=5, actions=[act(3, "big gain")]),
                q("A-2", critical=True, actions=[act(2, "critical but low", "low")]),
                q("A-3", critical=True, actions=[act(3, "critical medium", "medium")]),
            ]
        }
    )
    plan = build_plan(score(bank, {"A-1": 0, "A-2": 0, "A-3": 1}))
    # both critical questions are RED: A-3 (medium) before A-2 (low), then A-1
    assert [i.qid for i in plan.ranked] == ["A-3", "A-2", "A-1"]
    assert [i.critical_failure for i in plan.ranked] == [True, True, False]
    assert [r.id for r in plan.critical_failures] == ["A-2", "A-3"]


def test_critical_question_not_red_is_not_a_critical_failure() -> None:
    bank = make_bank(sections={"s": [q("A-1", critical=True, actions=SCALE_ACTIONS)]})
    plan = build_plan(score(bank, {"A-1": 2}))  # AMBER
    assert plan.critical_failures == ()
    assert not plan.ranked[0].critical_failure


def test_critical_failure_without_a_bank_action_is_still_ranked_first() -> None:
    bank = make_bank(
        sections={"s": [q("A-1", actions=[act(2, "ordinary")]), q("A-2", critical=True)]}
    )
    plan = build_plan(score(bank, {"A-1": 0, "A-2": "unknown"}))
    first = plan.ranked[0]
    assert first.critical_failure and first.qid == "A-2"
    assert first.next_step is None and first.later_steps == ()
    assert "should agree one" in first.text
    assert first.rounded_gain == 16.67  # unknown -> level 1 on one of two questions


def test_equal_gains_keep_bank_order_across_banks() -> None:
    banks = [
        make_bank("alpha", {"s": [q("A-1", actions=[act(3, "a")])]}, theme="pursue"),
        make_bank("beta", {"s": [q("B-1", actions=[act(3, "b")])]}, theme="prevent"),
    ]
    plan = build_plan(score(banks, {"A-1": 0, "B-1": 0}))
    assert [(i.qid, i.rounded_gain) for i in plan.ranked] == [("A-1", 16.67), ("B-1", 16.67)]
    plan = build_plan(score(list(reversed(banks)), {"A-1": 0, "B-1": 0}))
    assert [i.qid for i in plan.ranked] == ["B-1", "A-1"]


def test_gains_are_compared_rounded_to_two_decimals() -> None:
    options = [
        {"id": "none", "label": "None", "score": 0},
        {"id": "part", "label": "Part", "score": 0.33336},
        {"id": "all", "label": "All", "score": 1},
    ]
    banks = [
        # alpha 50: A-1 level 0 -> 1 adds 100/3/2 = 16.6667 to alpha, 8.3333 overall
        make_bank("alpha", {"s": [q("A-1", actions=[act(3, "scale step")]), q("A-2")]}),
        # beta 50: B-1 none -> part adds 33.336/2 to beta, 8.334 overall: a larger raw gain
        make_bank(
            "beta",
            {"s": [q("B-1", "choice", options=options, actions=[act(1, "choice step")]), q("B-2")]},
        ),
    ]
    plan = build_plan(score(banks, {"A-1": 0, "A-2": 3, "B-1": "none", "B-2": 3}))
    a1, b1 = plan.ranked
    assert b1.gain > a1.gain
    assert a1.rounded_gain == b1.rounded_gain == 8.33
    assert [a1.qid, b1.qid] == ["A-1", "B-1"]  # a tie at two decimals: bank order


def test_number_gain_moves_to_the_next_thresholds_min() -> None:
    bank = make_bank(sections={"s": [q("N-1", "number", actions=[act(1, "count more")]), q("N-2")]})
    # N-1 at 5 scores 0; at 10 it scores 0.5: the bank (and overall) rises by 25 points
    plan = build_plan(score(bank, {"N-1": 5, "N-2": 3}))
    assert plan.ranked[0].rounded_gain == 25.0
    plan = build_plan(score(bank, {"N-1": 12, "N-2": 3}))  # 0.5 -> 1 at 20
    assert plan.ranked[0].rounded_gain == 25.0


def test_bank_weight_scales_the_gain() -> None:
    banks = [
        make_bank("alpha", {"s": [q("A-1", actions=[act(3, "a")])]}, weight=3),
        make_bank("beta", {"s": [q("B-1", actions=[act(3, "b")])]}),
    ]
    plan = build_plan(score(banks, {"A-1": 0, "B-1": 0}))
    # overall = (3 * alpha + beta) / 4; one level is 33.33 on its bank
    assert {i.qid: i.rounded_gain for i in plan.ranked} == {"A-1": 25.0, "B-1": 8.33}
    assert [i.qid for i in plan.ranked] == ["A-1", "B-1"]


def test_a_step_that_makes_other_questions_applicable_counts_in_the_gain() -> None:
    bank = make_bank(
        sections={
            "s": [
                q("A-0", "yesno", actions=[act(1, "start it")]),
                q("A-1", when="A-0 == yes"),
                q("A-2"),
            ]
        }
    )
    # now: A-0 no (0), A-1 not applicable, A-2 level 3 -> bank 50; with A-0 yes,
    # A-1 becomes applicable but unanswered (no score): (100 + 100) / 2 = 100 -> +50
    plan = build_plan(score(bank, {"A-0": "no", "A-2": 3}))
    assert plan.ranked[0].rounded_gain == 50.0


def test_weight_zero_question_has_no_gain_but_keeps_its_place() -> None:
    bank = make_bank(
        sections={"s": [q("A-1", weight=0, actions=SCALE_ACTIONS), q("A-2", actions=SCALE_ACTIONS)]}
    )
    plan = build_plan(score(bank, {"A-1": 0, "A-2": 0}))
    assert [(i.qid, i.rounded_gain) for i in plan.ranked] == [("A-2", 33.33), ("A-1", 0.0)]


# ---------------------------------------------------------------- decisions


def _decided(plan_block: dict) -> object:
    return build_plan(score(_ranking_bank(), RANKING_ANSWERS, plan=plan_block))


def test_done_deferred_and_dropped_leave_the_ranking_with_their_reasons() -> None:
    plan = _decided(
        {
            "A-4": PlanEntry(status="dropped", reason="Covered by the regional team"),
            "A-1": PlanEntry(status="deferred", reason="After the restructure"),
            "A-2": PlanEntry(status="done", owner="Midshire Police"),
        }
    )
    assert [i.qid for i in plan.ranked] == ["A-3"]
    assert plan.ranked[0].rank == 1
    # listed in bank order, with their reasons
    assert [(c.qid, c.status, c.reason) for c in plan.closed] == [
        ("A-1", "deferred", "After the restructure"),
        ("A-2", "done", None),
        ("A-4", "dropped", "Covered by the regional team"),
    ]
    assert plan.closed[0].next_step.do == "A-1 step"


def test_open_decisions_keep_their_place_and_show_owner_due_and_status() -> None:
    plan = _decided(
        {
            "A-1": PlanEntry(owner="Midshire County Council", due="2027-09-30", status="agreed"),
            "A-2": PlanEntry(status="proposed"),
            "A-3": PlanEntry(owner="OPCC", status="in progress"),
        }
    )
    assert [i.qid for i in plan.ranked] == ["A-4", "A-2", "A-1", "A-3"]  # as undecided
    a1 = plan.item("A-1")
    assert (a1.owner, a1.due, a1.status) == ("Midshire County Council", "2027-09-30", "agreed")
    assert plan.item("A-2").status == "proposed"
    assert plan.item("A-3").owner == "OPCC"
    assert plan.item("A-4").decision is None
    assert plan.closed == ()
    assert [i.qid for i in plan.decided] == ["A-2", "A-1", "A-3"]


def test_a_closed_decision_on_a_question_with_no_step_now_is_still_listed() -> None:
    plan = build_plan(
        score(_ranking_bank(), RANKING_ANSWERS | {"A-1": 3}, plan={"A-1": PlanEntry(status="done")})
    )
    assert [(c.qid, c.next_step) for c in plan.closed] == [("A-1", None)]


def test_items_carry_the_answer_note_and_suggested_owner() -> None:
    bank = make_bank(sections={"s": [q("A-1", actions=SCALE_ACTIONS)]})
    card = score(bank, {"A-1": answer(1, note="Only the police have a pathway")})
    (item,) = build_plan(card).ranked
    assert item.current == "Level 1: Early progress."
    assert item.note == "Only the police have a pathway"
    assert item.suggested_owner == "Police"
    assert (item.owner, item.due, item.status) == (None, None, None)


# ---------------------------------------------------------------- top N


def test_top_n_splits_priorities_from_further_actions() -> None:
    plan = build_plan(score(_ranking_bank(), RANKING_ANSWERS), top=2)
    assert [i.qid for i in plan.priorities] == ["A-4", "A-2"]
    assert [(i.rank, i.qid) for i in plan.further] == [(3, "A-1"), (4, "A-3")]
    every = build_plan(score(_ranking_bank(), RANKING_ANSWERS), top=None)
    assert len(every.priorities) == 4 and every.further == ()
    default = build_plan(score(_ranking_bank(), RANKING_ANSWERS))
    assert default.top == 15 and len(default.priorities) == 4


@pytest.mark.parametrize("bad", [0, -3])
def test_top_must_be_at_least_one(bad: int) -> None:
    with pytest.raises(UsageError, match="--top"):
        build_plan(score(_ranking_bank(), RANKING_ANSWERS), top=bad)


# ---------------------------------------------------------------- evidence gaps, counts


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
