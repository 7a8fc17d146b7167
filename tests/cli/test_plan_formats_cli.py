"""`msht plan --format md|html|docx`: chosen, or from -o's suffix; --json apart."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from html_check import external_references, parse
from typer.testing import CliRunner

from msht_toolkit.cli.app import app

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "midshire-2026.msht.yaml"


def run(*args: object) -> object:
    return CliRunner().invoke(app, [str(a) for a in args])


def test_html_plan_from_the_suffix(tmp_path: Path) -> None:
    out = tmp_path / "plan.html"
    result = run("plan", EXAMPLE, "--top", "5", "-o", out)
    assert result.exit_code == 0, result.stderr
    page = parse(out.read_text(encoding="utf-8"))
    assert page.headings[0] == (1, "Action plan: Midshire Anti-Slavery Partnership 2026/27")
    assert external_references(page) == []
    glance = next(t for t in page.tables if t.header[:2] == ["Rank", "Question"])
    assert [r[0] for r in glance.rows] == ["1", "2", "3", "4", "5"]


def test_word_plan_from_the_suffix(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    out = tmp_path / "plan.docx"
    result = run("plan", EXAMPLE, "--phases", "3", "-o", out)
    assert result.exit_code == 0, result.stderr
    word = docx.Document(io.BytesIO(out.read_bytes()))
    assert next(p.text for p in word.paragraphs if p.style.name == "Heading 3").startswith(
        "Phase 1: months 0–3"
    )


def test_markdown_stays_the_default_and_json_follows_a_json_name(tmp_path: Path) -> None:
    assert run("plan", EXAMPLE).stdout.startswith("# Action plan")
    out = tmp_path / "plan.json"
    result = run("plan", EXAMPLE, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "msht-plan/1"


def test_json_and_format_together_are_refused() -> None:
    result = run("plan", EXAMPLE, "--json", "--format", "html")
    assert result.exit_code == 2
    assert result.stderr == "msht: --json and --format cannot be used together\n"
