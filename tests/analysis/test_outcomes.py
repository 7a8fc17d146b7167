"""Measures beside ratings: rates, changes and flags, computed by hand."""

from __future__ import annotations

import pytest

from msht_toolkit.analysis.outcomes import (
    DOWN_UP,
    UP_DOWN,
    MeasureRow,
    OutcomeFlag,
    change_pct,
    diff_flags,
    flag_words,
    measure_changes,
    measure_rows,
    quartile_basis,
    trend_measures,
)
from msht_toolkit.assessment.model import Assessment, MeasureValue
from msht_toolkit.banks.measures import Measure

NRM = Measure(
    "NRM-REFERRALS",
    "NRM referrals of potential victims from the area",
    "count",
    "higher",
    per_population=True,
    bank="identification",
)
STAFF = Measure(
    "STAFF-TRAINED",
    "Frontline staff trained to spot and report modern slavery",
    "percent",
    "higher",
    bank="protect",
)
DAYS = Measure(
    "REFERRAL-DAYS",
    "Median days from first contact to NRM referral",
    "days",
    "lower",
    bank="identification",
)
CRIMES = Measure(
    "MS-CRIMES",
    "Modern slavery offences recorded",
    "count",
    "neither",
    per_population=True,
    bank="pursue",
)
FREE = Measure("LOCAL-X", "A measure of no bank", "count", "higher")
ALL = {m.id: m for m in (NRM, STAFF, DAYS, CRIMES, FREE)}


def row(measure: Measure, value, rate=None) -> MeasureRow:
    return MeasureRow(measure, value, rate)


def test_rows_list_recorded_and_in_scope_measures_with_rates() -> None:
    a = Assessment(population=1_100_000)
    a.measures = {
        "NRM-REFERRALS": MeasureValue(57),
        "STAFF-TRAINED": MeasureValue(62),
        "LOCAL-X": MeasureValue(3),
    }
    rows = {r.id: r for r in measure_rows(a, ALL, ["identification", "protect"])}
    assert list(rows) == ["NRM-REFERRALS", "STAFF-TRAINED", "REFERRAL-DAYS", "LOCAL-X"]
    assert rows["NRM-REFERRALS"].per_100k == 5.2  # 57 * 100000 / 1100000 = 5.18...
    assert rows["STAFF-TRAINED"].per_100k is None  # a percentage has no rate
    assert rows["REFERRAL-DAYS"].value is None  # linked to a bank in scope, not recorded
    assert rows["LOCAL-X"].value == 3  # recorded, though linked to no bank
    assert "MS-CRIMES" not in rows  # pursue is not in scope and nothing was recorded


def test_rates_are_null_without_a_population_and_zero_for_zero() -> None:
    a = Assessment(measures={"NRM-REFERRALS": MeasureValue(0)})
    (only,) = measure_rows(a, {"NRM-REFERRALS": NRM}, ["identification"])
    assert only.value == 0 and only.per_100k is None
    a.population = 250_000
    (only,) = measure_rows(a, {"NRM-REFERRALS": NRM}, ["identification"])
    assert only.per_100k == 0.0


@pytest.mark.parametrize(
    ("old", "new", "pct"),
    [
        (40, 26, -35.0),
        (40, 50, 25.0),
        (57, 57, 0.0),
        (0, 5, None),
        (None, 5, None),
        (5, None, None),
        (3, 0, -100.0),
    ],
)
def test_change_pct_by_hand(old, new, pct) -> None:
    result = change_pct(old, new)
    assert (round(result, 1) if result is not None else None) == pct


def flags(measure: Measure, old, new, before: float | None, after: float | None):
    changes = measure_changes([row(measure, old)], [row(measure, new)])
    bank = measure.bank or "none"
    return diff_flags(changes, {bank: before}, {bank: after})


def test_rating_up_while_referrals_fall_is_flagged() -> None:
    (flag,) = flags(NRM, 40, 26, 60.0, 72.0)
    assert flag == OutcomeFlag(UP_DOWN, "identification", "NRM-REFERRALS", 12.0, -35.0)


def test_the_thresholds_are_inclusive_and_decided_as_shown() -> None:
    assert flags(NRM, 100, 80, 60.0, 65.0)  # +5 points, -20%: both exactly at the line
    assert not flags(NRM, 100, 81, 60.0, 65.0)  # -19%
    assert not flags(NRM, 100, 80, 60.0, 64.9)  # +4.9 points
    assert flags(NRM, 100, 80, 60.0, 64.96)  # +4.96 is shown as 5.0, so it counts


