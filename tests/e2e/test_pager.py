"""Long Markdown to a terminal goes through a pager, like git's; never when piped."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from tests.e2e.conftest import msht_command

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "midshire-2026.msht.yaml"

pytestmark = pytest.mark.e2e


@pytest.fixture
def recording_pager(tmp_path: Path) -> tuple[str, Path]:
    """A pager that saves what it is given, so a test can see it was used."""
    seen = tmp_path / "paged.txt"
    script = tmp_path / "pager.py"
    script.write_text(
        "import sys\n"
        f"open({str(seen)!r}, 'wb').write(sys.stdin.buffer.read())\n"
        "print('PAGER DONE')\n"
    )
    return f"{sys.executable} {script}", seen


def env_with(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("MSHT_PAGER", "PAGER", "MSHT_BANKS")}
    env.update({"NO_COLOR": "1", "TERM": "xterm", **extra})
    return env


def test_a_long_plan_on_a_terminal_goes_through_the_pager(recording_pager, tmp_path):
    pager, seen = recording_pager
    child = pexpect.spawn(
        msht_command()[0],
        ["plan", str(EXAMPLE)],
        env=env_with(PAGER=pager),
        dimensions=(24, 80),
        cwd=str(tmp_path),
        timeout=30,
    )
    child.expect("PAGER DONE")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    text = seen.read_text(encoding="utf-8")
    assert text.startswith("# ") and text.count("\n") > 24


def run_in_terminal(tmp_path: Path, **env: str) -> str:
    child = pexpect.spawn(
        msht_command()[0],
        ["plan", str(EXAMPLE)],
        env=env_with(**env),
        dimensions=(24, 80),
        cwd=str(tmp_path),
        timeout=30,
    )
    out = child.read().decode("utf-8", "replace")
    child.close()
    assert child.exitstatus == 0
    return out


def test_msht_pager_wins_over_pager(recording_pager, tmp_path):
    pager, seen = recording_pager
    out = run_in_terminal(tmp_path, PAGER="false", MSHT_PAGER=pager)
    assert "PAGER DONE" in out and seen.read_text(encoding="utf-8").startswith("# ")


@pytest.mark.parametrize("off", ["", "cat"])
def test_an_empty_or_cat_pager_turns_paging_off(recording_pager, tmp_path, off):
    _pager, seen = recording_pager
    out = run_in_terminal(tmp_path, PAGER="false", MSHT_PAGER=off)
    assert "# " in out and not seen.exists()


def test_piped_output_never_goes_through_the_pager(recording_pager, tmp_path):
    pager, seen = recording_pager
    result = subprocess.run(
        [*msht_command(), "plan", str(EXAMPLE)],
        capture_output=True,
        text=True,
        env=env_with(PAGER=pager),
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout.startswith("# ")
    assert not seen.exists()


def test_a_missing_pager_prints_as_usual(tmp_path):
    assert shutil.which("no-such-pager-here") is None
    assert "# " in run_in_terminal(tmp_path, PAGER="no-such-pager-here")
