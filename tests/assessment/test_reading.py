"""Assessment files: read with line numbers, saved atomically and privately, round trips."""

from __future__ import annotations

import dataclasses
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from msht_toolkit.assessment.check import check_answers
from msht_toolkit.assessment.model import (
    Answer,
    Assessment,
    Participant,
    PlanEntry,
    Response,
    Target,
)
from msht_toolkit.assessment.reading import load_assessment, parse_assessment
from msht_toolkit.assessment.writing import dump_assessment, save_assessment
from msht_toolkit.banks.registry import BankSet
from msht_toolkit.errors import AssessmentError
from msht_toolkit.yamlio import load_yaml_text

HEAD = "schema: msht-assessment/1\npartnership: Midshire Anti-Slavery Partnership\n"


def problems_of(path: Path, bankset: BankSet | None = None) -> list[str]:
    with pytest.raises(AssessmentError) as caught:
        assessment = load_assessment(path)
        if bankset is not None:
            check_answers(assessment, bankset)
    return caught.value.lines()


def line_of(path: Path, needle: str) -> int:
    return next(
        i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if needle in line
    )


def full_assessment() -> Assessment:
    return Assessment(
        partnership="Midshire Anti-Slavery Partnership",
        area="Midshire",
        period="2026/27",
        assessed_on="2027-03-14",
        banks={"all-types": "2026.1"},
        participants=[
            Participant("A. Lead", "Midshire Police", "DCI, MSHT lead"),
            Participant("B. Partner"),
        ],
        answers={
            "AT-ONE-01": Answer(
                value=2,
                note="Leads named | NHS trust # outstanding: see `ToR`",
                evidence=["Partnership ToR v3", "Minutes 2027-01"],
                by="Midshire Police",
                at="2027-03-14T10:42:00",
            ),
            "AT-ONE-02": Answer(value="no", by="Midshire County Council"),
            "AT-ONE-03": Answer(
                value="some",
                review=True,
                review_reason="Check with the NHS trust",
                responses=[
                    Response(by="Midshire Police", value="all", note="All officers"),
                    Response(by="Midshire County Council", value="none"),
                ],
            ),
            "AT-ONE-04": Answer(value=7.5),
            "AT-ONE-05": Answer(value="yes"),  # text that YAML 1.1 would turn into true
        },
        plan={
            "AT-ONE-01": PlanEntry("Midshire County Council", "2027-09-30", "in progress"),
            "AT-ONE-02": PlanEntry(status="deferred", reason="Until the new contract: 1:30 Off"),
            "AT-ONE-03": PlanEntry(status="dropped", reason="Covered by the regional team"),
        },
        targets={
            "AT-ONE-01": Target(level=3, by="2028-03-31"),
            "all-types": Target(score=75.0, by="2028-03-31"),
        },
        carried_from="midshire-2025.msht.yaml",
    )


def comparable(assessment: Assessment) -> dict[str, Any]:
    data = dataclasses.asdict(assessment)
    data.pop("path")
    data.pop("bank_pos")
    for answer in data["answers"].values():
        answer.pop("line")
    for entry in data["plan"].values():
        entry.pop("line")
    return data


# ------------------------------------------------------------------ round trip


def test_save_load_round_trip(tmp_path: Path, bankset_with_all_types: BankSet) -> None:
    original = full_assessment()
    path = tmp_path / "midshire.msht.yaml"
    save_assessment(original, path)
    loaded = load_assessment(path)
    check_answers(loaded, bankset_with_all_types)
    assert comparable(loaded) == comparable(original)
    assert loaded.path == str(path)


