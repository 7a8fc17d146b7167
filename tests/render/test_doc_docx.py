"""The board report and the plan as Word files, opened again with python-docx.

Real heading styles, tables the width of the page with their header row repeated and
columns no narrower than their longest word, RAG cells shaded with the word in them,
core properties naming msht-toolkit, and the same bytes for the same input.
"""

from __future__ import annotations

import io
import itertools
import zipfile

import pytest
from report_cards import SHOWN, card

docx = pytest.importorskip("docx")

from docx.oxml.ns import qn  # noqa: E402

from msht_toolkit.analysis.disagreements import disagreements  # noqa: E402
from msht_toolkit.analysis.plan import build_plan  # noqa: E402
from msht_toolkit.render.documents.blocks import (  # noqa: E402
    PAGE_MM,
    Cell,
    Column,
    Table,
    fit_widths,
    token_mm,
)
from msht_toolkit.render.documents.board_report import report_document  # noqa: E402
from msht_toolkit.render.documents.plan import plan_document  # noqa: E402
from msht_toolkit.render.word import RAG_FILL, deterministic_zip, document_docx  # noqa: E402


def report_bytes(full: bool = False) -> bytes:
    c = card()
    found = disagreements(c.assessment, [b.bank for b in c.banks])
    return document_docx(report_document(build_plan(c), full, found), c.assessment.assessed_on)


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def cell_fill(cell) -> str | None:
    shd = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    return shd.get(qn("w:fill")) if shd is not None else None


