"""Loading, checking and saving assessment files (``*.msht.yaml``).

``load_assessment`` reads the file's structure (no banks needed); ``check_answers``
then checks every answer against the bank versions the file names. ``save_assessment``
writes atomically, mode 0600, in a stable, diff-friendly order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from msht_toolkit.assessment.model import (
    PLAN_STATUSES,
    SCHEMA,
    Answer,
    Assessment,
    MeasureValue,
    Participant,
    PlanEntry,
    Response,
    SignOff,
    Target,
)
from msht_toolkit.assessment.ondisk import DiskState, state_of
from msht_toolkit.assessment.values import ValueProblem, normalize
from msht_toolkit.banks.measures import Measure, value_problem
from msht_toolkit.banks.model import Bank, Question
from msht_toolkit.banks.registry import BankSet
from msht_toolkit.checking import Checker, check_schema, is_number, kind_of
from msht_toolkit.errors import AssessmentError, FileProblemError
from msht_toolkit.yamlio import (
    YList,
    YMap,
    atomic_write_text,
    load_yaml_file,
    quote_ambiguous_text,
)

TOP_KEYS = {
    "schema",
    "partnership",
    "area",
    "period",
    "population",
    "assessed_on",
    "banks",
    "participants",
    "answers",
    "plan",
    "targets",
    "sign_off",
    "measures",
    "carried_from",
}
ANSWER_KEYS = {"value", "note", "evidence", "by", "at", "review", "review_reason", "responses"}
RESPONSE_KEYS = {"by", "value", "note", "evidence", "at"}
PARTICIPANT_KEYS = {"name", "agency", "role"}
PLAN_KEYS = {"owner", "due", "status", "reason", "note"}
TARGET_KEYS = {"level", "score", "by"}
SIGN_OFF_KEYS = {"by", "role", "on", "digest"}
MEASURE_KEYS = {"value", "note", "source"}


def _scalar_text(value: Any) -> str | None:
    """Dates, datetimes and numbers that YAML typed for us, back to their text."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):  # keeps its UTC offset when it has one
        return value.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).strip()


def _field(node: YMap, key: str, checker: Checker, kind: str = "text") -> str | None:
    """A text field (or a date, or a date and time) read as text; anything else is refused.

    Free text is taken as written (SPEC section 3, "Text is text"): a note ``1:30`` stays
    ``1:30``, not the 90 that YAML 1.1 reads; ``Off`` stays ``Off`` and ``~`` stays ``~``.
    """
    if key not in node:
        return None
    value = node[key]
    if isinstance(value, dict | list):
        checker.add(node.vpos(key), f"{key!r} must be {_KINDS[kind]}, not {kind_of(value)}")
        return None
    if kind == "text":
        return written_text(node.text(key))
    if value is None:
        return None
    text = _scalar_text(value)
    if kind == "date" and not isinstance(value, dt.date):
        try:
            dt.date.fromisoformat(str(text))
        except ValueError:
            checker.add(node.vpos(key), f"{key!r} must be {_KINDS[kind]}, not {text!r}")
            return None
    if kind == "datetime" and not isinstance(value, dt.date):
        try:
            dt.datetime.fromisoformat(str(text))
        except ValueError:
            checker.add(node.vpos(key), f"{key!r} must be {_KINDS[kind]}, not {text!r}")
            return None
    return text


def written_text(written: Any) -> str | None:
    """A free-text scalar as written, without surrounding blanks; None when blank."""
    if written is None:
        return None
    text = _scalar_text(written) if not isinstance(written, str) else written.strip()
    return text or None


def _key_on(node: YMap) -> None:
    """YAML 1.1 reads an unquoted key ``on`` as the boolean true: take it back as "on"."""
    if True in node and "on" not in node:
        for positions in (getattr(node, "key_pos", {}), getattr(node, "value_pos", {})):
            if True in positions:
                positions["on"] = positions.pop(True)
        node["on"] = node.pop(True)


_KINDS = {
    "text": "text",
    "date": "a date written year-month-day, e.g. 2027-03-14",
    "datetime": "a date and time, e.g. 2027-03-14T10:42:00",
}


