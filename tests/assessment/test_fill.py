"""`msht assess FILE --answers ANSWERS.yaml`: filling an assessment from an answers file."""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from msht_toolkit.assessment.check import check_answers
from msht_toolkit.assessment.fill import fill_from_file
from msht_toolkit.assessment.model import Answer, Assessment, Participant
from msht_toolkit.assessment.reading import load_assessment
from msht_toolkit.assessment.writing import save_assessment
from msht_toolkit.banks.model import Bank
from msht_toolkit.banks.registry import BankSet
from msht_toolkit.errors import AssessmentError


@pytest.fixture
def target() -> Assessment:
    return Assessment(
        partnership="Westvale Anti-Slavery Partnership",
        period="2026/27",
        answers={
            "AT-ONE-01": Answer(value=1, note="Old note", by="Westvale Police"),
            "AT-ONE-04": Answer(value=3, note="Kept as it was"),
        },
    )


def fill(
    target: Assessment,
    write_text: Callable[..., Path],
    bank: Bank,
    text: str,
    default_by: str | None = "Westvale Council",
) -> Assessment:
    return fill_from_file(target, write_text(text, "answers.yaml"), [bank], default_by)


def problems(
    target: Assessment, write_text: Callable[..., Path], bank: Bank, text: str
) -> list[str]:
    before = copy.deepcopy(target)
    with pytest.raises(AssessmentError) as caught:
        fill(target, write_text, bank, text)
    assert target == before  # nothing changed
    return caught.value.lines()


# ------------------------------------------------------------------ the short form


def test_short_form_fills_every_type(
    target: Assessment, write_text: Callable[..., Path], all_types_bank: Bank
) -> None:
    before = copy.deepcopy(target)
    start = dt.datetime.now().replace(microsecond=0)
    result = fill(
        target,
        write_text,
        all_types_bank,
        "AT-ONE-01: 3\nAT-ONE-02: yes\nAT-ONE-03: some\nAT-ONE-04: '12'\n"
        "AT-ONE-05: Shared with the board in March\n",
    )
    end = dt.datetime.now()
    assert target == before, "the input is never modified"
    assert result is not target
    values = {qid: a.value for qid, a in result.answers.items()}
    assert values == {
        "AT-ONE-01": 3,
        "AT-ONE-02": "yes",
        "AT-ONE-03": "some",
        "AT-ONE-04": 12,
        "AT-ONE-05": "Shared with the board in March",
    }
    for qid in values:
        answer = result.answers[qid]
        assert answer.by == "Westvale Council"
        # ISO 8601 to the second with its UTC offset: 2026-12-01T20:25:35+00:00
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", answer.at)
        stamp = dt.datetime.fromisoformat(answer.at).replace(tzinfo=None)
        assert start <= stamp <= end
    # a filled answer replaces the old one: the old note described the old value
    assert result.answers["AT-ONE-01"].note is None
    assert result.banks == {"all-types": "2026.1"}


def test_long_form_note_evidence_and_by(
    target: Assessment, write_text: Callable[..., Path], all_types_bank: Bank
) -> None:
    result = fill(
        target,
        write_text,
        all_types_bank,
        "AT-ONE-01:\n  value: 2\n  note: 'Leads named | NHS outstanding'\n"
        "  evidence: [Partnership ToR v3, Minutes]\n  by: Westvale Police\n"
        "AT-ONE-02: {value: no, evidence: Board paper}\n",
    )
    first = result.answers["AT-ONE-01"]
    assert (first.value, first.note, first.evidence, first.by) == (
        2,
        "Leads named | NHS outstanding",
        ["Partnership ToR v3", "Minutes"],
        "Westvale Police",
    )
    second = result.answers["AT-ONE-02"]
    assert (second.value, second.evidence, second.by) == ("no", ["Board paper"], "Westvale Council")


def test_answers_not_in_the_file_are_kept(
    target: Assessment, write_text: Callable[..., Path], all_types_bank: Bank
) -> None:
    result = fill(target, write_text, all_types_bank, "AT-ONE-02: no\n")
    assert result.answers["AT-ONE-04"] == target.answers["AT-ONE-04"]
    assert result.answers["AT-ONE-01"] == target.answers["AT-ONE-01"]


