"""Every scoring rule, on small hand-computed cases.

Banks are built through the real bank loader (``tests/bank_builder.py``); expected
numbers are worked out by hand in each test.
"""

from __future__ import annotations

import json

import pytest
from bank_builder import make_bank, q, score
from score_shape import score_shape_problems

from msht_toolkit.render.json.score import dumps, score_json
from msht_toolkit.scoring.scorer import (
    AMBER,
    EXCLUDED_NA,
    EXCLUDED_TEXT,
    EXCLUDED_UNANSWERED,
    EXCLUDED_WEIGHT0,
    EXCLUDED_WHEN,
    GREEN,
    RAG_ORDER,
    RED,
    UNRATED,
    Rag,
    rag_for,
    round_score,
    weighted_mean,
)

# ---------------------------------------------------------------- question fractions


@pytest.mark.parametrize(("level", "expected"), [(0, 0.0), (1, 100 / 3), (2, 200 / 3), (3, 100.0)])
def test_scale_scores_level_over_three(level: int, expected: float) -> None:
    card = score(make_bank(sections={"s": [q("A-1")]}), {"A-1": level})
    assert card.question("A-1").score == pytest.approx(expected)


@pytest.mark.parametrize(("value", "expected"), [("yes", 100.0), ("no", 0.0)])
def test_yesno_scores_all_or_nothing(value: str, expected: float) -> None:
    card = score(make_bank(sections={"s": [q("A-1", "yesno")]}), {"A-1": value})
    assert card.question("A-1").score == expected


@pytest.mark.parametrize(("option", "expected"), [("none", 0.0), ("some", 50.0), ("all", 100.0)])
def test_choice_scores_the_option_score(option: str, expected: float) -> None:
    card = score(make_bank(sections={"s": [q("A-1", "choice")]}), {"A-1": option})
    assert card.question("A-1").score == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(-5, 0.0), (0, 0.0), (9.99, 0.0), (10, 50.0), (19, 50.0), (20, 100.0), (1000, 100.0)],
)
def test_number_scores_highest_threshold_at_or_below(value: float, expected: float) -> None:
    card = score(make_bank(sections={"s": [q("A-1", "number")]}), {"A-1": value})
    assert card.question("A-1").score == expected


def test_number_below_every_threshold_scores_zero() -> None:
    question = q("A-1", "number", thresholds=[{"min": 5, "score": 0.4}, {"min": 8, "score": 1}])
    card = score(make_bank(sections={"s": [question]}), {"A-1": 3})
    assert card.question("A-1").score == 0.0
    assert card.question("A-1").rag == RED


@pytest.mark.parametrize("qtype", ["scale", "yesno", "choice", "number"])
def test_unknown_scores_zero_is_answered_and_is_an_evidence_gap(qtype: str) -> None:
    card = score(
        make_bank(sections={"s": [q("A-1", qtype), q("A-2")]}), {"A-1": "unknown", "A-2": 3}
    )
    result = card.question("A-1")
    assert result.score == 0.0
    assert result.rag == RED
    assert result.answered and result.applicable
    assert result.evidence_gap
    assert not card.question("A-2").evidence_gap
    # the 0 counts in the mean: (0 + 100) / 2
    assert card.banks[0].score == pytest.approx(50.0)
    assert card.banks[0].completeness == 1.0


def test_question_weights_weight_the_section_mean() -> None:
    bank = make_bank(sections={"s": [q("A-1", weight=2), q("A-2", weight=1)]})
    card = score(bank, {"A-1": 3, "A-2": 0})
    # (100*2 + 0*1) / 3
    assert card.banks[0].sections[0].score == pytest.approx(200 / 3)
    card = score(bank, {"A-1": 0, "A-2": 3})
    assert card.banks[0].sections[0].score == pytest.approx(100 / 3)


def test_fractional_question_weights() -> None:
    bank = make_bank(sections={"s": [q("A-1", weight=0.5), q("A-2", weight=1.5)]})
    card = score(bank, {"A-1": 3, "A-2": 1})
    # (100*0.5 + 33.33*1.5) / 2 = 50
    assert card.banks[0].score == pytest.approx(50.0)


