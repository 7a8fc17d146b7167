"""Checking an assessment against its banks: the scope, every answer, plan key and figure.

``check_answers`` normalises the values in place (to a level, yes/no, an
option id or a number) and raises ``AssessmentError`` listing every problem with its line.
"""

from __future__ import annotations

from collections.abc import Mapping

from msht_toolkit.assessment.model import Assessment
from msht_toolkit.assessment.values import ValueProblem, normalize
from msht_toolkit.banks.measures import Measure, value_problem
from msht_toolkit.banks.model import Bank, Question
from msht_toolkit.banks.registry import BankSet
from msht_toolkit.checking import Checker
from msht_toolkit.errors import AssessmentError
from msht_toolkit.gcpause import paused_gc


def check_measures(
    assessment: Assessment, measures: Mapping[str, Measure], checker: Checker, of: str = "file"
) -> None:
    """Each recorded figure names a loaded measure and fits it (a number 0 or more, a
    percentage at most 100); values are normalised in place (57.0 stays 57.0)."""
    for mid, figure in assessment.measures.items():
        measure = measures.get(mid)
        if measure is None:
            known = ", ".join(measures) or "none"
            checker.add_line(
                figure.line,
                f"figure for unknown measure {mid!r} (not in the loaded measures files; "
                f"known: {known})",
            )
            continue
        if figure.value is None:
            continue
        problem = value_problem(measure, figure.value)
        if problem:
            checker.add_line(figure.line, problem)


def scope(assessment: Assessment, bankset: BankSet) -> list[Bank]:
    """The banks an assessment is scored against, in display order.

    A file's ``banks:`` map names exact versions; a version that is not loaded is
    refused with a message naming the bank and version. No map: every current bank.
    """
    if not assessment.banks:
        return bankset.newest()
    order = {bank_id: i for i, bank_id in enumerate(bankset.ids())}
    out = []
    for bank_id, version in assessment.banks.items():
        bank = bankset.find(bank_id, version)
        if bank is None:
            where = assessment.path or "assessment"
            if bank_id not in bankset.current:
                message = f"names bank {bank_id!r}, which is not loaded"
            else:
                have = ", ".join(b.version for b in bankset.versions(bank_id))
                message = (
                    f"was answered with bank {bank_id!r} version {version}, which is not "
                    f"available (available: {have}); add it with --bank PATH"
                )
            line, col = assessment.bank_pos.get(bank_id, (None, None))
            raise AssessmentError.at(where, line, col, message)
        out.append(bank)
    return sorted(out, key=lambda b: order.get(b.id, len(order)))


def question_index(banks: list[Bank]) -> dict[str, tuple[Bank, Question]]:
    return {q.id: (bank, q) for bank in banks for q in bank.questions()}


@paused_gc()
def check_answers(assessment: Assessment, bankset: BankSet) -> list[Bank]:
    """Check every answer against its question; normalize values in place.

    Returns the scope banks. Raises ``AssessmentError`` listing every bad answer with
    its line: unknown question ids, wrong types, levels out of range.
    """
    banks = scope(assessment, bankset)
    index = question_index(banks)
    path = assessment.path or "assessment"
    checker = Checker(path)
    for qid, answer in assessment.answers.items():
        found = index.get(qid)
        if found is None:
            checker.add_line(
                answer.line, f"answer for unknown question {qid!r} (not in the banks of this file)"
            )
            continue
        question = found[1]
        try:
            answer.value = normalize(question, answer.value, answer.written)
            answer.written = None
            for response in answer.responses:
                response.value = normalize(question, response.value, response.written)
                response.written = None
        except ValueProblem as exc:
            checker.add_line(answer.line, str(exc))
    check_plan_keys(assessment, index, checker)
    check_measures(assessment, bankset.measures, checker)
    if checker.problems:
        raise AssessmentError(checker.problems)
    return banks


def check_plan_keys(
    assessment: Assessment, index: Mapping[str, object], checker: Checker, of: str = "file"
) -> None:
    """A ``plan:`` entry must name a question in scope, as an answer must."""
    for qid, entry in assessment.plan.items():
        if qid not in index:
            checker.add_line(
                entry.line,
                f"plan entry for unknown question {qid!r} (not in the banks of this {of})",
            )
