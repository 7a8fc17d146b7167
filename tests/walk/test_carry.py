"""Next year from last year: period, profile, carried_from, banks, defaults (not answers)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from bank_builder import make_assessment, make_bank, q

from msht_toolkit.assessment.model import Answer, Participant, PlanEntry, Target
from msht_toolkit.scoring.scorer import AMBER, GREEN, RED
from msht_toolkit.walk.carry import (
    carry_forward,
    carry_plan,
    defaults_from,
    next_period,
    plan_left_out,
    relative_name,
    resolve_carried_from,
)
from msht_toolkit.walk.changes import NEW, REPLACED

from .conftest import bankset_of


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2025/26", "2026/27"),
        ("2099/00", "2100/01"),
        ("2025-26", "2026-27"),
        ("2025/2026", "2026/2027"),
        ("2025", "2026"),
        (" 2025/26 ", "2026/27"),
        ("Year two", "Year two"),  # unknown form: left for the user to correct
        (None, None),
    ],
)
def test_next_period(period, expected):
    assert next_period(period) == expected


def banks_two_years():
    old = make_bank(
        "pp", {"s": [q("P-1"), q("P-2"), q("P-3", "yesno"), q("P-4")]}, version="2025.1"
    )
    new = make_bank(
        "pp",
        {"s": [q("P-1"), q("P-2"), q("P-3", "yesno"), q("P-5", replaces=["P-4"]), q("P-6")]},
        version="2026.1",
    )
    return old, new


def last_year(old):
    assessment = make_assessment(
        {
            "P-1": Answer(value=3, note="Named leads", evidence=["ToR"], by="Midshire Police"),
            "P-2": Answer(value=1, note="Patchy"),
            "P-3": Answer(value="unknown"),
            "P-4": Answer(value=2, review=True, review_reason="old reason"),
        },
        [old],
        period="2025/26",
        area="Midshire",
        assessed_on="2026-03-10",
        partnership="Midshire Anti-Slavery Partnership",
    )
    assessment.participants = [Participant("A. Lead", "Midshire Police", "DCI")]
    assessment.plan = {
        "P-2": PlanEntry(owner="Council", status="agreed"),
        "P-1": PlanEntry(status="done"),
        "P-9": PlanEntry(status="agreed"),  # not a question any more
    }
    assessment.targets = {"pp": Target(score=75, by="2028-03-31")}
    return assessment


def test_carry_forward_moves_profile_on_and_copies_no_answers():
    old, new = banks_two_years()
    previous = last_year(old)
    carried = carry_forward(
        previous,
        bankset_of(old, new),
        carried_from="midshire-2025.msht.yaml",
        today=dt.date(2027, 3, 14),
    )
    assert carried.partnership == "Midshire Anti-Slavery Partnership"
    assert carried.area == "Midshire"
    assert carried.period == "2026/27"
    assert carried.assessed_on == "2027-03-14"
    assert carried.carried_from == "midshire-2025.msht.yaml"
    assert carried.banks == {"pp": "2026.1"}  # newest version
    assert carried.answers == {}  # nothing counts as answered until confirmed
    assert [p.name for p in carried.participants] == ["A. Lead"]
    assert carried.participants is not previous.participants
    assert set(carried.plan) == {"P-2"}  # open decisions only, on questions that still exist
    assert carried.targets["pp"].score == 75


def test_open_decisions_on_questions_no_longer_asked_are_left_out_and_named():
    old, new = banks_two_years()
    previous = last_year(old)
    previous.plan["P-4"] = PlanEntry(owner="Police", status="in progress")  # P-5 replaces it
    previous.plan["P-6"] = PlanEntry(status="dropped")  # closed: stays behind, unnamed
    bankset = bankset_of(old, new)
    carried = carry_forward(previous, bankset, carried_from="m.msht.yaml")
    assert carried.plan == {"P-2": PlanEntry(owner="Council", status="agreed")}
    assert carry_plan(previous, [new])[1] == ["P-9", "P-4"]
    assert plan_left_out(previous, carried, bankset) == (
        "Left out last year's plan decisions on P-9, P-4: the new bank versions no longer "
        "have those questions."
    )
    previous.plan = {"P-2": previous.plan["P-2"]}
    assert plan_left_out(previous, carried, bankset) is None


def test_carry_forward_with_bank_ids_limits_banks():
    old, new = banks_two_years()
    other = make_bank("zz", {"s": [q("Z-1")]})
    carried = carry_forward(
        last_year(old), bankset_of(old, new, other), carried_from="x", bank_ids=["zz"]
    )
    assert carried.banks == {"zz": "1.0"}


def test_defaults_offer_last_years_answers_through_replaces_with_their_rag():
    old, new = banks_two_years()
    defaults = defaults_from(last_year(old), [old], [new])
    assert defaults.previous["P-1"].value == 3
    assert defaults.previous["P-1"].note == "Named leads"
    assert defaults.previous["P-1"].evidence == ["ToR"]
    assert defaults.previous["P-5"].value == 2  # P-5 replaces P-4
    assert defaults.previous["P-5"].review is False  # last year's review mark is not carried
    assert "P-6" not in defaults.previous
    assert defaults.last_rag == {"P-1": GREEN, "P-2": RED, "P-3": RED, "P-5": AMBER}
    assert defaults.tags["P-6"].kind == NEW
    assert defaults.tags["P-5"].kind == REPLACED
    assert "P-1" not in defaults.tags


def test_weak_or_changed_selects_red_amber_new_changed_and_unanswered():
    old, new = banks_two_years()
    defaults = defaults_from(last_year(old), [old], [new])
    # P-1 GREEN and unchanged: not walked; P-2 RED; P-3 don't know (RED);
    # P-5 replaces P-4 (and was AMBER); P-6 new
    assert defaults.weak_or_changed([new]) == ["P-2", "P-3", "P-5", "P-6"]


def test_defaults_drop_a_value_that_no_longer_fits():
    old = make_bank("tt", {"s": [q("T-1", "yesno")]}, version="1")
    new = make_bank("tt", {"s": [q("T-1")]}, version="2")  # now a scale question
    previous = make_assessment({"T-1": Answer(value="yes", note="kept")}, [old])
    defaults = defaults_from(previous, [old], [new])
    assert defaults.previous["T-1"].value is None
    assert defaults.previous["T-1"].note == "kept"
    assert "T-1" in defaults.weak_or_changed([new])


def test_relative_name_and_resolution(tmp_path: Path):
    (tmp_path / "y2025").mkdir()
    old = tmp_path / "y2025" / "m.msht.yaml"
    new = tmp_path / "m-2026.msht.yaml"
    name = relative_name(old, new)
    assert name == "y2025/m.msht.yaml"
    assert resolve_carried_from(name, new) == old.resolve()
