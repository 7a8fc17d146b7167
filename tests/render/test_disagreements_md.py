"""`render/markdown/disagreements.py`: the "Disagreements to discuss" section of plan and report."""

from __future__ import annotations

from bank_builder import make_bank, q
from markdown_it import MarkdownIt

from msht_toolkit.analysis.disagreements import disagreements
from msht_toolkit.assessment.model import Answer, Assessment, Response
from msht_toolkit.render.markdown.disagreements import TITLE, disagreements_table

BANK = make_bank("alpha", {"s1": [q("A-1"), q("A-2", "yesno"), q("A-3")]})
NASTY = "Pipe | here # not a heading `code` <script>alert(1)</script> [x](http://evil) *em*"


def assessment(answers: dict[str, list[Response]]) -> Assessment:
    a = Assessment(partnership="Midshire Anti-Slavery Partnership", period="2026/27")
    for qid, responses in answers.items():
        a.answers[qid] = Answer(value=min(r.value for r in responses), responses=responses)  # type: ignore[type-var]
    return a


def tokens(text: str) -> list:  # type: ignore[type-arg]
    return MarkdownIt("commonmark").enable("table").parse(text)


def test_no_disagreements_no_section() -> None:
    calm = assessment(
        {"A-1": [Response("Midshire Police", 2), Response("Midshire County Council", 1)]}
    )
    assert disagreements_table(disagreements(calm, [BANK])) == ""
    assert disagreements_table(disagreements(Assessment(), [BANK])) == ""


def test_section_has_a_heading_and_one_row_per_disagreement() -> None:
    a = assessment(
        {
            "A-1": [
                Response("Midshire Police", 3, note="Published"),
                Response("Midshire County Council", 0),
            ],
            "A-3": [Response("Midshire Police", 2), Response("Midshire NHS Trust", 0)],
            "A-2": [Response("Midshire Police", "yes"), Response("Midshire County Council", "yes")],
        }
    )
    text = disagreements_table(disagreements(a, [BANK]), level=3)
    toks = tokens(text)
    heading = [t for t in toks if t.type == "heading_open"]
    assert [h.tag for h in heading] == ["h3"]
    assert toks[1].content == TITLE
    rows = [t for t in toks if t.type == "tr_open"]
    assert len(rows) == 1 + 2  # header + A-1 + A-3
    cells_per_row = []
    count = 0
    for t in toks:
        if t.type == "tr_open":
            count = 0
        elif t.type in ("th_open", "td_open"):
            count += 1
        elif t.type == "tr_close":
            cells_per_row.append(count)
    assert set(cells_per_row) == {4}
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert "Midshire Police: level 3 (Published); Midshire County Council: level 0" in html
    assert "2 questions" in html


def test_user_text_cannot_break_out() -> None:
    a = assessment(
        {
            "A-1": [
                Response(NASTY, 3, note=NASTY),
                Response("Midshire County Council", 0, note=NASTY),
            ]
        }
    )
    text = disagreements_table(disagreements(a, [BANK]))
    toks = tokens(text)
    assert [t.tag for t in toks if t.type == "heading_open"] == ["h2"]
    assert sum(1 for t in toks if t.type == "tr_open") == 2
    assert sum(1 for t in toks if t.type == "td_open") == 4
    html = MarkdownIt("commonmark").enable("table").render(text)
    assert (
        "<script>" not in html and "<a " not in html and "<em>" not in html and "<code>" not in html
    )
    assert "Pipe | here" in html


def test_flags_name_each_partner_and_answer() -> None:
    from msht_toolkit.analysis.disagreements import disagreements
    from msht_toolkit.render.markdown.disagreements import disagreement_flags

    split = assessment(
        {"A-1": [Response("Midshire Police", 3), Response("Midshire County Council", 1)]}
    )
    assert disagreement_flags(disagreements(split, [BANK])) == {
        "A-1": ["partners disagree (Midshire Police: level 3; Midshire County Council: level 1)"]
    }
    assert disagreement_flags(disagreements(Assessment(), [BANK])) == {}
