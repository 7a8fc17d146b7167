"""Shell completion through the real `msht`: scripts per shell, commands, options, bank ids, files."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def msht(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if k != "MSHT_BANKS"}
    full.update(env)
    return subprocess.run(
        [sys.executable, "-m", "msht_toolkit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=full,
        timeout=60,
    )


def complete_bash(words: str, cwd: Path | None = None) -> list[str]:
    parts = words.split(" ")
    result = msht(
        cwd=cwd,
        COMP_WORDS=words,
        COMP_CWORD=str(len(parts) - 1),
        _MSHT_COMPLETE="complete_bash",
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F _msht_completion msht"),
        ("zsh", "#compdef msht"),
        ("fish", "complete --command msht"),
    ],
)
def test_show_completion_prints_the_script_for_the_shell_named(shell: str, marker: str) -> None:
    result = msht("--show-completion", shell)
    assert result.returncode == 0, result.stderr
    assert marker in result.stdout and "_MSHT_COMPLETE" in result.stdout


def test_show_completion_without_a_shell_uses_the_one_msht_runs_in() -> None:
    result = msht("--show-completion")
    assert result.returncode == 0, result.stderr
    assert "_MSHT_COMPLETE" in result.stdout


def test_show_completion_without_a_shell_above_falls_back_to_shell_env() -> None:
    """Run detached from any shell (cron, CI): $SHELL decides, else bash."""
    code = (
        "import sys, shellingham\n"
        "def fail(*a, **k): raise shellingham.ShellDetectionFailure()\n"
        "shellingham.detect_shell = fail\n"
        "sys.argv = ['msht', '--show-completion']\n"
        "from msht_toolkit.cli.app import main\n"
        "main()\n"
    )
    for shell, marker in (("/usr/bin/zsh", "#compdef msht"), ("", "complete -o default")):
        env = {k: v for k, v in os.environ.items() if k != "SHELL"}
        env["SHELL"] = shell
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
        )
        assert result.returncode == 0, result.stderr
        assert marker in result.stdout


def test_an_unknown_shell_is_one_line_and_exit_2() -> None:
    result = msht("--show-completion", "tcsh")
    assert result.returncode == 2 and result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert "unknown shell 'tcsh'" in line


def test_command_names_complete() -> None:
    assert complete_bash("msht sc") == ["score"]
    assert set(complete_bash("msht ")) >= {"assess", "score", "plan", "report", "banks"}


def test_options_complete() -> None:
    assert {"--json", "--detail", "--bank"} <= set(complete_bash("msht score --"))


def test_bank_ids_complete() -> None:
    assert complete_bash("msht banks show p") == ["prepare", "prevent", "protect", "pursue"]
    assert "identification" in complete_bash("msht assess --bank i")


def test_assessment_files_and_folders_complete_other_files_do_not(tmp_path: Path) -> None:
    (tmp_path / "midshire-2026.msht.yaml").write_text("x")
    (tmp_path / "notes.txt").write_text("x")
    (tmp_path / "answers.yaml").write_text("x")
    (tmp_path / "region").mkdir()
    (tmp_path / "region" / "wexley.msht.yaml").write_text("x")
    assert complete_bash("msht score ", cwd=tmp_path) == ["midshire-2026.msht.yaml", "region/"]
    assert complete_bash("msht diff region/", cwd=tmp_path) == ["region/wexley.msht.yaml"]
    assert complete_bash("msht assess new.msht.yaml --answers a", cwd=tmp_path) == ["answers.yaml"]


def test_zsh_completion_describes_commands() -> None:
    result = msht(_MSHT_COMPLETE="complete_zsh", _TYPER_COMPLETE_ARGS="msht sc")
    assert result.returncode == 0
    assert '"score":"' in result.stdout
