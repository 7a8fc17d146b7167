"""Benchmark the scorer and the `msht score` command.

    python benchmarks/bench_score.py [--count 1000] [--answers 100000] [--runs 9]

1. Scores COUNT generated assessments (random answers to every bundled bank) in one
   process: ``score_assessment`` alone, and with answer checking and the JSON document.
   Target: under 2 s for 1,000.
2. 100,000 answers read from files (generated partnerships' assessments, as ``msht
   compare`` reads them): parse, check and score each in one process, and how much of
   that the garbage collector took (it is paused while files are read and scored:
   ``msht_toolkit.gcpause``).
3. ``msht score FILE`` (the 2026 Midshire example) against ``msht --help``, as separate
   processes, pair by pair; output to a pipe, so the tables are laid out by the plain
   console. Target: at most 2x.
4. In process, the --detail tables: laid out by the plain console against rich (what a
   terminal gets), rich already imported.
"""

from __future__ import annotations

import argparse
import gc
import io
import random
import sys
import tempfile
import time
from pathlib import Path

from benchenv import CollectorClock, load_line, msht, paired

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from msht_toolkit.assessment.check import check_answers  # noqa: E402
from msht_toolkit.assessment.model import Answer, Assessment  # noqa: E402
from msht_toolkit.assessment.reading import load_assessment  # noqa: E402
from msht_toolkit.banks.model import Question  # noqa: E402
from msht_toolkit.banks.registry import BankSet, load_bankset  # noqa: E402
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
        low = int(question.min) if question.min is not None else 0
        high = int(question.max) if question.max is not None else 100
        return rng.randint(low, max(low, high))
    return "Some notes."


def generate(count: int, seed: int = 2027) -> tuple[list[Assessment], BankSet]:
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


def bench_files(answers: int) -> None:
    from bench_compare import generate as generate_files

    bankset = load_bankset(environ={})
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        per_file = sum(b.question_count for b in bankset.newest())  # 1 bank in 20 skipped
        generate_files(folder, max(1, round(answers / (per_file * 0.95))), bankset)
        files = sorted(folder.glob("*.msht.yaml"))
        gc.collect()
        total = 0
        start = time.perf_counter()
        with CollectorClock() as clock:
            for path in files:
                assessment = load_assessment(path)
                score_assessment(assessment, check_answers(assessment, bankset))
                total += len(assessment.answers)
        elapsed = time.perf_counter() - start
    print(f"files: {len(files)} assessment files, {total:,} answers, read + checked + scored")
    print(f"  {elapsed:.2f} s ({elapsed / total * 1e6:.1f} us an answer)")
    print(
        f"  garbage collector: {clock.collections} collections, {clock.seconds:.3f} s "
        f"({clock.seconds / elapsed:.1%} of the time)"
    )


def bench_cli(runs: int) -> None:
    command = msht()
    example = str(EXAMPLE)
    print(f"cli ({EXAMPLE.name}, output to a pipe; {load_line()}):")
    table = paired([*command, "score", example], [*command, "--help"], runs)
    print(f"  {table.line('msht score FILE', 'msht --help')}")
    detail = paired([*command, "score", example, "--detail"], [*command, "--help"], runs)
    print(f"  {detail.line('msht score FILE --detail', 'msht --help')}")
    as_json = paired([*command, "score", example, "--json"], [*command, "--help"], runs)
    print(f"  {as_json.line('msht score FILE --json', 'msht --help')}")
    print(f"  target <= 2x: {'met' if table.wall_ratio <= 2 else 'NOT met'} (wall)")


def bench_tables(repeat: int = 20) -> None:
    from msht_toolkit.cli.common import console
    from msht_toolkit.render.terminal.plain import PlainConsole
    from msht_toolkit.render.terminal.tables import print_scorecard
    from msht_toolkit.services.files import score_file

    card = score_file(EXAMPLE, load_bankset(environ={})).card

    def lay_out(make: object) -> float:
        best = float("inf")
        for _ in range(repeat):
            buffer = io.StringIO()
            start = time.perf_counter()
            print_scorecard(make(buffer), card, detail=True)  # type: ignore[operator]
            best = min(best, time.perf_counter() - start)
        return best

    plain = lay_out(lambda buffer: PlainConsole(buffer, 120, lambda file: console(file=file)))
    rich = lay_out(lambda buffer: console(file=buffer, width=120))
    print(f"tables (--detail of {EXAMPLE.name}, in process, best of {repeat}):")
    print(f"  plain console / rich: {plain / rich:.2f}x ({plain * 1e3:.1f} / {rich * 1e3:.1f} ms)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--answers", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    bench_scorer(args.count)
    bench_files(args.answers)
    bench_cli(args.runs)
    bench_tables()
    return 0


if __name__ == "__main__":
    sys.exit(main())
