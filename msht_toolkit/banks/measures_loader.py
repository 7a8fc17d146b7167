"""Read one measures file and check it.

Like ``parse_bank``, ``parse_measures`` collects every problem and raises one
``BankError`` listing them as ``path:line:col: message``. Problems across files
(duplicate measure ids, a ``bank`` naming no loaded bank) are checked by the registry.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msht_toolkit.banks.measures import (
    BETTER,
    MEASURE_ID,
    MEASURES_SCHEMA,
    UNITS,
    Measure,
    MeasureFile,
)
from msht_toolkit.banks.reading import (
    KEBAB,
    check_file_schema,
    quoted_version,
    raise_problems,
    read_file,
    read_text,
    top_mapping,
)
from msht_toolkit.checking import Checker, kind_of
from msht_toolkit.positions import YMap

FILE_KEYS = {"schema", "id", "version", "title", "description", "measures"}
FILE_REQUIRED = ("id", "version", "measures")
MEASURE_KEYS = {"id", "title", "unit", "per_population", "better", "bank", "help"}
MEASURE_REQUIRED = ("title", "unit", "better")


def load_measures_file(path: Path, bundled: bool = False) -> MeasureFile:
    return parse_measures(read_file(path, "measures file"), str(path), bundled=bundled)


def load_measures_text(text: str, path: str = "<measures>") -> MeasureFile:
    return parse_measures(read_text(text, path, "measures file"), path)


def parse_measures(data: Any, path: str, bundled: bool = False) -> MeasureFile:
    checker = Checker(path)
    data = top_mapping(data, path, "measures file")
    check_file_schema(
        data,
        checker,
        MEASURES_SCHEMA,
        "measures file",
        f"measures file is missing required key 'schema' ({MEASURES_SCHEMA})",
    )
    checker.keys(data, FILE_KEYS, FILE_REQUIRED, "measures file")
    file_id = checker.text(data, "id", "measures file", required=True)
    if file_id is not None and not KEBAB.match(file_id):
        checker.add(
            data.vpos("id"), f"measures file id {file_id!r} must be kebab-case (e.g. core-measures)"
        )
    version = quoted_version(data, checker, "measures file")
    title = checker.text(data, "title", "measures file")
    description = checker.text(data, "description", "measures file")

    measures: list[Measure] = []
    seen: dict[str, int] = {}
    items = checker.seq(data, "measures", "measures file", required=True)
    for index, raw in enumerate(items or []):
        node = checker.mapping(raw, items.ipos(index), "a measure")
        if node is None:
            continue
        measure = _parse_measure(node, checker, file_id or "")
        if measure is None:
            continue
        if measure.id in seen:
            checker.add(
                node.vpos("id"),
                f"duplicate measure id {measure.id!r} (first at line {seen[measure.id]})",
            )
            continue
        seen[measure.id] = node.vpos("id").line
        measures.append(measure)

    raise_problems(checker)
    return MeasureFile(
        id=file_id or "",
        version=str(version),
        measures=tuple(measures),
        title=title,
        description=description,
        path=path,
        bundled=bundled,
        line=data.pos.line,
    )


def _parse_measure(node: YMap, checker: Checker, file_id: str) -> Measure | None:
    if "id" not in node:
        checker.add(node.pos, "measure is missing required key 'id'")
        return None
    raw_id = node["id"]
    if not isinstance(raw_id, str) or not MEASURE_ID.match(raw_id):
        shown = repr(raw_id) if isinstance(raw_id, str) else kind_of(raw_id)
        checker.add(
            node.vpos("id"),
            f"measure id {shown} must be upper-case letters, digits and dashes, "
            "starting with a letter (e.g. NRM-REFERRALS)",
        )
        return None
    where = f"measure {raw_id}"
    checker.keys(node, MEASURE_KEYS, MEASURE_REQUIRED, where)
    title = checker.text(node, "title", where, required=True)
    unit = node.get("unit")
    if "unit" in node and unit not in UNITS:
        checker.add(node.vpos("unit"), f"{where} unit {unit!r} must be one of {', '.join(UNITS)}")
    better = node.get("better")
    if "better" in node and better not in BETTER:
        checker.add(
            node.vpos("better"), f"{where} 'better' {better!r} must be one of {', '.join(BETTER)}"
        )
    per_population = node.get("per_population", False)
    if not isinstance(per_population, bool):
        checker.add(node.vpos("per_population"), f"{where} 'per_population' must be true or false")
        per_population = False
    elif per_population and unit == "percent":
        checker.add(
            node.vpos("per_population"),
            f"{where} is a percentage; a percentage has no rate per 100,000 residents",
        )
    bank = checker.text(node, "bank", where)
    if bank is not None and not KEBAB.match(bank):
        checker.add(node.vpos("bank"), f"{where} 'bank' {bank!r} must be a bank id (kebab-case)")
    return Measure(
        id=raw_id,
        title=title or "",
        unit=str(unit),
        better=str(better),
        per_population=per_population,
        bank=bank,
        help=checker.text(node, "help", where),
        file=file_id,
        line=node.pos.line,
    )
