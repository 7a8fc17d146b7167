"""Assessment files as every command reads them: loaded, checked against the bank
versions they name, and scored.

``load_checked`` is the one place a file is read and checked; ``score_file`` scores
what it returns, with the file's performance figures beside the ratings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from msht_toolkit.assessment.model import Assessment
    from msht_toolkit.banks.model import Bank
    from msht_toolkit.banks.registry import BankSet
    from msht_toolkit.scoring.scorer import ScoreCard


@dataclass(frozen=True)
class CheckedAssessment:
    """An assessment file read and checked: every value normalised, every answer, plan
    entry and figure known to its banks; ``banks`` its scope, in display order."""

    assessment: Assessment
    banks: tuple[Bank, ...]
    path: Path


@dataclass(frozen=True)
class ScoredFile:
    """A checked assessment and its ratings (``card``, with the measures beside them)."""

    checked: CheckedAssessment
    card: ScoreCard

    @property
    def assessment(self) -> Assessment:
        return self.checked.assessment

    @property
    def banks(self) -> list[Bank]:
        return list(self.checked.banks)


def load_checked(path: Path, bankset: BankSet) -> CheckedAssessment:
    """Read ``path`` and check it against the bank versions it names (all the newest
    loaded banks where it names none); raise ``AssessmentError`` listing every problem
    with its line."""
    from msht_toolkit.assessment.check import check_answers
    from msht_toolkit.assessment.reading import load_assessment

    assessment = load_assessment(path)
    banks = check_answers(assessment, bankset)
    return CheckedAssessment(assessment, tuple(banks), Path(path))


def score_file(path: Path, bankset: BankSet) -> ScoredFile:
    """``path`` loaded, checked and scored against its own bank versions."""
    from msht_toolkit.scoring.scorer import score_assessment

    checked = load_checked(path, bankset)
    card = score_assessment(checked.assessment, checked.banks)
    return ScoredFile(checked, card.with_measures(bankset.measures))


def score_files(paths: Iterable[Path], bankset: BankSet) -> list[ScoreCard]:
    """Each file's ratings, in order, each against its own bank versions (diff, trend)."""
    return [score_file(path, bankset).card for path in paths]
