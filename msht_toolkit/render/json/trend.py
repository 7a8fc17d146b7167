"""The ``msht trend --json`` document (``msht-trend/1``), built from a ``Trend``.

Shape (scores rounded to one decimal; ``null`` / ``"UNRATED"`` where there is none)::

    {"schema": "msht-trend/1",
     "partnership": "Midshire Anti-Slavery Partnership",     # of the latest file
     "periods": [{"period": "2025/26", "file": "midshire-2025.msht.yaml",
                  "assessed_on": "2026-03-12"}],              # oldest first
     "overall": [{"period": "2025/26", "score": 52.0, "rag": "AMBER",
                  "provisional": false, "step": null}],        # one per period
     "banks": [{"id": "identification", "title": "Identification and referral",
                "points": [{"period": "2025/26", "assessed": true, "version": "2025.1",
                            "score": 48.1, "rag": "AMBER", "provisional": false,
                            "step": null}]}],
     "targets": [{"id": "ID-NRM-01", "kind": "question", "target": 100.0,
                  "by": "2028-03-31", "status": "below target",
                  "first": {"period": "2025/26", "score": 33.3},
                  "latest": {"period": "2026/27", "score": 66.7, "rag": "AMBER"},
                  "gap": 33.3, "progress": 50.0, "met": false}]}

``step`` is ``"up"``, ``"down"`` or ``"same"`` against the previous period, ``null`` for
the first period or where either period has no score. ``assessed`` is false where the
file did not include the bank. ``kind`` is question, section (id ``bank/section``), bank
or unmatched; ``target`` is a percentage (a level target is level/3 of 100); ``status``
is one of ``targets.STATUS_ORDER`` (met, below target, overdue, not rated, not in this
assessment); ``progress`` is the percent of the way (0..100) from the first scored
period's score to the target, as ``targets.percent_of_way`` measures it.

``measures``: ``[{"id", "title", "values": [...], "per_100k": [...]}]``,
one value and one rate per period in the order of ``periods`` (null where not recorded).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msht_toolkit.analysis.outcomes import trend_measures
from msht_toolkit.analysis.trend import TREND_SCHEMA, Point, Trend
from msht_toolkit.scoring.scorer import round_score


def _point(point: Point, bank: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"period": point.period}
    if bank:
        out["assessed"] = point.assessed
        out["version"] = point.version
    out.update(
        score=round_score(point.score),
        rag=point.rag,
        provisional=point.provisional,
        step=point.step,
    )
    return out


def trend_json(trend: Trend) -> dict[str, Any]:
    return {
        "schema": TREND_SCHEMA,
        "partnership": trend.partnership,
        "periods": [
            {
                "period": c.assessment.period,
                "file": Path(c.assessment.path).name if c.assessment.path else None,
                "assessed_on": c.assessment.assessed_on,
            }
            for c in trend.cards
        ],
        "overall": [_point(p, bank=False) for p in trend.overall.points],
        "banks": [
            {"id": s.id, "title": s.title, "points": [_point(p, bank=True) for p in s.points]}
            for s in trend.banks
        ],
        "targets": [
            {
                "id": t.key,
                "kind": t.kind,
                "target": round_score(t.target),
                "by": t.by,
                "status": t.status,
                "first": {"period": t.first_period, "score": round_score(t.first_score)},
                "latest": {
                    "period": t.latest_period,
                    "score": round_score(t.latest_score),
                    "rag": t.latest_rag,
                },
                "gap": round_score(t.gap),
                "progress": round_score(t.percent_of_way),
                "met": t.met,
            }
            for t in trend.targets
        ],
        "measures": [
            {"id": m.id, "title": m.title, "values": values, "per_100k": rates}
            for m, values, rates in trend_measures([c.measures for c in trend.cards])
        ],
    }
