"""The installed `msht assess` in a real pseudo-terminal: walk, back, help, Ctrl-C, kill -9.

After each step the file on disk is loaded and checked the way `msht score` would.
"""

from __future__ import annotations

import os
import re
import shlex
import signal
import stat
from pathlib import Path

import pexpect
import pytest
import yaml

from .conftest import MINI, load, values, wait_for

pytestmark = pytest.mark.e2e

DOWN = "\x1b[B"
CTRL_C = "\x03"


def profile_file(
    folder: Path, answers: dict | None = None, banks: dict | None = None, **extra
) -> Path:
    data = {
        "schema": "msht-assessment/1",
        "partnership": "Midshire Anti-Slavery Partnership",
        "area": "Midshire",
        "period": "2026/27",
        "assessed_on": "2027-03-14",
        "banks": banks or {"mini": "1.0"},
        "participants": [{"name": "A. Lead", "agency": "Midshire Police", "role": "DCI"}],
        "answers": answers or {},
        **extra,
    }
    path = folder / "m.msht.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    os.chmod(path, 0o600)
    return path


MINI_ARGS = ("--bank", str(MINI), "--bank", "mini")


def test_new_file_full_walk_of_one_bank(term, tmp_path):
    t = term("assess", "m.msht.yaml", *MINI_ARGS)
    path = tmp_path / "m.msht.yaml"
    t.expect("name of the partnership")
    t.sendline("Midshire Anti-Slavery Partnership")
    t.expect("Which area")
    t.sendline("Midshire")
    t.expect("How many people live in Midshire")
    t.sendline("11OO000")  # letter O for zero: refused, asked again
    t.expect("Please type the number of residents as a whole number")
    t.send("\x15")  # Ctrl-U clears the line
    t.sendline("1100000")
    t.expect("reporting period")
    t.sendline("")  # default
    t.expect("what date")
    t.sendline("")  # today
    t.expect("name of person 1")
    t.sendline("A. Lead")
    t.expect("Which agency is A. Lead from")
    t.sendline("Midshire Police")
    t.expect("role")
    t.sendline("DCI, MSHT lead")
    t.expect("name of person 2")
    t.sendline("")
    t.expect("Which agency is answering now")
    t.sendline("")  # the only agency named
    assert wait_for(lambda: path.exists())
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load(path).participants[0].role == "DCI, MSHT lead"
    assert load(path).population == 1_100_000

    # a new file shows the menu first: the banks with progress, then one Enter starts
    t.expect("Menu: Midshire Anti-Slavery Partnership")
    t.expect("0 of 4 questions answered, in 1 bank.")
    t.expect(r"Start at the first question \(MINI-LEAD-01, Mini test bank\)")
    t.expect("Mini test bank: 0 of 4 answered, not rated yet")
    t.expect("Save and quit")
    assert values(path) == {}
    t.send("\r")
    t.expect("Mini test bank > Leadership")
    t.expect("Question 1 of 4")  # MINI-LEAD-03 is hidden until LEAD-02 is yes
    t.answer("MINI-LEAD-01", "2", note="Lead named [/] in ToR", evidence="ToR v3; Minutes")
    assert wait_for(lambda: values(path) == {"MINI-LEAD-01": 2})
    t.answer("MINI-LEAD-02", "y")
    assert wait_for(lambda: values(path)["MINI-LEAD-02"] == "yes")
    t.expect("Question 3 of 5")  # LEAD-03 now applies, live
    t.answer("MINI-LEAD-03", "2")  # options are numbered from 0: 2 is the third
    t.question("MINI-DAT-01")
    t.send("\r")  # "Type the number"
    t.expect("Type the number for MINI-DAT-01")
    t.sendline("42")
    t.expect("Type a note")
    t.sendline("")
    t.expect("List any evidence")
    t.sendline("")
    t.question("MINI-DAT-02")
    t.send("\r")
    t.expect("Type the answer for MINI-DAT-02")
    t.sendline("Health data is not shared")
    t.expect("Type a note")
    t.sendline("")
    t.expect("List any evidence")
    t.sendline("")
    t.expect("Review before finishing")
    t.expect("Nothing to review")
    t.expect("Save and quit")
    t.send(DOWN + "\r")
    t.expect("To carry on later, run: msht assess m.msht.yaml")
    assert t.finish() == 0
    a = load(path)
    assert values(path) == {
        "MINI-LEAD-01": 2,
        "MINI-LEAD-02": "yes",
        "MINI-LEAD-03": "monthly",
        "MINI-DAT-01": 42,
        "MINI-DAT-02": "Health data is not shared",
    }
    first = a.answers["MINI-LEAD-01"]
    assert first.note == "Lead named [/] in ToR" and first.evidence == ["ToR v3", "Minutes"]
    assert {x.by for x in a.answers.values()} == {"Midshire Police"}
    assert all(x.at for x in a.answers.values())
    assert a.banks == {"mini": "1.0"}


