"""A ``Document`` as a Word file (.docx), with python-docx (the optional ``word`` extra).

- Real heading styles (``Heading 1`` for the title, ``Heading 2..4`` below it), so
  Word's navigation pane and table of contents work.
- A4 pages with 15 mm margins; tables of fixed layout exactly the text width, their
  column widths from ``document.fit_widths`` (never narrower than a column's longest
  word), the header row repeated on every page, rows not split across pages.
- RAG cells shaded, with the word in them (colour is never the only sign).
- Charts: python-docx cannot place SVG, so a chart is its table of the same numbers,
  RAG cells shaded, under a sentence giving the thresholds.
- Deterministic bytes: core properties (creator "msht-toolkit") take their dates from
  the assessment, and the zip is written with fixed timestamps in a fixed order, so
  the same input gives the same file.

Text is passed through ``textsafe.safe_text`` (and the two non-characters XML cannot
hold are replaced), so no control character reaches the file.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import TYPE_CHECKING, Any

from msht_toolkit import __version__
from msht_toolkit.render.documents.blocks import (
    PAGE_MM,
    Bar,
    BarChart,
    Block,
    Bullets,
    Cell,
    CellValue,
    ChangeChart,
    Column,
    Document,
    Entry,
    Heading,
    MeasureCharts,
    PageBreak,
    Paragraph,
    Table,
    fit_widths,
)
from msht_toolkit.scoring.scorer import AMBER, GREEN, RED
from msht_toolkit.textsafe import safe_text

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.table import _Cell

HINT = "Word output needs python-docx: pip install 'msht-toolkit[word]'"
MARGIN_MM = 15.0
CELL_MARGIN_MM = 1.1  # each side; document.PAD_MM allows for both and the borders
NBSP = "\u00a0"
RAG_FILL = {RED: "F2C4C0", AMBER: "FBE3B0", GREEN: "CFE8CF"}
BAR_FILL = {RED: "C62828", AMBER: "F2A900", GREEN: "2E7D32"}  # as svg_charts draws them
RAG_INK = {RED: "7A120B", AMBER: "6B4300", GREEN: "14521B"}
HEAD_FILL = "ECECEC"
EPOCH = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def available() -> bool:
    """Is python-docx installed?"""
    try:
        import docx  # noqa: F401
    except ImportError:
        return False
    return True


def clean(text: object) -> str:
    return safe_text(str(text)).replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd")


def _rag_word(value: object) -> str | None:
    word = str(value or "").split(" ")[0].upper()
    return word if word in RAG_FILL else None


# ---------------------------------------------------------------- low-level table XML


def _set(parent: Any, tag: str, **attrs: str) -> Any:
    """The child ``tag`` of ``parent`` (created if missing) with these w: attributes."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        parent.append(child)
    for name, value in attrs.items():
        child.set(qn(f"w:{name}"), value)
    return child


def shade(cell: _Cell, fill: str) -> None:
    _set(cell._tc.get_or_add_tcPr(), "w:shd", val="clear", color="auto", fill=fill)


def _cell_text(cell: _Cell, text: str, bold: bool = False, colour: str | None = None) -> None:
    from docx.shared import Pt, RGBColor

    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(clean(text))
    run.font.size = Pt(9)
    run.bold = bold or None
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour)


BAR_COLUMN = 26.0  # percent of the page: the bar column of a chart's table
BAR_STEPS = 20  # full blocks for a score of 100 (one per 5 points)
BLOCK = "\u2588"  # FULL BLOCK: in Arial (WGL4) and DejaVu Sans


def add_bar_table(doc: WordDocument, chart: BarChart) -> None:
    """A chart as a shaded table: the chart's table with a bar column before the rating,
    each bar a run of full blocks as long as the score, in its RAG colour, the word beside it
    (shaded spaces would be simpler, but LibreOffice does not paint trailing spaces)."""
    table = chart.table
    bars = [b for g in chart.groups for b in g.bars]
    columns = (
        *table.columns[:-1],
        Column(f"0 to 100 (AMBER {chart.amber:g}, GREEN {chart.green:g})", BAR_COLUMN),
        table.columns[-1],
    )
    rows_ = tuple((*row[:-1], "", row[-1]) for row in table.rows)
    add_table(doc, Table(columns, rows_), bars={i: bar for i, bar in enumerate(bars)})


