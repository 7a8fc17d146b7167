"""What the question screen shows and offers, for every question type."""

from __future__ import annotations

from bank_builder import make_assessment, make_bank, q

from msht_toolkit.assessment.model import Answer
from msht_toolkit.walk import prompts as p
from msht_toolkit.walk.changes import QuestionChange
from msht_toolkit.walk.prompts import LEVEL_NAMES, question_view, split_evidence, value_key
from msht_toolkit.walk.session import ALL, FOCUS, WalkSession

EXTRAS = [p.HELP, p.DONT_KNOW, p.NOT_APPLIC, p.SKIP, p.BACK, p.REVIEW, p.MENU]


def typed_bank():
    return make_bank(
        "typed",
        {
            "s": [
                q(
                    "T-SC",
                    critical=True,
                    help="Good is written down.",
                    evidence="ToR",
                    refs=["MSA 2015 s.52"],
                ),
                q("T-YN", "yesno"),
                q("T-CH", "choice"),
                q("T-NU", "number", when="T-YN == yes"),
                q("T-TX", "text"),
            ]
        },
    )


def view(answers=None, qid="T-SC", mode=ALL, **kw):
    bank = typed_bank()
    session = WalkSession(make_assessment(answers or {}, [bank]), [bank], **kw)
    return question_view(session, session.index_of(qid), mode), session


def keys(v):
    return [pick.key for pick in v.picks]


def test_scale_question_offers_four_levels_and_every_extra_choice():
    v, _ = view()
    assert keys(v) == ["level:0", "level:1", "level:2", "level:3", *EXTRAS]
    assert [p.title for p in v.picks[:4]] == list(LEVEL_NAMES)  # short names in the list
    assert v.picks[2].description == "Substantial progress."  # the full descriptor below
    assert [p.shortcut for p in v.picks[:4]] == ["0", "1", "2", "3"]  # the level itself
    assert v.values["level:2"] == 2
    assert v.where == "Bank typed > Section s"
    assert v.counter == "Question 1 of 4"  # T-NU hidden while T-YN is not yes
    assert v.default is None
    assert any("Critical" in f for f in v.flags)
    assert v.help[0] == "What good looks like: Good is written down."
    assert "Evidence to look for: ToR" in v.help
    assert "References: MSA 2015 s.52" in v.help


def test_yesno_choice_number_and_text_picks():
    yn, _ = view(qid="T-YN")
    assert keys(yn)[:2] == ["yn:yes", "yn:no"] and yn.values["yn:no"] == "no"
    ch, _ = view(qid="T-CH")
    assert keys(ch)[:3] == ["opt:none", "opt:some", "opt:all"]
    assert [x.title for x in ch.picks[:3]] == ["None of them", "Some of them", "All of them"]
    nu, _ = view({"T-YN": "yes"}, qid="T-NU")
    assert keys(nu)[0] == p.ENTER
    assert nu.counter == "Question 4 of 5"
    tx, _ = view(qid="T-TX")
    assert keys(tx)[0] == p.ENTER
    assert tx.help == ["This question has no help text."]


def test_shortcuts_are_unique_on_each_screen():
    for qid in ("T-SC", "T-YN", "T-CH", "T-TX"):
        v, _ = view(qid=qid)
        shortcuts = [x.shortcut for x in v.picks if x.shortcut]
        assert len(shortcuts) == len(set(shortcuts)), qid


def test_current_answer_is_the_default_and_shown():
    v, _ = view(
        {
            "T-SC": Answer(
                value=2, note="Most partners", evidence=["ToR", "Minutes"], by="Midshire Police"
            )
        }
    )
    assert v.default == "level:2"
    assert v.current[0].startswith("Current answer: Level 2")
    assert "  Note: Most partners" in v.current
    assert v.note_default == "Most partners"
    assert v.evidence_default == "ToR; Minutes"
    unknown, _ = view({"T-SC": "unknown"})
    assert unknown.default == p.DONT_KNOW
    na, _ = view({"T-CH": "na"}, qid="T-CH")
    assert na.default == p.NOT_APPLIC


