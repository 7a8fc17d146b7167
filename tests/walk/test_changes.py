"""New / changed / replacing questions between bank versions, and upgrading a file."""

from __future__ import annotations

import copy

from bank_builder import LEVELS, make_assessment, make_bank, q

from msht_toolkit.assessment.model import Answer
from msht_toolkit.walk.changes import (
    CHANGED,
    NEW,
    REPLACED,
    bank_changes,
    is_upgrade_reason,
    outdated,
    predecessors,
    removed,
    upgrade,
)

from .conftest import bankset_of


def old_bank():
    return make_bank(
        "idb",
        {
            "s1": [q("I-1"), q("I-2"), q("I-3", "yesno"), q("I-4")],
            "s2": [q("I-5", "choice")],
        },
        version="2025.1",
    )


def new_bank():
    return make_bank(
        "idb",
        {
            "s1": [
                q("I-1", help="New help text does not change the meaning."),  # same meaning
                q("I-2", text="A reworded question?"),  # changed
                q("I-3", "scale"),  # type changed: yes/no -> scale
                q("I-6", replaces=["I-4"]),  # takes over I-4
                q("I-7"),  # new
            ],
            "s2": [q("I-5", "choice", weight=3)],  # weight only: unchanged
        },
        version="2026.1",
    )


def test_bank_changes_classifies_new_changed_and_replacing_questions():
    changes = bank_changes(old_bank(), new_bank())
    assert {qid: c.kind for qid, c in changes.items()} == {
        "I-2": CHANGED,
        "I-3": CHANGED,
        "I-6": REPLACED,
        "I-7": NEW,
    }
    assert changes["I-6"].old_ids == ("I-4",)
    assert "replaces I-4" in changes["I-6"].describe("2025.1")


def test_changed_levels_make_a_question_changed():
    old = make_bank("lv", {"s": [q("L-1")]}, version="1")
    new = make_bank("lv", {"s": [q("L-1", levels=[*LEVELS[:3], "Something else."])]}, version="2")
    assert bank_changes(old, new)["L-1"].kind == CHANGED


def test_predecessors_and_removed():
    assert predecessors(old_bank(), new_bank()) == {
        "I-1": "I-1",
        "I-2": "I-2",
        "I-3": "I-3",
        "I-6": "I-4",
        "I-5": "I-5",
    }
    assert removed(old_bank(), new_bank()) == []
    newer = make_bank("idb", {"s1": [q("I-1")]}, version="2027.1")
    assert removed(old_bank(), newer) == ["I-2", "I-3", "I-4", "I-5"]


def test_outdated_lists_banks_with_a_newer_version_and_answered_removed_questions():
    old, new = old_bank(), new_bank()
    other = make_bank("other", {"s": [q("X-1")]})
    bankset = bankset_of(old, new, other)
    assessment = make_assessment({"I-1": 2}, [old, other])
    (found,) = outdated(assessment, bankset)
    assert (found.old.version, found.new.version) == ("2025.1", "2026.1")
    assert set(found.changes) == {"I-2", "I-3", "I-6", "I-7"}
    assert outdated(make_assessment({}, [new]), bankset) == []


def test_upgrade_keeps_unchanged_answers_moves_replaced_and_flags_changed():
    old, new = old_bank(), new_bank()
    bankset = bankset_of(old, new)
    assessment = make_assessment(
        {
            "I-1": Answer(value=3, note="fine", by="Midshire Police"),
            "I-2": Answer(value=1, note="patchy"),
            "I-3": Answer(value="yes"),  # no longer fits: I-3 is now a scale question
            "I-4": Answer(value=2, evidence=["Pathway v2"]),
            "I-5": Answer(value="some"),
        },
        [old],
    )
    before = copy.deepcopy(assessment)
    result = upgrade(assessment, outdated(assessment, bankset))
    assert assessment == before  # input untouched
    upgraded = result.assessment
    assert upgraded.banks == {"idb": "2026.1"}
    answers = upgraded.answers
    assert answers["I-1"].value == 3 and not answers["I-1"].review  # unchanged question
    assert answers["I-5"].value == "some" and not answers["I-5"].review
    assert answers["I-2"].value == 1 and answers["I-2"].review
    assert is_upgrade_reason(answers["I-2"].review_reason)
    assert "I-4" not in answers  # moved to the question that replaces it
    assert answers["I-6"].value == 2 and answers["I-6"].evidence == ["Pathway v2"]
    assert answers["I-6"].review
    assert "I-3" not in answers  # its value no longer fits ...
    assert result.previous["I-3"].value is None  # ... so nothing valid is offered either
    assert result.previous["I-2"].value == 1
    assert result.focus == ["I-2", "I-3", "I-6", "I-7"]
    assert result.dropped == []


def test_upgrade_drops_answers_to_removed_questions_and_says_so():
    old = old_bank()
    newer = make_bank("idb", {"s1": [q("I-1")]}, version="2027.1")
    assessment = make_assessment({"I-1": 1, "I-2": 2}, [old])
    result = upgrade(assessment, outdated(assessment, bankset_of(old, newer)))
    assert result.dropped == ["I-2"]
    assert set(result.assessment.answers) == {"I-1"}


def test_upgrade_keeps_a_review_mark_the_user_set():
    old, new = old_bank(), new_bank()
    assessment = make_assessment(
        {"I-2": Answer(value=1, review=True, review_reason="ask the council")}, [old]
    )
    result = upgrade(assessment, outdated(assessment, bankset_of(old, new)))
    assert result.assessment.answers["I-2"].review_reason == "ask the council"


def test_bundled_identification_archive_upgrade():
    from msht_toolkit.banks.registry import load_bankset

    bankset = load_bankset(environ={})
    old = bankset.get("identification", "2025.1")
    new = bankset.get("identification")
    changes = bank_changes(old, new)
    kinds = {c.kind for c in changes.values()}
    assert NEW in kinds and REPLACED in kinds
    assert all(new.question(qid) is not None for qid in changes)
