"""The walk's state: order, live `when` skipping, resume point, back/next, recording, progress."""

from __future__ import annotations

from bank_builder import make_assessment, make_bank, q

from msht_toolkit.assessment.model import Answer
from msht_toolkit.scoring.scorer import AMBER, GREEN, RED, UNRATED, score_assessment
from msht_toolkit.walk.changes import QuestionChange, is_upgrade_reason
from msht_toolkit.walk.session import ALL, FOCUS, UNANSWERED, WalkSession

CLOCK = "2027-03-14T10:42:00"


def session_for(bank, answers=None, **kw):
    assessment = make_assessment(answers or {}, [bank])
    return WalkSession(assessment, [bank], agency="Midshire Police", clock=lambda: CLOCK, **kw)


def qids(session, indexes):
    return [session.stop(i).qid for i in indexes]


def walk_ids(session, mode=ALL):
    out = []
    index = session.first(mode)
    while index is not None:
        out.append(session.stop(index).qid)
        index = session.next_stop(index, mode)
    return out


def test_questions_follow_bank_and_section_order(gate_bank):
    session = session_for(gate_bank)
    assert [s.qid for s in session.stops] == ["G-1", "G-2", "G-3", "G-4", "G-5", "G-6"]
    assert session.stop(3).section.id == "s2"


def test_when_false_questions_are_skipped_until_the_answer_makes_them_apply(gate_bank):
    session = session_for(gate_bank)
    # nothing answered: G-1 is not yes and G-4 not >= 2, so their followers are hidden
    assert walk_ids(session) == ["G-1", "G-4", "G-6"]
    session.record("G-1", "yes")
    assert walk_ids(session) == ["G-1", "G-2", "G-3", "G-4", "G-6"]
    session.record("G-4", 3)
    assert walk_ids(session) == ["G-1", "G-2", "G-3", "G-4", "G-5", "G-6"]
    session.record("G-1", "no")  # changed back: G-2 and G-3 disappear again, live
    assert walk_ids(session) == ["G-1", "G-4", "G-5", "G-6"]


def test_answer_to_question_that_became_not_applicable_is_kept_but_not_scored(gate_bank):
    session = session_for(gate_bank)
    session.record("G-1", "yes")
    session.record("G-2", 0)
    session.record("G-1", "no")
    assert session.assessment.answers["G-2"].value == 0  # kept on file
    card = score_assessment(session.assessment, [gate_bank])
    assert card.question("G-2").applicable is False
    assert card.question("G-2").score is None


def test_next_after_answer_in_resume_mode_jumps_to_next_unanswered(gate_bank):
    session = session_for(gate_bank, {"G-4": 1})
    index = session.first_unanswered()
    assert session.stop(index).qid == "G-1"
    session.record("G-1", "no")
    nxt = session.next_stop(index, UNANSWERED)
    assert session.stop(nxt).qid == "G-6"  # G-2/G-3 hidden, G-4 answered, G-5 hidden


def test_resume_position_is_first_unanswered_shown_question(gate_bank):
    session = session_for(gate_bank, {"G-1": "yes", "G-2": 2})
    assert session.stop(session.first_unanswered()).qid == "G-3"
    session.record("G-3", "all")
    assert session.stop(session.first_unanswered()).qid == "G-4"


def test_resume_is_none_when_every_shown_question_is_answered(gate_bank):
    session = session_for(gate_bank, {"G-1": "no", "G-4": 0, "G-6": "gaps"})
    assert session.first_unanswered() is None


def test_unknown_and_na_count_as_answered_for_resume(gate_bank):
    session = session_for(gate_bank, {"G-1": "unknown", "G-4": "na"})
    assert session.stop(session.first_unanswered()).qid == "G-6"


def test_back_goes_to_previous_shown_question_answered_or_not(gate_bank):
    session = session_for(gate_bank, {"G-1": "yes", "G-2": 1})
    g4 = session.index_of("G-4")
    assert session.stop(session.prev_stop(g4)).qid == "G-3"
    assert session.stop(session.prev_stop(session.index_of("G-3"))).qid == "G-2"
    assert session.prev_stop(session.index_of("G-1")) is None


def test_back_skips_hidden_questions(gate_bank):
    session = session_for(gate_bank, {"G-1": "no"})
    assert session.stop(session.prev_stop(session.index_of("G-4"))).qid == "G-1"


def test_first_within_section(gate_bank):
    session = session_for(gate_bank)
    s2 = gate_bank.sections[1]
    assert session.stop(session.first(ALL, within=s2)).qid == "G-4"


def test_focus_walk_visits_only_focus_questions_that_apply(gate_bank):
    session = session_for(gate_bank, {"G-1": "no"})
    session.focus = ["G-2", "G-4", "G-6"]
    assert walk_ids(session, FOCUS) == ["G-4", "G-6"]  # G-2 does not apply
    assert session.counter(session.index_of("G-6"), FOCUS) == (2, 2)
    assert session.stop(session.prev_stop(session.index_of("G-6"), FOCUS)).qid == "G-4"


