"""The walk in a real pseudo-terminal on hostile files: no escape sequence gets through.

The bank and the assessment carry screen clears, window titles, an OSC 52 clipboard
write, their 8-bit C1 forms and a right-to-left override in every text field
(``tests/hostile.py``). prompt_toolkit moves the cursor with its own CSI sequences, so
the check is for the injected payloads themselves, and for their visible forms (the
text is shown, not hidden).
"""

from __future__ import annotations

import re
from pathlib import Path

import hostile
import pytest

from .conftest import load

pytestmark = pytest.mark.e2e

DOWN = "\x1b[B"
CTRL_C = "\x03"
VISIBLE_CLIPBOARD = "␛]52;c;cm0gLXJmIH4="


def hostile_files(folder: Path) -> tuple[Path, Path]:
    bank = hostile.write(folder / "hostile.yaml", hostile.bank_data())
    return bank, hostile.write(folder / "h.msht.yaml", hostile.assessment_data())


def assert_nothing_injected(folder: Path, log_index: int = 0) -> str:
    log = (folder / f"terminal-{log_index}.log").read_text(encoding="utf-8")
    for payload in hostile.INJECTED:
        assert payload not in log, f"{payload!r} reached the terminal"
    assert not re.search("[\x80-\x9f\u202a-\u202e\u2066-\u2069]", log)
    assert VISIBLE_CLIPBOARD in log  # shown, visibly, not hidden
    return log


def test_walk_shows_hostile_text_visibly_and_keeps_it_in_the_file(term, tmp_path):
    bank, path = hostile_files(tmp_path)
    t = term("assess", str(path), "--bank", str(bank), "--agency", "Midshire Police")
    t.question("HX-DAT-03")  # resumes at the one unanswered question
    for qid in ("HX-DAT-02", "HX-DAT-01", "HX-LEAD-03", "HX-LEAD-02", "HX-LEAD-01"):
        t.send("b\r")  # back through every kind of question, each with its answer shown
        t.question(qid)
    t.send("h\r")  # help: what good looks like, evidence
    t.expect("What good looks like: Question help")
    t.expect("Evidence to look for: Question evidence")
    t.expect("Press any key")
    t.send(" ")
    t.question("HX-LEAD-01")
    t.send("2\r")
    t.expect("Type a note")
    t.sendline("")  # Enter keeps the note as it is
    t.expect("List any evidence")
    t.sendline("")
    t.expect("Saved HX-LEAD-01")
    t.question("HX-LEAD-02")
    t.send("m\r")
    t.expect("Save and quit")
    t.send(DOWN * 3 + "\r")  # past the bank and the figures: Review before finishing
    t.expect("Which item do you want to look at")
    t.expect("Back to the menu")
    t.send(CTRL_C)
    assert t.finish() == 130

    assert_nothing_injected(tmp_path)
    answer = load(path, (bank,)).answers["HX-LEAD-01"]
    assert answer.value == 2
    assert answer.note == hostile.h("Note by Midshire Police")  # the file's text, unchanged


def test_plain_walk_writes_no_escape_at_all(term, tmp_path):
    bank, path = hostile_files(tmp_path)
    t = term("assess", str(path), "--bank", str(bank), "--agency", "Midshire Police", "--plain")
    t.expect("What is the answer to HX-DAT-03?")
    for qid in ("HX-DAT-02", "HX-DAT-01", "HX-LEAD-03", "HX-LEAD-02", "HX-LEAD-01"):
        t.sendline("b")
        t.expect(f"What is the answer to {qid}\\?")
    t.sendline("h")
    t.expect("What good looks like: Question help")
    t.expect("What is the answer to HX-LEAD-01?")
    t.sendline("2")
    t.expect(r"The current entry is: Note by\s+Midshire\s+Police\s+␛")  # wrapped to the width
    t.sendline("")
    t.expect("List any evidence")
    t.sendline("")
    t.expect("Saved HX-LEAD-01")
    t.send(CTRL_C)
    assert t.finish() == 130

    log = assert_nothing_injected(tmp_path)
    assert "\x1b" not in log  # plain mode: no colour, no cursor movement, nothing else
    assert not hostile.unsafe_in(log.replace("\r", ""))
    assert load(path, (bank,)).answers["HX-LEAD-01"].note == hostile.h("Note by Midshire Police")


def test_next_year_from_a_hostile_file_shows_its_profile_visibly(term, tmp_path):
    bank, old = hostile_files(tmp_path)
    t = term("assess", "next.msht.yaml", "--from", str(old), "--bank", str(bank))
    t.expect("Are these details right")
    t.send("\r")
    # a participant's name, agency and role, in the prompt itself ("Confirm who is taking
    # part this year." is printed before it: a Ctrl-C sent then could be lost in between)
    t.expect(r"part this year\? ")  # the question's last line (a long name wraps it)
    t.send(CTRL_C)
    assert t.finish() == 130
    log = assert_nothing_injected(tmp_path)
    assert "A. Lead ␛[2J" in log


def test_actions_walk_on_a_hostile_file_shows_its_text_visibly(term, tmp_path):
    bank, path = hostile_files(tmp_path)
    t = term("actions", str(path), "--bank", str(bank))
    t.expect("Action do ␛")  # the recommended action, shown visibly
    t.expect(r"\? ")  # its question
    t.send(CTRL_C)
    assert t.finish() == 130
    assert_nothing_injected(tmp_path)
