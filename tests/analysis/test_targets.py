"""Targets and progress: gap to target and percent of the way, from the score card."""

from __future__ import annotations

import pytest
from bank_builder import make_bank, q, score

from msht_toolkit.analysis.targets import (
    BANK,
    BELOW,
    MET,
    NOT_FOUND,
    NOT_RATED,
    OVERDUE,
    QUESTION,
    SECTION,
    ordered,
    percent_of_way,
    progress,
    summarise,
)
from msht_toolkit.assessment.model import Target


def _bank() -> object:
    return make_bank(
        "alpha",
        {
            "s1": [q("A-1", weight=2), q("A-2", "yesno"), q("A-3")],
            "s2": [q("A-4"), q("A-5")],
        },
    )


def _progress(answers: dict, targets: dict, **kw: object) -> dict[str, object]:
    card = score(_bank(), answers, targets=targets, **kw)
    return {p.key: p for p in progress(card)}


def test_question_level_target_compares_levels() -> None:
    out = _progress({"A-1": 1}, {"A-1": Target(level=3, by="2028-03-31")})
    p = out["A-1"]
    assert p.kind == QUESTION
    assert p.status == BELOW
    assert p.levels_to_go == 2
    assert p.gap_text == "2 levels"
    assert p.current_text == "level 1"
    assert p.target_text == "level 3"
    assert p.gap == pytest.approx(200 / 3)
    # 33.3 of the way from 0 to 100
    assert p.percent_of_way == pytest.approx(100 / 3)
    assert p.percent_text == "33%"


def test_question_at_or_above_target_is_met() -> None:
    out = _progress({"A-1": 3, "A-3": 2}, {"A-1": Target(level=2), "A-3": Target(level=2)})
    for key in ("A-1", "A-3"):
        assert out[key].status == MET
        assert out[key].gap == 0.0
        assert out[key].percent_of_way == 100.0
        assert out[key].gap_text == "met"


def test_question_score_target() -> None:
    out = _progress({"A-3": 2}, {"A-3": Target(score=75)})
    p = out["A-3"]
    assert p.status == BELOW
    assert p.levels_to_go is None
    assert p.gap == pytest.approx(75 - 200 / 3)
    assert p.gap_text == "8.3 points"
    assert p.percent_of_way == pytest.approx((200 / 3) / 75 * 100)


def test_bank_and_section_targets_use_the_scorecard_numbers() -> None:
    answers = {"A-1": 3, "A-2": "no", "A-3": 0, "A-4": 3, "A-5": 3}
    card = score(_bank(), answers, targets={"alpha": Target(score=60), "alpha/s2": Target(level=2)})
    out = {p.key: p for p in progress(card)}
    assert out["alpha"].kind == BANK
    assert out["alpha"].current == card.bank("alpha").score
    assert out["alpha"].current == pytest.approx(400 / 6)  # (200 + 0 + 0 + 100 + 100) / 6
    assert out["alpha"].status == MET
    assert out["alpha/s2"].kind == SECTION
    assert out["alpha/s2"].current == card.bank("alpha").sections[1].score
    assert out["alpha/s2"].status == MET
    assert out["alpha/s2"].title == "Bank alpha: Section s2"


def test_bank_below_target_reports_the_gap_in_points() -> None:
    answers = {"A-1": 2, "A-2": "no", "A-3": 1, "A-4": 1, "A-5": 1}
    card = score(_bank(), answers, targets={"alpha": Target(score=75)})
    (p,) = progress(card)
    bank_score = card.bank("alpha").score
    assert p.status == BELOW
    assert p.gap == pytest.approx(75 - bank_score)
    assert p.percent_of_way == pytest.approx(bank_score / 75 * 100)


def test_a_question_above_target_does_not_hide_one_below_it() -> None:
    # the section as a whole is above its target, one question in it is above
    # its own target, another is below: every target is reported on its own
    answers = {"A-1": 3, "A-2": "yes", "A-3": 1}
    targets = {
        "alpha/s1": Target(score=60),
        "A-1": Target(level=2),
        "A-3": Target(level=2),
    }
    card = score(_bank(), answers, targets=targets)
    items = progress(card)
    assert {p.key: p.status for p in items} == {"alpha/s1": MET, "A-1": MET, "A-3": BELOW}
    first = ordered(items)[0]
    assert first.key == "A-3"
    summary = summarise(items)
    assert (summary.total, summary.met, summary.below) == (3, 2, 1)
    assert summary.sentence() == "2 of 3 targets met; 1 below target."


