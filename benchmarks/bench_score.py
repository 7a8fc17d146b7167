"""Benchmark the scorer and the `msht score` command.

    python benchmarks/bench_score.py [--count 1000] [--runs 7]

1. Scores COUNT generated assessments (random answers to every bundled bank) in one
   process: ``score_assessment`` alone, and with answer checking and the JSON document.
   Target: under 2 s for 1,000.
2. Wall time of ``msht score FILE`` (the 2026 Midshire example) against ``msht --help``,
   median of RUNS runs each, as separate processes. Target: at most 2x.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

from benchenv import installed_like_env

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from msht_toolkit.assessment.check import check_answers  # noqa: E402
from msht_toolkit.assessment.model import Answer, Assessment  # noqa: E402
from msht_toolkit.banks.model import Question  # noqa: E402
from msht_toolkit.banks.registry import load_bankset  # noqa: E402
from msht_toolkit.render.json.score import score_json  # noqa: E402
from msht_toolkit.scoring.scorer import score_assessment  # noqa: E402

EXAMPLE = ROOT / "examples" / "midshire-2026.msht.yaml"


def random_value(question: Question, rng: random.Random) -> object:
    roll = rng.random()
    if roll < 0.05:
        return None
    if roll < 0.10:
        return "unknown"
    if roll < 0.13:
        return "na"
    if question.type == "scale":
        return rng.randint(0, 3)
    if question.type == "yesno":
        return rng.choice(["yes", "no"])
    if question.type == "choice":
        return rng.choice(question.options).id
    if question.type == "number":
        return rng.randint(0, 100)
    return "Some notes."


def generate(count: int, seed: int = 2027) -> tuple[list[Assessment], object]:
    bankset = load_bankset(environ={})
    banks = bankset.newest()
    rng = random.Random(seed)
    out = []
    for i in range(count):
        a = Assessment(partnership=f"Benchshire {i}", period="2026/27")
        a.banks = {b.id: b.version for b in banks}
        for bank in banks:
            for q in bank.questions():
                value = random_value(q, rng)
                if value is not None:
                    a.answers[q.id] = Answer(value=value, note="Generated.")
        out.append(a)
    return out, bankset


def bench_scorer(count: int) -> None:
    assessments, bankset = generate(count)
    banks = bankset.newest()
    questions = sum(b.question_count for b in banks)
    start = time.perf_counter()
    for a in assessments:
        score_assessment(a, banks)
    scored = time.perf_counter() - start

    start = time.perf_counter()
    for a in assessments:
        scope = check_answers(a, bankset)
        score_json(score_assessment(a, scope))
    full = time.perf_counter() - start
    print(f"scorer: {count} assessments x {questions} questions ({len(banks)} banks)")
    print(
        f"  score_assessment only:               {scored:.3f} s ({scored / count * 1e3:.2f} ms each)"
    )
    print(
        f"  check_answers + score + JSON document: {full:.3f} s ({full / count * 1e3:.2f} ms each)"
    )
    print(f"  target < 2 s for 1,000: {'met' if scored * 1000 / count < 2 else 'NOT met'}")


def wall(args: list[str], runs: int) -> float:
    env = installed_like_env()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_cli(runs: int) -> None:
    msht = str(Path(sys.executable).parent / "msht")
    if not Path(msht).exists():
        msht_cmd = [sys.executable, "-m", "msht_toolkit"]
    else:
        msht_cmd = [msht]
    wall([*msht_cmd, "--help"], 1)  # warm the file cache
    help_time = wall([*msht_cmd, "--help"], runs)
    score_time = wall([*msht_cmd, "score", str(EXAMPLE)], runs)
    json_time = wall([*msht_cmd, "score", str(EXAMPLE), "--json"], runs)
    ratio = score_time / help_time
    print(f"cli (median of {runs} runs, {EXAMPLE.name}):")
    print(f"  msht --help:        {help_time * 1e3:.0f} ms")
    print(f"  msht score FILE:    {score_time * 1e3:.0f} ms ({ratio:.2f}x --help)")
    print(f"  msht score --json:  {json_time * 1e3:.0f} ms ({json_time / help_time:.2f}x --help)")
    print(f"  target <= 2x: {'met' if ratio <= 2 else 'NOT met'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    bench_scorer(args.count)
    bench_cli(args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
