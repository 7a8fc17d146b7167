"""`trend.py` and `msht trend`: scores and RAG across several years, and target progress."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from msht_toolkit.analysis.trend import DOWN, SAME, UP, build_trend
from msht_toolkit.assessment.model import Answer, Assessment, Target
from msht_toolkit.banks.loader import load_bank_text
from msht_toolkit.banks.model import Bank
from msht_toolkit.cli.app import app
from msht_toolkit.render.json.trend import trend_json
from msht_toolkit.scoring.scorer import UNRATED, ScoreCard, score_assessment

LEVELS = ["Nothing.", "Early.", "Substantial.", "Mature."]


def make_bank(bank_id: str, version: str, sections: dict[str, list[dict[str, Any]]]) -> Bank:
    data = {
        "schema": "msht-bank/1",
        "id": bank_id,
        "title": f"Bank {bank_id}",
        "version": version,
        "theme": "prepare",
        "sections": [
            {"id": sid, "title": f"Section {sid}", "questions": qs} for sid, qs in sections.items()
        ],
    }
    return load_bank_text(yaml.safe_dump(data, sort_keys=False), f"<{bank_id} {version}>")


def scale(qid: str, **extra: Any) -> dict[str, Any]:
    return {"id": qid, "text": f"Question {qid}?", "levels": LEVELS, **extra}


ALPHA1 = make_bank("alpha", "1", {"s": [scale("A-1"), scale("A-OLD")]})
ALPHA2 = make_bank("alpha", "2", {"s": [scale("A-1"), scale("A-NEW", replaces=["A-OLD"])]})
BETA = make_bank("beta", "1", {"b": [scale("B-1")]})
GAMMA = make_bank("gamma", "1", {"g": [scale("G-1")]})


def card(
    period: str | None,
    answers: dict[str, Any],
    banks: list[Bank],
    targets: dict[str, Target] | None = None,
    partnership: str = "Northmoor Anti-Slavery Partnership",
) -> ScoreCard:
    a = Assessment(partnership=partnership, period=period, banks={b.id: b.version for b in banks})
    a.answers = {k: Answer(v) for k, v in answers.items()}
    a.targets = targets or {}
    return score_assessment(a, banks)


def test_sorted_by_period_with_a_step_per_period() -> None:
    y3 = card("2027/28", {"A-1": 2, "A-NEW": 2}, [ALPHA2])
    y1 = card("2025/26", {"A-1": 1, "A-OLD": 1}, [ALPHA1])
    y2 = card("2026/27", {"A-1": 3, "A-NEW": 3}, [ALPHA2])
    y4 = card("2028/29", {"A-1": 2, "A-NEW": 2}, [ALPHA2])
    trend = build_trend([y3, y1, y4, y2])
    assert trend.periods == ["2025/26", "2026/27", "2027/28", "2028/29"]
    assert [p.step for p in trend.overall.points] == [None, UP, DOWN, SAME]
    assert [p.arrow for p in trend.overall.points] == ["", "↑", "↓", "→"]
    (alpha,) = trend.banks
    assert [p.version for p in alpha.points] == ["1", "2", "2", "2"]
    assert [p.rag for p in alpha.points] == ["RED", "GREEN", "AMBER", "AMBER"]


def test_banks_missing_in_some_years_and_never_scored_banks() -> None:
    y1 = card("2025/26", {"A-1": 1, "B-1": 2}, [ALPHA1, BETA, GAMMA])
    y2 = card("2026/27", {"A-1": 2}, [ALPHA2, GAMMA])
    trend = build_trend([y1, y2])
    # gamma has no score in any period: left out
    assert [s.id for s in trend.banks] == ["alpha", "beta"]
    beta = trend.banks[1]
    assert [p.assessed for p in beta.points] == [True, False]
    assert beta.points[1].rag == UNRATED and beta.points[1].step is None


def test_target_progress_since_the_first_assessment() -> None:
    targets = {
        "A-NEW": Target(level=3, by="2028-03-31"),  # followed back to A-OLD in 2025/26
        "alpha": Target(score=90),
        "alpha/s": Target(score=50),  # met exactly (up to floating-point noise)
        "A-1": Target(level=2),
    }
    y1 = card("2025/26", {"A-1": 0, "A-OLD": 1}, [ALPHA1])
    y2 = card("2026/27", {"A-1": 1, "A-NEW": 2}, [ALPHA2], targets)
    trend = build_trend([y2, y1])
    progress = {t.key: t for t in trend.targets}
    assert list(progress) == list(targets)  # every target, in file order
    new = progress["A-NEW"]
    assert (new.kind, new.first_period, new.latest_period) == ("question", "2025/26", "2026/27")
    assert new.target == pytest.approx(100.0)
    assert new.first_score == pytest.approx(100 / 3)
    assert new.percent_of_way == pytest.approx(50.0)  # 33.3 -> 66.7 of the way to 100
    assert new.gap == pytest.approx(100 / 3) and not new.met
    assert new.status == "below target" and new.latest_rag == "AMBER"
    bank = progress["alpha"]
    assert bank.kind == "bank"
    assert bank.percent_of_way == pytest.approx((50 - 100 / 6) / (90 - 100 / 6) * 100)
    section = progress["alpha/s"]
    assert section.kind == "section" and section.first_score == pytest.approx(100 / 6)
    a1 = progress["A-1"]
    assert a1.percent_of_way == pytest.approx(50.0) and a1.target == pytest.approx(200 / 3)


def test_target_progress_edges() -> None:
    targets = {"A-1": Target(score=50), "B-1": Target(level=3), "nothing": Target(score=10)}
    y1 = card("2025/26", {"A-1": 3}, [ALPHA2, BETA])
    y2 = card("2026/27", {"A-1": 1, "B-1": 3}, [ALPHA2, BETA], targets)
    trend = build_trend([y1, y2])
    progress = {t.key: t for t in trend.targets}
    # the first score was above target, now below: none of the way covered
    assert progress["A-1"].percent_of_way == 0.0 and not progress["A-1"].met
    assert progress["A-1"].first_score == 100.0
    # unanswered the first year: measured from the first year with a score (the latest)
    assert progress["B-1"].first_period == "2026/27" and progress["B-1"].met
    assert progress["B-1"].percent_of_way == 100.0
    # a target naming nothing is reported, not dropped
    assert progress["nothing"].status == "not in this assessment"
    assert progress["nothing"].latest_rag == UNRATED


def test_a_score_gone_backwards_is_none_of_the_way() -> None:
    y1 = card("2025/26", {"A-1": 2}, [ALPHA2])
    y2 = card("2026/27", {"A-1": 1}, [ALPHA2], {"A-1": Target(level=3)})
    (t,) = build_trend([y1, y2]).targets
    assert t.percent_of_way == 0.0
    assert (t.first_score, t.latest_score) == (pytest.approx(200 / 3), pytest.approx(100 / 3))


def test_warnings_for_mixed_partnerships_and_repeated_periods() -> None:
    y1 = card("2025/26", {"A-1": 1}, [ALPHA2], partnership="Westvale Anti-Slavery Partnership")
    y2 = card("2025/26", {"A-1": 2}, [ALPHA2])
    trend = build_trend([y1, y2])
    assert any("different partnerships" in w for w in trend.warnings)
    assert any("2 files are for period 2025/26" in w for w in trend.warnings)
    assert trend.labels() == ["2025/26 (1)", "2025/26 (2)"]


def test_json_document() -> None:
    y1 = card("2025/26", {"A-1": 1, "A-OLD": 1}, [ALPHA1])
    y2 = card("2026/27", {"A-1": 2, "A-NEW": 2}, [ALPHA2], {"A-NEW": Target(level=3)})
    doc = trend_json(build_trend([y2, y1]))
    assert list(doc) == [
        "schema",
        "partnership",
        "periods",
        "overall",
        "banks",
        "targets",
        "measures",
    ]
    assert doc["schema"] == "msht-trend/1"
    assert [p["period"] for p in doc["periods"]] == ["2025/26", "2026/27"]
    assert doc["overall"] == [
        {"period": "2025/26", "score": 33.3, "rag": "RED", "provisional": False, "step": None},
        {"period": "2026/27", "score": 66.7, "rag": "AMBER", "provisional": False, "step": "up"},
    ]
    assert doc["banks"][0]["points"][1] == {
        "period": "2026/27",
        "assessed": True,
        "version": "2",
        "score": 66.7,
        "rag": "AMBER",
        "provisional": False,
        "step": "up",
    }
    assert doc["targets"] == [
        {
            "id": "A-NEW",
            "kind": "question",
            "target": 100.0,
            "by": None,
            "status": "below target",
            "first": {"period": "2025/26", "score": 33.3},
            "latest": {"period": "2026/27", "score": 66.7, "rag": "AMBER"},
            "gap": 33.3,
            "progress": 50.0,
            "met": False,
        }
    ]


# ------------------------------------------------------------------ the command


@pytest.fixture
def years(write_assessment: Callable[..., Path]) -> list[Path]:
    y1 = write_assessment(
        {"ID-NRM-01": 1, "ID-NRM-03": 1, "PS-INV-01": 2},
        banks={"identification": "2025.1", "pursue": "2026.1"},
        name="y1.msht.yaml",
        period="2025/26",
    )
    y2 = write_assessment(
        {"ID-NRM-01": 2, "ID-NRM-04": 2},
        banks={"identification": "2026.1"},
        name="y2.msht.yaml",
        period="2026/27",
    )
    y3 = write_assessment(
        {"ID-NRM-01": 2, "ID-NRM-04": 3, "PS-INV-01": 1},
        banks={"identification": "2026.1", "pursue": "2026.1"},
        name="y3.msht.yaml",
        period="2027/28",
        targets={"ID-NRM-04": {"level": 3}, "identification": {"score": 90}},
    )
    return [y1, y2, y3]


def test_command_table_in_period_order(years: list[Path]) -> None:
    result = CliRunner().invoke(app, ["trend", *map(str, [years[2], years[0], years[1]])])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    header = next(
        line for line in lines if all(p in line for p in ("2025/26", "2026/27", "2027/28"))
    )
    assert header.index("2025/26") < header.index("2026/27") < header.index("2027/28")
    overall = next(line for line in lines if line.strip().startswith("Overall"))
    doc = json.loads(CliRunner().invoke(app, ["trend", *map(str, years), "--json"]).stdout)
    arrows = {"up": "↑", "down": "↓", "same": "→"}
    expected = [
        f"{arrows[p['step']] + ' ' if p['step'] else ''}{p['score']:.1f} {p['rag']}"
        for p in doc["overall"]
    ]
    positions = [overall.index(cell) for cell in expected]
    assert positions == sorted(positions)
    assert "not assessed" in next(line for line in lines if "Pursue" in line)
    assert "Progress toward targets since the first assessment (2025/26)" in result.stdout
    assert "ID-NRM-04" in result.stdout


def test_command_json(years: list[Path]) -> None:
    result = CliRunner().invoke(app, ["trend", *map(str, years), "--json"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["schema"] == "msht-trend/1"
    assert [p["file"] for p in doc["periods"]] == ["y1.msht.yaml", "y2.msht.yaml", "y3.msht.yaml"]
    targets = {t["id"]: t for t in doc["targets"]}
    assert targets["ID-NRM-04"]["first"] == {"period": "2025/26", "score": 33.3}
    assert targets["ID-NRM-04"]["met"] is True


def test_command_needs_two_files_and_refuses_bad_ones(years: list[Path], tmp_path: Path) -> None:
    one = CliRunner().invoke(app, ["trend", str(years[0])])
    assert one.exit_code == 2 and "at least two" in one.stderr
    bad = tmp_path / "bad.msht.yaml"
    bad.write_text("schema: msht-assessment/1\nanswers: {NO-SUCH-1: 2}\n")
    result = CliRunner().invoke(app, ["trend", str(years[0]), str(bad)])
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"{bad}:2:") and "NO-SUCH-1" in line
