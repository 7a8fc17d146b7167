"""The ``msht diff --json`` document (``msht-diff/1``), built from a ``Diff``.

Shape::

    {"schema": "msht-diff/1",
     "old": {"period": "2025/26", "overall": {"score": 52.0, "rag": "AMBER"}},
     "new": {"period": "2026/27", "overall": {"score": 61.3, "rag": "AMBER"}},
     "summary": {"improved": 12, "declined": 3, "unchanged": 40, "added": 2, "removed": 1},
     "questions": [{"id", "old_score", "new_score", "old_rag", "new_rag", "change"}],
     "sections": [{"id", "bank", "old_score", "new_score", "old_rag", "new_rag", "change"}],
     "banks": [{"id", "old_version", "new_version", "old_score", "new_score",
                "old_rag", "new_rag", "change"}],
     "measures": [{"id": "NRM-REFERRALS", "old": 40, "new": 26, "change_pct": -35.0}],
     "flags": [{"kind": "rating-up-outcome-down", "bank": "identification",
                "measure": "NRM-REFERRALS", "bank_change": 12.0,
                "measure_change_pct": -35.0}]}

``measures`` and ``flags`` follow the rules in
``msht_toolkit/analysis/outcomes.py``: ``change_pct`` is null where the old value is 0 or either
value is missing.

Scores are rounded to one decimal; a side with no score is ``null`` and ``UNRATED``.
``id`` is the question id in the new file (the old one for a removed question).
Items with no score in either file are left out, of ``summary`` too.
"""

from __future__ import annotations

from typing import Any

from msht_toolkit.analysis.diff import DIFF_SCHEMA, Diff
from msht_toolkit.analysis.outcomes import change_json, flag_json
from msht_toolkit.scoring.scorer import ScoreCard, round_score


def _side(card: ScoreCard) -> dict[str, Any]:
    return {
        "period": card.assessment.period,
        "overall": {"score": round_score(card.overall.score), "rag": card.overall.rag},
    }


def diff_json(diff: Diff) -> dict[str, Any]:
    """The document, in its published shape (the README's "JSON outputs")."""
    return {
        "schema": DIFF_SCHEMA,
        "old": _side(diff.old),
        "new": _side(diff.new),
        "summary": diff.summary(),
        "questions": [
            {
                "id": q.id,
                "old_score": round_score(q.old_score),
                "new_score": round_score(q.new_score),
                "old_rag": q.old_rag,
                "new_rag": q.new_rag,
                "change": q.change,
            }
            for q in diff.questions
        ],
        "sections": [
            {
                "id": s.id,
                "bank": s.bank_id,
                "old_score": round_score(s.old_score),
                "new_score": round_score(s.new_score),
                "old_rag": s.old_rag,
                "new_rag": s.new_rag,
                "change": s.change,
            }
            for s in diff.sections
        ],
        "banks": [
            {
                "id": b.id,
                "old_version": b.old_version,
                "new_version": b.new_version,
                "old_score": round_score(b.old_score),
                "new_score": round_score(b.new_score),
                "old_rag": b.old_rag,
                "new_rag": b.new_rag,
                "change": b.change,
            }
            for b in diff.banks
        ],
        "measures": [change_json(m) for m in diff.measures],
        "flags": [flag_json(f) for f in diff.flags],
    }
