"""`msht banks validate` on a generated 2,000-question bank (target < 0.5 s).

The bank has 40 sections of 50 questions of every type, with help text, level
descriptors, actions, `when` conditions and `replaces`, about 1 MB of YAML. Reported:

- end to end: the installed `msht banks validate BANK` as a fresh process (median);
- the same command on a one-question bank, i.e. what any `msht` command costs to start
  (Python, typer and its pydantic parameter adapters, the bundled banks);
- in process: ``load_bank_file`` alone (read, YAML, every rule), median.

Run: .venv/bin/python benchmarks/bench_validate.py [--questions N] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchenv import CollectorClock, installed_like_env, load_line  # noqa: E402

PER_SECTION = 50


def question_yaml(s: int, q: int) -> str:
    qid = f"BV-S{s:03d}-{q:02d}"
    head = (
        f"      - id: {qid}\n"
        f"        text: Does the partnership do thing {q} of area {s} well, every time?\n"
        "        help: >-\n"
        "          Good looks like a written, agreed and tested arrangement that every\n"
        "          partner knows, with named leads and a yearly review.\n"
        "        evidence: Terms of reference; minutes; audit\n"
    )
    kind = q % 5
    if kind == 1:
        body = "        type: yesno\n        actions:\n          - {below: 1, do: Do it., priority: high}\n"
    elif kind == 2:
        body = (
            "        type: choice\n        options:\n"
            "          - {id: none, label: Nobody, score: 0}\n"
            "          - {id: some, label: Some partners, score: 0.5}\n"
            "          - {id: all, label: Every partner, score: 1}\n"
            "        actions:\n          - {below: 0.5, do: Extend it., owner: Police}\n"
            f"        when: BV-S{s:03d}-{q - 1:02d} == yes\n"
        )
    elif kind == 3:
        body = (
            "        type: number\n        thresholds:\n"
            "          - {min: 1, score: 0.5}\n          - {min: 10, score: 1}\n"
            f"        when: BV-S{s:03d}-{q - 1:02d} in [some, all] and not BV-S{s:03d}-{q - 2:02d} == no\n"
        )
    else:
        body = (
            "        weight: 2\n        critical: false\n        levels:\n"
            "          - No arrangement; people rely on knowing someone.\n"
            "          - An arrangement in one or two agencies only.\n"
            "          - Agreed by most partners and reviewed in the last two years.\n"
            "          - Every partner, tested each year and revised from cases.\n"
            "        actions:\n"
            "          - below: 2\n            do: Agree the arrangement with all partners.\n"
            "            owner: Local authority\n            priority: high\n"
            "          - below: 3\n            do: Test it every year.\n            priority: low\n"
            f"        replaces: [BV-OLD-{s:03d}-{q:02d}]\n"
            "        refs: [Modern Slavery Act 2015 s.52]\n"
        )
    return head + body


def make_bank(path: Path, questions: int) -> None:
    parts = [
        "schema: msht-bank/1\nid: bench-validate\ntitle: Generated bank\n"
        'version: "2026.1"\ntheme: cross-cutting\nrag: {green: 80, amber: 45}\nsections:\n'
    ]
    for s in range((questions + PER_SECTION - 1) // PER_SECTION):
        parts.append(f"  - id: s{s}\n    title: Section {s}\n    questions:\n")
        for q in range(min(PER_SECTION, questions - s * PER_SECTION)):
            parts.append(question_yaml(s, q))
    path.write_text("".join(parts), encoding="utf-8")


def msht() -> list[str]:
    script = Path(sys.executable).with_name("msht")
    return [str(script)] if script.exists() else [sys.executable, "-m", "msht_toolkit"]


def bench_env() -> dict[str, str]:
    return installed_like_env()


def time_process(command: list[str], expect: str) -> float:
    env = bench_env()
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0 or expect not in result.stdout:
        raise SystemExit(f"{command} failed:\n{result.stdout[-800:]}\n{result.stderr[-800:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()

    from msht_toolkit.banks.loader import load_bank_file

    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.yaml"
        make_bank(big, args.questions)
        tiny = Path(tmp) / "tiny.yaml"
        make_bank(tiny, 1)
        bank = load_bank_file(big)
        assert bank.question_count == args.questions
        size = big.stat().st_size

        with CollectorClock() as clock:
            load_bank_file(big)
        in_process = []
        for _ in range(args.runs):
            start = time.perf_counter()
            load_bank_file(big)
            in_process.append(time.perf_counter() - start)

        expect_big = f"{args.questions} questions"
        time_process([*msht(), "banks", "validate", str(big)], expect_big)  # warm up
        end_to_end, baseline = [], []
        for _ in range(args.runs):
            end_to_end.append(time_process([*msht(), "banks", "validate", str(big)], expect_big))
            baseline.append(time_process([*msht(), "banks", "validate", str(tiny)], "1 question"))

    e2e = statistics.median(end_to_end)
    base = statistics.median(baseline)
    inproc = statistics.median(in_process)
    print(
        f"bank: {args.questions} questions in {len(bank.sections)} sections, "
        f"{size / 1e6:.2f} MB; {args.runs} runs, medians"
    )
    print(f"  msht banks validate BIG  (end to end)    {e2e * 1000:7.1f} ms")
    print(f"  msht banks validate TINY (start-up cost) {base * 1000:7.1f} ms")
    print(f"  load_bank_file(BIG)      (in process)    {inproc * 1000:7.1f} ms")
    ratio = statistics.median(b / t for b, t in zip(end_to_end, baseline, strict=True))
    print(f"  BIG / TINY, pair by pair: {ratio:.2f}x ({load_line()})")
    print(
        f"  garbage collector while loading BIG: {clock.collections} collections, "
        f"{clock.seconds * 1000:.1f} ms (paused while the bank is read and built)"
    )
    verdict = "meets" if e2e < 0.5 else "MISSES"
    print(f"end to end {e2e:.3f} s: {verdict} the target < 0.5 s")


if __name__ == "__main__":
    main()
