"""Questions about an assessment's profile: its reporting period and who is answering."""

from __future__ import annotations

import datetime as dt

from msht_toolkit.assessment.model import Assessment


def default_period(today: dt.date) -> str:
    """The UK financial year containing ``today``, e.g. 2026/27 from June 2026."""
    start = today.year if today.month >= 4 else today.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def known_agencies(a: Assessment) -> list[str]:
    """The agencies of the participants, then those that gave answers, each once, in order."""
    seen: dict[str, None] = {}
    for person in a.participants:
        if person.agency:
            seen.setdefault(person.agency, None)
    for answer in a.answers.values():
        if answer.by:
            seen.setdefault(answer.by, None)
    return list(seen)


def last_agency(a: Assessment) -> str | None:
    """The agency of the most recent answer, for the default when resuming."""
    dated = [(ans.at or "", ans.by) for ans in a.answers.values() if ans.by]
    return max(dated)[1] if dated else None
