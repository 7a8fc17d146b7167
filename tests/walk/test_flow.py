"""Walk flows through the shared Walker (``walk/flow.py``) with a scripted front end."""

from __future__ import annotations

from typing import Any

import pytest
from bank_builder import make_assessment

from msht_toolkit.assessment.model import Answer
from msht_toolkit.walk import flow
from msht_toolkit.walk import prompts as p
from msht_toolkit.walk.flow import Walker
from msht_toolkit.walk.session import WalkSession

from .scripted import ScriptedUI, bank


def run(ui, answers=None, start=flow.RESUME, **kw):
    b = bank()
    session = WalkSession(make_assessment(answers or {}, [b]), [b], agency="Midshire Police", **kw)
    saves: list[dict[str, Any]] = []

    def save() -> None:
        saves.append({k: a.value for k, a in session.assessment.answers.items()})

    Walker(ui, session, save).run(start)
    assert not ui.script, f"script not used up: {list(ui.script)}"
    return session, saves


def answer(key, note="", evidence=""):
    return [key, note, evidence]


def test_full_walk_then_review_screen_then_quit():
    ui = ScriptedUI(
        *answer("level:2", "Named leads"),
        *answer("yn:yes"),
        *answer("level:1"),
        *answer("level:3"),
        "quit",
    )
    session, saves = run(ui)
    values = {k: a.value for k, a in session.assessment.answers.items()}
    assert values == {"W-1": 2, "W-2": "yes", "W-3": 1, "W-4": 3}
    assert saves[0] == {"W-1": 2}  # saved as soon as the first level was chosen
    # W-1 twice (its level, then its note), the other answers once each, once on quit
    assert len(saves) == 6
    assert "Review before finishing" in ui.output
    assert "Nothing to review" in ui.output


def test_value_note_and_evidence_are_each_saved_as_soon_as_entered():
    b = bank()
    session = WalkSession(
        make_assessment({"W-1": Answer(value=0, note="Police only", evidence=["ToR v2"])}, [b]),
        [b],
        agency="Midshire County Council",
    )
    saves: list[tuple[object, str | None, list[str], str | None]] = []

    def save() -> None:
        a = session.assessment.answers["W-1"]
        saves.append((a.value, a.note, list(a.evidence), a.by))

    w = Walker(ScriptedUI("level:2", KeyboardInterrupt), session, save)
    with pytest.raises(KeyboardInterrupt):
        w.ask(0, "all")
    # on disk at Ctrl-C: the new level, by the agency answering now, with the note and
    # evidence the answer already had
    assert saves == [(2, "Police only", ["ToR v2"], "Midshire County Council")]

    # Ctrl-C (or kill -9) at the evidence prompt keeps the note just entered
    w = Walker(ScriptedUI("level:3", "Named lead", KeyboardInterrupt), session, save)
    with pytest.raises(KeyboardInterrupt):
        w.ask(0, "all")
    assert saves[1:] == [
        (3, "Police only", ["ToR v2"], "Midshire County Council"),
        (3, "Named lead", ["ToR v2"], "Midshire County Council"),
    ]

    w = Walker(ScriptedUI("level:1", "", "Minutes"), session, save)
    w.ask(0, "all")
    assert saves[3:] == [
        (1, "Named lead", ["ToR v2"], "Midshire County Council"),
        (1, None, ["ToR v2"], "Midshire County Council"),
        (1, None, ["Minutes"], "Midshire County Council"),
    ]


def test_when_false_question_is_skipped_live():
    ui = ScriptedUI(*answer("level:2"), *answer("yn:no"), *answer("level:3"), "quit")
    session, _ = run(ui)
    assert "W-3" not in session.assessment.answers
    assert [m for k, m in ui.asked if k == "choose"][:3] == [
        "What is the answer to W-1?",
        "What is the answer to W-2?",
        "What is the answer to W-4?",
    ]


def test_back_and_change_an_answer_then_carry_on_in_order():
    ui = ScriptedUI(
        *answer("level:2"),
        *answer("yn:yes"),
        p.BACK,  # on W-3: back to W-2
        p.BACK,  # back to W-1
        *answer("level:0", "changed my mind"),  # W-1 again
        *answer("<default>"),  # W-2 shows its answer as default; Enter keeps it
        *answer("level:1"),  # W-3
        *answer("level:1"),  # W-4
        "quit",
    )
    session, _ = run(ui)
    answers = session.assessment.answers
    assert answers["W-1"].value == 0 and answers["W-1"].note == "changed my mind"
    assert answers["W-2"].value == "yes"


def test_back_on_first_question_says_so():
    ui = ScriptedUI(p.BACK, p.MENU, "quit")
    run(ui)
    assert "This is the first question; there is nothing before it." in ui.output


def test_skip_leaves_unanswered_and_review_lists_it_and_jumps_to_it():
    ui = ScriptedUI(
        p.SKIP,
        *answer("yn:no"),
        *answer(p.DONT_KNOW, "ask the council"),
        "go:W-1",  # review screen: jump to the skipped question
        *answer("level:3"),
        "quit",
    )
    session, _ = run(ui)
    assert session.assessment.answers["W-1"].value == 3
    assert "W-1: not answered" in ui.output
    assert "W-4: don't know" in ui.output


def test_resume_starts_at_first_unanswered():
    ui = ScriptedUI(*answer("level:1"), "quit")
    run(ui, {"W-1": 2, "W-2": "no"})
    assert ui.asked[0] == ("choose", "What is the answer to W-4?")
    assert "Resuming at W-4" in ui.output


def test_menu_shows_progress_and_walks_a_section():
    ui = ScriptedUI(p.MENU, "bank:0", "section:1", *answer("level:3"), "quit")
    run(ui, {"W-1": 3})
    menu = [pk.title for pk in ui.picks[1]]
    assert menu[0].startswith("Resume where I left off (W-2")
    assert menu[1] == "Bank walk: 1 of 3 answered, GREEN (provisional)"
    assert "Score now" in menu and "Save and quit" in menu
    sections = [pk.title for pk in ui.picks[2]]
    assert sections[0] == "Section s1: 1 of 2 answered, GREEN (provisional)"
    assert sections[1] == "Section s2: 0 of 1 answered, not rated yet"


def test_menu_change_agency_and_score_now():
    ui = ScriptedUI(
        p.MENU,
        "agency",
        "other",
        "Midshire County Council",
        "score",
        "resume",
        *answer("level:1"),
        "quit",
    )
    session, _ = run(ui, {"W-2": "no", "W-4": 1})
    assert session.assessment.answers["W-1"].by == "Midshire County Council"
    assert "SCORECARD overall" in ui.output


def test_review_marking_shows_on_review_screen():
    ui = ScriptedUI(
        p.REVIEW, "NHS to confirm", *answer("level:2"), p.MENU, "review", "menu", "quit"
    )
    session, _ = run(ui, {"W-2": "no", "W-4": 1})
    assert session.assessment.answers["W-1"].review_reason == "NHS to confirm"
    assert (
        "W-1: marked for review; reason: NHS to confirm; answered by Midshire Police" in ui.output
    )


def test_focus_walk_visits_only_the_focus_list():
    b = bank()
    session = WalkSession(make_assessment({}, [b]), [b], agency="X")
    session.focus = ["W-4"]
    session.focus_label = "the new or changed questions"
    ui = ScriptedUI(*answer("level:2"), "menu", "quit")
    Walker(ui, session, lambda: None).run(flow.FOCUS_WALK)
    assert ui.asked[0] == ("choose", "What is the answer to W-4?")
    assert "That is the end of this walk." in ui.output