def test_counter_counts_shown_questions_of_the_bank(gate_bank):
    session = session_for(gate_bank)
    assert session.counter(session.index_of("G-4")) == (2, 3)
    session.record("G-1", "yes")
    assert session.counter(session.index_of("G-4")) == (4, 5)


def test_record_sets_by_at_value_note_and_evidence(gate_bank):
    session = session_for(gate_bank)
    answer = session.record("G-4", 2, "Named in ToR", [" ToR v3 ", "", "Minutes"])
    assert (answer.value, answer.note, answer.by, answer.at) == (
        2,
        "Named in ToR",
        "Midshire Police",
        CLOCK,
    )
    assert answer.evidence == ["ToR v3", "Minutes"]
    session.agency = "Midshire County Council"
    assert session.record("G-4", 3).by == "Midshire County Council"


def test_review_mark_survives_a_new_answer_and_can_be_cleared(gate_bank):
    session = session_for(gate_bank)
    session.mark_review("G-4", "check with NHS")
    assert session.assessment.answers["G-4"].value is None  # marked before answering
    session.record("G-4", 1)
    answer = session.assessment.answers["G-4"]
    assert answer.review and answer.review_reason == "check with NHS"
    session.clear_review("G-4")
    assert not answer.review and answer.review_reason is None


def test_clearing_review_on_unanswered_question_leaves_no_empty_answer(gate_bank):
    session = session_for(gate_bank)
    session.mark_review("G-6", None)
    session.clear_review("G-6")
    assert "G-6" not in session.assessment.answers


def test_confirming_an_answer_clears_only_an_upgrade_review_flag(gate_bank):
    reason = "bank version changed from 1.0 to 2.0: changed since version 1.0; confirm"
    assert is_upgrade_reason(reason)
    session = session_for(
        gate_bank,
        {
            "G-4": Answer(value=1, review=True, review_reason=reason),
            "G-6": Answer(value="x", review=True, review_reason="ask the council"),
        },
    )
    session.record("G-4", 1)
    session.record("G-6", "y")
    assert session.assessment.answers["G-4"].review is False
    assert session.assessment.answers["G-6"].review is True


def test_progress_per_bank_and_section_matches_scoring(gate_bank):
    session = session_for(gate_bank, {"G-1": "yes", "G-2": 3, "G-3": "all", "G-4": 0})
    (bank,) = session.progress()
    card = score_assessment(session.assessment, [gate_bank])
    assert (bank.answered, bank.applicable) == (4, 5)  # G-5 hidden, G-6 unanswered
    assert bank.rag == card.banks[0].rag
    s1, s2 = bank.sections
    assert (s1.answered, s1.applicable, s1.rag) == (3, 3, GREEN)
    assert (s2.answered, s2.applicable, s2.rag) == (1, 2, RED)
    assert s2.provisional is True  # half answered


def test_progress_is_unrated_with_no_answers(gate_bank):
    (bank,) = session_for(gate_bank).progress()
    assert (bank.answered, bank.rag) == (0, UNRATED)


def test_accept_previous_confirms_only_unanswered_questions_with_a_previous_answer(gate_bank):
    previous = {
        "G-4": Answer(value=2, note="as last year", evidence=["ToR"]),
        "G-6": Answer(value=None),
    }
    session = session_for(gate_bank, {"G-1": "no"}, previous=previous)
    done = session.accept_previous(["G-1", "G-4", "G-6"])
    assert done == ["G-4"]
    answer = session.assessment.answers["G-4"]
    assert (answer.value, answer.note, answer.evidence, answer.by, answer.at) == (
        2,
        "as last year",
        ["ToR"],
        "Midshire Police",
        CLOCK,
    )
    assert session.assessment.answers["G-1"].value == "no"  # untouched


def test_tags_and_walk_over_several_banks():
    first = make_bank("one", {"a": [q("O-1"), q("O-2")]})
    second = make_bank("two", {"b": [q("T-1")]})
    assessment = make_assessment({"O-1": 3}, [first, second])
    session = WalkSession(assessment, [first, second], tags={"T-1": QuestionChange("T-1", "new")})
    assert walk_ids(session, UNANSWERED) == ["O-2", "T-1"]
    assert session.counter(session.index_of("T-1")) == (1, 1)
    assert [p.rag for p in session.progress()] == [GREEN, UNRATED]
    session.record("O-2", 1)
    assert session.progress()[0].rag == AMBER


def test_asked_leaves_out_questions_whose_when_is_false_until_it_becomes_true():
    b = make_bank("walk", {"s": [q("W-1", "yesno"), q("W-2", when="W-1 == yes"), q("W-3")]})
    session = WalkSession(make_assessment({}, [b]), [b])
    assert session.asked(["W-2", "W-3", "NOT-IN-BANK"]) == ["W-3"]
    session.record_value("W-1", "yes")
    assert session.asked(["W-2", "W-3"]) == ["W-2", "W-3"]