# ---------------------------------------------------------------- exclusions


def test_na_is_excluded_from_every_denominator() -> None:
    bank = make_bank(sections={"s": [q("A-1"), q("A-2"), q("A-3")]})
    card = score(bank, {"A-1": 3, "A-2": "na", "A-3": 1})
    na = card.question("A-2")
    assert na.score is None and na.rag == UNRATED
    assert not na.applicable and not na.answered
    assert na.excluded == EXCLUDED_NA
    assert not na.evidence_gap
    section = card.banks[0].sections[0]
    assert section.score == pytest.approx((100 + 100 / 3) / 2)
    assert (section.answered, section.applicable) == (2, 2)
    assert section.completeness == 1.0


def test_when_false_is_not_applicable_even_with_a_stored_answer() -> None:
    bank = make_bank(sections={"s": [q("A-1", "yesno"), q("A-2", when="A-1 == yes"), q("A-3")]})
    card = score(bank, {"A-1": "no", "A-2": 0, "A-3": 3})
    skipped = card.question("A-2")
    assert not skipped.applicable
    assert skipped.score is None and skipped.rag == UNRATED
    assert skipped.excluded == EXCLUDED_WHEN
    # only A-1 (0) and A-3 (100) count
    assert card.banks[0].score == pytest.approx(50.0)
    assert card.banks[0].applicable == 2

    card = score(bank, {"A-1": "yes", "A-2": 0, "A-3": 3})
    assert card.question("A-2").applicable
    assert card.banks[0].score == pytest.approx(200 / 3)


def test_when_on_a_question_that_is_itself_not_applicable_reads_na() -> None:
    bank = make_bank(
        sections={
            "s": [
                q("A-1", "yesno"),
                q("A-2", "yesno", when="A-1 == yes"),
                q("A-3", when="A-2 != yes"),
            ]
        }
    )
    # A-2 is stored as yes but not applicable (A-1 is no), so A-3 sees it as na
    card = score(bank, {"A-1": "no", "A-2": "yes", "A-3": 2})
    assert not card.question("A-2").applicable
    assert card.question("A-3").applicable


def test_text_questions_are_never_scored_but_count_for_completeness() -> None:
    bank = make_bank(sections={"s": [q("A-1", "text"), q("A-2"), q("A-3")]})
    card = score(bank, {"A-1": "We meet monthly.", "A-2": 3})
    text = card.question("A-1")
    assert text.score is None and text.rag == UNRATED
    assert text.excluded == EXCLUDED_TEXT
    assert text.answered
    assert card.banks[0].score == 100.0
    # answered out of three applicable
    assert card.banks[0].completeness == pytest.approx(2 / 3)


def test_weight_zero_questions_are_recorded_not_scored() -> None:
    bank = make_bank(sections={"s": [q("A-1", weight=0), q("A-2")]})
    card = score(bank, {"A-1": 0, "A-2": 3})
    zero = card.question("A-1")
    assert zero.score is None and zero.excluded == EXCLUDED_WEIGHT0
    assert zero.answered
    assert card.banks[0].score == 100.0
    assert card.banks[0].completeness == 1.0


def test_unanswered_has_no_score_and_lowers_completeness() -> None:
    bank = make_bank(sections={"s": [q("A-1"), q("A-2")]})
    card = score(bank, {"A-1": 3})
    missing = card.question("A-2")
    assert missing.score is None and missing.rag == UNRATED
    assert missing.applicable and not missing.answered
    assert missing.excluded == EXCLUDED_UNANSWERED
    assert not missing.evidence_gap
    assert card.banks[0].score == 100.0
    assert card.banks[0].completeness == 0.5


# ---------------------------------------------------------------- aggregation


def test_bank_score_weights_questions_not_sections() -> None:
    bank = make_bank(sections={"one": [q("A-1")], "three": [q("A-2"), q("A-3"), q("A-4")]})
    card = score(bank, {"A-1": 3, "A-2": 0, "A-3": 0, "A-4": 0})
    one, three = card.banks[0].sections
    assert one.score == 100.0
    assert three.score == 0.0
    # 100 / 4, not the mean of the section means (50)
    assert card.banks[0].score == pytest.approx(25.0)