def test_saved_file_is_private_and_alone(tmp_path: Path) -> None:
    path = tmp_path / "midshire.msht.yaml"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o644)
    save_assessment(full_assessment(), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["midshire.msht.yaml"]


def test_saved_text_is_readable_and_keeps_yaml_words_as_text() -> None:
    text = dump_assessment(full_assessment())
    assert text.startswith("# msht-toolkit assessment")
    keys = [line.split(":")[0] for line in text.splitlines() if line and line[0].isalpha()]
    assert keys == [
        "schema",
        "partnership",
        "area",
        "period",
        "assessed_on",
        "banks",
        "participants",
        "answers",
        "plan",
        "targets",
        "carried_from",
    ]
    assert "banks: {all-types: '2026.1'}" in text  # versions stay quoted
    assert "AT-ONE-02: {value: 'no', by: Midshire County Council}" in text
    assert "AT-ONE-05: {value: 'yes'}" in text
    data = yaml.safe_load(text)
    assert data["answers"]["AT-ONE-02"]["value"] == "no"  # a plain reader sees text too


def test_unanswered_answers_with_nothing_else_are_not_written() -> None:
    assessment = Assessment(partnership="Westvale", answers={"AT-ONE-01": Answer()})
    assert "AT-ONE-01" not in dump_assessment(assessment)


# ------------------------------------------------------------------ text is text

# Text is text: free text keeps the characters typed, even where YAML 1.1 reads
# something else (1:30 is 90, 007 is 7, Off is false, ~ is nothing, 12.50 is 12.5)
TYPED = [
    "1:30",
    "007",
    "Off",
    "~",
    "NO",
    "12.50",
    "yes",
    "1e3",
    "y",
    "null",
    "2027-03-14",
    "2027-02-30",
]

# YAML 1.2 core schema, from the 1.2.2 spec (10.3.2): plain scalars that are not text
CORE_12 = re.compile(
    r"^(?:null|Null|NULL|~|true|True|TRUE|false|False|FALSE|[-+]?[0-9]+|0o[0-7]+"
    r"|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
)


def text_fields(assessment: Assessment) -> list[Any]:
    """Every free-text field of an assessment (and the text answer), in a fixed order."""
    a = assessment
    out: list[Any] = [a.partnership, a.area, a.period, a.carried_from]
    for p in a.participants:
        out += [p.name, p.agency, p.role]
    for answer in a.answers.values():
        out += [answer.note, answer.by, answer.review_reason, *answer.evidence]
        for r in answer.responses:
            out += [r.by, r.note, *r.evidence]
    out.append(a.answers["AT-ONE-05"].value)
    for entry in a.plan.values():
        out += [entry.owner, entry.note]
    return [field for field in out if field is not None]


def every_text_field_file(text: str) -> str:
    return (
        "schema: msht-assessment/1\n"
        f"partnership: {text}\narea: {text}\nperiod: {text}\ncarried_from: {text}\n"
        "banks: {all-types: '2026.1'}\n"
        f"participants:\n  - {{name: {text}, agency: {text}, role: {text}}}\n"
        "answers:\n"
        f"  AT-ONE-01:\n    value: 2\n    note: {text}\n    by: {text}\n"
        f"    review: true\n    review_reason: {text}\n    evidence: [{text}, {text}]\n"
        f"    responses:\n      - {{by: {text}, value: 2, note: {text}, evidence: {text}}}\n"
        f"  AT-ONE-05: {text}\n"
        f"plan:\n  AT-ONE-01: {{owner: {text}, note: {text}}}\n"
    )


def yaml_1_2_reads_as_text(saved: str, text: str) -> bool:
    """Whether a YAML 1.2 (core schema) reader gets ``text`` back as text from ``saved``."""
    return not any(
        isinstance(e, yaml.ScalarEvent) and not e.style and e.value == text and CORE_12.match(text)
        for e in yaml.parse(saved)
    )


@pytest.mark.parametrize("typed", TYPED)
def test_free_text_keeps_what_was_typed_through_load_and_save(
    write_text: Callable[..., Path], bankset_with_all_types: BankSet, typed: str
) -> None:
    path = write_text(every_text_field_file(typed))
    assessment = load_assessment(path)
    check_answers(assessment, bankset_with_all_types)
    fields = text_fields(assessment)
    assert fields == [typed] * 18  # every free-text field in the file, as typed
    save_assessment(assessment, path)
    saved = path.read_text("utf-8")
    plain = yaml.safe_load(saved)  # a plain YAML 1.1 reader gets the characters back
    assert plain["partnership"] == plain["area"] == plain["period"] == typed
    assert plain["participants"] == [{"name": typed, "agency": typed, "role": typed}]
    first = plain["answers"]["AT-ONE-01"]
    assert (first["note"], first["by"], first["review_reason"]) == (typed, typed, typed)
    assert first["evidence"] == [typed, typed]
    assert first["responses"][0] == {"by": typed, "value": 2, "note": typed, "evidence": [typed]}
    assert plain["answers"]["AT-ONE-05"] == {"value": typed}
    assert plain["plan"]["AT-ONE-01"] == {"owner": typed, "note": typed}
    assert yaml_1_2_reads_as_text(saved, typed)
    again = load_assessment(path)
    check_answers(again, bankset_with_all_types)
    assert text_fields(again) == fields


# characters YAML gives a meaning: line breaks it may fold, indicators, number parts
TRICKY = ["\x85", "\u2028", "\u2029", "\r", "\n", "\t", " ", ":", "#", "'", '"', "0", "e", "."]


def with_text(text: str, value: str) -> Assessment:
    """An assessment with ``text`` in every free-text field and ``value`` as a text answer."""
    return Assessment(
        partnership=text,
        area=text,
        period=text,
        participants=[Participant(text, text, text)],
        answers={
            "AT-ONE-01": Answer(
                value="unknown",  # no number in the file that text could be
                note=text,
                evidence=[text],
                by=text,
                review_reason=text,
                responses=[Response(by=text, value="unknown", note=text, evidence=[text])],
            ),
            "AT-ONE-05": Answer(value=value),
        },
        plan={"AT-ONE-01": PlanEntry(owner=text, note=text)},
        carried_from=text,
    )


@settings(max_examples=200, deadline=None)
@given(
    st.text(st.characters(codec="utf-8") | st.sampled_from(TRICKY), max_size=30).filter(str.strip)
)
def test_any_text_survives_save_and_load_unchanged(text: str) -> None:
    saved = dump_assessment(with_text(text, text))
    assert yaml.safe_load(saved)["answers"]["AT-ONE-05"]["value"] == text  # a plain reader
    assert yaml.safe_load(saved)["partnership"] == text
    assert yaml_1_2_reads_as_text(saved, text) and yaml_1_2_reads_as_text(saved, text.strip())
    loaded = parse_assessment(load_yaml_text(saved, "m.msht.yaml"), "m.msht.yaml")
    # a text answer is kept whole; other fields lose surrounding blanks, as in the walk
    assert text_fields(loaded) == text_fields(with_text(text.strip(), text))


def test_an_enum_value_is_saved_as_its_text() -> None:
    """The safe dumper refuses str subclasses; a rating or a question type in a note or
    a value is written as its word (``RED``, ``yes`` quoted), never a crash."""
    from msht_toolkit.banks.model import QuestionType
    from msht_toolkit.scoring.scorer import Rag

    saved = dump_assessment(with_text(Rag.RED, QuestionType.TEXT))
    assert "!!python" not in saved
    assert yaml.safe_load(saved)["partnership"] == "RED"
    assert yaml.safe_load(saved)["answers"]["AT-ONE-05"]["value"] == "text"
    assert dump_assessment(with_text(Rag.RED, QuestionType.TEXT)) == dump_assessment(
        with_text("RED", "text")
    )


# ------------------------------------------------------------------ YAML 1.1 pitfalls


def test_yaml_1_1_values_are_read_for_what_they_mean(
    write_text: Callable[..., Path], bankset_with_all_types: BankSet
) -> None:
    path = write_text(
        HEAD
        + "period: 2026/27\nassessed_on: 2027-03-14\n"
        + "banks: {all-types: '2026.1'}\n"
        + "answers:\n"
        + "  AT-ONE-01: '2'\n"
        + "  AT-ONE-02: {value: yes, at: 2027-03-14T10:42:00}\n"
        + "  AT-ONE-03: {value: some}\n"
        + "  AT-ONE-04: {value: '1,200'}\n"
        + "  AT-ONE-05: {value: 2027-03-14}\n"
    )
    assessment = load_assessment(path)
    check_answers(assessment, bankset_with_all_types)
    assert assessment.period == "2026/27"
    assert assessment.assessed_on == "2027-03-14"
    values = {qid: a.value for qid, a in assessment.answers.items()}
    assert values == {
        "AT-ONE-01": 2,
        "AT-ONE-02": "yes",
        "AT-ONE-03": "some",
        "AT-ONE-04": 1200,
        "AT-ONE-05": "2027-03-14",
    }
    assert assessment.answers["AT-ONE-02"].at == "2027-03-14T10:42:00"


@pytest.mark.parametrize(
    ("answer", "word"),
    [("no", "no"), ("false", "no"), ("true", "yes"), ("'Y'", "yes"), ("off", None)],
)
def test_yes_no_words(
    write_text: Callable[..., Path],
    bankset_with_all_types: BankSet,
    answer: str,
    word: str | None,
) -> None:
    path = write_text(HEAD + f"banks: {{all-types: '2026.1'}}\nanswers:\n  AT-ONE-02: {answer}\n")
    assessment = load_assessment(path)
    check_answers(assessment, bankset_with_all_types)
    # YAML 1.1 reads `off` as false: accepted as "no" on a yes/no question
    assert assessment.answers["AT-ONE-02"].value == (word or "no")


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (
            "yes",
            "AT-ONE-01 is a scale question; the value must be a level 0, 1, 2 or 3 "
            "(or unknown / na), not True",
        ),
        (
            "010",  # YAML 1.1 octal: 8
            "AT-ONE-01 is a scale question; the value must be a level 0, 1, 2 or 3 "
            "(or unknown / na), not 8",
        ),
        (
            "2.5",
            "AT-ONE-01 is a scale question; the value must be a level 0, 1, 2 or 3 "
            "(or unknown / na), not 2.5",
        ),
    ],
)
def test_coercions_never_pass_silently(
    write_text: Callable[..., Path], bankset_with_all_types: BankSet, answer: str, message: str
) -> None:
    path = write_text(HEAD + f"banks: {{all-types: '2026.1'}}\nanswers:\n  AT-ONE-01: {answer}\n")
    assert problems_of(path, bankset_with_all_types) == [f"{path}:5:1: {message}"]


