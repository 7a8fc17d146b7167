"""``msht review --json`` (``msht-review/1``): what to look at before an assessment is finished.

::

    {"schema": "msht-review/1", "partnership": "...", "period": "...",
     "totals": {"marked": 1, "dont_know": 2, "unanswered": 3},
     "banks": [{"id": "identification", "version": "2026.1", "title": "...",
                "items": [{"question": "ID-NRM-02", "section": "nrm", "text": "...",
                           "kinds": ["marked for review", "don't know"],
                           "reason": "...", "by": "...", "value": "unknown"}]}]}

``kinds`` holds one or more of "marked for review", "don't know" and "not answered";
``totals`` counts an item under each of its kinds; ``value`` is null when unanswered.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from msht_toolkit.analysis.review import DONT_KNOW, MARKED, UNANSWERED, ReviewGroup, totals
from msht_toolkit.assessment.model import Assessment

REVIEW_SCHEMA = "msht-review/1"


def review_json(assessment: Assessment, groups: Sequence[ReviewGroup]) -> dict[str, Any]:
    counts = totals(groups)
    return {
        "schema": REVIEW_SCHEMA,
        "partnership": assessment.partnership,
        "period": assessment.period,
        "totals": {
            "marked": counts[MARKED],
            "dont_know": counts[DONT_KNOW],
            "unanswered": counts[UNANSWERED],
        },
        "banks": [
            {
                "id": group.bank.id,
                "version": group.bank.version,
                "title": group.bank.title,
                "items": [
                    {
                        "question": item.qid,
                        "section": item.section.id,
                        "text": item.question.text,
                        "kinds": list(item.kinds),
                        "reason": item.reason,
                        "by": item.by,
                        "value": item.value,
                    }
                    for item in group.items
                ],
            }
            for group in groups
        ],
    }
