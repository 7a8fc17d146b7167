"""The walk's profile questions (``walk/profile.py``): profile, people, answering agency."""

from __future__ import annotations

from msht_toolkit.walk import profile

from .scripted import ScriptedUI


def test_profile_participants_and_agency_prompts():
    import datetime as dt

    from msht_toolkit.assessment.model import Assessment

    ui = ScriptedUI(
        "Midshire Anti-Slavery Partnership",
        "Midshire",
        "1,100,000",
        "<default>",
        "<default>",
        "A. Lead",
        "Midshire Police",
        "DCI",
        "B. Nurse",
        "Midshire NHS Trust",
        "",
        "",
        "agency:1",
    )
    a = Assessment()
    profile.ask_profile(ui, a, dt.date(2026, 6, 1))
    profile.ask_participants(ui, a)
    assert (a.partnership, a.area, a.period, a.assessed_on) == (
        "Midshire Anti-Slavery Partnership",
        "Midshire",
        "2026/27",
        "2026-06-01",
    )
    assert a.population == 1_100_000
    assert [(x.name, x.agency, x.role) for x in a.participants] == [
        ("A. Lead", "Midshire Police", "DCI"),
        ("B. Nurse", "Midshire NHS Trust", None),
    ]
    assert profile.ask_agency(ui, a, None) == "Midshire NHS Trust"
