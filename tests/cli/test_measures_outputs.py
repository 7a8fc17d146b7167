"""Measures in the outputs: ``score``, ``diff``, ``trend`` and
``compare --json``, on small files whose figures are computed by hand."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from msht_toolkit.cli.app import app

MINI = Path(__file__).resolve().parents[1] / "e2e" / "data" / "mini-bank.yaml"

MEASURES = """\
schema: msht-measures/1
id: mini-measures
version: "1.0"
measures:
  - {id: MINI-REFS, title: NRM referrals from the area, unit: count, per_population: true,
     better: higher, bank: mini}
  - {id: MINI-DAYS, title: Median days to referral, unit: days, better: lower, bank: mini}
  - {id: MINI-TRAINED, title: Staff trained, unit: percent, better: higher, bank: mini}
"""


def assessment(period: str, lead: int, population: int | None, figures: str, name: str = "M"):
    pop = f"population: {population}\n" if population else ""
    return (
        "schema: msht-assessment/1\n"
        f"partnership: {name} Anti-Slavery Partnership\n"
        f"period: {period}\n{pop}"
        'banks: {mini: "1.0"}\n'
        f"answers:\n  MINI-LEAD-01: {lead}\n  MINI-LEAD-02: yes\n  MINI-LEAD-03: monthly\n"
        f"  MINI-DAT-01: {60 if lead == 3 else 0}\n"  # level 3: GREEN, else AMBER or RED
        f"measures:\n{figures}"
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "mini-measures.yaml").write_text(MEASURES, encoding="utf-8")
    return tmp_path


def run_json(folder: Path, *args: str) -> dict:
    result = CliRunner().invoke(
        app,
        [*args, "--json", "--bank", str(MINI), "--bank", str(folder / "mini-measures.yaml")],
        env={"MSHT_BANKS": "", "NO_COLOR": "1"},
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_score_json_lists_measures_with_rates(folder: Path) -> None:
    path = write(
        folder,
        "a.msht.yaml",
        assessment("2026/27", 3, 1_100_000, "  MINI-REFS: 57\n  MINI-TRAINED: {value: 62.5}\n"),
    )
    doc = run_json(folder, "score", str(path))
    assert doc["measures"] == [
        {
            "id": "MINI-REFS",
            "title": "NRM referrals from the area",
            "unit": "count",
            "bank": "mini",
            "value": 57,
            "per_100k": 5.2,
        },
        {
            "id": "MINI-DAYS",
            "title": "Median days to referral",
            "unit": "days",
            "bank": "mini",
            "value": None,
            "per_100k": None,
        },  # linked to mini, not recorded
        {
            "id": "MINI-TRAINED",
            "title": "Staff trained",
            "unit": "percent",
            "bank": "mini",
            "value": 62.5,
            "per_100k": None,
        },
    ]


def test_score_json_without_population_has_no_rates(folder: Path) -> None:
    path = write(folder, "a.msht.yaml", assessment("2026/27", 3, None, "  MINI-REFS: 57\n"))
    doc = run_json(folder, "score", str(path))
    assert doc["measures"][0]["value"] == 57 and doc["measures"][0]["per_100k"] is None


def test_diff_json_gives_changes_and_the_flag(folder: Path) -> None:
    # MINI-LEAD-01 from level 1 to 3 raises the bank's score; referrals fall 40 -> 26 (-35%)
    old = write(
        folder,
        "old.msht.yaml",
        assessment(
            "2025/26", 1, 1_000_000, "  MINI-REFS: 40\n  MINI-DAYS: 0\n  MINI-TRAINED: 50\n"
        ),
    )
    new = write(
        folder,
        "new.msht.yaml",
        assessment("2026/27", 3, 1_000_000, "  MINI-REFS: 26\n  MINI-DAYS: 9\n"),
    )
    doc = run_json(folder, "diff", str(old), str(new))
    assert doc["measures"] == [
        {"id": "MINI-REFS", "old": 40, "new": 26, "change_pct": -35.0},
        {"id": "MINI-DAYS", "old": 0, "new": 9, "change_pct": None},  # old 0: no percentage
        {"id": "MINI-TRAINED", "old": 50, "new": None, "change_pct": None},  # missing
    ]
    bank = next(b for b in doc["banks"] if b["id"] == "mini")
    rise = round(bank["new_score"] - bank["old_score"], 1)
    assert rise >= 5
    assert doc["flags"] == [
        {
            "kind": "rating-up-outcome-down",
            "bank": "mini",
            "measure": "MINI-REFS",
            "bank_change": rise,
            "measure_change_pct": -35.0,
        }
    ]


def test_diff_json_without_figures_has_empty_lists(folder: Path) -> None:
    old = write(folder, "old.msht.yaml", assessment("2025/26", 1, None, "  {}\n"))
    new = write(folder, "new.msht.yaml", assessment("2026/27", 3, None, "  {}\n"))
    doc = run_json(folder, "diff", str(old), str(new))
    # linked measures are listed, with nothing recorded; nothing is flagged
    assert [m["change_pct"] for m in doc["measures"]] == [None, None, None]
    assert doc["flags"] == []


def test_trend_json_lists_values_and_rates_per_period(folder: Path) -> None:
    files = [
        write(folder, "y3.msht.yaml", assessment("2027/28", 3, 1_000_000, "  MINI-REFS: 60\n")),
        write(folder, "y1.msht.yaml", assessment("2025/26", 1, 1_000_000, "  MINI-REFS: 30\n")),
        write(folder, "y2.msht.yaml", assessment("2026/27", 2, None, "  MINI-REFS: 45\n")),
    ]
    doc = run_json(folder, "trend", *map(str, files))
    refs = next(m for m in doc["measures"] if m["id"] == "MINI-REFS")
    assert refs == {
        "id": "MINI-REFS",
        "title": "NRM referrals from the area",
        "values": [30, 45, 60],
        "per_100k": [3.0, None, 6.0],
    }
    days = next(m for m in doc["measures"] if m["id"] == "MINI-DAYS")
    assert days["values"] == [None, None, None]


def region(folder: Path, figures: dict[str, tuple[int, int | None, int | None]]) -> Path:
    """One file per partnership: (lead level, referrals, days to referral)."""
    out = folder / "region"
    out.mkdir()
    for name, (lead, refs, days) in figures.items():
        lines = (f"  MINI-DAYS: {days}\n" if days is not None else "") + (
            f"  MINI-REFS: {refs}\n" if refs is not None else ""
        )
        write(out, f"{name.lower()}.msht.yaml", assessment("2026/27", lead, 1_000_000, lines, name))
    return out


def test_compare_json_quartiles_and_green_but_bottom_quartile(folder: Path) -> None:
    # rates per 100,000 = refs / 10: 1.0, 2.0, 3.0, 4.0 -> Q1 1.75, median 2.5, Q3 3.25
    out = region(
        folder,
        {"Aham": (3, 10, 5), "Bexley": (1, 20, 10), "Corby": (1, 30, 15), "Dunmow": (1, 40, 20)},
    )
    doc = run_json(folder, "compare", str(out))
    quart = {
        p["partnership"].split()[0]: {m["id"]: m["quartile"] for m in p["measures"]}
        for p in doc["partnerships"]
    }
    assert {k: v["MINI-REFS"] for k, v in quart.items()} == {
        "Aham": 1,
        "Bexley": 2,
        "Corby": 3,
        "Dunmow": 4,
    }
    # fewer days is better: the order is reversed, 4 the best quarter
    assert {k: v["MINI-DAYS"] for k, v in quart.items()} == {
        "Aham": 4,
        "Bexley": 3,
        "Corby": 2,
        "Dunmow": 1,
    }
    aham = next(p for p in doc["partnerships"] if p["partnership"].startswith("Aham"))
    assert aham["banks"][0]["rag"] == "GREEN"
    assert doc["flags"] == [
        {
            "kind": "green-but-bottom-quartile",
            "partnership": "Aham Anti-Slavery Partnership",
            "file": "aham.msht.yaml",
            "bank": "mini",
            "measure": "MINI-REFS",
        }
    ]
    refs = next(m for m in doc["measures"] if m["id"] == "MINI-REFS")
    assert refs["n"] == 4 and refs["better"] == "higher"


def test_no_quartile_flag_among_fewer_than_four(folder: Path) -> None:
    # Dunmow recorded no referrals: three partnerships rank, so nothing is flagged
    out = region(
        folder,
        {"Aham": (3, 10, 5), "Bexley": (1, 20, 10), "Corby": (1, 30, 15), "Dunmow": (1, None, 20)},
    )
    doc = run_json(folder, "compare", str(out))
    refs = next(m for m in doc["measures"] if m["id"] == "MINI-REFS")
    assert refs["n"] == 3
    dunmow = next(p for p in doc["partnerships"] if p["partnership"].startswith("Dunmow"))
    assert next(m for m in dunmow["measures"] if m["id"] == "MINI-REFS") == {
        "id": "MINI-REFS",
        "value": None,
        "per_100k": None,
        "quartile": None,
    }
    assert doc["flags"] == []


def test_diff_markdown_and_terminal_say_the_flag_in_words(folder: Path) -> None:
    from tests.markdown_check import headings, table_problems, tables

    old = write(
        folder,
        "old.msht.yaml",
        assessment("2025/26", 1, 1_000_000, "  MINI-REFS: 40\n  MINI-TRAINED: 50\n"),
    )
    new = write(
        folder,
        "new.msht.yaml",
        assessment("2026/27", 3, 1_000_000, "  MINI-REFS: 26\n  MINI-TRAINED: 50\n"),
    )
    args = ["--bank", str(MINI), "--bank", str(folder / "mini-measures.yaml")]
    env = {"MSHT_BANKS": "", "NO_COLOR": "1"}
    out = folder / "diff.md"
    result = CliRunner().invoke(app, ["diff", str(old), str(new), "-o", str(out), *args], env=env)
    assert result.exit_code == 0, result.output
    md = out.read_text(encoding="utf-8")
    assert (2, "Performance measures") in headings(md)
    assert table_problems(md) == []
    rows = next(t for t in tables(md) if t[0][0] == "Measure")
    assert rows[1] == [
        "NRM referrals from the area",
        "40 (4.0 per 100,000)",
        "26 (2.6 per 100,000)",
        "down 35%",
    ]
    assert rows[2] == ["Staff trained", "50%", "50%", "no change"]
    sentence = (
        "Mini test bank rose {} points to {} while NRM referrals from the area fell "
        "35%: check the evidence behind the rating."
    )
    doc = run_json(folder, "diff", str(old), str(new))
    bank = next(b for b in doc["banks"] if b["id"] == "mini")
    expected = sentence.format(f"{doc['flags'][0]['bank_change']:g}", bank["new_rag"])
    assert f"**Check:** {expected}" in md
    terminal = CliRunner().invoke(app, ["diff", str(old), str(new), *args], env=env)
    assert " ".join(terminal.stdout.split()).count(f"Check: {expected}") == 1


def test_score_terminal_shows_this_and_last_years_figures_and_the_flag(folder: Path) -> None:
    write(folder, "old.msht.yaml", assessment("2025/26", 1, 1_000_000, "  MINI-REFS: 40\n"))
    new = write(
        folder,
        "new.msht.yaml",
        assessment("2026/27", 3, 1_000_000, "  MINI-REFS: 26\n") + "carried_from: old.msht.yaml\n",
    )
    result = CliRunner().invoke(
        app,
        ["score", str(new), "--bank", str(MINI), "--bank", str(folder / "mini-measures.yaml")],
        env={"MSHT_BANKS": "", "NO_COLOR": "1"},
    )
    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Performance measures measure this year last year" in text
    assert "NRM referrals from the area 26 (2.6 per 100,000) 40 (4.0 per 100,000)" in text
    assert "Check: Mini test bank rose" in text and "fell 35%" in text


def test_export_json_and_xlsx_carry_the_figures(folder: Path) -> None:
    path = write(
        folder,
        "a.msht.yaml",
        assessment("2026/27", 3, 1_100_000, "  MINI-REFS: {value: 57, source: '=HYPERLINK()'}\n"),
    )
    args = ["--bank", str(MINI), "--bank", str(folder / "mini-measures.yaml")]
    env = {"MSHT_BANKS": "", "NO_COLOR": "1"}
    result = CliRunner().invoke(app, ["export", str(path), "--format", "json", *args], env=env)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["population"] == 1_100_000
    assert doc["measures"][0] == {
        "id": "MINI-REFS", "title": "NRM referrals from the area", "unit": "count",
        "bank": "mini", "value": 57, "per_100k": 5.2, "note": None, "source": "=HYPERLINK()",
    }  # fmt: skip
    openpyxl = pytest.importorskip("openpyxl")
    out = folder / "a.xlsx"
    result = CliRunner().invoke(
        app, ["export", str(path), "--format", "xlsx", "-o", str(out), *args], env=env
    )
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out)["Measures"]
    assert [c.value for c in sheet[2]][:6] == [
        "MINI-REFS", "NRM referrals from the area", "count", "mini", 57, 5.2,
    ]  # fmt: skip
    assert sheet["H2"].data_type == "s"  # text, never a formula


def test_trend_terminal_has_a_row_per_recorded_measure(folder: Path) -> None:
    files = [
        write(folder, "y1.msht.yaml", assessment("2025/26", 1, 1_000_000, "  MINI-REFS: 30\n")),
        write(folder, "y2.msht.yaml", assessment("2026/27", 2, None, "  MINI-TRAINED: 45\n")),
    ]
    result = CliRunner().invoke(
        app,
        ["trend", *map(str, files), "--bank", str(MINI), "--bank",
         str(folder / "mini-measures.yaml")],
        env={"MSHT_BANKS": "", "NO_COLOR": "1"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = [" ".join(line.split()) for line in result.stdout.splitlines()]
    start = lines.index("Performance measures")
    assert lines[start + 2] == "NRM referrals from the area 30 (3.0 per 100,000) -"
    assert lines[start + 3] == "Staff trained - 45%"
    assert not any("Median days" in line for line in lines)  # never recorded


def test_compare_terminal_says_the_quartile_flag_in_words(folder: Path) -> None:
    out = region(
        folder,
        {"Aham": (3, 10, 5), "Bexley": (1, 20, 10), "Corby": (1, 30, 15), "Dunmow": (1, 40, 20)},
    )
    result = CliRunner().invoke(
        app,
        ["compare", str(out), "--bank", str(MINI), "--bank", str(folder / "mini-measures.yaml")],
        env={"MSHT_BANKS": "", "NO_COLOR": "1"},
    )
    assert result.exit_code == 0, result.output
    assert (
        " ".join(result.stdout.split()).count(
            "Check: Aham Anti-Slavery Partnership: Mini test bank is GREEN but NRM referrals from "
            "the area per 100,000 residents are in the bottom quarter of 4 partnerships: check the "
            "evidence behind the rating."
        )
        == 1
    )


def test_export_csv_has_a_row_per_measure_after_the_questions(folder: Path) -> None:
    import csv
    import io

    path = write(
        folder,
        "a.msht.yaml",
        assessment(
            "2026/27",
            3,
            1_100_000,
            "  MINI-REFS: {value: 57, note: '@SUM(A1)', source: '=HYPERLINK()'}\n"
            "  MINI-TRAINED: 0\n",
        ),
    )
    result = CliRunner().invoke(
        app,
        [
            "export",
            str(path),
            "--format",
            "csv",
            "--encoding",
            "utf-8",
            "--bank",
            str(MINI),
            "--bank",
            str(folder / "mini-measures.yaml"),
        ],
        env={"MSHT_BANKS": "", "NO_COLOR": "1"},
    )
    assert result.exit_code == 0, result.output
    table = list(csv.DictReader(io.StringIO(result.stdout, newline="")))
    assert list(table[0])[-4:] == ["kind", "unit", "per_100k", "source"]
    assert [r["kind"] for r in table] == ["question"] * 5 + ["measure"] * 3
    measures = [
        (
            r["bank"],
            r["id"],
            r["question"],
            r["value"],
            r["unit"],
            r["per_100k"],
            r["note"],
            r["source"],
            r["rag"],
        )
        for r in table[5:]
    ]
    assert measures == [
        # 57 x 100,000 / 1,100,000 = 5.18..., shown 5.2; formulas neutralised
        (
            "mini",
            "MINI-REFS",
            "NRM referrals from the area",
            "57",
            "count",
            "5.2",
            "'@SUM(A1)",
            "'=HYPERLINK()",
            "",
        ),
        ("mini", "MINI-DAYS", "Median days to referral", "", "days", "", "", "", ""),  # missing
        ("mini", "MINI-TRAINED", "Staff trained", "0", "percent", "", "", "", ""),  # zero kept
    ]
