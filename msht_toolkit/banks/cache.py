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
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from msht_toolkit import __version__
from msht_toolkit.banks import when as when_lang
from msht_toolkit.banks.measures import Measure, MeasureFile
from msht_toolkit.banks.model import Action, Bank, Option, Question, Section, Threshold

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
        if data.get("signature") != key:
            return None
        return (
            [bank_from_data(item) for item in data["banks"]],
            [measures_from_data(item) for item in data["measures"]],
        )
    except (OSError, ValueError, KeyError, TypeError, when_lang.WhenSyntaxError):
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


def bank_from_data(data: dict[str, Any]) -> Bank:
    return Bank(
        id=data["id"],
        title=data["title"],
        version=data["version"],
        theme=data["theme"],
        description=data["description"],
        weight=data["weight"],
        green=data["green"],
        amber=data["amber"],
        path=data["path"],
        bundled=data["bundled"],
        sections=tuple(
            Section(s["id"], s["title"], tuple(_question_from_data(q) for q in s["questions"]))
            for s in data["sections"]
        ),
    )


def _question_from_data(q: dict[str, Any]) -> Question:
    when_text = q["when"]
    return Question(
        id=q["id"],
        text=q["text"],
        type=q["type"],
        help=q["help"],
        weight=q["weight"],
        critical=q["critical"],
        levels=tuple(q["levels"]),
        options=tuple(Option(*o) for o in q["options"]),
        thresholds=tuple(Threshold(*t) for t in q["thresholds"]),
        min=q["min"],
        max=q["max"],
        unit=q["unit"],
        evidence=q["evidence"],
        actions=tuple(Action(*a) for a in q["actions"]),
        when=when_lang.parse(when_text) if when_text is not None else None,
        when_text=when_text,
        replaces=tuple(q["replaces"]),
        refs=tuple(q["refs"]),
        line=q["line"],
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


def measures_from_data(data: dict[str, Any]) -> MeasureFile:
    return MeasureFile(
        id=data["id"],
        version=data["version"],
        title=data["title"],
        description=data["description"],
        path=data["path"],
        bundled=data["bundled"],
        line=data["line"],
        measures=tuple(Measure(*m) for m in data["measures"]),
    )
