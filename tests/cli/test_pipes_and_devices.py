"""Anything that is not a regular file is refused at once (exit 2), never waited on.

Each case uses a real FIFO (os.mkfifo) with no writer: opening it for reading would
block for ever, so every run has a timeout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
MINI = Path(__file__).resolve().parents[1] / "e2e" / "data" / "mini-bank.yaml"

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")


def msht(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("MSHT_BANKS", None)
    return subprocess.run(
        [sys.executable, "-m", "msht_toolkit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=20,  # a hang fails here instead of blocking the suite
    )


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.msht.yaml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["score", "{fifo}"],
        ["plan", "{fifo}"],
        ["diff", "{year}", "{fifo}"],
        ["assess", "new.msht.yaml", "--from", "{fifo}", "--answers", "{answers}"],
        ["assess", "{fifo}", "--answers", "{answers}"],
        ["assess", "new.msht.yaml", "--answers", "{fifo}"],
        ["merge", "{year}", "{fifo}", "-o", "merged.msht.yaml"],
    ],
    ids=["score", "plan", "diff", "from", "answers-target", "answers-file", "merge"],
)
def test_a_fifo_as_input_is_refused_at_once(tmp_path: Path, fifo: Path, command: list[str]):
    year = tmp_path / "year.msht.yaml"
    shutil.copy(EXAMPLES / "midshire-2026.msht.yaml", year)
    answers = tmp_path / "answers.yaml"
    answers.write_text("ID-NRM-01: 2\n", encoding="utf-8")
    args = [a.format(fifo=fifo.name, year=year.name, answers=answers.name) for a in command]
    result = msht(*args, cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "pipe.msht.yaml" in lines[0] and "not a regular file" in lines[0]
    assert not (tmp_path / "new.msht.yaml").exists()
    assert not (tmp_path / "merged.msht.yaml").exists()
