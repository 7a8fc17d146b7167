"""Helpers to run the installed `msht` in a real pseudo-terminal with pexpect.

Every test works in its own tmp folder, checks the file on disk after each step, and
keeps to a few seconds: small custom banks live in ``tests/e2e/data/``.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pexpect
import pytest

DATA = Path(__file__).resolve().parent / "data"
MINI = DATA / "mini-bank.yaml"
# A shell that starts a job in the background without job control (`cmd &` in a script)
# starts it with SIGINT ignored, and every process it spawns inherits that: a plain-mode
# walk (input()) would then never see the Ctrl-C these tests type. The tests are about a
# user at a terminal, whose Ctrl-C is delivered, so they run as one.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

TIMEOUT = 20  # generous: a loaded 2-core machine draws the all-banks menu slowly


def msht_command() -> list[str]:
    installed = Path(sys.executable).parent / "msht"
    if installed.exists():
        return [str(installed)]
    found = shutil.which("msht")
    return [found] if found else [sys.executable, "-m", "msht_toolkit"]


class Term:
    """One `msht` run in a pseudo-terminal, with the steps of the walk as methods."""

    def __init__(self, child: pexpect.spawn, folder: Path) -> None:
        self.child = child
        self.folder = folder

    def expect(self, pattern: Any, timeout: float = TIMEOUT) -> int:
        return self.child.expect(pattern, timeout=timeout)

    def send(self, text: str) -> None:
        self.child.send(text)

    def sendline(self, text: str = "") -> None:
        self.child.send(text + "\r")

    def question(self, qid: str) -> None:
        self.expect(f"What is the answer to {qid}\\?")
        self.expect("Back to the menu")  # the whole list is drawn

    def answer(self, qid: str, keys: str, note: str = "", evidence: str = "") -> None:
        """Answer the question on screen: choice keys + Enter, then note and evidence."""
        self.question(qid)
        self.send(keys + "\r")
        self.expect("Type a note")
        self.sendline(note)
        self.expect("List any evidence")
        self.sendline(evidence)
        self.expect(f"Saved {qid}")

    def finish(self) -> int:
        self.expect(pexpect.EOF)
        self.child.close()
        return (
            self.child.exitstatus if self.child.exitstatus is not None else -self.child.signalstatus
        )

    @property
    def text(self) -> str:
        return (self.child.before or "") + str(self.child.after or "")


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Callable[..., Term]]:
    children: list[pexpect.spawn] = []

    def start(
        *args: str, env: dict[str, str] | None = None, size: tuple[int, int] = (40, 120)
    ) -> Term:
        rows, cols = size
        environ = {k: v for k, v in os.environ.items() if k != "MSHT_BANKS"}
        environ.update(
            PROMPT_TOOLKIT_NO_CPR="1", NO_COLOR="1", TERM="xterm", COLUMNS=str(cols), LINES=str(rows)
        )
        environ.update(env or {})
        command = msht_command()
        child = pexpect.spawn(
            command[0],
            [*command[1:], *args],
            cwd=str(tmp_path),
            env=environ,
            dimensions=size,
            encoding="utf-8",
            timeout=TIMEOUT,
        )
        child.logfile_read = open(tmp_path / f"terminal-{len(children)}.log", "w")
        children.append(child)
        return Term(child, tmp_path)

    yield start
    for child in children:
        if child.isalive():
            child.kill(9)
        child.close(force=True)
        if child.logfile_read:
            child.logfile_read.close()


def wait_for(check: Callable[[], bool], timeout: float = 5.0) -> bool:
    """Poll until ``check()`` holds (the saver writes on a helper thread, within ms)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except Exception:
            pass
        time.sleep(0.02)
    return bool(check())


def values(path: Path, bank_paths: tuple[Path, ...] = (MINI,)) -> dict[str, Any]:
    """The answers on disk, after loading and checking the file as `msht score` does."""
    from msht_toolkit.assessment.check import check_answers
    from msht_toolkit.assessment.reading import load_assessment
    from msht_toolkit.banks.registry import load_bankset

    assessment = load_assessment(path)
    check_answers(assessment, load_bankset(list(bank_paths), environ={}))
    return {qid: a.value for qid, a in assessment.answers.items() if a.answered}


def load(path: Path, bank_paths: tuple[Path, ...] = (MINI,)) -> Any:
    from msht_toolkit.assessment.check import check_answers
    from msht_toolkit.assessment.reading import load_assessment
    from msht_toolkit.banks.registry import load_bankset

    assessment = load_assessment(path)
    check_answers(assessment, load_bankset(list(bank_paths), environ={}))
    return assessment
