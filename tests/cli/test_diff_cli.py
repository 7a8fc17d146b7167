"""`msht diff OLD NEW [--json] [-o DIFF.md]`: exit codes, outputs, warnings, atomic writes."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from msht_toolkit.cli.app import app
from msht_toolkit.cli.outputs import MARKDOWN_MARKER

OLD_ANSWERS = {"ID-NRM-01": 1, "ID-NRM-03": 1, "ID-DTN-01": 2, "ID-CH-01": 3, "PS-INV-01": 2}
NEW_ANSWERS = {"ID-NRM-01": 2, "ID-NRM-04": 2, "ID-DTN-01": 1, "ID-CH-01": 0, "ID-DTN-03": 2}


@pytest.fixture
def pair(write_assessment: Callable[..., Path]) -> tuple[Path, Path]:
    old = write_assessment(
        OLD_ANSWERS,
        banks={"identification": "2025.1", "pursue": "2026.1"},
        name="old.msht.yaml",
        partnership="Westvale Anti-Slavery Partnership",
        period="2025/26",
    )
    new = write_assessment(
        NEW_ANSWERS,
        banks={"identification": "2026.1"},
        name="new.msht.yaml",
        partnership="Westvale Anti-Slavery Partnership",
        period="2026/27",
    )
    return old, new


def run(*args: str | Path) -> object:
    return CliRunner().invoke(app, [str(a) for a in args])


def test_terminal_view_has_header_bank_table_and_lists(pair: tuple[Path, Path]) -> None:
    result = run("diff", *pair)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    lines = out.splitlines()
    assert "2025/26 → 2026/27" in lines[0]
    doc = json.loads(run("diff", *pair, "--json").stdout)
    old, new = doc["old"]["overall"], doc["new"]["overall"]
    assert (
        f"{old['score']:.1f} {old['rag']}" in lines[1]
        and f"{new['score']:.1f} {new['rag']}" in lines[1]
    )
    word = "up" if new["score"] > old["score"] else "down"
    assert lines[2].startswith(f"Change: {word} ")
    assert lines[2].endswith(f" points, {old['rag']} → {new['rag']}")
    assert "Banks" in out and "Identification and referral" in out
    assert "2025.1 → 2026.1" in out
    # lists in order: critical first, then RAG band moves, within band, new, removed
    order = [
        "Critical failures fixed",
        "Critical questions newly failing",
        "Moved up a RAG band",
        "Moved down a RAG band",
        "Improved within their RAG band",
        "Declined within their RAG band",
        "New questions",
        "Removed questions",
    ]
    positions = [out.index(title) for title in order]
    assert positions == sorted(positions)
    assert "ID-NRM-04 (was ID-NRM-03)" in out
    assert result.stderr == ""


def test_json_matches_the_spec_shape(pair: tuple[Path, Path]) -> None:
    result = run("diff", *pair, "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert list(doc) == [
        "schema",
        "old",
        "new",
        "summary",
        "questions",
        "sections",
        "banks",
        "measures",
        "flags",
    ]
    assert doc["schema"] == "msht-diff/1"
    assert doc["old"]["period"] == "2025/26" and doc["new"]["period"] == "2026/27"
    assert set(doc["old"]["overall"]) == {"score", "rag"}
    assert list(doc["summary"]) == ["improved", "declined", "unchanged", "added", "removed"]
    for q in doc["questions"]:
        assert list(q) == ["id", "old_score", "new_score", "old_rag", "new_rag", "change"]
    changes = {q["id"]: q["change"] for q in doc["questions"]}
    assert changes == {
        "ID-NRM-01": "improved",
        "ID-NRM-04": "improved",
        "ID-DTN-01": "declined",
        "ID-DTN-03": "added",
        "ID-CH-01": "declined",
        "PS-INV-01": "removed",
    }
    assert sum(doc["summary"].values()) == len(doc["questions"])
    assert {b["id"]: b["change"] for b in doc["banks"]}["pursue"] == "removed"


def test_file_diffed_with_itself(pair: tuple[Path, Path]) -> None:
    result = run("diff", pair[1], pair[1], "--json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert {q["change"] for q in doc["questions"]} == {"unchanged"}
    assert doc["summary"]["unchanged"] == len(doc["questions"]) > 0
    assert result.stderr == ""


def test_different_partnerships_warn_on_stderr_and_still_compare(
    write_assessment: Callable[..., Path], pair: tuple[Path, Path]
) -> None:
    other = write_assessment(
        NEW_ANSWERS,
        banks={"identification": "2026.1"},
        name="other.msht.yaml",
        partnership="Northmoor Anti-Slavery Partnership",
        period="2026/27",
    )
    result = run("diff", pair[0], other, "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["schema"] == "msht-diff/1"
    assert result.stderr.startswith("msht: warning: the files are for different partnerships")
    assert "Northmoor" in result.stderr


def test_markdown_written_atomically_owner_only(pair: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "reports" / "DIFF.md"
    out.parent.mkdir()
    result = run("diff", *pair, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"wrote {out}" in result.stderr
    text = out.read_text(encoding="utf-8")
    # the first line marks it as msht's own output, which a later -o may replace
    assert text.startswith(f"{MARKDOWN_MARKER}\n# Year-on-year comparison")
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert sorted(p.name for p in out.parent.iterdir()) == ["DIFF.md"]  # no temp file left


def test_json_with_output_writes_json(pair: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "diff.json"
    result = run("diff", *pair, "--json", "-o", out)
    assert result.exit_code == 0
    assert json.loads(out.read_text())["schema"] == "msht-diff/1"


def test_bad_file_is_one_line_exit_2_and_nothing_written(
    pair: tuple[Path, Path], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.msht.yaml"
    bad.write_text("schema: msht-assessment/1\nperiod: 2026/27\nanswers:\n  ID-NRM-01: 7\n")
    out = tmp_path / "DIFF.md"
    out.write_text(f"{MARKDOWN_MARKER}\nprevious contents\n")  # an earlier msht output
    result = run("diff", pair[0], bad, "-o", out)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{bad}:4:")
    assert "ID-NRM-01" in lines[0]
    assert "Traceback" not in result.stderr
    assert out.read_text() == f"{MARKDOWN_MARKER}\nprevious contents\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize(
    ("content", "expect"),
    [
        (None, "no such assessment file"),
        ("schema: msht-assessment/9\n", "msht-assessment/9"),
        ("answers: [\n", ""),
        ("schema: msht-assessment/1\nbanks: {identification: '1999.1'}\n", "1999.1"),
    ],
)
def test_unusable_inputs_exit_2_with_one_line(
    pair: tuple[Path, Path], tmp_path: Path, content: str | None, expect: str
) -> None:
    path = tmp_path / "input.msht.yaml"
    if content is not None:
        path.write_text(content)
    out = tmp_path / "never.md"
    result = run("diff", path, pair[1], "-o", out)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and expect in lines[0]
    assert not out.exists()


def test_output_into_missing_folder_is_refused(pair: tuple[Path, Path], tmp_path: Path) -> None:
    out = tmp_path / "no-such-folder" / "DIFF.md"
    result = run("diff", *pair, "-o", out)
    assert result.exit_code == 2
    assert "does not exist" in result.stderr
    assert not out.parent.exists()


def test_missing_argument_is_usage_error() -> None:
    result = run("diff", "only-one.msht.yaml")
    assert result.exit_code == 2