def test_new_assessment_on_all_banks_shows_the_menu_before_the_first_question(term, tmp_path):
    """The walk: profile, then the bank/section menu with progress; Enter starts."""
    from msht_toolkit.banks.registry import load_bankset

    banks = load_bankset([], environ={}).newest()
    path = tmp_path / "all.msht.yaml"
    t = term("assess", path.name, "--plain", "--agency", "Midshire Police")
    for prompt, reply in (
        ("name of the partnership", "Westvale Anti-Slavery Partnership"),
        ("Which area", ""),
        ("How many people live in the area", ""),
        ("reporting period", ""),
        ("what date", ""),
        ("name of person 1", ""),
    ):
        t.expect(prompt)
        t.sendline(reply)
    t.expect("Menu: Westvale Anti-Slavery Partnership")
    t.expect(f"0 of \\d+ questions answered, in {len(banks)} banks\\.")
    first = next(iter(banks[0].questions())).id
    t.expect(f"1. Start at the first question \\({first}, ")
    for bank in banks:  # every bank with its progress
        t.expect(f"{re.escape(bank.title)}: 0 of \\d+ answered, not rated yet")
    t.expect("Press Enter alone for choice 1, Start at the first question")
    assert wait_for(lambda: path.exists())
    assert load(path, bank_paths=()).banks == {b.id: b.version for b in banks}
    t.sendline("")  # one Enter begins
    t.expect(f"What is the answer to {first}\\?")
    t.send(CTRL_C)
    assert t.finish() == 130


def test_back_and_change_an_answer(term, tmp_path):
    path = profile_file(tmp_path)
    t = term("assess", str(path), *MINI_ARGS, "--agency", "Midshire Police")
    t.answer("MINI-LEAD-01", "1")
    t.answer("MINI-LEAD-02", "y")
    t.question("MINI-LEAD-03")
    t.send("b\r")  # back to LEAD-02
    t.question("MINI-LEAD-02")
    t.send("b\r")  # back to LEAD-01, which shows its answer
    t.expect("Current answer: Level 1")
    t.answer("MINI-LEAD-01", "3", note="Changed after discussion")
    assert wait_for(lambda: values(path)["MINI-LEAD-01"] == 3)
    t.answer("MINI-LEAD-02", "")  # Enter keeps "yes", the default
    t.question("MINI-LEAD-03")  # carries on where we were
    t.send(CTRL_C)
    assert t.finish() == 130
    a = load(path)
    assert a.answers["MINI-LEAD-01"].note == "Changed after discussion"
    assert values(path) == {"MINI-LEAD-01": 3, "MINI-LEAD-02": "yes"}


def test_help_dont_know_and_not_applicable(term, tmp_path):
    path = profile_file(tmp_path)
    t = term("assess", str(path), *MINI_ARGS, "--agency", "Midshire County Council")
    t.question("MINI-LEAD-01")
    t.send("h\r")
    t.expect("What good looks like: Good looks like a named lead with a deputy.")
    t.expect("Evidence to look for: Terms of reference naming the lead")
    t.expect("Press any key to go back to the question")  # time to read the help
    t.send(" ")
    t.expect("Question 1 of ")  # the question is shown again above its choices
    t.answer("MINI-LEAD-01", "d", note="Ask the police")  # asked again after help
    assert wait_for(lambda: values(path) == {"MINI-LEAD-01": "unknown"})
    t.answer("MINI-LEAD-02", "x")
    # LEAD-02 not applicable, so LEAD-03 (when LEAD-02 == yes) is skipped
    t.question("MINI-DAT-01")
    t.send(CTRL_C)
    assert t.finish() == 130
    a = load(path)
    assert values(path) == {"MINI-LEAD-01": "unknown", "MINI-LEAD-02": "na"}
    assert a.answers["MINI-LEAD-01"].by == "Midshire County Council"


