"""`merge.py`: consolidating agencies' answers, flattening, refusals, disagreements.

Banks are built through the real loader (``tests/bank_builder.py``). Values are given
in stored form, as ``check_answers`` leaves them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bank_builder import make_bank, q

from msht_toolkit.analysis.merge import (
    RULES,
    Source,
    check_rule,
    consolidate,
    disagreements,
    merge,
)
from msht_toolkit.assessment.check import check_answers
from msht_toolkit.assessment.model import (
    Answer,
    Assessment,
    Participant,
    PlanEntry,
    Response,
    Target,
)
from msht_toolkit.assessment.reading import load_assessment
from msht_toolkit.assessment.writing import dump_assessment
from msht_toolkit.banks.model import Bank
from msht_toolkit.errors import MergeConflictError, UsageError

PARTNERSHIP = "Midshire Anti-Slavery Partnership"
BANK = make_bank(
    "alpha",
    {
        "s1": [
            q("A-1"),
            q("A-2", "yesno"),
            q("A-3", "choice"),  # options none (0), some (0.5), all (1): ids not in score order
            q("A-4", "number"),  # thresholds 0 -> 0, 10 -> 0.5, 20 -> 1
            q("A-5", "text"),
            q("A-6", weight=0),
        ],
        "s2": [q("A-7"), q("A-8")],
    },
)
OTHER = make_bank("beta", {"t1": [q("B-1"), q("B-2")]}, theme="pursue")


def question(qid: str, bank: Bank = BANK) -> Any:
    found = bank.question(qid)
    assert found is not None
    return found


def responses(*values: Any) -> list[Response]:
    return [Response(by=f"Agency {i + 1}", value=v) for i, v in enumerate(values)]


def source(
    answers: dict[str, Any],
    agency: str = "Midshire Police",
    banks: tuple[Bank, ...] = (BANK,),
    name: str = "",
    **profile: Any,
) -> Source:
    """An agency's checked assessment; answers are values or Answer objects."""
    a = Assessment(
        partnership=profile.pop("partnership", PARTNERSHIP),
        period=profile.pop("period", "2026/27"),
        **profile,
    )
    a.banks = {b.id: b.version for b in banks}
    a.participants = a.participants or [Participant("A. Lead", agency)]
    for qid, value in answers.items():
        a.answers[qid] = value if isinstance(value, Answer) else Answer(value=value, by=agency)
    return Source(a, banks, name or f"{agency.lower().replace(' ', '-')}.msht.yaml")


# ---------------------------------------------------------------- the rules, per type


@pytest.mark.parametrize(("rule", "expected"), [("lowest", 1), ("median", 2), ("highest", 3)])
def test_scale_rules_pick_lowest_median_highest_level(rule: str, expected: int) -> None:
    assert consolidate(question("A-1"), responses(3, 1, 2), rule) == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [((0, 1, 2, 3), 1), ((3, 2), 2), ((2, 2, 3, 3), 2), ((1, 3, 3, 0), 1)],
)
def test_median_of_an_even_count_takes_the_lower_middle(
    values: tuple[int, ...], expected: int
) -> None:
    assert consolidate(question("A-1"), responses(*values), "median") == expected


def test_lowest_is_the_default_rule() -> None:
    assert consolidate(question("A-1"), responses(2, 0, 3)) == 0


def test_unknown_scores_zero_and_is_lower_than_level_zero() -> None:
    scale = question("A-1")
    assert consolidate(scale, responses(0, "unknown", 3), "lowest") == "unknown"
    assert consolidate(scale, responses("unknown", 0), "lowest") == "unknown"
    assert consolidate(scale, responses("unknown", 0, 3), "highest") == 3
    assert consolidate(scale, responses("unknown", 2, 3), "median") == 2
    assert consolidate(scale, responses("unknown", 0), "median") == "unknown"