def test_unquoted_bank_version_is_refused(write_text: Callable[..., Path]) -> None:
    path = write_text(HEAD + "banks:\n  identification: 2026.1\nanswers: {}\n")
    assert problems_of(path) == [
        f"{path}:4:19: bank version for 'identification' must be quoted text (\"2026.1\"), "
        "or YAML turns it into a number"
    ]


# ------------------------------------------------------------------ refusals


@pytest.mark.parametrize(
    ("body", "needle", "message"),
    [
        ("partnrship: Westvale\n", "partnrship", "unknown key 'partnrship' in assessment (did you mean 'partnership'?)"),
        ("answers:\n  AT-ONE-01: {vaule: 2}\n", "vaule", "unknown key 'vaule' in answer AT-ONE-01 (did you mean 'value'?)"),
        ("participants:\n  - {name: A. Lead, agncy: Midshire Police}\n", "agncy", "unknown key 'agncy' in participant (did you mean 'agency'?)"),
        ("plan:\n  AT-ONE-01: {owner: Police, stauts: agreed}\n", "stauts", "unknown key 'stauts' in plan entry AT-ONE-01 (did you mean 'status'?)"),
        ("targets:\n  AT-ONE-01: {levle: 3}\n", "levle", "unknown key 'levle' in target AT-ONE-01 (did you mean 'level'?)"),
        ("answers:\n  AT-ONE-01:\n    value: 2\n    responses:\n      - {by: Police, valeu: 3}\n", "valeu", "unknown key 'valeu' in answer AT-ONE-01 response (did you mean 'value'?)"),
        ("plan:\n  AT-ONE-01: {status: started}\n", "started", "plan entry AT-ONE-01 status 'started' must be one of proposed, agreed, in progress, done, deferred, dropped"),
        ("targets:\n  AT-ONE-01: {level: 4}\n", "4}", "target AT-ONE-01 level must be 0, 1, 2 or 3"),
        ("targets:\n  all-types: {score: 120}\n", "120", "target all-types score must be a number 0..100"),
        ("answers: [AT-ONE-01]\n", "[AT", "'answers' must be a mapping, not a list"),
    ],
)  # fmt: skip
def test_structure_problems_are_refused_with_their_line(
    write_text: Callable[..., Path], body: str, needle: str, message: str
) -> None:
    """Each problem points at the offending key or value (``needle``)."""
    path = write_text(HEAD + body)
    line = line_of(path, needle)
    col = path.read_text("utf-8").splitlines()[line - 1].index(needle) + 1
    assert problems_of(path) == [f"{path}:{line}:{col}: {message}"]


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        (
            "msht-assessment/2",
            "schema 'msht-assessment/2' is newer than this msht-toolkit understands "
            "(msht-assessment/1); upgrade msht-toolkit to read it",
        ),
        (
            "msht-bank/1",
            "unsupported schema 'msht-bank/1'; this is not an assessment file (msht-assessment/1)",
        ),
    ],
)
def test_other_schemas_are_refused(
    write_text: Callable[..., Path], schema: str, message: str
) -> None:
    path = write_text(f"schema: {schema}\npartnership: Northmoor\n")
    assert problems_of(path) == [f"{path}:1:9: {message}"]