def test_ctrl_c_saves_prints_resume_command_and_resume_continues(term, tmp_path):
    path = profile_file(tmp_path)
    t = term("assess", "m.msht.yaml", *MINI_ARGS, "--agency", "Midshire Police")
    t.answer("MINI-LEAD-01", "2")
    t.answer("MINI-LEAD-02", "y")
    t.question("MINI-LEAD-03")
    t.send("1\r")  # every quarter (options are numbered from 0)
    t.expect("Type a note")
    t.send("half typed")
    t.send(CTRL_C)  # at the note prompt: the note being typed is lost, not the choice
    t.expect("Every answer so far is saved")
    t.expect(r"To carry on, run: (msht assess [^\r\n]+)")
    command = t.child.match.group(1)
    assert t.finish() == 130
    assert command == f"msht assess m.msht.yaml --bank {shlex.quote(str(MINI))} --bank mini"
    assert values(path) == {"MINI-LEAD-01": 2, "MINI-LEAD-02": "yes", "MINI-LEAD-03": "quarterly"}
    assert load(path).answers["MINI-LEAD-03"].note is None

    t2 = term(*shlex.split(command)[1:], "--agency", "Midshire Police")
    t2.expect("Resuming at MINI-DAT-01")
    t2.question("MINI-DAT-01")
    t2.send("b\r")  # back to LEAD-03 to add the note
    t2.expect(r"Current answer: Every quarter")
    t2.answer("MINI-LEAD-03", "", note="Panel minutes")
    assert wait_for(lambda: load(path).answers["MINI-LEAD-03"].note == "Panel minutes")
    assert values(path)["MINI-LEAD-03"] == "quarterly"
    t2.question("MINI-DAT-01")
    t2.send(CTRL_C)
    assert t2.finish() == 130


def test_kill_9_mid_walk_keeps_every_chosen_answer(term, tmp_path):
    path = profile_file(tmp_path)
    t = term("assess", str(path), *MINI_ARGS, "--agency", "Midshire Police")
    t.answer("MINI-LEAD-01", "3", note="Confirmed")
    t.answer("MINI-LEAD-02", "y")
    t.question("MINI-LEAD-03")
    t.send("1\r")  # every quarter (options are numbered from 0)
    t.expect("Type a note")
    t.send("the note being typed")
    assert wait_for(lambda: "MINI-LEAD-03" in values(path))  # on disk before the note
    t.child.kill(signal.SIGKILL)
    t.child.expect(pexpect.EOF)
    t.child.close()
    assert t.child.signalstatus == signal.SIGKILL
    assert values(path) == {"MINI-LEAD-01": 3, "MINI-LEAD-02": "yes", "MINI-LEAD-03": "quarterly"}
    assert load(path).answers["MINI-LEAD-03"].note is None
    assert load(path).answers["MINI-LEAD-01"].note == "Confirmed"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_plain_mode_typed_keys_match_the_choices(term, tmp_path):
    path = profile_file(tmp_path)
    t = term("assess", str(path), *MINI_ARGS, "--plain")
    t.expect("Which agency is answering now?")
    t.expect("1. Midshire Police")  # no shortcut keys: numbered
    t.expect(
        "Type a number from 1 to 2 and press Enter. Press Enter alone for choice 1, Midshire Police."
    )
    t.sendline("")
    t.expect("What is the answer to MINI-LEAD-01?")
    t.expect("0. Basic first steps: No named lead.")
    t.expect("2. Substantial progress: A named lead agreed by most partners.")  # 2 is Level 2
    t.expect("h. Help: what good looks like")
    t.expect("Type the number or letter of your choice and press Enter.")
    t.sendline("4")
    t.expect(r"Please type one of 0, 1, 2, 3, h, d, x, s, b, r or m\.")
    t.sendline("2")
    t.expect("Type a note for this answer and press Enter, or press Enter alone to skip it.")
    t.sendline("Plain note")
    t.expect("List any evidence")
    t.sendline("")
    t.expect("Saved MINI-LEAD-01")
    assert wait_for(lambda: values(path) == {"MINI-LEAD-01": 2})
    t.expect("What is the answer to MINI-LEAD-02?")
    t.expect("y. Yes")
    t.expect("n. No")
    t.expect("Type the letter of your choice and press Enter.")
    t.sendline("N")  # No, typed in capitals
    t.expect("Type a note")
    t.sendline("")
    t.expect("List any evidence")
    t.sendline("")
    t.expect("What is the answer to MINI-DAT-01?")
    t.send(CTRL_C)
    t.expect("To carry on, run: msht assess")
    assert t.finish() == 130
    assert values(path) == {"MINI-LEAD-01": 2, "MINI-LEAD-02": "no"}
    log = (tmp_path / "terminal-0.log").read_text()
    assert "\x1b" not in log  # no colour, no cursor movement


