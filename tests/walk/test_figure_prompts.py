"""The performance figures' screens as data: what each shows, and which typed values fit."""

from __future__ import annotations

import pytest

from msht_toolkit.assessment.model import MeasureValue
from msht_toolkit.banks.measures import Measure
from msht_toolkit.walk import prompts as p

REFERRALS = Measure(
    "NRM-REFERRALS",
    "NRM referrals from the area",
    "count",
    "higher",
    per_population=True,
    bank="identification",
    help="Count every referral by date of referral.",
)
TRAINED = Measure("STAFF-TRAINED", "Frontline staff trained", "percent", "higher")
DAYS = Measure("REFERRAL-DAYS", "Days to a decision", "days", "lower")
MONEY = Measure("ASSETS", "Assets recovered", "money", "higher")


@pytest.mark.parametrize("raw", ["57", " 57 ", "0", "1,234", ""])
def test_a_count_takes_whole_numbers_0_or_more_and_empty_skips(raw):
    assert p.figure_problem(REFERRALS, raw) is None


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("-3", "Please type a whole number, 0 or more, not -3."),
        ("12.5", "Please type a whole number for a count, not 12.5."),
        ("lots", "Please type a whole number, 0 or more, for example 12."),
        ("nan", "for example 12"),
        ("inf", "for example 12"),
        ("1e400", "for example 12"),
        ("1,2", "for example 12"),
        ("0x10", "for example 12"),
    ],
)
def test_a_bad_count_is_refused_in_one_line(raw, says):
    problem = p.figure_problem(REFERRALS, raw)
    assert problem is not None and says in problem and "\n" not in problem


def test_percent_is_0_to_100_and_may_have_decimals():
    assert p.figure_problem(TRAINED, "44.5") is None
    assert p.figure_problem(TRAINED, "100") is None
    assert p.figure_problem(TRAINED, "100.1") == (
        "Please type a percentage from 0 to 100, not 100.1."
    )
    assert p.figure_problem(TRAINED, "-1") is not None


def test_days_and_money_are_0_or_more():
    assert p.figure_problem(DAYS, "15.5") is None
    assert p.figure_problem(MONEY, "12,500.50") is None
    assert p.figure_problem(DAYS, "-2") == "Please type a number of days, 0 or more, not -2."
    assert p.figure_problem(MONEY, "-1") is not None


def test_parse_figure_keeps_whole_numbers_whole():
    assert p.parse_figure("57") == 57 and isinstance(p.parse_figure("57"), int)
    assert p.parse_figure("1,100,000") == 1_100_000
    assert p.parse_figure("12.5") == 12.5
    assert isinstance(p.parse_figure("57.0"), int)


@pytest.mark.parametrize("raw", ["", "1100000", "1,100,000"])
def test_population_is_a_whole_number_above_0_or_empty(raw):
    assert p.population_problem(raw) is None


@pytest.mark.parametrize("raw", ["0", "-5", "1100000.5", "about a million", "1.1m"])
def test_a_bad_population_is_refused_in_one_line(raw):
    problem = p.population_problem(raw)
    assert problem is not None and problem.startswith("Please type") and "\n" not in problem


def test_last_years_figure_is_context_and_never_the_default():
    last = MeasureValue(48, note="Police only", source="Home Office NRM statistics")
    view = p.figure_view(REFERRALS, 1, 9, None, last)
    assert view.previous == [
        "Last year: 48",
        "  Note: Police only",
        "  Source: Home Office NRM statistics",
    ]
    assert (view.entry_default, view.note_default, view.source_default) == ("", "", "")
    assert view.current == []


def test_this_years_figure_on_file_is_the_default():
    view = p.figure_view(REFERRALS, 2, 9, MeasureValue(57, note="Q4 estimated"), None)
    assert view.current == ["This year, on file: 57", "  Note: Q4 estimated"]
    assert (view.entry_default, view.note_default) == ("57", "Q4 estimated")
    assert "skip" not in view.prompt + view.instruction  # Enter keeps it (the UI says so)
    assert view.previous == []


def test_the_screen_names_the_measure_its_unit_and_its_definition():
    view = p.figure_view(REFERRALS, 1, 9, None, None)
    assert view.lines == [
        "Performance figure 1 of 9, NRM-REFERRALS.",
        "NRM referrals from the area",
        "Unit: count (a whole number, 0 or more); also shown per 100,000 residents; "
        "evidences the identification rating.",
        "What to count: Count every referral by date of referral.",
    ]
    assert view.instruction == "Press Enter alone to skip it, or type m for the menu."
    assert view.prompt == "Type this year's figure for NRM-REFERRALS:"


def test_figures_read_as_a_board_reads_them():
    assert p.figure_words(REFERRALS, 1234) == "1,234"
    assert p.figure_words(TRAINED, 44.5) == "44.5%"
    assert p.figure_words(DAYS, 1) == "1 day"
    assert p.figure_words(MONEY, 2500) == "£2,500"
    assert p.number_text(57.0) == "57" and p.number_text(12.5) == "12.5"
    assert p.figures_title(3, 9) == "Performance figures (3 of 9 recorded)"


@pytest.mark.parametrize("raw", ["m", " M ", "menu", "57m", "57 m", "57menu", "57M"])
def test_m_at_the_end_of_the_pre_filled_figure_asks_for_the_menu(raw):
    """With "57" pre-filled, typing m with the arrow keys appends to it: "57m" is the
    menu, not a refused figure."""
    assert p.wants_menu(raw, "57")
    assert p.figure_problem(REFERRALS, raw, "57") is None


@pytest.mark.parametrize("raw", ["5m", "57", "570", "m57", "58m"])
def test_other_text_with_the_pre_filled_figure_is_not_the_menu(raw):
    assert not p.wants_menu(raw, "57")


def test_without_a_pre_filled_figure_57m_is_refused():
    assert not p.wants_menu("57m", "")
    assert p.figure_problem(REFERRALS, "57m") == (
        "Please type a whole number, 0 or more, for example 12."
    )