def test_theme_is_the_weighted_mean_of_its_rated_banks() -> None:
    a = make_bank("alpha", {"s": [q("A-1")]}, theme="prepare", weight=1)
    b = make_bank("beta", {"s": [q("B-1")]}, theme="prepare", weight=3)
    c = make_bank("gamma", {"s": [q("C-1")]}, theme="prepare", weight=5)
    card = score([a, b, c], {"A-1": 3, "B-1": 0})  # gamma unanswered: unrated
    theme = card.themes[0]
    assert theme.id == "prepare"
    assert theme.banks == ("alpha", "beta", "gamma")
    # (100*1 + 0*3) / 4; gamma's weight does not count
    assert theme.score == pytest.approx(25.0)
    assert theme.rag == RED


def test_overall_is_the_weighted_mean_of_rated_banks_by_bank_weight() -> None:
    a = make_bank("alpha", {"s": [q("A-1"), q("A-2")]}, theme="pursue", weight=2)
    b = make_bank("beta", {"s": [q("B-1")]}, theme="protect", weight=1)
    c = make_bank("gamma", {"s": [q("C-1")]}, theme="prevent", weight=1)
    card = score([a, b, c], {"A-1": 3, "A-2": 1, "B-1": 0})
    assert card.bank("alpha").score == pytest.approx(200 / 3)
    # (66.67*2 + 0*1) / 3, gamma unrated
    assert card.overall.score == pytest.approx(400 / 9)
    assert card.overall.rag == AMBER
    assert [t.id for t in card.themes] == ["pursue", "prevent", "protect"]
    assert card.themes[1].rag == UNRATED and card.themes[1].score is None


def test_themes_list_only_themes_of_banks_in_scope() -> None:
    a = make_bank("alpha", {"s": [q("A-1")]}, theme="protect")
    b = make_bank("beta", {"s": [q("B-1")]}, theme="cross-cutting")
    card = score([a, b], {"A-1": 3, "B-1": 3})
    assert [t.id for t in card.themes] == ["protect", "cross-cutting"]


def test_weighted_mean_ignores_nulls_and_zero_weights() -> None:
    assert weighted_mean([(None, 1), (50.0, 0), (10.0, 1), (40.0, 2)]) == pytest.approx(30.0)
    assert weighted_mean([(None, 1), (5.0, 0)]) is None
    assert weighted_mean([]) is None


# ---------------------------------------------------------------- RAG thresholds


@pytest.mark.parametrize(
    ("value", "rag"),
    [
        (100, GREEN),
        (75, GREEN),
        (74.99, AMBER),
        (40, AMBER),
        (39.99, RED),
        (0, RED),
        (None, UNRATED),
    ],
)
def test_default_thresholds(value: float | None, rag: str) -> None:
    assert rag_for(value) == rag


def _fraction_bank(fraction: float, **extra: object) -> object:
    """A bank whose single number question scores exactly ``fraction``."""
    question = q(
        "A-1", "number", thresholds=[{"min": 0, "score": 0}, {"min": 1, "score": fraction}]
    )
    return make_bank(sections={"s": [question]}, **extra)


def test_rag_decided_on_the_unrounded_score_79_96_is_amber_under_80() -> None:
    bank = _fraction_bank(0.7996, rag={"green": 80, "amber": 50})
    card = score(bank, {"A-1": 1})
    result = card.question("A-1")
    assert result.score == pytest.approx(79.96)
    assert round_score(result.score) == 80.0
    assert result.rag == AMBER
    assert card.banks[0].sections[0].rag == AMBER
    assert card.banks[0].rag == AMBER
    doc = score_json(card)
    assert doc["banks"][0]["score"] == 80.0 and doc["banks"][0]["rag"] == "AMBER"
    # themes and overall use 75 / 40, whatever the bank's thresholds
    assert card.themes[0].rag == GREEN
    assert card.overall.rag == GREEN


