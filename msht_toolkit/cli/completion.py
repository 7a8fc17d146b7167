"""Shell completion of values: assessment files and bank ids.

Command names and options complete through typer (``msht --install-completion``,
``msht --show-completion bash|zsh|fish``); these functions add the values: ``*.msht.yaml``
files (and folders, to walk into) for FILE arguments, bank ids for ``banks show ID`` and
``assess --bank``. They run only while the shell asks for completions, never on a command.
"""

from __future__ import annotations

import os
from pathlib import Path

ASSESSMENT_SUFFIX = ".msht.yaml"


def _entries(incomplete: str) -> list[tuple[str, bool]]:
    """(path as typed, is a folder) for every entry of the folder ``incomplete`` names."""
    folder, _, prefix = incomplete.rpartition(os.sep)
    base = Path(folder or ".") if folder or not incomplete.startswith(os.sep) else Path(os.sep)
    try:
        children = sorted(base.iterdir())
    except OSError:
        return []
    lead = f"{folder}{os.sep}" if folder or incomplete.startswith(os.sep) else ""
    out = []
    for child in children:
        if not child.name.startswith(prefix) or (child.name.startswith(".") and not prefix):
            continue
        out.append((lead + child.name, child.is_dir()))
    return out


def assessment_files(incomplete: str) -> list[str]:
    """Folders (ending in the separator) and ``*.msht.yaml`` files starting with ``incomplete``."""
    return [
        name + os.sep if is_dir else name
        for name, is_dir in _entries(incomplete)
        if is_dir or name.endswith(ASSESSMENT_SUFFIX)
    ]


def yaml_files(incomplete: str) -> list[str]:
    """Folders and ``*.yaml``/``*.yml`` files (answers files, bank files)."""
    return [
        name + os.sep if is_dir else name
        for name, is_dir in _entries(incomplete)
        if is_dir or name.endswith((".yaml", ".yml"))
    ]


def bank_ids(incomplete: str, measures: bool = False) -> list[str]:
    """The ids of the loaded banks (bundled and ``MSHT_BANKS``) starting with ``incomplete``;
    with ``measures``, the measures files' and the measures' ids after them."""
    try:
        from msht_toolkit.banks.registry import load_bankset

        bankset = load_bankset([])
        ids = sorted({b.id for b in bankset.all()})
        if measures:
            ids += sorted(bankset.measure_files) + list(bankset.measures)
    except Exception:  # a broken bank must not break the user's shell
        return []
    return [i for i in ids if i.startswith(incomplete)]


def shown_ids(incomplete: str) -> list[str]:
    """``banks show ID``: bank ids, measures file ids and measure ids."""
    return bank_ids(incomplete, measures=True)


def bank_ids_or_files(incomplete: str) -> list[str]:
    """``assess --bank ID|PATH``: bank ids, then bank files and folders."""
    return bank_ids(incomplete) + yaml_files(incomplete)
