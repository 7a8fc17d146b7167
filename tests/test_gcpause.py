"""The garbage collector is paused while banks and assessments are read and scored, and
given back as it was: on return, on error, in nested calls, and left off if it was off."""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from msht_toolkit.assessment.check import check_answers
from msht_toolkit.assessment.reading import load_assessment
from msht_toolkit.banks.loader import load_bank_file, parse_bank
from msht_toolkit.banks.registry import bundled_dir, load_bankset
from msht_toolkit.gcpause import frozen_gc, paused_gc
from msht_toolkit.scoring.scorer import score_assessment

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "midshire-2026.msht.yaml"


def test_paused_inside_and_restored_after_return_and_error() -> None:
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), paused_gc():
        raise ValueError("bad file")
    assert gc.isenabled()


def test_nested_pauses_leave_it_to_the_outermost() -> None:
    with paused_gc():
        with paused_gc():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()


def test_a_collector_the_caller_turned_off_stays_off() -> None:
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
        with pytest.raises(ValueError), paused_gc():
            raise ValueError
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_frozen_objects_are_put_back() -> None:
    before = gc.get_freeze_count()
    with pytest.raises(ValueError), frozen_gc():
        assert gc.get_freeze_count() > before
        raise ValueError
    assert gc.get_freeze_count() == before


@pytest.fixture
def collections_inside() -> Iterator[Callable[[Callable[..., Any]], list[str]]]:
    """Collections that start while a given entry point's own code runs, with the
    collector set to run at (nearly) every allocation."""
    seen: list[str] = []
    watched: dict[Any, str] = {}

    def callback(phase: str, _info: dict[str, Any]) -> None:
        if phase != "start":
            return
        frame = sys._getframe(1)
        while frame is not None:
            name = watched.get(frame.f_code)
            if name:
                seen.append(name)
                return
            frame = frame.f_back

    def watch(function: Callable[..., Any]) -> list[str]:
        body = getattr(function, "__wrapped__", function)
        watched[body.__code__] = function.__name__
        return seen

    threshold = gc.get_threshold()
    gc.set_threshold(5, 2, 2)
    gc.callbacks.append(callback)
    try:
        yield watch
    finally:
        gc.callbacks.remove(callback)
        gc.set_threshold(*threshold)


def test_no_collection_while_loading_and_scoring(
    collections_inside: Callable[[Callable[..., Any]], list[str]],
) -> None:
    for entry in (load_bankset, parse_bank, load_assessment, check_answers, score_assessment):
        seen = collections_inside(entry)
    load_bank_file(bundled_dir() / "identification.yaml")
    bankset = load_bankset(environ={"MSHT_CACHE_DIR": ""})
    assessment = load_assessment(EXAMPLE)
    card = score_assessment(assessment, check_answers(assessment, bankset))
    assert card.overall.answered > 50
    assert seen == []
    assert gc.isenabled()


def test_the_watch_sees_collections_where_nothing_is_paused(
    collections_inside: Callable[[Callable[..., Any]], list[str]],
) -> None:
    def build() -> list[list[int]]:
        return [[i] for i in range(10_000)]

    seen = collections_inside(build)
    build()
    assert "build" in seen
