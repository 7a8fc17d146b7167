"""`export.py`: one row per question; CSV escaping, the JSON shape, the XLSX workbook."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from bank_builder import make_assessment, make_bank, q
from openpyxl import load_workbook

from msht_toolkit.assessment.model import Answer, PlanEntry, Response
from msht_toolkit.render.export import (
    COLUMN_IDS,
    COLUMNS,
    EXPORT_SCHEMA,
    csv_bytes,
    csv_text,
    export_json,
    export_rows,
    neutralize,
)
from msht_toolkit.render.xlsx import RAG_FILLS, xlsx_bytes
from msht_toolkit.scoring.scorer import ScoreCard, score_assessment
from msht_toolkit.textsafe import safe_text

ALPHA = make_bank(
    "alpha",
    {
        "gov": [q("A-1", critical=True), q("A-2", "yesno"), q("A-3", when="A-2 == yes")],
        "data": [q("A-4", "number"), q("A-5", "choice"), q("A-6", "text")],
    },
)
BETA = make_bank("beta", {"ops": [q("B-1"), q("B-2")]}, theme="pursue")


def card_for(answers: dict[str, Any], **kw: Any) -> ScoreCard:
    banks = [ALPHA, BETA]
    return score_assessment(make_assessment(answers, banks, **kw), banks)


def parse_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


# ---------------------------------------------------------------- rows


def test_one_row_per_question_in_scope_in_bank_order() -> None:
    rows = export_rows(card_for({"A-1": 2}))
    assert [r.id for r in rows] == ["A-1", "A-2", "A-3", "A-4", "A-5", "A-6", "B-1", "B-2"]
    assert [(r.bank, r.section) for r in rows[:4]] == [
        ("alpha", "gov"),
        ("alpha", "gov"),
        ("alpha", "gov"),
        ("alpha", "data"),
    ]


def test_row_holds_value_descriptor_score_rag_note_evidence_by_and_plan() -> None:
    answers = {
        "A-1": Answer(
            value=2, note="Named leads", evidence=["ToR v3", "Minutes"], by="Midshire Police"
        ),
        "A-2": "no",
    }
    plan = {"A-1": PlanEntry(owner="Midshire County Council", due="2027-09-30", status="agreed")}
    row = export_rows(card_for(answers, plan=plan))[0]
    assert row.question == "Question A-1?"
    assert row.value == 2
    assert row.descriptor == "Level 2: Substantial progress."
    assert row.score == pytest.approx(200 / 3)
    assert row.rag == "AMBER"
    assert (row.note, row.evidence, row.by) == (
        "Named leads",
        ("ToR v3", "Minutes"),
        "Midshire Police",
    )
    assert (row.owner, row.due, row.status) == ("Midshire County Council", "2027-09-30", "agreed")


def test_unanswered_skipped_unknown_and_text_rows() -> None:
    rows = {
        r.id: r for r in export_rows(card_for({"A-2": "no", "A-4": "unknown", "A-6": "Monthly"}))
    }
    assert (rows["A-1"].value, rows["A-1"].descriptor, rows["A-1"].rag) == (
        None,
        "not answered",
        "UNRATED",
    )
    assert rows["A-3"].descriptor == "not applicable: its condition is false"  # A-2 is no
    assert (rows["A-4"].descriptor, rows["A-4"].score, rows["A-4"].rag) == (
        "don't know",
        0.0,
        "RED",
    )
    assert (rows["A-6"].value, rows["A-6"].score, rows["A-6"].rag) == ("Monthly", None, "UNRATED")


def test_merged_answers_export_every_agency() -> None:
    merged = Answer(
        value=1,
        responses=[
            Response("Midshire Police", 3, "Pathway published"),
            Response("Midshire County Council", 1, "NHS not signed up"),
            Response("Midshire Police", 3),
        ],
    )
    row = export_rows(card_for({"A-1": merged}))[0]
    assert row.by == "Midshire Police; Midshire County Council"
    assert (
        row.note == "Midshire Police: Pathway published\nMidshire County Council: NHS not signed up"
    )
    assert [r.value for r in row.responses] == [3, 1, 3]


# ---------------------------------------------------------------- CSV


def test_csv_has_a_header_and_every_column() -> None:
    answers = {"A-1": Answer(value=3, note='Says "yes", then\nno', evidence=["ToR", "Plan; v2"])}
    table = parse_csv(csv_text(export_rows(card_for(answers))))
    assert list(table[0]) == list(COLUMN_IDS)
    assert len(table) == 8
    first = table[0]
    assert first["value"] == "3" and first["score"] == "100" and first["rag"] == "GREEN"
    assert first["note"] == 'Says "yes", then\nno'
    assert first["evidence"] == "ToR; Plan; v2"
    assert table[1]["value"] == "" and table[1]["score"] == "" and table[1]["rag"] == "UNRATED"


@pytest.mark.parametrize(
    "attack",
    ['=HYPERLINK("http://x","y")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"],
)
def test_csv_cells_that_could_run_as_formulas_are_quoted(attack: str) -> None:
    answers = {
        "A-1": Answer(value=1, note=attack, evidence=[attack], by=attack),
        "A-6": attack,
    }
    plan = {"A-1": PlanEntry(owner=attack, status="agreed")}
    table = parse_csv(csv_text(export_rows(card_for(answers, plan=plan))))
    first, text_row = table[0], table[5]
    for value in (first["note"], first["evidence"], first["by"], first["owner"], text_row["value"]):
        assert value == safe_text("'" + attack)  # a lone CR is shown as ␍
        assert not value.startswith(("=", "+", "-", "@"))


def test_plain_negative_numbers_are_not_quoted() -> None:
    table = parse_csv(csv_text(export_rows(card_for({"A-4": -3}))))
    assert table[3]["value"] == "-3"
    assert neutralize("-3.5") == "-3.5"
    assert neutralize("-3.5e9") == "'-3.5e9"


# ---------------------------------------------------------------- JSON


def test_json_document_shape() -> None:
    answers = {"A-1": Answer(value=2, evidence=["ToR"]), "A-2": "yes", "B-1": 3}
    card = card_for(answers, area="Midshire", assessed_on="2027-03-14")
    doc = export_json(card, export_rows(card))
    assert set(doc) == {
        "schema",
        "partnership",
        "area",
        "period",
        "assessed_on",
        "overall",
        "themes",
        "banks",
        "columns",
        "questions",
        "population",
        "measures",
    }
    assert doc["schema"] == EXPORT_SCHEMA
    assert doc["columns"] == list(COLUMN_IDS)
    assert set(doc["overall"]) == {"score", "rag", "completeness", "provisional"}
    assert [b["id"] for b in doc["banks"]] == ["alpha", "beta"]
    assert {t["id"] for t in doc["themes"]} == {"prepare", "pursue"}
    first = doc["questions"][0]
    assert set(first) == set(COLUMN_IDS) | {"responses"}
    assert (first["value"], first["score"], first["rag"]) == (2, 66.7, "AMBER")
    assert first["evidence"] == ["ToR"]
    assert first["responses"] == []
    assert doc["questions"][1]["value"] == "yes"
    assert len(doc["questions"]) == 8


# ---------------------------------------------------------------- XLSX


def workbook(card: ScoreCard) -> Any:
    return load_workbook(io.BytesIO(xlsx_bytes(card, export_rows(card))))


def test_xlsx_has_a_summary_and_a_questions_sheet() -> None:
    book = workbook(card_for({"A-1": 3, "A-2": "yes", "A-3": 3, "B-1": 0}))
    assert book.sheetnames == ["Summary", "Questions"]
    sheet = book["Questions"]
    assert [c.value for c in sheet[1]] == [title for _, title in COLUMNS]
    assert sheet.max_row == 1 + 8
    ids = [sheet.cell(row=r, column=3).value for r in range(2, sheet.max_row + 1)]
    assert ids == ["A-1", "A-2", "A-3", "A-4", "A-5", "A-6", "B-1", "B-2"]
    values = {row[0].value: row for row in sheet.iter_rows(min_row=2, min_col=3)}
    assert values["A-1"][2].value == 3  # numbers stay numbers


def test_xlsx_rag_cells_are_coloured_and_hold_the_word() -> None:
    card = card_for({"A-1": 3, "A-2": "yes", "A-3": 1, "A-4": 12, "B-1": 0})
    sheet = workbook(card)["Questions"]
    rag_col = COLUMN_IDS.index("rag") + 1
    score_col = COLUMN_IDS.index("score") + 1
    seen = {}
    for r in range(2, sheet.max_row + 1):
        qid = sheet.cell(row=r, column=3).value
        rag = sheet.cell(row=r, column=rag_col)
        seen[qid] = rag.value
        if rag.value in RAG_FILLS:
            assert rag.fill.fgColor.rgb.endswith(RAG_FILLS[rag.value])
            assert sheet.cell(row=r, column=score_col).fill.fgColor.rgb.endswith(
                RAG_FILLS[rag.value]
            )
        else:
            assert rag.value == "UNRATED" and rag.fill.fill_type is None
    assert (seen["A-1"], seen["A-3"], seen["A-4"], seen["B-1"], seen["B-2"]) == (
        "GREEN",
        "RED",
        "AMBER",
        "RED",
        "UNRATED",
    )


def test_xlsx_summary_holds_overall_themes_and_banks() -> None:
    card = card_for({"A-1": 3, "A-2": "yes", "A-3": 3, "B-1": 0, "B-2": 0})
    summary = workbook(card)["Summary"]
    cells = [[c.value for c in row] for row in summary.iter_rows()]
    flat = [v for row in cells for v in row if v is not None]
    assert "Testshire Anti-Slavery Partnership" in flat
    overall = next(row for row in cells if row[0] == "Overall" and row[1] != "Score")
    assert overall[1] == 50.0 and overall[2] == "AMBER"
    themes = {row[0]: row for row in cells if row[0] in ("prepare", "pursue")}
    assert themes["prepare"][1:3] == [100.0, "GREEN"] and themes["pursue"][1:3] == [0.0, "RED"]
    banks = {row[0]: row for row in cells if row[0] in ("alpha", "beta")}
    assert banks["alpha"][4:6] == [100.0, "GREEN"] and banks["beta"][4:6] == [0.0, "RED"]
    rag_cell = next(c for row in summary.iter_rows() for c in row if c.value == "RED")
    assert rag_cell.fill.fgColor.rgb.endswith(RAG_FILLS["RED"])


def test_xlsx_text_is_never_a_formula() -> None:
    attack = '=HYPERLINK("http://x","click")'
    sheet = workbook(card_for({"A-1": Answer(value=1, note=attack), "A-6": "@SUM(A1)"}))[
        "Questions"
    ]
    note = sheet.cell(row=2, column=COLUMN_IDS.index("note") + 1)
    assert note.value == attack and note.data_type == "s"
    text = sheet.cell(row=7, column=COLUMN_IDS.index("value") + 1)
    assert text.value == "@SUM(A1)" and text.data_type == "s"


def test_csv_bytes_carry_a_byte_order_mark_unless_asked_not_to() -> None:
    rows = export_rows(card_for({"A-1": Answer(value=1, note="Zażółć £")}))
    assert csv_bytes(rows) == b"\xef\xbb\xbf" + csv_text(rows).encode("utf-8")
    assert csv_bytes(rows, "utf-8") == csv_text(rows).encode("utf-8")


def test_xlsx_stores_dates_as_dates() -> None:
    import datetime

    card = card_for(
        {"A-1": 1},
        plan={"A-1": PlanEntry(owner="Police", due="2027-09-30", status="agreed")},
        assessed_on="2027-03-14",
    )
    book = workbook(card)
    sheet = book["Questions"]
    due = sheet.cell(row=2, column=COLUMN_IDS.index("due") + 1)
    assert due.value == datetime.datetime(2027, 9, 30) and due.is_date
    summary = book["Summary"]
    assessed = next(row[1] for row in summary.iter_rows() if row[0].value == "Assessed on")
    assert assessed.is_date


def test_xlsx_prints_landscape_one_page_wide_with_header_repeated() -> None:
    book = workbook(card_for({"A-1": 3}))
    for name in ("Summary", "Questions"):
        ws = book[name]
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0
        assert ws.print_area
    questions = book["Questions"]
    assert questions.print_title_rows == "$1:$1"
    assert questions.print_area == "'Questions'!$A$1:$N$9"
    assert book.properties.creator == "msht-toolkit"
