"""`diff.py`: two score cards -> question, section and bank changes."""

from __future__ import annotations

from typing import Any

from bank_builder import make_bank
from bank_builder import q as question
from hypothesis import given, settings
from hypothesis import strategies as st

from msht_toolkit import vocabulary
from msht_toolkit.analysis.change import (
    ADDED,
    DECLINED,
    IMPROVED,
    REMOVED,
    UNCHANGED,
    compare,
)
from msht_toolkit.analysis.diff import (
    CRITICAL_FAILING,
    CRITICAL_FIXED,
    DECLINED_WITHIN,
    DOWN_BAND,
    IMPROVED_WITHIN,
    NEW_QUESTION,
    REMOVED_QUESTION,
    UP_BAND,
    Diff,
    diff_scorecards,
)
from msht_toolkit.assessment.check import check_answers
from msht_toolkit.assessment.model import Answer, Assessment
from msht_toolkit.banks.model import Bank
from msht_toolkit.render.json.diff import diff_json
from msht_toolkit.scoring.scorer import UNRATED, ScoreCard, score_assessment


def bank(
    sections: dict[str, list[dict[str, Any]]],
    bank_id: str = "alpha",
    version: str = "1.0",
    **extra: Any,
) -> Bank:
    """A bank built through the real loader, in one version."""
    return make_bank(bank_id, sections, version=version, **extra)


def card(
    answers: dict[str, Any],
    banks: list[Bank],
    partnership: str = "Westvale Anti-Slavery Partnership",
    period: str = "2026/27",
) -> ScoreCard:
    assessment = Assessment(partnership=partnership, period=period)
    assessment.banks = {b.id: b.version for b in banks}
    for qid, value in answers.items():
        assessment.answers[qid] = Answer(value=value)
    return score_assessment(assessment, banks)


def by_id(diff: Diff) -> dict[str, Any]:
    return {q.id: q for q in diff.questions}


SIMPLE = bank(
    {
        "s1": [question("A-1"), question("A-2"), question("A-3"), question("A-4")],
        "s2": [
            question("A-5"),
            question("A-6", "text"),
            question("A-7", weight=0),
            question("A-8", "yesno"),
        ],
    }
)


# ------------------------------------------------------------------ change rules


def test_each_change_kind_from_the_scores() -> None:
    old = card({"A-1": 1, "A-2": 2, "A-3": 2, "A-4": 1, "A-8": "na"}, [SIMPLE], period="2025/26")
    new = card({"A-1": 2, "A-2": 1, "A-3": 2, "A-5": 3, "A-4": "na", "A-8": "yes"}, [SIMPLE])
    changes = {q.id: q.change for q in diff_scorecards(old, new).questions}
    assert changes == {
        "A-1": IMPROVED,
        "A-2": DECLINED,
        "A-3": UNCHANGED,
        "A-4": REMOVED,  # scored last year, not applicable now
        "A-5": ADDED,  # unanswered last year
        "A-8": ADDED,  # not applicable last year
    }


def test_questions_null_in_both_are_left_out_of_questions_and_summary() -> None:
    # A-6 text, A-7 weight 0 (answered both years), A-4 unanswered both, A-5 na both
    answers = {"A-1": 2, "A-6": "notes", "A-7": 3, "A-5": "na"}
    result = diff_scorecards(card(answers, [SIMPLE]), card(dict(answers, **{"A-7": 1}), [SIMPLE]))
    assert [q.id for q in result.questions] == ["A-1"]
    assert sum(result.summary().values()) == 1
    doc = diff_json(result)
    assert [q["id"] for q in doc["questions"]] == ["A-1"]


def test_rag_is_unrated_on_the_side_without_a_score() -> None:
    result = diff_scorecards(card({"A-1": 3}, [SIMPLE]), card({"A-2": 0}, [SIMPLE]))
    q = by_id(result)
    assert (q["A-1"].old_rag, q["A-1"].new_rag, q["A-1"].new_score) == ("GREEN", UNRATED, None)
    assert (q["A-2"].old_rag, q["A-2"].new_rag, q["A-2"].old_score) == (UNRATED, "RED", None)


def test_unknown_counts_as_a_score_of_zero() -> None:
    result = diff_scorecards(card({"A-1": "unknown"}, [SIMPLE]), card({"A-1": 1}, [SIMPLE]))
    (q,) = result.questions
    assert (q.old_score, q.old_rag, q.change) == (0.0, "RED", IMPROVED)


