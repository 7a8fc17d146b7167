"""What reading a bank file and a measures file share: one mechanism, one kind of message."""

from __future__ import annotations

import pytest

from msht_toolkit.banks.loader import load_bank_text
from msht_toolkit.banks.measures_loader import load_measures_text
from msht_toolkit.banks.reading import KEBAB, quoted_version, read_text, top_mapping
from msht_toolkit.checking import Checker
from msht_toolkit.errors import BankError


def lines(exc: BankError) -> list[str]:
    return [f"{p.path}:{p.line}:{p.col}: {p.message}" for p in exc.problems]


@pytest.mark.parametrize(
    ("load", "noun"), [(load_bank_text, "bank"), (load_measures_text, "measures file")]
)
def test_a_file_that_is_not_a_mapping_is_one_line_at_its_start(load, noun: str) -> None:
    with pytest.raises(BankError) as caught:
        load("- a\n- b\n", "x.yaml")
    assert lines(caught.value) == [f"x.yaml:1:1: a {noun} must be a mapping, not a list"]


@pytest.mark.parametrize(
    ("load", "noun"), [(load_bank_text, "bank"), (load_measures_text, "measures file")]
)
def test_an_unquoted_version_is_refused_in_both_kinds_of_file(load, noun: str) -> None:
    schema = "msht-bank/1" if noun == "bank" else "msht-measures/1"
    with pytest.raises(BankError) as caught:
        load(f"schema: {schema}\nid: x\nversion: 1.10\n", "x.yaml")
    assert (
        f'x.yaml:3:10: {noun} version must be quoted text (version: "1.1"), '
        "or YAML turns it into a number"
    ) in lines(caught.value)


@pytest.mark.parametrize(
    ("load", "schema"),
    [(load_bank_text, "msht-bank/9"), (load_measures_text, "msht-measures/9")],
)
def test_a_newer_schema_stops_the_reading_with_that_one_problem(load, schema: str) -> None:
    with pytest.raises(BankError) as caught:
        load(f"schema: {schema}\nid: NOT KEBAB\nversion: 1\n", "x.yaml")
    assert len(caught.value.problems) == 1
    assert "newer than this msht-toolkit understands" in caught.value.problems[0].message


def test_yaml_that_cannot_be_read_is_a_bank_error_with_its_position() -> None:
    with pytest.raises(BankError) as caught:
        read_text("a: [1, 2\n", "x.yaml", "bank file")
    assert caught.value.problems[0].path == "x.yaml"


def test_a_quoted_version_is_its_text() -> None:
    data = top_mapping(read_text('version: "2026.10"\n', "x.yaml", "bank file"), "x.yaml", "bank")
    checker = Checker("x.yaml")
    assert quoted_version(data, checker, "bank") == "2026.10"
    assert checker.problems == []


@pytest.mark.parametrize(
    ("word", "ok"),
    [("core-measures", True), ("a1-b2", True), ("Core", False), ("a--b", False), ("-a", False)],
)
def test_ids_are_kebab_case(word: str, ok: bool) -> None:
    assert bool(KEBAB.match(word)) is ok
