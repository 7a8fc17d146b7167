"""Consolidating one question's responses by a rule (``msht merge --rule``).

``consolidate`` sets the consolidated value from the agencies' responses:

- ``lowest`` (the default, the cautious reading), ``median`` or ``highest``, over the
  responses ordered by their score: a scale level, ``no`` < ``yes``, a
  choice option's score, a number threshold's score. Weight-0 questions are ordered the
  same way. ``unknown`` ("don't know") scores 0 and sorts below every real answer, even
  a level 0, so ``lowest`` picks it whenever an agency did not know.
  Equal scores are ordered by level, option position in the bank, or the number itself.
- ``median`` of an even count takes the *lower* of the two middle answers (the cautious
  middle): four responses 0, 1, 2, 3 give 1.
- ``na`` (not applicable) responses are set aside when any agency gave another answer;
  the consolidated value is ``na`` only when every agency said ``na``.
- text questions: every response is kept; the value is the text when all agencies wrote
  the same, otherwise each distinct text prefixed with its agency (``Agency: text``),
  one per line, in input order. The rule does not apply to text.
- A response with no value (a note without an answer) is kept but does not vote.
"""

from __future__ import annotations

from collections.abc import Sequence

from msht_toolkit.assessment.model import Response, Value
from msht_toolkit.assessment.values import unweighted_fraction
from msht_toolkit.banks.model import NOT_APPLICABLE, UNKNOWN, Question, QuestionType
from msht_toolkit.checking import is_number
from msht_toolkit.errors import UsageError

RULES = ("lowest", "median", "highest")
DEFAULT_RULE = "lowest"


def check_rule(rule: str, name: str = "the merge rule") -> str:
    """``rule`` when it is one of ``RULES``; else a one-line ``UsageError`` naming them
    (``name`` is what the message calls it: ``--rule`` on the command line)."""
    if rule not in RULES:
        raise UsageError(f"{name} must be one of {', '.join(RULES)}, not {rule!r}")
    return rule


def _order_key(question: Question, value: Value) -> tuple[float, float]:
    """Sort key: score first; ties broken by level, option position or number.

    ``unknown`` sorts below everything, a level 0 included.
    """
    if value == UNKNOWN:
        return (0.0, float("-inf"))
    score = unweighted_fraction(question, value) or 0.0
    if question.type == QuestionType.CHOICE:
        ids = [o.id for o in question.options]
        tie = float(ids.index(str(value))) if str(value) in ids else -1.0
    elif question.type == QuestionType.YESNO:
        tie = 1.0 if value == "yes" else 0.0
    elif is_number(value):
        tie = float(value)
    else:
        tie = 0.0
    return (score, tie)


def consolidate(
    question: Question, responses: Sequence[Response], rule: str = DEFAULT_RULE
) -> Value:
    """The consolidated value of a question's responses under ``rule`` (see module doc)."""
    check_rule(rule)
    voting = [r for r in responses if r.value is not None]
    if not voting:
        return None
    answered = [r for r in voting if r.value != NOT_APPLICABLE]
    if not answered:
        return NOT_APPLICABLE
    if question.type == QuestionType.TEXT:
        return _consolidate_text(answered)
    ordered = sorted(answered, key=lambda r: _order_key(question, r.value))
    if rule == "lowest":
        return ordered[0].value
    if rule == "highest":
        return ordered[-1].value
    return ordered[(len(ordered) - 1) // 2].value  # even count: the lower middle


def _consolidate_text(responses: Sequence[Response]) -> Value:
    texts = [r for r in responses if r.value != UNKNOWN and str(r.value).strip()]
    if not texts:
        return UNKNOWN if any(r.value == UNKNOWN for r in responses) else None
    distinct: list[str] = []
    for r in texts:
        if str(r.value) not in distinct:
            distinct.append(str(r.value))
    if len(distinct) == 1:
        return distinct[0]
    lines: list[str] = []
    for r in texts:
        line = f"{r.by}: {r.value}" if r.by else str(r.value)
        if line not in lines:
            lines.append(line)
    return "\n".join(lines)
