"""Small pieces the board report and the action plan share: a RAG cell, an owner in
words, the document title, the sign-off line and the title block of facts."""

from __future__ import annotations

from msht_toolkit.analysis.plan import PlanItem
from msht_toolkit.render.documents.blocks import (
    Cell,
)
from msht_toolkit.scoring.scorer import (
    ScoreCard,
)
from msht_toolkit.vocabulary import rating


def rated(score: float | None, rag: str, provisional: bool = False) -> Cell:
    """A RAG cell: ``61.3 AMBER``; ``UNRATED``; ``(provisional)`` where it applies."""
    return Cell(rating(score, rag, provisional), rag)


def owner_text(item: PlanItem) -> str:
    if item.owner:
        return item.owner
    if item.suggested_owner:
        return f"{item.suggested_owner} (suggested)"
    return "to agree"


def document_title(kind: str, card: ScoreCard) -> str:
    a = card.assessment
    return f"{kind}: {a.partnership or 'partnership'}" + (f" {a.period}" if a.period else "")


def sign_off_text(card: ScoreCard) -> str | None:
    """ "Signed off by J. Arden (Partnership chair) on 2027-03-20." or, once anything in
    the file changed, "Changed since sign-off on 2027-03-20 (signed off by J. Arden ...)."
    (``assessment.signoff``); None when the file was never signed off."""
    from msht_toolkit.assessment.signoff import sign_off_line

    line = sign_off_line(card.assessment)
    return None if line is None else line + "."


def title_block(card: ScoreCard) -> tuple[tuple[str, str], ...]:
    a = card.assessment
    facts = [("Partnership", a.partnership or "-")]
    if a.area:
        facts.append(("Area", a.area))
    facts += [("Period", a.period or "-"), ("Assessed on", a.assessed_on or "-")]
    people = [
        p.name
        + (f" ({', '.join(x for x in (p.agency, p.role) if x)})" if p.agency or p.role else "")
        for p in a.participants
    ]
    facts.append(("Participants", "; ".join(people) if people else "none recorded"))
    return tuple(facts)