def test_without_default_by_by_stays_empty(
    target: Assessment, write_text: Callable[..., Path], all_types_bank: Bank
) -> None:
    result = fill(target, write_text, all_types_bank, "AT-ONE-02: no\n", default_by=None)
    assert result.answers["AT-ONE-02"].by is None


@pytest.mark.parametrize(
    ("written", "stored"),
    [("unknown", "unknown"), ('"don\'t know"', "unknown"), ("na", "na"), ("N/A", "na")],
)
def test_special_words(
    target: Assessment,
    write_text: Callable[..., Path],
    all_types_bank: Bank,
    written: str,
    stored: str,
) -> None:
    result = fill(target, write_text, all_types_bank, f"AT-ONE-03: {written}\n")
    assert result.answers["AT-ONE-03"].value == stored


def test_yaml_1_1_words_and_dates(
    target: Assessment, write_text: Callable[..., Path], all_types_bank: Bank
) -> None:
    result = fill(target, write_text, all_types_bank, "AT-ONE-02: true\nAT-ONE-05: 2027-03-14\n")
    assert result.answers["AT-ONE-02"].value == "yes"
    assert result.answers["AT-ONE-05"].value == "2027-03-14"  # the text that was written


@pytest.mark.parametrize("written", ["no", "Off", "007", "1:30", "12.50", "~", "1e3", "NO"])
def test_free_text_is_taken_as_written(
    target: Assessment, write_text: Callable[..., Path], all_types_bank: Bank, written: str
) -> None:
    """Text is text: YAML 1.1 would read these as booleans, numbers, null."""
    short = fill(target, write_text, all_types_bank, f"AT-ONE-05: {written}\n")
    assert short.answers["AT-ONE-05"].value == written
    long = fill(
        target,
        write_text,
        all_types_bank,
        f"AT-ONE-02:\n  value: yes\n  note: {written}\n  by: {written}\n"
        f"  evidence: [{written}, {written}]\n"
        f"AT-ONE-05: {{value: {written}, note: {written}}}\n",
    )
    answer = long.answers["AT-ONE-02"]
    assert (answer.note, answer.by, answer.evidence) == (written, written, [written, written])
    assert long.answers["AT-ONE-05"].value == written
    assert long.answers["AT-ONE-05"].note == written


def test_existing_banks_map_is_kept(
    target: Assessment, write_text: Callable[..., Path], all_types_bank: Bank
) -> None:
    target.banks = {"all-types": "2026.1", "identification": "2025.1"}
    result = fill(target, write_text, all_types_bank, "AT-ONE-02: no\n")
    assert result.banks == {"all-types": "2026.1", "identification": "2025.1"}


