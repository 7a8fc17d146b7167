"""Property tests: on any input, loading a bank either succeeds or raises the project's error.

Nothing else may escape (no KeyError, TypeError, RecursionError, yaml errors ...), so a
user never sees a traceback, whatever file they point `msht` at.
"""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msht_toolkit.banks.loader import load_bank_file, load_bank_text, parse_bank
from msht_toolkit.banks.model import Bank
from msht_toolkit.errors import BankError, YamlFileError
from msht_toolkit.positions import YList, YMap
from msht_toolkit.yamlio import load_yaml_text

from .conftest import VALID_BANK

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def try_load(text: str) -> Bank | None:
    try:
        return load_bank_text(text, "fuzz.yaml")
    except BankError as exc:
        for line in exc.lines():
            assert line.startswith("fuzz.yaml")
            assert "\n" not in line
        return None


@FUZZ
@given(st.text(max_size=300))
def test_arbitrary_text(text: str) -> None:
    try_load(text)


YAML_CHARS = st.sampled_from([*"-:[]{},&*!|>'\"%@`#?<=~ \n\tab01.yesno", "\n  ", ": "])


@FUZZ
@given(st.lists(YAML_CHARS, max_size=120).map("".join))
def test_yaml_punctuation_soup(text: str) -> None:
    try_load(text)


@FUZZ
@given(st.binary(max_size=200))
def test_arbitrary_bytes_in_a_file(tmp_path_factory: pytest.TempPathFactory, raw: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "bank.yaml"
    path.write_bytes(raw)
    try:
        load_bank_file(path)
    except BankError as exc:
        assert all(line.startswith(str(path)) for line in exc.lines())


@FUZZ
@given(st.text(max_size=300))
def test_yamlio_raises_only_yaml_file_error(text: str) -> None:
    try:
        load_yaml_text(text, "fuzz.yaml")
    except YamlFileError:
        pass


KEYS = st.sampled_from(
    [
        "schema", "id", "title", "version", "theme", "description", "weight", "rag",
        "sections", "questions", "text", "type", "levels", "options", "thresholds",
        "actions", "below", "do", "priority", "owner", "when", "replaces", "refs",
        "critical", "label", "score", "min", "green", "amber", "help", "evidence",
    ]
)  # fmt: skip
WORDS = [
    "msht-bank/1", "msht-bank/2", "scale", "yesno", "choice", "number", "text", "prepare",
    "high", "Q-1", "Q-2", "Q-1 == yes", "Q-2 >= 1", "Q-1 in [a, b]", "(Q-1 == ", "a", "yes",
    "", "2026.1",
]  # fmt: skip
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-5, 10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.sampled_from(WORDS)
    | st.text(max_size=12)
)
STRUCTURES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(KEYS, inner, max_size=8),
    max_leaves=25,
)


@FUZZ
@given(st.dictionaries(KEYS, STRUCTURES, max_size=10))
def test_arbitrary_yaml_structures(data: dict[str, Any]) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    try_load(text)


def mutations() -> st.SearchStrategy[tuple[str, Any]]:
    """A path into the valid bank and a new value for it."""
    return st.tuples(st.integers(0, 10_000), STRUCTURES | st.just("<delete>"))


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            out += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            out += paths(value, (*prefix, index))
    return out


@FUZZ
@given(st.lists(mutations(), min_size=1, max_size=3))
def test_mutated_valid_bank(changes: list[tuple[int, Any]]) -> None:
    data = yaml.safe_load(VALID_BANK)
    for pick, value in changes:
        spots = paths(data)[1:]
        where = spots[pick % len(spots)]
        parent = data
        for step in where[:-1]:
            parent = parent[step]
        if value == "<delete>":
            del parent[where[-1]]
        else:
            parent[where[-1]] = value
    try_load(yaml.safe_dump(data, allow_unicode=True))


def to_positioned(value: Any) -> Any:
    """Plain data as the YAML reader builds it, with made-up positions."""
    from msht_toolkit.positions import Pos

    if isinstance(value, dict):
        out = YMap()
        out.pos = Pos(1, 1)
        out.key_pos, out.value_pos = {}, {}
        for i, (k, v) in enumerate(value.items()):
            out[k] = to_positioned(v)
            out.key_pos[k] = out.value_pos[k] = Pos(i + 1, 1)
        return out
    if isinstance(value, list):
        seq = YList(to_positioned(v) for v in value)
        seq.pos = Pos(1, 1)
        seq.item_pos = [Pos(i + 1, 1) for i in range(len(value))]
        return seq
    return value


@FUZZ
@given(STRUCTURES)
def test_parse_bank_on_any_structure(data: Any) -> None:
    try:
        parse_bank(to_positioned(data), "fuzz.yaml")
    except BankError:
        pass


def test_valid_bank_survives_the_round_trip_used_by_the_fuzzers() -> None:
    """The mutation test starts from a bank that really loads."""
    assert try_load(yaml.safe_dump(yaml.safe_load(VALID_BANK))) is not None
