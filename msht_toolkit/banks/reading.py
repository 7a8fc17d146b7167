"""What reading a bank file and a measures file share.

Both are one YAML mapping with a ``schema:``, an ``id`` and a quoted ``version``; both
collect every problem they find, each with its file, line and column, and raise one
``BankError`` listing them. ``loader`` and ``measures_loader`` check what is their own.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from msht_toolkit.checking import Checker, check_schema, is_number, kind_of
from msht_toolkit.errors import BankError, FileProblemError, Problem
from msht_toolkit.positions import NOWHERE, YMap
from msht_toolkit.yamlio import load_yaml_file, load_yaml_text

KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # bank, section, option and file ids


def read_file(path: Path, what: str) -> Any:
    """The file's data with positions; ``BankError`` when it cannot be read as safe YAML."""
    try:
        return load_yaml_file(path, what)
    except FileProblemError as exc:
        raise BankError(exc.problems) from None


def read_text(text: str, path: str, what: str) -> Any:
    """``read_file`` for text in hand (``path`` names it in messages)."""
    try:
        return load_yaml_text(text, path, what)
    except FileProblemError as exc:
        raise BankError(exc.problems) from None


def top_mapping(data: Any, path: str, noun: str) -> YMap:
    """The file's top-level mapping; ``BankError`` at once when it is not one."""
    if not isinstance(data, YMap):
        message = f"a {noun} must be a mapping, not {kind_of(data)}"
        raise BankError(Problem(path, NOWHERE.line, NOWHERE.col, message))
    return data


def check_file_schema(data: YMap, checker: Checker, expected: str, what: str, missing: str) -> None:
    """``schema:`` names ``expected``; a missing one is a problem (``missing`` says it),
    another one stops the reading here: nothing else in the file can be trusted."""
    if "schema" not in data:
        checker.add(data.pos, missing)
    elif not check_schema(data["schema"], data.vpos("schema"), expected, checker, what):
        raise BankError(checker.problems)


def quoted_version(data: YMap, checker: Checker, noun: str) -> str | None:
    """``version:`` as text; a number (``version: 1.10`` read as 1.1) is a problem."""
    if "version" not in data:
        return None
    version = data["version"]
    if is_number(version):
        checker.add(
            data.vpos("version"),
            f'{noun} version must be quoted text (version: "{version}"), '
            "or YAML turns it into a number",
        )
        return None
    return checker.text(data, "version", noun, required=True)


def raise_problems(checker: Checker) -> None:
    """One ``BankError`` listing every problem found, if there is any."""
    if checker.problems:
        raise BankError(checker.problems)
