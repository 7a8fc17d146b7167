"""`--help` everywhere: summaries that fit, examples, plain usage lines, no SPEC references;
and every error line starts with `msht:` or names its file."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from msht_toolkit.cli import help_text
from msht_toolkit.cli.app import app

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "midshire-2026.msht.yaml"


def msht(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "MSHT_BANKS"}
    env.update({"NO_COLOR": "1", "COLUMNS": "80", "TERM": "dumb"})
    return subprocess.run(
        [sys.executable, "-m", "msht_toolkit", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=60,
    )


def command_paths(typer_app=app, prefix: str = "") -> list[str]:
    paths = [f"{prefix}{c.name}" for c in typer_app.registered_commands]
    for group in typer_app.registered_groups:
        path = f"{prefix}{group.name}"
        paths.append(path)
        paths += command_paths(group.typer_instance, f"{path} ")
    return paths


COMMANDS = command_paths()


def test_every_command_has_a_summary_and_examples() -> None:
    missing = [p for p in COMMANDS if p not in help_text.HELP]
    assert not missing, f"add a summary and examples for {missing} in msht_toolkit/cli/help_text.py"
    for path in COMMANDS:
        summary, examples = help_text.HELP[path]
        assert len(summary) <= help_text.SUMMARY_WIDTH, path
        assert examples and all(e.startswith(f"msht {path.split()[0]}") for e in examples), path


def test_top_level_summaries_are_not_cut_off_at_80_columns() -> None:
    out = msht("--help").stdout
    assert all(f"  {e}\n" in out for e in help_text.ROOT_EXAMPLES)
    listed = out.split("Commands:", 1)[1].split("Examples:", 1)[0]
    assert "..." not in listed and "…" not in listed
    for path in COMMANDS:
        if " " not in path:
            assert re.search(rf"^\s+{path}\s+{re.escape(help_text.HELP[path][0])}$", listed, re.M)


@pytest.mark.parametrize("path", COMMANDS)
def test_each_command_help_has_examples_and_a_plain_usage_line(path: str) -> None:
    result = msht(*path.split(), "--help")
    assert result.returncode == 0
    out = result.stdout
    usage = out.splitlines()[0]
    assert usage.startswith(f"Usage: msht {path}") and "{" not in usage, usage
    assert "Examples:\n" in out
    for example in help_text.HELP[path][1]:
        assert f"  {example}\n" in out
    assert "SPEC" not in out


@pytest.mark.parametrize(
    "args",
    [
        ["score", "no-such.msht.yaml"],
        ["banks", "show", "nope"],
        ["export", str(EXAMPLE), "--format", "pdf"],
        ["explain", str(EXAMPLE), "NOPE-01"],
        ["trend", str(EXAMPLE)],
        ["compare", "no-such-folder"],
        ["score", str(EXAMPLE), "--no-such-option"],
        ["--show-completion", "tcsh"],
    ],
)
def test_every_error_line_starts_with_msht_or_its_file(args: list[str], tmp_path: Path) -> None:
    result = msht(*args, cwd=tmp_path)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines
    for line in lines:  # `msht: ...`, or the file it is about (with line:col when known)
        assert line.startswith("msht") or any(line.startswith(f"{a}:") for a in args), line


def test_a_file_problem_keeps_its_position(tmp_path: Path) -> None:
    bad = tmp_path / "bad.msht.yaml"
    bad.write_text("schema: msht-assessment/1\nanswers:\n  ID-NRM-01: 9\n", encoding="utf-8")
    result = msht("score", str(bad), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"{bad}:3:")