def test_term_dumb_switches_to_plain_mode(term, tmp_path):
    path = profile_file(tmp_path)
    t = term("assess", str(path), *MINI_ARGS, "--agency", "Midshire Police", env={"TERM": "dumb"})
    t.expect("What is the answer to MINI-LEAD-01?")
    t.expect("Type the number or letter of your choice and press Enter.")
    t.send(CTRL_C)
    assert t.finish() == 130


def test_bundled_bank_first_questions(term, tmp_path):
    from msht_toolkit.banks.registry import load_bankset

    # the current bundled version, so the walk goes straight to its questions (an older
    # version would first offer to move the file onto the newest)
    current = load_bankset(environ={}).current["identification"].version
    path = profile_file(tmp_path, banks={"identification": current})
    t = term("assess", str(path), "--bank", "identification", "--agency", "Midshire Police")
    t.expect("Identification and referral")
    t.expect("Critical: a RED answer here makes the whole section RED.")
    t.answer("ID-NRM-01", "2", note="Pathway agreed by most partners")
    t.question("ID-NRM-02")
    t.send("1\r")  # the first option
    t.expect("Type a note")
    t.sendline("")
    t.expect("List any evidence")
    t.sendline("")
    t.question("ID-NRM-04")
    t.send(CTRL_C)
    assert t.finish() == 130
    got = values(path, bank_paths=())
    assert got["ID-NRM-01"] == 2
    assert isinstance(got["ID-NRM-02"], str)
    assert load(path, bank_paths=()).banks == {"identification": current}


def test_from_last_year_offers_answers_as_defaults(term, tmp_path):
    old = profile_file(
        tmp_path,
        answers={
            "MINI-LEAD-01": {"value": 1, "note": "Police only", "evidence": ["ToR v2"]},
            "MINI-LEAD-02": {"value": "no"},
        },
        period="2025/26",
    )
    old = old.rename(tmp_path / "midshire-2025.msht.yaml")
    new = tmp_path / "midshire-2026.msht.yaml"
    t = term("assess", new.name, "--from", old.name, *MINI_ARGS, "--agency", "Midshire Police")
    t.expect(r"Period: 2026/27 \(last year 2025/26\)")
    t.expect("Are these details right")
    t.send("y")
    t.expect(r"A. Lead: Midshire Police, DCI")
    t.expect(r"Is A. Lead taking part this year")
    t.send("y")
    t.expect("name of person 2")
    t.sendline("")
    t.expect("How do you want to walk")
    t.send("\r")  # every question, last year's answers as defaults
    t.expect(r"Last year's answer \(RED\): Level 1: A lead in one agency only.")
    t.answer("MINI-LEAD-01", "")  # Enter, Enter, Enter: confirmed as it was
    assert wait_for(lambda: values(new) == {"MINI-LEAD-01": 1})
    a = load(new)
    assert a.carried_from == "midshire-2025.msht.yaml"
    assert a.period == "2026/27"
    assert a.answers["MINI-LEAD-01"].note == "Police only"
    assert a.answers["MINI-LEAD-01"].evidence == ["ToR v2"]
    assert a.answers["MINI-LEAD-01"].by == "Midshire Police"
    t.question("MINI-LEAD-02")
    t.send(CTRL_C)
    assert t.finish() == 130
    assert values(new) == {"MINI-LEAD-01": 1}  # LEAD-02 not confirmed: not answered

    # resuming the new file still offers last year's answers
    t2 = term("assess", new.name, *MINI_ARGS, "--agency", "Midshire Police")
    t2.expect("How do you want to walk")
    t2.send("\r")
    t2.expect(r"Last year's answer \(RED\): No")
    t2.question("MINI-LEAD-02")
    t2.send(CTRL_C)
    assert t2.finish() == 130