def _raw_value(value: Any) -> Any:
    """A raw answer value as read: datetimes and dates become text."""
    if isinstance(value, dt.date):
        return _scalar_text(value)
    return value


def load_assessment(path: Path | str) -> Assessment:
    """Read an assessment file; raise ``AssessmentError`` with line numbers on problems."""
    path = Path(path)
    try:
        data = load_yaml_file(path, "assessment file")
    except FileProblemError as exc:
        raise AssessmentError(exc.problems) from None
    return parse_assessment(data, str(path))


def parse_assessment(data: Any, path: str) -> Assessment:
    checker = Checker(path)
    if not isinstance(data, YMap):
        raise AssessmentError.at(
            path, 1, 1, f"an assessment must be a mapping, not {kind_of(data)}"
        )
    if "schema" not in data:
        checker.add(data.pos, "missing 'schema: msht-assessment/1'; is this an assessment file?")
        raise AssessmentError(checker.problems)
    if not check_schema(data["schema"], data.vpos("schema"), SCHEMA, checker, "assessment file"):
        raise AssessmentError(checker.problems)
    checker.keys(data, TOP_KEYS, (), "assessment")
    result = Assessment(path=path)
    result.partnership = _field(data, "partnership", checker) or ""
    result.area = _field(data, "area", checker)
    result.period = _field(data, "period", checker)
    result.population = _population(data, checker)
    result.assessed_on = _field(data, "assessed_on", checker, "date")
    result.carried_from = _field(data, "carried_from", checker)

    banks = data.get("banks")
    if banks is not None:
        node = checker.mapping(banks, data.vpos("banks"), "'banks'")
        for bank_id, version in (node or {}).items():
            if is_number(version):
                checker.add(
                    node.vpos(bank_id),
                    f'bank version for {bank_id!r} must be quoted text ("{version}"), '
                    "or YAML turns it into a number",
                )
            elif not isinstance(version, str) or not version.strip():
                checker.add(node.vpos(bank_id), f"bank version for {bank_id!r} must be text")
            else:
                result.banks[str(bank_id)] = version.strip()
                result.bank_pos[str(bank_id)] = tuple(node.vpos(bank_id))

    participants = data.get("participants")
    if participants is not None:
        if not isinstance(participants, YList):
            checker.add(data.vpos("participants"), "'participants' must be a list")
        else:
            for i, raw in enumerate(participants):
                node = checker.mapping(raw, participants.ipos(i), "a participant")
                if node is None:
                    continue
                checker.keys(node, PARTICIPANT_KEYS, ("name",), "participant")
                result.participants.append(
                    Participant(
                        name=_field(node, "name", checker) or "",
                        agency=_field(node, "agency", checker),
                        role=_field(node, "role", checker),
                    )
                )

    answers = data.get("answers")
    if answers is not None:
        node = checker.mapping(answers, data.vpos("answers"), "'answers'")
        for qid, raw in (node or {}).items():
            answer = _parse_answer(str(qid), raw, node, checker)
            if answer is not None:
                result.answers[str(qid)] = answer

    plan = data.get("plan")
    if plan is not None:
        node = checker.mapping(plan, data.vpos("plan"), "'plan'")
        for qid, raw in (node or {}).items():
            entry = checker.mapping(raw, node.vpos(qid), f"plan entry {qid}")
            if entry is None:
                continue
            checker.keys(entry, PLAN_KEYS, (), f"plan entry {qid}")
            status = _field(entry, "status", checker)
            if status is not None and status not in PLAN_STATUSES:
                checker.add(
                    entry.vpos("status"),
                    f"plan entry {qid} status {status!r} must be one of {', '.join(PLAN_STATUSES)}",
                )
            result.plan[str(qid)] = PlanEntry(
                owner=_field(entry, "owner", checker),
                due=_field(entry, "due", checker, "date"),
                status=status,
                note=_field(entry, "note", checker),
                reason=_field(entry, "reason", checker),
                line=node.kpos(qid).line,
            )

    sign_off = data.get("sign_off")
    if sign_off is not None:
        node = checker.mapping(sign_off, data.vpos("sign_off"), "'sign_off'")
        if node is not None:
            _key_on(node)
            checker.keys(node, SIGN_OFF_KEYS, ("by",), "'sign_off'")
            by = _field(node, "by", checker)
            if by:
                result.sign_off = SignOff(
                    by=by,
                    role=_field(node, "role", checker),
                    on=_field(node, "on", checker, "date"),
                    digest=_field(node, "digest", checker),
                )

    targets = data.get("targets")
    if targets is not None:
        node = checker.mapping(targets, data.vpos("targets"), "'targets'")
        for key, raw in (node or {}).items():
            entry = checker.mapping(raw, node.vpos(key), f"target {key}")
            if entry is None:
                continue
            checker.keys(entry, TARGET_KEYS, (), f"target {key}")
            level = entry.get("level")
            score = entry.get("score")
            if level is not None and (isinstance(level, bool) or level not in (0, 1, 2, 3)):
                checker.add(entry.vpos("level"), f"target {key} level must be 0, 1, 2 or 3")
                level = None
            if score is not None and (not is_number(score) or not 0 <= score <= 100):
                checker.add(entry.vpos("score"), f"target {key} score must be a number 0..100")
                score = None
            if level is None and score is None and not checker.problems:
                checker.add(entry.pos, f"target {key} needs a level or a score")
            result.targets[str(key)] = Target(
                level=int(level) if level is not None else None,
                score=float(score) if score is not None else None,
                by=_field(entry, "by", checker, "date"),
            )

    measures = data.get("measures")
    if measures is not None:
        node = checker.mapping(measures, data.vpos("measures"), "'measures'")
        for mid, raw in (node or {}).items():
            figure = _parse_measure(mid, raw, node, checker)
            if figure is not None:
                result.measures[str(mid)] = figure

    if checker.problems:
        raise AssessmentError(checker.problems)
    return result


