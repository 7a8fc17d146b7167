"""The question bank model: frozen dataclasses, no I/O."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from msht_toolkit.banks.when import Expr

SCHEMA = "msht-bank/1"
THEMES = ("pursue", "prevent", "protect", "prepare", "cross-cutting")


class QuestionType(StrEnum):
    """How a question is answered; a ``str``: ``QuestionType.SCALE == "scale"``."""

    SCALE = "scale"  # a level 0..3
    YESNO = "yesno"
    CHOICE = "choice"  # one of the bank's options
    NUMBER = "number"  # scored by thresholds
    TEXT = "text"  # recorded, never scored

    __repr__ = str.__repr__  # 'scale', as when types were bare strings (messages, ids)


QUESTION_TYPES = tuple(QuestionType)
PRIORITIES = ("high", "medium", "low")
SCALE_LEVELS = 4
DEFAULT_GREEN = 75.0
DEFAULT_AMBER = 40.0
# Answer words that are not values of the question itself.
UNKNOWN = "unknown"
NOT_APPLICABLE = "na"


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    score: float

    def to_data(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "score": self.score}


@dataclass(frozen=True)
class Threshold:
    min: float
    score: float

    def to_data(self) -> dict[str, Any]:
        return {"min": self.min, "score": self.score}


@dataclass(frozen=True)
class Action:
    below: float  # a level 1..3 for scale questions, a score 0..1 otherwise
    do: str
    owner: str | None
    priority: str

    def to_data(self) -> dict[str, Any]:
        return {"below": self.below, "do": self.do, "owner": self.owner, "priority": self.priority}


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    type: QuestionType = QuestionType.SCALE
    help: str | None = None
    weight: float = 1.0
    critical: bool = False
    levels: tuple[str, ...] = ()
    options: tuple[Option, ...] = ()
    thresholds: tuple[Threshold, ...] = ()
    min: float | None = None  # number questions: values below are refused
    max: float | None = None  # number questions: values above are refused
    unit: str | None = None  # number questions: shown beside the value
    evidence: str | None = None
    actions: tuple[Action, ...] = ()
    when: Expr | None = None
    when_text: str | None = None
    replaces: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()
    line: int = 0

    @property
    def scored(self) -> bool:
        """Whether an answer to this question can ever produce a score."""
        return self.type != QuestionType.TEXT and self.weight > 0

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    def to_data(self) -> dict[str, Any]:
        """The question as plain data, as ``banks show --json`` writes it (no ``line``)."""
        return {
            "id": self.id,
            "text": self.text,
            "help": self.help,
            "type": self.type,
            "weight": self.weight,
            "critical": self.critical,
            "levels": list(self.levels),
            "options": [o.to_data() for o in self.options],
            "thresholds": [t.to_data() for t in self.thresholds],
            "min": self.min,
            "max": self.max,
            "unit": self.unit,
            "evidence": self.evidence,
            "actions": [a.to_data() for a in self.actions],
            "when": self.when_text,
            "replaces": list(self.replaces),
            "refs": list(self.refs),
        }


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    questions: tuple[Question, ...]

    def to_data(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "questions": [q.to_data() for q in self.questions],
        }


@dataclass(frozen=True)
class Bank:
    id: str
    title: str
    version: str
    theme: str
    sections: tuple[Section, ...]
    description: str | None = None
    weight: float = 1.0
    green: float = DEFAULT_GREEN
    amber: float = DEFAULT_AMBER
    path: str = ""
    bundled: bool = False
    _index: dict[str, tuple[Section, Question]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        for section in self.sections:
            for question in section.questions:
                self._index.setdefault(question.id, (section, question))

    @property
    def key(self) -> tuple[str, str]:
        return (self.id, self.version)

    def questions(self) -> Iterator[Question]:
        for section in self.sections:
            yield from section.questions

    def question(self, qid: str) -> Question | None:
        found = self._index.get(qid)
        return found[1] if found else None

    def __contains__(self, qid: object) -> bool:
        return qid in self._index

    @property
    def question_count(self) -> int:
        return len(self._index)

    def to_data(self) -> dict[str, Any]:
        """The bank as plain data, as ``banks show --json`` writes it (no file facts)."""
        return {
            "id": self.id,
            "title": self.title,
            "version": self.version,
            "theme": self.theme,
            "description": self.description,
            "weight": self.weight,
            "rag": {"green": self.green, "amber": self.amber},
            "sections": [s.to_data() for s in self.sections],
        }


_VERSION_PART = re.compile(r"\d+|[^\d.\-_]+")


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key for versions such as ``2025.1`` < ``2026.1`` < ``2026.10``."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part)
        for part in _VERSION_PART.findall(str(version))
    )
