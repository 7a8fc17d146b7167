"""What each screen of the walk says and offers, as plain data (no terminal I/O).

Both front ends (questionary with rich, and the plain numbered mode) draw the same
``QuestionView``: the lines to show, the choices (``Pick``) and the default. Choice keys
are opaque strings, so a level 0 is never confused with ``False``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from msht_toolkit.assessment.model import Answer, MeasureValue
from msht_toolkit.assessment.values import describe
from msht_toolkit.banks.measures import Measure
from msht_toolkit.banks.model import NOT_APPLICABLE, UNKNOWN, Question, QuestionType
from msht_toolkit.vocabulary import measure_value as figure_words
from msht_toolkit.vocabulary import plural as count  # noqa: F401  (cli/ imports it here)
from msht_toolkit.walk.changes import CHANGED, NEW, REPLACED
from msht_toolkit.walk.session import FOCUS, WalkSession

# keys of the extra choices under every question
HELP = "help"
DONT_KNOW = "unknown"
NOT_APPLIC = "na"
SKIP = "skip"
BACK = "back"
REVIEW = "review"
UNREVIEW = "unreview"
MENU = "menu"
ENTER = "enter"  # type a number or text

EXTRA_TITLES = {
    HELP: "Help: what good looks like, and its evidence",
    DONT_KNOW: "Don't know",
    NOT_APPLIC: "Not applicable",
    SKIP: "Skip for now",
    BACK: "Back to the previous question",
    REVIEW: "Mark for review",
    UNREVIEW: "Clear the review mark",
    MENU: "Back to the menu",
}
EXTRA_SHORTCUTS = {
    HELP: "h",
    DONT_KNOW: "d",
    NOT_APPLIC: "x",
    SKIP: "s",
    BACK: "b",
    REVIEW: "r",
    UNREVIEW: "r",
    MENU: "m",
}


# The four maturity levels' short names (levels 0 to 3): the picker shows these, and the
# highlighted level's full descriptor below the list.
LEVEL_NAMES = ("Basic first steps", "Early progress", "Substantial progress", "Mature practice")

# One numbering rule for every answer list: answers are numbered from 0 in the order
# shown, so a scale question's number is its level (0 to 3) and a choice question's first
# option is 0 too; yes/no are y and n; letters are the other actions (help, skip, ...).


@dataclass(frozen=True)
class Pick:
    """One choice on a screen: an opaque key, the words shown, an optional shortcut key,
    and an optional longer description (shown when the choice is highlighted)."""

    key: str
    title: str
    shortcut: str | None = None
    separator_before: bool = False
    description: str | None = None


@dataclass
class QuestionView:
    qid: str
    where: str  # "Bank title > Section title"
    counter: str  # "Question 7 of 12"
    text: str
    flags: list[str] = field(default_factory=list)
    current: list[str] = field(default_factory=list)  # lines about the answer on file
    previous: list[str] = field(default_factory=list)  # lines about last year's answer
    picks: list[Pick] = field(default_factory=list)
    default: str | None = None
    values: dict[str, object] = field(default_factory=dict)  # pick key -> value
    help: list[str] = field(default_factory=list)
    entry_default: str = ""
    note_default: str = ""
    evidence_default: str = ""


def value_key(question: Question, value: object) -> str | None:
    """The pick key that stands for a stored value."""
    if value is None:
        return None
    if value == UNKNOWN:
        return DONT_KNOW
    if value == NOT_APPLICABLE:
        return NOT_APPLIC
    if question.type == QuestionType.SCALE:
        return f"level:{value}"
    if question.type == QuestionType.YESNO:
        return f"yn:{value}"
    if question.type == QuestionType.CHOICE:
        return f"opt:{value}"
    return ENTER


def value_picks(question: Question) -> tuple[list[Pick], dict[str, object]]:
    picks: list[Pick] = []
    values: dict[str, object] = {}
    if question.type == QuestionType.SCALE:
        for level, descriptor in enumerate(question.levels):
            key = f"level:{level}"
            name = LEVEL_NAMES[level] if level < len(LEVEL_NAMES) else f"Level {level}"
            text = " ".join(descriptor.split())
            picks.append(Pick(key, name, str(level), description=text))
            values[key] = level
    elif question.type == QuestionType.YESNO:
        for word, title, short in (("yes", "Yes", "y"), ("no", "No", "n")):
            picks.append(Pick(f"yn:{word}", title, short))
            values[f"yn:{word}"] = word
    elif question.type == QuestionType.CHOICE:
        for number, option in enumerate(question.options):
            key = f"opt:{option.id}"
            short = str(number) if number < 10 else None
            picks.append(Pick(key, " ".join(option.label.split()), short))
            values[key] = option.id
    elif question.type == QuestionType.NUMBER:
        picks.append(Pick(ENTER, "Type the number", "e"))
    else:
        picks.append(Pick(ENTER, "Type the answer", "e"))
    return picks, values


def _entry_text(value: object) -> str:
    if value is None or value in (UNKNOWN, NOT_APPLICABLE):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def answer_lines(question: Question, answer: Answer, label: str) -> list[str]:
    lines = [f"{label}: {describe(question, answer.value)}"]
    if answer.note:
        lines.append(f"  Note: {answer.note}")
    if answer.evidence:
        lines.append(f"  Evidence: {'; '.join(answer.evidence)}")
    if answer.by:
        lines.append(f"  Answered by: {answer.by}")
    return lines


def question_view(session: WalkSession, index: int, mode: str) -> QuestionView:
    """Everything the question screen shows and offers for the question at ``index``."""
    stop = session.stop(index)
    question = stop.question
    position, total = session.counter(index, mode)
    counter = f"Question {position} of {total}"
    if mode == FOCUS and question.id in session.focus and session.focus_label:
        counter += f" ({session.focus_label})"
    view = QuestionView(
        qid=question.id,
        where=f"{stop.bank.title} > {stop.section.title}",
        counter=counter,
        text=" ".join(question.text.split()),
    )
    if question.critical:
        view.flags.append("Critical: a RED answer here makes the whole section RED.")
    change = session.tags.get(question.id)
    if change is not None:
        if change.kind == NEW:
            view.flags.append(f"NEW question in {stop.bank.id} version {stop.bank.version}.")
        elif change.kind == REPLACED:
            view.flags.append(
                f"CHANGED: this question replaces {', '.join(change.old_ids)} "
                f"from the earlier bank version."
            )
        elif change.kind == CHANGED:
            view.flags.append(
                "CHANGED since the earlier bank version: check the answer still holds."
            )

    answer = session.answer(question.id)
    old = session.previous.get(question.id)
    if answer is not None and answer.review:
        reason = f": {answer.review_reason}" if answer.review_reason else ""
        view.flags.append(f"Marked for review{reason}")
    if answer is not None and answer.answered:
        view.current = answer_lines(question, answer, "Current answer")
    if old is not None and (old.answered or old.note or old.evidence):
        rag = session.last_rag.get(question.id)
        label = "Last year's answer" if session.assessment.carried_from else "Earlier answer"
        if rag and old.answered:
            label += f" ({rag})"
        view.previous = answer_lines(question, old, label)

    picks, values = value_picks(question)
    view.values = values

    # defaults: this year's answer, else last year's (to confirm with Enter)
    source = answer if answer is not None and answer.answered else old
    if source is not None and source.answered:
        view.default = value_key(question, source.value)
        view.entry_default = _entry_text(source.value)
    note_source = answer if answer is not None and (answer.answered or answer.note) else old
    if note_source is not None:
        view.note_default = note_source.note or ""
        view.evidence_default = "; ".join(note_source.evidence)

    if question.help:
        view.help.append(f"What good looks like: {' '.join(question.help.split())}")
    if question.evidence:
        view.help.append(f"Evidence to look for: {' '.join(question.evidence.split())}")
    if question.when_text:
        view.help.append(f"Asked only when: {question.when_text}")
    if question.refs:
        view.help.append(f"References: {'; '.join(question.refs)}")
    if not view.help:
        view.help.append("This question has no help text.")

    extras = [HELP, DONT_KNOW, NOT_APPLIC, SKIP, BACK]
    extras.append(UNREVIEW if answer is not None and answer.review else REVIEW)
    extras.append(MENU)
    for i, key in enumerate(extras):
        picks.append(
            Pick(
                key,
                EXTRA_TITLES[key],
                EXTRA_SHORTCUTS[key],
                separator_before=i == 0,
            )
        )
    view.picks = picks
    return view


def split_evidence(text: str) -> list[str]:
    """Evidence items typed on one line, separated by semicolons."""
    return [item.strip() for item in text.split(";") if item.strip()]


# ---------------------------------------------------------------- performance figures

FIGURES = "figures"  # the menu's key for the performance figures step
TO_MENU = ("m", "menu")  # typed at a figure prompt: back to the menu
UNIT_RULES = {
    "count": "a whole number, 0 or more",
    "percent": "a percentage from 0 to 100",
    "days": "a number of days, 0 or more",
    "money": "an amount of money, 0 or more",
}
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")  # 1,100,000 or 12,500.50


@dataclass
class FigureView:
    """One performance measure's screen: what it is, last year's figure as context, and
    this year's figure on file (the only default: last year's is never offered as one)."""

    mid: str
    lines: list[str] = field(default_factory=list)  # heading, title, unit, definition
    previous: list[str] = field(default_factory=list)  # last year's figure (context)
    current: list[str] = field(default_factory=list)  # this year's figure on file
    instruction: str = ""  # said on its own line, so the question itself stays short
    prompt: str = ""
    entry_default: str = ""
    note_default: str = ""
    source_default: str = ""


def number_text(value: float) -> str:
    """A figure as typed: ``57``, ``12.5`` (no grouping, no exponent)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value) if isinstance(value, int) else f"{value:f}".rstrip("0").rstrip(".")


