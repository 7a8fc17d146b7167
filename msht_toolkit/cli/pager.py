"""Long text to a terminal goes through a pager, the way git does it; never when piped.

The pager is ``$MSHT_PAGER``, else ``$PAGER``, else ``less`` (with ``LESS=FRX`` unless
``LESS`` is set: quit at once when the text fits one screen, keep colour, leave the text on
the screen). An empty value or ``cat`` turns paging off. A pager that cannot be started
means the text is printed as usual.
"""

from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys


def pager_command() -> list[str] | None:
    """The pager to run, or None to print directly."""
    for name in ("MSHT_PAGER", "PAGER"):
        if name in os.environ:
            value = os.environ[name].strip()
            break
    else:
        value = "less"
    try:
        command = shlex.split(value)
    except ValueError:
        return None
    if not command or command[0] == "cat":
        return None
    return command


def wants_pager(text: str) -> bool:
    """On a terminal (both ways), with more lines than the screen holds."""
    try:
        if not (sys.stdout.isatty() and sys.stdin.isatty()):
            return False
    except (AttributeError, ValueError):
        return False
    if os.environ.get("TERM") == "dumb":
        return False
    rows = shutil.get_terminal_size((80, 24)).lines
    return text.count("\n") >= rows - 1


def show(text: str) -> None:
    """Print ``text`` to stdout, through the pager when it would scroll off a terminal."""
    command = pager_command() if wants_pager(text) else None
    if command is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    sys.stdout.flush()
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:  # no such pager: print as usual
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the pager's
    try:
        assert process.stdin is not None
        try:
            process.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
            process.stdin.close()
        except BrokenPipeError:  # the reader quit before the end: fine
            pass
        process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
