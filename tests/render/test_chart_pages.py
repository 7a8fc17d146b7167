"""HTML pages of ``trend``, ``diff`` and ``compare --format html``, parsed with html.parser.

Each page: self-contained (no script, no external reference), every chart an accessible
SVG whose labels fit and never overlap, each chart beside a table holding the same
numbers, RAG as a word (and a shaded cell), user text from files escaped (``<script>``,
``&``, ``](``) and control characters shown visibly, never raw.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from html_check import Page, external_references, parse
from typer.testing import CliRunner

from msht_toolkit.cli.app import app
from tests.bank_builder import bank_data, q
from tests.svg_check import check_chart

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NASTY = "<script>alert(1)</script> & [x](http://evil) \x1b[2J"
LONG = "Victim support from first contact through recovery and reintegration"
NUMBER = re.compile(r"\d+\.\d")


def run(*args: str | Path) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args])


def page_of(*args: str | Path) -> tuple[str, Page]:
    result = run(*args, "--format", "html")
    assert result.exit_code == 0, result.stderr
    return result.stdout, parse(result.stdout)


def svgs(html: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", html, flags=re.S)


def check_page(html: str, page: Page, charts: int) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert "script" not in page.tags
    refs = [r for r in external_references(page) if "xmlns" not in r]
    assert refs == []
    assert len(page.svgs) == charts == len(svgs(html))
    for seen, svg in zip(page.svgs, svgs(html), strict=True):
        assert seen.title
        check_chart(svg)
    assert page.headings and page.headings[0][0] == 1


def figure_table(html: str, index: int = 0) -> list[list[str]]:
    """The rows of the table beside the ``index``-th chart."""
    figure = re.findall(r"<figure.*?</figure>", html, flags=re.S)[index]
    return parse(figure).tables[0].rows


def chart_numbers(svg: str) -> set[str]:
    """Every score the chart shows or names (labels and tooltips)."""
    return set(NUMBER.findall(re.sub(r"<[^>]+>", " ", svg)))


def table_numbers(rows: list[list[str]]) -> set[str]:
    return {n for row in rows for cell in row for n in NUMBER.findall(cell)}


# ---------------------------------------------------------------- the Midshire examples


def midshire(*years: int) -> list[Path]:
    return [EXAMPLES / f"midshire-{y}.msht.yaml" for y in years]


def test_trend_page_chart_and_table_hold_the_same_numbers() -> None:
    html, page = page_of("trend", *midshire(2025, 2026, 2027))
    check_page(html, page, 2)  # the scores, then the performance figures (a panel each)
    rows = figure_table(html)
    assert rows[0][0] == "Overall" and len(rows) == 8
    overall = [
        json.loads(run("score", f, "--json").stdout)["overall"] for f in midshire(2025, 2026, 2027)
    ]
    shown = [f"{o['score']:.1f} {o['rag']}" for o in overall]
    assert rows[0][1:] == [shown[0], f"↑ {shown[1]}", f"↑ {shown[2]}"]
    assert chart_numbers(svgs(html)[0]) == table_numbers(rows)
    # RAG as a word and a shaded cell
    table = next(t for t in page.tables if t.rows == rows)
    assert "rag-red" in table.classes[0][1] and "rag-amber" in table.classes[0][2]
    assert any(h == "Progress toward targets since 2025/26" for _, h in page.headings)
    # every figure the measures' panels show is in the table beside them
    assert chart_numbers(svgs(html)[1]) <= table_numbers(figure_table(html, 1))


def test_diff_page_chart_and_table_hold_the_same_numbers() -> None:
    html, page = page_of("diff", *midshire(2025, 2026))
    check_page(html, page, 1)
    rows = figure_table(html)
    assert rows[0][0] == "Overall" and rows[0][2:] == ["32.6 RED", "51.8 AMBER", "up 19.2 points"]
    scores = [[r[0], *r[2:]] for r in rows]  # without the bank versions column
    assert chart_numbers(svgs(html)[0]) == table_numbers(scores)
    headings = [h for _, h in page.headings]
    assert "Critical failures fixed (3)" in headings


def test_compare_page_numbers_every_partnership_and_marks_one() -> None:
    html, page = page_of("compare", EXAMPLES / "region", "--partnership", "midshire")
    check_page(html, page, 1)
    rows = figure_table(html)
    names = [r[1] for r in rows]
    assert len(rows) == 6 and "Midshire Anti-Slavery Partnership (marked)" in names
    marked = names.index("Midshire Anti-Slavery Partnership (marked)") + 1
    svg = svgs(html)[0]
    # the dots are numbered as in the table, the marked one black
    assert re.search(rf'fill="#1a1a1a"[^>]*/><text[^>]*>{marked}</text>', svg)
    # every number the chart shows is in one of the page's tables, and every overall
    # score of the table beside it is in the chart (its dots' tooltips)
    everything = table_numbers([r for t in page.tables for r in t.rows])
    assert chart_numbers(svg) <= everything
    assert table_numbers(rows) <= chart_numbers(svg)
    assert page.headings[0][1].startswith("Midshire Anti-Slavery Partnership among 6")


def test_compare_page_without_a_marked_partnership() -> None:
    html, page = page_of("compare", EXAMPLES / "region")
    check_page(html, page, 1)
    assert "(marked)" not in html
    assert page.headings[0][1] == "6 partnerships compared: 2027/28"


# ---------------------------------------------------------------- user text


@pytest.fixture
def nasty(tmp_path: Path, write_assessment: Callable[..., Path]) -> dict[str, Any]:
    """Three years of a partnership whose name, and bank titles, try to break out."""
    banks = tmp_path / "banks"
    banks.mkdir()
    for bank_id, title in (("alpha", NASTY), ("beta", LONG)):
        data = bank_data(
            bank_id, {"s": [q(f"{bank_id[0].upper()}-1"), q(f"{bank_id[0].upper()}-2")]}
        )
        data["title"] = title
        (banks / f"{bank_id}.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    region = tmp_path / "region"
    region.mkdir()
    files = []
    for i, period in enumerate(("2025/26", "2026/27", "2027/28")):
        files.append(
            write_assessment(
                {"A-1": i, "A-2": 3 - i, "B-1": 1, "B-2": i},
                banks={"alpha": "1.0", "beta": "1.0"},
                name=f"y{i}.msht.yaml",
                partnership=NASTY,
                area="Nowhere ](x)",
                period=period,
            )
        )
    for i in range(3):
        p = write_assessment(
            {"A-1": i, "A-2": 1, "B-1": 2, "B-2": 3 - i},
            banks={"alpha": "1.0", "beta": "1.0"},
            name=f"other{i}.msht.yaml",
            partnership=f"Other {i} & <b>Co</b>",
            period="2027/28",
        )
        (region / p.name).write_bytes(p.read_bytes())
    (region / "y2.msht.yaml").write_bytes(files[2].read_bytes())
    return {"banks": banks, "files": files, "region": region}


def assert_escaped(html: str, page: Page) -> None:
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\x1b" not in html
    assert "<script>alert(1)</script> & [x](http://evil) ␛[2J" in page.text


def test_user_text_is_escaped_in_every_page(nasty: dict[str, Any]) -> None:
    bank = ("--bank", nasty["banks"])
    for args, charts in (
        (("trend", *nasty["files"], *bank), 1),
        (("diff", nasty["files"][0], nasty["files"][2], *bank), 1),
        (("compare", nasty["region"], "--partnership", "y2.msht.yaml", *bank), 1),
    ):
        html, page = page_of(*args)
        check_page(html, page, charts)
        assert_escaped(html, page)
