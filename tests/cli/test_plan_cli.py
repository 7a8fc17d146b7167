"""`msht plan FILE [-o PLAN.md] [--phases N]`: stdout or an atomic 0600 file; bad input exits 2."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_check import headings, table_problems
from typer.testing import CliRunner

from msht_toolkit.cli.app import app

ANSWERS = {
    "ID-NRM-01": 1,
    "ID-DTN-02": "unknown",
    "PS-INV-01": 0,
    "PS-INV-02": 3,
}
PLAN = {"ID-NRM-01": {"owner": "Midshire County Council", "due": "2027-09-30", "status": "agreed"}}


@pytest.fixture
def file(write_assessment: Callable[..., Path]) -> Path:
    return write_assessment(
        ANSWERS,
        banks={"identification": "2026.1", "pursue": "2026.1"},
        partnership="Midshire Anti-Slavery Partnership",
        assessed_on="2027-03-14",
        plan=PLAN,
    )


def run(*args: object) -> object:
    return CliRunner().invoke(app, [str(a) for a in args])


def test_prints_markdown_to_stdout(file: Path) -> None:
    result = run("plan", file)
    assert result.exit_code == 0, result.stderr
    md = result.stdout
    assert headings(md)[0] == (1, "Action plan: Midshire Anti-Slavery Partnership 2026/27")
    assert table_problems(md) == []
    assert "Midshire County Council" in md
    assert "ID-DTN-02" in md  # the evidence gap
    assert result.stderr == ""


def test_writes_the_file_0600_and_says_so(file: Path, tmp_path: Path) -> None:
    out = tmp_path / "PLAN.md"
    result = run("plan", file, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"wrote {out}" in result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text(encoding="utf-8") == run("plan", file).stdout


def test_phases(file: Path) -> None:
    md = run("plan", file, "--phases", "3").stdout
    phases = [text for level, text in headings(md) if text.startswith("Phase ")]
    assert phases == [
        "Phase 1: months 0–3 (2027-03-14 to 2027-06-14)",
        "Phase 2: months 3–6 (2027-06-14 to 2027-09-14)",
        "Phase 3: months 6–12 (2027-09-14 to 2028-03-14)",
    ]
    two = run("plan", file, "--phases", "2").stdout
    assert len([h for h in headings(two) if h[1].startswith("Phase ")]) == 2


@pytest.mark.parametrize("bad", ["0", "13", "-2"])
def test_bad_phase_count_exits_2_and_writes_nothing(file: Path, tmp_path: Path, bad: str) -> None:
    out = tmp_path / "PLAN.md"
    result = run("plan", file, "--phases", bad, "-o", out)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "--phases" in result.stderr
    assert not out.exists()


def test_bad_assessment_exits_2_one_line_and_leaves_output_alone(tmp_path: Path) -> None:
    bad = tmp_path / "bad.msht.yaml"
    bad.write_text("schema: msht-assessment/1\nanswers:\n  ID-NRM-01: seven\n", encoding="utf-8")
    out = tmp_path / "PLAN.md"
    out.write_text("last year's plan\n", encoding="utf-8")
    result = run("plan", bad, "-o", out)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{bad}:3:")
    assert "Traceback" not in result.stderr
    assert out.read_text(encoding="utf-8") == "last year's plan\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["PLAN.md", "bad.msht.yaml"]


def test_missing_output_folder_exits_2(file: Path, tmp_path: Path) -> None:
    result = run("plan", file, "-o", tmp_path / "nope" / "PLAN.md")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert "does not exist" in result.stderr
