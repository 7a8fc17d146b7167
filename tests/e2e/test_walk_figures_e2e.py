"""The walk's population and "Performance figures" step in a real 80x24 pseudo-terminal.

After each step the file on disk is loaded and checked the way `msht score` would.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from .conftest import MINI, load, wait_for

pytestmark = pytest.mark.e2e

DOWN = "\x1b[B"
CTRL_C = "\x03"
CLEAR = "\x15"  # Ctrl-U: clear the line
SMALL = (24, 80)
ARGS = ("--bank", str(MINI), "--bank", "mini", "--agency", "Midshire Police")
PROMPT = r"figure for [A-Z-]+:"  # the end of the figure prompt


def figures(path: Path) -> dict[str, tuple]:
    return {mid: (f.value, f.note, f.source) for mid, f in load(path).measures.items()}


def new_profile(t, population: str) -> None:
    for prompt, reply in (
        ("name of the partnership", "Midshire Anti-Slavery Partnership"),
        ("Which area", "Midshire"),
        ("How many people live in Midshire", population),
        ("reporting period", ""),
        ("what date", ""),
        ("name of person 1", ""),
    ):
        t.expect(prompt)
        t.sendline(reply)


def enter_figure(t, mid: str, value: str, note: str = "", source: str = "") -> None:
    t.expect(PROMPT)
    t.sendline(value)
    t.expect("Type a note for this figure")
    t.sendline(note)
    t.expect("Where does the figure come from")
    t.sendline(source)
    t.expect(f"Saved {mid}: ")


def test_population_and_figures_typed_saved_at_each_step_and_resumed(term, tmp_path):
    path = tmp_path / "m.msht.yaml"
    t = term("assess", path.name, *ARGS, size=SMALL)
    new_profile(t, "1,100,000")
    t.expect(r"Performance figures \(0 of 9 recorded\)")
    t.expect("Save and quit")
    assert wait_for(lambda: load(path).population == 1_100_000)
    assert figures(path) == {}
    t.send(DOWN + DOWN + "\r")  # start, the bank, then the figures
    t.expect("Performance figure 1 of 9, NRM-REFERRALS.")
    t.expect("What to count: Count every referral")
    t.expect(PROMPT)
    t.sendline("57")
    t.expect("Type a note for this figure")
    assert wait_for(lambda: figures(path) == {"NRM-REFERRALS": (57, None, None)})
    t.sendline("Q4 estimated")
    t.expect("Where does the figure come from")
    assert wait_for(lambda: figures(path) == {"NRM-REFERRALS": (57, "Q4 estimated", None)})
    t.sendline("Home Office NRM statistics")
    t.expect(r"Saved NRM-REFERRALS: 57\.")
    first = (57, "Q4 estimated", "Home Office NRM statistics")
    assert wait_for(lambda: figures(path) == {"NRM-REFERRALS": first})
    t.expect("Performance figure 2 of 9, DTN-SUBMISSIONS.")
    enter_figure(t, "DTN-SUBMISSIONS", "12")
    both = {"NRM-REFERRALS": first, "DTN-SUBMISSIONS": (12, None, None)}
    assert wait_for(lambda: figures(path) == both)
    t.expect("Performance figure 3 of 9, MS-CRIMES.")
    t.expect(PROMPT)
    t.sendline("")  # skipped
    t.expect(r"Skipped MS-CRIMES\.")
    t.expect("Performance figure 4 of 9, MS-CHARGES.")
    t.expect(PROMPT)
    t.send("3")  # typed, not yet entered: lost with Ctrl-C, nothing else is
    t.send(CTRL_C)
    assert t.finish() == 130
    assert figures(path) == both and load(path).population == 1_100_000

    # resumed: the menu counts them, the figure on file is the default, Enter keeps it
    t2 = term("assess", path.name, *ARGS, size=SMALL)
    t2.question("MINI-LEAD-01")
    t2.send("m\r")
    t2.expect(r"Performance figures \(2 of 9 recorded\)")
    t2.expect("Save and quit")
    t2.send(DOWN + DOWN + "\r")
    t2.expect("This year, on file: 57")
    t2.expect("Note: Q4 estimated")
    enter_figure(t2, "NRM-REFERRALS", "")  # Enter, Enter, Enter: all kept
    t2.expect("This year, on file: 12")
    t2.expect(PROMPT)
    t2.send(CLEAR + "m\r")
    t2.expect(r"Performance figures \(2 of 9 recorded\)")
    t2.expect("Save and quit")
    t2.send(DOWN * 6 + "\r")
    t2.expect("To carry on later, run: msht assess m.msht.yaml")
    assert t2.finish() == 0
    assert figures(path) == both


def test_bad_population_and_figures_are_refused_with_a_reason_plain(term, tmp_path):
    path = tmp_path / "m.msht.yaml"
    t = term("assess", path.name, "--plain", *ARGS, size=SMALL)
    t.expect("name of the partnership")
    t.sendline("Midshire Anti-Slavery Partnership")
    t.expect("Which area")
    t.sendline("Midshire")
    t.expect("How many people live in Midshire")
    t.sendline("-5")
    t.expect(r"Please type a whole number above 0, not -5\.")
    t.sendline("a million")
    t.expect("Please type the number of residents as a whole number, for example 1100000.")
    t.sendline("")  # left empty
    for prompt in ("reporting period", "what date", "name of person 1"):
        t.expect(prompt)
        t.sendline("")
    t.expect(r"(\d+)\. Performance figures \(0 of 9 recorded\)")
    choice = t.child.match.group(1)
    t.expect("Press Enter alone")
    assert wait_for(lambda: path.exists())
    assert load(path).population is None
    t.sendline(choice)
    t.expect("Performance figure 1 of 9, NRM-REFERRALS.")
    for bad, says in (
        ("lots", r"Please type a whole number, 0 or more, for example 12\."),
        ("12.5", r"Please type a whole number for a count, not 12\.5\."),
        ("-1", r"Please type a whole number, 0 or more, not -1\."),
    ):
        t.expect(PROMPT)
        t.sendline(bad)
        t.expect(says)
    assert figures(path) == {}
    enter_figure(t, "NRM-REFERRALS", "57")
    assert wait_for(lambda: figures(path) == {"NRM-REFERRALS": (57, None, None)})
    while True:
        t.expect(r"Performance figure \d of 9, ([A-Z-]+)\.")
        if t.child.match.group(1) == "STAFF-TRAINED":
            break
        t.expect(PROMPT)
        t.sendline("")
    t.expect(PROMPT)
    t.sendline("120")
    t.expect(r"Please type a percentage from 0 to 100, not 120\.")
    enter_figure(t, "STAFF-TRAINED", "44.5", note="Councils only")
    want = {"NRM-REFERRALS": (57, None, None), "STAFF-TRAINED": (44.5, "Councils only", None)}
    assert wait_for(lambda: figures(path) == want)
    t.expect(PROMPT)
    t.sendline("m")
    t.expect(r"Performance figures \(2 of 9 recorded\)")
    t.send(CTRL_C)
    assert t.finish() == 130
    assert figures(path) == want


def test_from_shows_last_years_figure_and_saves_only_what_is_typed(term, tmp_path):
    old = tmp_path / "midshire-2025.msht.yaml"
    old.write_text(
        yaml.safe_dump(
            {
                "schema": "msht-assessment/1",
                "partnership": "Midshire Anti-Slavery Partnership",
                "area": "Midshire",
                "period": "2025/26",
                "population": 1_100_000,
                "assessed_on": "2026-03-14",
                "banks": {"mini": "1.0"},
                "participants": [{"name": "A. Lead", "agency": "Midshire Police"}],
                "answers": {},
                "measures": {
                    "NRM-REFERRALS": {"value": 48, "note": "Police only"},
                    "MS-CRIMES": 30,
                },
            },
            sort_keys=False,
        ),
        encoding="utf-8",
    )
    os.chmod(old, 0o600)
    new = tmp_path / "midshire-2026.msht.yaml"
    t = term("assess", new.name, "--from", old.name, "--plain", *ARGS, size=SMALL)
    t.expect(r"Population:\s+1,100,000\.")
    t.expect("Are these details right")
    t.sendline("no")
    t.expect("name of the partnership")
    t.sendline("")
    t.expect("Which area")
    t.sendline("")
    t.expect("How many people live in Midshire")
    t.expect(r"The current entry is:\s+1100000\.")  # last year's population, offered
    t.sendline("")
    for prompt in ("reporting period", "what date"):
        t.expect(prompt)
        t.sendline("")
    t.expect("Is A. Lead")
    t.sendline("")
    t.expect("name of person 2")
    t.sendline("")
    t.expect(r"(\d)\. Show the menu first")
    t.sendline(t.child.match.group(1))
    t.expect(r"(\d+)\. Performance figures \(0 of 9 recorded\)")
    choice = t.child.match.group(1)
    t.expect("Press Enter alone")
    t.sendline(choice)
    t.expect("Performance figure 1 of 9, NRM-REFERRALS.")
    t.expect("Last year: 48")
    t.expect("Note: Police only")
    t.expect(PROMPT)
    assert "current entry" not in t.child.before  # last year's figure is no default
    t.sendline("")
    t.expect(r"Skipped NRM-REFERRALS\.")
    assert wait_for(lambda: new.exists())
    assert load(new).population == 1_100_000
    assert figures(new) == {}
    t.expect(PROMPT)
    t.sendline("")  # DTN-SUBMISSIONS
    t.expect("Performance figure 3 of 9, MS-CRIMES.")
    t.expect("Last year: 30")
    enter_figure(t, "MS-CRIMES", "31")
    assert wait_for(lambda: figures(new) == {"MS-CRIMES": (31, None, None)})
    t.expect(PROMPT)
    t.sendline("m")
    t.expect(r"Performance figures \(1 of 9 recorded\)")
    t.send(CTRL_C)
    assert t.finish() == 130
    assert figures(new) == {"MS-CRIMES": (31, None, None)}
