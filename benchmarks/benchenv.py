"""The environment every benchmark runs `msht` in: like an installed copy.

This machine sets PYTHONDONTWRITEBYTECODE, which would make every start compile
msht_toolkit from source, a cost no installed copy pays (pip compiles it at install).
Byte code is cached in a temporary folder (not the source tree) instead. The user's own
banks and colour settings are left out, and the bank cache is the bench's own.

Commands are compared pair by pair (``paired``: A B A B ..., the ratio of each pair,
then the median), never by bare times: the machine is shared, and its speed drifts.
"""

from __future__ import annotations

import gc
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PYCACHE = tempfile.mkdtemp(prefix="msht-bench-pycache-")
BANK_CACHE = tempfile.mkdtemp(prefix="msht-bench-bank-cache-")


def installed_like_env(**extra: str) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "MSHT_BANKS")
    }
    env["PYTHONPYCACHEPREFIX"] = PYCACHE
    # a bank cache of its own: the default one is shared by every copy of msht on the
    # machine, and copies in other folders replace each other's (it is keyed on paths)
    env["MSHT_CACHE_DIR"] = BANK_CACHE
    env["NO_COLOR"] = "1"
    env.update(extra)
    return env


def load_line() -> str:
    """The machine's load, to print beside every figure (others' work slows wall times)."""
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (5 min {five:.2f}) on {os.cpu_count()} CPUs"


def timed_run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, the command's child processes included) of
    one run of ``command``, its output thrown away; a failing command stops the bench."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


@dataclass(frozen=True)
class Paired:
    """A against B, run in turn (A B A B ...): the medians, and the median of the ratios
    taken pair by pair, which holds when the machine's speed drifts during the runs."""

    a_wall: float
    b_wall: float
    wall_ratio: float
    cpu_ratio: float
    runs: int

    def line(self, a: str, b: str) -> str:
        return (
            f"{a} / {b}: {self.wall_ratio:.2f}x wall, {self.cpu_ratio:.2f}x CPU "
            f"(medians {self.a_wall * 1000:.0f} / {self.b_wall * 1000:.0f} ms wall; "
            f"{self.runs} pairs)"
        )


def paired(a: list[str], b: list[str], runs: int = 9, env: dict[str, str] | None = None) -> Paired:
    env = env or installed_like_env()
    timed_run(a, env), timed_run(b, env)  # warm the file cache and the byte code
    pairs = [(timed_run(a, env), timed_run(b, env)) for _ in range(runs)]
    return Paired(
        a_wall=statistics.median(x[0] for x, _ in pairs),
        b_wall=statistics.median(y[0] for _, y in pairs),
        wall_ratio=statistics.median(x[0] / y[0] for x, y in pairs),
        cpu_ratio=statistics.median(x[1] / max(y[1], 1e-6) for x, y in pairs),
        runs=runs,
    )


def msht() -> list[str]:
    """The installed ``msht`` beside this Python (else ``python -m msht_toolkit``)."""
    script = Path(sys.executable).with_name("msht")
    return [str(script)] if script.exists() else [sys.executable, "-m", "msht_toolkit"]


class CollectorClock:
    """Time spent in garbage collections while it is on (``gc.callbacks``)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.collections = 0
        self._start = 0.0

    def __call__(self, phase: str, _info: dict[str, int]) -> None:
        if phase == "start":
            self._start = time.perf_counter()
        else:
            self.seconds += time.perf_counter() - self._start
            self.collections += 1

    def __enter__(self) -> CollectorClock:
        gc.callbacks.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        gc.callbacks.remove(self)
