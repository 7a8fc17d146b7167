"""One writer at a time: a lock on an assessment file that dies with its process.

Every command that writes an assessment holds ``writer_lock`` for as long as it may
write it: the walk (``assess``, new, resumed or ``--from``), ``assess --answers``,
``merge -o``, ``actions`` and ``sign``::

    from msht_toolkit.assessment.lock import writer_lock

    with writer_lock(path, "msht sign") as lock:
        ...                      # load, change, save_assessment(assessment, lock.path)

A second writer gets ``FileLockedError`` at once (no waiting); its one-line message
says who holds the file: process id, user, host, purpose and since when. The command
layer prints it and exits 2.

How it works, and why so:

- The lock is an ``flock`` on a side file next to the assessment, ``.<name>.lock``,
  never on the assessment itself: every save renames a new file over the assessment
  (atomic write), which gives it a new inode, and a lock on the old inode would no
  longer guard the name.
- The kernel drops an ``flock`` when its process ends, however it ends (``kill -9``, a
  lost SSH session): there is no stale lock to clear by hand. The pid and the rest
  written into the side file are only for the refusal message; a lock file left
  behind by a killed process is taken over by the next writer.
- A symbolic link is followed first: the lock (and every save) is on the file the
  link points to, so two links to one file share one lock.
- The holder removes the side file on release while it still holds the lock. A
  process that opened the side file just before it was removed would then hold a
  lock on a file no longer in the folder, while a third process creates and locks a
  new one; so after locking, a taker checks that the name still leads to the file it
  locked, and starts again if not. Removal can never race a new holder.
- ``flock`` also works on NFS (Linux maps it to NFS byte-range locks) and on SMB shares
  mounted by Linux; a folder whose file system takes no locks at all is reported as
  such, not silently written without one.
- Windows has no ``fcntl``: there the side file is locked with ``msvcrt.locking``
  (one byte, no waiting), which Windows also releases when the process ends; the side
  file is left in place there (an open file cannot be removed). This path is written
  to the same rules but is not exercised by the test suite, which runs on Linux.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from msht_toolkit.errors import FileLockedError, WriteError

__all__ = ["FileLockedError", "WriterLock", "lock_path_for", "writer_lock"]

_TRIES = 20  # times to start again when the side file was replaced under us


@dataclass(frozen=True)
class WriterLock:
    """A held lock: ``path`` is the file to write (symbolic links followed)."""

    path: Path
    lock_path: Path
    purpose: str


def target_of(path: Path | str) -> Path:
    """The file a write to ``path`` changes: symbolic links followed, made absolute."""
    return Path(os.path.realpath(os.path.expanduser(os.fspath(path))))


def lock_path_for(path: Path | str) -> Path:
    """The side file that carries the lock of ``path``: ``.<name>.lock`` beside its target."""
    target = target_of(path)
    return target.with_name(f".{target.name}.lock")


def _holder_record(purpose: str) -> dict[str, object]:
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment or the password database
        user = str(os.getuid()) if hasattr(os, "getuid") else "unknown"
    return {
        "pid": os.getpid(),
        "user": user,
        "host": socket.gethostname(),
        "purpose": purpose,
        "since": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
    }


def _describe_holder(raw: bytes) -> str:
    """'pid 123, user ann on host h, msht assess, since ...' from a side file's text."""
    try:
        info = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        info = None
    if not isinstance(info, dict):
        return "another msht process (it has not said who it is yet)"
    parts = []
    if isinstance(info.get("pid"), int):
        parts.append(f"pid {info['pid']}")
    user, host = info.get("user"), info.get("host")
    if isinstance(user, str) and isinstance(host, str):
        parts.append(f"user {user} on {host}")
    if isinstance(info.get("purpose"), str):
        parts.append(info["purpose"])
    if isinstance(info.get("since"), str):
        parts.append(f"since {info['since']}")
    text = ", ".join(parts) or "another msht process"
    # the side file is written by msht, but it sits in a shared folder: keep it one line
    return "".join(ch if ch.isprintable() else "?" for ch in text)[:300]


def _read_holder(fd: int) -> bytes:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 4096)
    except OSError:
        return b""


def _refusal(path: Path, fd: int) -> FileLockedError:
    who = _describe_holder(_read_holder(fd))
    return FileLockedError(
        f"{path}: is being written by {who}; msht will not write it at the same time "
        "(try again when that has finished)"
    )


if sys.platform == "win32":  # pragma: no cover - not run by the Linux test suite
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

    _REMOVE_ON_RELEASE = False

else:
    import errno
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EACCES):
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        except OSError:
            pass

    _REMOVE_ON_RELEASE = True


def _open_side_file(lock_path: Path) -> int:
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        # readable by all: it names who holds the file, nothing from the assessment
        return os.open(lock_path, flags, 0o644)
    except PermissionError:
        # someone else's side file: a read-only descriptor still takes an flock
        return os.open(lock_path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))


def _same_file(fd: int, lock_path: Path) -> bool:
    try:
        here = os.stat(lock_path, follow_symlinks=False)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (here.st_dev, here.st_ino) == (mine.st_dev, mine.st_ino)


def _acquire(shown: Path, lock_path: Path, purpose: str) -> int:
    for _ in range(_TRIES):
        try:
            fd = _open_side_file(lock_path)
        except OSError as exc:
            raise WriteError(
                f"{shown}: cannot lock it for writing ({lock_path.name}: {exc.strerror or exc})"
            ) from None
        try:
            locked = _try_lock(fd)
        except OSError as exc:
            os.close(fd)
            raise WriteError(
                f"{shown}: cannot lock it for writing: this folder's file system "
                f"takes no locks ({exc.strerror or exc})"
            ) from None
        if not locked:
            error = _refusal(shown, fd)
            os.close(fd)
            raise error
        if _REMOVE_ON_RELEASE and not _same_file(fd, lock_path):
            # the holder before us removed it after we opened it: take the new one
            os.close(fd)
            continue
        record = json.dumps(_holder_record(purpose)).encode("utf-8") + b"\n"
        try:
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, record)
        except OSError:
            pass  # a read-only side file: the lock holds, only the message is older
        return fd
    raise WriteError(f"{shown}: cannot lock it for writing: its lock file keeps changing")


def _release(fd: int, lock_path: Path) -> None:
    try:
        if _REMOVE_ON_RELEASE and _same_file(fd, lock_path):
            # removed while still locked, so no one can be holding it (see above)
            os.unlink(lock_path)
    except OSError:
        pass
    finally:
        _unlock(fd)
        os.close(fd)


@contextmanager
def writer_lock(path: Path | str, purpose: str) -> Iterator[WriterLock]:
    """Hold the one-writer lock of the assessment ``path`` for the ``with`` block.

    ``purpose`` names the command for the refusal message, e.g. ``"msht assess"``.
    The file itself need not exist yet (a new assessment is locked before it is
    created); its folder must. Raises ``FileLockedError`` (exit 2) at once if another
    process holds the lock, ``WriteError`` if the lock cannot be taken at all. The lock
    is not re-entrant: take it once per process and pass ``WriterLock.path`` along.
    """
    target = target_of(path)
    lock_path = target.with_name(f".{target.name}.lock")
    fd = _acquire(Path(path), lock_path, purpose)
    try:
        yield WriterLock(path=target, lock_path=lock_path, purpose=purpose)
    finally:
        _release(fd, lock_path)
