"""Outputs never destroy inputs, and every usage error is one line (through the real `msht`)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def msht(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("MSHT_BANKS", None)
    return subprocess.run(
        [sys.executable, "-m", "msht_toolkit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
    )


@pytest.fixture
def year(tmp_path: Path) -> Path:
    path = tmp_path / "in.msht.yaml"
    shutil.copy(EXAMPLES / "midshire-2026.msht.yaml", path)
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["plan", "{in}", "-o", "{in}"],
        ["plan", "{in}", "--phases", "3", "-o", "{in}"],
        ["report", "{in}", "-o", "{in}"],
        ["diff", "{old}", "{in}", "-o", "{in}"],
        ["diff", "{in}", "{old}", "--json", "-o", "{in}"],
        ["export", "{in}", "--format", "csv", "-o", "{in}"],
        ["plan", "{in}", "-o", "{old}"],  # another assessment: last year's file
    ],
)
def test_an_output_never_replaces_an_assessment(year: Path, tmp_path: Path, command: list[str]):
    old = tmp_path / "old.msht.yaml"
    shutil.copy(EXAMPLES / "midshire-2025.msht.yaml", old)
    before = {p: p.read_bytes() for p in (year, old)}
    args = [a.replace("{in}", str(year)).replace("{old}", str(old)) for a in command]
    result = msht(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and ("is an input" in lines[0] or "is an assessment file" in lines[0])
    assert {p: p.read_bytes() for p in (year, old)} == before
    assert not list(tmp_path.glob(".*.tmp"))


def test_output_into_a_folder_is_refused(year: Path, tmp_path: Path):
    result = msht("plan", str(year), "-o", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip().endswith("is a folder; name the file to write, e.g. -o plan.md")


def test_plan_overwrites_its_own_earlier_output(year: Path, tmp_path: Path):
    out = tmp_path / "plan.md"
    assert msht("plan", str(year), "-o", str(out)).returncode == 0
    out.write_text(out.read_text(encoding="utf-8") + "A line the board added.\n")
    result = msht("plan", str(year), "-o", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[1].startswith("# Action plan")
    assert "A line the board added." not in text
    assert (out.stat().st_mode & 0o777) == 0o600


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["score"], "msht score: Missing argument 'FILE'."),
        (["plan", "x.msht.yaml", "--phases", "abc"], "msht plan: Invalid value for '--phases'"),
        (["score", "--bogus"], "msht score: No such option: --bogus"),
        (["nonsense"], "msht: No such command 'nonsense'."),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(args: list[str], expected: str):
    result = msht(*args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(expected)
    assert "Traceback" not in result.stderr


def test_output_piped_into_a_reader_that_stops_early_is_not_an_error():
    # `msht score FILE | head -1`: the reader closes the pipe; msht must not report failure
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "msht_toolkit",
            "score",
            str(EXAMPLES / "midshire-2026.msht.yaml"),
            "--detail",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert proc.stdout is not None
    proc.stdout.readline()
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert b"Traceback" not in err


@pytest.mark.parametrize("text", ["[" * 100_000, "- " * 50_000 + "x"])
def test_deeply_nested_file_is_one_line_and_exit_2(tmp_path: Path, text: str) -> None:
    """Whichever layer refuses deep nesting (ours or libyaml's), the user sees one line."""
    path = tmp_path / "deep.msht.yaml"
    path.write_text(text)
    result = msht("score", str(path))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(str(path)) and "nesting" in lines[0]
    assert "Traceback" not in result.stderr
