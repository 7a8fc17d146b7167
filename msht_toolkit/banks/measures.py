"""The performance measures model: no I/O.

A measures file (``schema: msht-measures/1``) lists outcome figures a partnership reports
each year beside its ratings. Measures are loaded with the banks and kept on the
``BankSet``; an assessment records this year's values under ``measures:``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from msht_toolkit.checking import finite, is_number

MEASURES_SCHEMA = "msht-measures/1"
MEASURES_FAMILY = "msht-measures/"
UNITS = ("count", "percent", "days", "money")
BETTER = ("higher", "lower", "neither")
MEASURE_ID = re.compile(r"^[A-Z][A-Z0-9-]*$")
PER = 100_000  # rates are per 100,000 residents


@dataclass(frozen=True)
class Measure:
    id: str
    title: str
    unit: str  # count | percent | days | money
    better: str  # higher | lower | neither
    per_population: bool = False
    bank: str | None = None  # the bank whose rating this outcome evidences
    help: str | None = None
    file: str = ""  # the id of the measures file it came from
    line: int = 0

    def to_data(self) -> dict[str, Any]:
        """The measure as plain data, as ``banks show --json`` writes it (no file facts)."""
        return {
            "id": self.id,
            "title": self.title,
            "unit": self.unit,
            "per_population": self.per_population,
            "better": self.better,
            "bank": self.bank,
            "help": self.help,
        }


@dataclass(frozen=True)
class MeasureFile:
    id: str
    version: str
    measures: tuple[Measure, ...]
    title: str | None = None
    description: str | None = None
    path: str = ""
    bundled: bool = False
    line: int = 0

    def measure(self, measure_id: str) -> Measure | None:
        return next((m for m in self.measures if m.id == measure_id), None)

    def to_data(self) -> dict[str, Any]:
        """The file as plain data, as ``banks show --json`` writes it (no file facts)."""
        return {
            "id": self.id,
            "version": self.version,
            "title": self.title,
            "description": self.description,
            "measures": [m.to_data() for m in self.measures],
        }


def is_measures_schema(value: Any) -> bool:
    """Whether a file's ``schema:`` says it is a measures file (of any version)."""
    return isinstance(value, str) and value.startswith(MEASURES_FAMILY)


def value_problem(measure: Measure, value: Any) -> str | None:
    """Why ``value`` cannot be this measure's figure, or None when it can."""
    if not is_number(value):
        shown = "true/false" if isinstance(value, bool) else repr(value)
        return f"measure {measure.id} must be a number, not {shown}"
    if finite(value) is None:  # NaN, infinity, or an integer too large for a float
        shown = repr(value) if isinstance(value, float) else "a number that large"
        return f"measure {measure.id} must be a finite number, not {shown}"
    if value < 0:
        return f"measure {measure.id} must be 0 or more, not {value:g}"
    if measure.unit == "percent" and value > 100:
        return f"measure {measure.id} is a percentage (0..100), not {value:g}"
    return None


def per_100k(measure: Measure, value: float | None, population: int | None) -> float | None:
    """The value per 100,000 residents, one decimal; None when it has no rate."""
    if value is None or not measure.per_population or not population:
        return None
    return round(value * PER / population, 1)
