"""Checking an assessment against its banks: the versions it names, every answer, plan keys."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from msht_toolkit.assessment.check import check_answers, scope
from msht_toolkit.assessment.model import Assessment
from msht_toolkit.assessment.reading import load_assessment
from msht_toolkit.banks.registry import BankSet
from msht_toolkit.errors import AssessmentError

HEAD = "schema: msht-assessment/1\npartnership: Midshire Anti-Slavery Partnership\n"


def problems_of(path: Path, bankset: BankSet) -> list[str]:
    with pytest.raises(AssessmentError) as caught:
        check_answers(load_assessment(path), bankset)
    return caught.value.lines()


def test_answers_are_checked_against_the_named_bank_version(
    write_text: Callable[..., Path], bankset: BankSet
) -> None:
    old = write_text(
        HEAD + "banks: {identification: '2025.1'}\nanswers:\n  ID-NRM-03: 2\n", "old.msht.yaml"
    )
    assessment = load_assessment(old)
    (bank,) = check_answers(assessment, bankset)
    assert (bank.id, bank.version) == ("identification", "2025.1")

    wrong = write_text(
        HEAD + "banks: {identification: '2025.1'}\nanswers:\n  ID-NRM-04: 2\n", "wrong.msht.yaml"
    )
    assert problems_of(wrong, bankset) == [
        f"{wrong}:5:1: answer for unknown question 'ID-NRM-04' (not in the banks of this file)"
    ]
    new = write_text(
        HEAD + "banks: {identification: '2026.1'}\nanswers:\n  ID-NRM-03: 2\n", "new.msht.yaml"
    )
    assert problems_of(new, bankset) == [
        f"{new}:5:1: answer for unknown question 'ID-NRM-03' (not in the banks of this file)"
    ]


def test_missing_bank_version_is_refused_naming_bank_and_version(
    write_text: Callable[..., Path], bankset: BankSet
) -> None:
    path = write_text(
        HEAD + "banks:\n  pursue: '2026.1'\n  identification: \"2019.9\"\nanswers: {}\n"
    )
    assert problems_of(path, bankset) == [  # the line and column of that entry
        f"{path}:5:19: was answered with bank 'identification' version 2019.9, which is not "
        "available (available: 2025.1, 2026.1, 2027.1); add it with --bank PATH"
    ]


def test_unknown_bank_is_refused(write_text: Callable[..., Path], bankset: BankSet) -> None:
    path = write_text(HEAD + "banks: {trafficking: '2026.1'}\nanswers: {}\n")
    assert problems_of(path, bankset) == [
        f"{path}:3:22: names bank 'trafficking', which is not loaded"
    ]


def test_no_banks_map_means_every_current_bank(bankset: BankSet) -> None:
    banks = scope(Assessment(partnership="Westvale"), bankset)
    assert [(b.id, b.version) for b in banks] == [(b.id, b.version) for b in bankset.newest()]
    assert len(banks) == 7


def test_scope_is_in_display_order(bankset: BankSet) -> None:
    assessment = Assessment(banks={"supply-chain": "2026.1", "identification": "2025.1"})
    assert [b.id for b in scope(assessment, bankset)] == ["identification", "supply-chain"]


def test_every_bad_answer_is_listed(
    write_text: Callable[..., Path], bankset_with_all_types: BankSet
) -> None:
    path = write_text(
        HEAD
        + "banks: {all-types: '2026.1'}\nanswers:\n"
        + "  AT-ONE-01: 4\n"
        + "  AT-ONE-03: {value: most}\n"
        + "  AT-ONE-04: many\n"
        + "  AT-ONE-09: 1\n"
        + "  AT-ONE-02:\n    value: yes\n    responses:\n      - {by: Police, value: 2}\n"
    )
    lines = problems_of(path, bankset_with_all_types)
    assert [int(line.split(":")[1]) for line in lines] == [5, 6, 7, 8, 10]
    assert "AT-ONE-03 is a choice question; the value must be one of none, some, all" in lines[1]
    assert "AT-ONE-04 is a number question" in lines[2]
    assert "unknown question 'AT-ONE-09'" in lines[3]
    assert "AT-ONE-02 is a yes/no question" in lines[4]


def test_plan_entry_for_a_question_not_in_scope_is_refused_with_its_line(
    write_text: Callable[..., Path], bankset_with_all_types: BankSet
) -> None:
    path = write_text(
        HEAD
        + "banks: {all-types: '2026.1'}\nanswers:\n  AT-ONE-01: 1\n"
        + "plan:\n  AT-ONE-01: {status: agreed}\n  AT-0NE-02: {status: dropped, note: Typo}\n"
        + "  ID-NRM-01: {status: agreed}\n"  # a real question, but not in this file's banks
    )
    assert problems_of(path, bankset_with_all_types) == [
        f"{path}:8:1: plan entry for unknown question 'AT-0NE-02' (not in the banks of this file)",
        f"{path}:9:1: plan entry for unknown question 'ID-NRM-01' (not in the banks of this file)",
    ]


def test_special_words(write_text: Callable[..., Path], bankset_with_all_types: BankSet) -> None:
    path = write_text(
        HEAD
        + "banks: {all-types: '2026.1'}\nanswers:\n"
        + '  AT-ONE-01: "don\'t know"\n  AT-ONE-02: N/A\n  AT-ONE-03: Unknown\n'
        + "  AT-ONE-04: not applicable\n"
    )
    assessment = load_assessment(path)
    check_answers(assessment, bankset_with_all_types)
    assert [a.value for a in assessment.answers.values()] == ["unknown", "na", "unknown", "na"]


def test_number_outside_the_questions_min_and_max_is_refused_with_its_line(
    write_text: Callable[..., Path], percent_bankset: BankSet
) -> None:
    path = write_text(
        HEAD
        + "banks: {shares: '2027.1'}\nanswers:\n"
        + "  SH-STA-01:\n    value: 150\n    note: Counted twice\n"
    )
    assert problems_of(path, percent_bankset) == [
        f"{path}:6:1: SH-STA-01 must be a number from 0 to 100 percent, not 150"
    ]
    inside = write_text(HEAD + "banks: {shares: '2027.1'}\nanswers:\n  SH-STA-01: 100\n", "ok.yaml")
    assessment = load_assessment(inside)
    check_answers(assessment, percent_bankset)
    assert assessment.answers["SH-STA-01"].value == 100
