"""The ``when`` skip-logic language: parsed by hand, evaluated on plain values, never eval'd.

Grammar::

    expr    := or
    or      := and ("or" and)*
    and     := not ("and" not)*
    not     := "not" not | primary
    primary := "(" expr ")" | QID op value | QID "in" "[" value ("," value)* "]"
    op      := "==" | "!=" | "<" | "<=" | ">" | ">="
    value   := NUMBER | WORD | 'quoted' | "quoted"

A question id or word is any run of letters, digits, ``_``, ``.`` and ``-``.
``WhenSyntaxError.col`` is the 1-based column of the problem inside the expression.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from msht_toolkit.checking import is_number

KEYWORDS = {"and", "or", "not", "in"}
MAX_LENGTH = 2000
MAX_DEPTH = 50


class WhenSyntaxError(ValueError):
    """A ``when`` expression that does not parse; ``col`` is 1-based."""

    def __init__(self, message: str, col: int) -> None:
        super().__init__(message)
        self.message = message
        self.col = col


@dataclass(frozen=True)
class Token:
    kind: str  # "word", "number", "string", "op", "(", ")", "[", "]", ",", "end"
    text: str
    value: Any
    col: int


_TOKEN = re.compile(
    r"""(?P<space>\s+)
      |(?P<op>==|!=|<=|>=|<|>)
      |(?P<punct>[()\[\],])
      |(?P<string>'[^']*'|"[^"]*")
      |(?P<word>[A-Za-z0-9_.\-]+)""",
    re.VERBOSE,
)
_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:
            char = text[pos]
            if char in "'\"":
                raise WhenSyntaxError("unterminated quoted value", pos + 1)
            if char == "=":
                raise WhenSyntaxError("'=' is not an operator; use '=='", pos + 1)
            raise WhenSyntaxError(f"unexpected character {char!r}", pos + 1)
        kind = match.lastgroup or ""
        raw = match.group()
        col = pos + 1
        pos = match.end()
        if kind == "space":
            continue
        if kind == "op":
            tokens.append(Token("op", raw, raw, col))
        elif kind == "punct":
            tokens.append(Token(raw, raw, raw, col))
        elif kind == "string":
            tokens.append(Token("string", raw, raw[1:-1], col))
        elif _NUMBER.fullmatch(raw):
            number = float(raw) if "." in raw else int(raw)
            tokens.append(Token("number", raw, number, col))
        else:
            tokens.append(Token("word", raw, raw, col))
    tokens.append(Token("end", "", None, len(text) + 1))
    return tokens


@dataclass(frozen=True)
class Compare:
    qid: str
    op: str
    value: Any
    col: int  # column of the question id
    value_col: int


@dataclass(frozen=True)
class In:
    qid: str
    values: tuple[Any, ...]
    col: int
    value_cols: tuple[int, ...]


@dataclass(frozen=True)
class Not:
    operand: Expr


@dataclass(frozen=True)
class BoolOp:
    op: str  # "and" | "or"
    operands: tuple[Expr, ...]


Expr = Compare | In | Not | BoolOp


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.index = 0
        self.depth = 0

    @property
    def tok(self) -> Token:
        return self.tokens[self.index]

    def take(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def expect(self, kind: str, what: str) -> Token:
        if self.tok.kind != kind:
            raise WhenSyntaxError(f"expected {what}, found {describe(self.tok)}", self.tok.col)
        return self.take()

    def parse(self) -> Expr:
        expr = self.parse_or()
        if self.tok.kind != "end":
            raise WhenSyntaxError(
                f"expected 'and', 'or' or the end, found {describe(self.tok)}", self.tok.col
            )
        return expr

    def parse_or(self) -> Expr:
        operands = [self.parse_and()]
        while self.tok.kind == "word" and self.tok.text == "or":
            self.take()
            operands.append(self.parse_and())
        return operands[0] if len(operands) == 1 else BoolOp("or", tuple(operands))

    def parse_and(self) -> Expr:
        operands = [self.parse_not()]
        while self.tok.kind == "word" and self.tok.text == "and":
            self.take()
            operands.append(self.parse_not())
        return operands[0] if len(operands) == 1 else BoolOp("and", tuple(operands))

    def parse_not(self) -> Expr:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise WhenSyntaxError("expression is nested too deeply", self.tok.col)
        try:
            if self.tok.kind == "word" and self.tok.text == "not":
                self.take()
                return Not(self.parse_not())
            return self.parse_primary()
        finally:
            self.depth -= 1

    def parse_primary(self) -> Expr:
        if self.tok.kind == "(":
            self.take()
            expr = self.parse_or()
            self.expect(")", "')'")
            return expr
        if self.tok.kind != "word" or self.tok.text in KEYWORDS:
            raise WhenSyntaxError(
                f"expected a question id, found {describe(self.tok)}", self.tok.col
            )
        qid = self.take()
        if self.tok.kind == "op":
            op = self.take().text
            value = self.parse_value()
            return Compare(qid.text, op, value.value, qid.col, value.col)
        if self.tok.kind == "word" and self.tok.text == "in":
            self.take()
            self.expect("[", "'[' after 'in'")
            values = [self.parse_value()]
            while self.tok.kind == ",":
                self.take()
                values.append(self.parse_value())
            self.expect("]", "',' or ']'")
            return In(
                qid.text, tuple(v.value for v in values), qid.col, tuple(v.col for v in values)
            )
        raise WhenSyntaxError(
            f"expected a comparison (==, !=, <, <=, >, >=, in) after {qid.text}, "
            f"found {describe(self.tok)}",
            self.tok.col,
        )

    def parse_value(self) -> Token:
        if self.tok.kind in ("number", "string") or (
            self.tok.kind == "word" and self.tok.text not in KEYWORDS
        ):
            return self.take()
        raise WhenSyntaxError(f"expected a value, found {describe(self.tok)}", self.tok.col)


def describe(token: Token) -> str:
    return "the end" if token.kind == "end" else repr(token.text)


def parse(text: str) -> Expr:
    """Parse a ``when`` expression or raise ``WhenSyntaxError``."""
    if not isinstance(text, str):
        raise WhenSyntaxError("must be text", 1)
    if len(text) > MAX_LENGTH:
        raise WhenSyntaxError(f"is longer than {MAX_LENGTH} characters", 1)
    if not text.strip():
        raise WhenSyntaxError("is empty", 1)
    return _Parser(text).parse()


def comparisons(expr: Expr) -> Iterator[Compare | In]:
    """Every comparison in an expression, left to right."""
    if isinstance(expr, Compare | In):
        yield expr
    elif isinstance(expr, Not):
        yield from comparisons(expr.operand)
    else:
        for operand in expr.operands:
            yield from comparisons(operand)


def _same(answer: Any, literal: Any) -> bool:
    if answer is None:
        return False
    if isinstance(answer, bool) or isinstance(literal, bool):
        return answer == literal
    if is_number(answer) and is_number(literal):
        return float(answer) == float(literal)
    return str(answer) == str(literal)


def _order(answer: Any, op: str, literal: Any) -> bool:
    if not is_number(answer) or not is_number(literal):
        return False
    return {
        "<": answer < literal,
        "<=": answer <= literal,
        ">": answer > literal,
        ">=": answer >= literal,
    }[op]


def evaluate(expr: Expr, lookup: Mapping[str, Any] | Callable[[str], Any]) -> bool:
    """True when the expression holds for the given answers.

    ``lookup`` maps question ids to their values (``None`` when unanswered; the words
    ``unknown`` and ``na`` as stored). An unanswered question equals nothing, so
    ``==`` and ordering are false and ``!=`` is true.
    """
    get = lookup if callable(lookup) else lookup.get
    if isinstance(expr, Compare):
        answer = get(expr.qid)
        if expr.op == "==":
            return _same(answer, expr.value)
        if expr.op == "!=":
            return not _same(answer, expr.value)
        return _order(answer, expr.op, expr.value)
    if isinstance(expr, In):
        answer = get(expr.qid)
        return any(_same(answer, v) for v in expr.values)
    if isinstance(expr, Not):
        return not evaluate(expr.operand, get)
    if expr.op == "and":
        return all(evaluate(o, get) for o in expr.operands)
    return any(evaluate(o, get) for o in expr.operands)
