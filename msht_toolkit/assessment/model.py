"""The assessment model (what one ``*.msht.yaml`` file holds): plain, mutable dataclasses, no I/O.

A value is what the partnership chose: a level 0..3 (scale), ``"yes"``/``"no"``
(yesno), an option id (choice), a number, free text, or one of the words
``"unknown"`` (don't know) and ``"na"`` (not applicable). ``None`` means unanswered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "msht-assessment/1"
PLAN_STATUSES = ("proposed", "agreed", "in progress", "done", "deferred", "dropped")

Value = int | float | str | None


def fold(text: str | None) -> str:
    """Text as names are compared (partnership, period, agency): case and spacing
    aside, so ``Midshire  ASP`` is ``midshire asp``; None is the empty text."""
    return " ".join((text or "").split()).casefold()


def now_stamp() -> str:
    """This moment as an answer's ``at``: ISO 8601, to the second, with the UTC offset
    (``2026-12-01T20:25:35+00:00``), so times from agencies in other zones compare."""
    return dt.datetime.now().astimezone().replace(microsecond=0).isoformat()


def as_date(text: str | None) -> dt.date | None:
    """The day a stored date (``assessed_on``, a plan ``due``, a target ``by``) names:
    its first ten characters read as ISO year-month-day; None when empty or not a date."""
    if not text:
        return None
    try:
        return dt.date.fromisoformat(str(text)[:10])
    except ValueError:
        return None


@dataclass
class Response:
    """One agency's answer to a question, kept by ``msht merge``."""

    by: str | None
    value: Value
    note: str | None = None
    evidence: list[str] = field(default_factory=list)
    at: str | None = None
    # the value as written in the file where YAML typed it (``007`` read as 7): a text
    # question takes these characters; cleared once the value is checked
    written: str | None = field(default=None, compare=False, repr=False)


@dataclass
class Answer:
    value: Value = None
    note: str | None = None
    evidence: list[str] = field(default_factory=list)
    by: str | None = None
    at: str | None = None  # ISO 8601 local date and time, e.g. 2027-03-14T10:42:00
    review: bool = False
    review_reason: str | None = None
    responses: list[Response] = field(default_factory=list)
    line: int = 0  # where it stood in the file, for messages
    written: str | None = field(default=None, compare=False, repr=False)  # as Response

    @property
    def answered(self) -> bool:
        return self.value is not None


@dataclass
class Participant:
    name: str
    agency: str | None = None
    role: str | None = None


@dataclass
class PlanEntry:
    owner: str | None = None
    due: str | None = None
    status: str | None = None
    note: str | None = None
    reason: str | None = None  # why it was deferred or dropped
    line: int = field(default=0, compare=False, repr=False)  # where it stood, for messages


@dataclass
class SignOff:
    """Who signed the assessment off, when, and a digest of what they signed (``msht sign``)."""

    by: str
    role: str | None = None
    on: str | None = None  # a date, year-month-day
    digest: str | None = None  # "sha256:<hex>", see ``assessment.signoff``


@dataclass
class MeasureValue:
    """This year's figure for one performance measure (``measures:``)."""

    value: int | float | None = None  # None: not recorded (a note may say why)
    note: str | None = None
    source: str | None = None
    line: int = field(default=0, compare=False, repr=False)  # where it stood, for messages


@dataclass
class Target:
    level: int | None = None
    score: float | None = None
    by: str | None = None


@dataclass
class Assessment:
    partnership: str = ""
    area: str | None = None
    period: str | None = None
    population: int | None = None  # residents of the area, for rates per 100,000
    assessed_on: str | None = None
    banks: dict[str, str] = field(default_factory=dict)
    participants: list[Participant] = field(default_factory=list)
    answers: dict[str, Answer] = field(default_factory=dict)
    plan: dict[str, PlanEntry] = field(default_factory=dict)
    targets: dict[str, Target] = field(default_factory=dict)
    sign_off: SignOff | None = None
    measures: dict[str, MeasureValue] = field(default_factory=dict)  # measure id -> figure
    carried_from: str | None = None
    path: str | None = None  # where it was loaded from; not written
    # where each `banks:` entry stood in the file (line, column), for messages
    bank_pos: dict[str, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)

    def value(self, qid: str) -> Any:
        answer = self.answers.get(qid)
        return answer.value if answer is not None else None

    def answer(self, qid: str) -> Answer:
        """The answer record for ``qid``, created empty if missing."""
        if qid not in self.answers:
            self.answers[qid] = Answer()
        return self.answers[qid]
