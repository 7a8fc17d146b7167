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

FORMAT = 4  # 2: number questions' min, max and unit; 3: measures files; 4: the models' to_data
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
    from msht_toolkit.safewrite import atomic_write_text

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
    """``Bank.to_data`` and what only the cache keeps: the file, and each question's line."""
    return {
        **bank.to_data(),
        "path": bank.path,
        "bundled": bank.bundled,
        "lines": [q.line for q in bank.questions()],
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


def _texts(data: Any, key: str) -> tuple[str, ...]:
    return tuple(_value(item, "text") for item in _field(data, key, "list"))


def bank_from_data(data: Any) -> Bank:
    """A bank from its cache entry; ``_Invalid`` where any field has the wrong shape."""
    theme = _field(data, "theme", "text")
    if theme not in THEMES:
        raise _Invalid("theme")
    lines = iter(_field(data, "lines", "list"))
    rag = _field(data, "rag", "mapping")
    bank = Bank(
        id=_field(data, "id", "text"),
        title=_field(data, "title", "text"),
        version=_field(data, "version", "text"),
        theme=theme,
        description=_field(data, "description", "text", optional=True),
        weight=_field(data, "weight", "number"),
        green=_field(rag, "green", "number"),
        amber=_field(rag, "amber", "number"),
        path=_field(data, "path", "text"),
        bundled=_field(data, "bundled", "flag"),
        sections=tuple(
            Section(
                _field(s, "id", "text"),
                _field(s, "title", "text"),
                tuple(
                    _question_from_data(q, _value(next(lines, None), "int", what="lines"))
                    for q in _field(s, "questions", "list")
                ),
            )
            for s in _field(data, "sections", "list")
        ),
    )
    if next(lines, None) is not None:
        raise _Invalid("lines")
    return bank


def _question_from_data(q: Any, line: int) -> Question:
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
            Option(
                _field(o, "id", "text"), _field(o, "label", "text"), _field(o, "score", "number")
            )
            for o in _field(q, "options", "list")
        ),
        thresholds=tuple(
            Threshold(_field(t, "min", "number"), _field(t, "score", "number"))
            for t in _field(q, "thresholds", "list")
        ),
        min=_field(q, "min", "number", optional=True),
        max=_field(q, "max", "number", optional=True),
        unit=_field(q, "unit", "text", optional=True),
        evidence=_field(q, "evidence", "text", optional=True),
        actions=tuple(
            Action(
                _field(a, "below", "number"),
                _field(a, "do", "text"),
                _field(a, "owner", "text", optional=True),
                _field(a, "priority", "text"),
            )
            for a in _field(q, "actions", "list")
        ),
        when=when_lang.parse(when_text) if when_text is not None else None,
        when_text=when_text,
        replaces=_texts(q, "replaces"),
        refs=_texts(q, "refs"),
        line=line,
    )


def measures_to_data(mfile: MeasureFile) -> dict[str, Any]:
    """``MeasureFile.to_data`` and what only the cache keeps: the file, lines, file ids."""
    return {
        **mfile.to_data(),
        "measures": [{**m.to_data(), "file": m.file, "line": m.line} for m in mfile.measures],
        "path": mfile.path,
        "bundled": mfile.bundled,
        "line": mfile.line,
    }


def measures_from_data(data: Any) -> MeasureFile:
    """A measures file from its cache entry; ``_Invalid`` where a field has the wrong shape."""
    measures = []
    for m in _field(data, "measures", "list"):
        measure = Measure(
            id=_field(m, "id", "text"),
            title=_field(m, "title", "text"),
            unit=_field(m, "unit", "text"),
            better=_field(m, "better", "text"),
            per_population=_field(m, "per_population", "flag"),
            bank=_field(m, "bank", "text", optional=True),
            help=_field(m, "help", "text", optional=True),
            file=_field(m, "file", "text"),
            line=_field(m, "line", "int"),
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