def _population(data: YMap, checker: Checker) -> int | None:
    """``population``: the residents of the area, a whole number above 0."""
    if "population" not in data or data["population"] is None:
        return None
    value = data["population"]
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    shown = repr(data.text("population")) if isinstance(value, str) else kind_of(value)
    if is_number(value):
        shown = str(value)
    hint = ""
    if isinstance(value, str) and any(c in value for c in ", ."):
        hint = " (write the digits only, without commas, spaces or points)"
    checker.add(
        data.vpos("population"),
        f"'population' must be the number of residents, a whole number above 0 "
        f"(e.g. 1100000), not {shown}{hint}",
    )
    return None


def _parse_measure(mid: Any, raw: Any, parent: YMap, checker: Checker) -> MeasureValue | None:
    """One ``measures:`` entry, ``ID: number`` or ``ID: {value, note, source}``; the value
    is checked against its measure by ``check_measures``."""
    if not isinstance(mid, str):
        checker.add(parent.kpos(mid), f"measure id must be text such as NRM-REFERRALS, not {mid!r}")
        return None
    if not isinstance(raw, YMap):
        if isinstance(raw, YList):
            checker.add(parent.vpos(mid), f"measure {mid} must be a number, not a list")
            return None
        return MeasureValue(value=_raw_value(raw), line=parent.vpos(mid).line)
    where = f"measure {mid}"
    checker.keys(raw, MEASURE_KEYS, (), where)
    value = raw.get("value")
    if isinstance(value, YMap | YList):
        checker.add(raw.vpos("value"), f"{where} value must be a number, not {kind_of(value)}")
        return None
    return MeasureValue(
        value=_raw_value(value),
        note=_field(raw, "note", checker),
        source=_field(raw, "source", checker),
        line=raw.vpos("value").line if "value" in raw else parent.kpos(mid).line,
    )


def check_measures(
    assessment: Assessment, measures: Mapping[str, Measure], checker: Checker, of: str = "file"
) -> None:
    """Each recorded figure names a loaded measure and fits it (a number 0 or more, a
    percentage at most 100); values are normalised in place (57.0 stays 57.0)."""
    for mid, figure in assessment.measures.items():
        measure = measures.get(mid)
        if measure is None:
            known = ", ".join(measures) or "none"
            checker.add_line(
                figure.line,
                f"figure for unknown measure {mid!r} (not in the loaded measures files; "
                f"known: {known})",
            )
            continue
        if figure.value is None:
            continue
        problem = value_problem(measure, figure.value)
        if problem:
            checker.add_line(figure.line, problem)


