"""The board report's "Performance figures":
this year, last year, the change, rates per 100,000, the linked bank's rating, every
flag in words and a chart per measure over the years, in Markdown, HTML and Word.

Hand-computed on the mini bank: last year MINI-LEAD-01 at level 1 and MINI-DAT-01 at 0
score the bank (33.3 + 100 + 100 + 0) / 4 = 58.3 AMBER; this year every answer scores
100, GREEN, a rise of 41.7 points. Referrals fell 40 -> 26, (26 - 40) / 40 = -35%: the
rating-up-outcome-down flag. Days to referral went 0 -> 9 (no percentage from 0, so no
flag although lower is better); staff trained has no figure this year. The population
rose 1,000,000 -> 1,250,000 (25%), so the rate fell further than the figure: 4.0 ->
26 x 100,000 / 1,250,000 = 2.08, shown 2.1.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from msht_toolkit.cli.app import app
from tests.cli.test_measures_outputs import MEASURES, MINI, assessment

FLAG = (
    "Mini test bank rose 41.7 points to GREEN while NRM referrals from the area fell 35%: "
    "check the evidence behind the rating."
)
ENV = {"MSHT_BANKS": "", "NO_COLOR": "1"}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "mini-measures.yaml").write_text(MEASURES, encoding="utf-8")
    old = assessment(
        "2025/26", 1, 1_000_000, "  MINI-REFS: 40\n  MINI-DAYS: 0\n  MINI-TRAINED: 50\n"
    )
    new = assessment(
        "2026/27", 3, 1_250_000, "  MINI-REFS: 26\n  MINI-DAYS: {value: 9, note: A|b}\n"
    )
    (tmp_path / "old.msht.yaml").write_text(old, encoding="utf-8")
    (tmp_path / "new.msht.yaml").write_text(new, encoding="utf-8")
    return tmp_path


def report(folder: Path, *args: str, code: int = 0):
    banks = ["--bank", str(MINI), "--bank", str(folder / "mini-measures.yaml")]
    result = CliRunner().invoke(app, ["report", *args, *banks], env=ENV)
    assert result.exit_code == code, result.output
    return result


def markdown(folder: Path, *args: str) -> str:
    out = folder / "r.md"
    report(folder, str(folder / "new.msht.yaml"), *args, "-o", str(out), "--force")
    return out.read_text(encoding="utf-8")


FIGURES_HEADER = [
    "Measure",
    "2026/27",
    "2025/26",
    "Change",
    "Per 100,000, 2026/27",
    "Per 100,000, 2025/26",
    "Bank",
    "Bank's rating",
]
FIGURES_ROWS = [
    [
        "NRM referrals from the area",
        "26",
        "40",
        "down 35%",
        "2.1",
        "4.0",
        "Mini test bank",
        "100.0 GREEN",
    ],
    [
        "Median days to referral",
        "9 days",
        "0 days",
        "from 0",
        "-",
        "-",
        "Mini test bank",
        "100.0 GREEN",
    ],
    ["Staff trained", "-", "50%", "-", "-", "-", "Mini test bank", "100.0 GREEN"],
]


def test_markdown_has_the_figures_beside_the_rating_and_the_flag_in_words(folder: Path) -> None:
    from tests.markdown_check import headings, table_problems, tables, text

    md = markdown(folder, "--from", str(folder / "old.msht.yaml"))
    assert table_problems(md) == []
    titles = [t for _, t in headings(md)]
    assert titles.index("Performance figures") < titles.index("Critical failures")
    figures = next(t for t in tables(md) if t[0][0] == "Measure" and "Change" in t[0])
    assert figures[0] == FIGURES_HEADER
    assert figures[1:] == FIGURES_ROWS
    plain = " ".join(text(md).split())
    assert FLAG in plain
    summary = plain[plain.index("Summary") : plain.index("Where the partnership stands")]
    assert (
        "1 performance figure moved against its bank's rating (Mini test bank): see "
        "Performance figures."
    ) in summary
    assert "The population rose 25% (1,000,000 to 1,250,000)" in plain
    assert "Median days to referral: A|b" in plain  # a figure's note, its pipe kept as text
    # two years: the chart's numbers are all in the table above, so Markdown shows it once
    assert sum(1 for t in tables(md) if t[0][0] == "Measure") == 1


def test_html_draws_a_panel_per_measure_with_its_numbers_beside_it(folder: Path) -> None:
    from tests.html_check import external_references, parse, table_with
    from tests.svg_check import check_chart, texts

    out = folder / "r.html"
    report(
        folder,
        str(folder / "new.msht.yaml"),
        "--from",
        str(folder / "old.msht.yaml"),
        "-o",
        str(out),
    )
    html = out.read_text(encoding="utf-8")
    page = parse(html)
    assert external_references(page) == []
    figures = table_with(page, *FIGURES_HEADER)
    assert figures.rows == FIGURES_ROWS
    assert "rag-green" in " ".join(figures.classes[0])
    chart = next(s for s in page.svgs if s.title == "Performance figures, 2025/26 to 2026/27")
    years = table_with(page, "Measure", "2025/26", "2026/27")
    assert years.rows == [
        ["NRM referrals from the area", "40", "26"],
        ["Median days to referral", "0 days", "9 days"],
        ["Staff trained", "50%", "-"],
    ]
    svg = html[html.index("<svg", html.index("Performance figures, 2025/26")) :]
    root = check_chart(svg[: svg.index("</svg>") + 6])  # inside its viewBox, nothing overlaps
    words = texts(root)
    for label in ("40", "26", "0", "9", "50%", "none", "check", "lower is better"):
        assert label in words, label
    assert words.count("check") == 1  # only the flagged measure (referrals) is marked
    assert chart.texts  # the panels' labels are real text
    assert FLAG in " ".join(page.text.split())


def test_word_has_the_figures_table_and_the_flag(folder: Path) -> None:
    docx = pytest.importorskip("docx")
    out = folder / "r.docx"
    report(
        folder,
        str(folder / "new.msht.yaml"),
        "--from",
        str(folder / "old.msht.yaml"),
        "-o",
        str(out),
    )
    doc = docx.Document(io.BytesIO(out.read_bytes()))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert "Performance figures" in headings
    tables = [[[c.text for c in r.cells] for r in t.rows] for t in doc.tables]
    figures = next(t for t in tables if t[0] == FIGURES_HEADER)
    assert [[c.replace("\u00a0", " ") for c in row] for row in figures[1:]] == FIGURES_ROWS
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert FLAG in bullets


def test_without_last_year_no_change_and_no_flag_are_claimed(folder: Path) -> None:
    from tests.markdown_check import tables, text

    md = markdown(folder)
    figures = next(t for t in tables(md) if t[0][0] == "Measure")
    assert figures[0] == ["Measure", "2026/27", "Per 100,000, 2026/27", "Bank", "Bank's rating"]
    assert figures[1][:3] == ["NRM referrals from the area", "26", "2.1"]
    assert "Staff trained" not in [r[0] for r in figures]  # no figure in any year shown
    plain = " ".join(text(md).split())
    assert "Last year's figures are not known to this report" in plain
    assert "Not recorded in any year shown: Staff trained." in plain
    assert "check the evidence" not in plain
    assert "moved against" not in plain


def test_carried_from_is_followed_back_over_the_years(folder: Path) -> None:
    from tests.markdown_check import tables

    (folder / "y1.msht.yaml").write_text(
        assessment("2024/25", 1, None, "  MINI-REFS: 30\n"), encoding="utf-8"
    )
    (folder / "y2.msht.yaml").write_text(
        assessment("2025/26", 2, None, "  MINI-REFS: 0\n") + "carried_from: y1.msht.yaml\n",
        encoding="utf-8",
    )
    (folder / "y3.msht.yaml").write_text(
        assessment("2026/27", 3, None, "  MINI-REFS: 12\n") + "carried_from: y2.msht.yaml\n",
        encoding="utf-8",
    )
    out = folder / "r.md"
    report(folder, str(folder / "y3.msht.yaml"), "-o", str(out))
    md = out.read_text(encoding="utf-8")
    figures = next(t for t in tables(md) if t[0][:4] == ["Measure", "2026/27", "2025/26", "Change"])
    assert figures[1][:4] == ["NRM referrals from the area", "12", "0", "from 0"]
    years = next(t for t in tables(md) if t[0] == ["Measure", "2024/25", "2025/26", "2026/27"])
    assert years[1] == ["NRM referrals from the area", "30", "0", "12"]


def test_a_from_file_that_is_not_earlier_is_refused(folder: Path) -> None:
    result = report(
        folder, str(folder / "old.msht.yaml"), "--from", str(folder / "new.msht.yaml"), code=2
    )
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "not before" in lines[0] and "new.msht.yaml" in lines[0]


def test_no_figure_recorded_says_so(folder: Path) -> None:
    from tests.markdown_check import text

    (folder / "new.msht.yaml").write_text(
        assessment("2026/27", 3, None, "  {}\n"), encoding="utf-8"
    )
    plain = " ".join(text(markdown(folder)).split())
    assert "No performance figure is recorded (NRM referrals from the area;" in plain
