"""One row per question, for spreadsheets (``msht export``): the rows, CSV and JSON (the XLSX
workbook is ``render.xlsx``).

Every question in the assessment's scope is a row, in bank order, with these columns
(``COLUMNS``; CSV headers and JSON keys use the ids, XLSX the titles):

=============  ==================  ===================================================
id             title               holds
=============  ==================  ===================================================
bank           Bank                bank id
section        Section             section id
id             ID                  question id
question       Question            question text
value          Value               stored value: level, yes/no, option id, number, text,
                                   ``unknown``, ``na``; empty when unanswered
descriptor     Level descriptor    the value in words (``values.describe``): the level
                                   descriptor, option label, "don't know", ...; "not
                                   applicable: its condition is false" for a skipped
                                   question
score          Score               percent, one decimal; empty where unrated
rag            RAG                 RED, AMBER, GREEN or UNRATED (always the word)
note           Note                the answer's note; for a merged answer without its
                                   own note, each agency's note as ``Agency: note``,
                                   one per line
evidence       Evidence            evidence items joined with ``; `` (a list in JSON)
by             By                  who answered; for a merged answer the agencies that
                                   responded, joined with ``; ``
owner          Owner               from ``plan:``
due            Due                 from ``plan:``
status         Status              from ``plan:``
=============  ==================  ===================================================

CSV (RFC 4180 via the ``csv`` module, a header row; UTF-8 with a byte order mark by
default, so Excel reads accented names and ``£`` right, or plain UTF-8 with
``--encoding utf-8``): a cell that starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return is prefixed with a single quote
so a spreadsheet never runs it as a formula; plain numbers such as ``-3`` or ``12.5``
are left alone. Control characters in a cell are shown visibly (``textsafe.safe_text``),
in CSV and XLSX alike (JSON escapes them and keeps the text exactly).

Where the file lists performance measures (recorded, or linked to a bank in scope), the
CSV has four more columns at the end, ``kind``, ``unit``, ``per_100k`` and ``source``,
and a row per measure after the question rows: ``kind`` is ``question`` on the question
rows (their measure columns empty) and ``measure`` on the measure rows, which have the
measure's bank in ``bank``, its id in ``id``, its title in ``question``, its figure in
``value`` (empty where not recorded) and its note in ``note``. One file, so it can go to
standard output; filter on ``kind`` to see either. The columns before ``kind`` are
unchanged, so a reader by position or by header keeps working.

JSON (``msht-export/1``)::

    {"schema": "msht-export/1",
     "partnership": "...", "area": "...", "period": "...", "assessed_on": "...",
     "overall": {"score": 61.3, "rag": "AMBER", "completeness": 0.95, "provisional": false},
     "themes": [{"id": "prepare", "score": 55.0, "rag": "AMBER"}],
     "banks": [{"id": "identification", "title": "...", "version": "2026.1",
                "theme": "prepare", "score": 70.2, "rag": "AMBER",
                "completeness": 1.0, "provisional": false}],
     "columns": ["bank", "section", ...],
     "questions": [{"bank": "identification", "section": "nrm", "id": "ID-NRM-01",
                    "question": "...", "value": 2, "descriptor": "Level 2: ...",
                    "score": 66.7, "rag": "AMBER", "note": "...", "evidence": ["..."],
                    "by": "...", "owner": null, "due": null, "status": null,
                    "responses": [{"by": "...", "value": 3, "note": "...",
                                   "evidence": [], "at": null}]}],
     "population": 1100000,
     "measures": [{"id": "NRM-REFERRALS", "title": "...", "unit": "count",
                   "bank": "identification", "value": 57, "per_100k": 5.2,
                   "note": null, "source": "..."}]}

Scores are rounded to one decimal and completeness to three, as in ``msht-score/1``;
``value`` keeps its type (number or text, ``null`` when unanswered); missing text is
``null``; ``responses`` lists a merged answer's agencies' answers (empty otherwise).
``measures`` are the file's performance measures as ``score --json`` lists them, with
their note and source.

XLSX (needs the optional ``openpyxl``): a *Summary* sheet (partnership, overall, themes
and banks, each with its score and RAG word) and a *Questions* sheet with the columns
above; RAG and score cells are filled red, amber or green, and the RAG word is always in
its own column; where the file has performance measures, a *Measures* sheet (id,
measure, unit, bank, value, per 100,000, note, source). Text is stored as text, never
as a formula; dates (assessed on, due) are stored as dates. Every sheet prints landscape
on A4, fitted to the page width, with the header row repeated on every page and a named
print area.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from msht_toolkit.analysis.outcomes import MeasureRow, row_json
from msht_toolkit.assessment.model import Response, Value
from msht_toolkit.assessment.values import describe
from msht_toolkit.scoring.scorer import (
    EXCLUDED_WHEN,
    QuestionResult,
    ScoreCard,
    round_score,
)
from msht_toolkit.textsafe import safe_text

EXPORT_SCHEMA = "msht-export/1"
COLUMNS: tuple[tuple[str, str], ...] = (
    ("bank", "Bank"),
    ("section", "Section"),
    ("id", "ID"),
    ("question", "Question"),
    ("value", "Value"),
    ("descriptor", "Level descriptor"),
    ("score", "Score"),
    ("rag", "RAG"),
    ("note", "Note"),
    ("evidence", "Evidence"),
    ("by", "By"),
    ("owner", "Owner"),
    ("due", "Due"),
    ("status", "Status"),
)
COLUMN_IDS = tuple(c for c, _ in COLUMNS)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


@dataclass(frozen=True)
class ExportRow:
    bank: str
    section: str
    id: str
    question: str
    value: Value
    descriptor: str
    score: float | None  # percent, unrounded
    rag: str
    note: str | None
    evidence: tuple[str, ...]
    by: str | None
    owner: str | None
    due: str | None
    status: str | None
    responses: tuple[Response, ...] = field(default=())

    def cells(self) -> list[Any]:
        """Column values for CSV/XLSX: evidence joined, score rounded, None kept."""
        return [
            self.bank,
            self.section,
            self.id,
            self.question,
            self.value,
            self.descriptor,
            round_score(self.score),
            self.rag,
            self.note,
            "; ".join(self.evidence) or None,
            self.by,
            self.owner,
            self.due,
            self.status,
        ]


def _note(result: QuestionResult) -> str | None:
    answer = result.answer
    if answer is None:
        return None
    if answer.note or not answer.responses:
        return answer.note
    notes = [f"{r.by}: {r.note}" if r.by else r.note for r in answer.responses if r.note]
    return "\n".join(notes) or None


def _by(result: QuestionResult) -> str | None:
    answer = result.answer
    if answer is None:
        return None
    if answer.by or not answer.responses:
        return answer.by
    agencies = list(dict.fromkeys(r.by for r in answer.responses if r.by))
    return "; ".join(agencies) or None


def _descriptor(result: QuestionResult) -> str:
    if not result.applicable and result.excluded == EXCLUDED_WHEN:
        return EXCLUDED_WHEN
    return describe(result.question, result.value)


def export_rows(card: ScoreCard) -> list[ExportRow]:
    """One row per question in scope, in bank order."""
    plan = card.assessment.plan
    rows = []
    for result in card.questions():
        entry = plan.get(result.id)
        answer = result.answer
        rows.append(
            ExportRow(
                bank=result.bank_id,
                section=result.section_id,
                id=result.id,
                question=result.question.text,
                value=result.value,
                descriptor=_descriptor(result),
                score=result.score,
                rag=result.rag,
                note=_note(result),
                evidence=tuple(answer.evidence) if answer else (),
                by=_by(result),
                owner=entry.owner if entry else None,
                due=entry.due if entry else None,
                status=entry.status if entry else None,
                responses=tuple(answer.responses) if answer else (),
            )
        )
    return rows


# ---------------------------------------------------------------- CSV


def cell_text(value: Any) -> str:
    """A value as CSV text: empty for None, whole floats without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def neutralize(text: str) -> str:
    """Prefix a would-be formula with ``'`` (CSV injection); plain numbers stay as they are."""
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


