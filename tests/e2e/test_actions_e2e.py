"""`msht actions` in a real pseudo-terminal: agree one, drop one with a reason, quit, and
check the file; kill -9 mid-way loses only the decision being typed; Ctrl-C exits 130."""

from __future__ import annotations

import signal
from pathlib import Path

import pexpect

from msht_toolkit.assessment.reading import load_assessment

from .conftest import MINI, Term

FILE = """\
schema: msht-assessment/1
partnership: Midshire Anti-Slavery Partnership
period: 2026/27
assessed_on: 2027-03-14
banks: {mini: "1.0"}
answers:
  MINI-LEAD-01: {value: 0}
  MINI-LEAD-02: {value: "no"}
  MINI-DAT-01: {value: 5}
"""


def make_file(folder: Path) -> Path:
    path = folder / "midshire.msht.yaml"
    path.write_text(FILE, encoding="utf-8")
    path.chmod(0o600)
    return path


def plan_of(path: Path) -> dict:
    return {
        qid: (e.owner, e.due, e.status, e.reason) for qid, e in load_assessment(path).plan.items()
    }


AGREED = {"MINI-LEAD-01": ("Midshire Police", "2027-09-30", "agreed", None)}


def agree_first(t: Term) -> None:
    t.expect("Recommendation 1 of 2")
    t.expect("What does the partnership decide")
    t.expect("Quit")
    t.sendline("a")
    t.expect("Who will own this step")
    t.sendline("Midshire Police")
    t.expect("By when")
    t.sendline("2027-09-30")
    t.expect("Saved MINI-LEAD-01")


def test_agree_one_drop_one_then_the_end(term, tmp_path: Path) -> None:
    path = make_file(tmp_path)
    t = term("actions", str(path), "--bank", str(MINI))
    agree_first(t)
    assert plan_of(path) == AGREED  # on disk before the next screen
    t.expect("Recommendation 2 of 2")
    t.expect("Quit")
    t.sendline("x")
    t.expect("Why is it dropped")
    t.sendline("Covered by the regional team")
    t.expect("Saved MINI-LEAD-02")
    t.expect("Of 2 recommendations: 1 agreed, 1 dropped")
    assert t.finish() == 0
    assert plan_of(path) == AGREED | {
        "MINI-LEAD-02": (None, None, "dropped", "Covered by the regional team")
    }


def test_quit_after_one_then_plain_resumes_at_the_next(term, tmp_path: Path) -> None:
    path = make_file(tmp_path)
    t = term("actions", str(path), "--bank", str(MINI))
    agree_first(t)
    t.expect("Recommendation 2 of 2")
    t.expect("Quit")
    t.sendline("q")
    t.expect("To carry on, run: msht actions")
    assert t.finish() == 0
    assert plan_of(path) == AGREED
    again = term("actions", str(path), "--bank", str(MINI), "--plain")
    again.expect("Recommendation 2 of 2")
    again.expect("Type the letter of your choice")
    again.sendline("q")
    assert again.finish() == 0


def test_kill_9_while_typing_a_reason_loses_only_that_decision(term, tmp_path: Path) -> None:
    path = make_file(tmp_path)
    t = term("actions", str(path), "--bank", str(MINI))
    agree_first(t)
    t.expect("Recommendation 2 of 2")
    t.expect("Quit")
    t.sendline("d")
    t.expect("Why is it deferred")
    t.send("After the restr")  # half typed
    t.child.kill(signal.SIGKILL)
    t.child.expect(pexpect.EOF)
    t.child.close()
    assert t.child.signalstatus == signal.SIGKILL
    assert plan_of(path) == AGREED
    # no stale lock: another writer can start at once
    again = term("actions", str(path), "--bank", str(MINI))
    again.expect("Recommendation 2 of 2")
    again.expect("Quit")
    again.sendline("q")
    assert again.finish() == 0


def test_ctrl_c_saves_and_exits_130(term, tmp_path: Path) -> None:
    path = make_file(tmp_path)
    t = term("actions", str(path), "--bank", str(MINI))
    agree_first(t)
    t.expect("Recommendation 2 of 2")
    t.expect("Quit")
    t.send("\x03")
    t.expect("Every decision so far is saved")
    assert t.finish() == 130
    assert plan_of(path) == AGREED
