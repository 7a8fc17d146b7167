"""Read one bank file and check it against every bank rule (keys, ids, levels, options,
thresholds, actions, ``when``).

``parse_bank`` collects every problem it can find (not only the first) and raises one
``BankError`` listing them, each as ``path:line:col: message``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from msht_toolkit.banks import when as when_lang
from msht_toolkit.banks.model import (
    DEFAULT_AMBER,
    DEFAULT_GREEN,
    NOT_APPLICABLE,
    PRIORITIES,
    QUESTION_TYPES,
    SCALE_LEVELS,
    SCHEMA,
    THEMES,
    UNKNOWN,
    Action,
    Bank,
    Option,
    Question,
    QuestionType,
    Section,
    Threshold,
)
from msht_toolkit.banks.reading import (
    KEBAB,
    check_file_schema,
    quoted_version,
    raise_problems,
    read_file,
    read_text,
    top_mapping,
)
from msht_toolkit.checking import Checker, finite, is_number, kind_of
from msht_toolkit.gcpause import paused_gc
from msht_toolkit.positions import Pos, YList, YMap

QUESTION_ID = re.compile(
    r"^[A-Za-z][A-Za-z0-9_.\-]*$"
)  # a letter first: `when` reads digits as numbers

BANK_KEYS = {
    "schema",
    "id",
    "title",
    "version",
    "theme",
    "description",
    "weight",
    "rag",
    "sections",
}
BANK_REQUIRED = ("schema", "id", "title", "version", "theme", "sections")
SECTION_KEYS = {"id", "title", "questions"}
QUESTION_KEYS = {
    "id",
    "text",
    "help",
    "type",
    "weight",
    "critical",
    "levels",
    "options",
    "thresholds",
    "min",
    "max",
    "unit",
    "evidence",
    "actions",
    "when",
    "replaces",
    "refs",
}
ACTION_KEYS = {"below", "do", "owner", "priority"}
OPTION_KEYS = {"id", "label", "score"}
THRESHOLD_KEYS = {"min", "score"}
RAG_KEYS = {"green", "amber"}


def load_bank_file(path: Path, bundled: bool = False) -> Bank:
    """Load and check one bank file; raise ``BankError`` listing every problem."""
    return parse_bank(read_file(path, "bank file"), str(path), bundled=bundled)


def load_bank_text(text: str, path: str = "<bank>") -> Bank:
    return parse_bank(read_text(text, path, "bank file"), path)


@paused_gc()
def parse_bank(data: Any, path: str, bundled: bool = False) -> Bank:
    checker = Checker(path)
    data = top_mapping(data, path, "bank")
    check_file_schema(
        data,
        checker,
        SCHEMA,
        "question bank",
        f"bank is missing required key 'schema' (schema: {SCHEMA})",
    )
    checker.keys(data, BANK_KEYS, tuple(k for k in BANK_REQUIRED if k != "schema"), "bank")

    bank_id = checker.text(data, "id", "bank", required=True)
    if bank_id is not None and not KEBAB.match(bank_id):
        checker.add(
            data.vpos("id"), f"bank id {bank_id!r} must be kebab-case (e.g. victim-support)"
        )
    title = checker.text(data, "title", "bank", required=True)
    version = quoted_version(data, checker, "bank")
    theme = checker.text(data, "theme", "bank", required=True)
    if theme is not None and theme not in THEMES:
        checker.add(data.vpos("theme"), f"bank theme {theme!r} must be one of {', '.join(THEMES)}")
    description = checker.text(data, "description", "bank")
    weight = checker.number(data, "weight", "bank", 0, None, 1.0)
    green, amber = DEFAULT_GREEN, DEFAULT_AMBER
    if "rag" in data:
        rag = checker.mapping(data["rag"], data.vpos("rag"), "bank 'rag'")
        if rag is not None:
            checker.keys(rag, RAG_KEYS, (), "rag")
            green = checker.number(rag, "green", "rag", 0, 100, DEFAULT_GREEN)
            amber = checker.number(rag, "amber", "rag", 0, 100, DEFAULT_AMBER)
            if amber > green:
                checker.add(rag.pos, f"rag amber ({amber:g}) must not be above green ({green:g})")

    sections: list[Section] = []
    seen_sections: dict[str, Pos] = {}
    seen_questions: dict[str, Pos] = {}
    whens: list[tuple[Question, YMap]] = []
    replaces: list[tuple[str, str, Pos]] = []
    section_list = checker.seq(data, "sections", "bank", required=True)
    for s_index, raw_section in enumerate(section_list or []):
        node = checker.mapping(raw_section, section_list.ipos(s_index), "a section")
        if node is None:
            continue
        checker.keys(node, SECTION_KEYS, ("id", "title", "questions"), "section")
        section_id = checker.text(node, "id", "section", required=True)
        if section_id is not None:
            if not KEBAB.match(section_id):
                checker.add(node.vpos("id"), f"section id {section_id!r} must be kebab-case")
            elif section_id in seen_sections:
                checker.add(
                    node.vpos("id"),
                    f"duplicate section id {section_id!r} "
                    f"(first at line {seen_sections[section_id].line})",
                )
            else:
                seen_sections[section_id] = node.vpos("id")
        section_title = checker.text(node, "title", "section", required=True)
        questions: list[Question] = []
        question_list = checker.seq(node, "questions", "section", required=True)
        for q_index, raw_question in enumerate(question_list or []):
            qnode = checker.mapping(raw_question, question_list.ipos(q_index), "a question")
            if qnode is None:
                continue
            question = _parse_question(qnode, checker)
            if question is None:
                continue
            if question.id in seen_questions:
                checker.add(
                    qnode.vpos("id"),
                    f"duplicate question id {question.id!r} "
                    f"(first at line {seen_questions[question.id].line})",
                )
                continue
            seen_questions[question.id] = qnode.vpos("id")
            questions.append(question)
            if question.when is not None:
                whens.append((question, qnode))
            for i, old in enumerate(question.replaces):
                items = qnode.get("replaces")
                pos = items.ipos(i) if isinstance(items, YList) else qnode.vpos("replaces")
                replaces.append((question.id, old, pos))
        sections.append(Section(section_id or "", section_title or "", tuple(questions)))

    if not checker.problems:
        _check_whens(whens, sections, checker)
        for qid, old, pos in replaces:
            if old == qid:
                checker.add(pos, f"question {qid} cannot replace itself")
            elif old in seen_questions:
                checker.add(
                    pos,
                    f"{qid} replaces {old!r}, but {old} is still a question in this bank version",
                )

    raise_problems(checker)
    return Bank(
        id=bank_id or "",
        title=title or "",
        version=str(version),
        theme=theme or "",
        sections=tuple(sections),
        description=description,
        weight=weight,
        green=green,
        amber=amber,
        path=path,
        bundled=bundled,
    )


def _parse_question(node: YMap, checker: Checker) -> Question | None:
    raw_id = node.get("id")
    if "id" not in node:
        checker.add(node.pos, "question is missing required key 'id'")
        return None
    if not isinstance(raw_id, str):
        checker.add(
            node.vpos("id"),
            f"question id must be text such as ID-NRM-01, not {kind_of(raw_id)}",
        )
        return None
    if not QUESTION_ID.match(raw_id):
        checker.add(
            node.vpos("id"),
            f"question id {raw_id!r} must be a letter followed by letters, digits and dashes "
            "(e.g. ID-NRM-01)",
        )
        return None
    qid = raw_id
    where = f"question {qid}"
    checker.keys(node, QUESTION_KEYS, ("text",), where)
    text = checker.text(node, "text", where, required=True) or ""
    qtype: QuestionType | str = QuestionType.SCALE
    if "type" in node:
        raw_type = node["type"]
        if raw_type in QUESTION_TYPES:
            qtype = QuestionType(raw_type)
        else:
            checker.add(
                node.vpos("type"),
                f"{where} type {raw_type!r} must be one of {', '.join(QUESTION_TYPES)}",
            )
            qtype = "invalid"
    weight = checker.number(node, "weight", where, 0, None, 1.0)
    critical = False
    if "critical" in node:
        critical = node["critical"]
        if not isinstance(critical, bool):
            checker.add(node.vpos("critical"), f"{where} 'critical' must be true or false")
            critical = False

    levels: tuple[str, ...] = ()
    if qtype == QuestionType.SCALE:
        raw_levels = checker.seq(node, "levels", where)
        if "levels" not in node:
            checker.add(node.pos, f"{where} is a scale question and needs 'levels' (exactly 4)")
        elif raw_levels is not None:
            if len(raw_levels) != SCALE_LEVELS:
                checker.add(
                    node.vpos("levels"),
                    f"{where} needs exactly {SCALE_LEVELS} levels (scored 0..3), "
                    f"not {len(raw_levels)}",
                )
            good = []
            for i, level in enumerate(raw_levels):
                if isinstance(level, str) and level.strip():
                    good.append(level.strip())
                else:
                    checker.add(raw_levels.ipos(i), f"{where} level {i} must be non-empty text")
            levels = tuple(good)
    elif "levels" in node and qtype != "invalid":
        checker.add(node.kpos("levels"), f"{where} has 'levels' but only scale questions use them")

    options: list[Option] = []
    if qtype == QuestionType.CHOICE:
        raw_options = checker.seq(node, "options", where, required=True)
        if "options" not in node:
            checker.add(node.pos, f"{where} is a choice question and needs 'options'")
        seen: set[str] = set()
        for i, raw in enumerate(raw_options or []):
            opt = checker.mapping(raw, raw_options.ipos(i), f"{where} option")
            if opt is None:
                continue
            checker.keys(opt, OPTION_KEYS, ("id", "label", "score"), f"{where} option")
            oid = opt.get("id")
            if isinstance(oid, bool):
                checker.add(
                    opt.vpos("id"),
                    f"{where} option id was read as {str(oid).lower()} (YAML reads unquoted "
                    "yes/no/on/off as true/false); quote it or use another word",
                )
                continue
            if not isinstance(oid, str) or not KEBAB.match(oid):
                if "id" in opt:
                    checker.add(opt.vpos("id"), f"{where} option id {oid!r} must be kebab-case")
                continue
            if oid in (UNKNOWN, NOT_APPLICABLE):
                checker.add(opt.vpos("id"), f"{where} option id {oid!r} is reserved")
            if oid in seen:
                checker.add(opt.vpos("id"), f"{where} has duplicate option id {oid!r}")
            seen.add(oid)
            label = checker.text(opt, "label", f"{where} option", required=True) or oid
            score = checker.number(opt, "score", f"{where} option", 0, 1, 0.0)
            options.append(Option(oid, label, score))
        if raw_options is not None and len(raw_options) < 2:
            checker.add(node.vpos("options"), f"{where} needs at least 2 options")
    elif "options" in node and qtype != "invalid":
        checker.add(
            node.kpos("options"), f"{where} has 'options' but only choice questions use them"
        )

    thresholds: list[Threshold] = []
    if qtype == QuestionType.NUMBER:
        raw_thresholds = checker.seq(node, "thresholds", where, required=True)
        if "thresholds" not in node:
            checker.add(node.pos, f"{where} is a number question and needs 'thresholds'")
        previous: float | None = None
        for i, raw in enumerate(raw_thresholds or []):
            th = checker.mapping(raw, raw_thresholds.ipos(i), f"{where} threshold")
            if th is None:
                continue
            checker.keys(th, THRESHOLD_KEYS, ("min", "score"), f"{where} threshold")
            if "min" not in th:
                continue
            if not is_number(th["min"]):
                checker.add(
                    th.vpos("min"),
                    f"{where} threshold 'min' must be a number, not {kind_of(th['min'])}",
                )
                continue
            minimum = finite(th["min"])
            if minimum is None:
                checker.add(th.vpos("min"), f"{where} threshold 'min' must be a finite number")
                continue
            if previous is not None and minimum <= previous:
                checker.add(
                    th.vpos("min"),
                    f"{where} thresholds must be in ascending order of 'min' "
                    f"({minimum:g} comes after {previous:g})",
                )
            previous = float(minimum)
            score = checker.number(th, "score", f"{where} threshold", 0, 1, 0.0)
            thresholds.append(Threshold(float(minimum), score))
    elif "thresholds" in node and qtype != "invalid":
        checker.add(
            node.kpos("thresholds"), f"{where} has 'thresholds' but only number questions use them"
        )

    minimum_value, maximum_value, unit = _bounds(node, qtype, where, checker)

    actions: list[Action] = []
    raw_actions = checker.seq(node, "actions", where)
    if raw_actions and qtype == QuestionType.TEXT:
        checker.add(
            node.kpos("actions"),
            f"{where} is a text question; it is never scored, so it cannot have actions",
        )
    elif raw_actions:
        for i, raw in enumerate(raw_actions):
            act = checker.mapping(raw, raw_actions.ipos(i), f"{where} action")
            if act is None:
                continue
            checker.keys(act, ACTION_KEYS, ("do",), f"{where} action")
            do = checker.text(act, "do", f"{where} action", required=True)
            owner = checker.text(act, "owner", f"{where} action")
            priority = act.get("priority", "medium")
            if priority not in PRIORITIES:
                checker.add(
                    act.vpos("priority"),
                    f"{where} action priority {priority!r} must be one of {', '.join(PRIORITIES)}",
                )
                priority = "medium"
            if qtype == QuestionType.SCALE:
                below: float = 3
                if "below" in act:
                    raw_below = act["below"]
                    if isinstance(raw_below, bool) or raw_below not in (1, 2, 3):
                        checker.add(
                            act.vpos("below"),
                            f"{where} action 'below' must be a level 1, 2 or 3 for a scale "
                            f"question, not {raw_below!r}",
                        )
                    else:
                        below = int(raw_below)
            else:
                below = 1.0
                if "below" in act:
                    raw_below = act["below"]
                    if not is_number(raw_below) or not 0 < raw_below <= 1:
                        checker.add(
                            act.vpos("below"),
                            f"{where} action 'below' must be a score above 0 and at most 1 "
                            f"for a {qtype} question, not {raw_below!r}",
                        )
                    else:
                        below = float(raw_below)
            if do:
                actions.append(Action(below, do, owner, priority))

    when_expr = None
    when_text = None
    if "when" in node:
        raw_when = node["when"]
        pos = node.vpos("when")
        if not isinstance(raw_when, str):
            checker.add(pos, f"{where} 'when' must be text such as \"ID-NRM-01 == yes\"")
        else:
            when_text = raw_when
            try:
                when_expr = when_lang.parse(raw_when)
            except when_lang.WhenSyntaxError as exc:
                at, note = when_position(node, exc.col)
                checker.add(at, f"{where} 'when': {exc.message}{note}")

    replaces = checker.strings(node, "replaces", where)
    refs = checker.strings(node, "refs", where)
    return Question(
        id=qid,
        text=text,
        type=QuestionType(qtype) if qtype in QUESTION_TYPES else QuestionType.SCALE,
        help=checker.text(node, "help", where),
        weight=weight,
        critical=critical,
        levels=levels,
        options=tuple(options),
        thresholds=tuple(thresholds),
        min=minimum_value,
        max=maximum_value,
        unit=unit,
        evidence=checker.text(node, "evidence", where),
        actions=tuple(actions),
        when=when_expr,
        when_text=when_text,
        replaces=replaces,
        refs=refs,
        line=node.pos.line,
    )


def _bounds(
    node: YMap, qtype: str, where: str, checker: Checker
) -> tuple[float | None, float | None, str | None]:
    """A number question's optional ``min``, ``max`` and ``unit``."""
    if qtype != QuestionType.NUMBER:
        if qtype != "invalid":
            for key in ("min", "max", "unit"):
                if key in node:
                    checker.add(
                        node.kpos(key),
                        f"{where} has {key!r} but only number questions use it",
                    )
        return None, None, None
    bounds: dict[str, float | None] = {"min": None, "max": None}
    for key in bounds:
        if key not in node:
            continue
        raw = node[key]
        if not is_number(raw):
            checker.add(node.vpos(key), f"{where} {key!r} must be a number, not {kind_of(raw)}")
            continue
        number = finite(raw)
        if number is None:
            checker.add(node.vpos(key), f"{where} {key!r} must be a finite number, not {raw!r}")
            continue
        bounds[key] = int(number) if number.is_integer() else number
    low, high = bounds["min"], bounds["max"]
    if low is not None and high is not None and low > high:
        checker.add(node.vpos("max"), f"{where} 'max' ({high:g}) must not be below 'min' ({low:g})")
    unit = checker.text(node, "unit", where)
    return low, high, unit


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


def _check_whens(
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
