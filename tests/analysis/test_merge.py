"""`merge.py`: merging agencies' files: responses kept, profile and plan merged, flattening,
refusals (the rule per question: test_consolidate.py; disagreements: test_disagreements.py).

Banks are built through the real loader (``tests/bank_builder.py``). Values are given
in stored form, as ``check_answers`` leaves them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bank_builder import make_bank, q
from merge_sources import BANK, OTHER, PARTNERSHIP, source

from msht_toolkit.analysis.disagreements import disagreements
from msht_toolkit.analysis.merge import Source, merge
from msht_toolkit.assessment.check import check_answers
from msht_toolkit.assessment.model import (
    Answer,
    Participant,
    PlanEntry,
    Response,
    Target,
)
from msht_toolkit.assessment.reading import load_assessment
from msht_toolkit.assessment.writing import dump_assessment
from msht_toolkit.errors import MergeConflictError

# ---------------------------------------------------------------- merging files


def test_every_response_is_kept_with_by_note_evidence_and_at() -> None:
    police = source(
        {
            "A-1": Answer(
                value=3,
                note="Pathway on intranet",
                evidence=["ToR v3"],
                by="Midshire Police",
                at="2027-03-14T10:42:00",
            )
        }
    )
    council = source(
        {"A-1": Answer(value=1, note="NHS not signed up", by="Midshire County Council")},
        agency="Midshire County Council",
    )
    result = merge([police, council])
    answer = result.assessment.answers["A-1"]
    assert answer.value == 1
    assert answer.responses == [
        Response("Midshire Police", 3, "Pathway on intranet", ["ToR v3"], "2027-03-14T10:42:00"),
        Response("Midshire County Council", 1, "NHS not signed up", [], None),
    ]
    assert answer.evidence == ["ToR v3"]
    assert result.responses == 2
    assert result.warnings == ()


@pytest.mark.parametrize(("rule", "expected"), [("lowest", 0), ("median", 2), ("highest", 3)])
def test_merge_applies_the_rule(rule: str, expected: int) -> None:
    files = [source({"A-1": v}, agency=f"Agency {v}") for v in (3, 0, 2)]
    assert merge(files, rule=rule).assessment.answers["A-1"].value == expected


def test_who_answered_falls_back_to_the_file_agency_then_the_file_name() -> None:
    one_agency = source({"A-1": Answer(value=2)}, agency="Midshire Fire and Rescue")
    mixed = source({"A-1": Answer(value=1)}, name="joint.msht.yaml")
    mixed.assessment.participants = [
        Participant("A. Lead", "Midshire Police"),
        Participant("C. Nurse", "Midshire NHS Trust"),
    ]
    result = merge([one_agency, mixed])
    assert [r.by for r in result.assessment.answers["A-1"].responses] == [
        "Midshire Fire and Rescue",
        "joint.msht.yaml",
    ]


def test_a_question_answered_by_one_agency_keeps_its_one_response() -> None:
    result = merge([source({"A-1": 2}), source({"A-7": 1}, agency="Midshire County Council")])
    answers = result.assessment.answers
    assert answers["A-1"].value == 2
    assert [r.by for r in answers["A-1"].responses] == ["Midshire Police"]
    assert [r.by for r in answers["A-7"].responses] == ["Midshire County Council"]


def test_answers_follow_bank_order_and_banks_are_unioned() -> None:
    police = source({"B-2": 1, "A-7": 2}, banks=(BANK, OTHER))
    council = source({"A-1": 3}, agency="Midshire County Council")
    result = merge([council, police])
    assert list(result.assessment.answers) == ["A-1", "A-7", "B-2"]
    assert result.assessment.banks == {"alpha": "1.0", "beta": "1.0"}
    assert [b.id for b in result.banks] == ["alpha", "beta"]


def test_participants_are_unioned_once_each() -> None:
    police = source({"A-1": 1})
    police.assessment.participants = [Participant("A. Lead", "Midshire Police")]
    council = source({"A-1": 2}, agency="Midshire County Council")
    council.assessment.participants = [
        Participant("a.  lead", "Midshire Police", "DCI"),
        Participant("B. Officer", "Midshire County Council"),
    ]
    people = merge([police, council]).assessment.participants
    assert [(p.name, p.agency, p.role) for p in people] == [
        ("A. Lead", "Midshire Police", "DCI"),
        ("B. Officer", "Midshire County Council", None),
    ]


def test_profile_missing_values_agree_and_latest_date_wins() -> None:
    a = source({"A-1": 1}, area="Midshire", assessed_on="2027-03-10")
    b = source({"A-1": 2}, partnership="", period=None, assessed_on="2027-03-14")
    result = merge([a, b]).assessment
    assert (result.partnership, result.period, result.area) == (PARTNERSHIP, "2026/27", "Midshire")
    assert result.assessed_on == "2027-03-14"


def test_case_and_spacing_do_not_make_a_different_partnership() -> None:
    a = source({"A-1": 1})
    b = source({"A-1": 2}, partnership="midshire  anti-slavery partnership")
    assert merge([a, b]).assessment.partnership == PARTNERSHIP


@pytest.mark.parametrize(
    ("profile", "word"),
    [
        ({"partnership": "Westvale Anti-Slavery Partnership"}, "Westvale"),
        ({"period": "2025/26"}, "2025/26"),
    ],
)
def test_different_partnership_or_period_is_refused_in_one_line(
    profile: dict[str, str], word: str
) -> None:
    a = source({"A-1": 1}, name="police.msht.yaml")
    b = source({"A-1": 2}, name="council.msht.yaml", **profile)
    with pytest.raises(MergeConflictError) as caught:
        merge([a, b])
    message = str(caught.value)
    assert "\n" not in message
    assert word in message and "police.msht.yaml" in message and "council.msht.yaml" in message
    assert "--force" in message


def test_force_keeps_the_first_file_and_warns() -> None:
    a = source({"A-1": 1})
    b = source({"A-1": 2}, partnership="Westvale Anti-Slavery Partnership", period="2025/26")
    result = merge([a, b], force=True)
    assert result.assessment.partnership == PARTNERSHIP
    assert result.assessment.period == "2026/27"
    assert any("Westvale" in w and "kept" in w for w in result.warnings)
    assert any("2025/26" in w for w in result.warnings)
    assert [r.value for r in result.assessment.answers["A-1"].responses] == [1, 2]


def test_different_area_only_warns() -> None:
    result = merge([source({"A-1": 1}, area="Midshire"), source({"A-1": 2}, area="Mid Shire")])
    assert result.assessment.area == "Midshire"
    assert any("Mid Shire" in w for w in result.warnings)


NEW_ALPHA = make_bank(
    "alpha",
    {
        "s1": [
            q("A-1"),
            q(
                "A-3",
                "choice",
                options=[
                    {"id": "few", "label": "Few", "score": 0},
                    {"id": "most", "label": "Most", "score": 1},
                ],
            ),
        ]
    },
    version="2.0",
)


def test_different_bank_versions_are_refused() -> None:
    old = source({"A-1": 1}, name="old.msht.yaml")
    new = source({"A-1": 2}, banks=(NEW_ALPHA,), name="new.msht.yaml")
    with pytest.raises(
        MergeConflictError, match=r"bank 'alpha' was answered in different versions"
    ):
        merge([old, new])


def test_force_merges_into_the_newest_version_dropping_what_does_not_fit() -> None:
    old = source({"A-1": 1, "A-3": "some", "A-7": 2}, name="old.msht.yaml")
    new = source({"A-1": 2}, banks=(NEW_ALPHA,), name="new.msht.yaml")
    result = merge([old, new], force=True)
    assert result.assessment.banks == {"alpha": "2.0"}
    assert list(result.assessment.answers) == ["A-1"]
    assert [r.value for r in result.assessment.answers["A-1"].responses] == [1, 2]
    joined = " ".join(result.warnings)
    assert "A-7 (old.msht.yaml)" in joined  # not in version 2.0
    assert "A-3 by Midshire Police (old.msht.yaml)" in joined  # 'some' is no option in 2.0


def test_plan_and_targets_fill_in_across_files() -> None:
    a = source({"A-1": 1})
    a.assessment.plan = {"A-1": PlanEntry(owner="Midshire County Council")}
    a.assessment.targets = {"alpha": Target(score=75)}
    b = source({"A-1": 2})
    b.assessment.plan = {
        "A-1": PlanEntry(due="2027-09-30", status="agreed"),
        "A-7": PlanEntry(owner="Police"),
    }
    b.assessment.targets = {"alpha": Target(score=75, by="2028-03-31")}
    result = merge([a, b]).assessment
    assert result.plan["A-1"] == PlanEntry("Midshire County Council", "2027-09-30", "agreed")
    assert result.plan["A-7"].owner == "Police"
    assert result.targets["alpha"] == Target(level=None, score=75, by="2028-03-31")
    assert a.assessment.plan["A-1"].due is None  # the inputs are not changed


def test_conflicting_plan_is_refused_unless_forced() -> None:
    a = source({"A-1": 1}, name="a.msht.yaml")
    a.assessment.plan = {"A-1": PlanEntry(owner="Midshire County Council")}
    b = source({"A-1": 2}, name="b.msht.yaml")
    b.assessment.plan = {"A-1": PlanEntry(owner="Midshire Police")}
    with pytest.raises(MergeConflictError, match="plan entry A-1 owner"):
        merge([a, b])
    result = merge([a, b], force=True)
    assert result.assessment.plan["A-1"].owner == "Midshire County Council"
    assert any("kept 'Midshire County Council'" in w for w in result.warnings)


def test_conflicting_targets_are_refused() -> None:
    a = source({"A-1": 1})
    a.assessment.targets = {"A-1": Target(level=3)}
    b = source({"A-1": 2})
    b.assessment.targets = {"A-1": Target(level=2)}
    with pytest.raises(MergeConflictError, match="target A-1 level"):
        merge([a, b])


def test_review_marks_are_carried_with_their_reasons() -> None:
    a = source(
        {"A-1": Answer(value=1, by="Midshire Police", review=True, review_reason="check ToR")}
    )
    b = source({"A-1": 2, "A-7": 1}, agency="Midshire County Council")
    answers = merge([a, b]).assessment.answers
    assert answers["A-1"].review is True
    assert answers["A-1"].review_reason == "Midshire Police: check ToR"
    assert answers["A-7"].review is False


# ---------------------------------------------------------------- flattening


def test_merging_merged_files_flattens_their_responses() -> None:
    police = source({"A-1": 3}, agency="Midshire Police")
    council = source({"A-1": 1}, agency="Midshire County Council")
    nhs = source({"A-1": 2}, agency="Midshire NHS Trust")
    first = merge([police, council], rule="highest").assessment
    again = merge([Source(first, (BANK,), "merged.msht.yaml"), nhs], rule="median")
    answer = again.assessment.answers["A-1"]
    assert [(r.by, r.value) for r in answer.responses] == [
        ("Midshire Police", 3),
        ("Midshire County Council", 1),
        ("Midshire NHS Trust", 2),
    ]
    assert answer.value == 2  # recomputed from the three responses, not the old 'highest' 3
    assert (
        again.assessment.answers == merge([police, council, nhs], rule="median").assessment.answers
    )


def test_merging_a_merge_with_one_of_its_sources_adds_nothing() -> None:
    police = source({"A-1": 3}, agency="Midshire Police")
    council = source({"A-1": 1}, agency="Midshire County Council")
    merged = merge([police, council]).assessment
    again = merge([Source(merged, (BANK,), "merged.msht.yaml"), council])
    assert again.assessment.answers == merged.answers
    assert again.warnings == ()


def test_same_agency_answering_differently_twice_is_kept_and_warned() -> None:
    early = source({"A-1": 1, "A-7": 2}, agency="Midshire Police", name="early.msht.yaml")
    late = source({"A-1": 2, "A-7": 2}, agency="Midshire Police", name="late.msht.yaml")
    result = merge([early, late])
    assert [r.value for r in result.assessment.answers["A-1"].responses] == [1, 2]
    assert len(result.assessment.answers["A-7"].responses) == 1  # identical: kept once
    assert any("Midshire Police gave different answers to 1 question" in w for w in result.warnings)


def test_merged_output_round_trips_through_the_file_format(tmp_path: Path, bankset: Any) -> None:
    banks = [bankset.get("identification")]
    police = source(
        {
            "ID-NRM-01": Answer(
                value=3, note="Pathway | on *intranet*", evidence=["ToR v3"], by="Midshire Police"
            ),
            "ID-NRM-02": Answer(value="unknown", by="Midshire Police"),
        },
        banks=tuple(banks),
    )
    council = source(
        {"ID-NRM-01": 1, "ID-NRM-02": "na"}, agency="Midshire County Council", banks=tuple(banks)
    )
    result = merge([police, council])
    path = tmp_path / "partnership.msht.yaml"
    path.write_text(dump_assessment(result.assessment), encoding="utf-8")
    loaded = load_assessment(path)
    check_answers(loaded, bankset)
    assert loaded.answers["ID-NRM-01"].value == 1
    assert loaded.answers["ID-NRM-01"].responses == result.assessment.answers["ID-NRM-01"].responses
    assert loaded.answers["ID-NRM-02"].value == "unknown"
    assert set(disagreements(loaded, banks)) == {"ID-NRM-01"}


# ---------------------------------------------------------------- population and figures


def test_population_and_figures_are_kept_and_filled_in() -> None:
    from msht_toolkit.assessment.model import MeasureValue

    police = source({}, population=1_100_000, measures={"MS-CRIMES": MeasureValue(53)})
    council = source(
        {},
        "Midshire County Council",
        measures={
            "MS-CRIMES": MeasureValue(None, source="Police"),
            "PANEL-CASES": MeasureValue(11),
        },
    )
    merged = merge([police, council]).assessment
    assert merged.population == 1_100_000
    assert merged.measures == {
        "MS-CRIMES": MeasureValue(53, source="Police"),
        "PANEL-CASES": MeasureValue(11),
    }


def test_different_figures_or_populations_are_a_conflict() -> None:
    from msht_toolkit.assessment.model import MeasureValue

    police = source({}, population=1_100_000, measures={"MS-CRIMES": MeasureValue(53)})
    council = source(
        {},
        "Midshire County Council",
        population=1_000_000,
        measures={"MS-CRIMES": MeasureValue(50)},
    )
    with pytest.raises(MergeConflictError, match="measure MS-CRIMES value is 53"):
        merge([police, council])
    forced = merge([police, council], force=True)
    assert forced.assessment.measures["MS-CRIMES"].value == 53
    assert forced.assessment.population == 1_100_000
    assert any("population is 1100000" in w for w in forced.warnings)
