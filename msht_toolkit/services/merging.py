"""``msht merge``: the agencies' files read and checked, and the merged file written.

Nothing is merged unless every input loads (``InputsError`` lists every problem); the
merged assessment is written atomically, readable by its owner only, under the header
that marks it as a merge (so a later merge may replace it).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from msht_toolkit.errors import InputsError, MshtError, WriteError

if TYPE_CHECKING:
    from msht_toolkit.analysis.merge import MergeResult, Source
    from msht_toolkit.banks.registry import BankSet


def load_sources(files: list[Path], bankset: BankSet) -> list[Source]:
    """Each file loaded and checked against its own bank versions, in order; raise
    ``InputsError`` with every file's problems when any does not load."""
    from msht_toolkit.analysis.merge import Source
    from msht_toolkit.services.files import load_checked

    sources: list[Source] = []
    problems: list[MshtError] = []
    for path in files:
        try:
            checked = load_checked(path, bankset)
        except MshtError as exc:
            problems.append(exc)
            continue
        sources.append(Source(checked.assessment, checked.banks, path.name))
    if problems:
        raise InputsError(problems)
    return sources


def write_merged(result: MergeResult, out: Path) -> None:
    """The merged assessment saved to ``out``; a failure is a ``WriteError``."""
    from msht_toolkit.assessment.writing import MERGE_HEADER, save_assessment

    try:
        save_assessment(result.assessment, out, header=MERGE_HEADER)
    except OSError as exc:
        raise WriteError(f"{out}: cannot write: {exc.strerror}") from None