def _evidence(raw: Any, node: YMap, key: str, checker: Checker, where: str) -> list[str]:
    if raw is None:
        text = written_text(node.text(key))  # `evidence: ~` is the text "~"
        return [text] if text else []
    if isinstance(raw, YList):
        items = []
        for i, item in enumerate(raw):
            if isinstance(item, YMap | YList):
                checker.add(node.vpos(key), f"{where} evidence items must be text")
            else:
                items.append(written_text(raw.text(i)))
        return [i for i in items if i]
    if not isinstance(raw, dict | list):
        text = written_text(node.text(key))
        return [text] if text else []
    checker.add(node.vpos(key), f"{where} evidence must be text or a list of text")
    return []


def _flag(node: YMap, key: str, checker: Checker, where: str) -> bool:
    value = node.get(key, False)
    if value is None or isinstance(value, bool):
        return bool(value)
    checker.add(node.vpos(key), f"{where} {key!r} must be true or false, not {value!r}")
    return False


def _parse_answer(qid: str, raw: Any, parent: YMap, checker: Checker) -> Answer | None:
    line = parent.kpos(qid).line
    if not isinstance(raw, YMap):
        # the short form `ID-NRM-01: 2` is accepted as {value: 2}
        return Answer(value=_raw_value(raw), line=line, written=written_value(parent, qid))
    where = f"answer {qid}"
    checker.keys(raw, ANSWER_KEYS, (), where)
    answer = Answer(
        value=_raw_value(raw.get("value")),
        note=_field(raw, "note", checker),
        evidence=_evidence(raw.get("evidence"), raw, "evidence", checker, where),
        by=_field(raw, "by", checker),
        at=_field(raw, "at", checker, "datetime"),
        review=_flag(raw, "review", checker, where),
        review_reason=_field(raw, "review_reason", checker),
        line=raw.vpos("value").line if "value" in raw else line,
        written=written_value(raw, "value"),
    )
    responses = raw.get("responses")
    if responses is not None:
        if not isinstance(responses, YList):
            checker.add(raw.vpos("responses"), f"{where} responses must be a list")
        else:
            for i, item in enumerate(responses):
                node = checker.mapping(item, responses.ipos(i), f"{where} response")
                if node is None:
                    continue
                checker.keys(node, RESPONSE_KEYS, (), f"{where} response")
                answer.responses.append(
                    Response(
                        by=_field(node, "by", checker),
                        value=_raw_value(node.get("value")),
                        note=_field(node, "note", checker),
                        evidence=_evidence(node.get("evidence"), node, "evidence", checker, where),
                        at=_field(node, "at", checker, "datetime"),
                        written=written_value(node, "value"),
                    )
                )
    return answer


def written_value(node: YMap, key: Any) -> str | None:
    """A value's text as written, where YAML read a typed scalar (not text, not nothing)."""
    value = node.get(key)
    written = node.text(key)
    if isinstance(value, str) or not isinstance(written, str) or not written:
        return None
    return written


def scope(assessment: Assessment, bankset: BankSet) -> list[Bank]:
    """The banks an assessment is scored against (SPEC section 4), in display order.

    A file's ``banks:`` map names exact versions; a version that is not loaded is
    refused with a message naming the bank and version. No map: every current bank.
    """
    if not assessment.banks:
        return bankset.newest()
    order = {bank_id: i for i, bank_id in enumerate(bankset.ids())}
    out = []
    for bank_id, version in assessment.banks.items():
        bank = bankset.find(bank_id, version)
        if bank is None:
            where = assessment.path or "assessment"
            if bank_id not in bankset.current:
                message = f"names bank {bank_id!r}, which is not loaded"
            else:
                have = ", ".join(b.version for b in bankset.versions(bank_id))
                message = (
                    f"was answered with bank {bank_id!r} version {version}, which is not "
                    f"available (available: {have}); add it with --bank PATH"
                )
            line, col = assessment.bank_pos.get(bank_id, (None, None))
            raise AssessmentError.at(where, line, col, message)
        out.append(bank)
    return sorted(out, key=lambda b: order.get(b.id, len(order)))


