"""`msht export FILE --format csv|xlsx|json [-o OUT]`: outputs, files, errors."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from msht_toolkit.cli.app import app
from msht_toolkit.render.export import COLUMN_IDS, MEASURE_COLUMN_IDS

BANKS = {"identification": "2026.1", "pursue": "2026.1"}


def run(*args: str | Path) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args])


@pytest.fixture
def assessment(write_assessment: Callable[..., Path]) -> Path:
    return write_assessment(
        {
            "ID-NRM-01": {"value": 2, "note": "=cmd|' /C calc'!A0", "evidence": ["ToR v3"]},
            "ID-NRM-02": "most",
            "PS-ORD-01": "no",
        },
        banks=BANKS,
        name="midshire.msht.yaml",
        partnership="Midshire Anti-Slavery Partnership",
        plan={"ID-NRM-01": {"owner": "Midshire County Council", "status": "agreed"}},
    )


def question_count(bankset: Any) -> int:
    return sum(bankset.get(b, v).question_count for b, v in BANKS.items())


def test_csv_to_stdout_has_one_row_per_question(assessment: Path, bankset: Any) -> None:
    result = run("export", assessment, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM
    text = result.stdout_bytes.decode("utf-8-sig")
    table = list(csv.DictReader(io.StringIO(text, newline="")))
    # the bundled banks link measures, so the measure columns follow the question columns
    assert list(table[0]) == [*COLUMN_IDS, *MEASURE_COLUMN_IDS]
    rows = [r for r in table if r["kind"] == "question"]
    assert table[: len(rows)] == rows  # the questions first, then the measures
    assert len(rows) == question_count(bankset)
    assert {r["kind"] for r in table[len(rows) :]} == {"measure"}
    first = rows[0]
    assert (first["id"], first["value"], first["rag"]) == ("ID-NRM-01", "2", "AMBER")
    assert first["note"] == "'=cmd|' /C calc'!A0"
    assert (first["owner"], first["status"]) == ("Midshire County Council", "agreed")
    skipped = next(r for r in rows if r["id"] == "PS-ORD-02")  # when PS-ORD-01 == yes
    assert skipped["descriptor"].startswith("not applicable")


def test_json_to_stdout(assessment: Path, bankset: Any) -> None:
    result = run("export", assessment, "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["schema"] == "msht-export/1"
    assert doc["partnership"] == "Midshire Anti-Slavery Partnership"
    assert len(doc["questions"]) == question_count(bankset)
    assert [b["id"] for b in doc["banks"]] == ["identification", "pursue"]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_output_file_is_private_and_matches_stdout(
    assessment: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"export.{fmt}"
    result = run("export", assessment, "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert out.read_bytes() == run("export", assessment, "--format", fmt).stdout_bytes
    assert result.stdout == ""


def test_xlsx_file_reads_back(assessment: Path, tmp_path: Path, bankset: Any) -> None:
    out = tmp_path / "midshire.xlsx"
    result = run("export", assessment, "--format", "xlsx", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    book = load_workbook(out)
    assert book.sheetnames == ["Summary", "Questions", "Measures"]  # it has figures
    sheet = book["Questions"]
    assert sheet.max_row == 1 + question_count(bankset)
    header = [c.value for c in sheet[1]]
    rag = header.index("RAG") + 1
    assert sheet.cell(row=2, column=rag).value == "AMBER"
    note = sheet.cell(row=2, column=header.index("Note") + 1)
    assert note.value == "=cmd|' /C calc'!A0" and note.data_type == "s"


def test_csv_is_utf8_with_bom_by_default_and_without_on_request(
    write_assessment: Callable[..., Path], tmp_path: Path
) -> None:
    """Excel reads UTF-8 without a BOM as Windows-1252: Zażółć became ZaÅ¼Ã³Å‚Ä‡."""
    path = write_assessment(
        {"ID-NRM-01": {"value": 2, "note": "Zażółć gęślą jaźń: £40 a week"}},
        banks=BANKS,
        name="bom.msht.yaml",
    )
    with_bom, without = tmp_path / "with.csv", tmp_path / "without.csv"
    assert run("export", path, "--format", "csv", "-o", with_bom).exit_code == 0
    result = run("export", path, "--format", "csv", "--encoding", "utf-8", "-o", without)
    assert result.exit_code == 0, result.stderr
    data, plain = with_bom.read_bytes(), without.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and not plain.startswith(b"\xef\xbb\xbf")
    assert data[3:] == plain
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0]["note"] == "Zażółć gęślą jaźń: £40 a week"


def test_unknown_csv_encoding_is_one_line(assessment: Path) -> None:
    result = run("export", assessment, "--format", "csv", "--encoding", "latin-1")
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "msht: --encoding must be one of utf-8-sig, utf-8, not 'latin-1'"
    ]


def test_xlsx_needs_an_output_file(assessment: Path) -> None:
    result = run("export", assessment, "--format", "xlsx")
    assert result.exit_code == 2
    assert result.stderr.strip() == "msht: --format xlsx writes a file: add -o OUT.xlsx"


def test_missing_openpyxl_gives_a_one_line_hint(
    assessment: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # import openpyxl -> ImportError
    out = tmp_path / "x.xlsx"
    result = run("export", assessment, "--format", "xlsx", "-o", out)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "msht: XLSX export needs openpyxl: pip install 'msht-toolkit[xlsx]'"
    ]
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "--format must be one of csv, xlsx, json, not 'xml'"),
        ([], "--format must be one of csv, xlsx, json"),
        (["--format", "csv", "-o", "{tmp}/no/such/dir/x.csv"], "does not exist"),
        (["--format", "csv", "-o", "{file}"], "is an input of this command"),
    ],
)
def test_usage_errors_are_one_line(
    assessment: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    before = assessment.read_bytes()
    args = [a.replace("{tmp}", str(tmp_path)).replace("{file}", str(assessment)) for a in args]
    result = run("export", assessment, *args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert message in result.stderr
    assert assessment.read_bytes() == before


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json"])
def test_malformed_assessment_is_one_line_and_nothing_is_written(tmp_path: Path, fmt: str) -> None:
    bad = tmp_path / "bad.msht.yaml"
    bad.write_text(
        "schema: msht-assessment/1\nbanks: {identification: '2026.1'}\nanswers:\n  ID-NRM-01: 5\n",
        encoding="utf-8",
    )
    out = tmp_path / f"out.{fmt}"
    result = run("export", bad, "--format", fmt, "-o", out)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{bad}:4:")
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.msht.yaml"]
