"""The ``msht score --json`` document (``msht-score/1``), built from a ``ScoreCard``.

``measures`` lists the card's performance measures (``ScoreCard.with_measures``; empty
when none were attached): ``[{"id", "title", "unit", "bank", "value", "per_100k"}]``.
"""

from __future__ import annotations

import json
import re
from typing import Any

from msht_toolkit.analysis.outcomes import row_json
from msht_toolkit.scoring.scorer import QuestionResult, ScoreCard, round_score

SCORE_SCHEMA = "msht-score/1"


def _completeness(value: float) -> float:
    return round(value, 3)


def question_json(result: QuestionResult) -> dict[str, Any]:
    return {
        "id": result.id,
        "value": result.value,
        "critical": result.critical,
        "score": round_score(result.score),
        "rag": result.rag,
    }


def sign_off_json(card: ScoreCard) -> dict[str, Any] | None:
    """``{"by", "role", "on", "current"}``, or None where the file was never signed off."""
    from msht_toolkit.assessment.signoff import sign_off_state

    state = sign_off_state(card.assessment)
    if state is None:
        return None
    return {"by": state.by, "role": state.role, "on": state.on, "current": state.current}


def score_json(card: ScoreCard) -> dict[str, Any]:
    """The ``msht score --json`` document, in its published shape (the README's "JSON outputs")."""
    assessment = card.assessment
    return {
        "schema": SCORE_SCHEMA,
        "partnership": assessment.partnership,
        "period": assessment.period,
        "overall": {
            "score": round_score(card.overall.score),
            "rag": card.overall.rag,
            "completeness": _completeness(card.overall.completeness),
            "provisional": card.overall.provisional,
        },
        "themes": [{"id": t.id, "score": round_score(t.score), "rag": t.rag} for t in card.themes],
        "banks": [
            {
                "id": b.bank.id,
                "version": b.bank.version,
                "theme": b.bank.theme,
                "score": round_score(b.score),
                "rag": b.rag,
                "completeness": _completeness(b.completeness),
                "provisional": b.provisional,
                "sections": [
                    {
                        "id": s.id,
                        "score": round_score(s.score),
                        "rag": s.rag,
                        "completeness": _completeness(s.completeness),
                        "provisional": s.provisional,
                        "capped_by": s.capped_by,
                        "questions": [question_json(q) for q in s.questions],
                    }
                    for s in b.sections
                ],
            }
            for b in card.banks
        ],
        "sign_off": sign_off_json(card),
        "measures": [row_json(row) for row in card.measures],
    }


# What ``json.dumps(ensure_ascii=False)`` leaves raw but a terminal must never see (see
# ``msht_toolkit.textsafe``): DEL, the C1 controls, bidi overrides and isolates, lone
# surrogates. JSON escapes the C0 controls itself.
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


# Documents are indented by two spaces for a reader, up to this many characters written
# compact; larger ones (a compare of hundreds of partnerships, a bank of thousands of
# questions) are written compact: indenting goes through json's pure-Python encoder,
# 6 to 10 times slower than its C one, and a document that size is read by a program,
# or by a person through jq or an editor, which indent it themselves.
COMPACT_ABOVE = 256 * 1024


def dumps(document: dict[str, Any]) -> str:
    """A JSON document: UTF-8 text as it is, every control character escaped as JSON does.

    JSON escapes C0 itself; DEL, C1, bidi overrides and isolates, and lone surrogates
    are written as ``\\u0085`` and the like too, so the document is safe to print in a
    terminal and reads back to exactly the text of the files. Indented by two spaces,
    unless it is larger than ``COMPACT_ABOVE`` characters written compact: the same
    document, without the spaces and line breaks.
    """
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    if len(text) <= COMPACT_ABOVE:
        text = json.dumps(document, indent=2, ensure_ascii=False)
    return _UNSAFE_IN_JSON.sub(lambda found: f"\\u{ord(found[0]):04x}", text) + "\n"