# ------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            "AT-ONE-02: no\nAT-ONE-01: 4\n",
            2,
            "AT-ONE-01 is a scale question; the value must be a level 0, 1, 2 or 3 "
            "(or unknown / na), not 4",
        ),
        (
            "AT-ONE-01: -1\n",
            1,
            "AT-ONE-01 is a scale question; the value must be a level 0, 1, 2 or 3 "
            "(or unknown / na), not -1",
        ),
        (
            "AT-ONE-01: yes\n",
            1,
            "AT-ONE-01 is a scale question; the value must be a level 0, 1, 2 or 3 "
            "(or unknown / na), not True",
        ),
        (
            "AT-ONE-02: 3\n",
            1,
            "AT-ONE-02 is a yes/no question; the value must be yes or no (or unknown / na), not 3",
        ),
        (
            "AT-ONE-03: most\n",
            1,
            "AT-ONE-03 is a choice question; the value must be one of none, some, all "
            "(or unknown / na), not 'most'",
        ),
        (
            "AT-ONE-04: lots\n",
            1,
            "AT-ONE-04 is a number question; the value must be a number "
            "(or unknown / na), not 'lots'",
        ),
        (
            "AT-ONE-04: .nan\n",
            1,
            "AT-ONE-04 is a number question; the value must be a number (or unknown / na), not nan",
        ),
        (
            "AT-ONE-05: [a, b]\n",
            1,
            "AT-ONE-05 is a text question; the value must be text, not ['a', 'b']",
        ),
        (
            "AT-ONE-09: 2\n",
            1,
            "answer for unknown question 'AT-ONE-09' (not in the banks of this assessment)",
        ),
        (
            "ID-NRM-01: 2\n",
            1,
            "answer for unknown question 'ID-NRM-01' (not in the banks of this assessment)",
        ),
        ("AT-ONE-02: ~\n", 1, "answer AT-ONE-02 has no value"),
        ("AT-ONE-02:\n  note: Forgot the value\n", 2, "answer AT-ONE-02 has no value"),
        (
            "AT-ONE-02:\n  note: x\n  value: 7\n",
            3,
            "AT-ONE-02 is a yes/no question; the value must be yes or no (or unknown / na), not 7",
        ),
    ],
)
def test_bad_values_name_file_line_and_question(
    target: Assessment,
    write_text: Callable[..., Path],
    all_types_bank: Bank,
    text: str,
    line: int,
    message: str,
) -> None:
    path = write_text("", "answers.yaml").parent / "answers.yaml"
    assert problems(target, write_text, all_types_bank, text) == [f"{path}:{line}:1: {message}"]


def test_numbers_outside_min_and_max_are_refused_with_the_answers_files_line(
    write_text: Callable[..., Path], percent_bank: Bank
) -> None:
    empty = Assessment(partnership="Westvale Anti-Slavery Partnership")
    path = write_text("", "answers.yaml")
    text = "# staff trained\nSH-STA-01: -5\n"
    assert problems(empty, write_text, percent_bank, text) == [
        f"{path}:2:1: SH-STA-01 must be a number from 0 to 100 percent, not -5"
    ]
    text = "SH-STA-01:\n  note: From the HR system\n  value: 101\n"
    assert problems(empty, write_text, percent_bank, text) == [
        f"{path}:3:1: SH-STA-01 must be a number from 0 to 100 percent, not 101"
    ]
    filled = fill(empty, write_text, percent_bank, "SH-STA-01: 64.5\n")
    assert filled.answers["SH-STA-01"].value == 64.5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "AT-ONE-02: {vaule: yes}\n",
            [
                "1:13: unknown key 'vaule' in answer AT-ONE-02 (did you mean 'value'?)",
                "1:1: answer AT-ONE-02 has no value",
            ],
        ),
        (
            "AT-ONE-02: {value: yes, at: 2027-03-14}\n",
            ["1:25: unknown key 'at' in answer AT-ONE-02"],
        ),
        (
            "AT-ONE-02: {value: yes, evidence: {a: 1}}\n",
            ["1:35: answer AT-ONE-02 evidence must be text or a list of text"],
        ),
        (
            "AT-ONE-02: {value: yes, evidence: [ok, [nested]]}\n",
            ["1:40: answer AT-ONE-02 evidence items must be text"],
        ),
        (
            "AT-ONE-02: {value: yes, note: [a, b]}\n",
            ["1:31: answer AT-ONE-02 note must be text, not a list"],
        ),
    ],
)
def test_bad_answer_shapes(
    target: Assessment,
    write_text: Callable[..., Path],
    all_types_bank: Bank,
    text: str,
    expected: list[str],
) -> None:
    lines = problems(target, write_text, all_types_bank, text)
    path = str(write_text("", "x").parent / "answers.yaml")
    assert lines == [f"{path}:{item}" for item in expected]