def figure_lines(measure: Measure, figure: MeasureValue, label: str) -> list[str]:
    shown = "not recorded" if figure.value is None else figure_words(measure, figure.value)
    lines = [f"{label}: {shown}"]
    if figure.note:
        lines.append(f"  Note: {figure.note}")
    if figure.source:
        lines.append(f"  Source: {figure.source}")
    return lines


def figure_view(
    measure: Measure,
    position: int,
    total: int,
    current: MeasureValue | None,
    last: MeasureValue | None,
) -> FigureView:
    """Everything the screen of one performance figure shows."""
    unit = f"Unit: {measure.unit} ({UNIT_RULES.get(measure.unit, 'a number, 0 or more')})"
    if measure.per_population:
        unit += "; also shown per 100,000 residents"
    if measure.bank:
        unit += f"; evidences the {measure.bank} rating"
    view = FigureView(
        mid=measure.id,
        lines=[f"Performance figure {position} of {total}, {measure.id}.", measure.title],
    )
    view.lines.append(unit + ".")
    if measure.help:
        view.lines.append(f"What to count: {' '.join(measure.help.split())}")
    if last is not None and (last.value is not None or last.note or last.source):
        view.previous = figure_lines(measure, last, "Last year")
    if current is not None and (current.value is not None or current.note or current.source):
        view.current = figure_lines(measure, current, "This year, on file")
        view.entry_default = "" if current.value is None else number_text(current.value)
        view.note_default = current.note or ""
        view.source_default = current.source or ""
    view.instruction = (
        "Type m for the menu."
        if view.entry_default  # the front end says how Enter keeps the figure on file
        else "Press Enter alone to skip it, or type m for the menu."
    )
    view.prompt = f"Type this year's figure for {measure.id}:"
    return view


