"""`render/markdown/plan.py`: the action plan parses as CommonMark + GFM with the right structure,
and hostile user text (notes, owners, names) cannot break a table or inject markup."""

from __future__ import annotations

from pathlib import Path

import pytest
from bank_builder import answer, make_bank, q, score
from markdown_check import headings, html, markup_leaks, table_problems, tables, text

from msht_toolkit.analysis.plan import build_plan
from msht_toolkit.assessment.model import PlanEntry
from msht_toolkit.render.markdown.plan import plan_markdown

NASTY = "Pipes | here # hash `tick` <script>alert(1)</script> [x](http://evil) *em* _u_ 1. one"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "output"


def act(below: float, do: str, priority: str = "high", owner: str = "Police") -> dict:
    return {"below": below, "do": do, "priority": priority, "owner": owner}


BANKS = [
    make_bank(
        "alpha",
        {
            "s1": [
                q(
                    "P-1",
                    critical=True,
                    actions=[act(2, "Fix the pathway"), act(3, "Audit it", "medium")],
                ),
                q("P-2", actions=[act(2, "Low priority thing", "low")]),
                q("P-3", "yesno", actions=[act(1, "Start the panel")]),
            ]
        },
        theme="prepare",
    ),
    make_bank(
        "beta",
        {"s1": [q("U-1", actions=[act(2, "Train investigators")]), q("U-2")]},
        theme="pursue",
    ),
]


def hostile_card() -> object:
    answers = {
        "P-1": answer(1, note=NASTY, evidence=[NASTY]),
        "P-2": answer(0, note="## not a heading\n# nor this"),
        "P-3": answer("unknown", note=NASTY, by="Agency | <b>x</b>"),
        "U-1": answer(0),
        "U-2": answer(3),
    }
    plan = {
        "P-1": PlanEntry(owner=NASTY, due="2027-09-30", status="agreed", note=NASTY),
        "U-1": PlanEntry(owner="Midshire Police", status="in progress"),
        "P-2": PlanEntry(status="dropped", reason=NASTY),
    }
    return score(
        BANKS,
        answers,
        plan=plan,
        partnership="# Midshire | <script>x</script>",
        period="2026/27 `x`",
        assessed_on="2027-03-14",
    )


def test_structure_of_the_plan() -> None:
    md = plan_markdown(build_plan(hostile_card(), top=2))
    hs = headings(md)
    assert hs[0] == (1, "Action plan: # Midshire | <script>x</script> 2026/27 `x`")
    assert hs[1:] == [
        (2, "Priorities"),
        (2, "Further actions"),
        (2, "Closed"),
        (2, "Evidence gaps"),
    ]


def test_tables_keep_their_columns_and_cells_keep_user_text() -> None:
    md = plan_markdown(build_plan(hostile_card()))
    assert table_problems(md) == []
    header, counts, glance, closed, gaps = tables(md)
    assert header[0] == ["Item", "Detail"]
    assert ["Partnership", "# Midshire | <script>x</script>"] in header
    assert counts[1:] == [
        ["RED questions", "4"],  # P-1, P-2, P-3 (unknown), U-1
        ["AMBER questions", "0"],
        ["Critical failures", "1"],
        ["Priorities", "3"],
        ["Further actions", "0"],
        ["Closed (done, deferred or dropped)", "1"],
        ["Evidence gaps (don't know)", "1"],
    ]
    assert glance[0] == [
        "Rank",
        "Question",
        "Rating",
        "Next step",
        "Priority",
        "Gain",
        "Owner",
        "Due",
        "Status",
    ]
    # P-1 critical (level 1 -> 2: 100/3/3/2 = 5.56); then high by gain: P-3 unknown -> yes on alpha (3 questions) of two
    # banks is 100/3/2 = 16.67 points; U-1 level 0 -> 1 on beta (2 questions) 8.33
    assert [row[:6] for row in glance[1:]] == [
        ["1", "P-1", "RED", "Fix the pathway", "critical, high", "+5.56"],
        ["2", "P-3", "RED", "Start the panel", "high", "+16.67"],
        ["3", "U-1", "RED", "Train investigators", "high", "+8.33"],
    ]
    assert glance[1][6:] == [" ".join(NASTY.split()), "2027-09-30", "agreed"]
    assert glance[2][6:] == ["Police (suggested)", "-", "not set"]
    assert glance[3][6:] == ["Midshire Police", "-", "in progress"]
    assert closed[0] == ["Question", "Text", "Status", "Reason", "Owner"]
    assert closed[1] == ["P-2", "Question P-2?", "dropped", NASTY, "-"]
    assert gaps[0] == ["Question", "Bank", "Text", "Answered by", "Note", "Evidence to look for"]
    assert gaps[1][3] == "Agency | <b>x</b>"
    assert gaps[1][4] == NASTY