def test_per_bank_thresholds_apply_to_questions_sections_and_bank() -> None:
    bank = _fraction_bank(0.6, rag={"green": 60, "amber": 30})
    card = score(bank, {"A-1": 1})
    assert card.question("A-1").rag == GREEN
    assert card.banks[0].sections[0].rag == GREEN
    assert card.banks[0].rag == GREEN
    assert card.overall.rag == AMBER  # 60 under the default 75

    strict = _fraction_bank(0.6, rag={"green": 90, "amber": 70})
    card = score(strict, {"A-1": 1})
    assert card.question("A-1").rag == RED
    assert card.banks[0].rag == RED
    assert card.overall.rag == AMBER


def test_thresholds_are_inclusive_at_the_boundary() -> None:
    card = score(_fraction_bank(0.5, rag={"green": 80, "amber": 50}), {"A-1": 1})
    assert card.banks[0].rag == AMBER
    card = score(_fraction_bank(0.8, rag={"green": 80, "amber": 50}), {"A-1": 1})
    assert card.banks[0].rag == GREEN


def test_two_banks_keep_their_own_thresholds() -> None:
    lax = make_bank("alpha", {"s": [q("A-1")]}, rag={"green": 60, "amber": 20})
    strict = make_bank("beta", {"s": [q("B-1")]}, rag={"green": 90, "amber": 70})
    card = score([lax, strict], {"A-1": 2, "B-1": 2})
    assert card.bank("alpha").rag == GREEN
    assert card.bank("beta").rag == RED
    assert card.question("A-1").rag == GREEN
    assert card.question("B-1").rag == RED


# ---------------------------------------------------------------- critical questions


def _critical_bank() -> object:
    return make_bank(
        sections={
            "s": [q("A-1", critical=True), q("A-2", weight=4), q("A-3", critical=True)],
            "t": [q("A-4")],
        }
    )


def test_critical_red_caps_its_section_whatever_the_average() -> None:
    card = score(_critical_bank(), {"A-1": 1, "A-2": 3, "A-3": 3, "A-4": 3})
    section = card.banks[0].sections[0]
    # (33.3 + 400 + 100) / 6 = 88.9: GREEN on average
    assert section.score == pytest.approx((100 / 3 + 400 + 100) / 6)
    assert section.uncapped_rag == GREEN
    assert section.rag == RED
    assert section.capped_by == "A-1"
    # the score itself is not changed by the cap, and the bank is rated on its score
    assert card.banks[0].score == pytest.approx((100 / 3 + 400 + 100 + 100) / 7)
    assert card.banks[0].rag == GREEN
    assert card.banks[0].sections[1].capped_by is None


def test_critical_unknown_caps_its_section() -> None:
    card = score(_critical_bank(), {"A-1": "unknown", "A-2": 3, "A-3": 3})
    assert card.banks[0].sections[0].rag == RED
    assert card.banks[0].sections[0].capped_by == "A-1"


def test_capped_by_names_the_first_critical_red_question() -> None:
    card = score(_critical_bank(), {"A-1": 0, "A-2": 3, "A-3": 0})
    assert card.banks[0].sections[0].capped_by == "A-1"
    card = score(_critical_bank(), {"A-1": 2, "A-2": 3, "A-3": 0})
    assert card.banks[0].sections[0].capped_by == "A-3"


def test_critical_amber_or_green_caps_nothing() -> None:
    card = score(_critical_bank(), {"A-1": 2, "A-2": 3, "A-3": 3})
    section = card.banks[0].sections[0]
    assert section.capped_by is None
    assert section.rag == GREEN


@pytest.mark.parametrize("value", ["na", None])
def test_critical_not_applicable_or_unanswered_caps_nothing(value: object) -> None:
    answers = {"A-2": 3, "A-3": 3}
    if value is not None:
        answers["A-1"] = value
    card = score(_critical_bank(), answers)
    section = card.banks[0].sections[0]
    assert section.capped_by is None
    assert section.rag == GREEN


