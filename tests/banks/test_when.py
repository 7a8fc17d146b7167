"""The `when` skip-logic language: grammar, precedence, errors with columns, evaluation."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msht_toolkit.banks.when import (
    MAX_DEPTH,
    MAX_LENGTH,
    BoolOp,
    Compare,
    Expr,
    In,
    Not,
    WhenSyntaxError,
    comparisons,
    evaluate,
    parse,
)

# ------------------------------------------------------------------ grammar


@pytest.mark.parametrize("op", ["==", "!=", "<", "<=", ">", ">="])
def test_every_comparison_operator(op: str) -> None:
    expr = parse(f"ID-NRM-01 {op} 2")
    assert expr == Compare("ID-NRM-01", op, 2, 1, len(f"ID-NRM-01 {op} ") + 1)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Q == yes", "yes"),
        ("Q == 3", 3),
        ("Q == 2.5", 2.5),
        ("Q == -1", -1),
        ("Q == 'some words'", "some words"),
        ('Q == "and"', "and"),
        ("Q == every-child", "every-child"),
        ("Q == unknown", "unknown"),
    ],
)
def test_values(text: str, value: Any) -> None:
    expr = parse(text)
    assert isinstance(expr, Compare)
    assert expr.value == value and type(expr.value) is type(value)


def test_in_list() -> None:
    expr = parse("ID-CH-02 in [some-children, every-child, 3]")
    assert expr == In("ID-CH-02", ("some-children", "every-child", 3), 1, (14, 29, 42))


def test_and_binds_tighter_than_or() -> None:
    a, b, c = (Compare(q, "==", "yes", col, col + 5) for q, col in (("A", 1), ("B", 13), ("C", 26)))
    assert parse("A == yes or B == yes and C == yes") == BoolOp("or", (a, BoolOp("and", (b, c))))


def test_not_binds_tighter_than_and() -> None:
    expr = parse("not A == 1 and B == 2")
    assert isinstance(expr, BoolOp) and expr.op == "and"
    assert isinstance(expr.operands[0], Not)


def test_parentheses_override_precedence() -> None:
    expr = parse("(A == 1 or B == 2) and C == 3")
    assert isinstance(expr, BoolOp) and expr.op == "and"
    assert isinstance(expr.operands[0], BoolOp) and expr.operands[0].op == "or"


def test_chains_flatten() -> None:
    expr = parse("A == 1 and B == 1 and C == 1")
    assert isinstance(expr, BoolOp) and len(expr.operands) == 3


def test_comparisons_in_order() -> None:
    expr = parse("B == 1 or (A in [1, 2] and not B == 2) or C != x")
    assert [c.qid for c in comparisons(expr)] == ["B", "A", "B", "C"]


# ------------------------------------------------------------------ errors


@pytest.mark.parametrize(
    ("text", "col", "message"),
    [
        ("", 1, "is empty"),
        ("   ", 1, "is empty"),
        ("A = yes", 3, "'=' is not an operator; use '=='"),
        ("A == yes and", 13, "expected a question id, found the end"),
        ("A == yes B == no", 10, "expected 'and', 'or' or the end, found 'B'"),
        ("(A == yes", 10, "expected ')', found the end"),
        ("A == 'yes", 6, "unterminated quoted value"),
        ("A yes", 3, "expected a comparison (==, !=, <, <=, >, >=, in) after A, found 'yes'"),
        ("A in yes", 6, "expected '[' after 'in', found 'yes'"),
        ("A in [1, 2", 11, "expected ',' or ']', found the end"),
        ("A in []", 7, "expected a value, found ']'"),
        ("A == and", 6, "expected a value, found 'and'"),
        ("and == 1", 1, "expected a question id, found 'and'"),
        ("3 == 3", 1, "expected a question id, found '3'"),
        ("A == 1 ; B == 2", 8, "unexpected character ';'"),
        ("A == 1 && B == 2", 8, "unexpected character '&'"),
        (
            "__import__('os') == 1",
            11,
            "expected a comparison (==, !=, <, <=, >, >=, in) after __import__, found '('",
        ),
    ],
)
def test_syntax_errors_point_at_the_column(text: str, col: int, message: str) -> None:
    with pytest.raises(WhenSyntaxError) as caught:
        parse(text)
    assert (caught.value.col, caught.value.message) == (col, message)


def test_too_long_and_too_deep_are_refused() -> None:
    with pytest.raises(WhenSyntaxError, match="longer than"):
        parse("A == 1 or " * (MAX_LENGTH // 10) + "A == 1")
    with pytest.raises(WhenSyntaxError, match="nested too deeply"):
        parse("(" * (MAX_DEPTH + 1) + "A == 1" + ")" * (MAX_DEPTH + 1))
    with pytest.raises(WhenSyntaxError, match="nested too deeply"):
        parse("not " * (MAX_DEPTH + 1) + "A == 1")
    assert parse("(" * 10 + "A == 1" + ")" * 10) == Compare("A", "==", 1, 11, 16)


def test_non_text_is_a_syntax_error() -> None:
    with pytest.raises(WhenSyntaxError):
        parse(3)  # type: ignore[arg-type]


# ------------------------------------------------------------------ evaluation


@pytest.mark.parametrize(
    ("text", "answers", "expected"),
    [
        ("A == yes", {"A": "yes"}, True),
        ("A == yes", {"A": "no"}, False),
        ("A != yes", {"A": "no"}, True),
        ("A == 2", {"A": 2}, True),
        ("A == 2", {"A": 2.0}, True),
        ("A >= 2", {"A": 3}, True),
        ("A >= 2", {"A": 1}, False),
        ("A < 2.5", {"A": 2}, True),
        ("A > 10", {"A": 10}, False),
        ("A <= 10", {"A": 10}, True),
        ("A in [some, all]", {"A": "all"}, True),
        ("A in [some, all]", {"A": "none"}, False),
        ("A in [2, 3]", {"A": 3}, True),
        ("A == unknown", {"A": "unknown"}, True),
        ("A == na", {"A": "na"}, True),
        ("A == yes or B == yes", {"A": "no", "B": "yes"}, True),
        ("A == yes and B == yes", {"A": "yes", "B": "no"}, False),
        ("not A == yes", {"A": "no"}, True),
        ("not (A == yes or B == yes)", {"A": "no", "B": "no"}, True),
    ],
)
def test_evaluate(text: str, answers: dict[str, Any], expected: bool) -> None:
    assert evaluate(parse(text), answers) is expected
    assert evaluate(parse(text), answers.get) is expected  # a callable works too


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A == yes", False),
        ("A != yes", True),  # an unanswered question equals nothing
        ("A >= 1", False),
        ("A < 1", False),
        ("A in [yes, no]", False),
        ("not A == yes", True),
        ("A == unknown", False),
    ],
)
def test_unanswered_equals_nothing(text: str, expected: bool) -> None:
    assert evaluate(parse(text), {}) is expected
    assert evaluate(parse(text), {"A": None}) is expected


@pytest.mark.parametrize("answer", ["unknown", "na", "some text", True])
def test_ordering_words_or_booleans_is_false(answer: Any) -> None:
    assert evaluate(parse("A >= 0"), {"A": answer}) is False
    assert evaluate(parse("A < 100"), {"A": answer}) is False


def test_words_never_equal_numbers_by_accident() -> None:
    assert evaluate(parse("A == 1"), {"A": "1.0"}) is False
    assert evaluate(parse("A == yes"), {"A": True}) is False  # stored answers are "yes"/"no"


# ------------------------------------------------------------------ properties

QIDS = st.sampled_from(["A", "ID-NRM-01", "PS-ORD-04", "x.y_z"])
WORDS = st.from_regex(r"[a-z][a-z0-9\-]{0,8}", fullmatch=True).filter(
    lambda w: w not in {"and", "or", "not", "in"}
)
NUMBERS = st.integers(-1000, 1000) | st.floats(-1e6, 1e6, allow_nan=False).map(
    lambda f: round(f, 3)
)
VALUES = (
    NUMBERS
    | WORDS
    | st.text(st.characters(blacklist_characters="'\"", blacklist_categories=("Cs",)), max_size=10)
)
OPS = st.sampled_from(["==", "!=", "<", "<=", ">", ">="])


def _leaf() -> st.SearchStrategy[Expr]:
    compare = st.builds(lambda q, o, v: Compare(q, o, v, 0, 0), QIDS, OPS, VALUES)
    within = st.builds(
        lambda q, vs: In(q, tuple(vs), 0, ()), QIDS, st.lists(VALUES, min_size=1, max_size=4)
    )
    return compare | within


EXPRS = st.recursive(
    _leaf(),
    lambda inner: (
        st.builds(Not, inner)
        | st.builds(
            lambda op, xs: BoolOp(op, tuple(xs)),
            st.sampled_from(["and", "or"]),
            st.lists(inner, min_size=2, max_size=3),
        )
    ),
    max_leaves=12,
)


def show_value(value: Any) -> str:
    if isinstance(value, str):
        return "'" + value + "'"
    return repr(value)


def show(expr: Expr) -> str:
    """A fully parenthesised rendering of an expression, for parse(show(e)) == e."""
    if isinstance(expr, Compare):
        return f"{expr.qid} {expr.op} {show_value(expr.value)}"
    if isinstance(expr, In):
        return f"{expr.qid} in [{', '.join(show_value(v) for v in expr.values)}]"
    if isinstance(expr, Not):
        return f"not ({show(expr.operand)})"
    return "(" + f" {expr.op} ".join(f"({show(o)})" for o in expr.operands) + ")"


def strip(expr: Expr) -> Any:
    """The expression without columns, and with nested same-op groups kept as written."""
    if isinstance(expr, Compare):
        return ("cmp", expr.qid, expr.op, expr.value)
    if isinstance(expr, In):
        return ("in", expr.qid, expr.values)
    if isinstance(expr, Not):
        return ("not", strip(expr.operand))
    return (expr.op, tuple(strip(o) for o in expr.operands))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_parse_raises_only_syntax_errors(text: str) -> None:
    try:
        parse(text)
    except WhenSyntaxError as exc:
        assert 1 <= exc.col <= len(text) + 1
        assert exc.message and "\n" not in exc.message


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "A",
                "B",
                "==",
                "!=",
                "<",
                ">=",
                "in",
                "[",
                "]",
                ",",
                "(",
                ")",
                "and",
                "or",
                "not",
                "yes",
                "2",
                "-1.5",
                "'x y'",
                "=",
                "!",
            ]
        ),
        max_size=15,
    )
)
def test_parse_token_soup_raises_only_syntax_errors(tokens: list[str]) -> None:
    try:
        expr = parse(" ".join(tokens))
    except WhenSyntaxError:
        return
    evaluate(expr, {"A": 2, "B": "yes"})


@settings(max_examples=200, deadline=None)
@given(EXPRS)
def test_printed_expression_parses_back_to_the_same_tree(expr: Expr) -> None:
    text = show(expr)
    if len(text) > MAX_LENGTH:
        return
    assert strip(parse(text)) == strip(expr)


ANSWERS = st.none() | st.booleans() | NUMBERS | WORDS | st.sampled_from(["unknown", "na"])


@settings(max_examples=200, deadline=None)
@given(EXPRS, st.dictionaries(QIDS, ANSWERS))
def test_evaluate_never_crashes_and_not_inverts(expr: Expr, answers: dict[str, Any]) -> None:
    result = evaluate(expr, answers)
    assert isinstance(result, bool)
    assert evaluate(Not(expr), answers) is (not result)
