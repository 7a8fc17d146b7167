"""`services/walk_start.py`: what a walk or a fill opens, and the session it walks."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from msht_toolkit.errors import AssessmentError, MshtError
from msht_toolkit.services.walk_start import (
    CARRIED_FOCUS,
    CARRY,
    NEW,
    RESUME,
    UPGRADE_FOCUS,
    added_banks,
    defaults_for,
    open_assessment,
    upgraded,
    walk_session,
)
from msht_toolkit.walk.changes import outdated, upgrade


def newest(bankset: Any, bank_id: str) -> str:
    return bankset.get(bank_id).version


def test_a_new_file_gets_the_named_banks_at_their_newest_versions(
    tmp_path: Path, bankset: Any
) -> None:
    opened = open_assessment(tmp_path / "new.msht.yaml", None, ["pursue"], bankset, exists=False)
    assert opened.kind == NEW
    assert opened.assessment.banks == {"pursue": newest(bankset, "pursue")}
    assert [b.id for b in opened.banks] == ["pursue"]
    every = open_assessment(tmp_path / "all.msht.yaml", None, [], bankset, exists=False)
    assert [b.id for b in every.banks] == [b.id for b in bankset.newest()]


def test_an_existing_file_is_resumed_checked_against_its_own_versions(
    write_assessment: Callable[..., Path], bankset: Any
) -> None:
    path = write_assessment({"ID-NRM-01": "2"}, banks={"identification": "2025.1"})
    opened = open_assessment(path, None, [], bankset, exists=True)
    assert opened.kind == RESUME
    assert opened.assessment.answers["ID-NRM-01"].value == 2
    assert opened.assessment.path is None  # saved by the walk, never through a stale path
    assert [(b.id, b.version) for b in opened.banks] == [("identification", "2025.1")]


def test_a_bad_file_is_refused_before_anything_is_asked(
    write_assessment: Callable[..., Path], bankset: Any
) -> None:
    path = write_assessment({"ID-NRM-01": 9}, banks={"identification": "2026.1"})
    with pytest.raises(AssessmentError):
        open_assessment(path, None, [], bankset, exists=True)


def test_next_year_is_carried_from_last_years_file_with_its_defaults(
    write_assessment: Callable[..., Path], bankset: Any, tmp_path: Path
) -> None:
    old = write_assessment(
        {"ID-NRM-01": 1, "ID-NRM-02": "all"},
        banks={"identification": "2025.1"},
        name="last.msht.yaml",
        period="2025/26",
    )
    new = tmp_path / "next.msht.yaml"
    opened = open_assessment(new, old, [], bankset, exists=False)
    assert opened.kind == CARRY
    assert opened.assessment.period == "2026/27"
    assert opened.assessment.carried_from == "last.msht.yaml"
    assert opened.assessment.answers == {}  # offered as defaults, never copied as answered
    assert [(b.id, b.version) for b in opened.banks] == [
        ("identification", newest(bankset, "identification"))
    ]
    assert opened.old is not None and opened.old.assessment.answers["ID-NRM-01"].value == 1
    defaults = defaults_for(opened, new, bankset)
    assert defaults is not None and defaults.previous["ID-NRM-02"].value == "all"


def test_resuming_a_carried_file_finds_last_year_through_carried_from(
    write_assessment: Callable[..., Path], bankset: Any, tmp_path: Path
) -> None:
    write_assessment({"ID-NRM-01": 2}, banks={"identification": "2026.1"}, name="last.msht.yaml")
    path = write_assessment(
        {}, banks={"identification": "2026.1"}, name="next.msht.yaml", carried_from="last.msht.yaml"
    )
    opened = open_assessment(path, None, [], bankset, exists=True)
    defaults = defaults_for(opened, path, bankset)
    assert defaults is not None and defaults.previous["ID-NRM-01"].value == 2
    (tmp_path / "last.msht.yaml").unlink()
    with pytest.raises(MshtError):  # the walk says so in one line and goes on
        defaults_for(opened, path, bankset)


def test_bank_ids_named_on_resume_are_added_to_a_file_that_names_its_banks(
    write_assessment: Callable[..., Path], bankset: Any
) -> None:
    path = write_assessment({}, banks={"identification": "2026.1"})
    opened = open_assessment(path, None, ["identification", "pursue"], bankset, exists=True)
    assert added_banks(opened, ["identification", "pursue"], bankset) == ["pursue"]
    assert opened.assessment.banks["pursue"] == newest(bankset, "pursue")
    assert [b.id for b in opened.banks] == ["identification", "pursue"]


def test_the_session_walks_the_named_banks_with_last_years_weak_answers_in_focus(
    write_assessment: Callable[..., Path], bankset: Any, tmp_path: Path
) -> None:
    old = write_assessment(
        {"ID-NRM-01": 3, "ID-NRM-02": "none"},
        banks={"identification": "2026.1", "pursue": "2026.1"},
        name="last.msht.yaml",
    )
    new = tmp_path / "next.msht.yaml"
    opened = open_assessment(new, old, ["identification"], bankset, exists=False)
    defaults = defaults_for(opened, new, bankset)
    session = walk_session(opened, ["identification"], bankset, "Midshire Police", defaults)
    assert [b.id for b in session.banks] == ["identification"]
    assert session.agency == "Midshire Police"
    assert session.focus_label == CARRIED_FOCUS
    assert "ID-NRM-02" in session.focus  # RED last year
    assert session.previous["ID-NRM-01"].value == 3


def test_the_session_has_the_loaded_measures_and_last_years_figures_as_context_only(
    write_assessment: Callable[..., Path], bankset: Any, tmp_path: Path
) -> None:
    old = write_assessment(
        {},
        banks={"identification": "2026.1"},
        name="last.msht.yaml",
        population=1_100_000,
        measures={"NRM-REFERRALS": {"value": 48, "note": "Police only"}},
    )
    new = tmp_path / "next.msht.yaml"
    opened = open_assessment(new, old, [], bankset, exists=False)
    session = walk_session(opened, [], bankset, None, defaults_for(opened, new, bankset))
    assert [m.id for m in session.measures] == list(bankset.measures)
    assert session.last_figures["NRM-REFERRALS"].value == 48
    assert opened.assessment.measures == {}  # never this year's figure
    assert opened.assessment.population == 1_100_000  # offered again as the default


def test_an_upgrade_sets_the_focus_on_the_new_or_changed_questions(
    write_assessment: Callable[..., Path], bankset: Any
) -> None:
    path = write_assessment({"ID-NRM-01": 2}, banks={"identification": "2025.1"})
    opened = open_assessment(path, None, [], bankset, exists=True)
    result = upgrade(opened.assessment, outdated(opened.assessment, bankset))
    upgraded(opened, result, bankset)
    assert [(b.id, b.version) for b in opened.banks] == [
        ("identification", newest(bankset, "identification"))
    ]
    session = walk_session(opened, [], bankset, None, None, result)
    assert session.focus_label == UPGRADE_FOCUS
    assert session.focus == [q for q in result.focus if session.index_of(q) is not None]
    assert session.focus
