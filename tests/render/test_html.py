"""`render/html/page.py`: the page shell every HTML output is built on.

One self-contained file: the generator meta tag, one embedded stylesheet with A4 print
styles, no scripts or external references, every value escaped and cleaned of control
characters, RAG cells carrying the word as well as the colour.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from html_check import external_references, parse, table_with

from msht_toolkit import __version__
from msht_toolkit.render.documents.blocks import Cell, Column
from msht_toolkit.render.html.page import environment, rag_class, render_page, trusted

NASTY = "<script>alert(1)</script> [x](http://evil) & \"q\" 'a' \x1b[2J\x07bell"

PAGE = """{% extends "base.html.j2" %}
{% import "macros.html.j2" as m %}
{% block content %}
<h2>{{ heading }}</h2>
<p>{{ text }}</p>
{{ m.facts(facts) }}
{{ m.table(columns, rows, caption=caption) }}
{{ m.figure(svg, columns, rows, caption) }}
{% endblock %}
"""


def page(**context: object) -> str:
    from jinja2 import ChoiceLoader, DictLoader

    env = environment()
    loader = env.loader
    env.loader = ChoiceLoader([DictLoader({"test.html.j2": PAGE}), loader])
    try:
        values = {
            "heading": "Ratings",
            "text": NASTY,
            "facts": [("Partnership", NASTY), ("Period", "2026/27")],
            "columns": [Column("Bank", 60), Column("Score", 20, "r"), Column("RAG", 20)],
            "rows": [
                (NASTY, "61.3", Cell("AMBER", "AMBER")),
                ("Pursue", "20.0", Cell("RED", "RED")),
            ],
            "caption": "Scores",
            "svg": trusted('<svg viewBox="0 0 10 10" role="img"><title>Scores</title></svg>'),
        }
        values.update(context)
        return render_page("test.html.j2", title=f"Report: {NASTY}", **values)
    finally:
        env.loader = loader


def test_the_page_is_self_contained_with_one_stylesheet_and_the_generator() -> None:
    html = page()
    parsed = parse(html)
    assert html.startswith("<!DOCTYPE html>")
    assert parsed.meta["generator"] == f"msht-toolkit {__version__}"
    assert parsed.tags.count("style") == 1
    assert "script" not in parsed.tags
    assert external_references(parsed) == []
    css = parsed.styles[0]
    assert "@page" in css and "A4" in css
    assert "table-layout: fixed" in css
    assert "display: table-header-group" in css  # header rows repeat on every page
    assert "overflow-wrap: break-word" in css and "word-break: normal" in css
    assert 'counter(page) " of " counter(pages)' in css  # numbered pages


def test_user_text_is_escaped_and_cleaned_everywhere() -> None:
    html = page()
    parsed = parse(html)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\x1b" not in html and "\x07" not in html
    # the escaped text reads back as the user wrote it, control characters shown visibly
    assert "<script>alert(1)</script> [x](http://evil) & \"q\" 'a' ␛[2J␇bell" in parsed.text
    assert parsed.title.startswith("Report: <script>")
    assert parsed.headings[0] == (
        1,
        "Report: <script>alert(1)</script> [x](http://evil) & \"q\" 'a' ␛[2J␇bell",
    )


def test_tables_have_fixed_widths_headers_and_rag_words() -> None:
    html = page()
    parsed = parse(html)
    table = table_with(parsed, "Bank", "Score", "RAG")
    assert table.caption == "Scores"
    assert table.rows[1] == ["Pursue", "20.0", "RED"]
    assert table.classes[1] == ["", "num", "rag rag-red"]
    assert 'style="width: 60%"' in html


def test_chart_figure_has_its_svg_title_and_the_numbers_beside_it() -> None:
    parsed = parse(page())
    assert [s.title for s in parsed.svgs] == ["Scores"]
    assert len([t for t in parsed.tables if t.header == ["Bank", "Score", "RAG"]]) == 2


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("RED", "rag-red"),
        ("AMBER (61.3)", "rag-amber"),
        ("green", "rag-green"),
        ("", "rag-unrated"),
        (None, "rag-unrated"),
        ('x" onclick="y', "rag-unrated"),
    ],
)
def test_rag_class(word: object, expected: str) -> None:
    assert rag_class(word) == expected


def test_undefined_values_are_an_error_not_an_empty_page() -> None:
    from jinja2 import UndefinedError

    env = environment()
    template = env.from_string(
        '{% extends "base.html.j2" %}{% block content %}{{ missing }}{% endblock %}'
    )
    with pytest.raises(UndefinedError):
        template.render(title="t")


def test_render_module_imports_no_jinja2_until_used() -> None:
    code = (
        "import sys\n"
        "import msht_toolkit.render.html.page, msht_toolkit.render.documents.blocks\n"
        "print('jinja2' in sys.modules, 'markupsafe' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.split() == ["False", "False"], result.stderr
