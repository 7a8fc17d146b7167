"""`render/diff_md.py`: valid CommonMark + GFM tables, the same content as the terminal view,
and user text (partnership, periods, bank and question text) that cannot break out."""

from __future__ import annotations

from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from msht_toolkit.analysis.diff import diff_scorecards
from msht_toolkit.assessment.model import Answer, Assessment
from msht_toolkit.banks.loader import load_bank_text
from msht_toolkit.banks.model import Bank
from msht_toolkit.render.markdown.diff import diff_markdown
from msht_toolkit.scoring.scorer import score_assessment

NASTY = "Pipe | hash # `tick` <script>alert(1)</script> [x](http://evil) *em* _u_"
LEVELS = ["Nothing.", "Early.", "Substantial.", "Mature."]


def make_bank(version: str, questions: list[dict[str, Any]], title: str = "Alpha") -> Bank:
    data = {
        "schema": "msht-bank/1",
        "id": "alpha",
        "title": title,
        "version": version,
        "theme": "prepare",
        "sections": [{"id": "s", "title": "Section", "questions": questions}],
    }
    return load_bank_text(yaml.safe_dump(data, sort_keys=False), f"<alpha {version}>")


def scale(qid: str, **extra: Any) -> dict[str, Any]:
    return {"id": qid, "text": f"Question {qid}?", "levels": LEVELS, **extra}


V1 = make_bank(
    "1", [scale("Q-1", critical=True), scale("Q-2"), scale("Q-3"), scale("Q-OLD"), scale("Q-4")]
)
V2 = make_bank(
    "2",
    [
        scale("Q-1", critical=True),
        {**scale("Q-2"), "text": NASTY},
        scale("Q-3"),
        scale("Q-NEW", replaces=["Q-OLD"]),
        scale("Q-5"),
    ],
    title="Alpha | <b>bank</b> #1",
)


def make_diff(
    partnership: str = "Westvale Anti-Slavery Partnership", period: str = "2026/27"
) -> Any:
    def card(answers: dict[str, Any], bank: Bank, period: str, partnership: str) -> Any:
        a = Assessment(partnership=partnership, period=period, banks={bank.id: bank.version})
        a.answers = {k: Answer(v) for k, v in answers.items()}
        return score_assessment(a, [bank])

    old = card({"Q-1": 0, "Q-2": 1, "Q-3": 2, "Q-OLD": 1, "Q-4": 3}, V1, "2025/26", partnership)
    new = card({"Q-1": 2, "Q-2": 0, "Q-3": 1, "Q-NEW": 2, "Q-5": 3}, V2, period, partnership)
    return diff_scorecards(old, new)


def parse(text: str) -> list[Token]:
    return MarkdownIt("commonmark").enable("table").parse(text)


def plain(inline: Token) -> str:
    """The text a reader sees: escapes resolved, strong markers dropped."""
    return "".join(c.content for c in inline.children or [] if c.type in ("text", "text_special"))


def headings(tokens: list[Token]) -> list[tuple[int, str]]:
    out = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            out.append((int(tok.tag[1]), plain(tokens[i + 1])))
    return out


def tables(tokens: list[Token]) -> list[list[list[str]]]:
    """Each table as rows of cell texts (header row first)."""
    out: list[list[list[str]]] = []
    row: list[str] | None = None
    for i, tok in enumerate(tokens):
        if tok.type == "table_open":
            out.append([])
        elif tok.type == "tr_open":
            row = []
        elif tok.type in ("th_open", "td_open"):
            assert row is not None
            inline = tokens[i + 1]
            row.append(plain(inline) if inline.type == "inline" else "")
        elif tok.type == "tr_close":
            assert row is not None
            out[-1].append(row)
    return out


def test_structure_headings_and_tables() -> None:
    text = diff_markdown(make_diff())
    tokens = parse(text)
    assert headings(tokens) == [
        (1, "Year-on-year comparison"),
        (2, "Banks"),
        (2, "Critical failures fixed (1)"),
        (2, "Critical questions newly failing (0)"),
        (2, "Moved up a RAG band (1)"),
        (2, "Moved down a RAG band (1)"),
        (2, "Improved within their RAG band (0)"),
        (2, "Declined within their RAG band (1)"),
        (2, "New questions (or not scored last time) (1)"),
        (2, "Removed questions (or not scored this time) (1)"),
    ]
    found = tables(tokens)
    # bank table + one per non-empty list
    assert len(found) == 1 + 6
    for table in found:
        assert len({len(row) for row in table}) == 1  # every row as wide as the header
    bank_table = found[0]
    assert bank_table[0] == ["Bank", "Versions", "2025/26", "2026/27", "Change"]
    assert bank_table[1][1] == "1 → 2"
    for table in found[1:]:
        assert table[0] == ["ID", "Question", "2025/26", "2026/27", "Change"]
    ids = [row[0] for table in found[1:] for row in table[1:]]
    assert ids == ["Q-1 (critical)", "Q-NEW (was Q-OLD)", "Q-3", "Q-2", "Q-5", "Q-4"]
    removed = found[-1][1]
    assert removed[2:] == ["100.0 GREEN", "not asked", "no longer scored"]


def test_header_gives_both_periods_overall_and_change_in_words() -> None:
    diff = make_diff()
    tokens = parse(diff_markdown(diff))
    texts = [plain(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "paragraph_open"]
    assert texts[0] == "Westvale Anti-Slavery Partnership: 2025/26 compared with 2026/27."
    overall = next(p for p in texts if p.startswith("Overall:"))
    assert "(2025/26)" in overall and "(2026/27)" in overall
    assert overall.endswith(f": {diff.headline}.")
    summary = diff.summary()
    assert any(f"{summary['improved']} improved" in p for p in texts)


def test_user_text_cannot_break_out() -> None:
    text = diff_markdown(make_diff(partnership=NASTY, period="2026/27 | # `x`"))
    tokens = parse(text)
    # no raw HTML, no links, no code spans, no emphasis anywhere
    for tok in tokens:
        assert tok.type not in ("html_block", "html_inline")
        for child in tok.children or []:
            assert child.type not in ("html_inline", "link_open", "code_inline", "em_open")
    # the headings are only ours
    assert [h for h in headings(tokens) if h[0] == 1] == [(1, "Year-on-year comparison")]
    found = tables(tokens)
    assert all(len(table[0]) == 5 for table in found)
    for table in found:
        assert len({len(row) for row in table}) == 1
    # the nasty text arrives intact as text, in the cell and in the column labels
    cells = [cell for table in found for row in table for cell in row]
    assert NASTY in cells
    assert "2026/27 | # `x`" in found[1][0]
    assert "Alpha | <b>bank</b> #1" in found[0][1]
    assert "<script>" not in text
