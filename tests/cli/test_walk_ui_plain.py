"""The plain front end (``cli/walk_ui.PlainUI``): typed keys, numbered choices, whole
sentences, no escape sequences; and the shared Walker driven through it."""

from __future__ import annotations

from collections import deque

import pytest
from bank_builder import make_assessment

from msht_toolkit.cli.walk_ui import PlainUI
from msht_toolkit.walk import prompts as p
from msht_toolkit.walk.flow import Walker
from msht_toolkit.walk.prompts import Pick, question_view
from msht_toolkit.walk.session import WalkSession
from tests.walk.scripted import bank


def plain(inputs, width: int = 200):
    feed = deque(inputs)
    prompts: list[str] = []
    lines: list[str] = []

    def read(prompt: str) -> str:
        prompts.append(prompt)
        if not feed:
            raise EOFError
        return feed.popleft()

    return PlainUI(read=read, write=lines.append, width=width), prompts, lines


def test_plain_choose_lists_numbers_and_takes_a_number():
    ui, prompts, lines = plain(["7", "x", "2"])
    picks = [Pick("a", "Level 0: Nothing."), Pick("b", "Level 1: Early.")]
    assert ui.choose("What is the answer to W-1?", picks) == "b"
    assert lines[:3] == [
        "What is the answer to W-1?",
        "  1. Level 0: Nothing.",
        "  2. Level 1: Early.",
    ]
    assert lines.count("Please type one of the numbers from 1 to 2.") == 2
    assert prompts[0] == "Type a number from 1 to 2 and press Enter. "


def level_picks() -> list[Pick]:
    b = bank()
    session = WalkSession(make_assessment({}, [b]), [b])
    return question_view(session, 0, "all").picks


def test_plain_levels_are_typed_as_the_same_key_as_the_arrow_key_ui():
    """Typing 2 records Level 2 (not the second choice, Level 1), as the shortcut key does."""
    picks = level_picks()
    for typed, key in (("2", "level:2"), ("0", "level:0"), ("3", "level:3")):
        ui, _, _ = plain([typed])
        assert ui.choose("What is the answer to W-1?", picks) == key


def test_plain_shortcut_labels_letters_in_either_case_and_the_prompt_says_what_to_type():
    picks = level_picks()
    ui, prompts, lines = plain(["9", "z", "H", "m"])
    assert ui.choose("What is the answer to W-1?", picks) == p.HELP
    assert ui.choose("What is the answer to W-1?", picks) == p.MENU
    assert lines[:6] == [  # the number is the level, said once
        "What is the answer to W-1?",
        "  0. Basic first steps: Nothing yet.",
        "  1. Early progress: Early progress.",
        "  2. Substantial progress: Substantial progress.",
        "  3. Mature practice: Mature practice.",
        "  h. Help: what good looks like, and its evidence",
    ]
    assert not any("Level" in line for line in lines[1:5])
    retry = "Please type one of 0, 1, 2, 3, h, d, x, s, b, r or m."
    assert lines.count(retry) == 2  # 9 and z are refused
    assert prompts[0] == "Type the number or letter of your choice and press Enter. "


def test_plain_default_is_named_by_its_key():
    picks = level_picks()
    ui, prompts, _ = plain([""])
    assert ui.choose("What is the answer to W-1?", picks, "level:1") == "level:1"
    assert prompts[0] == (
        "Type the number or letter of your choice and press Enter. "
        "Press Enter alone for choice 1, Early progress. "
    )


def test_plain_falls_back_to_numbers_when_a_pick_has_no_or_a_repeated_shortcut():
    no_key = [Pick("a", "First", "y"), Pick("b", "Second")]
    twice = [Pick("a", "First", "y"), Pick("b", "Second", "Y")]
    for picks in (no_key, twice):
        ui, prompts, lines = plain(["y", "2"])
        assert ui.choose("Which one?", picks) == "b"
        assert lines[1:3] == ["  1. First", "  2. Second"]
        assert prompts[0] == "Type a number from 1 to 2 and press Enter. "
        assert "Please type one of the numbers from 1 to 2." in lines