def test_better_lower_is_wrong_when_it_rises() -> None:
    (flag,) = flags(DAYS, 10, 13, 50.0, 60.0)  # days to referral up 30% while rating rose
    assert flag.kind == UP_DOWN and flag.measure_change_pct == 30.0
    assert not flags(DAYS, 10, 7, 50.0, 60.0)  # fewer days: the right way


def test_rating_down_while_outcome_improves_is_the_reverse_flag() -> None:
    (flag,) = flags(NRM, 40, 50, 70.0, 62.0)
    assert flag == OutcomeFlag(DOWN_UP, "identification", "NRM-REFERRALS", -8.0, 25.0)
    assert not flags(NRM, 40, 30, 70.0, 62.0)  # both down: they agree


@pytest.mark.parametrize(
    ("measure", "old", "new", "before", "after"),
    [
        (NRM, 0, 26, 60.0, 72.0),  # old value 0
        (NRM, None, 26, 60.0, 72.0),  # missing last year
        (NRM, 40, None, 60.0, 72.0),  # missing this year
        (NRM, 40, 26, None, 72.0),  # bank not rated last year
        (CRIMES, 40, 20, 40.0, 72.0),  # better: neither has no wrong way
        (FREE, 40, 20, 40.0, 72.0),  # linked to no bank
    ],
)
def test_no_flag_where_the_spec_says_none(measure, old, new, before, after) -> None:
    assert flags(measure, old, new, before, after) == ()


def test_measures_in_only_one_year_are_listed_with_nothing_on_the_other_side() -> None:
    changes = measure_changes([row(STAFF, 50)], [row(NRM, 26)])
    assert [(c.id, c.old_value, c.new_value, c.change_pct) for c in changes] == [
        ("NRM-REFERRALS", None, 26, None),
        ("STAFF-TRAINED", 50, None, None),
    ]


def test_flag_in_plain_words() -> None:
    flag = OutcomeFlag(UP_DOWN, "identification", "NRM-REFERRALS", 12.0, -35.0)
    assert flag_words(flag, "Identification and referral", "GREEN", NRM) == (
        "Identification and referral rose 12 points to GREEN while NRM referrals of potential "
        "victims from the area fell 35%: check the evidence behind the rating."
    )
    staff = OutcomeFlag(UP_DOWN, "protect", "STAFF-TRAINED", 6.5, -22.5)
    assert flag_words(staff, "Protect", "AMBER", STAFF).startswith(
        "Protect rose 6.5 points to AMBER while frontline staff trained"
    )


def test_a_percent_measure_flag_says_points_and_both_figures() -> None:
    # 58% -> 44%: (44 - 58) / 58 = -24.1% of its old value, flagged; written 14 points
    (flag,) = flags(STAFF, 58, 44, 38.3, 50.9)
    assert (flag.measure_change_pct, flag.old_value, flag.new_value) == (-24.1, 58, 44)
    words = flag_words(flag, "Protect", "AMBER", STAFF)
    assert words.startswith("Protect rose 12.6 points to AMBER while frontline staff trained")
    assert words.endswith(" fell 14 points, from 58% to 44%: check the evidence behind the rating.")
    # a count keeps the relative wording even with its figures on the flag: 40 -> 26, -35%
    (count,) = flags(NRM, 40, 26, 60.0, 72.0)
    assert flag_words(count, "Identification", "GREEN", NRM).endswith(
        " fell 35%: check the evidence behind the rating."
    )


def test_trend_lists_each_measure_once_per_period() -> None:
    periods = [[row(NRM, 30, 2.7)], [], [row(NRM, 57, 5.2), row(STAFF, 62)]]
    assert trend_measures(periods) == [
        (NRM, [30, None, 57], [2.7, None, 5.2]),
        (STAFF, [None, None, 62], [None, None, None]),
    ]


def test_quartile_basis_is_the_rate_else_the_value_and_reversed_for_lower() -> None:
    assert quartile_basis(row(NRM, 57, 5.2)) == 5.2
    assert quartile_basis(row(NRM, 57, None)) is None  # no population: no rate to rank
    assert quartile_basis(row(STAFF, 62)) == 62.0
    assert quartile_basis(row(DAYS, 12)) == -12.0
    assert quartile_basis(None) is None


def test_large_figures_keep_their_digits_never_an_exponent() -> None:
    # `{:,g}` wrote 1,250,000 as "1.25e+06" (six significant digits)
    from msht_toolkit import vocabulary

    money = Measure("ASSETS", "Assets recovered", "money", "higher")
    assert vocabulary.measure_value(money, 1_250_000) == "£1,250,000"
    assert vocabulary.measure_value(DAYS, 12.5) == "12.5 days"
    assert vocabulary.figure(123_456.75) == "123,456.75"
    assert vocabulary.figure(99_999_999_999_999) == "99,999,999,999,999"