def test_equal_levels_are_unchanged_even_through_a_reordered_bank_version() -> None:
    """Section means summed in another order differ in the last bits: still unchanged."""
    weights = [0.1, 0.7, 0.2, 0.3]
    values = [1, 2, 1, 2]
    qs = [question(f"W-{i}", weight=w) for i, w in enumerate(weights)]
    v1 = bank({"s": qs}, "wbank", "1")
    v2 = bank({"s": qs[::-1]}, "wbank", "2")
    answers = {f"W-{i}": v for i, v in enumerate(values)}
    old, new = card(answers, [v1]), card(answers, [v2])
    # the premise: the two unrounded means really differ by floating-point noise
    assert old.banks[0].score != new.banks[0].score
    assert abs(old.banks[0].score - new.banks[0].score) < 1e-9
    result = diff_scorecards(old, new)
    assert {b.change for b in result.banks} == {UNCHANGED}
    assert {s.change for s in result.sections} == {UNCHANGED}
    assert result.headline == "no change, AMBER → AMBER"


def test_a_change_smaller_than_shown_decimals_is_still_reported() -> None:
    choice = [{"id": "o", "label": "O", "score": 0}, {"id": "x", "label": "X", "score": 0.6666}]
    v1 = bank({"s": [question("C-1", "choice", options=choice)]}, "cbank", "1")
    choice2 = [{"id": "o", "label": "O", "score": 0}, {"id": "x", "label": "X", "score": 0.6670}]
    v2 = bank({"s": [question("C-1", "choice", options=choice2)]}, "cbank", "2")
    (q,) = diff_scorecards(card({"C-1": "x"}, [v1]), card({"C-1": "x"}, [v2])).questions
    assert q.change == IMPROVED
    assert vocabulary.change(q.old_score, q.new_score, q.change) == "up less than 0.1 points"


def test_headline_names_both_rags() -> None:
    b = bank({"s": [question("H-1"), question("H-2"), question("H-3")]}, "hbank")
    result = diff_scorecards(card({"H-1": 1, "H-2": 2}, [b]), card({"H-1": 2, "H-2": 2}, [b]))
    assert result.headline == "up 16.7 points, AMBER → AMBER"


# ------------------------------------------------------------------ report lists

CRIT = bank(
    {
        "s": [
            question("K-1", critical=True),
            question("K-2", critical=True),
            question("K-3"),
            question("K-4"),
            question("K-5"),
            question("K-6"),
            question("K-7", critical=True),
        ]
    },
    "kbank",
)


def test_each_question_goes_to_one_list_critical_first() -> None:
    old = card({"K-1": 0, "K-2": 2, "K-3": 0, "K-4": 3, "K-5": 2, "K-6": 2, "K-7": 0}, [CRIT])
    new = card({"K-1": 2, "K-2": "unknown", "K-3": 2, "K-4": 1, "K-6": 1, "K-7": 0}, [CRIT])
    result = diff_scorecards(old, new)
    listed = {q.id: q.listed_under for q in result.questions}
    assert listed == {
        "K-1": CRITICAL_FIXED,  # critical RED -> AMBER
        "K-2": CRITICAL_FAILING,  # critical, now "don't know": RED
        "K-3": UP_BAND,
        "K-4": DOWN_BAND,
        "K-5": REMOVED_QUESTION,
        "K-6": DOWN_BAND,
        "K-7": None,  # still failing, unchanged: counted, not listed
    }
    titles = [title for _, title, _ in result.lists()]
    assert titles[:2] == ["Critical failures fixed", "Critical questions newly failing"]


def test_within_band_lists() -> None:
    b = bank({"s": [question("B-1"), question("B-2")]}, "bbank", rag={"green": 90, "amber": 10})
    result = diff_scorecards(card({"B-1": 1, "B-2": 2}, [b]), card({"B-1": 2, "B-2": 1}, [b]))
    listed = {q.id: q.listed_under for q in result.questions}
    assert listed == {"B-1": IMPROVED_WITHIN, "B-2": DECLINED_WITHIN}


def test_new_critical_question_failing_is_listed_as_newly_failing() -> None:
    v1 = bank({"s": [question("N-1")]}, "nbank", "1")
    v2 = bank({"s": [question("N-1"), question("N-2", critical=True)]}, "nbank", "2")
    result = diff_scorecards(card({"N-1": 1}, [v1]), card({"N-1": 1, "N-2": 0}, [v2]))
    assert by_id(result)["N-2"].listed_under == CRITICAL_FAILING
    assert by_id(result)["N-2"].change == ADDED
    v2_ok = diff_scorecards(card({"N-1": 1}, [v1]), card({"N-1": 1, "N-2": 3}, [v2]))
    assert by_id(v2_ok)["N-2"].listed_under == NEW_QUESTION


