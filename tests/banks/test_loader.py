"""Loading one bank: the model it builds, defaults, and problems found with their positions."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from msht_toolkit.banks import when as when_lang
from msht_toolkit.banks.loader import load_bank_file, load_bank_text, parse_bank
from msht_toolkit.banks.model import DEFAULT_AMBER, DEFAULT_GREEN, QUESTION_TYPES, QuestionType
from msht_toolkit.errors import BankError


def line_of(text: str, needle: str) -> int:
    """The 1-based line holding ``needle``."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def problems(text: str) -> list[str]:
    with pytest.raises(BankError) as caught:
        load_bank_text(text, "b.yaml")
    return caught.value.lines()


def test_valid_bank_builds_the_model(valid_bank_text: str) -> None:
    bank = load_bank_text(valid_bank_text, "b.yaml")
    assert (bank.id, bank.version, bank.theme, bank.title) == (
        "test-bank",
        "2026.1",
        "prepare",
        "Test bank",
    )
    assert (bank.weight, bank.green, bank.amber) == (2.0, 80.0, 50.0)
    assert [s.id for s in bank.sections] == ["basics", "more"]
    assert [q.id for q in bank.questions()] == [
        "TB-BAS-01",
        "TB-BAS-02",
        "TB-MOR-01",
        "TB-MOR-02",
        "TB-MOR-03",
    ]
    yesno, scale, number, choice, text = bank.questions()
    assert yesno.type == "yesno" and yesno.critical and yesno.weight == 1.0
    assert scale.type == "scale" and len(scale.levels) == 4 and scale.weight == 2.0
    assert scale.levels[3] == "Every partner, tested."
    assert scale.replaces == ("TB-OLD-01",) and scale.refs == ("Modern Slavery Act 2015 s.52",)
    assert scale.help and scale.evidence == "The pathway document"
    assert [t.min for t in number.thresholds] == [1.0, 5.0]
    assert [(o.id, o.score) for o in choice.options] == [("none", 0), ("some", 0.5), ("all", 1)]
    assert choice.option("some").label == "Some staff"
    assert text.type == "text" and not text.scored
    more = bank.sections[1]
    assert more.id == "more" and "TB-MOR-02" in [q.id for q in more.questions]
    assert "TB-BAS-02" in bank and "ID-NRM-01" not in bank
    assert bank.question_count == 5


def test_action_defaults(valid_bank_text: str) -> None:
    bank = load_bank_text(valid_bank_text, "b.yaml")
    yes_action = bank.question("TB-BAS-01").actions[0]
    assert (yes_action.below, yes_action.priority, yes_action.owner) == (
        1.0,
        "high",
        "Midshire County Council",
    )
    first, second = bank.question("TB-BAS-02").actions
    assert (first.below, first.priority) == (2, "medium")  # priority defaults to medium
    assert (second.below, second.priority) == (3, "low")  # below defaults to "not mature"


def test_when_is_parsed_not_evaluated_as_python(valid_bank_text: str) -> None:
    bank = load_bank_text(valid_bank_text, "b.yaml")
    question = bank.question("TB-MOR-02")
    assert question.when_text.startswith("TB-MOR-01 >= 1")
    read = [c.qid for c in when_lang.comparisons(question.when)]
    assert list(dict.fromkeys(read)) == ["TB-MOR-01", "TB-BAS-02", "TB-BAS-01"]
    assert when_lang.evaluate(question.when, {"TB-MOR-01": 2, "TB-BAS-02": 2})
    assert not when_lang.evaluate(question.when, {"TB-MOR-01": 0, "TB-BAS-02": 3})


def test_defaults_when_optional_keys_are_left_out() -> None:
    bank = load_bank_text(
        """\
schema: msht-bank/1
id: tiny
title: Tiny
version: "1"
theme: cross-cutting
sections:
  - id: only
    title: Only
    questions:
      - id: T-1
        text: Is it done?
        levels: [a, b, c, d]
""",
        "t.yaml",
    )
    assert (bank.weight, bank.green, bank.amber, bank.description) == (1.0, 75.0, 40.0, None)
    question = bank.question("T-1")
    assert (question.type, question.weight, question.critical, question.when) == (
        "scale",
        1.0,
        False,
        None,
    )


@pytest.mark.parametrize(
    ("rag", "expected"),
    [
        ("", (DEFAULT_GREEN, DEFAULT_AMBER)),
        ("rag: {green: 90}\n", (90.0, DEFAULT_AMBER)),
        ("rag: {amber: 10}\n", (DEFAULT_GREEN, 10.0)),
        ("rag: {}\n", (DEFAULT_GREEN, DEFAULT_AMBER)),
    ],
)
def test_rag_thresholds_left_out_are_the_models_defaults(rag: str, expected: tuple) -> None:
    """75 and 40 (the default thresholds) come from one place, ``banks.model``."""
    text = (
        'schema: msht-bank/1\nid: tiny\ntitle: Tiny\nversion: "1"\ntheme: prepare\n'
        + rag
        + "sections:\n  - id: only\n    title: Only\n    questions:\n"
        "      - {id: T-1, text: Done?, levels: [a, b, c, d]}\n"
    )
    bank = load_bank_text(text, "t.yaml")
    assert (bank.green, bank.amber) == expected
    assert (DEFAULT_GREEN, DEFAULT_AMBER) == (75.0, 40.0)


def test_question_types_are_enum_members_that_equal_their_words(valid_bank_text: str) -> None:
    bank = load_bank_text(valid_bank_text, "b.yaml")
    types = {q.type for q in bank.questions()}
    assert all(isinstance(t, QuestionType) for t in types)
    assert bank.question("TB-BAS-01").type == "yesno" == QuestionType.YESNO
    assert json.dumps([QuestionType.SCALE]) == '["scale"]'
    assert repr(QuestionType.SCALE) == repr("scale")
    assert QUESTION_TYPES == ("scale", "yesno", "choice", "number", "text")