def test_missing_schema_is_refused(write_text: Callable[..., Path]) -> None:
    path = write_text("partnership: Northmoor\nanswers: {}\n")
    assert problems_of(path) == [
        f"{path}:1:1: missing 'schema: msht-assessment/1'; is this an assessment file?"
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "assessment file is empty"),
        ("- a\n- b\n", "an assessment must be a mapping, not a list"),
        ("schema: [\n", "not valid YAML"),
        ("schema: !!python/object:os.system {}\n", "YAML tag"),
    ],
)
def test_files_that_are_not_assessments(
    write_text: Callable[..., Path], content: str, message: str
) -> None:
    path = write_text(content)
    (line,) = problems_of(path)
    assert line.startswith(str(path)) and message in line


def test_missing_file(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nope.msht.yaml") == [
        f"{tmp_path / 'nope.msht.yaml'}: no such assessment file"
    ]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("partnership: {a: 1}\n", "3:14: 'partnership' must be text, not a mapping"),
        ("period: [1]\n", "3:9: 'period' must be text, not a list"),
        ("assessed_on: yesterday\n", "3:14: 'assessed_on' must be a date written year-month-day"),
        (
            "plan:\n  ID-NRM-01: {status: agreed, due: soon}\n",
            "4:36: 'due' must be a date written year-month-day",
        ),
        (
            "targets:\n  ID-NRM-01: {level: 2, by: never}\n",
            "4:29: 'by' must be a date written year-month-day",
        ),
        (
            "answers:\n  ID-NRM-01: {value: 2, note: [1, 2]}\n",
            "4:31: 'note' must be text, not a list",
        ),
        (
            "answers:\n  ID-NRM-01: {value: 2, at: teatime}\n",
            "4:29: 'at' must be a date and time",
        ),
    ],
)
def test_profile_and_answer_fields_of_the_wrong_type_are_refused_with_their_line(
    tmp_path: Path, body: str, expected: str
) -> None:
    path = tmp_path / "bad.msht.yaml"
    path.write_text("schema: msht-assessment/1\npartnership: P\n" + body, encoding="utf-8")
    if body.startswith("partnership"):
        path.write_text("schema: msht-assessment/1\n\n" + body, encoding="utf-8")
    with pytest.raises(AssessmentError) as caught:
        load_assessment(path)
    assert any(expected in line for line in caught.value.lines()), caught.value.lines()


