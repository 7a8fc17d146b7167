"""The output vocabulary: how a score, a rating, a percentage, a count, a change and a
value read, in every output (terminal, Markdown, HTML, Word, the text of CSV cells).

One home for these words, so the same answer reads the same wherever it is shown:

- a score: one decimal, ``61.3``; a missing figure is ``-`` (``NO_FIGURE``);
- a rating: the score then the RAG word, ``61.3 AMBER``, ``61.3 AMBER (provisional)``;
  ``UNRATED`` where there is no score (a rating without a score is never provisional);
- a fraction as a percentage: ``95%`` (no decimals);
- a count with its noun: ``1 question``, ``2 questions``; ``is`` / ``are``;
- a change of score in points: ``up 9.3 points``, ``down less than 0.1 points``,
  ``no change``, ``newly scored``, ``no longer scored``, ``no score in either``;
- a gain in points: ``+1.23`` (two decimals, as the plan ranks them);
- a measure's figure: ``1,234`` / ``44%`` / ``12 days`` / ``£2,500`` /
  ``46 (4.2 per 100,000)``, and
  its change ``up 48.4%`` (a count, days, money: relative to the old figure) or
  ``down 14 points (58% to 44%)`` (a percentage: in points, with both figures);
- an answer in a few words: ``level 2``, ``Yes``, an option's label, a number with its unit.

Scores are rounded only here, on output (SPEC section 4: "rounded to one decimal only
on output"); JSON keeps numbers and rounds with ``scoring.scorer.round_score``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from msht_toolkit.banks.measures import Measure
    from msht_toolkit.banks.model import Question

NO_FIGURE = "-"  # a score, value or percentage that is missing
UNRATED = "UNRATED"  # the RAG word where there is no score (as in the JSON documents)
PROVISIONAL = "(provisional)"

# a change of score smaller than this is floating-point noise (scores are 0..100)
_EPSILON = 1e-9
_IMPROVED, _DECLINED, _UNCHANGED, _ADDED, _REMOVED = (
    "improved",
    "declined",
    "unchanged",
    "added",
    "removed",
)


def score(value: float | None) -> str:
    """``61.3``: one decimal, ``-`` where there is no score (``-0.0`` reads ``0.0``)."""
    if value is None:
        return NO_FIGURE
    return f"{round(value + 0.0, 1):.1f}"


def rating(value: float | None, rag: str, provisional: bool = False) -> str:
    """``61.3 AMBER``; ``61.3 AMBER (provisional)``; ``UNRATED`` where there is no score."""
    if value is None:
        return UNRATED
    text = f"{score(value)} {rag}"
    return f"{text} {PROVISIONAL}" if provisional else text


def percent(fraction: float | None) -> str:
    """A fraction 0..1 as a whole percentage: ``95%``; ``-`` where there is none."""
    return NO_FIGURE if fraction is None else percentage(fraction * 100)


def percentage(value: float | None) -> str:
    """A percentage 0..100 to the whole number: ``95%``; ``-`` where there is none."""
    return NO_FIGURE if value is None else f"{value:.0f}%"


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 question``, ``2 questions``; ``many`` for an irregular plural."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def is_are(count: int) -> str:
    return "is" if count == 1 else "are"


def was_were(count: int) -> str:
    return "was" if count == 1 else "were"


def figure(value: float) -> str:
    """A number as people write it, with thousands separators and never in exponent form
    below 10**15: ``1,250,000``, ``12.5``, ``100``, ``0``."""
    if abs(value) >= 1e15:
        return str(value)
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.12g}" if abs(value) >= 1e-4 else f"{value:,.6f}".rstrip("0")


def _direction(old: float | None, new: float | None) -> str | None:
    if old is None and new is None:
        return None
    if old is None:
        return _ADDED
    if new is None:
        return _REMOVED
    if new - old > _EPSILON:
        return _IMPROVED
    if old - new > _EPSILON:
        return _DECLINED
    return _UNCHANGED


def change(old: float | None, new: float | None, kind: str | None = None) -> str:
    """The move of a score in points, ``up 9.3 points``: the unrounded difference, rounded
    to one decimal; ``kind`` is a diff's change (improved, declined, unchanged, added,
    removed) where the caller has one.

    Like any rounded figures, the two scores shown may differ by 0.1 more or less than
    the move (33.3 -> 66.7 is 'up 33.3 points': one level of a scale question).
    """
    kind = kind or _direction(old, new)
    if kind is None:
        return "no score in either"
    if kind == _ADDED:
        return "newly scored"
    if kind == _REMOVED:
        return "no longer scored"
    if kind == _UNCHANGED:
        return "no change"
    assert old is not None and new is not None
    moved = round(abs(new - old), 1)
    word = "up" if kind == _IMPROVED else "down"
    if moved < 0.1:
        return f"{word} less than 0.1 points"
    return f"{word} {moved:.1f} points"


def gain(points: float) -> str:
    """``+1.23``: a rise of the overall score, two decimals (as the plan ranks gains)."""
    return f"+{points:.2f}"


def measure_value(measure: Measure, value: float | None, rate: float | None = None) -> str:
    """A figure as a board reads it: ``46 (4.2 per 100,000)``, ``44%``, ``12 days``,
    ``£2,500``, ``-``."""
    if value is None:
        return NO_FIGURE
    text = figure(value)
    if measure.unit == "percent":
        text += "%"
    elif measure.unit == "days":
        text += " day" if value == 1 else " days"
    elif measure.unit == "money":
        text = "£" + text
    if rate is not None:
        text += f" ({rate:,.1f} per 100,000)"
    return text


def percent_change(pct: float | None) -> str:
    """``up 48.4%``, ``down 24.1%``, ``no change``, or ``-`` where none is defined."""
    if pct is None:
        return NO_FIGURE
    shown = round(pct + 0.0, 1)
    if shown == 0:
        return "no change"
    return f"{'up' if shown > 0 else 'down'} {figure(abs(shown))}%"


def measure_change(measure: Measure, old: float | None, new: float | None) -> str:
    """A measure's change as a board reads it: a percentage in points with both figures,
    ``down 14 points (58% to 44%)``; anything else relative to its old figure,
    ``down 35%``; ``no change``, or ``-`` where none is defined (a value missing, or a
    relative change from 0)."""
    if old is None or new is None:
        return NO_FIGURE
    if measure.unit != "percent":
        return NO_FIGURE if old == 0 else percent_change((new - old) / old * 100)
    moved = round(new - old + 0.0, 1)
    if moved == 0:
        return "no change"
    word = "up" if moved > 0 else "down"
    points = "point" if abs(moved) == 1 else "points"
    return f"{word} {figure(abs(moved))} {points} ({figure(old)}% to {figure(new)}%)"


def percent_points(measure: Measure, old: float, new: float) -> str | None:
    """A percentage's move inside a sentence, ``14 points, from 58% to 44%``; None for a
    measure that is not a percentage (its move is written relative to its old figure)."""
    if measure.unit != "percent":
        return None
    moved = abs(round(new - old + 0.0, 1))
    points = "point" if moved == 1 else "points"
    return f"{figure(moved)} {points}, from {figure(old)}% to {figure(new)}%"


def answer(question: Question, value: Any) -> str:
    """An answer in a few words: ``level 2``, ``Yes``, an option label, a number, or
    ``don't know`` / ``not applicable`` / ``not answered``."""
    from msht_toolkit.assessment.values import describe
    from msht_toolkit.banks.model import QuestionType

    is_level = isinstance(value, int) and not isinstance(value, bool)
    if question.type == QuestionType.SCALE and is_level:
        return f"level {value}"
    return describe(question, value)
