"""`msht compare DIR [--json] [--period P] [--skip-bad]`: tables, JSON, bad files, periods."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from msht_toolkit.cli.app import app

BANKS = {"identification": "2026.1", "pursue": "2026.1"}
# partnership -> level given to every answered question (scores 0, 33.3, 66.7, 100)
LEVELS = {"Eastmarsh": 0, "Westvale": 1, "Northmoor": 2, "Midshire": 3}


def run(*args: str | Path) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture
def region(write_assessment: Callable[..., Path]) -> Path:
    path = None
    for name, level in LEVELS.items():
        path = write_assessment(
            {"ID-NRM-01": level, "ID-NRM-04": level, "PS-INV-01": level},
            banks=BANKS,
            name=f"{name.lower()}.msht.yaml",
            partnership=f"{name} Anti-Slavery Partnership",
            area=name,
        )
    assert path is not None
    return path.parent


def test_json_places_each_partnership(region: Path) -> None:
    result = run("compare", region, "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["schema"] == "msht-compare/1" and doc["period"] == "2026/27"
    placed = {p["area"]: p["overall"] for p in doc["partnerships"]}
    assert {a: (o["score"], o["rag"], o["quartile"]) for a, o in placed.items()} == {
        "Eastmarsh": (0.0, "RED", 1),
        "Westvale": (33.3, "RED", 2),
        "Northmoor": (66.7, "AMBER", 3),
        "Midshire": (100.0, "GREEN", 4),
    }
    ident = doc["distribution"]["banks"][0]
    assert ident["id"] == "identification"
    assert (ident["n"], ident["red"], ident["amber"], ident["green"]) == (4, 2, 1, 1)
    assert ident["median"] == 50.0
    assert result.stderr == ""


def test_table_shows_partnerships_and_distribution(region: Path) -> None:
    result = run("compare", region)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "4 partnership assessments for 2026/27" in out
    midshire = next(line for line in out.splitlines() if line.startswith("Midshire"))
    assert "100.0 GREEN Q4" in midshire
    eastmarsh = next(line for line in out.splitlines() if line.startswith("Eastmarsh"))
    assert "0.0 RED Q1" in eastmarsh
    dist = out.split("Distribution")[1]
    assert "identification" in dist and "pursue" in dist and "overall" in dist


def test_mixed_periods_warn_and_use_the_most_common(
    region: Path, write_assessment: Callable[..., Path]
) -> None:
    write_assessment(
        {"ID-NRM-01": 3},
        banks=BANKS,
        name="midshire-2025.msht.yaml",
        partnership="Midshire Anti-Slavery Partnership",
        period="2025/26",
    )
    result = run("compare", region, "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["period"] == "2026/27" and len(doc["partnerships"]) == 4
    assert doc["excluded"] == [{"file": "midshire-2025.msht.yaml", "period": "2025/26"}]
    assert result.stderr.startswith("msht: warning:") and "--period" in result.stderr
    chosen = run("compare", region, "--json", "--period", "2025/26")
    assert chosen.exit_code == 0, chosen.stderr
    assert [p["file"] for p in json.loads(chosen.stdout)["partnerships"]] == [
        "midshire-2025.msht.yaml"
    ]


def test_unreadable_files_stop_the_comparison_with_one_line_each(region: Path) -> None:
    (region / "broken.msht.yaml").write_text(
        "schema: msht-assessment/1\nanswers: [\n", encoding="utf-8"
    )
    (region / "wrong.msht.yaml").write_text(
        "schema: msht-assessment/1\nbanks: {identification: '2026.1'}\nanswers:\n  ID-NRM-01: 9\n"
        "  ID-NRM-04: high\n",
        encoding="utf-8",
    )
    result = run("compare", region, "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(str(region / "broken.msht.yaml"))
    assert lines[1].startswith(f"{region / 'wrong.msht.yaml'}:4:") and lines[1].endswith(
        "(and 1 more problem)"
    )
    assert "--skip-bad" in lines[2] and len(lines) == 3
    assert "Traceback" not in result.stderr


def test_skip_bad_leaves_them_out_and_lists_them(region: Path) -> None:
    (region / "broken.msht.yaml").write_text("not: [valid\n", encoding="utf-8")
    result = run("compare", region, "--json", "--skip-bad")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert len(doc["partnerships"]) == 4
    assert [s["file"] for s in doc["skipped"]] == ["broken.msht.yaml"]
    assert "broken.msht.yaml" in result.stderr


def test_only_bad_files_is_an_error_even_with_skip_bad(tmp_path: Path) -> None:
    (tmp_path / "broken.msht.yaml").write_text("- a list\n", encoding="utf-8")
    result = run("compare", tmp_path, "--skip-bad")
    assert result.exit_code == 2
    assert "no readable assessments" in result.stderr


@pytest.mark.parametrize(
    ("target", "message"),
    [("missing", "no such folder"), ("empty", "no *.msht.yaml files"), ("file", "is not a folder")],
)
def test_bad_folders_are_one_line(tmp_path: Path, target: str, message: str) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = run("compare", tmp_path / target)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr


def test_unknown_period_is_one_line(region: Path) -> None:
    result = run("compare", region, "--period", "1999/00")
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == "msht: no assessments for period 1999/00; the files are for 2026/27"
    )
