"""Questions that are new or changed between two versions of a bank, and upgrading a file.

A question is *changed* when what an answer to it means has changed: its text, type,
level descriptors or option ids/labels. Help text, evidence, actions, weights and
thresholds may change without making earlier answers wrong. A question that names older
ids in ``replaces`` takes over their answers.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field

from msht_toolkit.assessment.model import Answer, Assessment
from msht_toolkit.assessment.values import ValueProblem, normalize
from msht_toolkit.banks.model import Bank, Question, version_key
from msht_toolkit.banks.registry import BankSet

NEW = "new"
CHANGED = "changed"
REPLACED = "replaced"
UPGRADE_REASON_START = "bank version changed"


@dataclass(frozen=True)
class QuestionChange:
    """How one question of the newer bank differs from the older bank."""

    qid: str
    kind: str  # NEW | CHANGED | REPLACED
    old_ids: tuple[str, ...] = ()

    def describe(self, old_version: str) -> str:
        if self.kind == NEW:
            return f"new since version {old_version}"
        if self.kind == REPLACED:
            return f"replaces {', '.join(self.old_ids)} of version {old_version}"
        return f"changed since version {old_version}"


def meaning(question: Question) -> tuple[object, ...]:
    """What an answer to the question means; a difference here makes the answer suspect."""
    return (
        " ".join(question.text.split()),
        question.type,
        tuple(" ".join(level.split()) for level in question.levels),
        tuple((o.id, " ".join(o.label.split())) for o in question.options),
    )


def predecessors(old: Bank, new: Bank) -> dict[str, str]:
    """For each question of ``new``: the question of ``old`` whose answer carries to it."""
    out: dict[str, str] = {}
    for question in new.questions():
        if question.id in old:
            out[question.id] = question.id
            continue
        for old_id in question.replaces:
            if old_id in old:
                out[question.id] = old_id
                break
    return out


def bank_changes(old: Bank, new: Bank) -> dict[str, QuestionChange]:
    """New, changed and replacing questions of ``new`` (unchanged ones are left out)."""
    out: dict[str, QuestionChange] = {}
    for question in new.questions():
        before = old.question(question.id)
        if before is not None:
            if meaning(before) != meaning(question):
                out[question.id] = QuestionChange(question.id, CHANGED)
            continue
        taken = tuple(r for r in question.replaces if r in old)
        if taken:
            out[question.id] = QuestionChange(question.id, REPLACED, taken)
        else:
            out[question.id] = QuestionChange(question.id, NEW)
    return out


def removed(old: Bank, new: Bank) -> list[str]:
    """Questions of ``old`` with no place in ``new`` (not kept, not replaced)."""
    taken = set(predecessors(old, new).values())
    return [q.id for q in old.questions() if q.id not in taken]


@dataclass(frozen=True)
class BankUpgrade:
    """One bank of a file that a newer version has overtaken."""

    old: Bank
    new: Bank
    changes: dict[str, QuestionChange] = field(default_factory=dict)
    removed: tuple[str, ...] = ()
    answered_removed: tuple[str, ...] = ()  # removed questions the file has answers for


def outdated(assessment: Assessment, bankset: BankSet) -> list[BankUpgrade]:
    """The banks the file was answered with for which a newer version is loaded."""
    out: list[BankUpgrade] = []
    for bank_id, version in assessment.banks.items():
        current = bankset.current.get(bank_id)
        old = bankset.find(bank_id, version)
        if current is None or old is None:
            continue
        if version_key(current.version) <= version_key(old.version):
            continue
        gone = removed(old, current)
        out.append(
            BankUpgrade(
                old=old,
                new=current,
                changes=bank_changes(old, current),
                removed=tuple(gone),
                answered_removed=tuple(
                    q for q in gone if q in assessment.answers and assessment.answers[q].answered
                ),
            )
        )
    return out


def upgrade_reason(upgrade: BankUpgrade, change: QuestionChange) -> str:
    """The review reason put on an answer carried over to a changed question."""
    return (
        f"{UPGRADE_REASON_START} from {upgrade.old.version} to {upgrade.new.version}: "
        f"{change.describe(upgrade.old.version)}; confirm the answer still holds"
    )


def is_upgrade_reason(reason: str | None) -> bool:
    return bool(reason) and str(reason).startswith(UPGRADE_REASON_START)


@dataclass
class UpgradeResult:
    """A copy of the assessment moved onto the newer bank versions."""

    assessment: Assessment
    focus: list[str]  # new, changed and replacing questions, in bank order
    previous: dict[str, Answer]  # old answers offered as defaults for those questions
    tags: dict[str, QuestionChange]
    dropped: list[str]  # answers to questions that no longer exist


def upgrade(assessment: Assessment, upgrades: list[BankUpgrade]) -> UpgradeResult:
    """Move the file onto the newer versions; never mutates ``assessment``.

    Answers to unchanged questions stay as they are. An answer to a changed question
    (or to one a new question replaces) stays, moved to the new id, but is marked for
    review so nobody forgets to confirm it; where its value no longer fits the new
    question the value is cleared and offered as a default only. Answers to removed
    questions are dropped (the caller lists them before asking).
    """
    result = copy.deepcopy(assessment)
    focus: list[str] = []
    previous: dict[str, Answer] = {}
    tags: dict[str, QuestionChange] = {}
    dropped: list[str] = []
    for up in upgrades:
        links = predecessors(up.old, up.new)
        old_ids = [q.id for q in up.old.questions()]
        old_answers = {qid: assessment.answers[qid] for qid in old_ids if qid in assessment.answers}
        for qid in old_ids:
            result.answers.pop(qid, None)
        for question in up.new.questions():
            change = up.changes.get(question.id)
            source = links.get(question.id)
            old_answer = old_answers.get(source) if source else None
            if change is not None:
                focus.append(question.id)
                tags[question.id] = change
            if old_answer is None:
                continue
            moved = copy.deepcopy(old_answer)
            try:
                moved.value = normalize(question, moved.value)
            except ValueProblem:
                moved.value = None
            if change is not None:
                previous[question.id] = copy.deepcopy(moved)
                if moved.value is None and not moved.note and not moved.evidence:
                    continue
                if moved.answered and not moved.review:
                    moved.review = True
                    moved.review_reason = upgrade_reason(up, change)
                if not moved.answered:
                    # nothing valid to keep; it is offered as a default instead
                    continue
            result.answers[question.id] = moved
        dropped.extend(up.answered_removed)
        result.banks[up.new.id] = up.new.version
    return UpgradeResult(result, focus, previous, tags, dropped)