def test_na_only_when_every_agency_says_na() -> None:
    scale = question("A-1")
    for rule in RULES:
        assert consolidate(scale, responses("na", 2, "na"), rule) == 2
        assert consolidate(scale, responses("na", "na"), rule) == "na"
    assert consolidate(scale, responses("na", 3, 1), "lowest") == 1


def test_unanswered_responses_do_not_vote() -> None:
    scale = question("A-1")
    assert consolidate(scale, [Response("Police", None, note="no view"), *responses(3)]) == 3
    assert consolidate(scale, [Response("Police", None, note="no view")]) is None


def test_yesno_orders_no_below_yes() -> None:
    yesno = question("A-2")
    assert consolidate(yesno, responses("yes", "no"), "lowest") == "no"
    assert consolidate(yesno, responses("no", "yes"), "highest") == "yes"
    assert consolidate(yesno, responses("yes", "unknown"), "lowest") == "unknown"


def test_choice_orders_by_option_score_not_by_id() -> None:
    choice = question("A-3")  # alphabetical: all < none < some; by score: none < some < all
    assert consolidate(choice, responses("all", "some", "none"), "lowest") == "none"
    assert consolidate(choice, responses("none", "all", "some"), "median") == "some"
    assert consolidate(choice, responses("some", "none", "all"), "highest") == "all"


def test_number_orders_by_threshold_score_then_number() -> None:
    number = question("A-4")
    assert consolidate(number, responses(25, 5, 12), "lowest") == 5
    assert consolidate(number, responses(25, 5, 12), "median") == 12
    assert consolidate(number, responses(12, 15), "lowest") == 12  # same band: smaller first
    assert consolidate(number, responses(15, 12), "highest") == 15


def test_weight_zero_questions_are_ordered_by_level_too() -> None:
    assert consolidate(question("A-6"), responses(3, 1), "lowest") == 1
    assert consolidate(question("A-6"), responses(3, 1), "highest") == 3


def test_text_keeps_one_text_when_all_agree_else_joins_by_agency() -> None:
    text = question("A-5")
    same = [Response("Police", "Monthly panel"), Response("Council", "Monthly panel")]
    assert consolidate(text, same, "lowest") == "Monthly panel"
    differ = [Response("Police", "Monthly panel"), Response("Council", "Quarterly board")]
    expected = "Police: Monthly panel\nCouncil: Quarterly board"
    for rule in RULES:
        assert consolidate(text, differ, rule) == expected


def test_text_ignores_unknown_unless_nothing_else() -> None:
    text = question("A-5")
    mixed = [Response("Police", "unknown"), Response("Council", "Quarterly board")]
    assert consolidate(text, mixed) == "Quarterly board"
    assert consolidate(text, [Response("Police", "unknown"), Response("Council", "na")]) == (
        "unknown"
    )


def test_an_unknown_rule_is_refused() -> None:
    with pytest.raises(UsageError, match="lowest, median, highest"):
        consolidate(question("A-1"), responses(1), "average")
    with pytest.raises(UsageError):
        merge([source({"A-1": 1})], rule="mean")


@pytest.mark.parametrize("rule", RULES)
def test_every_rule_is_accepted(rule: str) -> None:
    assert check_rule(rule) == rule


def test_a_rule_is_refused_in_one_line_naming_what_it_is_called() -> None:
    with pytest.raises(UsageError) as caught:
        check_rule("average", "--rule")
    assert str(caught.value) == "--rule must be one of lowest, median, highest, not 'average'"
    with pytest.raises(UsageError, match=r"^the merge rule must be one of"):
        merge([source({"A-1": 1})], rule="mean")


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
    with pytest.raises(MergeConflictError, match=r"bank 'alpha' was answered in different versions"):
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


# ---------------------------------------------------------------- disagreements


def merged(values: dict[str, tuple[Any, ...]]) -> Assessment:
    """A merged assessment whose answers hold one response per value."""
    files = [
        source(
            {qid: vals[i] for qid, vals in values.items() if i < len(vals)},
            agency=f"Agency {i + 1}",
        )
        for i in range(max(len(v) for v in values.values()))
    ]
    return merge(files).assessment


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
