"""The questions on which merged agencies disagree (``score``, ``plan`` and ``report``
list them).

``disagreements`` flags the questions whose responses differ by two or more levels on a
scale question, or by a score of at least 2/3 on yes/no, choice and number questions
(``yes`` against ``no``; ``unknown`` counts as score 0). ``na``, unanswered and text
responses never make a disagreement. Only merged files (answers holding ``responses``)
can disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from msht_toolkit.assessment.model import Assessment, Response, Value
from msht_toolkit.assessment.values import unweighted_fraction
from msht_toolkit.banks.model import Bank, Question

DISAGREEMENT_SPREAD = 2 / 3  # two scale levels
_EPSILON = 1e-9


@dataclass(frozen=True)
class Disagreement:
    """A question on which the partners' responses are two or more levels apart."""

    question: Question
    bank_id: str
    section_id: str
    value: Value  # the consolidated value
    low: float  # lowest response score, 0..1
    high: float  # highest response score, 0..1
    responses: tuple[Response, ...]  # the responses that take part (scored ones)

    @property
    def id(self) -> str:
        return self.question.id


def disagreements(assessment: Assessment, banks: Iterable[Bank]) -> dict[str, Disagreement]:
    """Questions in scope whose responses are two or more levels (2/3 score) apart.

    Keyed by question id, in bank order. Only answers holding ``responses`` (merged
    files) can disagree; values must be normalized (``check_answers``).
    """
    out: dict[str, Disagreement] = {}
    for bank in banks:
        for section in bank.sections:
            for question in section.questions:
                answer = assessment.answers.get(question.id)
                if answer is None or len(answer.responses) < 2:
                    continue
                scored = [
                    (s, r)
                    for r in answer.responses
                    if (s := unweighted_fraction(question, r.value)) is not None
                ]
                if len(scored) < 2:
                    continue
                low = min(s for s, _ in scored)
                high = max(s for s, _ in scored)
                if high - low >= DISAGREEMENT_SPREAD - _EPSILON:
                    out[question.id] = Disagreement(
                        question=question,
                        bank_id=bank.id,
                        section_id=section.id,
                        value=answer.value,
                        low=low,
                        high=high,
                        responses=tuple(r for _, r in scored),
                    )
    return out
