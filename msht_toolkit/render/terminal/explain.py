"""``msht explain`` as plain text: the weighted terms, what was left out and why, the
thresholds and any critical cap of an ``analysis.explain.Explanation``.

Nothing here scores anything or matches thresholds: the RAG words are the scorer's
(``Explanation.rag``), and whether rounding misleads is asked of the scorer's own
``rag_for``.
"""

from __future__ import annotations

from msht_toolkit.analysis.explain import (
    BANK,
    OVERALL,
    QUESTION,
    SECTION,
    Explanation,
    Term,
    Thresholds,
    fmt_weight,
)
from msht_toolkit.scoring.scorer import AMBER, GREEN, rag_for, round_score
from msht_toolkit.vocabulary import percent
from msht_toolkit.vocabulary import score as fmt


def rag_reason(score: float | None, rag: str, thresholds: Thresholds) -> str:
    """Why ``score`` got ``rag`` (the scorer's) under ``thresholds``, in one sentence."""
    if score is None:
        return "No score, so UNRATED."
    green, amber = thresholds.green, thresholds.amber
    shown = fmt(score)
    # the rating is decided on the unrounded score: say so where rounding misleads
    if rag_for(round_score(score), green, amber) != rag_for(score, green, amber):
        shown = f"{shown} (unrounded {score:.4f})"
    if rag == GREEN:
        return f"{shown} is at least {green:g}, so {rag}."
    if rag == AMBER:
        return f"{shown} is at least {amber:g} and below {green:g}, so {rag}."
    return f"{shown} is below {amber:g}, so {rag}."


def _term_line(term: Term) -> str:
    mark = "  critical" if term.critical else ""
    return (
        f"  {term.id:<14} {fmt(term.score):>6} x {fmt_weight(term.weight):<4}"
        f"= {fmt(term.product):>7}{mark}"
    )


def _mean_lines(e: Explanation, what: str) -> list[str]:
    if not e.terms:
        return [f"Nothing counts towards the {what}, so it has no score: UNRATED."]
    lines = [f"Weighted terms (score x weight), the {what} is their weighted mean:"]
    lines += [_term_line(t) for t in e.terms]
    lines.append(f"  total {fmt(e.total)} / weights {fmt_weight(e.weight_sum)} = {fmt(e.score)}")
    return lines


def _excluded_lines(e: Explanation) -> list[str]:
    if not e.excluded:
        return ["Left out: nothing."]
    lines = ["Left out (no score):"]
    lines += [f"  {x.id:<14} {x.reason}" for x in e.excluded]
    return lines


def _threshold_lines(e: Explanation, rag_of_mean: str) -> list[str]:
    t = e.thresholds
    return [
        f"Thresholds ({t.source}): GREEN from {t.green:g}, AMBER from {t.amber:g}, "
        "otherwise RED; decided on the unrounded score.",
        "  " + rag_reason(e.score, rag_of_mean, t),
    ]


def _completeness_line(e: Explanation) -> list[str]:
    if e.completeness is None:
        return []
    state = "provisional (below 80%)" if e.provisional else "not provisional"
    return [
        f"Completeness: {e.answered} of {e.applicable} applicable questions answered "
        f"({percent(e.completeness)}); {state}."
    ]


def _headline(e: Explanation) -> str:
    text = f"Score {fmt(e.score)}, {e.rag}"
    if e.provisional:
        text += " (provisional)"
    return text


def explanation_lines(e: Explanation) -> list[str]:
    """The explanation as plain text lines (RAG always as a word)."""
    first = e.title if e.kind == OVERALL else f"{e.kind.capitalize()} {e.id}: {e.title}"
    lines = [first, _headline(e), ""]
    if e.kind == QUESTION:
        lines += list(e.how)
        lines += _threshold_lines(e, e.rag) if e.score is not None else []
        return lines
    if e.kind == SECTION:
        lines += _mean_lines(e, "section score")
        lines += _excluded_lines(e)
        lines += _threshold_lines(e, e.uncapped_rag or e.rag)
        if e.capped_by:
            lines.append(
                f"Critical cap: {e.capped_by} is critical and rated RED, so the section is "
                f"RED whatever its average (on its average it would be {e.uncapped_rag})."
            )
        else:
            lines.append("Critical cap: none (no applicable critical question is rated RED).")
        lines += _completeness_line(e)
        return lines
    if e.kind == BANK:
        lines += _mean_lines(e, "bank score (by question weight, across all sections)")
        lines += _excluded_lines(e)
        lines += _threshold_lines(e, e.rag)
        capped = [p for p in e.parts if p.capped_by]
        if capped:
            lines.append(
                "Critical caps make these sections RED but do not change the bank's score: "
                + ", ".join(f"{p.id} (by {p.capped_by})" for p in capped)
                + "."
            )
        lines += _completeness_line(e)
        lines += ["", "Sections:"]
        for p in e.parts:
            cap = f", capped by {p.capped_by}" if p.capped_by else ""
            lines.append(f"  {p.id:<28} {fmt(p.score):>6}  {p.rag}{cap}")
        return lines
    # overall
    lines += _mean_lines(e, "overall score (rated banks, by bank weight)")
    lines += _excluded_lines(e)
    lines += _threshold_lines(e, e.rag)
    lines += _completeness_line(e)
    lines += ["", "Themes (weighted mean of their rated banks, by bank weight; same thresholds):"]
    for theme in e.parts:
        members = (
            ", ".join(f"{t.id} {fmt(t.score)} x {fmt_weight(t.weight)}" for t in theme.terms)
            or "no rated banks"
        )
        lines.append(f"  {theme.id:<14} {fmt(theme.score):>6}  {theme.rag:<8} from {members}")
    return lines
