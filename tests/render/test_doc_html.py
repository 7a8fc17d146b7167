"""The board report and the plan as HTML, parsed with the standard library's html.parser.

One self-contained page: headings in order, tables with the right columns, every chart
an inline SVG with a title and its numbers in a table beside it, RAG as a word and a
shade, no scripts, no external references, every piece of user text escaped.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from html_check import external_references, parse, table_with
from report_cards import SHOWN, card

from msht_toolkit import __version__
from msht_toolkit.analysis.disagreements import disagreements
from msht_toolkit.analysis.plan import build_plan
from msht_toolkit.render.documents.board_report import report_document
from msht_toolkit.render.documents.plan import plan_document
from msht_toolkit.render.html.document import document_html

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "output"


def report_html(full: bool = False) -> str:
    c = card()
    return document_html(
        report_document(build_plan(c), full, disagreements(c.assessment, [b.bank for b in c.banks]))
    )


def plan_html() -> str:
    return document_html(plan_document(build_plan(card())))


@pytest.fixture(scope="module", params=["report", "full", "plan"])
def page(request: pytest.FixtureRequest) -> str:
    return {"report": report_html, "full": lambda: report_html(True), "plan": plan_html}[
        request.param
    ]()


def test_one_self_contained_page(page: str) -> None:
    parsed = parse(page)
    assert page.startswith("<!DOCTYPE html>")
    assert parsed.meta["generator"] == f"msht-toolkit {__version__}"
    assert "script" not in parsed.tags
    assert external_references(parsed) == []
    assert parsed.tags.count("style") == 1


def test_user_text_is_escaped_and_control_characters_shown(page: str) -> None:
    assert "<script>" not in page
    assert "\x1b" not in page
    assert "[x](http://evil)" in page  # as text: not a link in HTML
    parsed = parse(page)
    assert SHOWN in parsed.text
    assert not [v for t, n, v in parsed.attributes if "javascript:" in v or "evil" in v]


def test_headings_are_in_order_and_skip_no_level(page: str) -> None:
    heads = parse(page).headings
    assert heads[0][0] == 1
    assert all(b[0] <= a[0] + 1 for a, b in itertools.pairwise(heads))


def test_report_parts_and_tables() -> None:
    parsed = parse(report_html())
    assert [h for level, h in parsed.headings if level == 2] == [
        "Summary",
        "Where the partnership stands",
        "Critical failures",
        "Priorities",
        "Decisions already made",
        "Disagreements to discuss",
        "Evidence gaps",
        "Targets",
        "Sign-off",
    ]
    priorities = table_with(parsed, "Rank", "Question", "Rating", "Next step")
    assert priorities.header == [
        "Rank",
        "Question",
        "Rating",
        "Next step",
        "Priority",
        "Owner",
        "Due",
        "Status",
    ]
    assert priorities.rows[0][:4] == ["1", "A-1", "0.0 RED", "Fix it"]
    assert priorities.rows[0][5] == SHOWN
    assert "rag rag-red" in priorities.classes[0][2]
    disagreement = table_with(parsed, "Question", "Text", "Responses")
    assert disagreement.rows[0][0] == "A-4"
    decided = table_with(parsed, "Question", "Text", "Decision", "Reason")
    assert decided.rows[0][2:4] == ["dropped", f"Covered elsewhere {SHOWN}"]


def test_every_chart_has_a_title_and_its_numbers_in_a_table_beside_it() -> None:
    html = report_html()
    parsed = parse(html)
    assert len(parsed.svgs) == 1
    (svg,) = parsed.svgs
    assert svg.title == "Ratings of the 4P themes and the banks"
    numbers = table_with(parsed, "Theme or bank", "Kind", "Rating")
    assert [r[0] for r in numbers.rows] == [
        "Pursue",
        "Protect",
        "Prepare",
        "Bank alpha",
        "Bank beta",
        "Bank gamma",
    ]
    # the same scores and RAG words are drawn in the chart
    drawn = " ".join(svg.texts)
    for row in numbers.rows:
        shown = "unrated" if row[2] == "UNRATED" else row[2]  # the chart's own word, for now
        assert shown in drawn, (shown, drawn)
    figure = html[html.index("<figure") : html.index("</figure>")]
    assert "<svg" in figure and "<table" in figure


def test_tables_have_fixed_widths_that_add_up_to_the_page() -> None:
    import re

    html = report_html(True)
    for colgroup in re.findall(r"<colgroup>(.*?)</colgroup>", html, re.S):
        widths = [float(w) for w in re.findall(r"width: ([0-9.]+)%", colgroup)]
        assert widths and abs(sum(widths) - 100) < 0.6, widths


def test_plan_has_priorities_details_further_and_closed() -> None:
    parsed = parse(document_html(plan_document(build_plan(card(), top=1))))
    assert [h for level, h in parsed.headings if level == 2] == [
        "Priorities",
        "Further actions",
        "Closed",
        "Evidence gaps",
    ]
    glance = table_with(parsed, "Rank", "Question", "Rating", "Next step", "Priority", "Gain")
    assert len(glance.rows) == 1
    assert "2. A-2" in parsed.text or "A-2 (RED" in parsed.text


def test_committed_examples_are_self_contained() -> None:
    for name in (
        "midshire-2026-report.html",
        "midshire-2026-report-full.html",
        "midshire-2026-plan.html",
        "midshire-2027-report.html",
    ):
        parsed = parse((EXAMPLES / name).read_text(encoding="utf-8"))
        assert external_references(parsed) == [], name
        assert all(s.title for s in parsed.svgs), name
        # the standing, the scores since last year and the performance figures over the
        # years (2026/27 is reported with --from its 2025/26 file)
        charts = {"midshire-2026-report": 3, "midshire-2027-report": 3}
        assert len(parsed.svgs) == charts.get(name.split(".")[0].removesuffix("-full"), 0), name