def test_number_and_text_defaults_prefill_the_typed_entry():
    nu, _ = view({"T-YN": "yes", "T-NU": 12.0}, qid="T-NU")
    assert nu.default == p.ENTER and nu.entry_default == "12"
    tx, _ = view({"T-TX": "Data is not shared"}, qid="T-TX")
    assert tx.entry_default == "Data is not shared"


def test_last_years_answer_is_default_when_not_yet_answered_this_year():
    previous = {"T-CH": Answer(value="some", note="Two of five", evidence=["Audit"])}
    v, session = view(qid="T-CH", previous=previous, last_rag={"T-CH": "AMBER"})
    session.assessment.carried_from = "last.msht.yaml"
    v = question_view(session, session.index_of("T-CH"), ALL)
    assert v.default == "opt:some"
    assert v.note_default == "Two of five" and v.evidence_default == "Audit"
    assert v.previous[0] == "Last year's answer (AMBER): Some of them"
    assert v.current == []


def test_this_years_answer_beats_last_years_default():
    previous = {"T-CH": Answer(value="some", note="old note")}
    v, _ = view({"T-CH": Answer(value="all", note="new note")}, qid="T-CH", previous=previous)
    assert v.default == "opt:all" and v.note_default == "new note"


def test_new_and_changed_questions_are_flagged():
    v, _ = view(qid="T-YN", tags={"T-YN": QuestionChange("T-YN", "new")})
    assert any(f.startswith("NEW question") for f in v.flags)
    v, _ = view(qid="T-YN", tags={"T-YN": QuestionChange("T-YN", "replaced", ("T-OLD",))})
    assert any("replaces T-OLD" in f for f in v.flags)
    v, _ = view(qid="T-YN", tags={"T-YN": QuestionChange("T-YN", "changed")})
    assert any(f.startswith("CHANGED") for f in v.flags)


def test_marked_question_offers_to_clear_the_mark():
    v, _ = view({"T-SC": Answer(value=1, review=True, review_reason="ask NHS")})
    assert p.UNREVIEW in keys(v) and p.REVIEW not in keys(v)
    assert "Marked for review: ask NHS" in v.flags


def test_focus_counter_counts_the_focus_list():
    bank = typed_bank()
    session = WalkSession(make_assessment({}, [bank]), [bank])
    session.focus = ["T-YN", "T-TX"]
    session.focus_label = "what changed"
    v = question_view(session, session.index_of("T-TX"), FOCUS)
    assert v.counter == "Question 2 of 2 (what changed)"


def test_value_key_round_trips_every_type():
    bank = typed_bank()
    for qid, value, key in [
        ("T-SC", 0, "level:0"),
        ("T-YN", "no", "yn:no"),
        ("T-CH", "all", "opt:all"),
        ("T-NU", 5, p.ENTER),
        ("T-TX", "x", p.ENTER),
        ("T-SC", None, None),
    ]:
        assert value_key(bank.question(qid), value) == key


def test_split_evidence():
    assert split_evidence(" ToR v3 ; ; Minutes;") == ["ToR v3", "Minutes"]
    assert split_evidence("") == []


def test_one_numbering_rule_answers_are_numbered_from_0():
    """A scale's number is its level; a choice question's options count from 0 too."""
    b = make_bank("n", {"s": [q("N-SC"), q("N-CH", "choice")]})
    session = WalkSession(make_assessment({}, [b]), [b])
    scale = question_view(session, session.index_of("N-SC"), "all")
    choice = question_view(session, session.index_of("N-CH"), "all")
    answers = [p for p in choice.picks if p.key.startswith("opt:")]
    assert [p.shortcut for p in answers] == [str(i) for i in range(len(answers))]
    assert [p.shortcut for p in scale.picks if p.key.startswith("level:")] == ["0", "1", "2", "3"]
