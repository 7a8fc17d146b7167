"""The one-writer lock: refused at once with who holds it, dies with its process, no races."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from msht_toolkit.assessment import lock as lockmod
from msht_toolkit.assessment.lock import FileLockedError, lock_path_for, writer_lock

HOLD = textwrap.dedent(
    """
    import sys, time
    from msht_toolkit.assessment.lock import writer_lock
    with writer_lock(sys.argv[1], "msht sign"):
        print("held", flush=True)
        time.sleep(60)
    """
)


@pytest.fixture
def holder():
    children: list[subprocess.Popen[str]] = []

    def start(path: Path) -> subprocess.Popen[str]:
        child = subprocess.Popen(
            [sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE, text=True
        )
        assert child.stdout is not None and child.stdout.readline() == "held\n"
        children.append(child)
        return child

    yield start
    for child in children:
        child.kill()
        child.wait()


def test_second_writer_is_refused_with_who_holds_it(tmp_path: Path, holder):
    path = tmp_path / "m.msht.yaml"
    child = holder(path)
    with pytest.raises(FileLockedError) as caught:
        with writer_lock(path, "msht assess"):
            pytest.fail("two writers")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{path}: is being written by pid {child.pid}, user ")
    assert f"on {os.uname().nodename}, msht sign, since 20" in message
    assert caught.value.exit_code == 2


def test_lock_dies_with_its_process_and_a_left_side_file_is_taken_over(tmp_path: Path, holder):
    path = tmp_path / "m.msht.yaml"
    child = holder(path)
    child.kill()  # SIGKILL: no clean-up ran
    child.wait()
    assert lock_path_for(path).exists()  # left behind, naming the dead process
    with writer_lock(path, "msht assess") as held:
        record = json.loads(held.lock_path.read_text(encoding="utf-8"))
        assert record["pid"] == os.getpid() and record["purpose"] == "msht assess"
    assert not lock_path_for(path).exists()  # removed on release


def test_released_lock_can_be_taken_again_and_leaves_nothing(tmp_path: Path):
    path = tmp_path / "m.msht.yaml"
    for _ in range(3):
        with writer_lock(path, "msht assess"):
            assert lock_path_for(path).name == ".m.msht.yaml.lock"
    assert list(tmp_path.iterdir()) == []


def test_a_symbolic_link_shares_the_lock_of_its_target(tmp_path: Path, holder):
    real = tmp_path / "real.msht.yaml"
    real.write_text("schema: msht-assessment/1\n", encoding="utf-8")
    link = tmp_path / "link.msht.yaml"
    link.symlink_to(real)
    assert lock_path_for(link) == lock_path_for(real)
    holder(real)
    with pytest.raises(FileLockedError) as caught:
        with writer_lock(link, "msht assess"):
            pass
    assert str(caught.value).startswith(f"{link}: is being written by")


def test_a_side_file_removed_after_it_was_opened_is_not_trusted(tmp_path: Path, monkeypatch):
    # The holder before us removed the side file between our open and our lock: we
    # must not hold a lock on a file no longer in the folder (a third process could
    # create and lock a new one); we start again on the new one.
    path = tmp_path / "m.msht.yaml"
    real_try = lockmod._try_lock
    calls = []

    def racing_try(fd: int) -> bool:
        if not calls:
            os.unlink(lock_path_for(path))  # the previous holder's release
        calls.append(fd)
        return real_try(fd)

    monkeypatch.setattr(lockmod, "_try_lock", racing_try)
    with writer_lock(path, "msht assess") as held:
        assert len(calls) == 2
        assert os.stat(held.lock_path).st_ino == os.fstat(calls[-1]).st_ino


def test_a_lock_file_that_is_a_symbolic_link_is_refused(tmp_path: Path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    path = tmp_path / "m.msht.yaml"
    lock_path_for(path).symlink_to(victim)
    with pytest.raises(Exception) as caught:
        with writer_lock(path, "msht assess"):
            pass
    assert "cannot lock it for writing" in str(caught.value)
    assert victim.read_text(encoding="utf-8") == "keep me\n"


def test_a_missing_folder_is_one_line(tmp_path: Path):
    with pytest.raises(Exception) as caught:
        with writer_lock(tmp_path / "nope" / "m.msht.yaml", "msht assess"):
            pass
    assert "cannot lock it for writing" in str(caught.value)
    assert "\n" not in str(caught.value)
