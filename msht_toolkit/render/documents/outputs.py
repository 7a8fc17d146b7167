"""What an output's renderers read, where that is more than one result.

Each command builds one of these before it chooses a format; every renderer of that
output (``cli/formats.py`` says which) reads the same one, so a terminal view, its
JSON and its pages cannot disagree. Outputs with a single result (``diff``, ``trend``)
pass that result itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from msht_toolkit.analysis.compare import Comparison
    from msht_toolkit.analysis.disagreements import Disagreement
    from msht_toolkit.analysis.explain import Explanation
    from msht_toolkit.analysis.outcomes import MeasureRow
    from msht_toolkit.analysis.plan import ActionPlan
    from msht_toolkit.analysis.review import ReviewGroup
    from msht_toolkit.assessment.model import Assessment
    from msht_toolkit.render.documents.blocks import Document
    from msht_toolkit.render.export import ExportRow
    from msht_toolkit.scoring.scorer import ScoreCard


@dataclass(frozen=True)
class ScoreView:
    """``score``: the card; for the terminal also last year's card, the outcome flags and
    the partners' disagreements (merged files)."""

    card: ScoreCard
    detail: bool = False
    last_year: ScoreCard | None = None
    flags: Sequence[str] = ()
    disagreements: Mapping[str, Disagreement] = field(default_factory=dict)


@dataclass(frozen=True)
class ExplainView:
    assessment: Assessment
    explanation: Explanation


@dataclass(frozen=True)
class ReviewView:
    """``review``: the groups to look at, and the command that walks them (terminal)."""

    assessment: Assessment
    groups: Sequence[ReviewGroup]
    resume: str = ""


@dataclass(frozen=True)
class Pages:
    """``report`` and ``plan``: the Document (Markdown, HTML, Word), its date (it dates a
    Word file's properties) and, for the plan's JSON, the plan itself."""

    document: Document
    dated: str | None = None
    plan: ActionPlan | None = None


@dataclass(frozen=True)
class ExportView:
    """``export``: one row per question (``render.export.export_rows``), the card they
    came from, and the CSV text encoding."""

    card: ScoreCard
    rows: Sequence[ExportRow]
    encoding: str = "utf-8-sig"

    @property
    def measures(self) -> Sequence[MeasureRow]:
        """The card's performance figures (CSV puts a row per measure after the questions)."""
        return self.card.measures


@dataclass(frozen=True)
class CompareView:
    """``compare``: the comparison and the 1-based index of a marked partnership."""

    comparison: Comparison
    marked: int | None = None