def _bar(cell: _Cell, bar: Bar) -> None:
    from docx.shared import Pt, RGBColor

    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    word = _rag_word(bar.rag)
    steps = round(min(max(bar.score or 0.0, 0.0), 100.0) / 100 * BAR_STEPS)
    if bar.score is None or not steps or word is None:
        run = paragraph.add_run("no score" if bar.score is None else "")
        run.font.size = Pt(9)
        return
    run = paragraph.add_run(BLOCK * steps)
    run.font.size = Pt(9)
    run.font.color.rgb = RGBColor.from_string(BAR_FILL[word])


def add_table(
    doc: WordDocument, block: Table, facts: bool = False, bars: dict[int, Bar] | None = None
) -> None:
    """A fixed-layout table exactly the text width, header row repeated on each page.

    ``bars``: row index -> the bar drawn in that row's empty cell (a chart's table).
    """
    from docx.oxml.ns import qn
    from docx.shared import Mm

    widths = [Mm(PAGE_MM * w / 100) for w in fit_widths(block)]
    header = 0 if facts else 1
    table = doc.add_table(rows=len(block.rows) + header, cols=len(block.columns))
    table.style = "Table Grid"
    table.autofit = False
    props = table._tbl.tblPr
    _set(props, "w:tblLayout", type="fixed")
    _set(props, "w:tblW", w=str(int(Mm(PAGE_MM).twips)), type="dxa")
    margins = _set(props, "w:tblCellMar")
    look = props.find(qn("w:tblLook"))
    if look is not None:  # the schema's order: tblCellMar before tblLook (Word insists)
        look.addprevious(margins)
    for side, mm in (
        ("top", 0.3),
        ("bottom", 0.3),
        ("left", CELL_MARGIN_MM),
        ("right", CELL_MARGIN_MM),
    ):
        _set(margins, f"w:{side}", w=str(int(Mm(mm).twips)), type="dxa")
    for i, width in enumerate(widths):
        table.columns[i].width = width
    if not facts:
        row = table.rows[0]
        tr_pr = row._tr.get_or_add_trPr()
        _set(tr_pr, "w:tblHeader", val="true")
        _set(tr_pr, "w:cantSplit", val="true")
        for i, column in enumerate(block.columns):
            cell = row.cells[i]
            cell.width = widths[i]
            shade(cell, HEAD_FILL)
            _cell_text(cell, column.title, bold=True)
    for r, values in enumerate(block.rows, start=header):
        row = table.rows[r]
        _set(row._tr.get_or_add_trPr(), "w:cantSplit", val="true")
        for i, value in enumerate(values):
            cell = row.cells[i]
            cell.width = widths[i]
            bar = (bars or {}).get(r - header)
            if bar is not None and value == "":
                _bar(cell, bar)
                continue
            _fill(cell, value, label=facts and i == 0)
            if block.columns[i].align == "r":
                from docx.enum.text import WD_ALIGN_PARAGRAPH

                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph()


def _fill(cell: _Cell, value: CellValue, label: bool = False) -> None:
    if isinstance(value, Cell) and _rag_word(value.rag):
        word = _rag_word(value.rag)
        assert word is not None
        shade(cell, RAG_FILL[word])
        # a rating is kept on one line ("RED 33.3"), as its column width allows
        _cell_text(cell, value.text.replace(" ", NBSP), bold=True, colour=RAG_INK[word])
        return
    text = value.text if isinstance(value, Cell) else value
    if label:
        shade(cell, HEAD_FILL)
    _cell_text(cell, text, bold=label)


# ---------------------------------------------------------------- blocks


