"""The assessment model's own helpers: how names compare, and the time an answer is given."""

from __future__ import annotations

import datetime as dt

import pytest

from msht_toolkit.assessment.model import fold, now_stamp


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Midshire ASP", "midshire asp"),
        ("  Midshire\tASP ", "MIDSHIRE  ASP"),
        ("2026/27", " 2026/27"),
        ("Straße", "STRASSE"),  # casefold, not lower
        (None, ""),
        ("", "   "),
    ],
)
def test_names_that_differ_only_in_case_and_spacing_fold_alike(a: str | None, b: str) -> None:
    assert fold(a) == fold(b)


@pytest.mark.parametrize(("a", "b"), [("Midshire", "Westshire"), ("2026/27", "2026-27")])
def test_different_names_fold_apart(a: str, b: str) -> None:
    assert fold(a) != fold(b)


def test_now_stamp_is_iso_to_the_second_with_its_offset() -> None:
    stamp = now_stamp()
    parsed = dt.datetime.fromisoformat(stamp)
    assert parsed.tzinfo is not None
    assert parsed.microsecond == 0
    assert abs(parsed - dt.datetime.now(dt.UTC)) < dt.timedelta(minutes=1)
