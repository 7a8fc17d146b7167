"""Answer values: normalising what was written, scoring it and describing it in words."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msht_toolkit.assessment.values import (
    ValueProblem,
    describe,
    fraction,
    normalize,
    unweighted_fraction,
)
from msht_toolkit.banks.model import Bank


def q(bank: Bank, kind: str) -> Any:
    return next(question for question in bank.questions() if question.type == kind)


@pytest.mark.parametrize(
    ("kind", "raw", "stored"),
    [
        ("scale", 0, 0),
        ("scale", 3.0, 3),
        ("scale", " 2 ", 2),
        ("yesno", True, "yes"),
        ("yesno", "No", "no"),
        ("yesno", "y", "yes"),
        ("choice", " all ", "all"),
        ("number", "1,200", 1200),
        ("number", 2.5, 2.5),
        ("number", -3, -3),
        ("text", "Some words", "Some words"),
        ("text", 42, "42"),
        ("scale", "Don't know", "unknown"),
        ("choice", "n/a", "na"),
        ("number", None, None),
    ],
)
def test_normalize(all_types_bank: Bank, kind: str, raw: Any, stored: Any) -> None:
    value = normalize(q(all_types_bank, kind), raw)
    assert value == stored and type(value) is type(stored)


@pytest.mark.parametrize(
    ("kind", "raw"),
    [
        ("scale", 4),
        ("scale", 1.5),
        ("scale", True),
        ("scale", "two"),
        ("yesno", 1),
        ("yesno", "maybe"),
        ("choice", "most"),
        ("choice", 1),
        ("number", "lots"),
        ("number", float("inf")),
        ("number", True),
        ("text", False),
        ("text", {"a": 1}),
        ("scale", 10**400),  # too large for a float: once an OverflowError
        ("number", 10**400),
        ("number", "1e999"),
    ],
)
def test_normalize_refuses(all_types_bank: Bank, kind: str, raw: Any) -> None:
    question = q(all_types_bank, kind)
    with pytest.raises(ValueProblem) as caught:
        normalize(question, raw)
    message = str(caught.value)
    assert message.startswith(question.id) and "\n" not in message


@pytest.mark.parametrize(
    ("kind", "value", "score"),
    [
        ("scale", 0, 0.0),
        ("scale", 2, 2 / 3),
        ("scale", 3, 1.0),
        ("yesno", "yes", 1.0),
        ("yesno", "no", 0.0),
        ("choice", "some", 0.5),
        ("number", 0, 0.0),  # below every threshold
        ("number", 1, 0.5),
        ("number", 4.9, 0.5),
        ("number", 5, 1.0),
        ("scale", "unknown", 0.0),
        ("scale", "na", None),
        ("scale", None, None),
        ("text", "words", None),
    ],
)
def test_fraction(all_types_bank: Bank, kind: str, value: Any, score: float | None) -> None:
    assert fraction(q(all_types_bank, kind), value) == score


def test_describe(all_types_bank: Bank) -> None:
    assert describe(q(all_types_bank, "scale"), 1) == "Level 1: Some partners."
    assert describe(q(all_types_bank, "choice"), "all") == "All staff"
    assert describe(q(all_types_bank, "yesno"), "no") == "No"
    assert describe(q(all_types_bank, "number"), 5.0) == "5"
    assert describe(q(all_types_bank, "scale"), None) == "not answered"
    assert describe(q(all_types_bank, "scale"), "unknown") == "don't know"
    assert describe(q(all_types_bank, "scale"), "na") == "not applicable"


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["scale", "yesno", "choice", "number", "text"]),
    st.none()
    | st.booleans()
    | st.integers()
    | st.integers(min_value=10**300, max_value=10**400)
    | st.floats()
    | st.text(max_size=20)
    | st.lists(st.integers(), max_size=2),
)
def test_normalize_fits_or_says_why(all_types_bank: Bank, kind: str, raw: Any) -> None:
    question = q(all_types_bank, kind)
    try:
        value = normalize(question, raw)
    except ValueProblem:
        return
    assert normalize(question, value) == value  # stored values are stable
    score = fraction(question, value)
    assert score is None or 0.0 <= score <= 1.0


def bounded(**bounds: Any) -> Any:
    """A number question answered as a percentage (its min, max and unit)."""
    from bank_builder import make_bank
    from bank_builder import q as question

    return make_bank("shares", {"s": [question("SH-1", "number", **bounds)]}).question("SH-1")


@pytest.mark.parametrize("raw", [0, 100, 57.5, "100", " 0 "])
def test_number_inside_min_and_max_is_taken(raw: Any) -> None:
    assert normalize(bounded(min=0, max=100, unit="percent"), raw) == float(str(raw).strip())


@pytest.mark.parametrize(
    ("bounds", "raw", "message"),
    [
        ({"min": 0, "max": 100, "unit": "percent"}, 150, "from 0 to 100 percent, not 150"),
        ({"min": 0, "max": 100, "unit": "percent"}, -5, "from 0 to 100 percent, not -5"),
        ({"min": 0, "max": 100}, "100.5", "from 0 to 100, not 100.5"),
        ({"min": 0}, -1, "of 0 or more, not -1"),
        ({"max": 7.5}, 8, "of 7.5 or less, not 8"),
    ],
)
def test_number_outside_min_and_max_is_refused(bounds: dict, raw: Any, message: str) -> None:
    with pytest.raises(ValueProblem) as caught:
        normalize(bounded(**bounds), raw)
    assert str(caught.value) == f"SH-1 must be a number {message}"


def test_unit_is_shown_beside_the_value() -> None:
    question = bounded(min=0, max=100, unit="percent")
    assert describe(question, 57) == "57 percent"
    assert describe(question, 57.0) == "57 percent"
    assert describe(question, "unknown") == "don't know"


# ---------------------------------------------------------------- the fraction ignoring weight


def _weightless(kind: str) -> Any:
    from bank_builder import make_bank
    from bank_builder import q as question

    return make_bank("w0", {"s": [question("W-1", kind, weight=0)]}).question("W-1")


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("scale", 2, 2 / 3),
        ("yesno", "yes", 1.0),
        ("choice", "some", 0.5),
        ("number", 12, 0.5),
        ("scale", "unknown", 0.0),
    ],
)
def test_a_weight_0_answer_has_a_fraction_but_no_score(kind: str, value: Any, expected: float):
    """Actions and merge ordering read a weight-0 answer's fraction; scoring never does."""
    question = _weightless(kind)
    assert fraction(question, value) is None
    assert unweighted_fraction(question, value) == pytest.approx(expected)


@pytest.mark.parametrize("value", [None, "na"])
def test_no_answer_and_na_have_no_fraction_even_ignoring_weight(value: Any) -> None:
    assert unweighted_fraction(_weightless("scale"), value) is None


def test_text_has_no_fraction_even_ignoring_weight(all_types_bank: Bank) -> None:
    assert unweighted_fraction(q(all_types_bank, "text"), "Some words") is None
    assert unweighted_fraction(q(all_types_bank, "text"), "unknown") is None


@given(level=st.sampled_from([0, 1, 2, 3, "unknown"]))
def test_on_a_scored_question_both_fractions_agree(level: Any) -> None:
    from bank_builder import make_bank
    from bank_builder import q as question

    scored = make_bank("w1", {"s": [question("W-1")]}).question("W-1")
    assert unweighted_fraction(scored, level) == fraction(scored, level)
