"""Questions about an assessment's profile (``assessment/profile.py``)."""

from __future__ import annotations

from bank_builder import make_assessment

from msht_toolkit.assessment import profile
from msht_toolkit.assessment.model import Answer


def test_default_period_follows_the_uk_financial_year():
    import datetime as dt

    assert profile.default_period(dt.date(2027, 3, 14)) == "2026/27"
    assert profile.default_period(dt.date(2027, 4, 1)) == "2027/28"


def test_last_agency_is_the_most_recent_answer():
    a = make_assessment(
        {
            "W-1": Answer(value=1, by="Police", at="2027-03-14T10:00:00"),
            "W-2": Answer(value="no", by="Council", at="2027-03-14T11:00:00"),
        },
    )
    assert profile.last_agency(a) == "Council"
