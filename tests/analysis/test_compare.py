"""`compare.py`: distributions, quartiles, periods, unreadable files, the JSON shape."""

from __future__ import annotations

import statistics

import pytest

from msht_toolkit.analysis.compare import BankRating, Entry, compare, distribution
from msht_toolkit.errors import NotFoundError, RefusedError
from msht_toolkit.render.json.compare import COMPARE_SCHEMA, compare_json
from msht_toolkit.scoring.scorer import rag_for


def entry(
    name: str,
    score: float | None,
    period: str | None = "2026/27",
    banks: dict[str, float | None] | None = None,
) -> Entry:
    ratings = tuple(
        BankRating(bank_id, f"Bank {bank_id}", "prepare", "2026.1", s, rag_for(s))
        for bank_id, s in (banks or {}).items()
    )
    return Entry(
        file=f"{name.lower()}.msht.yaml",
        partnership=f"{name} Anti-Slavery Partnership",
        area=name,
        period=period,
        score=score,
        rag=rag_for(score),
        completeness=1.0,
        provisional=False,
        banks=ratings,
    )


# ---------------------------------------------------------------- distribution


def test_quartiles_are_inclusive_and_positions_follow_them() -> None:
    d = distribution([(10.0, "RED"), (20.0, "RED"), (30.0, "RED"), (40.0, "AMBER")])
    assert (d.min, d.q1, d.median, d.q3, d.max) == (10.0, 17.5, 25.0, 32.5, 40.0)
    assert [d.quartile(s) for s in (10.0, 20.0, 30.0, 40.0)] == [1, 2, 3, 4]


def test_quartiles_match_the_statistics_module() -> None:
    scores = [12.0, 55.5, 70.0, 33.3, 90.0, 41.0, 66.7]
    d = distribution([(s, rag_for(s)) for s in scores])
    assert [d.q1, d.median, d.q3] == statistics.quantiles(scores, n=4, method="inclusive")
    # every quarter is represented, and positions never decrease with the score
    positions = [d.quartile(s) for s in sorted(scores)]
    assert positions == sorted(positions) and set(positions) == {1, 2, 3, 4}


def test_ties_go_to_the_higher_quartile() -> None:
    d = distribution([(50.0, "AMBER")] * 4)
    assert {d.quartile(50.0)} == {4}
    assert d.quartile(None) is None


def test_one_partnership_is_its_own_distribution() -> None:
    d = distribution([(61.0, "AMBER")])
    assert (d.n, d.q1, d.median, d.q3) == (1, 61.0, 61.0, 61.0)
    assert d.quartile(61.0) == 4


def test_counts_per_rag_and_unrated() -> None:
    d = distribution(
        [(10.0, "RED"), (50.0, "AMBER"), (80.0, "GREEN"), (90.0, "GREEN"), (None, "UNRATED")]
    )
    assert (d.n, d.red, d.amber, d.green, d.unrated) == (4, 1, 1, 2, 1)
    empty = distribution([(None, "UNRATED")])
    assert (empty.n, empty.median, empty.quartile(10.0)) == (0, None, None)


# ---------------------------------------------------------------- the comparison


def test_each_partnership_is_placed_overall_and_per_bank() -> None:
    entries = [
        entry("Midshire", 80.0, banks={"identification": 90.0, "pursue": 10.0}),
        entry("Westvale", 40.0, banks={"identification": 30.0, "pursue": 70.0}),
        entry("Northmoor", 60.0, banks={"identification": 50.0}),
        entry("Eastmarsh", 20.0, banks={"identification": 70.0, "pursue": 40.0}),
    ]
    c = compare(entries, bank_order=["identification", "pursue"])
    assert [e.area for e in c.entries] == ["Eastmarsh", "Midshire", "Northmoor", "Westvale"]
    by_area = {e.area: e for e in c.entries}
    assert [c.quartile(by_area[a]) for a in ("Eastmarsh", "Westvale", "Northmoor", "Midshire")] == [
        1,
        2,
        3,
        4,
    ]
    assert c.quartile(by_area["Midshire"], "identification") == 4
    assert c.quartile(by_area["Midshire"], "pursue") == 1
    assert c.quartile(by_area["Northmoor"], "pursue") is None  # did not answer the bank
    pursue = c.per_bank["pursue"]
    assert (pursue.n, pursue.unrated, pursue.red, pursue.amber) == (3, 1, 1, 2)
    assert [b.id for b in c.banks] == ["identification", "pursue"]


