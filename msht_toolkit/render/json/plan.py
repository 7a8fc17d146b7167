"""The ``msht plan --json`` document (``msht-plan/1``)."""

from __future__ import annotations

from typing import Any

from msht_toolkit.analysis.plan import ActionPlan, PlanItem
from msht_toolkit.assessment.model import PlanEntry
from msht_toolkit.banks.model import Action
from msht_toolkit.scoring.scorer import round_score

PLAN_SCHEMA = "msht-plan/1"


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def action_json(action: Action | None) -> dict[str, Any] | None:
    if action is None:
        return None
    return {
        "do": action.do,
        "owner": action.owner,
        "priority": action.priority,
        "below": _number(action.below),
    }


def decision_json(entry: PlanEntry | None) -> dict[str, Any] | None:
    if entry is None:
        return None
    return {"status": entry.status, "owner": entry.owner, "due": entry.due, "reason": entry.reason}


def item_json(item: PlanItem) -> dict[str, Any]:
    return {
        "rank": item.rank,
        "question": item.qid,
        "bank": item.bank.id,
        "section": item.result.section_id,
        "score": round_score(item.result.score),
        "rag": item.result.rag,
        "critical_failure": item.critical_failure,
        "gain": item.rounded_gain,
        "action": action_json(item.next_step),
        "later_steps": len(item.later_steps),
        "decision": decision_json(item.decision),
    }


def plan_json(plan: ActionPlan) -> dict[str, Any]:
    """The document in its published shape (the README's "JSON outputs")."""
    card = plan.card
    return {
        "schema": PLAN_SCHEMA,
        "partnership": card.assessment.partnership,
        "period": card.assessment.period,
        "overall": {"score": round_score(card.overall.score), "rag": card.overall.rag},
        "priorities": [item_json(i) for i in plan.priorities],
        "further": [item_json(i) for i in plan.further],
        "closed": [
            {"question": c.qid, "status": c.status, "reason": c.reason} for c in plan.closed
        ],
        "evidence_gaps": [g.question.id for g in plan.evidence_gaps],
    }
