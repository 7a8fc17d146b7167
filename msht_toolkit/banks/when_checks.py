"""Checks on a question's ``when`` condition that need the whole bank:
it names earlier questions only, never itself, and compares each with a value its
answers can take; and where in the file a column of the condition stands.
"""

from __future__ import annotations

from typing import Any

from msht_toolkit.banks import when as when_lang
from msht_toolkit.banks.model import NOT_APPLICABLE, UNKNOWN, Question, QuestionType, Section
from msht_toolkit.checking import Checker, is_number
from msht_toolkit.positions import Pos, YMap


def when_position(node: YMap, col: int) -> tuple[Pos, str]:
    """Where column ``col`` (1-based) of a question's ``when`` text stands in the file.

    Plain and quoted one-line values map exactly; for a block scalar (``|``, ``>``) the
    position is the indicator, and the column inside the expression is named instead.
    """
    pos = node.vpos("when")
    style = node.vstyle("when")
    if style in ("'", '"'):
        return Pos(pos.line, pos.col + col), ""
    if style in ("|", ">"):
        return pos, f" (column {col} of the expression)"
    return Pos(pos.line, pos.col + col - 1), ""


def check_whens(
    whens: list[tuple[Question, YMap]], sections: list[Section], checker: Checker
) -> None:
    order = {q.id: i for i, q in enumerate(q for s in sections for q in s.questions)}
    by_id = {q.id: q for s in sections for q in s.questions}
    for question, node in whens:
        assert question.when is not None
        for comp in when_lang.comparisons(question.when):
            at = when_position(node, comp.col)[0]
            if comp.qid == question.id:
                checker.add(at, f"question {question.id} 'when' depends on itself (a cycle)")
                continue
            if comp.qid not in order:
                checker.add(
                    at, f"question {question.id} 'when' names unknown question {comp.qid!r}"
                )
                continue
            if order[comp.qid] > order[question.id]:
                checker.add(
                    at,
                    f"question {question.id} 'when' names {comp.qid}, which comes later; "
                    "a question may depend only on earlier questions",
                )
                continue
            target = by_id[comp.qid]
            literals = (
                [(comp.op, comp.value, comp.value_col)]
                if isinstance(comp, when_lang.Compare)
                else [("in", v, c) for v, c in zip(comp.values, comp.value_cols, strict=True)]
            )
            for op, literal, col in literals:
                problem = literal_problem(target, op, literal)
                if problem:
                    checker.add(
                        when_position(node, col)[0],
                        f"question {question.id} 'when': {problem}",
                    )


def literal_problem(target: Question, op: str, literal: Any) -> str | None:
    """Why comparing ``target``'s answer with ``literal`` makes no sense, or None."""
    ordering = op in ("<", "<=", ">", ">=")
    if literal in (UNKNOWN, NOT_APPLICABLE):
        if ordering:
            return f"{target.id} cannot be ordered against {literal!r}"
        return None
    if target.type == QuestionType.YESNO:
        if literal not in ("yes", "no"):
            return f"{target.id} is a yes/no question; compare it with yes or no, not {literal!r}"
        if ordering:
            return f"{target.id} is a yes/no question; use == or !=, not {op}"
    elif target.type == QuestionType.SCALE:
        if isinstance(literal, bool) or literal not in (0, 1, 2, 3):
            return f"{target.id} is a scale question; compare it with a level 0..3, not {literal!r}"
    elif target.type == QuestionType.CHOICE:
        if ordering:
            return f"{target.id} is a choice question; use ==, != or in, not {op}"
        if target.option(str(literal)) is None:
            known = ", ".join(o.id for o in target.options)
            return f"{target.id} has no option {literal!r} (options: {known})"
    elif target.type == QuestionType.NUMBER:
        if not is_number(literal):
            return f"{target.id} is a number question; compare it with a number, not {literal!r}"
    elif target.type == QuestionType.TEXT and ordering:
        return f"{target.id} is a text question; use == or !=, not {op}"
    return None
