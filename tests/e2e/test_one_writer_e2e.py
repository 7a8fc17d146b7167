"""One writer at a time, with real processes: a running walk in a
pseudo-terminal holds its file; a second walk, `--answers` and `merge -o` are refused at
once; kill -9 leaves no stale lock; a file changed under a walk is never overwritten.
"""

from __future__ import annotations

import re
import signal
import subprocess
import time
from pathlib import Path

import pexpect
import pytest
import yaml

from .conftest import MINI, load, msht_command, values, wait_for
from .test_walk_e2e import MINI_ARGS, profile_file

pytestmark = pytest.mark.e2e

HELD = re.compile(
    r"msht: m\.msht\.yaml: is being written by pid (\d+), user \S+ on \S+, "
    r"msht assess \(the walk\), since \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC; "
    r"msht will not write it at the same time \(try again when that has finished\)"
)


def run(*args: str, cwd: Path, timeout: float = 20) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*msht_command(), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def walking(term, path: Path):
    """A walk on ``path`` at its first question, holding the file."""
    t = term("assess", path.name, *MINI_ARGS, "--agency", "Midshire Police")
    t.answer("MINI-LEAD-01", "2", note="Lead named")
    assert wait_for(lambda: values(path) == {"MINI-LEAD-01": 2})
    t.question("MINI-LEAD-02")
    return t


def test_second_walk_is_refused_at_once_with_who_holds_it(term, tmp_path):
    path = profile_file(tmp_path)
    first = walking(term, path)
    before = path.read_bytes()

    started = time.monotonic()
    second = term("assess", path.name, *MINI_ARGS, "--agency", "Midshire County Council")
    second.expect(HELD, timeout=10)
    pid = int(second.child.match.group(1))
    refusal = second.child.match.group(0)
    assert second.finish() == 2
    assert time.monotonic() - started < 8  # refused at once, not after waiting
    assert pid == first.child.pid
    # one line, the refusal, and nothing asked first
    second.child.logfile_read.flush()
    shown = (tmp_path / "terminal-1.log").read_text(encoding="utf-8")
    assert [ln for ln in shown.replace("\r", "").split("\n") if ln.strip()] == [refusal]
    assert path.read_bytes() == before

    # the first walk carries on and saves as before
    first.send("y\r")
    first.expect("Type a note")
    first.sendline("")
    first.expect("List any evidence")
    first.sendline("")
    assert wait_for(lambda: values(path) == {"MINI-LEAD-01": 2, "MINI-LEAD-02": "yes"})
    first.question("MINI-LEAD-03")
    first.send("\x03")
    assert first.finish() == 130
    # released on exit: no lock file is left beside the assessment
    assert not (tmp_path / ".m.msht.yaml.lock").exists()


def test_answers_and_merge_are_refused_while_a_walk_holds_the_file(term, tmp_path):
    path = profile_file(tmp_path)
    first = walking(term, path)
    before = path.read_bytes()
    answers = tmp_path / "answers.yaml"
    answers.write_text("MINI-LEAD-02: no\n", encoding="utf-8")

    filled = run("assess", path.name, "--answers", answers.name, "--bank", str(MINI), cwd=tmp_path)
    assert filled.returncode == 2
    assert re.fullmatch(
        r"msht: m\.msht\.yaml: is being written by pid \d+, [^\n]*msht assess \(the walk\)[^\n]*\n",
        filled.stderr,
    )
    assert path.read_bytes() == before

    # merge -o onto the held file: merge takes the lock first, so it says who holds it
    agency = tmp_path / "agency.msht.yaml"
    agency.write_bytes(before)
    merged = run(
        "merge", agency.name, "-o", path.name, "--bank", str(MINI), "--force", cwd=tmp_path
    )
    assert merged.returncode == 2
    assert "is being written by pid" in merged.stderr
    assert len(merged.stderr.strip().splitlines()) == 1
    assert path.read_bytes() == before

    first.child.kill(signal.SIGKILL)
    first.child.expect(pexpect.EOF)


def test_kill_9_leaves_no_stale_lock(term, tmp_path):
    path = profile_file(tmp_path)
    first = walking(term, path)
    first.child.kill(signal.SIGKILL)
    first.child.expect(pexpect.EOF)
    first.child.close()
    assert first.child.signalstatus == signal.SIGKILL
    # the side file may be left with the dead walk's name in it: it locks nothing
    answers = tmp_path / "answers.yaml"
    answers.write_text("MINI-LEAD-02: yes\n", encoding="utf-8")
    filled = run("assess", path.name, "--answers", answers.name, "--bank", str(MINI), cwd=tmp_path)
    assert filled.returncode == 0, filled.stderr
    assert values(path) == {"MINI-LEAD-01": 2, "MINI-LEAD-02": "yes"}
    # and a new walk takes the file too
    again = term("assess", path.name, *MINI_ARGS, "--agency", "Midshire Police")
    again.answer("MINI-LEAD-03", "2")  # options are numbered from 0
    assert wait_for(lambda: values(path).get("MINI-LEAD-03") == "monthly")
    again.question("MINI-DAT-01")
    again.send("\x03")
    assert again.finish() == 130


def test_file_changed_under_a_walk_is_not_overwritten(term, tmp_path):
    path = profile_file(tmp_path)
    first = walking(term, path)
    # another program (an editor, a sync client) rewrites the file under the walk
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["answers"]["MINI-DAT-01"] = {"value": 7, "note": "typed in an editor"}
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    edited = path.read_bytes()

    first.send("y\r")  # the pending answer: its save finds the file changed
    first.expect(
        r"m\.msht\.yaml: was changed by another program during the walk, so msht stopped "
        r"without overwriting it; this walk's unsaved answers are in (\S+\.yaml)"
    )
    side = tmp_path / first.child.match.group(1)
    assert first.finish() == 2
    assert path.read_bytes() == edited  # never overwritten
    assert side.parent == tmp_path
    assert re.fullmatch(r"m\.msht\.unsaved-\d{8}-\d{6}\.yaml", side.name)
    assert side.stat().st_mode & 0o777 == 0o600
    kept = load(side)
    assert kept.answers["MINI-LEAD-02"].value == "yes"  # the answer it could not save
    assert kept.answers["MINI-LEAD-01"].note == "Lead named"
    assert not (tmp_path / ".m.msht.yaml.lock").exists()