# ------------------------------------------------------------------ matching


def test_bundled_identification_matches_replaced_question(bankset: Any) -> None:
    """2025.1 ID-NRM-03 was replaced by 2026.1 ID-NRM-04: compared, not added/removed."""
    old_a = Assessment(partnership="Midshire", period="2025/26", banks={"identification": "2025.1"})
    old_a.answers = {"ID-NRM-01": Answer(1), "ID-NRM-03": Answer(1), "ID-DTN-01": Answer(2)}
    new_a = Assessment(partnership="Midshire", period="2026/27", banks={"identification": "2026.1"})
    new_a.answers = {"ID-NRM-01": Answer(1), "ID-NRM-04": Answer(3), "ID-DTN-03": Answer(2)}
    cards = [score_assessment(a, check_answers(a, bankset)) for a in (old_a, new_a)]
    result = diff_scorecards(*cards)
    q = by_id(result)
    assert "ID-NRM-03" not in q
    assert q["ID-NRM-04"].renamed_from == "ID-NRM-03"
    assert (q["ID-NRM-04"].change, q["ID-NRM-04"].old_rag, q["ID-NRM-04"].new_rag) == (
        IMPROVED,
        "RED",
        "GREEN",
    )
    assert q["ID-NRM-01"].change == UNCHANGED
    assert q["ID-DTN-03"].change == ADDED  # new in 2026.1
    assert q["ID-DTN-01"].change == REMOVED  # not answered in 2026
    (ident,) = result.banks
    assert (ident.old_version, ident.new_version) == ("2025.1", "2026.1")
    # swapped: the older version is on the NEW side; the pair is still found
    back = by_id(diff_scorecards(cards[1], cards[0]))
    assert back["ID-NRM-03"].old.id == "ID-NRM-04"
    assert back["ID-NRM-03"].change == DECLINED


def test_replaces_followed_through_an_intermediate_version() -> None:
    v1 = bank({"s": [question("R-A")]}, "rbank", "1")
    v2 = bank({"s": [question("R-B", replaces=["R-A"])]}, "rbank", "2")
    v3 = bank({"s": [question("R-C", replaces=["R-B"])]}, "rbank", "3")
    old, new = card({"R-A": 1}, [v1]), card({"R-C": 2}, [v3])
    without = {q.id: q.change for q in diff_scorecards(old, new).questions}
    assert without == {"R-C": ADDED, "R-A": REMOVED}
    with_lineage = diff_scorecards(old, new, lineage=[v1, v2, v3])
    (q,) = with_lineage.questions
    assert (q.id, q.renamed_from, q.change) == ("R-C", "R-A", IMPROVED)


def test_a_question_merging_two_old_ones_takes_the_first_with_a_score() -> None:
    v1 = bank({"s": [question("M-A"), question("M-B")]}, "mbank", "1")
    v2 = bank({"s": [question("M-C", replaces=["M-A", "M-B"])]}, "mbank", "2")
    result = diff_scorecards(card({"M-B": 1}, [v1]), card({"M-C": 2}, [v2]))
    (q,) = result.questions  # M-A and M-B are not reported as removed
    assert (q.id, q.renamed_from, q.change) == ("M-C", "M-B", IMPROVED)


def test_same_id_wins_over_replaces() -> None:
    """A question kept under its id is compared with itself, not with what it replaced."""
    v1 = bank({"s": [question("S-A"), question("S-B")]}, "sbank", "1")
    v2 = bank({"s": [question("S-B", replaces=["S-A"])]}, "sbank", "2")
    result = diff_scorecards(card({"S-A": 1, "S-B": 1}, [v1]), card({"S-B": 3}, [v2]))
    q = by_id(result)
    assert q["S-B"].renamed_from is None
    assert (q["S-A"].change, q["S-B"].change) == (REMOVED, IMPROVED)


# ------------------------------------------------------------------ banks and sections


