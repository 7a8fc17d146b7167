"""The real questionary prompts of the walk, driven by prompt_toolkit pipe input.

Each test queues keystrokes up front and runs one question of each type through
``Walker.ask`` with the rich front end, then checks the answer recorded.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
import questionary
from bank_builder import make_assessment, make_bank, q
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from msht_toolkit.assessment.model import Answer
from msht_toolkit.cli.common import console
from msht_toolkit.cli.walk_ui import RichUI
from msht_toolkit.walk import prompts as p
from msht_toolkit.walk.flow import NEXT, Walker
from msht_toolkit.walk.prompts import LEVEL_NAMES, Pick
from msht_toolkit.walk.session import ALL, WalkSession

DOWN = "\x1b[B"
UP = "\x1b[A"
ENTER = "\r"


@pytest.fixture
def keys() -> Iterator[object]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def rich_ui() -> tuple[RichUI, io.StringIO]:
    buffer = io.StringIO()
    return RichUI(console(file=buffer, plain=True, width=120)), buffer


def bank():
    return make_bank(
        "typed",
        {
            "s": [
                q("T-SC", help="Good is written down [/] and agreed."),
                q("T-YN", "yesno"),
                q("T-CH", "choice"),
                q("T-NU", "number"),
                q("T-TX", "text"),
            ]
        },
    )


def walker(answers=None, **kw):
    b = bank()
    session = WalkSession(make_assessment(answers or {}, [b]), [b], agency="Midshire Police", **kw)
    saves = []
    ui, buffer = rich_ui()
    return Walker(ui, session, lambda: saves.append(1)), session, saves, buffer


def ask(w, session, qid):
    return w.ask(session.index_of(qid), ALL)


def test_scale_by_shortcut_with_note_and_evidence(keys):
    w, session, saves, out = walker()
    keys.send_text("2" + ENTER + "Named in ToR [/]" + ENTER + "ToR v3; Minutes" + ENTER)
    assert ask(w, session, "T-SC") == NEXT
    answer = session.assessment.answers["T-SC"]
    assert (answer.value, answer.note, answer.evidence) == (
        2,
        "Named in ToR [/]",
        ["ToR v3", "Minutes"],
    )
    assert answer.by == "Midshire Police" and answer.at
    assert saves  # autosaved
    assert "Bank typed > Section s" in out.getvalue()
    assert "Question 1 of 5, T-SC." in out.getvalue()


def test_ctrl_c_at_the_note_prompt_keeps_the_level_just_chosen(keys):
    w, session, saves, _ = walker()
    keys.send_text("2" + ENTER + "half a note" + "\x03")
    with pytest.raises(KeyboardInterrupt):
        ask(w, session, "T-SC")
    answer = session.assessment.answers["T-SC"]
    assert answer.value == 2 and answer.note is None  # the level is kept, the note is not
    assert saves  # and it was saved before the note was asked for


def test_scale_by_arrow_keys(keys):
    w, session, _, _ = walker()
    keys.send_text(DOWN + DOWN + DOWN + ENTER + ENTER + ENTER)
    ask(w, session, "T-SC")
    assert session.assessment.answers["T-SC"].value == 3


def test_help_shows_help_then_asks_again(keys):
    w, session, _, out = walker()
    keys.send_text("h" + ENTER + " " + "1" + ENTER + ENTER + ENTER)  # help, a key to go back
    ask(w, session, "T-SC")
    shown = out.getvalue()
    assert "What good looks like: Good is written down [/] and agreed." in shown
    after = shown.split("What good looks like:", 1)[1]  # the question again, after the help
    assert "Question 1 of 5, T-SC." in after and "Question T-SC?" in after
    assert session.assessment.answers["T-SC"].value == 1


def test_yesno(keys):
    w, session, _, _ = walker()
    keys.send_text("n" + ENTER + ENTER + ENTER)
    ask(w, session, "T-YN")
    assert session.assessment.answers["T-YN"].value == "no"


def test_choice(keys):
    w, session, _, _ = walker()
    keys.send_text("2" + ENTER + ENTER + ENTER)  # options are numbered from 0: 2 is the third
    ask(w, session, "T-CH")
    assert session.assessment.answers["T-CH"].value == "all"


def test_number_is_validated_then_recorded(keys):
    w, session, _, _ = walker()
    keys.send_text(ENTER + "twelve" + ENTER + "\x7f" * 6 + "12" + ENTER + ENTER + ENTER)
    ask(w, session, "T-NU")
    assert session.assessment.answers["T-NU"].value == 12


def test_number_outside_min_and_max_is_asked_again_saying_the_range(keys):
    b = make_bank("shares", {"s": [q("T-PC", "number", min=0, max=100, unit="percent")]})
    session = WalkSession(make_assessment({}, [b]), [b], agency="Midshire Police")
    ui, _ = rich_ui()
    asked = []
    real_text = ui.text

    def text(message, default="", validate=None, clearable=False):
        if validate is not None:
            asked.append((message, validate("150"), validate("-5"), validate("100")))
        return real_text(message, default=default, validate=validate, clearable=clearable)

    ui.text = text
    w = Walker(ui, session, lambda: None)
    keys.send_text(ENTER + "150" + ENTER + "\x7f" * 3 + "64" + ENTER + ENTER + ENTER)
    assert ask(w, session, "T-PC") == NEXT
    assert session.assessment.answers["T-PC"].value == 64  # 150 was refused, then 64 taken
    assert asked == [
        (
            "Type the number (from 0 to 100 percent) for T-PC and press Enter.",
            "Please type a number from 0 to 100 percent.",
            "Please type a number from 0 to 100 percent.",
            None,
        )
    ]


def test_text(keys):
    w, session, _, _ = walker()
    keys.send_text(ENTER + "Data is not shared with health" + ENTER + ENTER + ENTER)
    ask(w, session, "T-TX")
    assert session.assessment.answers["T-TX"].value == "Data is not shared with health"


def test_dont_know_and_not_applicable(keys):
    w, session, _, _ = walker()
    keys.send_text("d" + ENTER + "ask the council" + ENTER + ENTER)
    keys.send_text("x" + ENTER + "no case panel here" + ENTER + ENTER)
    ask(w, session, "T-SC")
    ask(w, session, "T-CH")
    assert session.assessment.answers["T-SC"].value == "unknown"
    assert session.assessment.answers["T-SC"].note == "ask the council"
    assert session.assessment.answers["T-CH"].value == "na"


def test_previous_answer_is_the_default_so_enter_keeps_it(keys):
    w, session, _, _ = walker({"T-SC": Answer(value=1, note="old", evidence=["E1"])})
    keys.send_text(ENTER + ENTER + ENTER)
    ask(w, session, "T-SC")
    answer = session.assessment.answers["T-SC"]
    assert (answer.value, answer.note, answer.evidence) == (1, "old", ["E1"])


def test_last_years_answer_confirmed_with_enter(keys):
    w, session, _, out = walker(
        previous={"T-CH": Answer(value="some", note="2 of 5", evidence=["Audit"])}
    )
    keys.send_text(ENTER + ENTER + ENTER)
    ask(w, session, "T-CH")
    answer = session.assessment.answers["T-CH"]
    assert (answer.value, answer.note, answer.evidence, answer.by) == (
        "some",
        "2 of 5",
        ["Audit"],
        "Midshire Police",
    )
    assert "Earlier answer: Some of them" in out.getvalue()


def test_mark_for_review_then_answer(keys):
    w, session, saves, _ = walker()
    keys.send_text("r" + ENTER + "NHS to confirm" + ENTER + "0" + ENTER + ENTER + ENTER)
    ask(w, session, "T-SC")
    answer = session.assessment.answers["T-SC"]
    assert answer.review and answer.review_reason == "NHS to confirm" and answer.value == 0
    assert len(saves) == 2  # once for the mark, once for the answer


def test_skip_back_and_menu_record_nothing(keys):
    w, session, saves, _ = walker()
    keys.send_text("s" + ENTER + "b" + ENTER + "m" + ENTER)
    assert ask(w, session, "T-SC") == NEXT
    assert ask(w, session, "T-YN") == p.BACK
    assert ask(w, session, "T-YN") == p.MENU
    assert session.assessment.answers == {} and saves == []


def test_choose_returns_default_on_enter_and_ctrl_c_raises(keys):
    ui, _ = rich_ui()
    keys.send_text(ENTER)
    picks = [Pick("a", "First"), Pick("b", "Second")]
    assert ui.choose("Which one?", picks, "b") == "b"
    keys.send_text("\x03")
    with pytest.raises(KeyboardInterrupt):
        ui.choose("Which one?", picks)


def test_text_and_confirm_raise_on_ctrl_c(keys):
    ui, _ = rich_ui()
    keys.send_text("\x03")
    with pytest.raises(KeyboardInterrupt):
        ui.text("Type something.")
    keys.send_text("\x03")
    with pytest.raises(KeyboardInterrupt):
        ui.confirm("Sure?")
    keys.send_text("n")
    assert ui.confirm("Sure?") is False


def test_levels_are_short_names_with_the_highlighted_descriptor_below(keys):
    """Each level is listed once, by its short name; the full descriptor of the level under
    the cursor is shown below the list (questionary's description), wrapped, never cut."""
    from msht_toolkit.cli.walk_ui import shorten

    long_levels = [
        f"Level text {i} " + "with many concrete words about who does what " * 4 + f"END{i}"
        for i in range(4)
    ]
    buffer = io.StringIO()
    ui = RichUI(console(file=buffer, plain=True, width=60))
    picks = [
        Pick(f"level:{i}", name, str(i), description=text)
        for i, (name, text) in enumerate(zip(LEVEL_NAMES, long_levels, strict=True))
    ]
    picks.append(Pick("help", "Help", "h", separator_before=True))
    seen = []
    real = questionary.select

    def select(message, choices, **kw):
        seen.extend(c for c in choices if isinstance(c, questionary.Choice))
        return real(message, choices, **kw)

    questionary.select, saved = select, questionary.select
    try:
        keys.send_text("1" + ENTER)
        assert ui.choose("What is the answer?", picks) == "level:1"
    finally:
        questionary.select = saved
    assert buffer.getvalue() == ""  # nothing printed above the prompt: each level once
    assert [c.title for c in seen[:4]] == list(LEVEL_NAMES)
    for i, choice in enumerate(seen[:4]):
        text = " ".join(choice.description.split())
        assert text == long_levels[i]  # the full descriptor, every word
        assert all(len(line) <= 60 for line in choice.description.split("\n"))
    cut = shorten(long_levels[0], 50)
    assert len(cut) <= 50 and cut.endswith("…")
    assert shorten("Short", 50) == "Short"


def test_a_key_that_does_nothing_says_so(keys):
    import contextlib

    ui, _ = rich_ui()
    picks = [Pick("level:0", "Basic first steps", "0"), Pick("level:1", "Early progress", "1")]
    printed = io.StringIO()
    keys.send_text("z" + "1" + ENTER)
    with contextlib.redirect_stdout(printed):
        assert ui.choose("What is the answer?", picks) == "level:1"
    assert "Key 'z' does nothing here; use the arrows and Enter, or a key shown." in (
        printed.getvalue()
    )