def test_mixed_periods_use_the_most_common_and_warn() -> None:
    entries = [entry("A", 50.0), entry("B", 60.0), entry("C", 70.0, period="2025/26")]
    c = compare(entries)
    assert c.period == "2026/27"
    assert [e.area for e in c.excluded] == ["C"]
    assert len(c.warnings) == 1 and "2025/26 (1)" in c.warnings[0] and "--period" in c.warnings[0]
    assert c.overall.n == 2


def test_a_tie_between_periods_goes_to_the_latest() -> None:
    c = compare([entry("A", 50.0, period="2025/26"), entry("B", 60.0, period="2026/27")])
    assert c.period == "2026/27"


def test_an_asked_for_period_wins_without_a_warning() -> None:
    entries = [entry("A", 50.0), entry("B", 60.0), entry("C", 70.0, period="2025/26")]
    c = compare(entries, period="2025/26")
    assert [e.area for e in c.entries] == ["C"] and c.warnings == ()
    with pytest.raises(NotFoundError, match="no assessments for period 2024/25"):
        compare(entries, period="2024/25")


def test_two_files_for_one_partnership_are_both_listed_with_a_warning() -> None:
    twin = entry("Midshire", 55.0)
    twin = Entry(**{**twin.__dict__, "file": "midshire-copy.msht.yaml"})
    c = compare([entry("Midshire", 50.0), twin, entry("Westvale", 60.0)])
    assert len(c.entries) == 3
    assert len(c.warnings) == 1 and "midshire-copy.msht.yaml" in c.warnings[0]


def test_nothing_to_compare_is_refused() -> None:
    with pytest.raises(RefusedError, match="no readable assessments"):
        compare([])


def test_json_document_shape() -> None:
    entries = [
        entry("Midshire", 80.04, banks={"identification": 90.0}),
        entry("Westvale", 40.0, banks={"identification": None, "pursue": 55.56}),
        entry("Oldshire", 40.0, period="2025/26"),
    ]
    doc = compare_json(compare(entries, bank_order=["identification", "pursue"]))
    assert set(doc) == {
        "schema",
        "period",
        "banks",
        "partnerships",
        "distribution",
        "excluded",
        "skipped",
        "measures",
        "flags",
    }
    assert doc["schema"] == COMPARE_SCHEMA and doc["period"] == "2026/27"
    first = doc["partnerships"][0]
    assert set(first) == {"partnership", "area", "file", "overall", "banks", "measures"}
    assert first["overall"] == {
        "score": 80.0,
        "rag": "GREEN",
        "completeness": 1.0,
        "provisional": False,
        "quartile": 4,
    }
    assert first["banks"][1] == {
        "id": "pursue",
        "version": None,
        "score": None,
        "rag": "UNRATED",
        "quartile": None,
    }
    assert doc["partnerships"][1]["banks"][1]["score"] == 55.6  # one decimal on output
    overall = doc["distribution"]["overall"]
    assert set(overall) == {
        "n",
        "red",
        "amber",
        "green",
        "unrated",
        "min",
        "q1",
        "median",
        "q3",
        "max",
    }
    assert [b["id"] for b in doc["distribution"]["banks"]] == ["identification", "pursue"]
    assert doc["excluded"] == [{"file": "oldshire.msht.yaml", "period": "2025/26"}]
    assert doc["skipped"] == []