def test_ordered_puts_overdue_then_largest_gap_first() -> None:
    targets = {
        "A-1": Target(level=3),  # met
        "A-3": Target(level=2),  # 1 level short
        "A-4": Target(level=3, by="2026-01-31"),  # past due on the assessment date
        "A-5": Target(level=3),  # 3 levels short
    }
    card = score(
        _bank(), {"A-1": 3, "A-3": 1, "A-4": 2, "A-5": 0}, targets=targets, assessed_on="2027-03-14"
    )
    keys = [p.key for p in ordered(progress(card))]
    assert keys == ["A-4", "A-5", "A-3", "A-1"]
    assert {p.key: p.status for p in progress(card)}["A-4"] == OVERDUE
    assert "1 past the target date" in summarise(progress(card)).sentence()


def test_target_date_after_assessment_is_not_overdue() -> None:
    out = _progress({"A-1": 0}, {"A-1": Target(level=3, by="2028-03-31")}, assessed_on="2027-03-14")
    assert out["A-1"].status == BELOW


def test_unrated_and_unknown_targets_are_reported_not_dropped() -> None:
    targets = {
        "A-2": Target(level=3),  # unanswered
        "A-5": Target(score=50),  # not applicable
        "NOPE-1": Target(level=2),
        "alpha/nope": Target(score=10),
    }
    out = _progress({"A-5": "na"}, targets)
    assert out["A-2"].status == NOT_RATED
    assert out["A-2"].current_text == "not answered"
    assert out["A-5"].status == NOT_RATED
    assert out["A-5"].current_text == "not applicable"
    assert out["NOPE-1"].status == NOT_FOUND
    assert out["alpha/nope"].status == NOT_FOUND
    summary = summarise(list(out.values()))
    assert summary.sentence() == (
        "0 of 4 targets met; 2 not yet rated; 2 naming nothing in this assessment."
    )


def test_unknown_answer_is_below_target_at_zero() -> None:
    out = _progress({"A-1": "unknown"}, {"A-1": Target(level=1)})
    p = out["A-1"]
    assert p.status == BELOW
    assert p.current_text == "don't know"
    assert p.percent_of_way == 0.0


def test_level_target_on_a_yes_no_question_uses_the_score() -> None:
    out = _progress({"A-2": "yes"}, {"A-2": Target(level=3)})
    assert out["A-2"].status == MET
    assert out["A-2"].current_text == "Yes"


def test_percent_of_the_way_from_a_baseline() -> None:
    assert percent_of_way(50, 80) == pytest.approx(62.5)
    assert percent_of_way(50, 80, baseline=20) == pytest.approx(50.0)
    assert percent_of_way(10, 80, baseline=20) == 0.0  # slipped back
    assert percent_of_way(90, 80, baseline=20) == 100.0
    card = score(_bank(), {"A-3": 2}, targets={"A-3": Target(level=3)})
    (p,) = progress(card, baselines={"A-3": 100 / 3})
    assert p.percent_of_way == pytest.approx(50.0)
    assert p.baseline == pytest.approx(100 / 3)


def test_no_targets() -> None:
    card = score(_bank(), {"A-1": 1})
    assert progress(card) == []
    assert summarise([]).sentence() == "No targets are set."


def test_a_score_target_on_a_number_question_shows_the_score_beside_the_count() -> None:
    # "aim score 75, now 5" would compare a score with a raw count
    from msht_toolkit.assessment.model import Answer, Assessment
    from msht_toolkit.banks.loader import load_bank_text
    from msht_toolkit.scoring.scorer import score_assessment

    bank = load_bank_text(
        "schema: msht-bank/1\nid: b\ntitle: B\nversion: '1'\ntheme: prepare\nsections:\n"
        "  - id: s\n    title: S\n    questions:\n"
        "      - id: N-1\n        text: How many agencies attend?\n        type: number\n"
        "        thresholds: [{min: 0, score: 0}, {min: 5, score: 0.5}, {min: 9, score: 1}]\n"
    )
    assessment = Assessment(answers={"N-1": Answer(value=5)}, targets={"N-1": Target(score=75)})
    (p,) = progress(score_assessment(assessment, [bank]))
    assert p.current_text == "5 (score 50.0)"
