"""Review items: marked, don't know and unanswered, grouped by bank, with who answered."""

from __future__ import annotations

from bank_builder import make_assessment, make_bank, q

from msht_toolkit.analysis.review import DONT_KNOW, MARKED, UNANSWERED, review_items, totals
from msht_toolkit.assessment.model import Answer


def banks():
    first = make_bank(
        "one",
        {"a": [q("O-1"), q("O-2", "yesno"), q("O-3", when="O-2 == yes")], "b": [q("O-4", "text")]},
    )
    second = make_bank("two", {"c": [q("T-1"), q("T-2")]})
    return [first, second]


def test_items_grouped_by_bank_in_order_with_kinds_reason_and_agency():
    assessment = make_assessment(
        {
            "O-1": Answer(
                value=2, review=True, review_reason="check with NHS", by="Midshire Police"
            ),
            "O-2": Answer(value="unknown", by="Midshire County Council"),
            "T-1": Answer(value="unknown", review=True, by="Midshire Police"),
            "T-2": 3,
        },
        banks(),
    )
    groups = review_items(assessment, banks())
    assert [g.bank.id for g in groups] == ["one", "two"]
    one = {i.qid: i for i in groups[0].items}
    assert list(one) == ["O-1", "O-2", "O-4"]  # O-3 hidden: O-2 is not yes
    assert one["O-1"].kinds == (MARKED,)
    assert one["O-1"].reason == "check with NHS"
    assert one["O-1"].by == "Midshire Police"
    assert one["O-2"].kinds == (DONT_KNOW,)
    assert one["O-2"].by == "Midshire County Council"
    assert one["O-4"].kinds == (UNANSWERED,) and one["O-4"].by is None
    assert one["O-4"].section.id == "b"
    (t1,) = groups[1].items
    assert t1.kinds == (MARKED, DONT_KNOW)
    assert totals(groups) == {MARKED: 2, DONT_KNOW: 2, UNANSWERED: 1}


def test_question_that_starts_to_apply_is_listed_as_unanswered():
    assessment = make_assessment({"O-1": 1, "O-2": "yes", "O-4": "x", "T-1": 1, "T-2": 1}, banks())
    (group,) = review_items(assessment, banks())
    assert [(i.qid, i.kinds) for i in group.items] == [("O-3", (UNANSWERED,))]


def test_nothing_to_review():
    assessment = make_assessment(
        {"O-1": 1, "O-2": "no", "O-4": "x", "T-1": "na", "T-2": 0}, banks()
    )
    assert review_items(assessment, banks()) == []
    assert totals([]) == {MARKED: 0, DONT_KNOW: 0, UNANSWERED: 0}
