"""What the interactive commands (the walk, ``msht actions``) share: a terminal, and
stop signals that stop them like Ctrl-C (save, say how to resume, exit 130)."""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator


def has_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


STOP_SIGNALS = ("SIGTERM", "SIGHUP")


def _raise_interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@contextlib.contextmanager
def stop_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP (a closed terminal or SSH session) stop the walk like Ctrl-C:
    the walk saves, says how to resume and exits 130."""
    import signal

    previous = {}
    if threading.current_thread() is threading.main_thread():
        for name in STOP_SIGNALS:
            number = getattr(signal, name, None)
            if number is not None:
                previous[number] = signal.signal(number, _raise_interrupt)
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)


def ignore_stop_signals() -> None:
    """While saving after a stop, a second SIGTERM or SIGHUP must not cut the save short."""
    import signal

    if threading.current_thread() is not threading.main_thread():
        return
    for name in STOP_SIGNALS:
        number = getattr(signal, name, None)
        if number is not None:
            signal.signal(number, signal.SIG_IGN)


def say_if_possible(text: str) -> None:
    """Print, unless the terminal has gone (SIGHUP): the answers are saved either way."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        for fd in (1, 2):
            try:
                os.dup2(devnull, fd)
            except OSError:
                pass
