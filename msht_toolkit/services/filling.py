"""``msht assess FILE --answers ANSWERS.yaml``: fill a file without asking anything.

Under the file's one-writer lock: the assessment is opened as a walk would open it
(``walk_start.open_assessment``: new, resumed, or next year's with ``--from``), filled
from the answers file (``assessment.fill``), and saved only when every answer checks
and nothing else changed the file meanwhile; on any problem nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from msht_toolkit.errors import UsageError, WriteError

if TYPE_CHECKING:
    from msht_toolkit.assessment.model import Assessment
    from msht_toolkit.banks.registry import BankSet


@dataclass(frozen=True)
class Filled:
    """What was written: the filled assessment."""

    assessment: Assessment

    @property
    def answered(self) -> int:
        return sum(1 for a in self.assessment.answers.values() if a.answered)


def fill_file(
    file: Path,
    answers: Path,
    from_: Path | None,
    ids: list[str],
    bankset: BankSet,
    agency: str | None,
    note: Callable[[str], None],
) -> Filled:
    """Fill ``file`` from ``answers`` and save it; ``note`` is told, before the fill,
    which of last year's plan decisions ``--from`` could not carry."""
    import datetime as dt

    from msht_toolkit.assessment.fill import fill_from_file
    from msht_toolkit.assessment.lock import writer_lock
    from msht_toolkit.assessment.ondisk import changed, read_state
    from msht_toolkit.assessment.writing import save_assessment
    from msht_toolkit.errors import FileChangedError
    from msht_toolkit.services.walk_start import CARRY, open_assessment

    with writer_lock(file, "msht assess --answers"):
        # looked at again under the lock: another writer may have finished meanwhile
        before = read_state(file)
        if from_ is not None and before is not None:
            raise UsageError(f"{file} already exists; --from makes a new file")
        opened = open_assessment(file, from_, ids, bankset, exists=before is not None)
        if opened.left_out:
            note(opened.left_out)
        if opened.kind == CARRY:
            # The date defaults to today below, unless the answers file gives the date the
            # partnership met (a whole-assessment answers file's `assessed_on`).
            opened.assessment.assessed_on = None
        filled = fill_from_file(
            opened.assessment, answers, opened.banks, default_by=agency, measures=bankset.measures
        )
        if not filled.assessed_on:
            filled.assessed_on = dt.date.today().isoformat()
        filled.path = None
        if changed(file, before) is not False:
            raise FileChangedError(
                f"{file}: was changed by another program while it was being filled; "
                "nothing was written (run the command again)"
            )
        try:
            save_assessment(filled, file)
        except OSError as exc:
            raise WriteError(f"{file}: cannot write: {exc.strerror}") from None
    return Filled(filled)
