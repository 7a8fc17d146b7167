"""`msht --help` against a bare typer app's `--help`, in the same run (target ratio <= 1.5).

Both are started as fresh processes with the same Python, interleaved, several times;
the medians are compared. Two baselines are timed:

- "bare": the smallest typer app (one command, typer's defaults), what a newcomer writes;
- "bare, plain help": the same with ``rich_markup_mode=None``, as msht itself sets, so
  the ratio against it measures only what msht adds (its command modules).

The target applies to the first ratio; the second is reported so that a slow import
hiding behind typer's own rich help cannot go unnoticed.

Run: .venv/bin/python benchmarks/bench_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchenv import installed_like_env

BARE = '''\
import typer

app = typer.Typer({options})


@app.command()
def hello(name: str) -> None:
    """Say hello."""
    print(f"Hello {{name}}")


@app.command()
def bye() -> None:
    """Say bye."""


if __name__ == "__main__":
    app()
'''


def msht_command() -> list[str]:
    script = Path(sys.executable).with_name("msht")
    if script.exists():
        return [str(script), "--help"]
    return [sys.executable, "-m", "msht_toolkit", "--help"]


def bench_env() -> dict[str, str]:
    return installed_like_env()


def time_once(command: list[str]) -> float:
    env = bench_env()
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0 or b"Usage" not in result.stdout:
        raise SystemExit(f"{command} failed: {result.stderr.decode()[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bare = Path(tmp) / "bare.py"
        bare.write_text(BARE.format(options=""), encoding="utf-8")
        plain = Path(tmp) / "bare_plain.py"
        plain.write_text(BARE.format(options="rich_markup_mode=None"), encoding="utf-8")
        commands = {
            "msht --help": msht_command(),
            "bare typer --help": [sys.executable, str(bare), "--help"],
            "bare typer, plain help": [sys.executable, str(plain), "--help"],
        }
        for command in commands.values():  # warm the file cache and .pyc files
            time_once(command)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(time_once(command))
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"runs per command: {args.runs} (interleaved), Python {sys.version.split()[0]}")
    for name, value in medians.items():
        spread = f"min {min(times[name]) * 1000:.0f} / max {max(times[name]) * 1000:.0f} ms"
        print(f"  {name:<26} median {value * 1000:6.1f} ms   ({spread})")
    ratio = medians["msht --help"] / medians["bare typer --help"]
    strict = medians["msht --help"] / medians["bare typer, plain help"]
    verdict = "meets" if ratio <= 1.5 else "MISSES"
    print(f"ratio msht / bare typer:             {ratio:.2f}  ({verdict} the target <= 1.5)")
    print(f"ratio msht / bare typer, plain help: {strict:.2f}")


if __name__ == "__main__":
    main()
