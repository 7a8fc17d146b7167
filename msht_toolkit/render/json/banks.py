"""``msht banks list|show|validate --json``: the loaded banks as data.

``msht-banks/1`` (``banks list``)::

    {"schema": "msht-banks/1",
     "banks": [{"id": "identification", "version": "2026.1", "title": "...",
                "theme": "prepare", "sections": 6, "questions": 16,
                "bundled": true, "path": "...", "current": true}],
     "measures": [{"id": "core-measures", "version": "2027.1", "title": "...",
                   "measures": ["NRM-REFERRALS", "..."], "bundled": true,
                   "path": "..."}]}

``msht-measures/1`` (``banks show`` of a measures file id, or of one measure id) is the
measures file in the shape of its YAML file, defaults filled in; for a measure
id, ``measures`` holds that measure only::

    {"schema": "msht-measures/1", "id": "core-measures", "version": "2027.1",
     "title": "...", "description": "...",
     "measures": [{"id": "NRM-REFERRALS", "title": "...", "unit": "count",
                   "per_population": true, "better": "higher",
                   "bank": "identification", "help": "..."}],
     "source": {"bundled": true, "path": "..."}}

``msht-bank/1`` (``banks show``) is the bank itself in the shape of its YAML file,
with every default filled in, plus where it came from::

    {"schema": "msht-bank/1", "id": "...", "title": "...", "version": "...",
     "theme": "...", "description": "...", "weight": 1.0,
     "rag": {"green": 75.0, "amber": 40.0},
     "sections": [{"id": "...", "title": "...", "questions": [
        {"id": "...", "text": "...", "help": null, "type": "scale", "weight": 1.0,
         "critical": false, "levels": ["..."], "options": [{"id", "label", "score"}],
         "thresholds": [{"min", "score"}], "min": null, "max": null, "unit": null,
         "evidence": null,
         "actions": [{"below", "do", "owner", "priority"}], "when": null,
         "replaces": [], "refs": []}]}],
     "source": {"bundled": true, "path": "...", "current": true}}

``msht-validate/1`` (``banks validate``)::

    {"schema": "msht-validate/1", "ok": true, "files": 8, "banks": 7, "sections": 34,
     "questions": 101, "measures_files": 1, "measures": 9,
     "problems": [{"path": "...", "line": 3, "col": 5, "message": "..."}]}

With problems, ``ok`` is false, the counts are null and the command exits 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from msht_toolkit.banks.measures import MEASURES_SCHEMA, MeasureFile
from msht_toolkit.banks.model import SCHEMA as BANK_SCHEMA
from msht_toolkit.banks.model import Bank
from msht_toolkit.errors import Problem

BANKS_SCHEMA = "msht-banks/1"
VALIDATE_SCHEMA = "msht-validate/1"


def banks_list_json(
    rows: Sequence[tuple[Bank, bool]], measure_files: Sequence[MeasureFile] = ()
) -> dict[str, Any]:
    """``rows``: each loaded bank with whether it is the current version of its id."""
    return {
        "schema": BANKS_SCHEMA,
        "banks": [
            {
                "id": b.id,
                "version": b.version,
                "title": b.title,
                "theme": b.theme,
                "sections": len(b.sections),
                "questions": b.question_count,
                "bundled": b.bundled,
                "path": b.path,
                "current": current,
            }
            for b, current in rows
        ],
        "measures": [
            {
                "id": m.id,
                "version": m.version,
                "title": m.title,
                "measures": [x.id for x in m.measures],
                "bundled": m.bundled,
                "path": m.path,
            }
            for m in measure_files
        ],
    }


def measures_show_json(mfile: MeasureFile, only: str | None = None) -> dict[str, Any]:
    data = mfile.to_data()
    if only is not None:
        data["measures"] = [m.to_data() for m in mfile.measures if m.id == only]
    return {
        "schema": MEASURES_SCHEMA,
        **data,
        "source": {"bundled": mfile.bundled, "path": mfile.path},
    }


def bank_show_json(bank: Bank, current: bool) -> dict[str, Any]:
    return {
        "schema": BANK_SCHEMA,
        **bank.to_data(),
        "source": {"bundled": bank.bundled, "path": bank.path, "current": current},
    }


def validate_json(
    checked: Sequence[Bank] | None,
    problems: Sequence[Problem] = (),
    measure_files: Sequence[MeasureFile] = (),
) -> dict[str, Any]:
    """The result of ``banks validate``: counts when ``checked``, else the problems."""
    ok = checked is not None and not problems
    banks = list(checked or ())
    return {
        "schema": VALIDATE_SCHEMA,
        "ok": ok,
        "files": len(banks) if ok else None,
        "banks": len({b.id for b in banks}) if ok else None,
        "sections": sum(len(b.sections) for b in banks) if ok else None,
        "questions": sum(b.question_count for b in banks) if ok else None,
        "measures_files": len(measure_files) if ok else None,
        "measures": sum(len(m.measures) for m in measure_files) if ok else None,
        "problems": [
            {"path": p.path, "line": p.line, "col": p.col, "message": p.message} for p in problems
        ],
    }
