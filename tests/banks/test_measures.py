"""Measures files: the bundled file, loading
beside the banks, and every rule a bad file breaks, each as ``path:line:col: message``."""

from __future__ import annotations

from pathlib import Path

import pytest

from msht_toolkit.banks.measures import Measure, per_100k, value_problem
from msht_toolkit.banks.measures_loader import load_measures_text
from msht_toolkit.banks.registry import load_bankset
from msht_toolkit.errors import BankError

SPEC_IDS = {
    "NRM-REFERRALS": ("identification", "count"),
    "DTN-SUBMISSIONS": ("identification", "count"),
    "MS-CRIMES": ("pursue", "count"),
    "MS-CHARGES": ("pursue", "count"),
    "MS-ORDERS": ("pursue", "count"),
    "PEOPLE-SUPPORTED": ("victim-support", "count"),
    "STAFF-TRAINED": ("protect", "percent"),
    "PANEL-CASES": ("prepare", "count"),
}

GOOD = """\
schema: msht-measures/1
id: local-measures
version: "2027.1"
measures:
  - id: LOCAL-VISITS
    title: Licensing visits with a modern slavery check
    unit: count
    per_population: true
    better: higher
    bank: protect
    help: Count the visits in the year from the licensing team's log.
"""


@pytest.fixture
def bundled():
    return load_bankset(environ={"MSHT_CACHE_DIR": ""})


def write(tmp_path: Path, text: str, name: str = "local-measures.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(text: str) -> list[str]:
    with pytest.raises(BankError) as caught:
        load_measures_text(text, "m.yaml")
    return caught.value.lines()


# ------------------------------------------------------------------ the bundled file


def test_bundled_file_has_the_spec_measures_with_their_banks_and_units(bundled) -> None:
    assert list(bundled.measure_files) == ["core-measures"]
    mfile = bundled.measure_files["core-measures"]
    assert mfile.version == "2027.1" and mfile.bundled
    for mid, (bank, unit) in SPEC_IDS.items():
        measure = bundled.measures[mid]
        assert (measure.bank, measure.unit) == (bank, unit), mid
        assert measure.better in ("higher", "lower", "neither")


def test_every_bundled_definition_says_what_to_count_when_and_from_where(bundled) -> None:
    for measure in bundled.measures.values():
        text = (measure.help or "").lower()
        assert len(text) > 200, measure.id
        assert "reporting year" in text, measure.id  # over which period
        assert "source:" in text, measure.id  # from which source
    assert "quarterly nrm statistics" in bundled.measures["NRM-REFERRALS"].help.lower()
    assert "home office counting rules" in bundled.measures["MS-CRIMES"].help.lower()
    assert "minutes" in bundled.measures["PANEL-CASES"].help.lower()


def test_rates_where_a_rate_makes_sense(bundled) -> None:
    per = {m.id for m in bundled.measures.values() if m.per_population}
    assert {"NRM-REFERRALS", "DTN-SUBMISSIONS", "MS-CRIMES", "PEOPLE-SUPPORTED"} <= per
    assert "STAFF-TRAINED" not in per and "PANEL-CASES" not in per


# ------------------------------------------------------------------ values and rates


def measure(unit: str = "count", per: bool = True) -> Measure:
    return Measure("X-1", "X", unit, "higher", per_population=per)


@pytest.mark.parametrize(
    ("unit", "value", "problem"),
    [
        ("count", -1, "must be 0 or more, not -1"),
        ("percent", 100.5, "is a percentage (0..100), not 100.5"),
        ("count", "57", "must be a number, not '57'"),
        ("count", True, "must be a number, not true/false"),
        ("count", float("nan"), "must be a finite number"),
        ("count", None, "must be a number, not None"),
    ],
)
def test_bad_values_are_refused(unit: str, value: object, problem: str) -> None:
    assert problem in (value_problem(measure(unit), value) or "")


@pytest.mark.parametrize(("unit", "value"), [("count", 0), ("percent", 100), ("money", 12.5)])
def test_good_values_pass(unit: str, value: float) -> None:
    assert value_problem(measure(unit), value) is None


def test_rate_per_100k_by_hand() -> None:
    assert per_100k(measure(), 57, 1_100_000) == 5.2  # 57 * 100000 / 1100000 = 5.18
    assert per_100k(measure(), 0, 1_100_000) == 0.0
    assert per_100k(measure(), 57, None) is None  # no population
    assert per_100k(measure(), None, 1_100_000) is None  # not recorded
    assert per_100k(measure(per=False), 57, 1_100_000) is None  # not per population


# ------------------------------------------------------------------ bad files


@pytest.mark.parametrize(
    ("change", "where", "message"),
    [
        (("unit: count", "unit: people"), "m.yaml:7:11", "unit 'people' must be one of count"),
        (("better: higher", "better: more"), "m.yaml:9:13", "'better' 'more' must be one of"),
        (("id: LOCAL-VISITS", "id: local-visits"), "m.yaml:5:9", "must be upper-case letters"),
        (("id: LOCAL-VISITS", "id: 9-VISITS"), "m.yaml:5:9", "must be upper-case letters"),
        (("    help:", "    helps:"), "m.yaml:11:5", "unknown key 'helps' in measure LOCAL-VISITS"),
        (('version: "2027.1"', "version: 2027.1"), "m.yaml:3:10", "must be quoted text"),
        (("schema: msht-measures/1", "schema: msht-measures/9"), "m.yaml:1:9", "is newer"),
        (("per_population: true", "per_population: yes please"), "m.yaml:8:21", "true or false"),
        (("    title: Licensing", "    titles: Licensing"), "m.yaml:5:5", "missing required key"),
    ],
)
def test_a_bad_measures_file_names_file_line_and_column(
    change: tuple[str, str], where: str, message: str
) -> None:
    lines = problems_of(GOOD.replace(*change))
    assert any(line.startswith(where) and message in line for line in lines), lines


def test_a_percentage_has_no_rate() -> None:
    text = GOOD.replace("unit: count", "unit: percent")
    (line,) = problems_of(text)
    assert line.startswith("m.yaml:8:21:") and "no rate per 100,000" in line


def test_duplicate_measure_ids_in_one_file() -> None:
    text = GOOD + GOOD.split("measures:\n", 1)[1]
    (line,) = problems_of(text)
    assert line.startswith("m.yaml:12:9:") and "duplicate measure id 'LOCAL-VISITS'" in line


def test_a_measure_id_already_in_another_file_is_refused(tmp_path: Path) -> None:
    clash = GOOD.replace("LOCAL-VISITS", "NRM-REFERRALS")
    path = write(tmp_path, clash)
    with pytest.raises(BankError) as caught:
        load_bankset([path], environ={"MSHT_CACHE_DIR": ""})
    (line,) = caught.value.lines()
    assert line.startswith(f"{path}:5:")
    assert "NRM-REFERRALS is already defined" in line and "unique across files" in line


def test_a_measure_naming_an_unknown_bank_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("bank: protect", "bank: protection"))
    with pytest.raises(BankError) as caught:
        load_bankset([path], environ={"MSHT_CACHE_DIR": ""})
    (line,) = caught.value.lines()
    assert line.startswith(f"{path}:5:") and "unknown bank 'protection'" in line