def test_every_problem_is_listed_at_once(
    target: Assessment, write_text: Callable[..., Path], all_types_bank: Bank
) -> None:
    lines = problems(
        target,
        write_text,
        all_types_bank,
        "AT-ONE-01: 9\nAT-ONE-02: yes\nAT-ONE-03: most\nAT-ONE-77: 1\n",
    )
    assert [line.split(":")[1] for line in lines] == ["1", "3", "4"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "answers file is empty"),
        ("# nothing yet\n", "answers file is empty"),
        ("- AT-ONE-01\n", "an answers file must be a mapping of question id to value"),
        ("just words\n", "an answers file must be a mapping of question id to value"),
        ("AT-ONE-01: [\n", "not valid YAML"),
        ("AT-ONE-01: !!python/object/apply:os.system [ls]\n", "YAML tag"),
        ("AT-ONE-01: 1\nAT-ONE-01: 2\n", "duplicate key 'AT-ONE-01' (first at line 1)"),
    ],
)
def test_unreadable_answers_files(
    target: Assessment,
    write_text: Callable[..., Path],
    all_types_bank: Bank,
    text: str,
    message: str,
) -> None:
    (line,) = problems(target, write_text, all_types_bank, text)
    assert line.startswith(str(write_text("", "x").parent / "answers.yaml"))
    assert message in line


def test_missing_answers_file(target: Assessment, tmp_path: Path, all_types_bank: Bank) -> None:
    with pytest.raises(AssessmentError) as caught:
        fill_from_file(target, tmp_path / "nope.yaml", [all_types_bank])
    assert caught.value.lines() == [f"{tmp_path / 'nope.yaml'}: no such answers file"]


def test_a_folder_is_not_an_answers_file(
    target: Assessment, tmp_path: Path, all_types_bank: Bank
) -> None:
    with pytest.raises(AssessmentError) as caught:
        fill_from_file(target, tmp_path, [all_types_bank])
    assert caught.value.lines() == [f"{tmp_path}: is a folder, not an answers file"]


def test_not_utf8(target: Assessment, tmp_path: Path, all_types_bank: Bank) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"AT-ONE-05: caf\xe9\n")
    with pytest.raises(AssessmentError) as caught:
        fill_from_file(target, path, [all_types_bank])
    assert caught.value.lines() == [f"{path}:1:15: answers file is not UTF-8 text"]


# ------------------------------------------------------------------ a whole assessment


WHOLE = """\
schema: msht-assessment/1
partnership: Northmoor Anti-Slavery Partnership
area: Northmoor
period: 2025/26
assessed_on: 2026-03-10
banks: {all-types: '2026.1'}
participants:
  - {name: C. Chair, agency: Northmoor Police, role: Chair}
answers:
  AT-ONE-01:
    value: 2
    note: From the workshop
    by: Northmoor Police
    at: 2026-03-10T09:30:00
    review: true
    review_reason: Confirm with health
  AT-ONE-03:
    value: some
    responses:
      - {by: Northmoor Police, value: all}
      - {by: Northmoor Council, value: none}
  AT-ONE-05: {note: Nothing yet}
plan:
  AT-ONE-01: {owner: Northmoor Council, due: 2026-09-30, status: agreed}
targets:
  all-types: {score: 75, by: 2027-03-31}
"""


def test_whole_assessment_answers_and_missing_profile_are_copied(
    write_text: Callable[..., Path], all_types_bank: Bank
) -> None:
    target = Assessment(partnership="", period="2026/27")
    result = fill(target, write_text, all_types_bank, WHOLE)
    assert result.partnership == "Northmoor Anti-Slavery Partnership"
    assert result.area == "Northmoor" and result.assessed_on == "2026-03-10"
    assert result.period == "2026/27"  # the target's own profile wins
    assert result.participants == [Participant("C. Chair", "Northmoor Police", "Chair")]
    assert result.plan["AT-ONE-01"].status == "agreed"
    assert result.plan["AT-ONE-01"].due == "2026-09-30"
    assert result.targets["all-types"].score == 75
    first = result.answers["AT-ONE-01"]
    assert (first.value, first.note, first.by, first.at, first.review) == (
        2,
        "From the workshop",
        "Northmoor Police",
        "2026-03-10T09:30:00",
        True,
    )
    merged = result.answers["AT-ONE-03"]
    assert [(r.by, r.value) for r in merged.responses] == [
        ("Northmoor Police", "all"),
        ("Northmoor Council", "none"),
    ]
    assert merged.by == "Westvale Council" and merged.at  # filled in
    assert result.answers["AT-ONE-05"].value is None
    assert result.answers["AT-ONE-05"].note == "Nothing yet"
    assert result.carried_from is None


