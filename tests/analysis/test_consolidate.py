"""`consolidate.py`: one question's responses consolidated by the lowest, median or
highest rule, per question type; the rule's check.

Values are given in stored form, as ``check_answers`` leaves them.
"""

from __future__ import annotations

import pytest
from merge_sources import question, responses, source

from msht_toolkit.analysis.consolidate import RULES, check_rule, consolidate
from msht_toolkit.analysis.merge import merge
from msht_toolkit.assessment.model import Response
from msht_toolkit.errors import UsageError

# ---------------------------------------------------------------- the rules, per type


@pytest.mark.parametrize(("rule", "expected"), [("lowest", 1), ("median", 2), ("highest", 3)])
def test_scale_rules_pick_lowest_median_highest_level(rule: str, expected: int) -> None:
    assert consolidate(question("A-1"), responses(3, 1, 2), rule) == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [((0, 1, 2, 3), 1), ((3, 2), 2), ((2, 2, 3, 3), 2), ((1, 3, 3, 0), 1)],
)
def test_median_of_an_even_count_takes_the_lower_middle(
    values: tuple[int, ...], expected: int
) -> None:
    assert consolidate(question("A-1"), responses(*values), "median") == expected


def test_lowest_is_the_default_rule() -> None:
    assert consolidate(question("A-1"), responses(2, 0, 3)) == 0


def test_unknown_scores_zero_and_is_lower_than_level_zero() -> None:
    scale = question("A-1")
    assert consolidate(scale, responses(0, "unknown", 3), "lowest") == "unknown"
    assert consolidate(scale, responses("unknown", 0), "lowest") == "unknown"
    assert consolidate(scale, responses("unknown", 0, 3), "highest") == 3
    assert consolidate(scale, responses("unknown", 2, 3), "median") == 2
    assert consolidate(scale, responses("unknown", 0), "median") == "unknown"


def test_na_only_when_every_agency_says_na() -> None:
    scale = question("A-1")
    for rule in RULES:
        assert consolidate(scale, responses("na", 2, "na"), rule) == 2
        assert consolidate(scale, responses("na", "na"), rule) == "na"
    assert consolidate(scale, responses("na", 3, 1), "lowest") == 1


def test_unanswered_responses_do_not_vote() -> None:
    scale = question("A-1")
    assert consolidate(scale, [Response("Police", None, note="no view"), *responses(3)]) == 3
    assert consolidate(scale, [Response("Police", None, note="no view")]) is None


def test_yesno_orders_no_below_yes() -> None:
    yesno = question("A-2")
    assert consolidate(yesno, responses("yes", "no"), "lowest") == "no"
    assert consolidate(yesno, responses("no", "yes"), "highest") == "yes"
    assert consolidate(yesno, responses("yes", "unknown"), "lowest") == "unknown"


def test_choice_orders_by_option_score_not_by_id() -> None:
    choice = question("A-3")  # alphabetical: all < none < some; by score: none < some < all
    assert consolidate(choice, responses("all", "some", "none"), "lowest") == "none"
    assert consolidate(choice, responses("none", "all", "some"), "median") == "some"
    assert consolidate(choice, responses("some", "none", "all"), "highest") == "all"


def test_number_orders_by_threshold_score_then_number() -> None:
    number = question("A-4")
    assert consolidate(number, responses(25, 5, 12), "lowest") == 5
    assert consolidate(number, responses(25, 5, 12), "median") == 12
    assert consolidate(number, responses(12, 15), "lowest") == 12  # same band: smaller first
    assert consolidate(number, responses(15, 12), "highest") == 15


def test_weight_zero_questions_are_ordered_by_level_too() -> None:
    assert consolidate(question("A-6"), responses(3, 1), "lowest") == 1
    assert consolidate(question("A-6"), responses(3, 1), "highest") == 3


def test_text_keeps_one_text_when_all_agree_else_joins_by_agency() -> None:
    text = question("A-5")
    same = [Response("Police", "Monthly panel"), Response("Council", "Monthly panel")]
    assert consolidate(text, same, "lowest") == "Monthly panel"
    differ = [Response("Police", "Monthly panel"), Response("Council", "Quarterly board")]
    expected = "Police: Monthly panel\nCouncil: Quarterly board"
    for rule in RULES:
        assert consolidate(text, differ, rule) == expected


def test_text_ignores_unknown_unless_nothing_else() -> None:
    text = question("A-5")
    mixed = [Response("Police", "unknown"), Response("Council", "Quarterly board")]
    assert consolidate(text, mixed) == "Quarterly board"
    assert consolidate(text, [Response("Police", "unknown"), Response("Council", "na")]) == (
        "unknown"
    )


def test_an_unknown_rule_is_refused() -> None:
    with pytest.raises(UsageError, match="lowest, median, highest"):
        consolidate(question("A-1"), responses(1), "average")
    with pytest.raises(UsageError):
        merge([source({"A-1": 1})], rule="mean")


@pytest.mark.parametrize("rule", RULES)
def test_every_rule_is_accepted(rule: str) -> None:
    assert check_rule(rule) == rule


def test_a_rule_is_refused_in_one_line_naming_what_it_is_called() -> None:
    with pytest.raises(UsageError) as caught:
        check_rule("average", "--rule")
    assert str(caught.value) == "--rule must be one of lowest, median, highest, not 'average'"
    with pytest.raises(UsageError, match=r"^the merge rule must be one of"):
        merge([source({"A-1": 1})], rule="mean")