def test_a_whole_number_target_score_is_written_as_written(tmp_path: Path) -> None:
    path = tmp_path / "t.msht.yaml"
    path.write_text(
        "schema: msht-assessment/1\npartnership: P\ntargets:\n  identification: {score: 75}\n",
        encoding="utf-8",
    )
    save_assessment(load_assessment(path), path)
    assert "score: 75}" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("written", "read", "saved"),
    [
        # the form written since 2026-12: ISO 8601 with the UTC offset, kept exactly
        ("2027-03-14T10:42:00+00:00", "2027-03-14T10:42:00+00:00", "2027-03-14T10:42:00+00:00"),
        ("2027-03-14T10:42:00+01:00", "2027-03-14T10:42:00+01:00", "2027-03-14T10:42:00+01:00"),
        # older files: a space instead of the T, no offset; still read, saved with the T
        ("2026-12-01 20:25:35", "2026-12-01T20:25:35", "2026-12-01T20:25:35"),
        ("2027-03-14T10:42:00", "2027-03-14T10:42:00", "2027-03-14T10:42:00"),
    ],
)
def test_answer_times_are_iso_8601_and_older_forms_still_load(
    write_text: Callable[..., Path], written: str, read: str, saved: str
) -> None:
    path = write_text(HEAD + f"period: 2026/27\nanswers:\n  X-1: {{value: 2, at: {written}}}\n")
    assessment = load_assessment(path)
    assert assessment.answers["X-1"].at == read
    text = dump_assessment(assessment)
    assert f"at: {saved}" in text
    parsed = yaml.safe_load(text)["answers"]["X-1"]["at"]  # any YAML reader sees a time
    assert parsed.isoformat() == saved
