"""The output vocabulary (``msht_toolkit.vocabulary``): one way to write a score, a rating,
a percentage, a count, a change and a value, and the same words in every format."""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import pytest
from bank_builder import make_bank, q
from typer.testing import CliRunner

from msht_toolkit import vocabulary
from msht_toolkit.analysis.diff import diff_scorecards
from msht_toolkit.banks.measures import Measure
from msht_toolkit.cli.app import app
from msht_toolkit.scoring.scorer import ScoreCard
from msht_toolkit.services.files import score_file

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


# ---------------------------------------------------------------- the words


@pytest.mark.parametrize(
    ("value", "words"),
    [(61.25, "61.2"), (61.26, "61.3"), (79.96, "80.0"), (-0.0, "0.0"), (100.0, "100.0")],
)
def test_a_score_has_one_decimal(value: float, words: str) -> None:
    assert vocabulary.score(value) == words


def test_a_missing_figure_is_a_dash() -> None:
    assert vocabulary.score(None) == "-"
    assert vocabulary.percent(None) == "-"
    assert vocabulary.percent_change(None) == "-"


def test_a_rating_is_the_score_then_the_rag_word() -> None:
    assert vocabulary.rating(61.26, "AMBER") == "61.3 AMBER"
    assert vocabulary.rating(61.26, "AMBER", provisional=True) == "61.3 AMBER (provisional)"


def test_no_score_is_unrated_and_never_provisional() -> None:
    assert vocabulary.rating(None, "UNRATED") == "UNRATED"
    assert vocabulary.rating(None, "UNRATED", provisional=True) == "UNRATED"


def test_percent_and_percentage() -> None:
    assert vocabulary.percent(0.954) == "95%"
    assert vocabulary.percent(1.0) == "100%"
    assert vocabulary.percentage(42.6) == "43%"


@pytest.mark.parametrize(
    ("count", "words"), [(0, "0 questions"), (1, "1 question"), (2, "2 questions")]
)
def test_plural(count: int, words: str) -> None:
    assert vocabulary.plural(count, "question") == words


def test_plural_irregular_and_verbs() -> None:
    assert vocabulary.plural(2, "entry", "entries") == "2 entries"
    assert (vocabulary.is_are(1), vocabulary.is_are(3)) == ("is", "are")
    assert (vocabulary.was_were(1), vocabulary.was_were(0)) == ("was", "were")


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        (52.0, 61.3, "up 9.3 points"),
        (61.3, 52.0, "down 9.3 points"),
        (100 / 3, 200 / 3, "up 33.3 points"),  # one scale level, though 33.3 -> 66.7 is shown
        (40.0, 40.0, "no change"),
        (40.0, 40.04, "up less than 0.1 points"),
        (None, 40.0, "newly scored"),
        (40.0, None, "no longer scored"),
        (None, None, "no score in either"),
    ],
)
def test_change_in_points(old: float | None, new: float | None, words: str) -> None:
    assert vocabulary.change(old, new) == words


def test_gain_has_two_decimals() -> None:
    assert vocabulary.gain(1.234) == "+1.23"
    assert vocabulary.gain(0.0) == "+0.00"


def _measure(unit: str = "count") -> Measure:
    return Measure(id="M-1", title="Things", unit=unit, per_population=False, better="higher")


def test_a_large_figure_is_written_out_in_full() -> None:
    """It read '1.23457e+06' (``{:,g}`` keeps six significant digits)."""
    assert vocabulary.measure_value(_measure("money"), 1234567) == "£1,234,567"
    assert vocabulary.measure_value(_measure(), 1000000.0) == "1,000,000"
    assert vocabulary.percent_change(1999900.0) == "up 1,999,900%"


def test_measure_values_in_words() -> None:
    assert vocabulary.measure_value(_measure(), 46, 4.18) == "46 (4.2 per 100,000)"
    assert vocabulary.measure_value(_measure("percent"), 44.5) == "44.5%"
    assert vocabulary.measure_value(_measure("days"), 1) == "1 day"
    assert vocabulary.measure_value(_measure("days"), 12) == "12 days"
    assert vocabulary.measure_value(_measure(), None) == "-"
    assert vocabulary.percent_change(48.44) == "up 48.4%"
    assert vocabulary.percent_change(-24.1) == "down 24.1%"
    assert vocabulary.percent_change(0.04) == "no change"