def test_critical_when_false_caps_nothing() -> None:
    bank = make_bank(
        sections={"s": [q("A-0", "yesno"), q("A-1", critical=True, when="A-0 == yes"), q("A-2")]}
    )
    card = score(bank, {"A-0": "yes", "A-1": 0, "A-2": 3})
    assert card.banks[0].sections[0].capped_by == "A-1"
    card = score(bank, {"A-0": "no", "A-1": 0, "A-2": 3})
    assert card.banks[0].sections[0].capped_by is None
    assert card.banks[0].sections[0].rag == AMBER  # (0 + 100) / 2 = 50


def test_critical_red_is_judged_by_the_bank_thresholds() -> None:
    # level 1 is 33.3: RED under the default amber 40, AMBER under amber 30
    lax = make_bank(
        sections={"s": [q("A-1", critical=True), q("A-2")]}, rag={"green": 75, "amber": 30}
    )
    card = score(lax, {"A-1": 1, "A-2": 3})
    assert card.banks[0].sections[0].capped_by is None


@pytest.mark.parametrize(
    ("answers", "failing"),
    [
        ({"A-1": 1}, True),  # RED
        ({"A-1": "unknown"}, True),  # don't know is RED
        ({"A-1": 2}, False),  # AMBER
        ({"A-1": "na"}, False),
        ({}, False),  # unanswered
    ],
)
def test_a_critical_failure_is_a_critical_question_rated_red(answers: dict, failing: bool):
    card = score(_critical_bank(), {**answers, "A-2": 3, "A-3": 3})
    assert card.question("A-1").critical_failure is failing
    assert card.question("A-2").critical_failure is False  # not critical, whatever its rating
    assert (card.banks[0].sections[0].capped_by == "A-1") is failing


def test_a_red_question_that_is_not_critical_is_no_critical_failure() -> None:
    card = score(_critical_bank(), {"A-1": 3, "A-2": 0, "A-3": 3})
    assert card.question("A-2").rag == RED
    assert not card.question("A-2").critical_failure


def test_capped_section_shows_in_json() -> None:
    card = score(_critical_bank(), {"A-1": 0, "A-2": 3, "A-3": 3, "A-4": 3})
    section = score_json(card)["banks"][0]["sections"][0]
    assert section["capped_by"] == "A-1"
    assert section["rag"] == "RED"
    assert section["score"] == round((0 + 400 + 100) / 6, 1)


# ---------------------------------------------------------------- completeness


def test_completeness_and_provisional_threshold() -> None:
    five = make_bank(sections={"s": [q(f"A-{i}") for i in range(5)]})
    card = score(five, {f"A-{i}": 2 for i in range(4)})  # 4/5 = 0.8
    assert card.banks[0].completeness == 0.8
    assert not card.banks[0].provisional
    card = score(five, {f"A-{i}": 2 for i in range(3)})  # 3/5 = 0.6
    assert card.banks[0].completeness == pytest.approx(0.6)
    assert card.banks[0].provisional
    assert card.banks[0].sections[0].provisional
    assert card.overall.provisional


def test_unknown_counts_as_answered_for_completeness() -> None:
    bank = make_bank(sections={"s": [q("A-1"), q("A-2")]})
    card = score(bank, {"A-1": "unknown", "A-2": "unknown"})
    assert card.banks[0].completeness == 1.0
    assert not card.banks[0].provisional


def test_overall_completeness_counts_questions_across_banks() -> None:
    a = make_bank("alpha", {"s": [q("A-1"), q("A-2"), q("A-3"), q("A-4")]})
    b = make_bank("beta", {"s": [q("B-1")]})
    card = score([a, b], {"A-1": 1, "A-2": 1, "A-3": 1, "A-4": 1})
    assert card.bank("beta").completeness == 0.0
    # 4 of 5 questions, not the mean of the banks' completeness (0.5)
    assert card.overall.completeness == pytest.approx(0.8)
    assert not card.overall.provisional
    assert card.bank("beta").provisional


