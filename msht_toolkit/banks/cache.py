"""A cache of the parsed bundled banks, so each command does not re-read their YAML.

Reading and checking the eight bundled bank files costs every command about 60 ms; the
cache brings that to a few. It holds plain JSON (never pickle) in the user's cache
folder (``$MSHT_CACHE_DIR``, else the platform's own as platformdirs names it:
``$XDG_CACHE_HOME/msht-toolkit`` or ``~/.cache/msht-toolkit`` on Linux,
``~/Library/Caches/msht-toolkit`` on macOS, ``%LOCALAPPDATA%\\msht-toolkit\\Cache`` on
Windows; ``MSHT_CACHE_DIR=`` empty turns it off), written atomically
and readable by its owner only. It is keyed on the toolkit's version and each bundled
file's path, size and modification time, so an upgrade or an edited bank is re-read.
Anything wrong with the cache (missing, unreadable, from another version, corrupt)
means the banks are simply read from their files again. User banks (``--bank``,
``MSHT_BANKS``) are never cached: they are the ones being edited.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from msht_toolkit import __version__
from msht_toolkit.banks import when as when_lang
from msht_toolkit.banks.measures import BETTER, UNITS, Measure, MeasureFile
from msht_toolkit.banks.model import (
    QUESTION_TYPES,
    THEMES,
    Action,
    Bank,
    Option,
    Question,
    QuestionType,
    Section,
    Threshold,
)
from msht_toolkit.checking import is_number

FORMAT = 3  # 2: number questions' min, max and unit; 3: measures files
FILE_NAME = "bundled-banks.json"


def cache_dir(environ: Mapping[str, str] | None = None) -> Path | None:
    env = os.environ if environ is None else environ
    if "MSHT_CACHE_DIR" in env:
        value = env["MSHT_CACHE_DIR"].strip()
        return Path(value).expanduser() if value else None
    from platformdirs import user_cache_path

    return user_cache_path("msht-toolkit", appauthor=False)


def signature(files: list[Path]) -> str | None:
    """What the cache is valid for; None if a file cannot be looked at."""
    digest = hashlib.sha256(f"{__version__}|{FORMAT}".encode())
    for path in files:
        try:
            info = path.stat()
        except OSError:
            return None
        digest.update(f"|{path.resolve()}|{info.st_size}|{info.st_mtime_ns}".encode())
    return digest.hexdigest()


def load(
    files: list[Path], environ: Mapping[str, str] | None = None
) -> tuple[list[Bank], list[MeasureFile]] | None:
    """The cached banks and measures files for exactly these files, or None (then read
    the files)."""
    folder = cache_dir(environ)
    key = signature(files)
    if folder is None or key is None:
        return None
    try:
        with open(folder / FILE_NAME, encoding="utf-8") as handle:
            data = json.load(handle)
        if not isinstance(data, dict) or data.get("signature") != key:
            return None
        return (
            [bank_from_data(item) for item in _field(data, "banks", "list")],
            [measures_from_data(item) for item in _field(data, "measures", "list")],
        )
    except (OSError, ValueError, RecursionError, when_lang.WhenSyntaxError):
        # missing, unreadable, cut short, edited: ignored, and rebuilt from the files
        return None


def store(
    files: list[Path],
    banks: list[Bank],
    environ: Mapping[str, str] | None = None,
    measures: Sequence[MeasureFile] = (),
) -> None:
    """Remember the parsed banks and measures files; failing to (read-only home, full
    disk) is not an error."""
    from msht_toolkit.yamlio import atomic_write_text

    folder = cache_dir(environ)
    key = signature(files)
    if folder is None or key is None:
        return
    document = {
        "signature": key,
        "banks": [bank_to_data(b) for b in banks],
        "measures": [measures_to_data(m) for m in measures],
    }
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        atomic_write_text(folder / FILE_NAME, json.dumps(document), fsync=False)
    except OSError:
        pass


def bank_to_data(bank: Bank) -> dict[str, Any]:
    return {
        "id": bank.id,
        "title": bank.title,
        "version": bank.version,
        "theme": bank.theme,
        "description": bank.description,
        "weight": bank.weight,
        "green": bank.green,
        "amber": bank.amber,
        "path": bank.path,
        "bundled": bank.bundled,
        "sections": [
            {
                "id": s.id,
                "title": s.title,
                "questions": [_question_to_data(q) for q in s.questions],
            }
            for s in bank.sections
        ],
    }


def _question_to_data(q: Question) -> dict[str, Any]:
    return {
        "id": q.id,
        "text": q.text,
        "type": q.type,
        "help": q.help,
        "weight": q.weight,
        "critical": q.critical,
        "levels": list(q.levels),
        "options": [[o.id, o.label, o.score] for o in q.options],
        "thresholds": [[t.min, t.score] for t in q.thresholds],
        "min": q.min,
        "max": q.max,
        "unit": q.unit,
        "evidence": q.evidence,
        "actions": [[a.below, a.do, a.owner, a.priority] for a in q.actions],
        "when": q.when_text,
        "replaces": list(q.replaces),
        "refs": list(q.refs),
        "line": q.line,
    }


class _Invalid(ValueError):
    """A cache entry that is not what ``store`` writes (edited, truncated, another shape)."""


def _field(data: Any, key: str, kind: str, optional: bool = False) -> Any:
    """``data[key]`` checked to be of ``kind`` (text, number, flag, list, mapping)."""
    if not isinstance(data, dict) or key not in data:
        raise _Invalid(key)
    return _value(data[key], kind, optional, key)


def _value(value: Any, kind: str, optional: bool = False, what: str = "item") -> Any:
    if value is None and optional:
        return None
    if kind == "number":
        ok = is_number(value)
        if ok and not math.isfinite(value):
            ok = False
    else:
        ok = isinstance(value, _KINDS[kind])
        if kind == "int" and isinstance(value, bool):
            ok = False
    if not ok:
        raise _Invalid(what)
    return value


_KINDS: dict[str, type | tuple[type, ...]] = {
    "text": str,
    "flag": bool,
    "int": int,
    "list": list,
    "mapping": dict,
}


def _row(value: Any, kinds: tuple[str, ...]) -> list[Any]:
    """A list written as a row (an option, a threshold, an action), each item checked."""
    if not isinstance(value, list) or len(value) != len(kinds):
        raise _Invalid("row")
    return [
        _value(item, kind.rstrip("?"), kind.endswith("?"))
        for item, kind in zip(value, kinds, strict=True)
    ]


def _texts(data: Any, key: str) -> tuple[str, ...]:
    return tuple(_value(item, "text") for item in _field(data, key, "list"))


def bank_from_data(data: Any) -> Bank:
    """A bank from its cache entry; ``_Invalid`` where any field has the wrong shape."""
    theme = _field(data, "theme", "text")
    if theme not in THEMES:
        raise _Invalid("theme")
    return Bank(
        id=_field(data, "id", "text"),
        title=_field(data, "title", "text"),
        version=_field(data, "version", "text"),
        theme=theme,
        description=_field(data, "description", "text", optional=True),
        weight=_field(data, "weight", "number"),
        green=_field(data, "green", "number"),
        amber=_field(data, "amber", "number"),
        path=_field(data, "path", "text"),
        bundled=_field(data, "bundled", "flag"),
        sections=tuple(
            Section(
                _field(s, "id", "text"),
                _field(s, "title", "text"),
                tuple(_question_from_data(q) for q in _field(s, "questions", "list")),
            )
            for s in _field(data, "sections", "list")
        ),
    )


def _question_from_data(q: Any) -> Question:
    kind = _field(q, "type", "text")
    if kind not in QUESTION_TYPES:
        raise _Invalid("type")
    when_text = _field(q, "when", "text", optional=True)
    return Question(
        id=_field(q, "id", "text"),
        text=_field(q, "text", "text"),
        type=QuestionType(kind),
        help=_field(q, "help", "text", optional=True),
        weight=_field(q, "weight", "number"),
        critical=_field(q, "critical", "flag"),
        levels=_texts(q, "levels"),
        options=tuple(
            Option(*_row(o, ("text", "text", "number"))) for o in _field(q, "options", "list")
        ),
        thresholds=tuple(
            Threshold(*_row(t, ("number", "number"))) for t in _field(q, "thresholds", "list")
        ),
        min=_field(q, "min", "number", optional=True),
        max=_field(q, "max", "number", optional=True),
        unit=_field(q, "unit", "text", optional=True),
        evidence=_field(q, "evidence", "text", optional=True),
        actions=tuple(
            Action(*_row(a, ("number", "text", "text?", "text")))
            for a in _field(q, "actions", "list")
        ),
        when=when_lang.parse(when_text) if when_text is not None else None,
        when_text=when_text,
        replaces=_texts(q, "replaces"),
        refs=_texts(q, "refs"),
        line=_field(q, "line", "int"),
    )


def measures_to_data(mfile: MeasureFile) -> dict[str, Any]:
    return {
        "id": mfile.id,
        "version": mfile.version,
        "title": mfile.title,
        "description": mfile.description,
        "path": mfile.path,
        "bundled": mfile.bundled,
        "line": mfile.line,
        "measures": [
            [m.id, m.title, m.unit, m.better, m.per_population, m.bank, m.help, m.file, m.line]
            for m in mfile.measures
        ],
    }


def measures_from_data(data: Any) -> MeasureFile:
    """A measures file from its cache entry; ``_Invalid`` where a field has the wrong shape."""
    measures = []
    for row in _field(data, "measures", "list"):
        measure = Measure(
            *_row(
                row,
                ("text", "text", "text", "text", "flag", "text?", "text?", "text", "int"),
            )
        )
        if measure.unit not in UNITS or measure.better not in BETTER:
            raise _Invalid("measure")
        measures.append(measure)
    return MeasureFile(
        id=_field(data, "id", "text"),
        version=_field(data, "version", "text"),
        title=_field(data, "title", "text", optional=True),
        description=_field(data, "description", "text", optional=True),
        path=_field(data, "path", "text"),
        bundled=_field(data, "bundled", "flag"),
        line=_field(data, "line", "int"),
        measures=tuple(measures),
    )
