"""The walk stopped at the note and evidence prompts: by kill -9, SIGTERM or SIGHUP.

A note is on disk as soon as it is entered, evidence likewise; SIGTERM and SIGHUP
save, print the resume hint and exit 130 like Ctrl-C.
"""

from __future__ import annotations

import signal

import pexpect
import pytest

from .conftest import load, values, wait_for
from .test_walk_e2e import MINI_ARGS, profile_file

pytestmark = pytest.mark.e2e


def at_evidence_prompt(term, tmp_path, note: str):
    path = profile_file(tmp_path)
    t = term("assess", path.name, *MINI_ARGS, "--agency", "Midshire Police")
    t.answer("MINI-LEAD-01", "2")
    t.question("MINI-LEAD-02")
    t.send("y\r")
    t.expect("Type a note")
    t.sendline(note)
    t.expect("List any evidence")
    return path, t


def killed(t, sig: int) -> None:
    t.child.kill(sig)
    t.child.expect(pexpect.EOF)
    t.child.close()


def test_note_entered_then_kill_9_at_the_evidence_prompt_is_on_disk(term, tmp_path):
    path, t = at_evidence_prompt(term, tmp_path, "Panel meets monthly")
    assert wait_for(lambda: load(path).answers["MINI-LEAD-02"].note == "Panel meets monthly")
    t.send("the evidence being typed")
    killed(t, signal.SIGKILL)
    assert t.child.signalstatus == signal.SIGKILL
    answer = load(path).answers["MINI-LEAD-02"]
    assert (answer.value, answer.note, answer.evidence) == ("yes", "Panel meets monthly", [])


def test_evidence_entered_then_kill_9_at_the_next_question_is_on_disk(term, tmp_path):
    path, t = at_evidence_prompt(term, tmp_path, "")
    t.sendline("Minutes; Terms of reference")
    t.expect("Saved MINI-LEAD-02")
    killed(t, signal.SIGKILL)
    assert load(path).answers["MINI-LEAD-02"].evidence == ["Minutes", "Terms of reference"]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_sigterm_and_sighup_save_and_exit_130_like_ctrl_c(term, tmp_path, sig):
    path, t = at_evidence_prompt(term, tmp_path, "Agreed at the board")
    t.send("half typed")
    t.child.kill(sig)
    t.expect("Every answer so far is saved in m.msht.yaml")
    t.expect("To carry on, run: msht assess m.msht.yaml")
    t.child.expect(pexpect.EOF)
    t.child.close()
    assert t.child.exitstatus == 130
    assert values(path) == {"MINI-LEAD-01": 2, "MINI-LEAD-02": "yes"}
    assert load(path).answers["MINI-LEAD-02"].note == "Agreed at the board"
    assert not (tmp_path / ".m.msht.yaml.lock").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_sigterm_at_a_question_saves_and_exits_130(term, tmp_path):
    path = profile_file(tmp_path)
    t = term("assess", path.name, *MINI_ARGS, "--agency", "Midshire Police")
    t.answer("MINI-LEAD-01", "3", note="Lead and deputy")
    t.question("MINI-LEAD-02")
    t.child.kill(signal.SIGTERM)
    t.expect("Every answer so far is saved")
    t.child.expect(pexpect.EOF)
    t.child.close()
    assert t.child.exitstatus == 130
    assert values(path) == {"MINI-LEAD-01": 3}
    assert load(path).answers["MINI-LEAD-01"].note == "Lead and deputy"


def test_carried_from_naming_a_fifo_does_not_hang_the_walk(term, tmp_path):
    import os

    os.mkfifo(tmp_path / "last-year.msht.yaml")
    path = profile_file(tmp_path, carried_from="last-year.msht.yaml")
    t = term("assess", path.name, *MINI_ARGS, "--agency", "Midshire Police")
    t.expect("Last year's answers cannot be shown as defaults:", timeout=10)
    t.expect("last-year.msht.yaml: is not a regular file")
    t.answer("MINI-LEAD-01", "1")
    assert wait_for(lambda: values(path) == {"MINI-LEAD-01": 1})
    t.question("MINI-LEAD-02")
    t.send("\x03")
    assert t.finish() == 130