def test_sections_have_their_own_completeness() -> None:
    bank = make_bank(sections={"full": [q("A-1")], "empty": [q("A-2"), q("A-3")]})
    card = score(bank, {"A-1": 2, "A-3": 2})
    full, half = card.banks[0].sections
    assert full.completeness == 1.0 and not full.provisional
    assert half.completeness == 0.5 and half.provisional


# ---------------------------------------------------------------- UNRATED


def test_nothing_answered_is_unrated_everywhere() -> None:
    bank = make_bank(sections={"s": [q("A-1"), q("A-2")]})
    card = score(bank, {})
    assert card.banks[0].score is None and card.banks[0].rag == UNRATED
    assert card.banks[0].sections[0].rag == UNRATED
    assert card.themes[0].rag == UNRATED
    assert card.overall.score is None and card.overall.rag == UNRATED
    assert card.overall.completeness == 0.0 and card.overall.provisional


def test_only_unscored_answers_leave_a_section_unrated() -> None:
    bank = make_bank(
        sections={"s": [q("A-1", "text"), q("A-2", weight=0), q("A-3")], "t": [q("A-4")]}
    )
    card = score(bank, {"A-1": "notes", "A-2": 3, "A-3": "na", "A-4": 1})
    s, t = card.banks[0].sections
    assert s.score is None and s.rag == UNRATED
    assert s.completeness == 1.0  # both applicable questions answered
    assert t.rag == RED
    assert card.banks[0].score == pytest.approx(100 / 3)


def test_unrated_bank_is_left_out_of_theme_and_overall() -> None:
    a = make_bank("alpha", {"s": [q("A-1")]}, weight=1)
    b = make_bank("beta", {"s": [q("B-1")]}, weight=10)
    card = score([a, b], {"A-1": 3, "B-1": "na"})
    assert card.bank("beta").rag == UNRATED
    assert card.overall.score == 100.0
    assert card.overall.rag == GREEN


# ---------------------------------------------------------------- JSON output


def test_json_lists_every_question_in_bank_order_with_rounding() -> None:
    bank = make_bank(
        sections={
            "s": [q("A-3"), q("A-1", "yesno"), q("A-2", "text")],
            "t": [q("A-9", critical=True)],
        }
    )
    card = score(bank, {"A-3": 2, "A-2": "words", "A-9": 1})
    doc = score_json(card)
    assert score_shape_problems(doc) == []
    sections = doc["banks"][0]["sections"]
    assert [[x["id"] for x in s["questions"]] for s in sections] == [["A-3", "A-1", "A-2"], ["A-9"]]
    first = sections[0]["questions"]
    assert first[0] == {"id": "A-3", "value": 2, "critical": False, "score": 66.7, "rag": "AMBER"}
    assert first[1] == {
        "id": "A-1",
        "value": None,
        "critical": False,
        "score": None,
        "rag": "UNRATED",
    }
    assert first[2]["value"] == "words" and first[2]["score"] is None
    assert sections[0]["completeness"] == 0.667
    assert sections[1]["capped_by"] == "A-9"
    assert sections[1]["questions"][0]["critical"] is True
    assert json.loads(dumps(doc)) == doc


def test_json_top_level_matches_the_spec_example_shape() -> None:
    a = make_bank("identification", {"nrm": [q("ID-NRM-01", critical=True, weight=2)]})
    card = score(a, {"ID-NRM-01": 2}, partnership="Midshire Anti-Slavery Partnership")
    doc = score_json(card)
    assert doc == {
        "schema": "msht-score/1",
        "partnership": "Midshire Anti-Slavery Partnership",
        "period": "2026/27",
        "overall": {"score": 66.7, "rag": "AMBER", "completeness": 1.0, "provisional": False},
        "themes": [{"id": "prepare", "score": 66.7, "rag": "AMBER"}],
        "banks": [
            {
                "id": "identification",
                "version": "1.0",
                "theme": "prepare",
                "score": 66.7,
                "rag": "AMBER",
                "completeness": 1.0,
                "provisional": False,
                "sections": [
                    {
                        "id": "nrm",
                        "score": 66.7,
                        "rag": "AMBER",
                        "completeness": 1.0,
                        "provisional": False,
                        "capped_by": None,
                        "questions": [
                            {
                                "id": "ID-NRM-01",
                                "value": 2,
                                "critical": True,
                                "score": 66.7,
                                "rag": "AMBER",
                            }
                        ],
                    }
                ],
            }
        ],
        "sign_off": None,  # never signed off
        "measures": [],  # no measures loaded beside this bank
    }


