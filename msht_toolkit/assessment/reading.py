"""Reading assessment files (``*.msht.yaml``): the file's structure, no banks needed.

``load_assessment`` reads a file and ``parse_assessment`` the data YAML gave, with every
problem reported as ``file:line:col``. Checking the answers against the bank versions the
file names is ``assessment.check``; writing is ``assessment.writing``.
"""

from __future__ import annotations

import datetime as dt
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
from msht_toolkit.checking import Checker, check_schema, is_number, kind_of
from msht_toolkit.errors import AssessmentError, FileProblemError
from msht_toolkit.gcpause import paused_gc
from msht_toolkit.positions import YList, YMap
from msht_toolkit.yamlio import load_yaml_file

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

    Free text is taken as written (text is text): a note ``1:30`` stays
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


@paused_gc()
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
