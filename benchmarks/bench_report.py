"""`msht report` and `msht plan` as HTML pages, against Markdown and `msht --help`.

    python benchmarks/bench_report.py [--runs 7]

The 2026 Midshire example's board report (with the scores since 2025 and the
performance figures, as ``--from`` gives them) and its action plan, each written with
``-o`` as HTML and as Markdown; every figure a ratio taken pair by pair.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from benchenv import load_line, msht, paired

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    command = msht()
    help_ = [*command, "--help"]
    example = str(EXAMPLES / "midshire-2026.msht.yaml")
    earlier = ["--from", str(EXAMPLES / "midshire-2025.msht.yaml")]
    print(f"{Path(example).name} ({load_line()}):")
    with tempfile.TemporaryDirectory() as tmp:
        for name, base in (
            ("report", [*command, "report", example, *earlier]),
            ("plan", [*command, "plan", example]),
        ):
            html = [*base, "-o", str(Path(tmp) / f"{name}.html")]
            markdown = [*base, "-o", str(Path(tmp) / f"{name}.md")]
            print(f"  {paired(html, help_, args.runs).line(f'msht {name} -o x.html', 'msht --help')}")
            print(f"  {paired(html, markdown, args.runs).line(f'msht {name} -o x.html', '-o x.md')}")


if __name__ == "__main__":
    sys.exit(main())