# ---------------------------------------------------------------- scope and bundled banks


def test_scored_against_the_bank_versions_the_file_names(bankset: object, write_assessment) -> None:
    from msht_toolkit.assessment.check import check_answers
    from msht_toolkit.assessment.reading import load_assessment
    from msht_toolkit.scoring.scorer import score_assessment

    path = write_assessment({"ID-NRM-03": 3}, banks={"identification": "2025.1"})
    assessment = load_assessment(path)
    banks = check_answers(assessment, bankset)
    card = score_assessment(assessment, banks)
    assert [(b.id, b.bank.version) for b in card.banks] == [("identification", "2025.1")]
    assert card.question("ID-NRM-03").score == 100.0
    assert card.question("ID-NRM-04") is None  # only in 2026.1


def test_no_banks_map_scores_every_current_bank(bankset: object, write_assessment) -> None:
    from msht_toolkit.assessment.check import check_answers
    from msht_toolkit.assessment.reading import load_assessment
    from msht_toolkit.scoring.scorer import score_assessment

    assessment = load_assessment(write_assessment({"PS-INV-01": 2}))
    card = score_assessment(assessment, check_answers(assessment, bankset))
    assert [b.id for b in card.banks] == list(bankset.current)
    assert all(b.bank.version == bankset.current[b.id].version for b in card.banks)
    assert card.bank("pursue").score == pytest.approx(200 / 3)
    assert card.overall.score == pytest.approx(200 / 3)  # the only rated bank


# ---------------------------------------------------------------- what a key names


def _two_banks() -> object:
    alpha = make_bank(sections={"s1": [q("A-1")], "s2": [q("A-2")]})
    beta = make_bank("beta", sections={"t": [q("B-1")]})
    return score([alpha, beta], {"A-1": 3, "A-2": 0, "B-1": 2})


def test_a_key_names_a_section_a_bank_or_a_question() -> None:
    card = _two_banks()
    assert card.subject("alpha/s2") is card.banks[0].sections[1]
    assert card.section("alpha", "s2") is card.banks[0].sections[1]
    assert card.subject("beta") is card.banks[1]
    assert card.subject("A-2") is card.question("A-2")


@pytest.mark.parametrize("key", ["alpha/nope", "nope/s1", "A-9", "", "beta/"])
def test_a_key_that_names_nothing_is_none(key: str) -> None:
    assert _two_banks().subject(key) is None


# ---------------------------------------------------------------- the rating words


def test_a_rating_is_an_enum_that_reads_and_writes_as_its_word() -> None:
    assert rag_for(80) is Rag.GREEN and rag_for(None) is Rag.UNRATED
    assert (RED, AMBER, GREEN, UNRATED) == ("RED", "AMBER", "GREEN", "UNRATED")
    assert RAG_ORDER == (Rag.RED, Rag.AMBER, Rag.GREEN) == ("RED", "AMBER", "GREEN")
    assert f"{Rag.AMBER}" == str(Rag.AMBER) == "AMBER"
    assert repr(Rag.RED) == repr("RED")  # messages and chart ids are made from reprs
    assert json.dumps({Rag.RED: Rag.GREEN}) == '{"RED": "GREEN"}'
    assert {"RED": 1}[Rag.RED] == 1 and {Rag.RED: 1}["RED"] == 1


def test_the_score_json_holds_the_rating_words() -> None:
    card = score(make_bank(sections={"s": [q("A-1")]}), {"A-1": 3})
    assert card.overall.rag is Rag.GREEN
    assert '"rag": "GREEN"' in dumps(score_json(card))
