"""What to look at before an assessment is finished (``msht review`` and the walk's end).

Three kinds of item, grouped by bank in bank order: answers marked for review, "don't
know" answers (evidence gaps) and applicable questions with no answer yet. A question
whose ``when`` is false is never listed: it is not asked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from msht_toolkit.assessment.model import Assessment
from msht_toolkit.banks.model import UNKNOWN, Bank, Question, Section
from msht_toolkit.scoring.scorer import EXCLUDED_WHEN, applicability

MARKED = "marked for review"
DONT_KNOW = "don't know"
UNANSWERED = "not answered"
KINDS = (MARKED, DONT_KNOW, UNANSWERED)


@dataclass(frozen=True)
class ReviewItem:
    bank: Bank
    section: Section
    question: Question
    kinds: tuple[str, ...]  # one or more of KINDS
    reason: str | None  # the review reason, when marked
    by: str | None  # the agency that answered (or marked) it
    value: object

    @property
    def qid(self) -> str:
        return self.question.id


@dataclass(frozen=True)
class ReviewGroup:
    bank: Bank
    items: tuple[ReviewItem, ...]


def review_items(assessment: Assessment, banks: Iterable[Bank]) -> list[ReviewGroup]:
    """The review list: one group per bank that has anything to review."""
    groups = []
    for bank in banks:
        reasons = applicability(bank, assessment.answers)
        items = []
        for section in bank.sections:
            for question in section.questions:
                if reasons[question.id] == EXCLUDED_WHEN:
                    continue
                answer = assessment.answers.get(question.id)
                value = answer.value if answer is not None else None
                kinds = []
                if answer is not None and answer.review:
                    kinds.append(MARKED)
                if value == UNKNOWN:
                    kinds.append(DONT_KNOW)
                if value is None:
                    kinds.append(UNANSWERED)
                if kinds:
                    items.append(
                        ReviewItem(
                            bank=bank,
                            section=section,
                            question=question,
                            kinds=tuple(kinds),
                            reason=answer.review_reason if answer is not None else None,
                            by=answer.by if answer is not None else None,
                            value=value,
                        )
                    )
        if items:
            groups.append(ReviewGroup(bank, tuple(items)))
    return groups


def totals(groups: Iterable[ReviewGroup]) -> dict[str, int]:
    """How many items of each kind (an item may count under several kinds)."""
    out = dict.fromkeys(KINDS, 0)
    for group in groups:
        for item in group.items:
            for kind in item.kinds:
                out[kind] += 1
    return out
