"""`services/files.py`: one place that loads, checks and scores an assessment file."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from msht_toolkit.errors import AssessmentError
from msht_toolkit.services.files import load_checked, score_file, score_files


def test_load_checked_normalises_the_values_and_names_the_scope(
    write_assessment: Callable[..., Path], bankset: Any
) -> None:
    path = write_assessment(
        {"ID-NRM-01": "2", "ID-NRM-02": "don't know", "ID-NRM-04": "N/A"},
        banks={"identification": "2026.1"},
    )
    checked = load_checked(path, bankset)
    values = {qid: a.value for qid, a in checked.assessment.answers.items()}
    assert values == {"ID-NRM-01": 2, "ID-NRM-02": "unknown", "ID-NRM-04": "na"}
    assert [(b.id, b.version) for b in checked.banks] == [("identification", "2026.1")]
    assert checked.path == path


def test_the_checked_assessment_cannot_be_swapped_for_another(
    write_assessment: Callable[..., Path], bankset: Any
) -> None:
    checked = load_checked(write_assessment({"ID-NRM-01": 1}), bankset)
    with pytest.raises(dataclasses.FrozenInstanceError):
        checked.banks = ()  # type: ignore[misc]
    assert isinstance(checked.banks, tuple)


def test_a_bad_answer_is_refused_with_its_line_before_anything_is_scored(
    write_assessment: Callable[..., Path], bankset: Any
) -> None:
    path = write_assessment({"ID-NRM-01": 7, "ID-NOPE-99": 1}, banks={"identification": "2026.1"})
    with pytest.raises(AssessmentError) as caught:
        score_file(path, bankset)
    lines = caught.value.lines()
    assert len(lines) == 2 and all(line.startswith(f"{path}:") for line in lines)
    assert "unknown question 'ID-NOPE-99'" in lines[1]


def test_score_file_scores_against_the_files_own_versions_with_its_figures(
    write_assessment: Callable[..., Path], bankset: Any
) -> None:
    path = write_assessment(
        {"ID-NRM-01": 3},
        banks={"identification": "2025.1"},
        measures={"NRM-REFERRALS": 57},
        population=1100000,
    )
    scored = score_file(path, bankset)
    assert [(b.bank.id, b.bank.version) for b in scored.card.banks] == [
        ("identification", "2025.1")
    ]
    assert scored.assessment is scored.card.assessment
    referrals = next(m for m in scored.card.measures if m.id == "NRM-REFERRALS")
    assert referrals.value == 57
    assert score_files([path, path], bankset)[1].overall == scored.card.overall
