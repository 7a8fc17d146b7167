"""`render/report_md.py`: the full report parses cleanly, has every part, and escapes user text
(participant names, notes, evidence, review reasons)."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from bank_builder import answer, make_bank, q, score
from markdown_check import headings, markup_leaks, table_problems, tables, text

from msht_toolkit.assessment.model import Participant, Response, Target
from msht_toolkit.plan import build_plan
from msht_toolkit.render.report_md import executive_summary, report_markdown

NASTY = "Pipes | here # hash `tick` <script>alert(1)</script> [x](http://evil) *em* _u_"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "output"


def act(below: float, do: str, priority: str = "high") -> dict:
    return {"below": below, "do": do, "priority": priority, "owner": "Police"}


def banks() -> list:
    return [
        make_bank(
            "alpha",
            {
                "s1": [
                    q("A-1", critical=True, actions=[act(2, "Fix it")]),
                    q("A-2", "yesno"),
                    q("A-3", when="A-2 == yes"),
                ],
                "s2": [q("A-4"), q("A-5", "text")],
            },
            theme="prepare",
        ),
        make_bank(
            "beta", {"s1": [q("B-1", actions=[act(3, "Keep going", "low")])]}, theme="pursue"
        ),
        make_bank("gamma", {"s1": [q("C-1")]}, theme="protect"),
    ]


def card(**extra: object) -> object:
    answers = {
        "A-1": answer(0, note=NASTY, evidence=[NASTY, "Plain doc v2"], by="<b>Agency</b> | x"),
        "A-2": answer("no"),
        "A-3": answer(3),  # stored, but its condition is false
        "A-4": answer(
            "unknown",
            note="ask",
            review=True,
            review_reason=NASTY,
            responses=[
                Response(by="Midshire Police", value=3),
                Response(by="Council | x", value=0),
            ],
        ),
        "A-5": answer("We meet monthly | `x`"),
        "B-1": answer(2, note="Good progress"),
    }
    profile = {
        "partnership": "Midshire Anti-Slavery Partnership",
        "area": "Midshire <i>",
        "assessed_on": "2027-03-14",
        "participants": [
            Participant(name=NASTY, agency="[Agency](javascript:alert(1))", role="Lead | #1"),
            Participant(name="A. Lead"),
        ],
        "targets": {"A-1": Target(level=2, by="2027-09-30"), "beta": Target(score=50)},
    }
    profile.update(extra)
    return score(banks(), answers, **profile)


def test_report_has_every_part_in_order() -> None:
    md = report_markdown(build_plan(card()))
    hs = headings(md)
    assert hs[0] == (1, "Modern slavery self-assessment: Midshire Anti-Slavery Partnership 2026/27")
    assert [h for h in hs if h[0] == 2] == [
        (2, "Participants"),
        (2, "Executive summary"),
        (2, "Ratings by theme"),
        (2, "Ratings by bank"),
        (2, "Ratings by section"),
        (2, "Targets"),
        (2, "Action plan"),
        (2, "Evidence gaps"),
        (2, "Appendix: every answer"),
    ]
    # no heading level is skipped (a # followed straight by ### confuses readers and tools)
    assert all(b[0] <= a[0] + 1 for a, b in itertools.pairwise(hs))
    section_heads = hs[hs.index((2, "Ratings by section")) + 1 : hs.index((2, "Targets"))]
    assert section_heads == [(3, "Bank alpha"), (3, "Bank beta"), (3, "Bank gamma")]
    plan_heads = hs[hs.index((2, "Action plan")) + 1 : hs.index((2, "Evidence gaps"))]
    assert plan_heads == [(3, "Priorities"), (3, "Closed")]
    appendix = hs[hs.index((2, "Appendix: every answer")) + 1 :]
    assert appendix[0] == (3, "Bank alpha (alpha 1.0)")
    assert (4, "Section s2") in appendix


def test_tables_are_well_formed_and_keep_user_text() -> None:
    md = report_markdown(build_plan(card()))
    assert table_problems(md) == []
    assert markup_leaks(md) == []
    all_tables = tables(md)
    cover, people = all_tables[0], all_tables[1]
    assert ["Area", "Midshire <i>"] in cover
    assert people[0] == ["Name", "Agency", "Role"]
    assert people[1] == [NASTY, "[Agency](javascript:alert(1))", "Lead | #1"]
    assert people[2] == ["A. Lead", "-", "-"]
    themes = next(t for t in all_tables if t[0][0] == "Theme")
    assert [row[0] for row in themes[1:]] == ["Pursue", "Protect", "Prepare"]
    banks_table = next(t for t in all_tables if t[0][0] == "Bank")
    assert banks_table[0] == ["Bank", "Version", "Theme", "Score", "RAG", "Completeness"]
    assert banks_table[3][3:5] == ["not rated", "UNRATED (provisional)"]


def test_appendix_lists_every_question_once_with_notes_and_evidence() -> None:
    c = card()
    md = report_markdown(build_plan(c))
    appendix = md[md.index("Appendix") :]
    rows = [row for t in tables(appendix) for row in t[1:]]
    ids = [row[0].replace(" (critical)", "") for row in rows]
    assert ids == [r.id for r in c.questions()]
    by_id = dict(zip(ids, rows, strict=True))
    assert by_id["A-1"][0] == "A-1 (critical)"
    assert by_id["A-1"][4] == NASTY
    assert by_id["A-1"][5] == f"{NASTY}; Plain doc v2"
    assert by_id["A-1"][6] == "<b>Agency</b> | x"
    assert (
        by_id["A-3"][2]
        == "not applicable (its condition is false; recorded: Level 3: Mature practice.)"
    )
    assert by_id["A-3"][3] == "-"
    assert by_id["A-5"][2] == "We meet monthly | `x`"
    note = by_id["A-4"][4]
    assert "Responses: Midshire Police: Level 3: Mature practice.; Council | x: Level 0" in note
    assert f"Marked for review: {NASTY}" in note
    assert by_id["C-1"][2:4] == ["not answered", "UNRATED"]


def test_executive_summary_sentences() -> None:
    c = card()
    plan = build_plan(c)
    sentences = executive_summary(c, plan)
    assert sentences[0].startswith("Overall the partnership is rated ")
    assert not c.overall.provisional  # 5 of 6 applicable answered
    assert sentences[0].endswith("; 83% of applicable questions were answered.")
    assert any(
        s.startswith("The strongest bank is Bank beta (AMBER, 66.7) and the weakest is Bank alpha")
        for s in sentences
    )
    assert "1 bank has no rated answers: Bank gamma." in sentences
    assert (
        "1 critical question is rated RED (A-1), making 1 section RED whatever the average."
        in sentences
    )
    assert any("evidence gap" in s for s in sentences)
    assert "1 of 2 targets met; 1 below target." in sentences
    visible = text(report_markdown(plan))
    for sentence in sentences:
        assert sentence in visible


def test_summary_with_no_rated_answers_and_no_critical_failures() -> None:
    c = score(banks(), {}, partnership="Westvale Anti-Slavery Partnership")
    sentences = executive_summary(c, build_plan(c))
    assert (
        sentences[0]
        == "The partnership has no rated answers yet (0% of applicable questions were answered)."
    )
    assert "No critical question is rated RED." in sentences
    md = report_markdown(build_plan(c))
    assert "No participants were recorded." in text(md)
    assert (2, "Targets") not in headings(md)
    assert table_problems(md) == []


def test_targets_table_in_report_orders_below_target_first() -> None:
    md = report_markdown(build_plan(card()))
    targets = next(t for t in tables(md) if t[0][0] == "Target")
    assert targets[0] == ["Target", "For", "Aim", "Now", "Gap", "Of the way", "By", "Status"]
    assert [row[0] for row in targets[1:]] == ["A-1", "beta"]
    assert targets[1][4:] == ["2 levels", "0%", "2027-09-30", "below target"]
    assert targets[2][-1] == "met"


def test_flags_and_extra_sections_hooks() -> None:
    extra = "## Disagreements to discuss\n\nText\\.\n"
    md = report_markdown(
        build_plan(card()), flags={"A-4": ["partners disagree"]}, extra_sections=[extra]
    )
    hs = [h for h in headings(md) if h[0] == 2]
    assert hs.index((2, "Disagreements to discuss")) == hs.index((2, "Evidence gaps")) - 1
    assert "Flag: partners disagree" in text(md)
    assert table_problems(md) == []


@pytest.mark.parametrize("name", ["midshire-2025-report.md", "midshire-2026-report.md"])
def test_committed_example_reports_parse_cleanly(name: str) -> None:
    md = (EXAMPLES / name).read_text(encoding="utf-8")
    hs = headings(md)
    assert hs[0][1].startswith("Modern slavery self-assessment: Midshire Anti-Slavery Partnership")
    assert (2, "Appendix: every answer") in hs
    assert table_problems(md) == []
    assert markup_leaks(md) == []
