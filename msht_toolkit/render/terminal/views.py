"""The terminal views of ``score``, ``review``, ``explain`` and ``trend``, each drawn from
its output's document (``render/documents/outputs.py``) on a rich console (``score``'s, off a
terminal, on the plain console: ``render/terminal/plain.py``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from msht_toolkit.render.terminal.text import Text

if TYPE_CHECKING:
    from rich.console import Console

    from msht_toolkit.analysis.trend import Trend
    from msht_toolkit.render.documents.outputs import ExplainView, ReviewView, ScoreView


def print_score(out: Console, view: ScoreView) -> None:
    """The ratings, the measures beside them (with last year's and the flags) and, for
    a merged file, where partners differ by two or more levels."""
    from msht_toolkit.render.terminal.disagreements import print_disagreements
    from msht_toolkit.render.terminal.tables import print_measures_table, print_scorecard

    print_scorecard(out, view.card, detail=view.detail)
    print_measures_table(out, view.card, view.last_year, list(view.flags))
    print_disagreements(out, view.disagreements)


def print_trend_bars(out: Console, trend: Trend) -> None:
    """The trend table with its per-period bars (on a terminal)."""
    from msht_toolkit.render.terminal.trend import print_trend

    print_trend(out, trend, bars=True)


def explain_text(view: ExplainView) -> str:
    from msht_toolkit.render.terminal.explain import explanation_lines

    return "\n".join(explanation_lines(view.explanation)) + "\n"


def print_review(out: Console, view: ReviewView) -> None:
    """Marked, don't-know and unanswered questions by bank, and how to walk them."""
    from msht_toolkit.analysis.review import DONT_KNOW, MARKED, UNANSWERED, totals

    assessment, groups = view.assessment, view.groups
    title = " ".join(x for x in (assessment.partnership, assessment.period) if x)
    out.print(Text(f"Review: {title}" if title else "Review", style="bold"))
    if not groups:
        out.print(
            "Nothing to review: every question that applies has an answer, none is marked "
            "for review and none is answered don't know."
        )
        return
    t = totals(groups)
    out.print(
        f"{t[MARKED]} marked for review, {t[DONT_KNOW]} don't know, {t[UNANSWERED]} not answered."
    )
    for group in groups:
        out.print()
        out.print(
            Text(
                f"{group.bank.title} ({group.bank.id} {group.bank.version}): "
                f"{len(group.items)} to review",
                style="bold",
            )
        )
        for item in group.items:
            line = f"  {item.qid} [{item.section.title}]: {', '.join(item.kinds)}"
            if item.reason:
                line += f"; reason: {item.reason}"
            if item.by:
                line += f"; answered by {item.by}"
            out.print(Text(line))
            out.print(Text(f"      {' '.join(item.question.text.split())}", style="dim"))
    out.print()
    out.print(f"To go through them, run: {view.resume}  (the walk ends on this review list)")