def test_headings_use_heading_styles_in_order() -> None:
    word = open_docx(report_bytes(True))
    heads = [(p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert heads[0] == ("Heading 1", "Board report: Midshire Anti-Slavery Partnership 2026/27")
    level2 = [t for s, t in heads if s == "Heading 2"]
    assert level2[:4] == [
        "Summary",
        "Where the partnership stands",
        "Critical failures",
        "Priorities",
    ]
    assert level2[-1] == "Annex: every section and question"
    assert ("Heading 4", "Section s1: 0.0 RED, made RED by A-1") in heads
    levels = [int(s.split()[1]) for s, _ in heads]
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


def test_tables_have_header_rows_repeated_and_fit_the_page() -> None:
    word = open_docx(report_bytes())
    headers = [[c.text for c in t.rows[0].cells] for t in word.tables]
    assert [
        "Rank",
        "Question",
        "Rating",
        "Next step",
        "Priority",
        "Owner",
        "Due",
        "Status",
    ] in headers
    assert ["Theme or bank", "Kind", "0 to 100 (AMBER 40, GREEN 75)", "Rating"] in headers
    for table in word.tables[1:]:  # the title block has no header row
        tr_pr = table.rows[0]._tr.trPr
        assert tr_pr is not None and tr_pr.find(qn("w:tblHeader")) is not None
        layout = table._tbl.tblPr.find(qn("w:tblLayout"))
        assert layout.get(qn("w:type")) == "fixed"
        total_mm = sum(c.width for c in table.columns) / 36000  # EMU per mm
        assert abs(total_mm - PAGE_MM) < 1, total_mm
    section = word.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    text_width = section.page_width - section.left_margin - section.right_margin
    assert round(text_width / 36000) == PAGE_MM


def test_rag_cells_are_shaded_and_carry_the_word() -> None:
    word = open_docx(report_bytes())
    priorities = next(t for t in word.tables if t.rows[0].cells[0].text == "Rank")
    rating = priorities.rows[1].cells[2]
    assert rating.text.replace("\u00a0", " ") == "0.0 RED"
    assert cell_fill(rating) == RAG_FILL["RED"]
    chart = next(t for t in word.tables if t.rows[0].cells[0].text == "Theme or bank")
    for row in chart.rows[1:]:
        shown = row.cells[3].text.replace("\u00a0", " ").split()  # "61.3 AMBER" or "UNRATED"
        word_ = shown[0] if shown == ["UNRATED"] else shown[1]
        assert word_ in ("RED", "AMBER", "GREEN", "UNRATED")
        assert cell_fill(row.cells[3]) == RAG_FILL.get(word_)


def test_user_text_is_kept_with_control_characters_shown() -> None:
    data = report_bytes(True)
    word = open_docx(data)
    everything = "\n".join(p.text for p in word.paragraphs) + "\n".join(
        c.text for t in word.tables for row in t.rows for c in row.cells
    )
    assert SHOWN in everything
    assert "\x1b" not in everything
    body = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert "<script>" not in body and "&lt;script&gt;" in body


def test_core_properties_and_deterministic_bytes() -> None:
    first, second = report_bytes(), report_bytes()
    assert first == second
    props = open_docx(first).core_properties
    assert props.author == "msht-toolkit"
    assert props.title == "Board report: Midshire Anti-Slavery Partnership 2026/27"
    assert props.created.date().isoformat() == "2027-03-14"
    names = zipfile.ZipFile(io.BytesIO(first)).namelist()
    assert names[0] == "[Content_Types].xml"
    assert {i.date_time for i in zipfile.ZipFile(io.BytesIO(first)).infolist()} == {
        (1980, 1, 1, 0, 0, 0)
    }
    assert deterministic_zip(first) == first


def test_plan_opens_with_its_parts() -> None:
    c = card()
    data = document_docx(plan_document(build_plan(c, top=1)), c.assessment.assessed_on)
    word = open_docx(data)
    level2 = [p.text for p in word.paragraphs if p.style.name == "Heading 2"]
    assert level2 == ["Priorities", "Further actions", "Closed", "Evidence gaps"]
    bullets = [p.text for p in word.paragraphs if p.style.name == "List Bullet"]
    assert bullets and bullets[0].startswith("2. ")


# ---------------------------------------------------------------- column widths


def test_widths_never_go_below_the_longest_word() -> None:
    table = Table(
        (
            Column("Rank", 3, "r"),
            Column("Question", 10),
            Column("Next step", 80),
            Column("Status", 7),
        ),
        (("10", "SC-PRO-03", "A long action text " * 10, "in progress"),),
    )
    widths = fit_widths(table)
    assert abs(sum(widths) - 100) < 0.2
    mm = [PAGE_MM * w / 100 for w in widths]
    assert mm[1] >= token_mm("SC-PRO-03") + 2
    assert mm[3] >= token_mm("progress") + 2 and mm[3] >= token_mm("Status", bold=True) + 2
    assert mm[0] >= token_mm("Rank", bold=True) + 2
    assert mm[2] > mm[1] + mm[3]  # the rest goes by weight


def test_a_rating_is_one_unbreakable_piece() -> None:
    table = Table(
        (Column("Rating", 1), Column("Text", 99)),
        ((Cell("61.3 AMBER (provisional)", "AMBER"), "x"),),
    )
    mm = PAGE_MM * fit_widths(table)[0] / 100
    assert mm >= token_mm("61.3 AMBER (provisional)", bold=True)


def test_a_very_long_token_may_break_instead_of_taking_the_page() -> None:
    table = Table((Column("Evidence", 10), Column("Note", 90)), (("x" * 400, "short"),))
    assert fit_widths(table)[0] <= 31


def test_every_page_is_numbered() -> None:
    word = open_docx(report_bytes())
    footer = word.sections[0].footer.paragraphs[0]._p.xml
    assert 'w:instr=" PAGE "' in footer and 'w:instr=" NUMPAGES "' in footer


def test_the_chart_is_a_table_with_a_bar_as_long_as_each_score() -> None:
    word = open_docx(report_bytes())
    chart = next(t for t in word.tables if t.rows[0].cells[0].text == "Theme or bank")
    assert [c.text for c in chart.rows[0].cells] == [
        "Theme or bank",
        "Kind",
        "0 to 100 (AMBER 40, GREEN 75)",
        "Rating",
    ]
    for row in chart.rows[1:]:
        rating = row.cells[3].text.replace("\u00a0", " ").split()
        bar = row.cells[2].text
        if rating[0] == "UNRATED":
            assert bar == "no score"
        else:
            assert bar == "\u2588" * round(float(rating[0]) / 5)
