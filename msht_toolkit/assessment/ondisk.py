"""What a writer last saw of its file, to notice when anything else changed it.

The one-writer lock keeps other msht processes out, but not an editor, a sync client,
``git checkout`` or an older msht. A writer remembers the file as it last read or wrote
it (``DiskState``: inode, size, modification time in nanoseconds and a SHA-256 of the
bytes) and, before each save, asks ``changed(path, state)``. A differing inode, size or
time alone is not a change if the bytes hash the same (``touch``, a copy of the same
content); a file that has gone, or one that appeared where none was expected, is.

A writer that finds its file changed never overwrites it: it keeps what it could not
save in a side file (``side_file_for``) and stops.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DiskState:
    """A file as last read or written: identity, size, time and content hash."""

    ino: int
    size: int
    mtime_ns: int
    sha256: str

    def same_stat(self, st: os.stat_result) -> bool:
        return (st.st_ino, st.st_size, st.st_mtime_ns) == (self.ino, self.size, self.mtime_ns)


def state_of(st: os.stat_result, data: bytes) -> DiskState:
    return DiskState(st.st_ino, st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())


def read_state(path: Path) -> DiskState | None:
    """The file's state now, or None when there is no such file."""
    try:
        with open(path, "rb") as handle:
            st = os.fstat(handle.fileno())
            if not stat.S_ISREG(st.st_mode):
                return DiskState(st.st_ino, -1, st.st_mtime_ns, "")
            data = handle.read()
    except FileNotFoundError:
        return None
    return state_of(st, data)


def changed(path: Path, expected: DiskState | None) -> DiskState | bool | None:
    """False when ``path`` is as ``expected`` (None: no file); else its state now (None: gone).

    Only a differing inode, size or time makes it read the file to compare hashes.
    Callers test ``result is False``.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return False if expected is None else None
    if expected is not None and expected.same_stat(st):
        return False
    now = read_state(path)
    if expected is not None and now is not None and now.sha256 == expected.sha256:
        return False
    return now


def side_file_for(path: Path, when: dt.datetime | None = None) -> Path:
    """A new file beside ``path`` for what could not be saved in it.

    ``midshire-2026.msht.yaml`` -> ``midshire-2026.msht.unsaved-20270314-104200.yaml``;
    created empty here (0600, never replacing anything) so the name is ours.
    """
    when = when or dt.datetime.now()
    stem = path.name[: -len(".yaml")] if path.name.endswith(".yaml") else path.name
    base = f"{stem}.unsaved-{when.strftime('%Y%m%d-%H%M%S')}"
    for n in range(1000):
        candidate = path.with_name(f"{base}{'' if n == 0 else f'-{n}'}.yaml")
        try:
            fd = os.open(candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        os.close(fd)
        return candidate
    raise FileExistsError(f"{base}.yaml")


def read_only_reason(path: Path) -> str | None:
    """Why an existing ``path`` must not be replaced by a writer, or None.

    A file whose owner took away its write permission (``chmod 0400``) is kept as it
    is: replacing it by rename would work (the folder is writable) but would undo a
    deliberate choice. Anything that is not a regular file (a FIFO, a device, a
    folder) is never written either. A missing file has no reason.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(st.st_mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(st.st_mode):
        return "is not a regular file (a pipe or device); msht reads and writes only files"
    if not st.st_mode & 0o222 or not os.access(path, os.W_OK):
        return (
            f"is read-only (mode {stat.S_IMODE(st.st_mode):04o}); msht will not replace it "
            "(make it writable, e.g. chmod u+w, to change it)"
        )
    return None
