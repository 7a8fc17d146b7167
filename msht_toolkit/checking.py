"""Shared helpers for checking YAML data with positions, collecting one problem per line."""

from __future__ import annotations

import math
from typing import Any

from msht_toolkit.errors import Problem
from msht_toolkit.positions import Pos, YList, YMap


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def article(noun: str) -> str:
    """``a`` or ``an`` before ``noun``: an assessment file, a bank file."""
    return "an" if noun[:1].lower() in "aeiou" else "a"


def finite(value: Any) -> float | None:
    """A number as a float, or None when it is NaN, infinite or too large for a float."""
    try:
        number = float(value)
    except (OverflowError, TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if is_number(value):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


class Checker:
    """Collects problems for one file; helpers return None where a value is unusable."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []

    def add(self, pos: Pos, message: str) -> None:
        self.problems.append(Problem(self.path, pos.line, pos.col, message))

    def add_line(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line or 1, 1, message))

    def keys(self, node: YMap, allowed: set[str], required: tuple[str, ...], where: str) -> None:
        for key in node:
            if key not in allowed:
                hint = _close_match(str(key), allowed)
                extra = f" (did you mean {hint!r}?)" if hint else ""
                self.add(node.kpos(key), f"unknown key {key!r} in {where}{extra}")
        for key in required:
            if key not in node:
                self.add(node.pos, f"{where} is missing required key {key!r}")

    def text(self, node: YMap, key: str, where: str, required: bool = False) -> str | None:
        if key not in node:
            return None
        value = node[key]
        if isinstance(value, str) and value.strip():
            return value.strip()
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.add(node.vpos(key), f"{where} {key!r} must not be empty")
            return None
        self.add(node.vpos(key), f"{where} {key!r} must be text, not {kind_of(value)}")
        return None

    def number(
        self, node: YMap, key: str, where: str, low: float, high: float | None, default: float
    ) -> float:
        if key not in node:
            return default
        value = node[key]
        if not is_number(value):
            self.add(node.vpos(key), f"{where} {key!r} must be a number, not {kind_of(value)}")
            return default
        number = finite(value)
        if number is None:
            self.add(node.vpos(key), f"{where} {key!r} must be a finite number, not {value!r}")
            return default
        if number < low or (high is not None and number > high):
            limit = f"from {low:g} to {high:g}" if high is not None else f"{low:g} or more"
            self.add(node.vpos(key), f"{where} {key!r} must be {limit}, not {number:g}")
            return default
        return number

    def mapping(self, value: Any, pos: Pos, where: str) -> YMap | None:
        if isinstance(value, YMap):
            return value
        self.add(pos, f"{where} must be a mapping, not {kind_of(value)}")
        return None

    def seq(self, node: YMap, key: str, where: str, required: bool = False) -> YList | None:
        if key not in node:
            return None
        value = node[key]
        if isinstance(value, YList):
            if required and not value:
                self.add(node.vpos(key), f"{where} {key!r} must not be empty")
                return None
            return value
        self.add(node.vpos(key), f"{where} {key!r} must be a list, not {kind_of(value)}")
        return None

    def strings(self, node: YMap, key: str, where: str) -> tuple[str, ...]:
        items = self.seq(node, key, where)
        if items is None:
            return ()
        out = []
        for i, item in enumerate(items):
            if isinstance(item, str) and item.strip():
                out.append(item.strip())
            else:
                self.add(
                    items.ipos(i), f"{where} {key!r} entries must be text, not {kind_of(item)}"
                )
        return tuple(out)


def _close_match(word: str, choices: set[str]) -> str | None:
    import difflib

    found = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.75)
    return found[0] if found else None


def check_schema(value: Any, pos: Pos, expected: str, checker: Checker, what: str) -> bool:
    """True when ``schema:`` names this toolkit's format; a newer one is refused clearly."""
    family, _, number = expected.partition("/")
    if value == expected:
        return True
    if isinstance(value, str) and value.startswith(family + "/"):
        found = value.split("/", 1)[1]
        if found.isdigit() and int(found) > int(number):
            checker.add(
                pos,
                f"schema {value!r} is newer than this msht-toolkit understands ({expected}); "
                "upgrade msht-toolkit to read it",
            )
            return False
    checker.add(
        pos, f"unsupported schema {value!r}; this is not {article(what)} {what} ({expected})"
    )
    return False
