"""Time `msht diff` and `msht trend` on large generated assessments.

    python benchmarks/bench_diff.py [--banks 12] [--sections 8] [--questions 25]

Generates two versions of N user banks (the newer one renames a tenth of the questions
through `replaces`, drops some and adds some), three yearly assessments with random
answers, then times, in process: loading + checking + scoring each file, the diff, its
JSON and Markdown; and end to end: `msht diff` (terminal, --json, -o) and `msht trend`.
Prints the numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from benchenv import installed_like_env

ROOT = Path(__file__).resolve().parents[1]
MSHT = ROOT / ".venv" / "bin" / "msht"
LEVELS = ["Nothing yet.", "Early progress.", "Substantial progress.", "Mature practice."]


def bank_data(b: int, version: str, sections: int, questions: int) -> dict[str, Any]:
    newer = version == "2"
    out_sections = []
    for s in range(sections):
        qs = []
        for i in range(questions):
            qid = f"BX{b}-S{s}-{i:03d}"
            if newer and i % 10 == 3:
                qs.append(
                    {
                        "id": f"{qid}N",
                        "text": f"Renamed {qid}?",
                        "levels": LEVELS,
                        "replaces": [qid],
                    }
                )
                continue
            if newer and i % 17 == 5:
                continue  # dropped
            q: dict[str, Any] = {"id": qid, "text": f"Question {qid}?", "levels": LEVELS}
            if i % 11 == 0:
                q["critical"] = True
            if i % 7 == 0:
                q["weight"] = 2
            qs.append(q)
        if newer:
            qs.append({"id": f"BX{b}-S{s}-ADD", "text": "Added?", "type": "yesno"})
        out_sections.append({"id": f"s{s}", "title": f"Section {s}", "questions": qs})
    return {
        "schema": "msht-bank/1",
        "id": f"bench-{b}",
        "title": f"Benchmark bank {b}",
        "version": version,
        "theme": "prepare",
        "sections": out_sections,
    }


def assessment(period: str, banks: list[dict[str, Any]], rng: random.Random) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for bank in banks:
        for section in bank["sections"]:
            for q in section["questions"]:
                roll = rng.random()
                if roll < 0.05:
                    continue
                if q.get("type") == "yesno":
                    answers[q["id"]] = rng.choice(["yes", "no", "unknown"])
                elif roll < 0.08:
                    answers[q["id"]] = "na"
                elif roll < 0.1:
                    answers[q["id"]] = "unknown"
                else:
                    answers[q["id"]] = {"value": rng.randint(0, 3), "note": "Generated | note #1"}
    return {
        "schema": "msht-assessment/1",
        "partnership": "Benchmark Anti-Slavery Partnership",
        "period": period,
        "banks": {b["id"]: b["version"] for b in banks},
        "answers": answers,
    }


def timed(label: str, func: Callable[[], Any], repeat: int = 3) -> Any:
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    print(f"  {label:<46} median {statistics.median(times) * 1000:8.1f} ms  (of {repeat})")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--banks", type=int, default=12)
    parser.add_argument("--sections", type=int, default=8)
    parser.add_argument("--questions", type=int, default=25)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    sys.path.insert(0, str(ROOT))
    from msht_toolkit.analysis.diff import diff_scorecards
    from msht_toolkit.assessment.check import check_answers
    from msht_toolkit.assessment.reading import load_assessment
    from msht_toolkit.banks.registry import load_bankset
    from msht_toolkit.render.json.diff import diff_json
    from msht_toolkit.render.markdown.diff import diff_markdown
    from msht_toolkit.scoring.scorer import score_assessment

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bank_dir = folder / "banks"
        bank_dir.mkdir()
        old_banks = [bank_data(b, "1", args.sections, args.questions) for b in range(args.banks)]
        new_banks = [bank_data(b, "2", args.sections, args.questions) for b in range(args.banks)]
        for data in old_banks + new_banks:
            path = bank_dir / f"{data['id']}-{data['version']}.yaml"
            path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        files = []
        for period, banks in (
            ("2025/26", old_banks),
            ("2026/27", new_banks),
            ("2027/28", new_banks),
        ):
            path = folder / f"bench-{period[:4]}.msht.yaml"
            path.write_text(
                yaml.safe_dump(assessment(period, banks, rng), sort_keys=False), encoding="utf-8"
            )
            files.append(path)
        n_questions = sum(len(s["questions"]) for b in new_banks for s in b["sections"])
        size = files[1].stat().st_size
        print(
            f"{args.banks} user banks x {args.sections} sections; {n_questions} questions in the "
            f"newer version; assessment file {size / 1e6:.2f} MB"
        )

        print("in process:")
        bankset = timed(
            "load bankset (bundled + generated)", lambda: load_bankset([bank_dir], environ={})
        )

        def score(path: Path) -> Any:
            a = load_assessment(path)
            return score_assessment(a, check_answers(a, bankset))

        old = timed("load + check + score OLD", lambda: score(files[0]))
        new = timed("load + check + score NEW", lambda: score(files[1]))
        result = timed("diff_scorecards", lambda: diff_scorecards(old, new, bankset.all()), 5)
        timed("diff_json", lambda: diff_json(result), 5)
        timed("diff_markdown", lambda: diff_markdown(result), 5)
        print(f"  -> {len(result.questions)} question changes, summary {result.summary()}")

        print("end to end (installed msht):")
        env_args = ["--bank", str(bank_dir)]
        out = folder / "DIFF.md"
        for label, cmd in (
            ("msht diff OLD NEW (terminal)", ["diff", *map(str, files[:2])]),
            ("msht diff OLD NEW --json", ["diff", *map(str, files[:2]), "--json"]),
            ("msht diff OLD NEW -o DIFF.md", ["diff", *map(str, files[:2]), "-o", str(out)]),
            ("msht trend Y1 Y2 Y3", ["trend", *map(str, files)]),
        ):

            def run(cmd: list[str] = cmd) -> None:
                subprocess.run(
                    [str(MSHT), *cmd, *env_args],
                    check=True,
                    capture_output=True,
                    text=True,
                    env=installed_like_env(),
                )

            timed(label, run)


if __name__ == "__main__":
    main()
