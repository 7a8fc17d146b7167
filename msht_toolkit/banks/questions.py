"""Read one question of a bank file and check it: its id, type, levels, options,
thresholds, bounds, actions and ``when``.

Called by ``loader.parse_bank`` for each question; problems are noted on the bank's
``Checker`` in the order the question's keys are checked, and a question with problems is
still returned where it can be, so that every problem of the file is found at once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from msht_toolkit.banks import when as when_lang
from msht_toolkit.banks.model import (
    NOT_APPLICABLE,
    PRIORITIES,
    QUESTION_TYPES,
    SCALE_LEVELS,
    UNKNOWN,
    Action,
    Option,
    Question,
    QuestionType,
    Threshold,
)
from msht_toolkit.banks.reading import KEBAB
from msht_toolkit.banks.when_checks import when_position
from msht_toolkit.checking import Checker, finite, is_number, kind_of
from msht_toolkit.positions import YList, YMap

QUESTION_ID = re.compile(
    r"^[A-Za-z][A-Za-z0-9_.\-]*$"
)  # a letter first: `when` reads digits as numbers

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


def parse_question(node: YMap, checker: Checker) -> Question | None:
    """One question of a bank, checked; None when it has no usable id (noted)."""
    qid = _question_id(node, checker)
    if qid is None:
        return None
    where = f"question {qid}"
    checker.keys(node, QUESTION_KEYS, ("text",), where)
    text = checker.text(node, "text", where, required=True) or ""
    qtype = _question_type(node, where, checker)
    weight = checker.number(node, "weight", where, 0, None, 1.0)
    critical = False
    if "critical" in node:
        critical = node["critical"]
        if not isinstance(critical, bool):
            checker.add(node.vpos("critical"), f"{where} 'critical' must be true or false")
            critical = False
    levels = _levels(node, qtype, where, checker)
    options = _options(node, qtype, where, checker)
    thresholds = _thresholds(node, qtype, where, checker)
    minimum_value, maximum_value, unit = _bounds(node, qtype, where, checker)
    actions = _actions(node, qtype, where, checker)
    when_expr, when_text = _when(node, where, checker)
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
        options=options,
        thresholds=thresholds,
        min=minimum_value,
        max=maximum_value,
        unit=unit,
        evidence=checker.text(node, "evidence", where),
        actions=actions,
        when=when_expr,
        when_text=when_text,
        replaces=replaces,
        refs=refs,
        line=node.pos.line,
    )


def _question_id(node: YMap, checker: Checker) -> str | None:
    """The question's id, or None (with the problem noted) when it cannot be used."""
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
    return raw_id


def _question_type(node: YMap, where: str, checker: Checker) -> QuestionType | str:
    """The question's type; ``"invalid"`` when the file names no known type."""
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
    return qtype


def _only_for(
    node: YMap,
    key: str,
    kind: QuestionType,
    qtype: QuestionType | str,
    where: str,
    checker: Checker,
) -> bool:
    """Whether the question is of ``kind``, which uses ``key``; another (valid) type that
    has ``key`` anyway is a problem."""
    if qtype == kind:
        return True
    if key in node and qtype != "invalid":
        checker.add(node.kpos(key), f"{where} has {key!r} but only {kind} questions use them")
    return False


def _needed_list(
    node: YMap, key: str, kind: QuestionType, where: str, checker: Checker
) -> YList | None:
    """The list under ``key`` that a ``kind`` question needs (a problem when missing)."""
    items = checker.seq(node, key, where, required=True)
    if key not in node:
        checker.add(node.pos, f"{where} is a {kind} question and needs {key!r}")
    return items


def _entries(
    items: YList | None,
    noun: str,
    keys: set[str],
    required: tuple[str, ...],
    where: str,
    checker: Checker,
) -> Iterator[YMap]:
    """Each entry of ``items`` that is a mapping, its keys checked (as they are met, so
    problems stay in file order)."""
    for i, raw in enumerate(items or []):
        entry = checker.mapping(raw, items.ipos(i), f"{where} {noun}")
        if entry is not None:
            checker.keys(entry, keys, required, f"{where} {noun}")
            yield entry


def _levels(node: YMap, qtype: QuestionType | str, where: str, checker: Checker) -> tuple[str, ...]:
    if not _only_for(node, "levels", QuestionType.SCALE, qtype, where, checker):
        return ()
    raw_levels = checker.seq(node, "levels", where)
    if "levels" not in node:
        checker.add(node.pos, f"{where} is a scale question and needs 'levels' (exactly 4)")
        return ()
    if raw_levels is None:
        return ()
    if len(raw_levels) != SCALE_LEVELS:
        checker.add(
            node.vpos("levels"),
            f"{where} needs exactly {SCALE_LEVELS} levels (scored 0..3), not {len(raw_levels)}",
        )
    good = []
    for i, level in enumerate(raw_levels):
        if isinstance(level, str) and level.strip():
            good.append(level.strip())
        else:
            checker.add(raw_levels.ipos(i), f"{where} level {i} must be non-empty text")
    return tuple(good)


def _options(
    node: YMap, qtype: QuestionType | str, where: str, checker: Checker
) -> tuple[Option, ...]:
    if not _only_for(node, "options", QuestionType.CHOICE, qtype, where, checker):
        return ()
    options: list[Option] = []
    raw_options = _needed_list(node, "options", QuestionType.CHOICE, where, checker)
    seen: set[str] = set()
    for opt in _entries(
        raw_options, "option", OPTION_KEYS, ("id", "label", "score"), where, checker
    ):
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
    return tuple(options)


def _thresholds(
    node: YMap, qtype: QuestionType | str, where: str, checker: Checker
) -> tuple[Threshold, ...]:
    if not _only_for(node, "thresholds", QuestionType.NUMBER, qtype, where, checker):
        return ()
    thresholds: list[Threshold] = []
    raw_thresholds = _needed_list(node, "thresholds", QuestionType.NUMBER, where, checker)
    previous: float | None = None
    for th in _entries(
        raw_thresholds, "threshold", THRESHOLD_KEYS, ("min", "score"), where, checker
    ):
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
    return tuple(thresholds)


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


def _actions(
    node: YMap, qtype: QuestionType | str, where: str, checker: Checker
) -> tuple[Action, ...]:
    actions: list[Action] = []
    raw_actions = checker.seq(node, "actions", where)
    if raw_actions and qtype == QuestionType.TEXT:
        checker.add(
            node.kpos("actions"),
            f"{where} is a text question; it is never scored, so it cannot have actions",
        )
    elif raw_actions:
        for act in _entries(raw_actions, "action", ACTION_KEYS, ("do",), where, checker):
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
    return tuple(actions)


def _when(node: YMap, where: str, checker: Checker) -> tuple[when_lang.Expr | None, str | None]:
    """The parsed ``when`` condition and its text, or (None, None)."""
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
    return when_expr, when_text
