"""``msht explain --json`` (``msht-explain/1``): how a rating was reached, as data.

::

    {"schema": "msht-explain/1", "partnership": "...", "period": "...",
     "explanation": {
        "kind": "overall" | "bank" | "section" | "question", "id": "...", "title": "...",
        "score": 61.3, "rag": "AMBER",
        "thresholds": {"green": 75, "amber": 40, "source": "..."},
        "terms": [{"id": "...", "label": "...", "score": 66.7, "weight": 2.0,
                   "critical": false}],
        "excluded": [{"id": "...", "label": "...", "reason": "not applicable"}],
        "how": ["..."], "uncapped_rag": null, "capped_by": null,
        "completeness": 0.95, "answered": 19, "applicable": 20, "provisional": false,
        "parts": [<explanation>, ...]}}

Scores are percent rounded to one decimal and completeness to three, as in
``msht-score/1``; ``parts`` nests the explanations under this one (the themes under the
overall rating).
"""

from __future__ import annotations

from typing import Any

from msht_toolkit.analysis.explain import Explanation
from msht_toolkit.assessment.model import Assessment
from msht_toolkit.scoring.scorer import round_score

EXPLAIN_SCHEMA = "msht-explain/1"


def explain_json(assessment: Assessment, explanation: Explanation) -> dict[str, Any]:
    return {
        "schema": EXPLAIN_SCHEMA,
        "partnership": assessment.partnership,
        "period": assessment.period,
        "explanation": _explanation(explanation),
    }


def _explanation(e: Explanation) -> dict[str, Any]:
    return {
        "kind": e.kind,
        "id": e.id,
        "title": e.title,
        "score": round_score(e.score),
        "rag": e.rag,
        "thresholds": {
            "green": e.thresholds.green,
            "amber": e.thresholds.amber,
            "source": e.thresholds.source,
        },
        "terms": [
            {
                "id": t.id,
                "label": t.label,
                "score": round_score(t.score),
                "weight": t.weight,
                "critical": t.critical,
            }
            for t in e.terms
        ],
        "excluded": [{"id": x.id, "label": x.label, "reason": x.reason} for x in e.excluded],
        "how": list(e.how),
        "uncapped_rag": e.uncapped_rag,
        "capped_by": e.capped_by,
        "completeness": None if e.completeness is None else round(e.completeness, 3),
        "answered": e.answered,
        "applicable": e.applicable,
        "provisional": e.provisional,
        "parts": [_explanation(p) for p in e.parts],
    }
