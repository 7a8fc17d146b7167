"""`msht report FILE [-o REPORT.md]`: stdout or an atomic 0600 file; bad input exits 2."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_check import headings, table_problems, text
from typer.testing import CliRunner

from msht_toolkit.cli.app import app


@pytest.fixture
def file(write_assessment: Callable[..., Path]) -> Path:
    return write_assessment(
        {"PS-INV-01": 2, "PS-INV-02": {"value": 0, "note": "Cases close | when victims withdraw"}},
        banks={"pursue": "2026.1"},
        partnership="Westvale Anti-Slavery Partnership",
        participants=[{"name": "A. Lead", "agency": "Westvale Police", "role": "DCI"}],
    )


def run(*args: object) -> object:
    return CliRunner().invoke(app, [str(a) for a in args])


def test_prints_the_report(file: Path) -> None:
    result = run("report", file)
    assert result.exit_code == 0, result.stderr
    md = result.stdout
    assert headings(md)[0] == (
        1,
        "Modern slavery self-assessment: Westvale Anti-Slavery Partnership 2026/27",
    )
    assert table_problems(md) == []
    visible = text(md)
    assert "A. Lead" in visible and "Westvale Police" in visible
    assert "Cases close | when victims withdraw" in visible
    assert "1 critical question is rated RED (PS-INV-02)" in visible


def test_writes_the_file_0600(file: Path, tmp_path: Path) -> None:
    out = tmp_path / "REPORT.md"
    result = run("report", file, "--output", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text(encoding="utf-8") == run("report", file).stdout


def test_bad_file_exits_2_one_line_nothing_written(tmp_path: Path) -> None:
    bad = tmp_path / "bad.msht.yaml"
    bad.write_text("schema: msht-assessment/9\n", encoding="utf-8")
    out = tmp_path / "REPORT.md"
    result = run("report", bad, "-o", out)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert str(bad) in result.stderr
    assert not out.exists()