def question_index(banks: list[Bank]) -> dict[str, tuple[Bank, Question]]:
    return {q.id: (bank, q) for bank in banks for q in bank.questions()}


def check_answers(assessment: Assessment, bankset: BankSet) -> list[Bank]:
    """Check every answer against its question; normalize values in place.

    Returns the scope banks. Raises ``AssessmentError`` listing every bad answer with
    its line: unknown question ids, wrong types, levels out of range.
    """
    banks = scope(assessment, bankset)
    index = question_index(banks)
    path = assessment.path or "assessment"
    checker = Checker(path)
    for qid, answer in assessment.answers.items():
        found = index.get(qid)
        if found is None:
            checker.add_line(
                answer.line, f"answer for unknown question {qid!r} (not in the banks of this file)"
            )
            continue
        question = found[1]
        try:
            answer.value = normalize(question, answer.value, answer.written)
            answer.written = None
            for response in answer.responses:
                response.value = normalize(question, response.value, response.written)
                response.written = None
        except ValueProblem as exc:
            checker.add_line(answer.line, str(exc))
    check_plan_keys(assessment, index, checker)
    check_measures(assessment, bankset.measures, checker)
    if checker.problems:
        raise AssessmentError(checker.problems)
    return banks


def check_plan_keys(
    assessment: Assessment, index: Mapping[str, object], checker: Checker, of: str = "file"
) -> None:
    """A ``plan:`` entry must name a question in scope (SPEC section 3), as an answer must."""
    for qid, entry in assessment.plan.items():
        if qid not in index:
            checker.add_line(
                entry.line,
                f"plan entry for unknown question {qid!r} (not in the banks of this {of})",
            )


# ---------------------------------------------------------------- writing


def _date_or_text(value: str | None) -> Any:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return value


def _datetime_or_text(value: str | None) -> Any:
    if value is None:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        return value


def _plain_number(value: float | None) -> float | int | None:
    """75.0 is written as 75, as the user wrote it."""
    if value is not None and float(value).is_integer():
        return int(value)
    return value


def _drop_empty(mapping: dict[str, Any]) -> dict[str, Any]:
    # `v in (..., False)` would also drop 0 and 0.0 (0 == False): a level-0 answer
    return {
        k: v
        for k, v in mapping.items()
        if not (v is None or v is False or (isinstance(v, str | list | dict) and not v))
    }


def to_data(assessment: Assessment) -> dict[str, Any]:
    """The assessment as plain data in the SPEC's key order."""
    data: dict[str, Any] = {"schema": SCHEMA, "partnership": assessment.partnership}
    data["area"] = assessment.area
    data["period"] = assessment.period
    data["population"] = assessment.population
    data["assessed_on"] = _date_or_text(assessment.assessed_on)
    data["banks"] = dict(assessment.banks)
    data["participants"] = [
        _drop_empty({"name": p.name, "agency": p.agency, "role": p.role})
        for p in assessment.participants
    ]
    answers: dict[str, Any] = {}
    for qid, a in assessment.answers.items():
        entry = _drop_empty(
            {
                "value": a.value,
                "note": a.note,
                "evidence": list(a.evidence),
                "by": a.by,
                "at": _datetime_or_text(a.at),
                "review": a.review,
                "review_reason": a.review_reason,
                "responses": [
                    _drop_empty(
                        {
                            "by": r.by,
                            "value": r.value,
                            "note": r.note,
                            "evidence": list(r.evidence),
                            "at": _datetime_or_text(r.at),
                        }
                    )
                    for r in a.responses
                ],
            }
        )
        if a.value is None and "value" not in entry and not entry:
            continue
        answers[qid] = entry
    data["answers"] = answers
    if assessment.plan:
        data["plan"] = {
            qid: _drop_empty(
                {
                    "owner": p.owner,
                    "due": _date_or_text(p.due),
                    "status": p.status,
                    "reason": p.reason,
                    "note": p.note,
                }
            )
            for qid, p in assessment.plan.items()
        }
    if assessment.measures:
        data["measures"] = {
            mid: (
                m.value
                if m.note is None and m.source is None and m.value is not None
                else _drop_empty({"value": m.value, "note": m.note, "source": m.source})
            )
            for mid, m in assessment.measures.items()
        }
    if assessment.targets:
        data["targets"] = {
            key: _drop_empty(
                {"level": t.level, "score": _plain_number(t.score), "by": _date_or_text(t.by)}
            )
            for key, t in assessment.targets.items()
        }
    if assessment.sign_off:
        so = assessment.sign_off
        data["sign_off"] = _drop_empty(
            {"by": so.by, "role": so.role, "on": _date_or_text(so.on), "digest": so.digest}
        )
    if assessment.carried_from:
        data["carried_from"] = assessment.carried_from
    return {k: v for k, v in data.items() if v is not None}