def test_no_user_text_becomes_markup() -> None:
    md = plan_markdown(build_plan(hostile_card(), top=1))
    assert markup_leaks(md) == []
    rendered = html(md)
    assert "&lt;script&gt;" in rendered
    assert "<h2>not a heading" not in rendered
    visible = text(md)
    assert NASTY in visible  # notes shown as written


def test_each_priority_lists_why_owner_and_status() -> None:
    md = plan_markdown(build_plan(hostile_card()))
    visible = text(md)
    assert "1. Fix the pathway" in visible
    assert "Question: P-1 (Bank alpha, Section s1): Question P-1?" in visible
    assert "Answer now: Level 1: Early progress." in visible
    assert "Rating: 33.3 RED; a critical question, so its whole section is rated RED" in visible
    assert (
        "Why here: a critical failure; high priority; the overall score would rise by "
        "5.56 points with this answer one step better" in visible
    )
    assert "Later steps: 1 more action after this one" in visible
    assert f"Partnership's note: {NASTY}" in visible
    assert "Suggested owner: Police" in visible
    assert f"Agreed owner: {' '.join(NASTY.split())}" in visible
    assert "Due: 2027-09-30" in visible
    assert "Status: agreed" in visible
    assert f"Plan note: {NASTY}" in visible
    assert "Decision: not yet taken (msht actions records it)" in visible  # P-3


def test_further_actions_are_one_line_each_ranks_continuing() -> None:
    md = plan_markdown(build_plan(hostile_card(), top=1))
    visible = text(md)
    assert "2. P-3 (0.0 RED): Start the panel (high, gain +16.67)" in visible
    assert (
        "3. U-1 (0.0 RED): Train investigators (high, gain +8.33; in progress, "
        "Midshire Police)" in visible
    )
    further = md[md.index("## Further actions") : md.index("## Closed")]
    assert further.count("\n- ") == 2  # one list item per further action
    assert "Suggested owner" not in further


def test_all_puts_every_ranked_question_under_priorities() -> None:
    md = plan_markdown(build_plan(hostile_card(), top=None))
    assert (2, "Further actions") not in headings(md)
    assert "All 3 next steps" in text(md)


def test_flags_and_the_disagreements_section() -> None:
    from msht_toolkit.analysis.disagreements import disagreements
    from msht_toolkit.assessment.model import Response

    split = {
        "U-1": answer(
            0, responses=[Response("Midshire Police", 3), Response("Midshire | Council", 0)]
        ),
        "U-2": answer(3),
    }
    card = score(BANKS[1], split, partnership="Midshire")
    found = disagreements(card.assessment, [BANKS[1]])
    assert list(found) == ["U-1"]
    md = plan_markdown(build_plan(card), found, flags={"U-1": ["partners disagree | 3 levels"]})
    visible = text(md)
    assert "Flag: partners disagree | 3 levels" in visible
    hs = [h for h in headings(md) if h[0] == 2]
    assert hs[-2:] == [(2, "Disagreements to discuss"), (2, "Evidence gaps")]
    assert "Midshire | Council" in visible
    assert table_problems(md) == []
    assert markup_leaks(md) == []


def test_phased_plan_structure() -> None:
    plan = build_plan(hostile_card(), phases=3)
    md = plan_markdown(plan)
    hs = headings(md)
    phases = [h for h in hs if h[1].startswith("Phase ")]
    assert phases == [
        (3, "Phase 1: months 0–3 (2027-03-14 to 2027-06-14)"),
        (3, "Phase 2: months 3–6 (2027-06-14 to 2027-09-14)"),
        (3, "Phase 3: months 6–12 (2027-09-14 to 2028-03-14)"),
    ]
    assert "Spread over 3 phases in rank order" in text(md)
    assert table_problems(md) == []
    assert markup_leaks(md) == []


def test_empty_plan_still_valid() -> None:
    bank = make_bank(sections={"s": [q("A-1", actions=[act(2, "x")])]})
    md = plan_markdown(build_plan(score(bank, {"A-1": 3})))
    visible = text(md)
    assert "No critical question is rated RED." in visible
    assert "No recommended action applies." in visible
    assert "No recommendation is done, deferred or dropped." in visible
    assert 'No question was answered "don\'t know".' in visible
    assert table_problems(md) == []


@pytest.mark.parametrize(
    "name", ["midshire-2025-plan.md", "midshire-2026-plan.md", "midshire-2026-plan-phased.md"]
)
def test_committed_example_plans_parse_cleanly(name: str) -> None:
    md = (EXAMPLES / name).read_text(encoding="utf-8")
    assert headings(md)[0][1].startswith("Action plan: Midshire Anti-Slavery Partnership")
    assert table_problems(md) == []
    assert markup_leaks(md) == []