CSV_ENCODINGS = ("utf-8-sig", "utf-8")  # the first (with a byte order mark) is the default


MEASURE_COLUMN_IDS = ("kind", "unit", "per_100k", "source")  # CSV, where there are measures


def csv_bytes(
    rows: Sequence[ExportRow], encoding: str = "utf-8-sig", measures: Sequence[MeasureRow] = ()
) -> bytes:
    """The CSV as bytes: ``utf-8-sig`` starts with the byte order mark Excel needs."""
    if encoding not in CSV_ENCODINGS:
        raise ValueError(f"unknown CSV encoding {encoding!r}")
    return csv_text(rows, measures).encode(encoding)


def measure_cells(m: MeasureRow) -> list[Any]:
    """A measure as a CSV row: bank, id, title (in ``question``), value and note in the
    questions' columns, then kind ``measure``, unit, rate per 100,000 and source."""
    cells: list[Any] = [None] * len(COLUMN_IDS)
    for column, value in (
        ("bank", m.measure.bank),
        ("id", m.id),
        ("question", m.measure.title),
        ("value", m.value),
        ("note", m.note),
    ):
        cells[COLUMN_IDS.index(column)] = value
    return [*cells, "measure", m.measure.unit, m.per_100k, m.source]


def csv_text(rows: Sequence[ExportRow], measures: Sequence[MeasureRow] = ()) -> str:
    """The rows as CSV with a header of column ids; every cell formula-safe. With
    ``measures``, four more columns (``MEASURE_COLUMN_IDS``) and a row per measure after
    the questions (kind ``question`` or ``measure``: filter on it)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow((*COLUMN_IDS, *MEASURE_COLUMN_IDS) if measures else COLUMN_IDS)
    lines = [row.cells() + (["question", None, None, None] if measures else []) for row in rows]
    lines += [measure_cells(m) for m in measures]
    for cells in lines:
        writer.writerow([safe_text(neutralize(cell_text(v))) for v in cells])
    return buffer.getvalue()


# ---------------------------------------------------------------- JSON


def _response_json(r: Response) -> dict[str, Any]:
    return {"by": r.by, "value": r.value, "note": r.note, "evidence": list(r.evidence), "at": r.at}


def export_json(card: ScoreCard, rows: Sequence[ExportRow]) -> dict[str, Any]:
    """The ``msht-export/1`` document (see module doc)."""
    a = card.assessment
    return {
        "schema": EXPORT_SCHEMA,
        "partnership": a.partnership,
        "area": a.area,
        "period": a.period,
        "assessed_on": a.assessed_on,
        "overall": {
            "score": round_score(card.overall.score),
            "rag": card.overall.rag,
            "completeness": round(card.overall.completeness, 3),
            "provisional": card.overall.provisional,
        },
        "themes": [{"id": t.id, "score": round_score(t.score), "rag": t.rag} for t in card.themes],
        "banks": [
            {
                "id": b.bank.id,
                "title": b.bank.title,
                "version": b.bank.version,
                "theme": b.bank.theme,
                "score": round_score(b.score),
                "rag": b.rag,
                "completeness": round(b.completeness, 3),
                "provisional": b.provisional,
            }
            for b in card.banks
        ],
        "columns": list(COLUMN_IDS),
        "questions": [
            {
                **dict(zip(COLUMN_IDS, row.cells(), strict=True)),
                "evidence": list(row.evidence),
                "responses": [_response_json(r) for r in row.responses],
            }
            for row in rows
        ],
        "population": a.population,
        "measures": [
            {**row_json(m), "note": m.note, "source": m.source} for m in card.measures
        ],
    }