def _c_emits_same(data: Any) -> bool:
    """Whether libyaml is present and every text in ``data`` is printable BMP text.

    For such text libyaml writes exactly what the pure-Python emitter writes; it
    escapes characters beyond U+FFFF (emoji) and some controls differently.
    """
    import yaml

    if not getattr(yaml, "__with_libyaml__", False):
        return False
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if item and (max(item) > "\uffff" or not item.replace("\n", " ").isprintable()):
                return False
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return True


HEADER = (
    "# msht-toolkit assessment (msht-assessment/1). Keep it private: it may hold sensitive notes.\n"
)


# The first line marks a file as `msht merge`'s own output (cli/outputs.py): merge -o
# may replace it. Any other save writes HEADER, so a merged file someone has since
# walked or filled is protected like every other assessment.
MERGE_HEADER = (
    "# msht-toolkit merged assessment (msht-assessment/1), written by msht merge.\n"
    "# Keep it private: it may hold sensitive notes.\n"
)


def dump_assessment(assessment: Assessment, header: str = HEADER) -> str:
    """YAML text for an assessment: block style, with short answers on one line.

    ``header`` is the comment block it starts with (``merge`` marks its output there).
    """
    import yaml

    class _Flow(dict):
        pass

    data = to_data(assessment)
    # libyaml's emitter is ~5x faster (the walk saves after every answer) and writes
    # the same text for printable text; anything else keeps the pure-Python emitter.
    base = yaml.CSafeDumper if _c_emits_same(data) else yaml.SafeDumper

    class _Dumper(base):  # type: ignore[valid-type,misc]
        pass

    def flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.Node:
        return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=True)

    def timestamp(dumper: yaml.SafeDumper, value: dt.datetime) -> yaml.Node:
        # ISO 8601 with the T (PyYAML writes a space) and the offset when known
        text = value.isoformat(timespec="seconds")
        return dumper.represent_scalar("tag:yaml.org,2002:timestamp", text)

    _Dumper.add_representer(_Flow, flow)
    _Dumper.add_representer(dt.datetime, timestamp)
    quote_ambiguous_text(_Dumper)
    for qid, entry in list(data.get("answers", {}).items()):
        if set(entry) <= {"value", "by"} and len(entry) <= 2:
            data["answers"][qid] = _Flow(entry)
    data["participants"] = [_Flow(p) for p in data.get("participants", [])]
    for section in ("plan", "targets", "measures"):
        if section in data:
            data[section] = {
                k: _Flow(v) if isinstance(v, dict) else v for k, v in data[section].items()
            }
    if "sign_off" in data:
        data["sign_off"] = _Flow(data["sign_off"])
    if "banks" in data:
        data["banks"] = _Flow(data["banks"])
    body = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=88,
    )
    return header + body


def save_assessment(assessment: Assessment, path: Path | str, header: str = HEADER) -> DiskState:
    """Write the file atomically (temp file, fsync, rename), readable by its owner only.

    A symbolic link is kept (the file it points to is replaced). Returns what was
    written, for a writer that checks nothing else changed the file before its next save.
    """
    text = dump_assessment(assessment, header)
    written = atomic_write_text(Path(path), text)
    return state_of(written, text.encode("utf-8"))
