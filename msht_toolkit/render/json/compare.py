"""``msht compare --json`` (``msht-compare/1``): the comparison as data.

The document's shape and rules are described with the comparison itself
(``msht_toolkit.analysis.compare``). Scores are rounded to one decimal and completeness
to three, only here.
"""

from __future__ import annotations

from typing import Any

from msht_toolkit.analysis.compare import Comparison, Distribution
from msht_toolkit.analysis.outcomes import flag_json
from msht_toolkit.scoring.scorer import UNRATED, round_score

COMPARE_SCHEMA = "msht-compare/1"


def _distribution_json(d: Distribution) -> dict[str, Any]:
    return {
        "n": d.n,
        "red": d.red,
        "amber": d.amber,
        "green": d.green,
        "unrated": d.unrated,
        "min": round_score(d.min),
        "q1": round_score(d.q1),
        "median": round_score(d.median),
        "q3": round_score(d.q3),
        "max": round_score(d.max),
    }


def _without_help(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k != "help"}


def compare_json(comparison: Comparison) -> dict[str, Any]:
    """The ``msht-compare/1`` document (see module doc)."""
    c = comparison
    partnerships = []
    for entry in c.entries:
        bank_rows = []
        for info in c.banks:
            rating = entry.bank(info.id)
            bank_rows.append(
                {
                    "id": info.id,
                    "version": rating.version if rating else None,
                    "score": round_score(rating.score) if rating else None,
                    "rag": rating.rag if rating else UNRATED,
                    "quartile": c.quartile(entry, info.id),
                }
            )
        partnerships.append(
            {
                "partnership": entry.partnership,
                "area": entry.area,
                "file": entry.file,
                "overall": {
                    "score": round_score(entry.score),
                    "rag": entry.rag,
                    "completeness": round(entry.completeness, 3),
                    "provisional": entry.provisional,
                    "quartile": c.quartile(entry),
                },
                "banks": bank_rows,
                "measures": [
                    {
                        "id": m.id,
                        "value": row.value if row else None,
                        "per_100k": row.per_100k if row else None,
                        "quartile": c.measure_quartile(entry, m.id),
                    }
                    for m in c.measures
                    for row in [entry.measure(m.id)]
                ],
            }
        )
    return {
        "schema": COMPARE_SCHEMA,
        "period": c.period,
        "banks": [{"id": b.id, "title": b.title, "theme": b.theme} for b in c.banks],
        "partnerships": partnerships,
        "distribution": {
            "overall": _distribution_json(c.overall),
            "banks": [{"id": b.id, **_distribution_json(c.per_bank[b.id])} for b in c.banks],
        },
        "excluded": [{"file": e.file, "period": e.period} for e in c.excluded],
        "skipped": [{"file": s.file, "problem": s.problem} for s in c.skipped],
        "measures": [
            {**_without_help(m.to_data()), "n": c.per_measure[m.id].n} for m in c.measures
        ],
        "flags": [flag_json(f) for f in c.flags],
    }