def test_problems_are_all_collected_in_file_order(valid_bank_text: str) -> None:
    text = valid_bank_text.replace("theme: prepare", "theme: nope").replace(
        "        type: number\n", "        type: number\n        wieght: 2\n"
    )
    lines = problems(text)
    assert lines == [
        "b.yaml:5:8: bank theme 'nope' must be one of pursue, prevent, protect, prepare, "
        "cross-cutting",
        f"b.yaml:{line_of(text, 'wieght')}:9: unknown key 'wieght' in question TB-MOR-01 "
        "(did you mean 'weight'?)",
    ]


def test_when_column_in_quoted_value_points_into_the_expression(valid_bank_text: str) -> None:
    text = valid_bank_text.replace("TB-MOR-01 >= 1 and", "TB-MOR-01 >= 1 and and")
    line_no = next(i for i, ln in enumerate(text.splitlines(), 1) if "and and" in ln)
    line = text.splitlines()[line_no - 1]
    col = line.index("and and") + 5  # 1-based column of the second "and"
    assert problems(text) == [
        f"b.yaml:{line_no}:{col}: question TB-MOR-02 'when': expected a question id, found 'and'"
    ]


def test_when_column_in_plain_value(valid_bank_text: str) -> None:
    text = valid_bank_text.replace("when: TB-BAS-01 == yes", "when: TB-BAS-01 == yes or ~x")
    line_no = next(i for i, ln in enumerate(text.splitlines(), 1) if "~x" in ln)
    col = text.splitlines()[line_no - 1].index("~x") + 1
    assert problems(text) == [
        f"b.yaml:{line_no}:{col}: question TB-BAS-02 'when': unexpected character '~'"
    ]


def test_when_problems_wait_for_other_problems(valid_bank_text: str) -> None:
    """A bank with basic problems does not also report `when` references (no cascades)."""
    text = valid_bank_text.replace("when: TB-BAS-01 == yes", "when: TB-ZZZ == yes").replace(
        "title: Test bank", "title: 12"
    )
    assert problems(text) == ["b.yaml:3:8: bank 'title' must be text, not a number"]


@pytest.mark.parametrize(
    ("replace", "message"),
    [
        ("weight: .inf", "bank 'weight' must be a finite number, not inf"),
        ("weight: 1" + "0" * 400, "bank 'weight' must be a finite number"),
        ("weight: yes", "bank 'weight' must be a number, not true/false"),
    ],
)
def test_weights_must_be_finite_numbers(valid_bank_text: str, replace: str, message: str) -> None:
    lines = problems(valid_bank_text.replace("weight: 2\n", replace + "\n", 1))
    assert len(lines) == 1 and message in lines[0] and lines[0].startswith("b.yaml:7:9: ")


def test_threshold_min_nan_is_refused(valid_bank_text: str) -> None:
    text = valid_bank_text.replace("{min: 5, score: 1}", "{min: .nan, score: 1}")
    assert problems(text) == [
        f"b.yaml:{line_of(text, '.nan')}:19: question TB-MOR-01 threshold 'min' "
        "must be a finite number"
    ]


def test_option_id_quoted_yes_is_fine() -> None:
    bank = load_bank_text(
        """\
schema: msht-bank/1
id: tiny
title: Tiny
version: "1"
theme: protect
sections:
  - id: only
    title: Only
    questions:
      - id: T-1
        text: Is training compulsory?
        type: choice
        options:
          - {id: "yes", label: Compulsory, score: 1}
          - {id: partly, label: For some, score: 0.5}
""",
        "t.yaml",
    )
    assert [o.id for o in bank.question("T-1").options] == ["yes", "partly"]


def test_load_bank_file_names_the_file(write_bank: Callable[..., Path]) -> None:
    path = write_bank(replace={'version: "2026.1"': "version: 2026.10"})
    with pytest.raises(BankError) as caught:
        load_bank_file(path)
    # YAML 1.1 reads 2026.10 as the number 2026.1: the message shows the coerced value
    assert caught.value.lines() == [
        f'{path}:4:10: bank version must be quoted text (version: "2026.1"), '
        "or YAML turns it into a number"
    ]


def test_missing_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(BankError) as caught:
        load_bank_file(tmp_path / "nope.yaml")
    assert caught.value.lines() == [f"{tmp_path / 'nope.yaml'}: no such bank file"]


def test_parse_bank_refuses_non_mapping_data() -> None:
    for data in (None, 3, "text", [1, 2]):
        with pytest.raises(BankError) as caught:
            parse_bank(data, "x.yaml")
        assert caught.value.lines()[0].startswith("x.yaml:1:1: a bank must be a mapping")


def test_bundled_flag_and_path_are_kept(write_bank: Callable[..., Path]) -> None:
    path = write_bank()
    bank = load_bank_file(path, bundled=True)
    assert bank.bundled and bank.path == str(path)


def test_number_min_max_and_unit_are_read(valid_bank_text: str) -> None:
    text = valid_bank_text.replace(
        "        type: number\n",
        "        type: number\n        min: 0\n        max: 99.5\n        unit: partners\n",
    )
    number = load_bank_text(text, "b.yaml").question("TB-MOR-01")
    assert (number.min, number.max, number.unit) == (0, 99.5, "partners")
    plain = load_bank_text(valid_bank_text, "b.yaml").question("TB-MOR-01")
    assert (plain.min, plain.max, plain.unit) == (None, None, None)  # all optional
