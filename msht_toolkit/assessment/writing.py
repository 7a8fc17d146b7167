"""Writing assessment files: plain data in the file format's key order, YAML text, atomic saves.

``save_assessment`` writes atomically (temp file, fsync, rename), mode 0600, in a
stable, diff-friendly order; ``dump_assessment`` is the text it writes.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from msht_toolkit.assessment.model import SCHEMA, Assessment
from msht_toolkit.assessment.ondisk import DiskState, state_of
from msht_toolkit.safewrite import atomic_write_text, quote_ambiguous_text


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
    """The assessment as plain data in the file format's key order."""
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
