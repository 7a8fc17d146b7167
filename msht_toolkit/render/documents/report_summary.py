"""The board report's one paragraph of summary, in plain words: where the partnership
stands and what the board is asked to look at."""

from __future__ import annotations

from collections.abc import Mapping

from msht_toolkit.analysis.plan import ActionPlan
from msht_toolkit.analysis.targets import progress, summarise
from msht_toolkit.render.documents.report_ratings import change_text
from msht_toolkit.scoring.scorer import (
    BankResult,
    ScoreCard,
)
from msht_toolkit.vocabulary import is_are, percent, plural, rating, score


def _bank_phrase(bank: BankResult) -> str:
    return f"{bank.bank.title} ({rating(bank.score, bank.rag)})"


def summary(
    card: ScoreCard,
    plan: ActionPlan,
    disagreements: Mapping[str, object],
    previous: ScoreCard | None = None,
) -> str:
    """One paragraph in plain words: where the partnership stands and what the board is
    asked to look at."""
    out = _standing(card, previous)
    out += _strongest(card)
    out.append(_critical(plan))
    out += _actions(plan)
    if disagreements:
        out.append(
            f"Partners disagree on {plural(len(disagreements), 'question')}, "
            "for the board to settle."
        )
    if previous is not None:
        flagged = flagged_sentence(card, previous)
        if flagged:
            out.append(flagged)
    if card.assessment.targets:
        out.append(summarise(progress(card)).sentence())
    return " ".join(out)


def _standing(card: ScoreCard, previous: ScoreCard | None) -> list[str]:
    """The overall rating, how much was answered and, with last year's, the rating then."""
    o = card.overall
    answered = f"{percent(o.completeness)} of the questions that apply were answered"
    if o.score is None:
        return [f"The partnership has no rated answers yet ({answered})."]
    text = f"Overall the partnership is rated {o.rag}, with a score of {score(o.score)}"
    text += f" out of 100; {answered}"
    if o.provisional:
        text += ", so the rating is provisional"
    out = [text + "."]
    if previous is not None and previous.overall.score is not None:
        was = rating(previous.overall.score, previous.overall.rag)
        out.append(
            f"In {previous.assessment.period or 'the previous assessment'} it was {was} "
            f"({change_text(previous.overall.score, o.score)} since)."
        )
    return out


def _strongest(card: ScoreCard) -> list[str]:
    """The strongest and the weakest bank, where at least two are rated."""
    rated_banks = [b for b in card.banks if b.score is not None]
    if len(rated_banks) < 2:
        return []
    best = max(rated_banks, key=lambda b: b.score or 0.0)
    worst = min(rated_banks, key=lambda b: b.score or 0.0)
    return [f"It is strongest on {_bank_phrase(best)} and weakest on {_bank_phrase(worst)}."]


def _critical(plan: ActionPlan) -> str:
    critical = plan.critical_failures
    if not critical:
        return "No critical question is rated RED."
    return (
        f"{plural(len(critical), 'critical question')} {is_are(len(critical))} rated RED, "
        f"and {'it makes its' if len(critical) == 1 else 'each makes its'} whole section "
        "RED whatever the average."
    )


def _actions(plan: ActionPlan) -> list[str]:
    """The next steps ranked and decided, the recommendations closed, the evidence gaps."""
    out = []
    if plan.ranked:
        out.append(
            f"Of {plural(len(plan.ranked), 'question')} with a recommended next step, the "
            f"{len(plan.priorities)} that matter most are the priorities below"
            + (
                f"; {len(plan.decided)} of all the next steps already have an owner or a status"
                if plan.decided
                else "; none has an agreed owner yet"
            )
            + "."
        )
    if plan.closed:
        out.append(
            f"{plural(len(plan.closed), 'recommendation')} {is_are(len(plan.closed))} "
            "already done, deferred or dropped."
        )
    if plan.evidence_gaps:
        out.append(
            f"{plural(len(plan.evidence_gaps), 'question')} {is_are(len(plan.evidence_gaps))} "
            f'answered "don\'t know" and {"needs" if len(plan.evidence_gaps) == 1 else "need"} '
            "evidence."
        )
    return out


def flagged_sentence(card: ScoreCard, previous: ScoreCard) -> str | None:
    """ "1 performance figure moved against its bank's rating (Protect): see Performance
    figures." where a flag is raised since last year; None where none is."""
    from msht_toolkit.render.documents.measures_part import report_flags, short_title

    flags = report_flags(card, previous)
    if not flags:
        return None
    banks = list(dict.fromkeys(f.bank for f in flags))
    titles = [short_title(b.bank.title) if (b := card.bank(i)) else i for i in banks]
    return (
        f"{plural(len(flags), 'performance figure')} moved against "
        f"{'its' if len(flags) == 1 else 'their'} bank's rating ({', '.join(titles)}): "
        "see Performance figures."
    )
