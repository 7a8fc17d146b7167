"""`phases.py`: the plan's priorities spread over phases of the coming 12 months."""

from __future__ import annotations

import datetime as dt

import pytest
from bank_builder import act, make_bank, q, score

from msht_toolkit.analysis.phases import add_months, phase_bounds
from msht_toolkit.analysis.plan import build_plan
from msht_toolkit.assessment.model import PlanEntry
from msht_toolkit.errors import UsageError

SCALE_ACTIONS = [act(2, "Reach level 2"), act(3, "Reach level 3", "medium", "OPCC")]


def test_phase_bounds() -> None:
    assert phase_bounds(3) == [(0, 3), (3, 6), (6, 12)]
    assert phase_bounds(1) == [(0, 12)]
    assert phase_bounds(2) == [(0, 6), (6, 12)]
    assert phase_bounds(4) == [(0, 3), (3, 6), (6, 9), (9, 12)]
    assert len(phase_bounds(12)) == 12
    for bad in (0, -1, 13):
        with pytest.raises(UsageError):
            phase_bounds(bad)


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)
    assert add_months(dt.date(2027, 3, 14), 12) == dt.date(2028, 3, 14)


def _phase_bank(count: int = 6) -> object:
    # equal weights and levels: equal gains, so priority then bank order rank them
    return make_bank(
        sections={
            "s": [q("C-1", critical=True, actions=[act(2, "C-1", "low")])]
            + [q(f"H-{n}", actions=[act(2, f"H-{n}")]) for n in range(1, count)]
            + [q("L-1", actions=[act(2, "L-1", "low")])]
        }
    )


def _phases(
    count: int,
    plan: dict | None = None,
    assessed_on: str | None = "2027-03-14",
    top: int | None = 15,
    size: int = 6,
):
    bank = _phase_bank(size)
    card = score(
        bank,
        {question.id: 0 for question in bank.questions()},
        plan=plan,
        assessed_on=assessed_on,
    )
    result = build_plan(card, top=top, phases=count)
    return result, [[i.qid for i in p.items] for p in result.phases]


def test_three_phases_cut_the_ranking_into_even_runs() -> None:
    result, ids = _phases(3)
    # ranking: C-1 (critical), H-1..H-5 (high), L-1 (low): 7 priorities -> 3, 2, 2
    assert ids == [["C-1", "H-1", "H-2"], ["H-3", "H-4"], ["H-5", "L-1"]]
    first = result.phases[0]
    assert (first.start, first.end) == (dt.date(2027, 3, 14), dt.date(2027, 6, 14))
    assert result.phases[2].end == dt.date(2028, 3, 14)
    assert result.phases[1].label == "Phase 2: months 3–6"


def test_phases_spread_only_the_priorities() -> None:
    result, ids = _phases(2, top=4)
    assert ids == [["C-1", "H-1"], ["H-2", "H-3"]]
    assert [i.qid for i in result.further] == ["H-4", "H-5", "L-1"]


def test_more_phases_than_priorities_is_cut_down_with_a_note() -> None:
    result, ids = _phases(5, top=3)
    assert ids == [["C-1"], ["H-1"], ["H-2"]]
    assert any("only 3 priorities" in n for n in result.notes)


def test_every_critical_failure_goes_in_the_first_phase() -> None:
    bank = make_bank(
        sections={
            "s": [q(f"C-{n}", critical=True, actions=[act(2, "c")]) for n in range(3)]
            + [q(f"H-{n}", actions=[act(2, "h")]) for n in range(3)]
        }
    )
    card = score(bank, {question.id: 0 for question in bank.questions()})
    result = build_plan(card, phases=3)
    assert [[i.qid for i in p.items] for p in result.phases] == [
        ["C-0", "C-1", "C-2"],
        ["H-0", "H-1"],
        ["H-2"],
    ]


def test_agreed_due_dates_decide_the_phase() -> None:
    plan = {
        "L-1": PlanEntry(owner="OPCC", due="2027-05-01", status="agreed"),  # in phase 1
        "H-1": PlanEntry(due="2027-08-31"),  # phase 2
        "H-2": PlanEntry(due="2029-01-01"),  # after the last phase
    }
    result, ids = _phases(3, plan)
    # the undated C-1, H-3, H-4, H-5 are cut 2, 1, 1
    assert ids == [["C-1", "H-3", "L-1"], ["H-1", "H-4"], ["H-2", "H-5"]]
    assert any("Priority 3" in n and "after the last phase" in n for n in result.notes)


def test_due_before_the_assessment_goes_first_with_a_note() -> None:
    result, ids = _phases(3, {"L-1": PlanEntry(due="2026-12-31")})
    assert "L-1" in ids[0]
    assert any("before this assessment" in n for n in result.notes)


def test_closed_items_are_not_scheduled() -> None:
    plan = {"H-1": PlanEntry(status="done"), "H-2": PlanEntry(status="dropped", reason="x")}
    result, ids = _phases(3, plan)
    scheduled = [qid for phase in ids for qid in phase]
    assert "H-1" not in scheduled and "H-2" not in scheduled
    assert [c.qid for c in result.closed] == ["H-1", "H-2"]


def test_without_an_assessment_date_rank_decides_and_phases_have_no_dates() -> None:
    result, ids = _phases(3, {"L-1": PlanEntry(due="2027-05-01")}, assessed_on=None)
    assert ids == [["C-1", "H-1", "H-2"], ["H-3", "H-4"], ["H-5", "L-1"]]
    assert result.phases[0].start is None and result.phases[0].end is None
