"""`msht score FILE [--json] [--detail]`: tables with RAG words, plain output, exact JSON, errors."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from score_shape import score_shape_problems
from typer.testing import CliRunner

from msht_toolkit.cli.app import app

ANSI = re.compile(r"\x1b\[[0-9;]*m")
ANSWERS = {
    "ID-NRM-01": 1,  # critical, RED: caps its section
    "ID-NRM-02": "most",
    "ID-NRM-04": 3,
    "ID-DTN-01": 2,
    "ID-DTN-02": "unknown",
    "ID-CH-01": 3,
    "ID-CH-02": "none",
    "PS-INV-01": 3,
    "PS-INV-02": 3,
    "PS-ORD-01": "no",
    "SC-TS-01": "na",
}
TARGETS = {
    "ID-NRM-04": {"level": 2, "by": "2027-09-30"},  # above target
    "ID-NRM-01": {"level": 3, "by": "2028-03-31"},  # below target
    "pursue": {"score": 75},
}


@pytest.fixture
def scored_file(write_assessment: Callable[..., Path]) -> Path:
    return write_assessment(
        ANSWERS,
        banks={"identification": "2026.1", "pursue": "2026.1", "supply-chain": "2026.1"},
        partnership="Midshire Anti-Slavery Partnership",
        assessed_on="2027-03-14",
        targets=TARGETS,
    )


def run(*args: str | Path, env: dict[str, str] | None = None) -> object:
    return CliRunner().invoke(app, [str(a) for a in args], env=env)


def json_doc(path: Path) -> dict:
    result = run("score", path, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_tables_show_overall_themes_banks_with_rag_words(scored_file: Path) -> None:
    result = run("score", scored_file)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    doc = json_doc(scored_file)
    overall = doc["overall"]
    first = next(line for line in out.splitlines() if line.startswith("Overall:"))
    assert f"{overall['score']:.1f}" in first and overall["rag"] in first
    assert "completeness" in first
    assert "Themes" in out and "Banks" in out
    for theme in doc["themes"]:
        line = next(x for x in out.splitlines() if x.strip().startswith(theme["id"] + " "))
        assert theme["rag"] in line
    for bank in doc["banks"]:
        line = next(x for x in out.splitlines() if bank["version"] in x and bank["theme"] in x)
        assert bank["rag"] in line
        assert ("-" if bank["score"] is None else f"{bank['score']:.1f}") in line
    # supply chain has one answer, N/A: nothing applicable is rated
    assert "UNRATED" in out
    assert "(provisional)" in out  # completeness is well under 80%


def test_output_is_plain_without_a_terminal_or_with_no_color(scored_file: Path) -> None:
    for env in ({"NO_COLOR": "1"}, {"NO_COLOR": ""}, {"TERM": "dumb"}):
        result = run("score", scored_file, "--detail", env=env)
        assert result.exit_code == 0
        assert not ANSI.search(result.stdout), env
        assert "RED" in result.stdout


def test_force_color_colours_piped_output_unless_no_color_or_dumb(scored_file: Path) -> None:
    """FORCE_COLOR is honoured the way rich honours it (it used to be ignored when piped)."""
    forced = run(
        "score", scored_file, "--detail", env={"FORCE_COLOR": "1", "NO_COLOR": "", "TERM": "xterm"}
    )
    assert forced.exit_code == 0
    assert ANSI.search(forced.stdout) and "RED" in forced.stdout
    for env in ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, {"FORCE_COLOR": "1", "TERM": "dumb"}):
        plain = run("score", scored_file, "--detail", env=env)
        assert not ANSI.search(plain.stdout), env


def test_detail_adds_sections_and_questions_with_caps(scored_file: Path) -> None:
    result = run("score", scored_file, "--detail")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Identification and referral: sections" in out
    assert "Identification and referral: questions" in out
    nrm = next(x for x in out.splitlines() if x.strip().startswith("National Referral Mechanism"))
    # capped RED by the critical question though its average is higher
    assert "RED" in nrm and "ID-NRM-01" in nrm
    assert "ID-NRM-01 *" in out  # critical mark
    assert "* critical question" in out
    plain = run("score", scored_file).stdout
    assert ": sections" not in plain


def test_targets_table_shows_gap_and_progress_below_target_first(scored_file: Path) -> None:
    out = run("score", scored_file).stdout
    assert "Targets" in out
    lines = out[out.index("Targets") :].splitlines()
    rows = [x.strip() for x in lines if x.strip().startswith(("ID-", "pursue"))]
    keys = [x.split()[0] for x in rows]
    # ID-NRM-04 is above its target; it does not hide ID-NRM-01, below it
    assert keys.index("ID-NRM-01") < keys.index("ID-NRM-04")
    nrm1 = rows[keys.index("ID-NRM-01")]
    assert "2 levels" in nrm1 and "33%" in nrm1 and "below target" in nrm1
    assert "met" in rows[keys.index("ID-NRM-04")]
    assert any("targets met" in x for x in lines)


def test_no_targets_no_targets_table(write_assessment: Callable[..., Path]) -> None:
    out = run("score", write_assessment({"PS-INV-01": 2})).stdout
    assert "Targets" not in out


def test_json_is_exactly_the_spec_shape_and_the_scorecard(scored_file: Path, bankset) -> None:
    from msht_toolkit.assessment.check import check_answers
    from msht_toolkit.assessment.reading import load_assessment
    from msht_toolkit.render.json.score import score_json
    from msht_toolkit.scoring.scorer import score_assessment

    result = run("score", scored_file, "--json")
    assert result.exit_code == 0
    assert result.stderr == ""
    doc = json.loads(result.stdout)
    assert score_shape_problems(doc) == []
    assessment = load_assessment(scored_file)
    card = score_assessment(assessment, check_answers(assessment, bankset))
    expected = score_json(card.with_measures(bankset.measures))
    assert doc == expected
    assert [b["id"] for b in doc["banks"]] == ["identification", "pursue", "supply-chain"]
    nrm = doc["banks"][0]["sections"][0]
    assert nrm["capped_by"] == "ID-NRM-01" and nrm["rag"] == "RED"
    assert {t["id"] for t in doc["themes"]} == {"prepare", "pursue", "protect"}
    # no targets or other extras leak into the stable document
    assert "targets" not in doc


@pytest.mark.parametrize(
    ("content", "expect"),
    [
        (
            "schema: msht-assessment/1\npartnership: X\nanswers:\n  ID-NRM-01: 7\n",
            r":4:\d+: ID-NRM-01 is a scale question",
        ),
        ("schema: msht-assessment/1\nanswers: [\n", r":\d+:\d+: "),
        ("partnership: X\nanswers: {}\n", r":1:1: missing 'schema"),
        (
            'schema: msht-assessment/1\nbanks: {identification: "1999.1"}\n',
            r"identification.*1999\.1.*not available",
        ),
        (
            "schema: msht-assessment/1\nanswers:\n  XX-NOPE-01: 2\n",
            r":3:\d+: answer for unknown question 'XX-NOPE-01'",
        ),
        (
            "schema: msht-assessment/1\nanswers:\n  ID-NRM-01: 2\n"
            "plan:\n  ID-NMR-01: {status: agreed}\n",
            r":5:1: plan entry for unknown question 'ID-NMR-01' \(not in the banks of this file\)",
        ),
    ],
)
def test_bad_file_exits_2_with_one_line(tmp_path: Path, content: str, expect: str) -> None:
    path = tmp_path / "bad.msht.yaml"
    path.write_text(content, encoding="utf-8")
    for extra in ((), ("--json",)):
        result = run("score", path, *extra)
        assert result.exit_code == 2
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        assert str(path) in lines[0]
        assert re.search(expect, lines[0]), lines[0]
        assert "Traceback" not in result.stderr


def test_a_number_outside_its_questions_range_exits_2_with_its_line(tmp_path: Path) -> None:
    percent = Path(__file__).resolve().parents[1] / "e2e" / "data" / "percent-bank.yaml"
    path = tmp_path / "m.msht.yaml"
    path.write_text(
        "schema: msht-assessment/1\nbanks: {shares: '2027.1'}\nanswers:\n"
        "  SH-STA-02: yes\n  SH-STA-01: {value: 150, by: Midshire Police}\n",
        encoding="utf-8",
    )
    result = run("score", path, "--bank", percent)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"{path}:5:1: SH-STA-01 must be a number from 0 to 100 percent, not 150\n"
    )


@pytest.mark.parametrize("command", [["score"], ["score", "--detail"], ["review"], ["explain"]])
def test_an_ascii_only_output_shows_other_characters_as_escapes(
    write_assessment: Callable[..., Path], command: list[str]
) -> None:
    """PYTHONIOENCODING=ascii (or an ASCII locale): no internal error, exit 0."""
    path = write_assessment(
        {"ID-NRM-01": {"value": 1, "note": "Café staff – ‘trained’", "review": True}},
        banks={"identification": "2026.1"},
        partnership="Ynys Môn Anti-Slavery Partnership",
    )
    msht = Path(sys.executable).parent / "msht"
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "NO_COLOR": "1"}
    result = subprocess.run(
        [str(msht), *command, str(path)], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "internal error" not in result.stderr
    # escaped where msht writes; click (explain) writes UTF-8 to an ASCII stream itself
    assert "Ynys M\\xf4n" in result.stdout or "Ynys Môn" in result.stdout


def test_missing_file_exits_2(tmp_path: Path) -> None:
    result = run("score", tmp_path / "nope.msht.yaml")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert "nope.msht.yaml" in result.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_colour_only_on_a_terminal_and_never_with_no_color(scored_file: Path) -> None:
    pexpect = pytest.importorskip("pexpect")
    msht = shutil.which("msht", path=str(Path(sys.executable).parent))
    assert msht
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    env["TERM"] = "xterm-256color"
    coloured = pexpect.run(
        f"{msht} score {scored_file} --detail", env=env, timeout=30, dimensions=(50, 160)
    )
    assert ANSI.search(coloured.decode())
    assert b"RED" in coloured  # the word is there as well as the colour
    env["NO_COLOR"] = "1"
    plain = pexpect.run(
        f"{msht} score {scored_file} --detail", env=env, timeout=30, dimensions=(50, 160)
    )
    assert not ANSI.search(plain.decode())
    assert b"RED" in plain
