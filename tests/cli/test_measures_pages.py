"""Performance measures on the chart pages (``trend``, ``diff`` and ``compare --format
html``), on the mini bank's files with figures computed by hand (see
``test_measures_outputs`` and ``test_report_measures`` for the scores): a row and a line
per measure over the years, the changes and the flag in words, the rates per 100,000
with their quartiles and the quartile flag."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from msht_toolkit.cli.app import app
from tests.cli.test_measures_outputs import MEASURES, MINI, assessment, region, write
from tests.html_check import external_references, parse, table_with
from tests.svg_check import check_chart, texts

ENV = {"MSHT_BANKS": "", "NO_COLOR": "1"}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "mini-measures.yaml").write_text(MEASURES, encoding="utf-8")
    return tmp_path


def page(folder: Path, *args: str):
    out = folder / "page.html"
    banks = ["--bank", str(MINI), "--bank", str(folder / "mini-measures.yaml")]
    result = CliRunner().invoke(app, [*args, "-o", str(out), "--force", *banks], env=ENV)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    parsed = parse(html)
    assert external_references(parsed) == []
    return html, parsed


def svg_titled(html: str, title: str) -> str:
    start = html.index("<svg", html.index(f">{title}<") - 400)
    return html[start : html.index("</svg>", start) + 6]


def test_trend_page_has_a_row_and_a_line_per_measure(folder: Path) -> None:
    files = [
        write(folder, "y1.msht.yaml", assessment("2025/26", 1, 1_000_000, "  MINI-REFS: 30\n")),
        write(folder, "y2.msht.yaml", assessment("2026/27", 2, None, "  MINI-REFS: 0\n")),
        write(folder, "y3.msht.yaml", assessment("2027/28", 3, 1_200_000, "  MINI-TRAINED: 45\n")),
    ]
    html, parsed = page(folder, "trend", *map(str, files))
    table = table_with(parsed, "Measure", "2025/26", "2026/27", "2027/28")
    assert table.rows == [
        # 30 x 100,000 / 1,000,000 = 3.0; no population in 2026/27, so no rate
        ["NRM referrals from the area", "30 (3.0 per 100,000)", "0", "-"],
        ["Staff trained", "-", "-", "45%"],
    ]
    svg = svg_titled(html, "Performance figures, 2025/26 to 2027/28")
    words = texts(check_chart(svg))
    assert words.count("none") == 3 and "45%" in words and "30" in words and "0" in words
    assert "<path" in svg  # a line through 30 and 0


def test_diff_page_has_the_changes_the_rates_and_the_flag(folder: Path) -> None:
    old = write(
        folder,
        "old.msht.yaml",
        assessment(
            "2025/26", 1, 1_000_000, "  MINI-REFS: 40\n  MINI-DAYS: 0\n  MINI-TRAINED: 50\n"
        ),
    )
    new = write(
        folder,
        "new.msht.yaml",
        assessment("2026/27", 3, 1_250_000, "  MINI-REFS: 26\n  MINI-DAYS: 9\n"),
    )
    _html, parsed = page(folder, "diff", str(old), str(new))
    table = table_with(parsed, "Measure", "2025/26", "2026/27", "Change")
    assert table.rows == [
        ["NRM referrals from the area", "40", "26", "down 35%", "4.0", "2.1", "Mini test bank"],
        ["Median days to referral", "0 days", "9 days", "from 0", "-", "-", "Mini test bank"],
        ["Staff trained", "50%", "-", "-", "-", "-", "Mini test bank"],
    ]
    assert (
        "Check: Mini test bank rose 41.7 points to GREEN while NRM referrals from the area "
        "fell 35%: check the evidence behind the rating."
    ) in parsed.text
    assert "The population rose 25% (1,000,000 to 1,250,000)" in parsed.text


def test_compare_page_has_rates_quartiles_and_the_flag(folder: Path) -> None:
    # rates = refs / 10: 1.0, 2.0, 3.0, 4.0 (Q1 1.75, median 2.5, Q3 3.25); fewer days is
    # better, so ranked on -5, -10, -20: inclusive Q1 -15, median -10, Q3 -7.5, and 10
    # days, at the median, is Q3 (a figure at a quartile goes up, as scores do)
    out = region(
        folder,
        {"Aham": (3, 10, 5), "Bexley": (1, 20, 10), "Corby": (1, 30, None), "Dunmow": (1, 40, 20)},
    )
    _html, parsed = page(folder, "compare", str(out), "--partnership", "Bexley")
    table = table_with(parsed, "#", "Partnership", "NRM referrals from the area (n=4)")
    assert table.header[3:] == ["Median days to referral (n=3)", "Staff trained (n=0)"]
    assert [row[1:] for row in table.rows] == [
        ["Aham Anti-Slavery Partnership", "1.0 Q1", "5 days Q4", "-"],
        ["Bexley Anti-Slavery Partnership (marked)", "2.0 Q2", "10 days Q3", "-"],
        ["Corby Anti-Slavery Partnership", "3.0 Q3", "-", "-"],
        ["Dunmow Anti-Slavery Partnership", "4.0 Q4", "20 days Q1", "-"],
    ]
    assert (
        "Check: Aham Anti-Slavery Partnership: Mini test bank is GREEN but NRM referrals from "
        "the area per 100,000 residents are in the bottom quarter of 4 partnerships"
    ) in parsed.text


def test_pages_without_figures_have_no_measures_part(folder: Path) -> None:
    old = write(folder, "old.msht.yaml", assessment("2025/26", 1, None, "  {}\n"))
    new = write(folder, "new.msht.yaml", assessment("2026/27", 3, None, "  {}\n"))
    for args in (("diff", str(old), str(new)), ("trend", str(old), str(new))):
        _html, parsed = page(folder, *args)
        assert not any("Performance" in text for _, text in parsed.headings), args
