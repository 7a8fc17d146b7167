"""The Markdown action plan (``msht plan``).

The plan is built once, as a ``Document`` (``render.documents.plan``: the ranked
priorities with their next steps and the partnership's decisions, the further actions
one line each, the closed items with their reasons, disagreements between agencies,
the evidence gaps), and written here through ``render.markdown.document``, as the HTML
and Word plans are written from the same document. Every piece of user or bank text is
escaped there, so notes cannot break the document.

``flags`` (question id -> short labels, e.g. "partners disagree") are shown with every
priority and evidence gap of that question.

The small formatters below (``gain_text``, ``owner_text``, ...) are shared with the plan
and board report documents; scores, ratings, percentages and counts read as
``msht_toolkit.vocabulary`` writes them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from msht_toolkit.analysis.plan import ActionPlan, ClosedItem, PlanItem
from msht_toolkit.vocabulary import gain

if TYPE_CHECKING:
    from msht_toolkit.analysis.disagreements import Disagreement

Flags = Mapping[str, Sequence[str]]

THEME_TITLES = {
    "pursue": "Pursue",
    "prevent": "Prevent",
    "protect": "Protect",
    "prepare": "Prepare",
    "cross-cutting": "Cross-cutting",
}


# ---------------------------------------------------------------- small formatters


def gain_text(item: PlanItem) -> str:
    """``+1.23`` points of overall score (two decimals, as ranked)."""
    return gain(item.rounded_gain)


def owner_text(item: PlanItem) -> str:
    if item.owner:
        return item.owner
    if item.suggested_owner:
        return f"{item.suggested_owner} (suggested)"
    return "to agree"


def priority_text(item: PlanItem) -> str:
    """``high``; ``critical, high`` for a critical failure (ranked before any priority)."""
    return f"critical, {item.priority}" if item.critical_failure else item.priority


def closed_reason(item: ClosedItem) -> str:
    return item.reason or ("-" if item.status == "done" else "no reason recorded")


def plan_markdown(
    plan: ActionPlan,
    disagreements: Mapping[str, Disagreement] | None = None,
    flags: Flags | None = None,
) -> str:
    """The whole ``msht plan`` document: the plan's ``Document`` as Markdown."""
    from msht_toolkit.render.documents.plan import plan_document
    from msht_toolkit.render.markdown.document import document_markdown

    return document_markdown(plan_document(plan, disagreements, flags))
