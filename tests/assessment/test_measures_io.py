"""``population`` and ``measures:`` in assessment files: read, checked
against the loaded measures with file:line, written back exactly."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from msht_toolkit.assessment.check import check_answers
from msht_toolkit.assessment.model import Assessment, MeasureValue
from msht_toolkit.assessment.reading import load_assessment
from msht_toolkit.assessment.writing import dump_assessment, save_assessment
from msht_toolkit.banks.registry import BankSet, load_bankset
from msht_toolkit.errors import AssessmentError

HEAD = """\
schema: msht-assessment/1
partnership: Midshire Anti-Slavery Partnership
period: 2026/27
"""


@pytest.fixture(scope="module")
def bundled() -> BankSet:
    return load_bankset(environ={"MSHT_CACHE_DIR": ""})


def checked(path: Path, bankset: BankSet) -> Assessment:
    assessment = load_assessment(path)
    check_answers(assessment, bankset)
    return assessment


def problems(path: Path, bankset: BankSet) -> list[str]:
    with pytest.raises(AssessmentError) as caught:
        checked(path, bankset)
    return caught.value.lines()


def test_population_and_both_forms_of_figure_are_read(write_text, bundled) -> None:
    path = write_text(
        HEAD
        + "population: 1100000\n"
        + "measures:\n"
        + "  NRM-REFERRALS: 57\n"
        + "  DTN-SUBMISSIONS: {value: 12, note: Councils only from Q2, source: Home Office NRM"
        " statistics}\n"
        + "  STAFF-TRAINED:\n"
        + "    value: 62.5\n"
        + "  MS-ORDERS: {note: Not yet reported by the force}\n"
    )
    a = checked(path, bundled)
    assert a.population == 1_100_000
    assert a.measures["NRM-REFERRALS"] == MeasureValue(57)
    assert a.measures["DTN-SUBMISSIONS"] == MeasureValue(
        12, "Councils only from Q2", "Home Office NRM statistics"
    )
    assert a.measures["STAFF-TRAINED"].value == 62.5
    assert a.measures["MS-ORDERS"] == MeasureValue(None, "Not yet reported by the force")


def test_round_trip_is_exact_and_free_text_is_kept_as_typed(
    tmp_path: Path, write_text, bundled
) -> None:
    text = (
        HEAD
        + "population: 1100000\n"
        + "measures:\n"
        + "  NRM-REFERRALS: 57\n"
        + "  DTN-SUBMISSIONS: {value: 0, note: 1:30, source: 007}\n"
        + "  PANEL-CASES: {value: 14, note: Off, source: '~'}\n"
        + "  MS-ORDERS: {note: ~}\n"
    )
    a = checked(write_text(text), bundled)
    assert a.measures["DTN-SUBMISSIONS"] == MeasureValue(0, "1:30", "007")
    assert a.measures["PANEL-CASES"] == MeasureValue(14, "Off", "~")
    assert a.measures["MS-ORDERS"] == MeasureValue(None, "~")
    out = tmp_path / "out.msht.yaml"
    save_assessment(a, out)
    again = checked(out, bundled)
    assert again.population == a.population and again.measures == a.measures
    assert dump_assessment(again) == out.read_text(encoding="utf-8")  # stable
    written = out.read_text(encoding="utf-8")
    assert "population: 1100000\n" in written and "  NRM-REFERRALS: 57\n" in written


def test_population_is_written_after_the_period_and_measures_after_the_plan() -> None:
    a = Assessment(partnership="Midshire", period="2026/27", population=250000)
    a.measures["NRM-REFERRALS"] = MeasureValue(9)
    text = dump_assessment(a)
    keys = [line.split(":")[0] for line in text.splitlines() if line and line[0].isalpha()]
    assert keys.index("population") == keys.index("period") + 1
    assert "measures" in keys


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("  NRM-REFERRALS: -3\n", "measure NRM-REFERRALS must be 0 or more, not -3"),
        ("  STAFF-TRAINED: 101\n", "measure STAFF-TRAINED is a percentage (0..100), not 101"),
        ("  NRM-REFERRALS: fifty\n", "measure NRM-REFERRALS must be a number, not 'fifty'"),
        ("  NRM-REFERRALS: '57'\n", "measure NRM-REFERRALS must be a number, not '57'"),
        ("  NRM-REFERRALS: yes\n", "must be a number, not true/false"),
        ("  NRM-REFERRALS: {value: .nan}\n", "must be a finite number"),
        ("  NRM-REFERRAL: 57\n", "figure for unknown measure 'NRM-REFERRAL'"),
    ],
)
def test_bad_figures_are_refused_with_file_and_line(
    write_text: Callable[..., Path], bundled: BankSet, line: str, message: str
) -> None:
    path = write_text(HEAD + "measures:\n  MS-CHARGES: 4\n" + line)
    (problem,) = problems(path, bundled)
    assert problem.startswith(f"{path}:6:") and message in problem, problem


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("-5", "not -5"),
        ("0", "not 0"),
        ("1100000.5", "not 1100000.5"),
        ("1.5e6", "not '1.5e6' (write the digits only, without commas, spaces or points)"),
        ("1,100,000", "not '1,100,000' (write the digits only, without commas, spaces or points)"),
        ("lots", "not 'lots'"),
        ("true", "not true/false"),
        ("[1]", "not a list"),
    ],
)
def test_a_bad_population_is_refused_with_its_line(write_text, value: str, shown: str) -> None:
    path = write_text(HEAD + f"population: {value}\n")
    with pytest.raises(AssessmentError) as caught:
        load_assessment(path)
    (problem,) = caught.value.lines()
    assert problem.startswith(f"{path}:4:13: 'population' must be the number of residents")
    assert problem.endswith(shown), problem


def test_structure_problems_in_measures_are_refused(write_text) -> None:
    path = write_text(
        HEAD + "measures:\n  NRM-REFERRALS: {value: 3, sources: x}\n  MS-CHARGES: [1, 2]\n"
    )
    with pytest.raises(AssessmentError) as caught:
        load_assessment(path)
    lines = caught.value.lines()
    assert any(
        line.startswith(f"{path}:5:29:") and "unknown key 'sources'" in line for line in lines
    )
    assert any(line.startswith(f"{path}:6:15:") and "not a list" in line for line in lines)


def test_a_file_without_figures_has_none_and_writes_none(write_text, bundled) -> None:
    a = checked(write_text(HEAD), bundled)
    assert a.population is None and a.measures == {}
    text = dump_assessment(a)
    assert "population" not in text and "measures" not in text
