"""The walk at 80x24, read off a terminal emulator (pyte) fed by the real `msht` in a pty:
a question, its four levels (once), the other choices and the highlighted level's full text
fit on one screen, and help never loses the question."""

from __future__ import annotations

import itertools
import os
import time
from pathlib import Path

import pexpect
import pytest

from msht_toolkit.walk.prompts import LEVEL_NAMES

from .conftest import msht_command

pyte = pytest.importorskip("pyte")
pytestmark = pytest.mark.e2e

ROWS, COLS = 24, 80
PROFILE = """schema: msht-assessment/1
partnership: Northvale Anti-Slavery Partnership
area: Northvale
period: 2026/27
assessed_on: 2027-03-14
banks: {identification: "%s"}
participants:
  - {name: A. Lead, agency: Northvale Police, role: DCI}
answers: {}
"""


class Screen:
    def __init__(self, child: pexpect.spawn) -> None:
        self.child = child
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)

    def settle(self, until: str, timeout: float = 15) -> list[str]:
        """Feed output until ``until`` is on screen and nothing more arrives for a moment."""
        end = time.monotonic() + timeout
        quiet_since = None
        while time.monotonic() < end:
            try:
                data = self.child.read_nonblocking(65536, timeout=0.2)
                self.stream.feed(data)
                quiet_since = None
            except pexpect.TIMEOUT:
                quiet_since = quiet_since or time.monotonic()
                if until in "\n".join(self.screen.display) and time.monotonic() - quiet_since > 0.6:
                    return [line.rstrip() for line in self.screen.display]
            except pexpect.EOF:
                break
        raise AssertionError(f"{until!r} not on screen:\n" + "\n".join(self.screen.display))


@pytest.fixture
def walk(tmp_path: Path):
    from msht_toolkit.banks.registry import load_bankset

    version = load_bankset([]).current["identification"].version
    path = tmp_path / "n.msht.yaml"
    path.write_text(PROFILE % version, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "MSHT_BANKS"}
    env.update({"PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm", "NO_COLOR": "1"})
    child = pexpect.spawn(
        msht_command()[0],
        ["assess", path.name, "--agency", "Northvale Police"],
        cwd=str(tmp_path),
        env=env,
        dimensions=(ROWS, COLS),
        timeout=15,
    )
    yield Screen(child)
    child.terminate(force=True)


def test_a_question_its_levels_and_choices_fit_one_80x24_screen(walk):
    shown = walk.settle("Description:")
    text = "\n".join(shown)
    assert "Question 1 of" in text and "ID-NRM-01" in text
    assert "Is there a written referral pathway" in text  # the question itself
    for name in LEVEL_NAMES:  # each level once, by its short name
        assert sum(name in line for line in shown) == 1, name
    assert "Back to the menu" in text and "Don't know" in text
    # the highlighted level's descriptor is below the list, whole and wrapped on words
    below = text.split("Description:", 1)[1]
    assert "No written pathway" in below and "referral before." in below
    assert "…" not in text
    assert all(len(line) <= COLS for line in shown)


def test_help_shows_and_the_question_comes_back_above_its_choices(walk):
    walk.settle("Description:")
    walk.child.send("h\r")
    shown = "\n".join(walk.settle("Press any key"))
    assert "What good looks like:" in shown
    walk.child.send(" ")
    again = walk.settle("Description:")
    text = "\n".join(again)
    assert "Question 1 of" in text and "Is there a written referral pathway" in text
    assert all(name in text for name in LEVEL_NAMES)


def test_a_key_that_does_nothing_gets_a_short_answer(walk):
    walk.settle("Description:")
    walk.child.send("z")
    text = "\n".join(walk.settle("does nothing here"))
    assert "Key 'z' does nothing here; use the arrows and Enter, or a key shown." in text


def test_the_figures_menu_entry_and_a_figures_screen_fit_80x24(walk):
    walk.settle("Description:")
    walk.child.send("m\r")
    menu = "\n".join(walk.settle("Save and quit"))
    assert "Performance figures (0 of 9 recorded)" in menu  # whole, not shortened
    walk.child.send("\x1b[B\x1b[B\r")  # resume, the bank, then the figures
    shown = walk.settle("figure for NRM-REFERRALS:")
    text = "\n".join(shown)
    # the question asked on one line of its own, its instruction said on the line above
    assert "? Type this year's figure for NRM-REFERRALS:" in shown, shown
    assert "Press Enter alone to skip it, or type m for the menu." in shown, shown
    # the heading, title, unit, the whole definition and the prompt on one screen
    assert "Performance figure 1 of 9, NRM-REFERRALS." in text
    assert "NRM referrals of potential victims from the area" in text
    assert "Unit: count (a whole number, 0 or more)" in text
    assert "What to count: Count every referral" in text
    assert "as the statistics do." in text  # the definition's last words
    assert "Type this year's figure for NRM-REFERRALS" in text
    assert "…" not in text
    assert all(len(line) <= COLS for line in shown)


def _words_whole(lines: list[str]) -> list[str]:
    """Screen lines whose last word runs on into the next line (a word broken at the edge)."""
    return [
        f"{a!r} / {b!r}"
        for a, b in itertools.pairwise(lines)
        if len(a) == COLS and a[-1].isalpha() and b[:1].isalpha()
    ]


def test_next_year_participant_questions_fit_80_columns_whole_words(tmp_path: Path):
    """Last year's people are confirmed one by one: a long agency and role goes on a line
    of its own, and the question itself is never broken in the middle of a word."""
    from msht_toolkit.banks.registry import load_bankset

    version = load_bankset([]).current["identification"].version
    old = tmp_path / "n-2026.msht.yaml"
    long_role = "Office of the Police and Crime Commissioner for Northvale, Partnership lead"
    old.write_text(
        (PROFILE % version).replace(
            "{name: A. Lead, agency: Northvale Police, role: DCI}",
            f"{{name: H. Patel, agency: Northvale County Council, role: '{long_role}'}}",
        ),
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if k != "MSHT_BANKS"}
    env.update({"PROMPT_TOOLKIT_NO_CPR": "1", "TERM": "xterm", "NO_COLOR": "1"})
    child = pexpect.spawn(
        msht_command()[0],
        ["assess", "n-2027.msht.yaml", "--from", old.name],
        cwd=str(tmp_path),
        env=env,
        dimensions=(ROWS, COLS),
        timeout=15,
    )
    try:
        screen = Screen(child)
        screen.settle("Are these details right")
        child.send("\r")
        shown = screen.settle("taking part this year")
        asked = [line for line in shown if "taking part this year" in line]
        assert asked and asked[-1].startswith("? Is H. Patel taking part this year?"), shown
        assert not _words_whole(shown), shown
        child.send("\r")
        shown = screen.settle("name of person 2")
        assert not _words_whole(shown), shown
    finally:
        child.terminate(force=True)