def test_a_percent_measure_changes_in_points_with_both_figures() -> None:
    # 58% -> 44%: 44 - 58 = -14 points (relative, -24.1%, would read as 24 points)
    pct = _measure("percent")
    assert vocabulary.measure_change(pct, 58, 44) == "down 14 points (58% to 44%)"
    assert vocabulary.measure_change(pct, 44, 45) == "up 1 point (44% to 45%)"
    assert vocabulary.measure_change(pct, 0, 12.5) == "up 12.5 points (0% to 12.5%)"
    assert vocabulary.measure_change(pct, 44, 44) == "no change"
    assert vocabulary.measure_change(pct, None, 44) == "-"
    assert vocabulary.percent_points(pct, 58, 44) == "14 points, from 58% to 44%"


def test_a_count_days_or_money_change_relative_to_the_old_figure() -> None:
    # 40 -> 26: (26 - 40) / 40 = -35%; 31 -> 46: 15 / 31 = 48.39%
    assert vocabulary.measure_change(_measure(), 40, 26) == "down 35%"
    assert vocabulary.measure_change(_measure("days"), 31, 46) == "up 48.4%"
    assert vocabulary.measure_change(_measure("money"), 0, 10) == "-"
    assert vocabulary.percent_points(_measure(), 40, 26) is None


def test_an_answer_in_a_few_words() -> None:
    bank = make_bank("alpha", {"s": [q("A-1"), q("A-2", "yesno"), q("A-3", "choice")]})
    scale, yesno, choice = bank.sections[0].questions
    assert vocabulary.answer(scale, 2) == "level 2"
    assert vocabulary.answer(yesno, "yes") == "Yes"
    assert vocabulary.answer(choice, "some") == "Some of them"
    assert vocabulary.answer(scale, "unknown") == "don't know"
    assert vocabulary.answer(scale, "na") == "not applicable"
    assert vocabulary.answer(scale, None) == "not answered"


# ---------------------------------------------------------------- the same in every format


def _run(*args: str | Path) -> str:
    result = CliRunner().invoke(
        app, [str(a) for a in args], env={"NO_COLOR": "1", "COLUMNS": "250", "TERM": "dumb"}
    )
    assert result.exit_code == 0, result.output
    return result.output


def _text_of(page: str) -> str:
    """An HTML page's text: tags dropped, entities read."""
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _card(path: Path, bankset: Any) -> ScoreCard:
    return score_file(path, bankset).card


def test_a_bank_and_its_change_read_the_same_in_terminal_markdown_and_html(
    tmp_path: Path, bankset: Any
) -> None:
    old, new = EXAMPLES / "midshire-2025.msht.yaml", EXAMPLES / "midshire-2026.msht.yaml"
    bank = diff_scorecards(_card(old, bankset), _card(new, bankset)).banks[0]
    words = [
        vocabulary.rating(bank.old_score, bank.old_rag),
        vocabulary.rating(bank.new_score, bank.new_rag),
        vocabulary.change(bank.old_score, bank.new_score),
    ]
    assert words[2].endswith(" points")
    terminal = _run("diff", old, new)
    _run("diff", old, new, "-o", tmp_path / "d.md")
    _run("diff", old, new, "--format", "html", "-o", tmp_path / "d.html")
    markdown = (tmp_path / "d.md").read_text(encoding="utf-8")
    page = _text_of((tmp_path / "d.html").read_text(encoding="utf-8"))
    for text in words:
        assert text in terminal
        assert text in markdown
        assert text in page


def test_a_rating_reads_the_same_in_the_report_trend_and_score(
    tmp_path: Path, bankset: Any
) -> None:
    path = EXAMPLES / "midshire-2026.msht.yaml"
    bank = _card(path, bankset).banks[0]
    rating = vocabulary.rating(bank.score, bank.rag)
    _run("report", path, "-o", tmp_path / "r.md")
    _run("report", path, "-o", tmp_path / "r.html")
    assert f"| {rating} " in (tmp_path / "r.md").read_text(encoding="utf-8")
    assert rating in _text_of((tmp_path / "r.html").read_text(encoding="utf-8"))
    assert rating in _run("trend", EXAMPLES / "midshire-2025.msht.yaml", path)
    # the score table keeps the score and the RAG word in columns of their own
    assert re.search(rf"{re.escape(vocabulary.score(bank.score))}\s+{bank.rag}", _run("score", path))


def test_no_score_reads_unrated_in_terminal_and_html(tmp_path: Path) -> None:
    region = EXAMPLES / "region"
    terminal = _run("compare", region)
    _run("compare", region, "-o", tmp_path / "c.html")
    page = (tmp_path / "c.html").read_text(encoding="utf-8")
    kingsmere = next(line for line in terminal.splitlines() if "Kingsmere" in line)
    assert kingsmere.rstrip().endswith("UNRATED")
    rows = [line for line in page.splitlines() if "Kingsmere" in line and "<tr>" in line]
    assert any(row.endswith("<td>UNRATED</td></tr>") for row in rows)
