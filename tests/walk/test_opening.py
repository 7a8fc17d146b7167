"""The screens before the first question (``walk/opening.py``): how to walk a carried
year, and the name of a new file."""

from __future__ import annotations

import pytest
from bank_builder import make_assessment

from msht_toolkit.assessment.model import Answer
from msht_toolkit.walk import flow
from msht_toolkit.walk.opening import ask_file_name, choose_carried_mode
from msht_toolkit.walk.session import WalkSession

from .scripted import ScriptedUI, bank


def test_carried_walk_only_what_changed_confirms_the_rest_when_asked():
    b = bank()
    previous = {
        "W-1": Answer(value=3, note="kept"),
        "W-2": Answer(value="no"),
        "W-4": Answer(value=1),
    }
    session = WalkSession(
        make_assessment({}, [b]), [b], agency="Midshire Police", previous=previous
    )
    ui = ScriptedUI("focus", True)
    assert choose_carried_mode(ui, session, ["W-2", "W-4"]) == flow.FOCUS_WALK
    answers = session.assessment.answers
    assert set(answers) == {"W-1"}  # the one outside the focus list, confirmed
    assert answers["W-1"].note == "kept" and answers["W-1"].by == "Midshire Police"
    assert ui.picks[0][1].title == (
        "Only what changed or was RED/AMBER last year (2 questions); "
        "confirm the one other answer as it stands"
    )
    assert ui.asked[1][1].startswith("Confirm last year's answer to the one other question ")
    assert "Confirmed 1 answer from last year." in ui.output


def test_carried_walk_with_nothing_else_to_confirm_does_not_offer_it():
    b = bank()
    previous = {"W-1": Answer(value=0), "W-4": Answer(value=1)}
    session = WalkSession(make_assessment({}, [b]), [b], previous=previous)
    ui = ScriptedUI("focus")  # no confirm question follows: the script has none
    assert choose_carried_mode(ui, session, ["W-1", "W-4"]) == flow.FOCUS_WALK
    title = ui.picks[0][1].title
    assert title == "Only what changed or was RED/AMBER last year (2 questions)"
    assert "confirm" not in title and "0" not in title
    assert session.assessment.answers == {}


def test_carried_walk_only_what_changed_without_confirming_the_rest():
    b = bank()
    session = WalkSession(make_assessment({}, [b]), [b], previous={"W-1": Answer(value=3)})
    assert choose_carried_mode(ScriptedUI("focus", False), session, ["W-4"]) == flow.FOCUS_WALK
    assert session.assessment.answers == {}
    assert choose_carried_mode(ScriptedUI("all"), session, ["W-4"]) == flow.RESUME


def test_carried_walk_counts_only_the_questions_it_will_ask():
    """A question whose `when` is false is skipped by the walk, so the offer does not
    count it (it said 98 questions beside a menu of 95)."""
    b = bank()  # W-3 is asked only when W-2 is yes; W-2 has no answer yet
    session = WalkSession(make_assessment({}, [b]), [b], previous={})
    ui = ScriptedUI("focus")
    assert choose_carried_mode(ui, session, ["W-2", "W-3", "W-4"]) == flow.FOCUS_WALK
    assert ui.picks[0][1].title == "Only what changed or was RED/AMBER last year (2 questions)"


def test_file_name_suggested_from_the_partnership(tmp_path, monkeypatch):
    import datetime as dt

    from msht_toolkit.assessment.model import Assessment

    monkeypatch.chdir(tmp_path)
    a = Assessment(partnership="Midshire Anti-Slavery Partnership", period="2026/27")
    assert (
        str(ask_file_name(ScriptedUI("<default>"), a, dt.date(2027, 3, 1)))
        == "midshire-2026.msht.yaml"
    )
    (tmp_path / "taken.msht.yaml").write_text("x")
    with pytest.raises(AssertionError, match="already exists"):
        ask_file_name(ScriptedUI("taken.msht.yaml"), a, dt.date(2027, 3, 1))
