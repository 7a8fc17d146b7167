"""``--format`` and ``-o`` for ``trend``, ``diff`` and ``compare``: the format follows
-o's suffix; what cannot be told, or contradicts itself, is one line on stderr, exit 2,
nothing written. ``compare --partnership`` marks one partnership; ``trend`` draws bars
in a terminal and stays plain when piped."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from msht_toolkit.cli.app import app
from msht_toolkit.cli.outputs import MARKDOWN_MARKER, TEXT_MARKER

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
YEARS = [EXAMPLES / f"midshire-{y}.msht.yaml" for y in (2025, 2026, 2027)]
REGION = EXAMPLES / "region"

COMMANDS = {
    "trend": ["trend", *YEARS],
    "diff": ["diff", *YEARS[:2]],
    "compare": ["compare", REGION],
}


def run(*args: str | Path) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args])


def one_line_refusal(result: Any) -> str:
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    return lines[0]


@pytest.mark.parametrize("name", COMMANDS)
@pytest.mark.parametrize("suffix", [".html", ".htm", ".HTML"])
def test_html_follows_the_suffix(name: str, suffix: str, tmp_path: Path) -> None:
    out = tmp_path / f"page{suffix}"
    result = run(*COMMANDS[name], "-o", out)
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") and "<svg" in text
    assert (out.stat().st_mode & 0o777) == 0o600
    assert f"msht: wrote {out}" in result.stderr


@pytest.mark.parametrize("name", COMMANDS)
def test_format_html_prints_the_page(name: str) -> None:
    result = run(*COMMANDS[name], "--format", "html")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>")


def test_diff_md_suffix_is_still_markdown(tmp_path: Path) -> None:
    out = tmp_path / "diff.md"
    assert run(*COMMANDS["diff"], "-o", out).exit_code == 0
    # after the first-line marker of msht's own output (cli/outputs.py)
    assert out.read_text(encoding="utf-8").startswith(
        f"{MARKDOWN_MARKER}\n# Year-on-year comparison"
    )
    result = run(*COMMANDS["diff"], "--format", "md")
    assert result.stdout.startswith("# Year-on-year comparison")


@pytest.mark.parametrize("name", ["trend", "compare"])
def test_txt_suffix_writes_the_plain_table(name: str, tmp_path: Path) -> None:
    out = tmp_path / "view.txt"
    assert run(*COMMANDS[name], "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "\x1b" not in text and "<" not in text
    # the same as printed (piped), after the marker of msht's own output
    assert text == f"{TEXT_MARKER}\n\n" + run(*COMMANDS[name]).stdout


@pytest.mark.parametrize(
    ("name", "extra", "words"),
    [
        ("trend", ["-o", "{tmp}/x.pdf"], "cannot tell the format from .pdf"),
        ("trend", ["-o", "{tmp}/x"], "a name without a suffix"),
        ("trend", ["-o", "{tmp}/x.md"], "cannot tell the format from .md"),
        ("diff", ["-o", "{tmp}/x.txt"], "cannot tell the format from .txt"),
        ("compare", ["-o", "{tmp}/x.docx"], "cannot tell the format from .docx"),
        ("trend", ["--format", "pdf"], "--format must be one of text, html"),
        ("diff", ["--format", "docx"], "--format must be one of md, html"),
        ("diff", ["--format", "html", "-o", "{tmp}/x.md"], "does not match -o"),
        ("compare", ["--format", "text", "-o", "{tmp}/x.html"], "does not match -o"),
        ("trend", ["--json", "--format", "html"], "--json and --format"),
        ("diff", ["--json", "--format", "md"], "--json and --format"),
        ("compare", ["--partnership", "Nowhere"], "no partnership, area or file"),
        ("compare", ["--partnership", "  "], "--partnership needs a name"),
        ("compare", ["--partnership", "Midshire", "--json"], "not with --json"),
        ("trend", ["-o", "{tmp}/missing/x.html"], "does not exist"),
    ],
)
def test_bad_format_or_output_is_one_line_and_nothing_written(
    name: str, extra: list[str], words: str, tmp_path: Path
) -> None:
    args = [*COMMANDS[name], *(a.replace("{tmp}", str(tmp_path)) for a in extra)]
    line = one_line_refusal(run(*args))
    assert words in line, line
    assert list(tmp_path.iterdir()) == []


def test_trend_of_one_file_is_refused_before_writing(tmp_path: Path) -> None:
    line = one_line_refusal(run("trend", YEARS[0], "-o", tmp_path / "t.html"))
    assert "at least two" in line
    assert list(tmp_path.iterdir()) == []


def test_an_input_is_never_overwritten(tmp_path: Path) -> None:
    old, new = tmp_path / "old.msht.yaml", tmp_path / "new.html"
    old.write_bytes(YEARS[0].read_bytes())
    new.write_bytes(YEARS[1].read_bytes())  # an assessment, oddly named
    for args in (["trend", old, new, "-o", new], ["diff", old, new, "-o", new]):
        line = one_line_refusal(run(*args))
        assert "input" in line, line
    assert new.read_bytes() == YEARS[1].read_bytes()


def test_json_may_go_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "trend.json"
    assert run(*COMMANDS["trend"], "--json", "-o", out).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "msht-trend/1"


def test_compare_marks_the_partnership_in_the_terminal_table() -> None:
    result = run("compare", REGION, "--partnership", "MIDSHIRE ANTI-SLAVERY  partnership")
    assert result.exit_code == 0, result.stderr
    marked = [line for line in result.stdout.splitlines() if line.startswith("▶")]
    assert len(marked) == 1 and "Midshire Anti-Slavery Partnership" in marked[0]
    for name in ("midshire", "midshire.msht.yaml", "Midshire"):  # area, file, stem
        assert run("compare", REGION, "--partnership", name).exit_code == 0


def test_compare_refuses_a_name_that_matches_two_files(tmp_path: Path) -> None:
    for name in ("midshire", "wexley"):
        text = (REGION / f"{name}.msht.yaml").read_text(encoding="utf-8")
        (tmp_path / f"{name}.msht.yaml").write_text(text, encoding="utf-8")
        (tmp_path / f"{name}-copy.msht.yaml").write_text(text, encoding="utf-8")
    result = run("compare", tmp_path, "--partnership", "Midshire")
    assert result.exit_code == 2
    line = result.stderr.strip().splitlines()[-1]
    assert "names 2 files" in line and "midshire-copy.msht.yaml" in line


def test_trend_draws_bars_in_a_terminal_and_none_when_piped() -> None:
    from msht_toolkit.analysis.trend import build_trend
    from msht_toolkit.cli.common import load_banks
    from msht_toolkit.render.terminal.trend import print_trend
    from msht_toolkit.services.files import score_files

    bankset = load_banks()
    trend = build_trend(score_files(YEARS, bankset), bankset.all())
    buffer = io.StringIO()
    print_trend(
        Console(file=buffer, force_terminal=True, width=160, color_system=None), trend, bars=True
    )
    lines = buffer.getvalue().splitlines()
    overall = next(line.strip() for line in lines if line.strip().startswith("Overall"))
    assert overall.endswith("▃▅▅")  # 32.6, 51.8, 55.1 on eight levels (0-12.4 is ▁)
    assert "bars" in buffer.getvalue()
    piped = run(*COMMANDS["trend"]).stdout
    assert "bars" not in piped and "▃" not in piped
