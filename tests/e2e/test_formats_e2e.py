"""Word output in a real terminal: refused with one line, nothing binary on the screen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("command", ["report", "plan"])
def test_word_to_a_terminal_is_refused_in_one_line(term, tmp_path: Path, command: str) -> None:
    shutil.copy(EXAMPLES / "midshire-2026.msht.yaml", tmp_path / "m.msht.yaml")
    run = term(command, "m.msht.yaml", "--format", "docx")
    assert run.finish() == 2
    shown = (run.child.before or "").strip().splitlines()
    assert shown == ["msht: a Word file is binary: write it with -o FILE.docx (or pipe it)"]
