"""The board report (``msht report``) as a ``Document``, before any format is chosen.

Without ``full`` it is the board paper (at most 8 A4 pages): a title block, one paragraph of
summary, a chart of the 4P themes and the banks against the thresholds, the critical
failures, the ranked priorities (from ``msht_toolkit.analysis.plan``, the first ``top``), the
decisions already made, disagreements between agencies, evidence gaps, targets and
the sign-off. ``full`` adds an annex with every section and question: answer, rating,
note, evidence and the steps not already shown under Priorities.

Nothing is said twice: the overall rating is in the summary only, a priority's next
step is in the priorities only (the annex lists its later steps), a closed item's
reason under Decisions only.

The blocks hold raw text; ``render.markdown.document``, ``render.html.document`` and ``render.word``
escape it for their format.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from msht_toolkit.analysis.disagreements import Disagreement
from msht_toolkit.analysis.plan import ActionPlan
from msht_toolkit.render.documents.blocks import Block, Document, Heading, Paragraph
from msht_toolkit.render.documents.report_annex import annex_part
from msht_toolkit.render.documents.report_pieces import document_title, title_block
from msht_toolkit.render.documents.report_ratings import since_last_year, standing_chart
from msht_toolkit.render.documents.report_sections import (
    critical_part,
    decisions_part,
    disagreements_part,
    evidence_part,
    priorities_part,
    signoff_part,
    targets_part,
)
from msht_toolkit.render.documents.report_summary import summary
from msht_toolkit.scoring.scorer import ScoreCard


def report_document(
    plan: ActionPlan,
    full: bool = False,
    disagreements: Mapping[str, Disagreement] | None = None,
    previous: ScoreCard | None = None,
    earlier: Sequence[ScoreCard] = (),
) -> Document:
    """The board report; ``full`` adds the annex of every section and question;
    ``previous`` (last year's assessment, scored) adds how the scores moved since;
    ``earlier`` (every earlier year known, oldest first, last year last) gives the
    performance figures over the years (``measures_part``)."""
    from msht_toolkit.render.documents.measures_part import measures_part

    card = plan.card
    items = disagreements or {}
    if previous is None and earlier:
        previous = earlier[-1]
    if not earlier and previous is not None:
        earlier = (previous,)
    blocks: list[Block] = [
        Heading(2, "Summary", "summary"),
        Paragraph(summary(card, plan, items, previous)),
        Heading(2, "Where the partnership stands", "standing"),
        standing_chart(card),
    ]
    if previous is not None:
        blocks += since_last_year(card, previous)
    blocks += measures_part(card, earlier)
    blocks += critical_part(card, plan)
    blocks += priorities_part(plan)
    blocks += decisions_part(plan)
    blocks += disagreements_part(items)
    blocks += evidence_part(plan)
    blocks += targets_part(card)
    blocks += signoff_part(card)
    if full:
        blocks += annex_part(card, plan, set(items))
    return Document(
        kind="report",
        title=document_title("Board report", card),
        facts=title_block(card),
        blocks=tuple(blocks),
    )
