"""Autosave: the assessment written to its file after every change, as its one writer.

Used by every command that edits a file as the user goes (the walk, ``msht actions``):
the file's one-writer lock, a check that nothing else changed the file before each
save, and the flush to disk on a helper thread while the next question is drawn.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from msht_toolkit.errors import WriteError

if TYPE_CHECKING:
    from msht_toolkit.assessment.model import Assessment
    from msht_toolkit.assessment.ondisk import DiskState


class Saver:
    """Saves the assessment to its file after every change, as its one writer.

    Each save writes a temporary file and renames it over the target before the walk
    goes on, so once the next question is on screen the answer survives the process
    being killed (``kill -9``, a lost SSH session). Only the flush to the physical
    disk (fsync, which guards against a power cut and can take tens of milliseconds)
    runs on a helper thread while the next question is drawn. ``wait()`` waits for
    that flush and raises if the write failed.

    ``claim(path)`` takes the file's one-writer lock (held until ``release()``) and
    remembers the file as it is; before each save the saver checks that nothing else
    changed it since it last read or wrote it. If something did, it does not write:
    it keeps its copy in a side file it names and raises ``FileChangedError`` (exit 2).
    """

    def __init__(self, assessment: Assessment, path: Path | None) -> None:
        self.assessment = assessment
        self.path = path
        self.written = False
        self.state: DiskState | None = None  # as last read or written; None: no file
        self._attempt = ""  # hash of the last text it began to write
        self._locks = contextlib.ExitStack()
        self._thread: threading.Thread | None = None
        self._error: OSError | None = None

    def claim(self, path: Path, purpose: str = "msht assess (the walk)") -> None:
        """Lock ``path`` for this walk and remember it as it is now (before it is read)."""
        from msht_toolkit.assessment.lock import writer_lock
        from msht_toolkit.assessment.ondisk import read_state

        self._locks.enter_context(writer_lock(path, purpose))
        self.path = path
        self.state = read_state(path)

    def release(self) -> None:
        self._locks.close()

    def __call__(self) -> None:
        from msht_toolkit.assessment.ondisk import state_of
        from msht_toolkit.assessment.writing import dump_assessment
        from msht_toolkit.safewrite import atomic_write_text

        if self.path is None:
            return
        text = dump_assessment(self.assessment)
        self.wait()
        self._refuse_if_changed(text)
        data = text.encode("utf-8")
        self._attempt = hashlib.sha256(data).hexdigest()
        try:
            written = atomic_write_text(self.path, text, fsync=False)
        except OSError as exc:
            raise WriteError(f"{self.path}: cannot write: {exc.strerror or exc}") from None
        self.state = state_of(written, data)
        self.written = True
        self._thread = threading.Thread(target=self._flush, args=(self.path,))
        self._thread.start()

    def _refuse_if_changed(self, text: str) -> None:
        from msht_toolkit.assessment.ondisk import changed, side_file_for
        from msht_toolkit.errors import FileChangedError
        from msht_toolkit.safewrite import atomic_write_text

        assert self.path is not None
        now = changed(self.path, self.state)
        if now is False or (now is not None and now.sha256 == self._attempt):
            # unchanged, or holding what this walk wrote when a signal cut the save short
            return
        what = "was removed" if now is None else "was changed"
        if self.state is None:
            what = "was created"
        side = side_file_for(self.path)
        atomic_write_text(
            side,
            f"# msht: {self.path.name} {what} on disk by another program during the walk,\n"
            "# so msht did not overwrite it. These are the walk's answers, including the\n"
            "# ones it could not save there; compare the two before copying any across.\n" + text,
        )
        shown = self.path
        self.path = None  # never write the file again in this process
        raise FileChangedError(
            f"{shown}: {what} by another program during the walk, so msht stopped "
            f"without overwriting it; this walk's unsaved answers are in {side}"
        )

    def _flush(self, path: Path) -> None:
        from msht_toolkit.safewrite import sync_to_disk

        try:
            sync_to_disk(path)
        except OSError as exc:
            self._error = exc

    def wait(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error is not None:
            error, self._error = self._error, None
            raise WriteError(f"{self.path}: cannot write: {error.strerror or error}")

    def sync(self) -> None:
        """Save now and wait until the file is on disk."""
        self()
        self.wait()