def wants_menu(raw: str, default: str = "") -> bool:
    """``m`` or ``menu`` typed at a figure prompt, alone or at the end of the pre-filled
    figure (with the arrow keys the figure on file is in the field: m makes "57m")."""
    text = raw.strip().lower()
    if text in TO_MENU:
        return True
    prefix = default.strip().lower()
    if not prefix or not text.startswith(prefix):
        return False
    return text[len(prefix) :].strip() in TO_MENU


def figure_problem(measure: Measure, raw: str, default: str = "") -> str | None:
    """Why ``raw`` cannot be this measure's figure (one line), or None when it can;
    ``default`` is the pre-filled figure (see ``wants_menu``)."""
    text = raw.strip()
    if not text or wants_menu(text, default):
        return None
    rule = UNIT_RULES.get(measure.unit, "a number, 0 or more")
    try:
        value = parse_figure(text)
    except ValueError:
        return f"Please type {rule}, for example 12."
    if value < 0 or (measure.unit == "percent" and value > 100):
        return f"Please type {rule}, not {text}."
    if measure.unit == "count" and not float(value).is_integer():
        return f"Please type a whole number for a count, not {text}."
    return None


def parse_figure(text: str) -> int | float:
    """A typed figure: ``57``, ``12.5``, ``1,100,000``; ValueError if not a finite number."""
    text = text.strip()
    if _GROUPED.match(text):
        text = text.replace(",", "")
    if not re.fullmatch(r"[0-9.eE+-]+", text):
        raise ValueError(text)
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def population_problem(raw: str) -> str | None:
    """Why ``raw`` is not a population (a whole number above 0), or None (empty is fine)."""
    text = raw.strip()
    if not text:
        return None
    try:
        value = parse_figure(text)
    except ValueError:
        return "Please type the number of residents as a whole number, for example 1100000."
    if not float(value).is_integer() or value <= 0:
        return f"Please type a whole number above 0, not {text}."
    return None


def figures_title(recorded: int, total: int) -> str:
    return f"Performance figures ({recorded} of {total} recorded)"
