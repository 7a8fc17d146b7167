"""How one score moved to another (``msht diff`` and ``trend``): the change (improved,
declined, unchanged, added, removed), RAG bands moved, and the move in words.

Scores are compared UNROUNDED, like RAG, with a tolerance of ``EPSILON`` points that
only absorbs floating-point noise (a weighted mean summed in a different order).
"""

from __future__ import annotations

from msht_toolkit import vocabulary
from msht_toolkit.scoring.scorer import (
    AMBER,
    EXCLUDED_NA,
    EXCLUDED_TEXT,
    EXCLUDED_UNANSWERED,
    EXCLUDED_WEIGHT0,
    EXCLUDED_WHEN,
    GREEN,
    RED,
    BankResult,
    QuestionResult,
    SectionResult,
)

IMPROVED, DECLINED, UNCHANGED, ADDED, REMOVED = (
    "improved",
    "declined",
    "unchanged",
    "added",
    "removed",
)
CHANGES = (IMPROVED, DECLINED, UNCHANGED, ADDED, REMOVED)

# Scores are percentages 0..100; differences below this are floating-point noise.
EPSILON = 1e-9

BAND = {RED: 0, AMBER: 1, GREEN: 2}


def compare(old: float | None, new: float | None) -> str | None:
    """The change from ``old`` to ``new`` (unrounded percentages); None when both are null."""
    if old is None and new is None:
        return None
    if old is None:
        return ADDED
    if new is None:
        return REMOVED
    if new - old > EPSILON:
        return IMPROVED
    if old - new > EPSILON:
        return DECLINED
    return UNCHANGED


def band_move(old_rag: str, new_rag: str) -> int:
    """+1 / -1 per RAG band moved up / down; 0 when the same or either side is UNRATED."""
    if old_rag not in BAND or new_rag not in BAND:
        return 0
    return BAND[new_rag] - BAND[old_rag]


def change_words(old: float | None, new: float | None, old_rag: str, new_rag: str) -> str:
    """The headline: 'up 9.3 points, AMBER → AMBER'."""
    return f"{vocabulary.change(old, new)}, {old_rag} → {new_rag}"


def question_side(result: QuestionResult | None) -> str:
    """One side of a question pair: its score and RAG, or why it has none."""
    if result is None or result.score is None:
        return not_scored_reason(result)
    return vocabulary.rating(result.score, result.rag)


def bank_side(result: BankResult | SectionResult | None) -> str:
    """One side of a bank (or section) pair: score and RAG, or 'not assessed'."""
    if result is None:
        return "not assessed"
    return vocabulary.rating(result.score, result.rag, result.provisional)


def not_scored_reason(result: QuestionResult | None) -> str:
    """Why one side of a pair has no score, in a few words."""
    if result is None:
        return "not asked"
    if result.excluded in (EXCLUDED_NA, EXCLUDED_WHEN):
        return "not applicable"
    if result.excluded == EXCLUDED_UNANSWERED:
        return "not answered"
    if result.excluded in (EXCLUDED_TEXT, EXCLUDED_WEIGHT0):
        return "not scored"
    return "no score"