def test_banks_answered_in_one_year_only_are_added_or_removed() -> None:
    alpha = bank({"s1": [question("A-1")]}, "alpha")
    beta = bank({"b1": [question("B-1")], "b2": [question("B-2")]}, "beta")
    gamma = bank({"g1": [question("G-1")]}, "gamma")
    old = card({"A-1": 1, "B-1": 2, "B-2": 1}, [alpha, beta])
    new = card({"A-1": 2, "G-1": 3}, [alpha, gamma])
    result = diff_scorecards(old, new)
    banks = {b.id: (b.change, b.old_version, b.new_version) for b in result.banks}
    assert banks == {
        "alpha": (IMPROVED, "1.0", "1.0"),
        "gamma": (ADDED, None, "1.0"),
        "beta": (REMOVED, "1.0", None),
    }
    sections = {(s.bank_id, s.id): s.change for s in result.sections}
    assert sections == {
        ("alpha", "s1"): IMPROVED,
        ("gamma", "g1"): ADDED,
        ("beta", "b1"): REMOVED,
        ("beta", "b2"): REMOVED,
    }
    doc = diff_json(result)
    assert doc["banks"][1] == {
        "id": "gamma",
        "old_version": None,
        "new_version": "1.0",
        "old_score": None,
        "new_score": 100.0,
        "old_rag": UNRATED,
        "new_rag": "GREEN",
        "change": ADDED,
    }
    assert {q["id"]: q["change"] for q in doc["questions"]} == {
        "A-1": IMPROVED,
        "G-1": ADDED,
        "B-1": REMOVED,
        "B-2": REMOVED,
    }


def test_bank_in_scope_but_unanswered_in_both_is_left_out() -> None:
    alpha = bank({"s1": [question("A-1")]}, "alpha")
    beta = bank({"b1": [question("B-1")]}, "beta")
    result = diff_scorecards(card({"A-1": 1}, [alpha, beta]), card({"A-1": 1}, [alpha, beta]))
    assert [b.id for b in result.banks] == ["alpha"]
    assert [(s.bank_id, s.id) for s in result.sections] == [("alpha", "s1")]


def test_section_rag_shows_the_critical_cap() -> None:
    b = bank({"s": [question("X-1", critical=True), question("X-2"), question("X-3")]}, "xbank")
    result = diff_scorecards(
        card({"X-1": 0, "X-2": 3, "X-3": 3}, [b]), card({"X-1": 2, "X-2": 3, "X-3": 3}, [b])
    )
    (section,) = result.sections
    assert (section.old_rag, section.new_rag) == ("RED", "GREEN")


# ------------------------------------------------------------------ warnings


def test_different_partnerships_warn_but_still_compare() -> None:
    old = card(
        {"A-1": 1}, [SIMPLE], partnership="Westvale Anti-Slavery Partnership", period="2025/26"
    )
    new = card({"A-1": 2}, [SIMPLE], partnership="Northmoor Anti-Slavery Partnership")
    result = diff_scorecards(old, new)
    assert len(result.warnings) == 1
    assert "different partnerships" in result.warnings[0]
    assert "Westvale" in result.warnings[0] and "Northmoor" in result.warnings[0]
    assert [q.change for q in result.questions] == [IMPROVED]


def test_same_partnership_spelled_with_other_case_and_spaces_does_not_warn() -> None:
    old = card(
        {"A-1": 1}, [SIMPLE], partnership="Westvale  Anti-Slavery Partnership", period="2025/26"
    )
    new = card({"A-1": 2}, [SIMPLE], partnership="westvale anti-slavery partnership")
    assert diff_scorecards(old, new).warnings == ()


def test_old_later_than_new_warns() -> None:
    old = card({"A-1": 1}, [SIMPLE], period="2027/28")
    new = card({"A-1": 2}, [SIMPLE], period="2026/27")
    (warning,) = diff_scorecards(old, new).warnings
    assert "later than NEW" in warning


# ------------------------------------------------------------------ properties


def assert_self_diff_unchanged(result: Diff) -> None:
    assert {q.change for q in result.questions} <= {UNCHANGED}
    assert {s.change for s in result.sections} <= {UNCHANGED}
    assert {b.change for b in result.banks} <= {UNCHANGED}
    assert all(q.listed_under is None for q in result.questions)
    summary = result.summary()
    assert summary[UNCHANGED] == len(result.questions)
    assert result.warnings == ()


SWAPPED = {IMPROVED: DECLINED, DECLINED: IMPROVED, ADDED: REMOVED, REMOVED: ADDED}


def assert_swapped(forward: Diff, backward: Diff) -> None:
    def keyed(diff: Diff, swap: bool) -> dict[tuple[str | None, str | None], str]:
        out = {}
        for q in diff.questions:
            key = (q.old_id, q.new.id if q.new else None)
            change = SWAPPED.get(q.change, q.change) if swap else q.change
            out[key[::-1] if swap else key] = change
        return out

    assert keyed(forward, swap=False) == keyed(backward, swap=True)
    for which in ("banks", "sections"):
        f = [(x.id, x.change) for x in getattr(forward, which)]
        b = [(x.id, SWAPPED.get(x.change, x.change)) for x in getattr(backward, which)]
        assert sorted(f) == sorted(b)
    fs, bs = forward.summary(), backward.summary()
    assert (fs[IMPROVED], fs[DECLINED], fs[ADDED], fs[REMOVED], fs[UNCHANGED]) == (
        bs[DECLINED],
        bs[IMPROVED],
        bs[REMOVED],
        bs[ADDED],
        bs[UNCHANGED],
    )