# ------------------------------------------------------------------ loading like banks


def test_a_user_measures_file_adds_to_the_bundled_one(tmp_path: Path) -> None:
    bankset = load_bankset([write(tmp_path, GOOD)], environ={"MSHT_CACHE_DIR": ""})
    assert list(bankset.measure_files) == ["core-measures", "local-measures"]
    assert bankset.measures["LOCAL-VISITS"].bank == "protect"
    assert "NRM-REFERRALS" in bankset.measures


def test_a_later_file_with_the_same_id_replaces_the_earlier(tmp_path: Path) -> None:
    own = GOOD.replace("id: local-measures", "id: core-measures")
    bankset = load_bankset([write(tmp_path, own)], environ={"MSHT_CACHE_DIR": ""})
    assert list(bankset.measures) == ["LOCAL-VISITS"]
    assert any("replaces the bundled one" in n for n in bankset.notices)


def test_msht_banks_loads_measures_files_too(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    write(folder, GOOD)
    bankset = load_bankset(environ={"MSHT_CACHE_DIR": "", "MSHT_BANKS": str(folder)})
    assert "LOCAL-VISITS" in bankset.measures


def test_a_bad_bank_and_a_bad_measures_file_are_both_reported(tmp_path: Path) -> None:
    bad_measures = write(tmp_path, GOOD.replace("unit: count", "unit: people"))
    bad_bank = write(tmp_path, "schema: msht-bank/1\nid: x\n", "bad-bank.yaml")
    with pytest.raises(BankError) as caught:
        load_bankset([bad_measures, bad_bank], environ={"MSHT_CACHE_DIR": ""})
    text = "\n".join(caught.value.lines())
    assert str(bad_measures) in text and str(bad_bank) in text
