"""Property tests: any measures file, and any figure in an assessment, is either read or
refused with the project's error, one line per problem naming the file; never a crash."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msht_toolkit.assessment.check import check_measures
from msht_toolkit.assessment.reading import parse_assessment
from msht_toolkit.banks.measures import Measure, MeasureFile
from msht_toolkit.banks.measures_loader import load_measures_text
from msht_toolkit.checking import Checker
from msht_toolkit.errors import AssessmentError, BankError
from msht_toolkit.yamlio import load_yaml_text

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3)
    | st.dictionaries(st.sampled_from(["id", "unit", "value", "x", "bank"]), inner, max_size=3),
    max_leaves=8,
)
MEASURE_KEYS = ["id", "title", "unit", "per_population", "better", "bank", "help", "other"]


def lines_ok(exc: BankError | AssessmentError, path: str) -> None:
    for line in exc.lines():
        assert line.startswith(path) and "\n" not in line


@FUZZ
@given(
    st.lists(
        st.dictionaries(st.sampled_from(MEASURE_KEYS), VALUES, max_size=7), min_size=1, max_size=3
    ),
    VALUES,
)
def test_any_measures_file_loads_or_is_refused_cleanly(items: list[dict], version: Any) -> None:
    doc = {"schema": "msht-measures/1", "id": "fuzz", "version": version, "measures": items}
    try:
        text = yaml.safe_dump(doc)
    except yaml.YAMLError:
        return
    try:
        assert isinstance(load_measures_text(text, "fuzz.yaml"), MeasureFile)
    except BankError as exc:
        lines_ok(exc, "fuzz.yaml")


MEASURES = {
    "COUNT": Measure("COUNT", "A count", "count", "higher"),
    "SHARE": Measure("SHARE", "A share", "percent", "higher"),
}


@FUZZ
@given(
    st.dictionaries(st.sampled_from(["COUNT", "SHARE", "OTHER"]), VALUES, max_size=3),
    VALUES,
)
def test_any_figures_are_read_or_refused_cleanly(figures: dict, population: Any) -> None:
    doc = {"schema": "msht-assessment/1", "population": population, "measures": figures}
    try:
        text = yaml.safe_dump(doc)
    except yaml.YAMLError:
        return
    try:
        assessment = parse_assessment(load_yaml_text(text, "a.msht.yaml"), "a.msht.yaml")
    except AssessmentError as exc:
        lines_ok(exc, "a.msht.yaml")
        return
    checker = Checker("a.msht.yaml")
    check_measures(assessment, MEASURES, checker)
    for problem in checker.problems:
        assert str(problem).startswith("a.msht.yaml:")
    if not checker.problems:
        for mid, figure in assessment.measures.items():
            assert mid in MEASURES
            value = figure.value
            assert value is None or (not isinstance(value, bool) and 0 <= value)
            if mid == "SHARE" and value is not None:
                assert value <= 100
    if assessment.population is not None:
        assert isinstance(assessment.population, int) and assessment.population > 0


@pytest.mark.parametrize("value", [10**400, -(10**400)])
def test_huge_numbers_are_refused_not_crashed(value: int) -> None:
    text = f"schema: msht-assessment/1\nmeasures:\n  COUNT: {value}\n"
    assessment = parse_assessment(load_yaml_text(text, "a.msht.yaml"), "a.msht.yaml")
    checker = Checker("a.msht.yaml")
    check_measures(assessment, MEASURES, checker)
    (problem,) = checker.problems
    assert "must be a finite number, not a number that large" in str(problem)