def test_bundled_assessment_diffed_with_itself_is_unchanged(bankset: Any) -> None:
    assessment = Assessment(partnership="Midshire", period="2026/27")
    for i, bank_ in enumerate(bankset.newest()):
        for j, q in enumerate(bank_.questions()):
            if q.type == "scale":
                assessment.answers[q.id] = Answer((i + j) % 4)
            elif q.type == "yesno":
                assessment.answers[q.id] = Answer("yes" if j % 2 else "unknown")
            elif q.type == "choice":
                assessment.answers[q.id] = Answer(q.options[j % len(q.options)].id)
    a = score_assessment(assessment, check_answers(assessment, bankset))
    b = score_assessment(assessment, check_answers(assessment, bankset))
    result = diff_scorecards(a, b, bankset.all())
    assert len(result.questions) > 50
    assert_self_diff_unchanged(result)
    assert result.headline.startswith("no change")


V1 = bank(
    {
        "one": [
            question("P-1", critical=True),
            question("P-2", "yesno"),
            question("P-3", "choice"),
            question("P-OLD"),
        ],
        "two": [question("P-4", "number"), question("P-5", "text"), question("P-GONE", weight=2)],
    },
    "pbank",
    "1",
)
V2 = bank(
    {
        "one": [
            question("P-1", critical=True),
            question("P-2", "yesno"),
            question("P-3", "choice"),
            question("P-NEW", replaces=["P-OLD"]),
        ],
        "two": [question("P-4", "number"), question("P-5", "text"), question("P-ADD", weight=0.5)],
        "three": [question("P-6", critical=True, when="P-2 == yes")],
    },
    "pbank",
    "2",
    rag={"green": 80, "amber": 50},
)
OTHER = bank({"z": [question("Z-1"), question("Z-2", "yesno")]}, "zbank", "1")

MISSING = st.sampled_from([None, "na", "unknown"])
SCALE = st.one_of(st.integers(0, 3), MISSING)
VALUES = {
    "scale": SCALE,
    "yesno": st.one_of(st.sampled_from(["yes", "no"]), MISSING),
    "choice": st.one_of(st.sampled_from(["none", "some", "all"]), MISSING),
    "number": st.one_of(st.integers(0, 30), MISSING),
    "text": st.one_of(st.just("a note"), MISSING),
}


@st.composite
def answers_for(draw: st.DrawFn, banks: list[Bank]) -> dict[str, Any]:
    out = {}
    for b in banks:
        for q in b.questions():
            value = draw(VALUES[q.type])
            if value is not None:
                out[q.id] = value
    return out


@st.composite
def scope(draw: st.DrawFn) -> list[Bank]:
    main = draw(st.sampled_from([V1, V2]))
    return [main, OTHER] if draw(st.booleans()) else [main]


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_property_self_diff_is_unchanged(data: st.DataObject) -> None:
    banks = data.draw(scope())
    answers = data.draw(answers_for(banks))
    a, b = card(answers, banks), card(answers, banks)
    assert_self_diff_unchanged(diff_scorecards(a, b, [V1, V2]))


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_property_swapping_old_and_new_swaps_the_changes(data: st.DataObject) -> None:
    old_banks, new_banks = data.draw(scope()), data.draw(scope())
    old = card(data.draw(answers_for(old_banks)), old_banks, period="2025/26")
    new = card(data.draw(answers_for(new_banks)), new_banks, period="2026/27")
    forward = diff_scorecards(old, new, [V1, V2])
    backward = diff_scorecards(new, old, [V1, V2])
    assert_swapped(forward, backward)
    # and the invariants of one diff
    for q in forward.questions:
        assert q.old_score is not None or q.new_score is not None
        assert q.change == compare(q.old_score, q.new_score)
        assert (q.old_rag == UNRATED) == (q.old_score is None)
        assert (q.new_rag == UNRATED) == (q.new_score is None)
    ids = [q.id for q in forward.questions]
    assert len(ids) == len(set(ids))
    if V1 in old_banks and V2 in new_banks:
        assert "P-OLD" not in ids  # compared with P-NEW, or left out when null in both
    assert sum(forward.summary().values()) == len(forward.questions)
    doc = diff_json(forward)
    assert doc["summary"] == forward.summary()
