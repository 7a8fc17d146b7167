"""Writing files safely: whole and private (atomic, 0600), and YAML text that any reader
reads back as the characters written.

``atomic_write_text`` / ``atomic_write_bytes`` write to a temporary file in the same
folder and rename it over the target, so a reader sees the old file or the new, never
half of one; ``quote_ambiguous_text`` sets up a YAML dumper so text is
text: a note ``1e3`` or ``y`` comes back as those characters, not a number or a boolean.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any

_STR = "tag:yaml.org,2002:str"

# Plain scalars that some YAML reader takes for something other than text: YAML 1.2's
# core schema (``1e3``, ``0o17``), YAML 1.1 as written in its spec (``y``/``n`` are
# booleans there; ``1.2.3`` is a float), on top of what PyYAML's own resolver sees.
_NOT_TEXT_SOMEWHERE = re.compile(
    r"""^(?:
        ~|null|Null|NULL
       |[yY]|[nN]|yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF
       |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])*
       |[-+]?0[bB][01_]+|[-+]?0[oO][0-7_]+|[-+]?0[xX][0-9a-fA-F_]+
       |[-+]?(?:\.[0-9][0-9_.]*|[0-9][0-9_]*(?:\.[0-9_.]*)?)(?:[eE][-+]?[0-9]+)?
       |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])*\.[0-9_]*
       |[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)
       |[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?
       |=|<<
    )$""",
    re.VERBOSE,
)


_FOLDED_BREAKS = ("\x85", "\u2028", "\u2029", "\r")


def quote_ambiguous_text(dumper: type) -> None:
    """Make ``dumper`` quote every string a YAML 1.1 or 1.2 reader might not read as text.

    Text is text: a note ``1e3`` or ``y`` is written ``'1e3'`` / ``'y'``
    so that any reader gets the same characters back, not a number or a boolean.
    """

    def represent_text(self: Any, data: str) -> Any:
        data = str(data)  # a str enum (``Rag.RED``) is written as its text: RED
        style = "'" if _NOT_TEXT_SOMEWHERE.match(data) else None
        if any(ch in data for ch in _FOLDED_BREAKS):
            style = '"'  # PyYAML writes these raw in '...', where a reader folds them away
        return self.represent_scalar(_STR, data, style=style)

    dumper.add_representer(str, represent_text)
    # the safe dumper refuses str subclasses (the enums) unless told how to write them
    dumper.add_multi_representer(str, represent_text)


def atomic_write_text(
    path: Path, text: str, mode: int = 0o600, fsync: bool = True
) -> os.stat_result:
    """Write ``text`` to ``path`` so readers see the old file or the new, never half.

    The file is written to a temporary file in the same folder and renamed over the
    target; the result is readable by its owner only by default. Once this returns,
    the new content survives the process being killed (it is in the kernel's cache).
    ``fsync`` (default) also waits until it is on the disk, so it survives a power
    cut; a caller that passes ``fsync=False`` should call ``sync_to_disk`` later.
    A symbolic link is followed: the file it points to is replaced and the link kept.
    Returns the new file's status (inode, size, modification time) as written.
    """
    return atomic_write_bytes(path, text.encode("utf-8"), mode, fsync)


def atomic_write_bytes(
    path: Path, data: bytes, mode: int = 0o600, fsync: bool = True
) -> os.stat_result:
    """``atomic_write_text`` for bytes (e.g. an XLSX workbook): same guarantees."""
    path = Path(path)
    if path.is_symlink():
        path = Path(os.path.realpath(path))
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if fsync:
                os.fsync(handle.fileno())
            written = os.fstat(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if fsync:
        _fsync_path(folder)
    return written


def sync_to_disk(path: Path) -> None:
    """Flush a file written with ``fsync=False`` (and its folder entry) to the disk."""
    path = Path(path)
    _fsync_path(path)
    _fsync_path(path.parent if str(path.parent) else Path("."))


def _fsync_path(path: Path) -> None:
    """fsync a file or folder by name; one that cannot be opened or synced is left be."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
