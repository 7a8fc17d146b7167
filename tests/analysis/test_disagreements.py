"""`disagreements.py`: the questions on which merged agencies' answers are two or more
levels (a score of 2/3) apart."""

from __future__ import annotations

from typing import Any

import pytest
from merge_sources import BANK, merged, source

from msht_toolkit.analysis.disagreements import disagreements

# ---------------------------------------------------------------- disagreements


@pytest.mark.parametrize(
    ("qid", "values", "flagged"),
    [
        ("A-1", (3, 1), True),  # two levels apart
        ("A-1", (0, 3), True),
        ("A-1", (3, 2), False),  # one level
        ("A-1", (2, 1, 2), False),
        ("A-1", ("unknown", 2), True),  # don't know scores 0
        ("A-1", ("unknown", 1), False),
        ("A-1", ("na", 3), False),  # not applicable takes no part
        ("A-1", ("na", 3, 0), True),
        ("A-2", ("yes", "no"), True),
        ("A-2", ("yes", "yes"), False),
        ("A-3", ("all", "none"), True),  # score 1 against 0
        ("A-3", ("all", "some"), False),  # 1 against 0.5
        ("A-4", (25, 5), True),  # threshold score 1 against 0
        ("A-4", (25, 12), False),  # 1 against 0.5
        ("A-5", ("Monthly panel", "No panel at all"), False),  # text never disagrees
        ("A-6", (3, 0), True),  # weight 0: still levels apart
    ],
)
def test_disagreement_is_two_levels_or_two_thirds_of_the_score(
    qid: str, values: tuple[Any, ...], flagged: bool
) -> None:
    found = disagreements(merged({qid: values}), [BANK])
    assert (qid in found) is flagged


def test_disagreements_describe_the_responses_in_bank_order() -> None:
    assessment = merged({"A-7": (3, 0), "A-1": (1, 3), "A-8": (2, 2)})
    found = disagreements(assessment, [BANK])
    assert list(found) == ["A-1", "A-7"]
    item = found["A-1"]
    assert item.value == 1
    assert (item.low, item.high) == (pytest.approx(1 / 3), pytest.approx(1.0))
    assert [(r.by, r.value) for r in item.responses] == [("Agency 1", 1), ("Agency 2", 3)]
    assert (item.bank_id, item.section_id) == ("alpha", "s1")


def test_single_agency_files_have_no_disagreements() -> None:
    assessment = source({"A-1": 0, "A-7": 3}).assessment
    assert disagreements(assessment, [BANK]) == {}
