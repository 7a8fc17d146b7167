"""Benchmark `msht compare` on many generated partnerships' assessments.

    python benchmarks/bench_compare.py [--files 1000] [--keep DIR]

Generates N fictional partnerships' assessment files for one period (every bundled bank
answered, random levels, a note and evidence on most answers, a plan entry here and
there), then times:

- the comparison in-process (load + check + score every file with one shared BankSet,
  then the distribution), split into its stages;
- the installed CLI end to end, `msht compare DIR --json` and the table view, as a user
  runs it (a fresh process: startup and bank loading included).

Target (issue 7): under 5 s for 1,000 files.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402
from benchenv import installed_like_env  # noqa: E402

from msht_toolkit.assessment.model import Answer, Assessment, Participant, PlanEntry  # noqa: E402
from msht_toolkit.assessment.writing import to_data  # noqa: E402
from msht_toolkit.banks.registry import BankSet, load_bankset  # noqa: E402

DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
PLACES = (
    "Midshire",
    "Westvale",
    "Northmoor",
    "Eastmarsh",
    "Southdown",
    "Highcombe",
    "Lowfield",
    "Ashbridge",
    "Redcliffe",
    "Greystone",
    "Brackenham",
    "Fernleigh",
)


def value_for(question, rng: random.Random):  # type: ignore[no-untyped-def]
    roll = rng.random()
    if roll < 0.04:
        return "unknown"
    if roll < 0.06:
        return "na"
    if question.type == "scale":
        return rng.choice((0, 1, 1, 2, 2, 2, 3, 3))
    if question.type == "yesno":
        return rng.choice(("yes", "yes", "no"))
    if question.type == "choice":
        return rng.choice(question.options).id
    if question.type == "number":  # within the question's range: every file checks
        low = int(question.min) if question.min is not None else 0
        return rng.randint(low, max(low, int(question.max) if question.max is not None else 40))
    return "Agreed at the partnership board; see the minutes."


def generate(folder: Path, count: int, bankset: BankSet, seed: int = 7) -> None:
    rng = random.Random(seed)
    banks = bankset.newest()
    for i in range(count):
        place = f"{PLACES[i % len(PLACES)]} {i // len(PLACES) + 1}"
        a = Assessment(
            partnership=f"{place} Anti-Slavery Partnership",
            area=place,
            period="2026/27",
            assessed_on="2027-03-14",
            banks={b.id: b.version for b in banks},
            participants=[
                Participant("A. Lead", f"{place} Police", "DCI, MSHT lead"),
                Participant("B. Officer", f"{place} County Council", "Safeguarding manager"),
            ],
        )
        skill = rng.random()
        for bank in banks:
            if rng.random() < 0.05:
                continue  # a bank not answered yet
            for q in bank.questions():
                value = value_for(q, rng)
                if q.type == "scale" and isinstance(value, int) and rng.random() < skill:
                    value = min(3, value + 1)
                a.answers[q.id] = Answer(
                    value=value,
                    note=f"Discussed on 14 March; {place} Police and council agree."
                    if rng.random() < 0.7
                    else None,
                    evidence=["Partnership ToR v3", "Board minutes March"]
                    if rng.random() < 0.5
                    else [],
                    by=f"{place} Police",
                )
                if rng.random() < 0.05:
                    a.plan[q.id] = PlanEntry(
                        owner=f"{place} County Council", due="2027-09-30", status="agreed"
                    )
        # the C emitter: same data as save_assessment writes, much faster to generate
        text = yaml.dump(to_data(a), Dumper=DUMPER, sort_keys=False, allow_unicode=True)
        (folder / f"{place.lower().replace(' ', '-')}.msht.yaml").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument(
        "--keep",
        type=Path,
        help="generate into this folder and keep it (reused when it already holds --files files)",
    )
    args = parser.parse_args()

    from msht_toolkit.analysis.compare import compare
    from msht_toolkit.render.json.compare import compare_json
    from msht_toolkit.services.compare_files import find_files, load_entries, usable_cpus

    t0 = time.perf_counter()
    bankset = load_bankset(environ={})
    t_banks = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        existing = list(folder.glob("*.msht.yaml"))
        if len(existing) == args.files:
            print(f"reusing the {len(existing)} files in {folder}")
        else:
            for old in existing:
                old.unlink()
            t0 = time.perf_counter()
            generate(folder, args.files, bankset)
            print(f"generated {args.files} files in {time.perf_counter() - t0:.1f} s")
        files = find_files(folder)
        size = sum(p.stat().st_size for p in files)
        print(f"{len(files)} files, {size / 1e6:.1f} MB; {usable_cpus()} usable CPUs")

        t0 = time.perf_counter()
        load_entries(files, bankset, workers=1)
        t_serial = time.perf_counter() - t0
        t0 = time.perf_counter()
        entries, skipped = load_entries(files, bankset)
        t_load = time.perf_counter() - t0
        t0 = time.perf_counter()
        comparison = compare(entries, None, skipped, bank_order=bankset.ids())
        compare_json(comparison)
        t_cmp = time.perf_counter() - t0
        print(
            f"in-process: banks loaded once {t_banks * 1000:.0f} ms; "
            f"load+check+score {len(files)} files: one process {t_serial:.2f} s "
            f"({t_serial / len(files) * 1000:.2f} ms/file), worker processes {t_load:.2f} s; "
            f"distribution+JSON {t_cmp * 1000:.0f} ms"
        )

        msht = Path(sys.executable).with_name("msht")
        for label, extra in (("--json", ["--json"]), ("table", [])):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t0 = time.perf_counter()
            done = subprocess.run(
                [str(msht), "compare", str(folder), *extra],
                capture_output=True,
                text=True,
                check=False,
                env=installed_like_env(),
            )
            elapsed = time.perf_counter() - t0
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            status = (
                "ok" if done.returncode == 0 else f"exit {done.returncode}: {done.stderr[:200]}"
            )
            verdict = "within" if elapsed < 5 else "OVER"
            print(
                f"CLI msht compare DIR {label}: {elapsed:.2f} s wall, {cpu:.2f} s CPU in all "
                f"processes ({status}; {verdict} the 5 s target)"
            )
        print(
            f"load average now: {', '.join(f'{x:.2f}' for x in os.getloadavg())} "
            "(other work on the machine slows the wall times)"
        )


if __name__ == "__main__":
    main()
