"""JSON documents as msht writes them, against ``indent=2`` and compact, small and large.

    python benchmarks/bench_json.py [--questions 5000] [--repeat 5]

A small document (the 2026 Midshire example's ``msht score --json``) and a large one
(the score of an assessment answering a generated bank of QUESTIONS questions, about
a megabyte indented) are each written by ``render.json.score.dumps`` (as every
``--json`` and ``-o x.json`` writes them), by ``json.dumps(indent=2)`` and compact;
best of REPEAT, in process, as ratios. Then end to end, pair by pair: ``msht score
BIG --json`` against the same command with the tables.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from benchenv import load_line, msht, paired

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench_validate import make_bank  # noqa: E402

from msht_toolkit.banks.loader import load_bank_file  # noqa: E402
from msht_toolkit.banks.registry import load_bankset  # noqa: E402
from msht_toolkit.render.json.score import dumps, score_json  # noqa: E402
from msht_toolkit.services.files import score_file  # noqa: E402

EXAMPLE = ROOT / "examples" / "midshire-2026.msht.yaml"


def answer_all(bank_path: Path, out: Path) -> None:
    """An assessment answering every question of the bank, with a note and evidence."""
    bank = load_bank_file(bank_path)
    rng = random.Random(3)
    answers: dict[str, Any] = {}
    for q in bank.questions():
        if q.type == "scale":
            value: Any = rng.randint(0, 3)
        elif q.type == "yesno":
            value = rng.choice(["yes", "no"])
        elif q.type == "choice":
            value = rng.choice(q.options).id
        elif q.type == "number":
            value = rng.randint(0, 20)
        else:
            value = "Some notes."
        answers[q.id] = {"value": value, "note": "Agreed at the board.", "evidence": ["Minutes"]}
    doc = {
        "schema": "msht-assessment/1",
        "partnership": "Benchshire Anti-Slavery Partnership",
        "period": "2026/27",
        "banks": {bank.id: bank.version},
        "answers": answers,
    }
    out.write_text(yaml.dump(doc, Dumper=yaml.CSafeDumper, sort_keys=False), encoding="utf-8")


def best(write: Callable[[], str], repeat: int) -> tuple[float, int]:
    """The best of ``repeat`` rounds, each as many calls as take 0.2 s (per call)."""
    timer = timeit.Timer(write)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat, number)) / number, len(write())


def compare_writers(name: str, document: dict[str, Any], repeat: int) -> None:
    written, size = best(lambda: dumps(document), repeat)
    indented, indented_size = best(lambda: json.dumps(document, indent=2, ensure_ascii=False), repeat)
    compact, compact_size = best(
        lambda: json.dumps(document, ensure_ascii=False, separators=(",", ":")), repeat
    )
    form = "indented" if size >= indented_size else "compact"
    print(f"{name}: msht writes it {form}, {size:,} characters")
    print(f"  msht's dumps / indent=2: {written / indented:.2f}x ({written * 1e3:.1f} ms)")
    print(f"  indent=2 / compact:      {indented / compact:.1f}x ({indented_size:,} / {compact_size:,} characters)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    small = score_json(score_file(EXAMPLE, load_bankset(environ={})).card)
    compare_writers(f"small ({EXAMPLE.name})", small, args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        bank, big = Path(tmp) / "bank.yaml", Path(tmp) / "big.msht.yaml"
        make_bank(bank, args.questions)
        answer_all(bank, big)
        bankset = load_bankset([bank], environ={})
        large = score_json(score_file(big, bankset).card)
        compare_writers(f"large ({args.questions:,} questions)", large, args.repeat)
        command = [*msht(), "score", str(big), "--bank", str(bank)]
        print(f"cli ({load_line()}):")
        pair = paired([*command, "--json"], command, args.runs)
        print(f"  {pair.line('msht score BIG --json', 'msht score BIG')}")


if __name__ == "__main__":
    main()
