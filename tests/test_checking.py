"""Shared checking helpers: what counts as a number in a file."""

from __future__ import annotations

from typing import Any

import pytest

from msht_toolkit.checking import is_number, kind_of


@pytest.mark.parametrize("value", [0, 3, -2, 2.5, float("nan"), 10**400])
def test_ints_and_floats_are_numbers(value: Any) -> None:
    assert is_number(value)


@pytest.mark.parametrize("value", [True, False, "3", None, [1], {"a": 1}])
def test_booleans_and_text_are_not_numbers(value: Any) -> None:
    """YAML's ``yes``/``true`` are booleans, which Python counts as ints: never a number here."""
    assert not is_number(value)
    assert kind_of(value) != "a number"
