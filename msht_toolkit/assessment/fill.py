"""Filling an assessment from an answers file: ``msht assess FILE --answers ANSWERS.yaml``.

The answers file is either a mapping of question id to answer, where
an answer is a bare value or ``{value, note, evidence, by}``::

    ID-NRM-01: 2
    ID-NRM-02: {value: unknown, note: Ask the council}
    PS-ORD-04: na

or a whole assessment mapping with ``answers:`` (``schema: msht-assessment/1`` may be
left out). From a whole assessment the profile (partnership, area, period, assessed_on,
participants, plan, targets) is copied where the target lacks it; its ``population`` and
its ``measures:`` (this year's figures) replace the target's, each figure checked against
the loaded measures.

Every value is checked against its question; any problem is reported with the answers
file's name and line, and nothing is changed. The result is a new ``Assessment``: the
one passed in is never modified. Each filled answer replaces the target's answer to
that question, with ``by`` (the file's, else ``default_by``) and ``at`` (now) set.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from msht_toolkit.assessment.check import check_measures, check_plan_keys
from msht_toolkit.assessment.model import SCHEMA, Answer, Assessment, Response, now_stamp
from msht_toolkit.assessment.reading import written_text, written_value
from msht_toolkit.assessment.values import ValueProblem, normalize
from msht_toolkit.banks.measures import Measure
from msht_toolkit.banks.model import Bank, Question, QuestionType
from msht_toolkit.checking import Checker, kind_of
from msht_toolkit.errors import AssessmentError, FileProblemError
from msht_toolkit.positions import YList, YMap
from msht_toolkit.yamlio import load_yaml_file

SHORT_ANSWER_KEYS = {"value", "note", "evidence", "by"}
PROFILE_KEYS = (
    "partnership",
    "area",
    "period",
    "assessed_on",
    "participants",
    "plan",
    "targets",
)


def fill_from_file(
    assessment: Assessment,
    answers_path: Path,
    banks: list[Bank],
    default_by: str | None = None,
    measures: Mapping[str, Measure] | None = None,
) -> Assessment:
    """A copy of ``assessment`` with the answers of ``answers_path`` filled in.

    ``banks`` are the banks the assessment is answered against (its scope); ``measures``
    the loaded performance measures a ``measures:`` figure must name. Raises
    ``AssessmentError`` listing every problem (unknown question ids, values that do not
    fit their question, unknown keys, a file that is not a readable answers file), each
    with the answers file's name and line.
    """
    path = str(answers_path)
    if Path(answers_path).is_dir():
        raise AssessmentError.at(path, None, None, "is a folder, not an answers file")
    try:
        data = load_yaml_file(Path(answers_path), "answers file")
    except FileProblemError as exc:
        raise AssessmentError(exc.problems) from None
    if not isinstance(data, YMap):
        raise AssessmentError.at(
            path,
            1,
            1,
            "an answers file must be a mapping of question id to value "
            f"(or a whole assessment with 'answers:'), not {kind_of(data)}",
        )
    index = {q.id: q for bank in banks for q in bank.questions()}
    result = copy.deepcopy(assessment)
    if _is_whole_assessment(data, index):
        answers = _fill_whole(result, data, path, banks, index, measures or {})
    else:
        answers = _read_short(data, path, index)
    stamp = now_stamp()
    for qid, answer in answers.items():
        if answer.by is None:
            answer.by = default_by
        if answer.at is None:
            answer.at = stamp
        answer.line = 0  # it has no line in the target file yet
        result.answers[qid] = answer
    if not result.banks:
        result.banks = {bank.id: bank.version for bank in banks}
    return result


def _is_whole_assessment(data: YMap, index: dict[str, Question]) -> bool:
    if "schema" in data:
        return True
    if "answers" in data and "answers" not in index and isinstance(data["answers"], YMap):
        return True
    # this year's figures alone: `population:` and `measures:` (never question ids)
    return bool(data) and all(key in ("population", "measures") for key in data)


def _value(raw: Any) -> Any:
    """A raw value as YAML read it: dates and times back to the text that was written."""
    if isinstance(raw, dt.datetime):
        return raw.replace(tzinfo=None).isoformat(timespec="seconds")
    if isinstance(raw, dt.date):
        return raw.isoformat()
    return raw


def _check_value(
    question: Question | None,
    qid: Any,
    raw: Any,
    line: int,
    checker: Checker,
    allow_none: bool = False,
    written: str | None = None,
) -> tuple[bool, Any]:
    """(ok, normalized value); a problem is recorded with its line when not ok."""
    if question is None:
        checker.add_line(
            line, f"answer for unknown question {qid!r} (not in the banks of this assessment)"
        )
        return False, None
    if raw is None and not (written and question.type == QuestionType.TEXT):
        if allow_none:
            return True, None
        checker.add_line(line, f"answer {qid} has no value")
        return False, None
    try:
        return True, normalize(question, _value(raw), written)
    except ValueProblem as exc:
        checker.add_line(line, str(exc))
        return False, None


def _evidence(node: YMap, where: str, checker: Checker) -> list[str]:
    raw = node.get("evidence")
    if isinstance(raw, YList):
        items = []
        for i, item in enumerate(raw):
            if isinstance(item, YMap | YList):
                checker.add(raw.ipos(i), f"{where} evidence items must be text")
            elif text := written_text(raw.text(i)):
                items.append(text)
        return items
    if isinstance(raw, YMap):
        checker.add(node.vpos("evidence"), f"{where} evidence must be text or a list of text")
        return []
    text = written_text(node.text("evidence"))  # as written: `evidence: ~` is "~"
    return [text] if text else []


def _read_short(data: YMap, path: str, index: dict[str, Question]) -> dict[str, Answer]:
    """``{question id: value | {value, note, evidence, by}}``."""
    checker = Checker(path)
    answers: dict[str, Answer] = {}
    for qid, raw in data.items():
        question = index.get(qid) if isinstance(qid, str) else None
        if not isinstance(raw, YMap):
            line = data.kpos(qid).line
            ok, value = _check_value(
                question, qid, raw, line, checker, written=written_value(data, qid)
            )
            if ok:
                answers[qid] = Answer(value=value)
            continue
        where = f"answer {qid}"
        checker.keys(raw, SHORT_ANSWER_KEYS, (), where)
        line = raw.vpos("value").line if "value" in raw else raw.pos.line
        ok, value = _check_value(
            question, qid, raw.get("value"), line, checker, written=written_value(raw, "value")
        )
        for key in ("note", "by"):
            if key in raw and isinstance(raw[key], YMap | YList):
                checker.add(raw.vpos(key), f"{where} {key} must be text, not {kind_of(raw[key])}")
        evidence = _evidence(raw, where, checker)
        if ok:
            answers[qid] = Answer(
                value=value,
                note=written_text(raw.text("note")),
                evidence=evidence,
                by=written_text(raw.text("by")),
            )
    if checker.problems:
        raise AssessmentError(checker.problems)
    return answers


def _fill_whole(
    result: Assessment,
    data: YMap,
    path: str,
    banks: list[Bank],
    index: dict[str, Question],
    measures: Mapping[str, Measure],
) -> dict[str, Answer]:
    """A whole assessment mapping: its answers, and its profile where the target has none."""
    from msht_toolkit.assessment.reading import parse_assessment

    if "schema" not in data:
        data = _with_schema(data)
    source = parse_assessment(data, path)  # structure, keys and schema, with lines
    checker = Checker(path)
    versions = {bank.id: bank.version for bank in banks}
    banks_node = data.get("banks")
    for bank_id, version in source.banks.items():
        if bank_id in versions and versions[bank_id] != version:
            pos = banks_node.vpos(bank_id) if isinstance(banks_node, YMap) else data.pos
            checker.add(
                pos,
                f"answers were given for bank {bank_id!r} version {version}, but the "
                f"assessment uses version {versions[bank_id]}",
            )
    answers: dict[str, Answer] = {}
    for qid, answer in source.answers.items():
        line = answer.line
        ok, value = _check_value(
            index.get(qid), qid, answer.value, line, checker, True, answer.written
        )
        responses: list[Response] = []
        for response in answer.responses:
            r_ok, r_value = _check_value(
                index.get(qid), qid, response.value, line, checker, written=response.written
            )
            ok = ok and r_ok
            responses.append(
                Response(
                    by=response.by,
                    value=r_value,
                    note=response.note,
                    evidence=list(response.evidence),
                    at=response.at,
                )
            )
        if ok:
            answer.value = value
            answer.written = None
            answer.responses = responses
            answers[qid] = answer
    if "plan" in data and not result.plan:
        check_plan_keys(source, index, checker, "assessment")  # copied: keys must fit
    check_measures(source, measures, checker)
    if checker.problems:
        raise AssessmentError(checker.problems)
    if source.population is not None:
        result.population = source.population
    for mid, figure in source.measures.items():
        figure.line = 0  # it has no line in the target file yet
        result.measures[mid] = figure
    for key in PROFILE_KEYS:
        if key in data and not getattr(result, key):
            setattr(result, key, copy.deepcopy(getattr(source, key)))
    return answers


def _with_schema(data: YMap) -> YMap:
    """The mapping with ``schema: msht-assessment/1`` added, keeping every position."""
    out = YMap(data)
    out.pos = data.pos
    out.key_pos = dict(data.key_pos)
    out.value_pos = dict(data.value_pos)
    out.value_style = dict(getattr(data, "value_style", {}))
    out.value_text = dict(getattr(data, "value_text", {}))
    out["schema"] = SCHEMA
    return out