def add_block(doc: WordDocument, block: Block) -> None:
    from docx.shared import Mm, Pt

    if isinstance(block, Heading):
        doc.add_heading(clean(block.text), level=min(block.level, 9))
    elif isinstance(block, Paragraph):
        doc.add_paragraph(clean(block.text))
    elif isinstance(block, Bullets):
        for item in block.items:
            doc.add_paragraph(clean(item), style="List Bullet")
    elif isinstance(block, Table):
        if block.caption:
            doc.add_paragraph().add_run(clean(block.caption)).bold = True
        add_table(doc, block)
    elif isinstance(block, BarChart):
        caption = doc.add_paragraph()
        caption.add_run(clean(block.title)).bold = True
        caption.add_run(" " + clean(block.description))
        caption.paragraph_format.keep_with_next = True
        add_bar_table(doc, block)
    elif isinstance(block, MeasureCharts) and block.numbers_above:
        pass  # a table above holds the same numbers, and Word cannot draw the chart
    elif isinstance(block, ChangeChart | MeasureCharts):
        caption = doc.add_paragraph()
        caption.add_run(clean(block.title)).bold = True
        caption.add_run(" " + clean(block.description))
        caption.paragraph_format.keep_with_next = True
        add_table(doc, block.table)
    elif isinstance(block, Entry):
        title = doc.add_paragraph()
        title.paragraph_format.keep_with_next = True
        title.paragraph_format.space_before = Pt(6)
        title.paragraph_format.space_after = Pt(1)
        title.add_run(clean(block.title)).bold = True
        for n, (label, text) in enumerate(block.fields):
            line = doc.add_paragraph()
            line.paragraph_format.left_indent = Mm(5)
            line.paragraph_format.space_after = Pt(0)
            line.paragraph_format.keep_with_next = n < len(block.fields) - 1
            line.add_run(clean(label) + ": ").bold = True
            run = line.add_run(clean(text))
            word = _rag_word(block.rag) if label == "Rating" else None
            if word:
                run.bold = True
                _set(
                    run._r.get_or_add_rPr(), "w:shd", val="clear", color="auto", fill=RAG_FILL[word]
                )
    elif isinstance(block, PageBreak):
        doc.add_page_break()
    else:
        raise TypeError(f"unknown block {type(block).__name__}")


def _page_and_styles(doc: WordDocument) -> None:
    from docx.shared import Mm, Pt

    for section in doc.sections:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = Mm(MARGIN_MM)
        section.top_margin = section.bottom_margin = Mm(16)
    normal = doc.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10)
    normal.paragraph_format.space_after = Pt(4)
    for level, size in ((1, 17), (2, 13), (3, 11), (4, 10)):
        style = doc.styles[f"Heading {level}"]
        style.font.name = "Arial"
        style.font.size = Pt(size)
        style.paragraph_format.keep_with_next = True


def _page_numbers(doc: WordDocument) -> None:
    """ "Page N of M" at the foot of every page, right-aligned (Word fields)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    footer = doc.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for text, field in (("Page ", "PAGE"), (" of ", "NUMPAGES")):
        footer.add_run(text).font.size = Pt(8)
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), f" {field} ")
        run = OxmlElement("w:r")
        props = OxmlElement("w:rPr")
        size = OxmlElement("w:sz")
        size.set(qn("w:val"), "16")
        props.append(size)
        run.append(props)
        value = OxmlElement("w:t")
        value.text = "1"
        run.append(value)
        simple.append(run)
        footer._p.append(simple)


def _properties(doc: WordDocument, source: Document, when: str | None) -> None:
    props = doc.core_properties
    props.author = "msht-toolkit"
    props.last_modified_by = "msht-toolkit"
    props.title = clean(source.title)
    props.subject = clean(source.kind)
    props.comments = f"Made with msht-toolkit {__version__}"
    props.revision = 1
    stamp = EPOCH
    if when:
        try:
            day = dt.date.fromisoformat(str(when)[:10])
            stamp = dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)
        except ValueError:
            pass
    props.created = props.modified = stamp
    props.last_printed = stamp


def deterministic_zip(data: bytes) -> bytes:
    """The same package with fixed timestamps and member order: same input, same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        # [Content_Types].xml first, as Office expects
        names.sort(key=lambda n: (n != "[Content_Types].xml", n))
        for name in names:
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


def document_docx(doc: Document, when: str | None = None) -> bytes:
    """The Word file as bytes; ``when`` (the assessment date) dates its properties.

    Raises ``ImportError`` when python-docx is not installed (see ``HINT``).
    """
    import docx

    word = docx.Document()
    _page_and_styles(word)
    _page_numbers(word)
    _properties(word, doc, when)
    word.add_heading(clean(doc.title), level=1)
    if doc.subtitle:
        word.add_paragraph(clean(doc.subtitle))
    if doc.facts:
        add_table(
            word,
            Table((Column("Item", 25), Column("Detail", 75)), tuple(doc.facts)),
            facts=True,
        )
    for block in doc.blocks:
        add_block(word, block)
    buffer = io.BytesIO()
    word.save(buffer)
    return deterministic_zip(buffer.getvalue())
