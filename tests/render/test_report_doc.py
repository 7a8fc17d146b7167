"""`render/report_doc.py`: the board report as one document model, and its Markdown.

The board paper has its parts in order and says nothing twice; `--full` adds one annex
entry per question with the steps not already shown; the Markdown (parsed with
markdown-it-py) keeps every piece of user text and lets none of it become markup.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from markdown_check import headings, markup_leaks, table_problems, tables, text
from report_cards import NASTY, card

from msht_toolkit.analysis.disagreements import disagreements
from msht_toolkit.analysis.plan import build_plan
from msht_toolkit.render.documents.blocks import (
    BarChart,
    Cell,
    Document,
    Entry,
    Heading,
    PageBreak,
    Paragraph,
    Table,
)
from msht_toolkit.render.documents.board_report import report_document
from msht_toolkit.render.documents.report_summary import summary
from msht_toolkit.render.markdown.document import document_markdown

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "output"
BOARD_PARTS = [
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


def doc_headings(document: Document) -> list[Heading]:
    return [b for b in document.blocks if isinstance(b, Heading)]


def doc(full: bool = False, top: int | None = 15, **extra: object):
    c = card(**extra)
    found = disagreements(c.assessment, [b.bank for b in c.banks])
    return report_document(build_plan(c, top), full, found)


def texts(document) -> list[str]:
    """Every piece of text a reader sees, block by block."""
    out = [v for pair in document.facts for v in pair]
    for block in document.blocks:
        if isinstance(block, Heading | Paragraph):
            out.append(block.text)
        elif isinstance(block, Table | BarChart):
            table = block.table if isinstance(block, BarChart) else block
            out += [v.text if isinstance(v, Cell) else v for row in table.rows for v in row]
        elif isinstance(block, Entry):
            out += [block.title, *(t for _, t in block.fields)]
    return out


def test_board_paper_has_its_parts_in_order_and_no_annex() -> None:
    board = doc()
    assert board.title == "Board report: Midshire Anti-Slavery Partnership 2026/27"
    assert [h.text for h in doc_headings(board) if h.level == 2] == BOARD_PARTS
    assert not any(isinstance(b, Entry | PageBreak) for b in board.blocks)
    assert [label for label, _ in board.facts] == [
        "Partnership",
        "Area",
        "Period",
        "Assessed on",
        "Participants",
    ]
    assert (
        dict(board.facts)["Participants"]
        == f"{NASTY} ([Agency](javascript:alert(1)), Lead | #1); A. Lead"
    )


def test_full_report_adds_one_annex_entry_per_question_in_bank_order() -> None:
    full = doc(full=True)
    heads = [h.text for h in doc_headings(full) if h.level == 2]
    assert heads == [*BOARD_PARTS, "Annex: every section and question"]
    entries = [b for b in full.blocks if isinstance(b, Entry)]
    assert [e.title.replace(" (critical)", "") for e in entries] == [
        "A-1",
        "A-2",
        "A-3",
        "A-4",
        "A-5",
        "B-1",
        "B-2",
        "C-1",
    ]
    by_id = {e.title.split()[0]: dict(e.fields) for e in entries}
    assert by_id["A-1"]["Note"] == NASTY
    assert by_id["A-1"]["Evidence"] == f"{NASTY}; Plain doc v2"
    assert by_id["A-1"]["Rating"] == "0.0 RED"
    assert (
        by_id["A-3"]["Answer"]
        == "not applicable (its condition is false; recorded: Level 3: Mature practice.)"
    )
    assert "Rating" not in by_id["A-3"]
    assert by_id["A-4"]["Marked for review"] == NASTY
    assert (
        by_id["A-4"]["Responses"]
        == "Midshire Police: Level 3: Mature practice.; Council | x: Level 0: Nothing yet."
    )
    assert by_id["C-1"]["Answer"] == "not answered"
    # the annex shows the section ratings in its headings, cap included
    level4 = [h.text for h in doc_headings(full) if h.level == 4]
    assert level4[0] == "Section s1: 0.0 RED, made RED by A-1"


def test_nothing_is_printed_twice() -> None:
    """A priority's next step is in Priorities only, a closed item's reason under Decisions
    only, the overall rating in the summary only: the annex points to them."""
    c = card()
    plan = build_plan(c, top=1)
    full = report_document(plan, True, {})
    seen = texts(full)
    assert sum(t.count("Fix it") for t in seen) == 1  # A-1's next step (rank 1)
    assert sum(t.count("Covered elsewhere") for t in seen) == 1  # B-2's reason
    assert sum(t.count("Overall the partnership is rated") for t in seen) == 1
    by_id = {e.title.split()[0]: dict(e.fields) for e in full.blocks if isinstance(e, Entry)}
    assert by_id["A-1"]["Next step"] == "rank 1, under Priorities"
    assert by_id["A-1"]["Later step 1"].startswith("Then keep it fixed (low;")
    # a further action (not a priority) shows its next step in the annex
    assert by_id["A-2"]["Next step"].startswith("Say yes (medium; rank ")
    assert by_id["B-2"]["Decision"] == "dropped: see Decisions already made"


def test_priorities_are_the_ranked_plan_with_owner_due_and_status() -> None:
    board = doc(top=2)
    table = next(
        b for b in board.blocks if isinstance(b, Table) and b.columns[3].title == "Next step"
    )
    assert [c.title for c in table.columns] == [
        "Rank",
        "Question",
        "Rating",
        "Next step",
        "Priority",
        "Owner",
        "Due",
        "Status",
    ]
    first, second = table.rows
    assert first[:2] == ("1", "A-1") and first[3] == "Fix it"
    assert first[2] == Cell("0.0 RED", "RED")
    assert first[4].startswith("critical, high")
    assert first[5:] == (NASTY, "2027-06-30", "agreed")
    assert second[5:] == ("Council (suggested)", "-", "not set")
    note = next(b for b in board.blocks if isinstance(b, Paragraph) and "more question" in b.text)
    assert note.text.startswith("2 more questions have a next step")


def test_chart_has_themes_and_banks_with_the_same_numbers_in_its_table() -> None:
    chart = next(b for b in doc().blocks if isinstance(b, BarChart))
    assert [g.title for g in chart.groups] == ["4P themes", "Banks"]
    assert (chart.amber, chart.green) == (40.0, 75.0)
    bars = [bar for g in chart.groups for bar in g.bars]
    cells = [row[2] for row in chart.table.rows]
    assert [bar.label for bar in bars] == [row[0] for row in chart.table.rows]
    for bar, cell in zip(bars, cells, strict=True):
        assert cell.rag == bar.rag and cell.text.endswith(bar.rag)
    assert cells[-1] == Cell("UNRATED", "UNRATED")  # gamma has no answers: nothing to call provisional


def test_summary_is_one_paragraph_in_plain_words() -> None:
    c = card()
    text_ = summary(c, build_plan(c), {})
    assert text_.startswith("Overall the partnership is rated RED, with a score of")
    assert "1 critical question is rated RED" in text_
    assert '1 question is answered "don\'t know" and needs evidence.' in text_
    assert "1 recommendation is already done, deferred or dropped." in text_
    assert "0 of 2 targets met; 2 below target." in text_
    assert "\n" not in text_


def test_empty_assessment_reads_sensibly() -> None:
    from bank_builder import score
    from report_cards import banks

    c = score(banks(), {}, partnership="Westvale Anti-Slavery Partnership")
    board = report_document(build_plan(c), False, {})
    seen = texts(board)
    assert seen[seen.index("Summary") + 1].startswith("The partnership has no rated answers yet")
    assert "No critical question is rated RED." in seen
    assert "No recommended action applies." in seen
    assert "Targets" not in [h.text for h in doc_headings(board)]
    assert "none recorded" in dict(board.facts)["Participants"]


def test_markdown_parses_keeps_user_text_and_leaks_no_markup() -> None:
    md = document_markdown(doc(full=True))
    assert table_problems(md) == []
    assert markup_leaks(md) == []
    hs = headings(md)
    assert hs[0] == (1, "Board report: Midshire Anti-Slavery Partnership 2026/27")
    assert all(b[0] <= a[0] + 1 for a, b in itertools.pairwise(hs))  # no level skipped
    visible = text(md)
    typed = NASTY.split(" \x1b")[0]  # control characters are render.markdown.text's to show
    assert typed in visible
    assert "<script>" not in md.replace("\\<script\\>", "")
    priorities = next(t for t in tables(md) if t[0][:2] == ["Rank", "Question"])
    assert priorities[1][5].startswith(typed)


def test_committed_board_report_is_short_and_well_formed() -> None:
    md = (EXAMPLES / "midshire-2026-report.md").read_text(encoding="utf-8")
    # one answer per question: no disagreements, so no such part; made with --from its
    # 2025/26 file: the scores since then and the performance figures beside the ratings
    parts = [p for p in BOARD_PARTS if p != "Disagreements to discuss"]
    at = parts.index("Critical failures")
    parts[at:at] = ["Since 2025/26", "Performance figures"]
    assert [h[1] for h in headings(md) if h[0] == 2] == parts
    assert table_problems(md) == [] and markup_leaks(md) == []
    assert len(md.splitlines()) < 150
    full = (EXAMPLES / "midshire-2026-report-full.md").read_text(encoding="utf-8")
    assert (2, "Annex: every section and question") in headings(full)


def test_a_disagreement_is_listed_once_and_the_annex_points_to_it() -> None:
    full = doc(full=True)
    table = next(
        b for b in full.blocks if isinstance(b, Table) and b.columns[2].title == "Responses"
    )
    assert [row[0] for row in table.rows] == ["A-4"]
    assert table.rows[0][2] == "Midshire Police: level 3; Council | x: level 0"
    entry = next(b for b in full.blocks if isinstance(b, Entry) and b.title == "A-4")
    assert dict(entry.fields)["Partners disagree"] == "see Disagreements to discuss"


def test_last_year_adds_how_the_scores_moved_since() -> None:
    from bank_builder import answer, score
    from report_cards import banks

    from msht_toolkit.render.documents.blocks import ChangeChart

    before = score(banks(), {"A-1": answer(1), "B-1": answer(3)}, period="2025/26")
    c = card()
    board = report_document(build_plan(c), False, {}, before)
    heads = [h.text for h in doc_headings(board) if h.level == 2]
    assert heads[:3] == ["Summary", "Where the partnership stands", "Since 2025/26"]
    chart = next(b for b in board.blocks if isinstance(b, ChangeChart))
    assert [r.label for r in chart.rows] == ["Overall", "Bank alpha", "Bank beta", "Bank gamma"]
    assert [c.title for c in chart.table.columns] == [
        "Overall and banks",
        "2025/26",
        "2026/27",
        "Change",
    ]
    beta = chart.table.rows[2]
    assert beta[1] == Cell("100.0 GREEN", "GREEN") and beta[3].startswith("down ")
    assert chart.table.rows[3][3] == "no score"  # gamma: unrated both years
    text_ = summary(c, build_plan(c), {}, before)
    assert "In 2025/26 it was " in text_ and " since)." in text_
    # without last year's file there is no such part
    assert "Since 2025/26" not in [h.text for h in doc_headings(doc())]