def test_older_bank_version_offers_to_walk_new_and_changed_questions(term, tmp_path):
    text = MINI.read_text()
    text = text.replace('version: "1.0"', 'version: "2.0"')
    text = text.replace(
        "Is there a named partnership lead?", "Is there a named, trained partnership lead?"
    )
    text = text.replace(
        "  - id: data\n",
        "      - id: MINI-LEAD-04\n        text: Is the lead's deputy named?\n        type: yesno\n  - id: data\n",
    )
    v2 = tmp_path / "mini-2.yaml"
    v2.write_text(text)
    path = profile_file(
        tmp_path,
        answers={
            "MINI-LEAD-01": {"value": 2},
            "MINI-LEAD-02": {"value": "no"},
            "MINI-DAT-01": {"value": 5},
            "MINI-DAT-02": {"value": "None"},
        },
    )
    banks = (MINI, v2)
    t = term(
        "assess", str(path), "--bank", str(MINI), "--bank", str(v2), "--agency", "Midshire Police"
    )
    t.expect("Newer question banks are available")
    t.expect("version 1.0; the newest is 2.0")
    t.expect("New questions: MINI-LEAD-04")
    t.expect("Changed questions: MINI-LEAD-01")
    t.expect("walk just the new or changed questions")
    t.send("y")
    t.expect("CHANGED since the earlier bank version")
    t.expect("Current answer: Level 2")
    t.answer("MINI-LEAD-01", "")  # confirm as it stands
    t.expect("NEW question in mini version 2.0")
    t.answer("MINI-LEAD-04", "y")
    t.expect("That is the end of this walk.")
    t.expect("Review before finishing")
    t.expect("Save and quit")
    t.send(DOWN + "\r")
    assert t.finish() == 0
    a = load(path, bank_paths=banks)
    assert a.banks == {"mini": "2.0"}
    assert values(path, bank_paths=banks)["MINI-LEAD-04"] == "yes"
    assert a.answers["MINI-LEAD-01"].review is False  # confirmed, so no longer flagged
    assert values(path, bank_paths=banks)["MINI-DAT-01"] == 5  # unchanged answers kept


def test_no_terminal_refused(tmp_path):
    import subprocess

    from .conftest import msht_command

    result = subprocess.run(
        [*msht_command(), "assess", str(tmp_path / "m.msht.yaml")],
        stdin=subprocess.PIPE,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert re.fullmatch(r"[^\n]*needs a terminal[^\n]*\n", result.stderr)
    assert not (tmp_path / "m.msht.yaml").exists()


def test_ctrl_c_during_the_profile_writes_nothing(term, tmp_path):
    t = term("assess", "new.msht.yaml", *MINI_ARGS)
    t.expect("name of the partnership")
    t.send("Midshire")
    t.send(CTRL_C)
    t.expect("nothing was written")
    assert t.finish() == 130
    assert not (tmp_path / "new.msht.yaml").exists()


def test_number_outside_min_and_max_is_asked_again_with_the_range(term, tmp_path):
    """A bank's min / max refuse a value in the walk, which asks again."""
    percent = MINI.parent / "percent-bank.yaml"
    path = profile_file(tmp_path, banks={"shares": "2027.1"})
    t = term("assess", str(path), "--bank", str(percent), "--agency", "Midshire Police")
    t.question("SH-STA-01")
    t.send("\r")  # "Type the number"
    t.expect(r"Type the number \(from 0 to 100 percent\) for SH-STA-01")
    t.sendline("150")
    t.expect("Please type a number from 0 to 100 percent.")
    t.send("\x7f" * 3 + "-5\r")  # refused too: had it been taken, "64" would be the note
    assert t.expect(["Type a note", pexpect.TIMEOUT], timeout=1) == 1
    assert values(path, (percent,)) == {}  # nothing out of range reached the file
    t.send("\x7f" * 2 + "64\r")
    t.expect("Type a note")
    t.sendline("")
    t.expect("List any evidence")
    t.sendline("")
    t.expect("Saved SH-STA-01: 64 percent")
    assert wait_for(lambda: values(path, (percent,)) == {"SH-STA-01": 64})
    t.question("SH-STA-02")
    t.send(CTRL_C)
    assert t.finish() == 130
