"""`msht merge FILE... -o OUT [--rule] [--force]`: outputs, refusals, nothing written on error."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from score_shape import score_shape_problems
from typer.testing import CliRunner

from msht_toolkit.analysis.disagreements import disagreements
from msht_toolkit.assessment.check import check_answers
from msht_toolkit.assessment.reading import load_assessment
from msht_toolkit.assessment.writing import MERGE_HEADER
from msht_toolkit.cli.app import app

BANKS = {"identification": "2026.1"}
PARTNERSHIP = "Midshire Anti-Slavery Partnership"


def run(*args: str | Path) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture
def agencies(write_assessment: Callable[..., Path]) -> list[Path]:
    police = write_assessment(
        {
            "ID-NRM-01": {"value": 3, "note": "Pathway on the intranet", "by": "Midshire Police"},
            "ID-NRM-04": {"value": 2, "by": "Midshire Police"},
        },
        banks=BANKS,
        name="police.msht.yaml",
        partnership=PARTNERSHIP,
        participants=[{"name": "A. Lead", "agency": "Midshire Police"}],
    )
    council = write_assessment(
        {
            "ID-NRM-01": {"value": 1, "note": "NHS trust not signed up"},
            "ID-NRM-04": 2,
            "ID-DTN-01": "unknown",
        },
        banks=BANKS,
        name="council.msht.yaml",
        partnership=PARTNERSHIP,
        participants=[{"name": "B. Officer", "agency": "Midshire County Council"}],
    )
    return [police, council]


def test_merge_writes_a_private_file_with_every_response(
    agencies: list[Path], tmp_path: Path, bankset: Any
) -> None:
    out = tmp_path / "partnership.msht.yaml"
    result = run("merge", *agencies, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    merged = load_assessment(out)
    banks = check_answers(merged, bankset)
    first = merged.answers["ID-NRM-01"]
    assert first.value == 1  # lowest by default
    assert [(r.by, r.value, r.note) for r in first.responses] == [
        ("Midshire Police", 3, "Pathway on the intranet"),
        ("Midshire County Council", 1, "NHS trust not signed up"),
    ]
    assert merged.answers["ID-DTN-01"].value == "unknown"
    assert [p.agency for p in merged.participants] == ["Midshire Police", "Midshire County Council"]
    assert list(disagreements(merged, banks)) == ["ID-NRM-01"]
    assert "1 disagreement" in result.stderr and "ID-NRM-01" in result.stderr
    assert f"wrote {out}" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(("rule", "expected"), [("lowest", 1), ("median", 1), ("highest", 3)])
def test_rule_option_sets_the_consolidated_value(
    agencies: list[Path], tmp_path: Path, rule: str, expected: int
) -> None:
    out = tmp_path / "out.msht.yaml"
    result = run("merge", *agencies, "-o", out, "--rule", rule)
    assert result.exit_code == 0, result.stderr
    assert load_assessment(out).answers["ID-NRM-01"].value == expected


def test_score_shows_disagreements_and_json_keeps_its_shape(
    agencies: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "out.msht.yaml"
    assert run("merge", *agencies, "-o", out).exit_code == 0
    table = run("score", out)
    assert table.exit_code == 0, table.stderr
    assert "Disagreements to discuss (1)" in table.stdout
    section = table.stdout.split("Disagreements to discuss")[1]
    assert "ID-NRM-01" in section
    assert "Midshire Police: level 3" in section
    assert "Midshire County Council: level 1" in section
    plain = run("score", agencies[0])
    assert "Disagreements" not in plain.stdout
    doc = json.loads(run("score", out, "--json").stdout)
    assert score_shape_problems(doc) == []


def test_merging_the_merged_file_again_flattens(
    agencies: list[Path], tmp_path: Path, write_assessment: Callable[..., Path]
) -> None:
    first = tmp_path / "first.msht.yaml"
    assert run("merge", *agencies, "-o", first).exit_code == 0
    nhs = write_assessment(
        {"ID-NRM-01": 2},
        banks=BANKS,
        name="nhs.msht.yaml",
        partnership=PARTNERSHIP,
        participants=[{"name": "C. Nurse", "agency": "Midshire NHS Trust"}],
    )
    second = tmp_path / "second.msht.yaml"
    result = run("merge", first, nhs, "-o", second, "--rule", "median")
    assert result.exit_code == 0, result.stderr
    answer = load_assessment(second).answers["ID-NRM-01"]
    assert [r.by for r in answer.responses] == [
        "Midshire Police",
        "Midshire County Council",
        "Midshire NHS Trust",
    ]
    assert answer.value == 2


def assert_refused(result: Any, out: Path, *words: str) -> None:
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_different_partnerships_are_refused_unless_forced(
    agencies: list[Path], tmp_path: Path, write_assessment: Callable[..., Path]
) -> None:
    other = write_assessment(
        {"ID-NRM-01": 2},
        banks=BANKS,
        name="westvale.msht.yaml",
        partnership="Westvale Anti-Slavery Partnership",
    )
    out = tmp_path / "out.msht.yaml"
    assert_refused(run("merge", agencies[0], other, "-o", out), out, "Westvale", "--force")
    forced = run("merge", agencies[0], other, "-o", out, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert "warning" in forced.stderr and "Westvale" in forced.stderr
    assert load_assessment(out).partnership == PARTNERSHIP


def test_different_periods_are_refused(
    agencies: list[Path], tmp_path: Path, write_assessment: Callable[..., Path]
) -> None:
    other = write_assessment(
        {"ID-NRM-01": 2},
        banks=BANKS,
        name="last-year.msht.yaml",
        partnership=PARTNERSHIP,
        period="2025/26",
    )
    out = tmp_path / "out.msht.yaml"
    assert_refused(run("merge", agencies[0], other, "-o", out), out, "2025/26", "2026/27")


def test_different_bank_versions_are_refused_unless_forced(
    agencies: list[Path], tmp_path: Path, write_assessment: Callable[..., Path]
) -> None:
    old = write_assessment(
        {"ID-NRM-01": 2},
        banks={"identification": "2025.1"},
        name="old.msht.yaml",
        partnership=PARTNERSHIP,
    )
    out = tmp_path / "out.msht.yaml"
    assert_refused(run("merge", agencies[0], old, "-o", out), out, "2025.1", "2026.1")
    forced = run("merge", agencies[0], old, "-o", out, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert load_assessment(out).banks == {"identification": "2026.1"}


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("schema: msht-assessment/1\nanswers: {ID-NRM-01: [\n", "bad.msht.yaml:"),
        (
            "schema: msht-assessment/1\nbanks: {identification: '2026.1'}\nanswers:\n  ID-NRM-01: 7\n",
            "bad.msht.yaml:4:",
        ),
        (
            "schema: msht-assessment/1\nbanks: {identification: '2026.1'}\nanswers:\n  XX-01: 1\n",
            "bad.msht.yaml:4:",
        ),
        ("schema: msht-assessment/9\n", "bad.msht.yaml:1:"),
        ("- just\n- a list\n", "bad.msht.yaml:1:"),
    ],
)
def test_malformed_input_is_one_line_and_nothing_is_written(
    agencies: list[Path], tmp_path: Path, text: str, where: str
) -> None:
    bad = tmp_path / "bad.msht.yaml"
    bad.write_text(text, encoding="utf-8")
    out = tmp_path / "out.msht.yaml"
    result = run("merge", agencies[0], bad, "-o", out)
    assert_refused(result, out, where)


def test_an_existing_output_is_left_untouched_on_error(
    agencies: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "out.msht.yaml"
    previous = f"{MERGE_HEADER}schema: msht-assessment/1\npartnership: Midshire\n"
    out.write_text(previous, encoding="utf-8")  # an earlier merge output
    missing = tmp_path / "missing.msht.yaml"
    result = run("merge", agencies[0], missing, "-o", out)
    assert result.exit_code == 2
    assert "missing.msht.yaml" in result.stderr and "Traceback" not in result.stderr
    assert out.read_text(encoding="utf-8") == previous
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_problems_in_several_inputs_are_each_named(tmp_path: Path, agencies: list[Path]) -> None:
    one = tmp_path / "one.msht.yaml"
    one.write_text("schema: msht-assessment/1\nanswers:\n  ID-NRM-01: 9\n", encoding="utf-8")
    two = tmp_path / "two.msht.yaml"
    two.write_text("schema: msht-assessment/1\nanswers:\n  ID-NRM-01: maybe\n", encoding="utf-8")
    out = tmp_path / "out.msht.yaml"
    result = run("merge", one, two, "-o", out)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{one}:3:") and lines[1].startswith(f"{two}:3:")
    assert not out.exists()


def test_output_must_not_be_an_input(agencies: list[Path]) -> None:
    before = agencies[0].read_bytes()
    result = run("merge", *agencies, "-o", agencies[0])
    assert result.exit_code == 2
    assert "must not be one of the input files" in result.stderr
    assert agencies[0].read_bytes() == before


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ([], "needs an output file"),
        (["-o", "{tmp}/out.msht.yaml", "--rule", "average"], "--rule must be one of"),
        (["-o", "{tmp}/no/such/folder/out.msht.yaml"], "does not exist"),
        (["-o", "{tmp}"], "is a folder"),
    ],
)
def test_usage_errors_are_one_line(
    agencies: list[Path], tmp_path: Path, extra: list[str], message: str
) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in extra]
    result = run("merge", *agencies, *args)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert message in result.stderr
    assert not (tmp_path / "out.msht.yaml").exists()


def test_a_file_named_twice_is_refused(agencies: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "out.msht.yaml"
    assert_refused(run("merge", agencies[0], agencies[0], "-o", out), out, "named twice")


def _markdown(text: str) -> list[Any]:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").parse(text)


@pytest.mark.parametrize("command", ["plan", "report"])
def test_plan_and_report_list_disagreements_to_discuss(
    agencies: list[Path], tmp_path: Path, command: str
) -> None:
    merged = tmp_path / "out.msht.yaml"
    assert run("merge", *agencies, "-o", merged).exit_code == 0
    result = run(command, merged)
    assert result.exit_code == 0, result.stderr
    tokens = _markdown(result.stdout)
    headings = [
        tokens[i + 1].content
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == "h2"
    ]
    assert "Disagreements to discuss" in headings
    section = result.stdout.split("## Disagreements to discuss")[1].split("\n## ")[0]
    rows = [t for t in _markdown(section) if t.type == "tr_open"]
    assert len(rows) == 2  # header + ID-NRM-01
    assert "ID-NRM-01" in section
    if command == "plan":
        assert "partners disagree" in result.stdout  # flagged on the question's actions too
    else:  # the board report lists it once; its annex points there
        full = run(command, merged, "--full").stdout
        assert "Partners disagree: see Disagreements to discuss" in full
    plain = run(command, agencies[0])
    assert plain.exit_code == 0, plain.stderr
    assert "Disagreements to discuss" not in plain.stdout
    assert "partners disagree" not in plain.stdout


def test_one_merged_file_can_be_reconsolidated_by_another_rule(
    agencies: list[Path], tmp_path: Path
) -> None:
    lowest = tmp_path / "lowest.msht.yaml"
    assert run("merge", *agencies, "-o", lowest).exit_code == 0
    highest = tmp_path / "highest.msht.yaml"
    result = run("merge", lowest, "-o", highest, "--rule", "highest")
    assert result.exit_code == 0, result.stderr
    before, after = load_assessment(lowest), load_assessment(highest)
    assert (before.answers["ID-NRM-01"].value, after.answers["ID-NRM-01"].value) == (1, 3)
    assert after.answers["ID-NRM-01"].responses == before.answers["ID-NRM-01"].responses