def test_plain_letters_only_say_letter():
    ui, prompts, _ = plain(["Y"])
    assert ui.choose("Is there a panel?", [Pick("y", "Yes", "y"), Pick("n", "No", "n")]) == "y"
    assert prompts[0] == "Type the letter of your choice and press Enter. "


def test_plain_enter_takes_the_default_and_says_which():
    ui, prompts, _ = plain([""])
    picks = [Pick("a", "Yes"), Pick("b", "No")]
    assert ui.choose("Is there a panel?", picks, "b") == "b"
    assert "Press Enter alone for choice 2, No." in prompts[0]


def test_plain_text_keeps_or_removes_the_default():
    ui, prompts, _ = plain(["", "-", "new"])
    assert ui.text("Type a note.", default="old", clearable=True) == "old"
    assert (
        "The current entry is: old. Press Enter alone to keep it, or type - to remove it."
        in prompts[0]
    )
    assert ui.text("Type a note.", default="old", clearable=True) == ""
    assert ui.text("Type a note.", default="old", clearable=True) == "new"


def test_plain_text_validation_message_then_retry():
    ui, _, lines = plain(["", "Midshire"])
    assert (
        ui.text("What is the name?", validate=lambda s: None if s else "Please type the name.")
        == "Midshire"
    )
    assert lines == ["Please type the name."]


def test_plain_confirm():
    ui, prompts, _ = plain(["", "no", "maybe", "y"])
    assert ui.confirm("Keep?", default=True) is True
    assert ui.confirm("Keep?") is False
    assert ui.confirm("Keep?") is True
    assert prompts[0].endswith("Enter alone means yes. ")


def test_plain_walk_through_the_shared_walker():
    # W-1 level 2 (key 2), note, evidence; W-2 "no" (key N, either case); W-4 N/A (key x);
    # then the review screen (nothing to review, no shortcuts): 1 back to the menu,
    # 2 save and quit
    ui, prompts, lines = plain(["2", "note", "E1; E2", "N", "", "", "x", "", "", "2"])
    b = bank()
    session = WalkSession(make_assessment({}, [b]), [b], agency="Midshire Police")
    Walker(ui, session, lambda: None).run()
    values = {k: a.value for k, a in session.assessment.answers.items()}
    assert values == {"W-1": 2, "W-2": "no", "W-4": "na"}
    assert session.assessment.answers["W-1"].evidence == ["E1", "E2"]
    assert "  2. Substantial progress: Substantial progress." in lines  # the key typed
    assert "  n. No" in lines and "  x. Not applicable" in lines
    assert prompts[0] == "Type the number or letter of your choice and press Enter. "
    assert prompts[-1].startswith("Type a number from 1 to 2 and press Enter.")
    assert all(x.endswith((". ", "? ")) for x in prompts)  # every prompt a sentence
    assert not any("\x1b" in line for line in lines)  # no escape sequences


def test_plain_eof_raises_for_the_command_to_save():
    ui, _, _ = plain([])
    with pytest.raises(EOFError):
        ui.choose("Which?", [Pick("a", "A")])


def test_plain_lines_wrap_at_the_terminal_width_on_word_boundaries():
    picks = level_picks()
    long = Pick("z", "A choice whose title is far too long to fit on one narrow line", "z")
    ui, prompts, lines = plain(["z"], width=40)
    assert ui.choose("What is the answer to W-1 in this rather long sentence?", [*picks, long])
    assert all(len(line) <= 39 for line in lines), lines
    words = " ".join(" ".join(lines).split())
    assert "A choice whose title is far too long to fit on one narrow line" in words
    wrapped = [ln for ln in lines if ln.startswith("     ")]  # hanging indent under the text
    assert wrapped and all(not ln.strip()[0].isdigit() for ln in wrapped)
    assert len(prompts[-1]) <= 40  # the prompt typed at is the last wrapped line


def test_plain_does_not_list_the_choices_again_when_asked_again_after_help():
    picks = level_picks()
    ui, _, lines = plain(["h", "2"])
    assert ui.choose("What is the answer to W-1?", picks) == p.HELP
    ui.say("What good looks like: a named lead.")
    assert ui.choose("What is the answer to W-1?", picks) == "level:2"
    assert lines.count("  0. Basic first steps: Nothing yet.") == 1
    assert lines.count("What is the answer to W-1?") == 2