def test_whole_assessment_does_not_overwrite_the_target_profile(
    target: Assessment, write_text: Callable[..., Path], all_types_bank: Bank
) -> None:
    target.participants = [Participant("D. Lead")]
    result = fill(target, write_text, all_types_bank, WHOLE)
    assert result.partnership == "Westvale Anti-Slavery Partnership"
    assert result.participants == [Participant("D. Lead")]
    assert result.area == "Northmoor"  # the target had none


def test_whole_assessment_without_schema(
    target: Assessment, write_text: Callable[..., Path], all_types_bank: Bank
) -> None:
    result = fill(
        target,
        write_text,
        all_types_bank,
        "area: Northmoor\nanswers:\n  AT-ONE-02: {value: yes, note: Named in the ToR}\n",
    )
    assert result.area == "Northmoor"
    assert result.answers["AT-ONE-02"].note == "Named in the ToR"


@pytest.mark.parametrize(
    ("replace", "needle", "message"),
    [
        (
            ("schema: msht-assessment/1", "schema: msht-assessment/2"),
            "msht-assessment/2",
            "schema 'msht-assessment/2' is newer than this msht-toolkit understands "
            "(msht-assessment/1); upgrade msht-toolkit to read it",
        ),
        (("area:", "aera:"), "aera", "unknown key 'aera' in assessment (did you mean 'area'?)"),
        (
            ("    value: 2\n", "    value: 5\n"),
            "value: 5",
            "AT-ONE-01 is a scale question; the value must be a level 0, 1, 2 or 3 "
            "(or unknown / na), not 5",
        ),
        (
            ("value: all}", "value: every}"),
            "    value: some",
            "AT-ONE-03 is a choice question; the value must be one of none, some, all "
            "(or unknown / na), not 'every'",
        ),
        (
            ("  AT-ONE-01: {owner:", "  AT-0NE-01: {owner:"),
            "AT-0NE-01",
            "plan entry for unknown question 'AT-0NE-01' (not in the banks of this assessment)",
        ),
        (
            ("banks: {all-types: '2026.1'}", "banks: {all-types: '2025.1'}"),
            "2025.1",
            "answers were given for bank 'all-types' version 2025.1, but the assessment uses "
            "version 2026.1",
        ),
    ],
)
def test_whole_assessment_problems(
    target: Assessment,
    write_text: Callable[..., Path],
    all_types_bank: Bank,
    replace: tuple[str, str],
    needle: str,
    message: str,
) -> None:
    text = WHOLE.replace(*replace)
    lines = problems(target, write_text, all_types_bank, text)
    (line,) = lines
    number = next(i for i, ln in enumerate(text.splitlines(), 1) if needle in ln)
    assert line.split(":")[1] == str(number)
    assert line.endswith(": " + message)


# ------------------------------------------------------------------ end to end


def test_filled_assessment_saves_and_checks(
    tmp_path: Path,
    write_text: Callable[..., Path],
    all_types_bank: Bank,
    bankset_with_all_types: BankSet,
) -> None:
    result = fill(
        Assessment(partnership="Westvale"),
        write_text,
        all_types_bank,
        "AT-ONE-01: 2\nAT-ONE-02: no\nAT-ONE-03: {value: all, note: 'a | b'}\n",
    )
    path = tmp_path / "westvale.msht.yaml"
    save_assessment(result, path)
    loaded = load_assessment(path)
    (bank,) = check_answers(loaded, bankset_with_all_types)
    assert bank.id == "all-types"
    assert {q: a.value for q, a in loaded.answers.items()} == {
        "AT-ONE-01": 2,
        "AT-ONE-02": "no",
        "AT-ONE-03": "all",
    }
    assert loaded.answers["AT-ONE-03"].note == "a | b"
