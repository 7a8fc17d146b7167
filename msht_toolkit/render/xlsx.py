"""The export as an XLSX workbook (``msht export --format xlsx``; needs openpyxl).

Three sheets: *Summary* (the partnership, the overall rating, the themes and the banks),
*Questions* (one row per question, the columns of ``render.export``) and, where the file
has performance figures, *Measures*. Every text cell is stored as text, never a formula
(a leading ``=``, ``+``, ``-`` or ``@`` gets Excel's quote prefix); control characters are
shown visibly (openpyxl refuses them); ISO dates are stored as dates; RAG cells carry the
word and a pastel fill. Each sheet prints landscape on A4, one page wide, its header row
repeated.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Sequence
from typing import Any

from msht_toolkit.render.export import COLUMN_IDS, COLUMNS, FORMULA_STARTS, ExportRow
from msht_toolkit.scoring.scorer import AMBER, GREEN, RED, ScoreCard, round_score
from msht_toolkit.textsafe import safe_text

RAG_FILLS = {RED: "FFC7CE", AMBER: "FFEB9C", GREEN: "C6EFCE"}  # spreadsheet pastel fills
RAG_FONTS = {RED: "9C0006", AMBER: "9C5700", GREEN: "006100"}


class _Cells:
    """Writing cells the one safe way: text as text, dates as dates, RAG fills."""

    def __init__(self) -> None:
        from openpyxl.styles import Font, PatternFill

        self.bold = Font(bold=True)
        self.fills = {
            rag: PatternFill("solid", start_color=c, end_color=c) for rag, c in RAG_FILLS.items()
        }
        self.fonts = {rag: Font(bold=True, color=c) for rag, c in RAG_FONTS.items()}

    def put(self, ws: Any, row: int, col: int, value: Any, date: bool = False) -> Any:
        target = ws.cell(row=row, column=col)
        day = _as_date(value) if date else None
        if day is not None:
            target.value = day
            target.number_format = "yyyy-mm-dd"
        elif isinstance(value, str):
            value = safe_text(value)  # openpyxl refuses control characters
            target.value = value
            target.data_type = "s"  # text, never a formula, whatever it starts with
            if value.startswith(FORMULA_STARTS):
                target.quotePrefix = True
        else:
            target.value = value
        return target

    def heads(self, ws: Any, row: int, titles: Sequence[str]) -> None:
        for col, title in enumerate(titles, 1):
            self.put(ws, row, col, title).font = self.bold

    def rag(self, ws: Any, row: int, rag: str, *cols: int) -> None:
        for col in cols:
            target = ws.cell(row=row, column=col)
            if rag in self.fills:
                target.fill = self.fills[rag]
            if rag in self.fonts and col == cols[-1]:
                target.font = self.fonts[rag]


def xlsx_bytes(card: ScoreCard, rows: Sequence[ExportRow]) -> bytes:
    """The workbook as bytes. Raises ``ImportError`` when openpyxl is not installed."""
    from openpyxl import Workbook

    cells = _Cells()
    a = card.assessment
    book = Workbook()
    summary = book.active
    summary.title = "Summary"
    _summary_sheet(cells, summary, card)
    last = _questions_sheet(cells, book.create_sheet("Questions"), rows)
    if card.measures:
        _measures_sheet(cells, book.create_sheet("Measures"), card)
    _page_setup(summary, f"A1:H{summary.max_row}", header_rows=None)
    _page_setup(book["Questions"], f"A1:{last}", header_rows="1:1")
    book.properties.creator = "msht-toolkit"
    book.properties.title = safe_text(f"{a.partnership} {a.period}".strip())

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _summary_sheet(cells: _Cells, summary: Any, card: ScoreCard) -> None:
    """The partnership, then the overall rating, the themes and the banks."""
    from openpyxl.styles import Font

    put, a = cells.put, card.assessment
    r = 1
    put(summary, r, 1, "msht-toolkit export").font = Font(bold=True, size=14)
    for label, value in (
        ("Partnership", a.partnership),
        ("Area", a.area),
        ("Period", a.period),
        ("Assessed on", a.assessed_on),
    ):
        r += 1
        put(summary, r, 1, label).font = cells.bold
        put(summary, r, 2, value, date=label == "Assessed on")
    r += 2
    cells.heads(summary, r, ("Overall", "Score", "RAG", "Completeness", "Provisional"))
    r += 1
    o = card.overall
    put(summary, r, 1, "Overall")
    put(summary, r, 2, round_score(o.score))
    put(summary, r, 3, o.rag)
    put(summary, r, 4, round(o.completeness, 3)).number_format = "0%"
    put(summary, r, 5, "yes" if o.provisional else "no")
    cells.rag(summary, r, o.rag, 2, 3)
    r += 2
    cells.heads(summary, r, ("Theme", "Score", "RAG", "Banks"))
    for t in card.themes:
        r += 1
        for col, value in enumerate(
            (t.id, round_score(t.score), t.rag, ", ".join(t.banks)), 1
        ):
            put(summary, r, col, value)
        cells.rag(summary, r, t.rag, 2, 3)
    r += 2
    _bank_rows(cells, summary, r, card)
    for col, width in zip("ABCDEFGH", (16, 44, 10, 14, 10, 10, 14, 12), strict=True):
        summary.column_dimensions[col].width = width


def _bank_rows(cells: _Cells, summary: Any, r: int, card: ScoreCard) -> None:
    headers = ("Bank", "Title", "Version", "Theme", "Score", "RAG", "Completeness", "Provisional")
    cells.heads(summary, r, headers)
    for b in card.banks:
        r += 1
        for col, value in enumerate(
            (
                b.bank.id,
                b.bank.title,
                b.bank.version,
                b.bank.theme,
                round_score(b.score),
                b.rag,
                round(b.completeness, 3),
                "yes" if b.provisional else "no",
            ),
            1,
        ):
            cells.put(summary, r, col, value)
        summary.cell(row=r, column=7).number_format = "0%"
        cells.rag(summary, r, b.rag, 5, 6)


def _questions_sheet(cells: _Cells, sheet: Any, rows: Sequence[ExportRow]) -> str:
    """One row per question, filtered and frozen under its header; returns the last cell."""
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    cells.heads(sheet, 1, [title for _, title in COLUMNS])
    score_col = COLUMN_IDS.index("score") + 1
    rag_col = COLUMN_IDS.index("rag") + 1
    wrap = Alignment(wrap_text=True, vertical="top")
    wrapped = {COLUMN_IDS.index(c) + 1 for c in ("question", "descriptor", "note", "evidence")}
    due_col = COLUMN_IDS.index("due") + 1
    for i, row in enumerate(rows, 2):
        for col, value in enumerate(row.cells(), 1):
            target = cells.put(sheet, i, col, value, date=col == due_col)
            if col in wrapped:
                target.alignment = wrap
        cells.rag(sheet, i, row.rag, score_col, rag_col)
    widths = (14, 12, 12, 50, 10, 40, 8, 10, 40, 30, 22, 22, 12, 12)
    for col, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A2"
    last = f"{get_column_letter(len(COLUMNS))}{max(len(rows) + 1, 1)}"
    sheet.auto_filter.ref = f"A1:{last}"
    return last


def _measures_sheet(cells: _Cells, figures: Any, card: ScoreCard) -> None:
    """The performance figures, one row each, with their rate per 100,000."""
    cells.heads(
        figures, 1, ("ID", "Measure", "Unit", "Bank", "Value", "Per 100,000", "Note", "Source")
    )
    for i, m in enumerate(card.measures, 2):
        row = (m.id, m.measure.title, m.measure.unit, m.measure.bank, m.value,
               m.per_100k, m.note, m.source)  # fmt: skip
        for col, value in enumerate(row, 1):
            cells.put(figures, i, col, value)
    for col, width in zip("ABCDEFGH", (18, 50, 9, 16, 10, 12, 40, 40), strict=True):
        figures.column_dimensions[col].width = width
    figures.freeze_panes = "A2"
    _page_setup(figures, f"A1:H{figures.max_row}", header_rows="1:1")


def _as_date(value: Any) -> datetime.date | None:
    """An ISO date (``2027-09-30``) as a date for a spreadsheet cell; anything else None."""
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _page_setup(ws: Any, area: str, header_rows: str | None) -> None:
    """Print landscape on A4, one page wide, header row on every page, a named print area."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True
    ws.print_area = area
    if header_rows:
        ws.print_title_rows = header_rows
