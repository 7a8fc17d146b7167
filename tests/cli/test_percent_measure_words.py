"""A percent measure's change is written in points with both values, a count's as a
relative percentage, in every format that writes a change in words; the JSON keeps the
relative percentages (SPEC section 5).

Hand-computed on the mini bank (scores as in ``test_report_measures``): the bank rose
41.7 points to GREEN. Referrals 40 -> 26: (26 - 40) / 40 = -35%, "down 35%". Staff
trained 58% -> 44%: 44 - 58 = -14 points, "down 14 points (58% to 44%)"; relative
(44 - 58) / 58 = -24.14%, shown -24.1 in the JSON, 20% or more of its old value, so it
is flagged like the referrals.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from msht_toolkit.cli.app import app
from tests.cli.test_measures_outputs import MEASURES, MINI, assessment, write

ENV = {"MSHT_BANKS": "", "NO_COLOR": "1"}
COUNT_CELL = "down 35%"
PERCENT_CELL = "down 14 points (58% to 44%)"
COUNT_FLAG = (
    "Mini test bank rose 41.7 points to GREEN while NRM referrals from the area fell 35%: "
    "check the evidence behind the rating."
)
PERCENT_FLAG = (
    "Mini test bank rose 41.7 points to GREEN while staff trained fell 14 points, from 58% "
    "to 44%: check the evidence behind the rating."
)


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    measures = write(tmp_path, "mini-measures.yaml", MEASURES)
    old = write(
        tmp_path,
        "old.msht.yaml",
        assessment("2025/26", 1, None, "  MINI-REFS: 40\n  MINI-TRAINED: 58\n"),
    )
    new = write(
        tmp_path,
        "new.msht.yaml",
        assessment("2026/27", 3, None, "  MINI-REFS: 26\n  MINI-TRAINED: 44\n"),
    )
    return old, new, ["--bank", str(MINI), "--bank", str(measures)]


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args), env=ENV)
    assert result.exit_code == 0, result.output
    return result.stdout


def flat(text: str) -> str:
    return " ".join(text.split())


def change_column(table: list[list[str]]) -> list[str]:
    at = table[0].index("Change")
    return [row[at] for row in table[1:]]


def test_diff_json_keeps_relative_percentages(files) -> None:
    old, new, banks = files
    doc = json.loads(run("diff", str(old), str(new), "--json", *banks))
    changes = {m["id"]: m["change_pct"] for m in doc["measures"]}
    assert (changes["MINI-REFS"], changes["MINI-TRAINED"]) == (-35.0, -24.1)
    assert [f["measure_change_pct"] for f in doc["flags"]] == [-35.0, -24.1]


def test_diff_terminal_and_markdown(files, tmp_path: Path) -> None:
    from tests.markdown_check import tables

    old, new, banks = files
    terminal = flat(run("diff", str(old), str(new), *banks))
    assert f"NRM referrals from the area 40 26 {COUNT_CELL}" in terminal
    assert f"Staff trained 58% 44% {PERCENT_CELL}" in terminal
    assert f"Check: {COUNT_FLAG}" in terminal and f"Check: {PERCENT_FLAG}" in terminal
    out = tmp_path / "diff.md"
    run("diff", str(old), str(new), "-o", str(out), *banks)
    md = out.read_text(encoding="utf-8")
    table = next(t for t in tables(md) if t[0][0] == "Measure")
    assert change_column(table) == [COUNT_CELL, PERCENT_CELL]
    assert f"**Check:** {PERCENT_FLAG}" in md and f"**Check:** {COUNT_FLAG}" in md


def test_diff_html(files, tmp_path: Path) -> None:
    from tests.html_check import parse, table_with

    old, new, banks = files
    out = tmp_path / "diff.html"
    run("diff", str(old), str(new), "--format", "html", "-o", str(out), *banks)
    parsed = parse(out.read_text(encoding="utf-8"))
    table = table_with(parsed, "Measure", "2025/26", "2026/27", "Change")
    assert change_column([table.header, *table.rows]) == [COUNT_CELL, PERCENT_CELL]
    assert f"Check: {PERCENT_FLAG}" in flat(parsed.text)


def test_score_terminal_flag(files) -> None:
    old, new, banks = files
    new.write_text(new.read_text() + f"carried_from: {old.name}\n", encoding="utf-8")
    assert f"Check: {PERCENT_FLAG}" in flat(run("score", str(new), *banks))


def test_board_report_markdown_html_and_word(files, tmp_path: Path) -> None:
    from tests.html_check import parse, table_with
    from tests.markdown_check import tables, text

    old, new, banks = files
    md_out, html_out = tmp_path / "r.md", tmp_path / "r.html"
    run("report", str(new), "--from", str(old), "-o", str(md_out), *banks)
    md = md_out.read_text(encoding="utf-8")
    table = next(t for t in tables(md) if t[0][0] == "Measure" and "Change" in t[0])
    assert change_column(table) == [COUNT_CELL, PERCENT_CELL]
    assert PERCENT_FLAG in flat(text(md)) and COUNT_FLAG in flat(text(md))

    run("report", str(new), "--from", str(old), "-o", str(html_out), *banks)
    parsed = parse(html_out.read_text(encoding="utf-8"))
    table = table_with(parsed, "Measure", "2026/27", "2025/26", "Change")
    assert change_column([table.header, *table.rows]) == [COUNT_CELL, PERCENT_CELL]
    assert PERCENT_FLAG in flat(parsed.text)

    docx = pytest.importorskip("docx")
    word_out = tmp_path / "r.docx"
    run("report", str(new), "--from", str(old), "-o", str(word_out), *banks)
    doc = docx.Document(io.BytesIO(word_out.read_bytes()))
    rows = next(
        [[c.text.replace("\u00a0", " ") for c in r.cells] for r in t.rows]
        for t in doc.tables
        if t.rows[0].cells[0].text == "Measure"
    )
    assert change_column(rows) == [COUNT_CELL, PERCENT_CELL]
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert PERCENT_FLAG in bullets and COUNT_FLAG in bullets
