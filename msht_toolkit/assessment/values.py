"""Answer values: checking a raw value against its question, and describing it in words."""

from __future__ import annotations

import math
from typing import Any

from msht_toolkit.banks.model import NOT_APPLICABLE, UNKNOWN, Question, QuestionType
from msht_toolkit.checking import is_number

YES_WORDS = {"yes": "yes", "y": "yes", "true": "yes", "no": "no", "n": "no", "false": "no"}
_SPECIAL_WORDS = {
    "unknown": UNKNOWN,
    "don't know": UNKNOWN,
    "dont know": UNKNOWN,
    "na": NOT_APPLICABLE,
    "n/a": NOT_APPLICABLE,
    "not applicable": NOT_APPLICABLE,
}


class ValueProblem(ValueError):
    """A value that does not fit its question; the message says why, in one line."""


def _is_finite(value: Any) -> bool:
    """A number that fits a float: not NaN, not infinite, not a 400-digit integer."""
    try:
        return is_number(value) and math.isfinite(value)
    except OverflowError:
        return False


def normalize(question: Question, raw: Any, written: str | None = None) -> Any:
    """Return the stored form of ``raw`` for ``question`` or raise ``ValueProblem``.

    ``None`` stays ``None`` (unanswered). Words for don't know / not applicable become
    ``unknown`` / ``na``. Booleans and yes/no words become ``"yes"``/``"no"`` on yes/no
    questions. Nothing is coerced silently across types. ``written`` is the value's
    text in the file where YAML typed it (``007`` read as 7): a text question keeps it.
    """
    if question.type == QuestionType.TEXT and written and not isinstance(raw, dict | list):
        raw = written  # `~` is the text "~" here, not "no answer"
    if raw is None:
        return None
    if isinstance(raw, str):
        word = raw.strip().lower()
        if word in _SPECIAL_WORDS:
            return _SPECIAL_WORDS[word]
    kind = question.type
    if kind == QuestionType.SCALE:
        if is_number(raw) and raw in (0, 1, 2, 3):
            return int(raw)
        if isinstance(raw, str) and raw.strip() in ("0", "1", "2", "3"):
            return int(raw.strip())
        raise ValueProblem(
            f"{question.id} is a scale question; the value must be a level 0, 1, 2 or 3 "
            f"(or unknown / na), not {raw!r}"
        )
    if kind == QuestionType.YESNO:
        if isinstance(raw, bool):
            return "yes" if raw else "no"
        if isinstance(raw, str) and raw.strip().lower() in YES_WORDS:
            return YES_WORDS[raw.strip().lower()]
        raise ValueProblem(
            f"{question.id} is a yes/no question; the value must be yes or no "
            f"(or unknown / na), not {raw!r}"
        )
    if kind == QuestionType.CHOICE:
        if isinstance(raw, str) and question.option(raw.strip()) is not None:
            return raw.strip()
        known = ", ".join(o.id for o in question.options)
        raise ValueProblem(
            f"{question.id} is a choice question; the value must be one of {known} "
            f"(or unknown / na), not {raw!r}"
        )
    if kind == QuestionType.NUMBER:
        value: Any = raw
        if isinstance(raw, str):
            try:
                value = float(raw.strip().replace(",", ""))
            except ValueError:
                value = raw
        if _is_finite(value):
            number = int(value) if float(value).is_integer() else float(value)
            if not within(question, number):
                raise ValueProblem(
                    f"{question.id} must be a number {allowed_range(question)}, not {number:g}"
                )
            return number
        raise ValueProblem(
            f"{question.id} is a number question; the value must be a number "
            f"(or unknown / na), not {raw!r}"
        )
    # text
    if isinstance(raw, str | int | float) and not isinstance(raw, bool):
        return str(raw)
    raise ValueProblem(f"{question.id} is a text question; the value must be text, not {raw!r}")


def within(question: Question, number: float) -> bool:
    """Whether a number lies inside the question's ``min`` and ``max``."""
    if question.min is not None and number < question.min:
        return False
    return question.max is None or number <= question.max


def allowed_range(question: Question) -> str:
    """The numbers a question accepts, in words: ``from 0 to 100``, ``0 or more``."""
    low, high = question.min, question.max
    unit = f" {question.unit}" if question.unit else ""
    if low is not None and high is not None:
        return f"from {low:g} to {high:g}{unit}"
    if low is not None:
        return f"of {low:g}{unit} or more"
    if high is not None:
        return f"of {high:g}{unit} or less"
    return f"in {question.unit}" if question.unit else ""


def with_unit(question: Question, text: str) -> str:
    """A number followed by its question's unit, where the bank gives one."""
    return f"{text} {question.unit}" if question.unit else text


def fraction(question: Question, value: Any) -> float | None:
    """The score 0..1 of a (normalized) value, or None where it has none (a question
    not scored, no answer, not applicable)."""
    if not question.scored:
        return None
    return unweighted_fraction(question, value)


def unweighted_fraction(question: Question, value: Any) -> float | None:
    """The answer's score 0..1 whatever the question's weight (a weight-0 question's
    answer too): what decides actions and orders agencies' answers. None for no answer,
    ``na`` and text; ``unknown`` ("don't know") is 0."""
    if value is None or value == NOT_APPLICABLE or question.type == QuestionType.TEXT:
        return None
    if value == UNKNOWN:
        return 0.0
    kind = question.type
    if kind == QuestionType.SCALE:
        return int(value) / 3
    if kind == QuestionType.YESNO:
        return 1.0 if value == "yes" else 0.0
    if kind == QuestionType.CHOICE:
        option = question.option(str(value))
        return option.score if option else None
    if kind == QuestionType.NUMBER:
        score = 0.0
        for threshold in question.thresholds:
            if value >= threshold.min:
                score = threshold.score
        return score
    return None


def describe(question: Question, value: Any) -> str:
    """The value in words: the level descriptor, option label, yes/no, number or text."""
    if value is None:
        return "not answered"
    if value == UNKNOWN:
        return "don't know"
    if value == NOT_APPLICABLE:
        return "not applicable"
    if (
        question.type == QuestionType.SCALE
        and isinstance(value, int)
        and 0 <= value < len(question.levels)
    ):
        return f"Level {value}: {question.levels[value]}"
    if question.type == QuestionType.CHOICE:
        option = question.option(str(value))
        return option.label if option else str(value)
    if question.type == QuestionType.YESNO:
        return "Yes" if value == "yes" else "No"
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    return with_unit(question, text) if question.type == QuestionType.NUMBER else text
