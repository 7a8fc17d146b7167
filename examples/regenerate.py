"""Regenerate every committed output in examples/output/ by running the real `msht` commands.

    python examples/regenerate.py            # rewrite examples/output/
    python examples/regenerate.py OUTDIR     # write somewhere else (tests do this)

Each entry of ``OUTPUTS`` is ``(command arguments, output file)``:

- an argument ``{out}`` is replaced by the output path, for commands that write the
  file themselves (``-o {out}``); otherwise the command's standard output is saved;
- an argument naming an assessment file (``*.msht.yaml``) is looked up first among the
  files this run has already written (so a later entry can use an assessment made by an
  earlier one, e.g. a year started with ``assess {out} --from ... --answers ...``), then
  in examples/; any other argument naming a file in examples/ becomes its full path.

Entries run in order. Outputs must not depend on the date or time the script runs.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent
OUTPUT = EXAMPLES / "output"

OUTPUTS: list[tuple[list[str], str]] = [
    (["score", "midshire-2025.msht.yaml", "--json"], "output/midshire-2025-score.json"),
    (["plan", "midshire-2025.msht.yaml"], "output/midshire-2025-plan.md"),
    (["report", "midshire-2025.msht.yaml"], "output/midshire-2025-report.md"),
    (["score", "midshire-2026.msht.yaml", "--json"], "output/midshire-2026-score.json"),
    (["plan", "midshire-2026.msht.yaml"], "output/midshire-2026-plan.md"),
    (["plan", "midshire-2026.msht.yaml", "--json"], "output/midshire-2026-plan.json"),
    (
        ["plan", "midshire-2026.msht.yaml", "--phases", "3"],
        "output/midshire-2026-plan-phased.md",
    ),
    # the 2026/27 file was not started with `assess --from`, so the report is told last
    # year's file: the change since, last year's performance figures and their flags
    (
        ["report", "midshire-2026.msht.yaml", "--from", "midshire-2025.msht.yaml"],
        "output/midshire-2026-report.md",
    ),
    # the board paper and the full report in every format (docx needs python-docx)
    (
        ["report", "midshire-2026.msht.yaml", "--from", "midshire-2025.msht.yaml", "-o", "{out}"],
        "output/midshire-2026-report.html",
    ),
    (
        ["report", "midshire-2026.msht.yaml", "--from", "midshire-2025.msht.yaml", "-o", "{out}"],
        "output/midshire-2026-report.docx",
    ),
    (
        ["report", "midshire-2026.msht.yaml", "--from", "midshire-2025.msht.yaml", "--full"],
        "output/midshire-2026-report-full.md",
    ),
    (
        [
            "report",
            "midshire-2026.msht.yaml",
            "--from",
            "midshire-2025.msht.yaml",
            "--full",
            "-o",
            "{out}",
        ],
        "output/midshire-2026-report-full.html",
    ),
    (
        [
            "report",
            "midshire-2026.msht.yaml",
            "--from",
            "midshire-2025.msht.yaml",
            "--full",
            "-o",
            "{out}",
        ],
        "output/midshire-2026-report-full.docx",
    ),
    (["plan", "midshire-2026.msht.yaml", "-o", "{out}"], "output/midshire-2026-plan.html"),
    (["plan", "midshire-2026.msht.yaml", "-o", "{out}"], "output/midshire-2026-plan.docx"),
    # year on year (DIFF engineer)
    (
        ["diff", "midshire-2025.msht.yaml", "midshire-2026.msht.yaml", "-o", "{out}"],
        "output/midshire-diff.md",
    ),
    (
        ["diff", "midshire-2025.msht.yaml", "midshire-2026.msht.yaml", "--json"],
        "output/midshire-diff.json",
    ),
    # the third year, made with `msht assess midshire-2027.msht.yaml --from
    # midshire-2026.msht.yaml --answers midshire-2027-answers.yaml` (tests/test_examples.py
    # checks the committed file is what that command makes)
    (["score", "midshire-2027.msht.yaml", "--json"], "output/midshire-2027-score.json"),
    (["plan", "midshire-2027.msht.yaml"], "output/midshire-2027-plan.md"),
    (["report", "midshire-2027.msht.yaml"], "output/midshire-2027-report.md"),
    # carried from 2026/27: the board paper also shows how the scores moved since; given
    # both earlier years, its performance figures are charted over all three
    (
        [
            "report",
            "midshire-2027.msht.yaml",
            "--from",
            "midshire-2025.msht.yaml",
            "--from",
            "midshire-2026.msht.yaml",
            "-o",
            "{out}",
        ],
        "output/midshire-2027-report.html",
    ),
    (
        ["diff", "midshire-2026.msht.yaml", "midshire-2027.msht.yaml", "-o", "{out}"],
        "output/midshire-diff-2026-2027.md",
    ),
    (
        [
            "trend",
            "midshire-2025.msht.yaml",
            "midshire-2026.msht.yaml",
            "midshire-2027.msht.yaml",
            "--json",
        ],
        "output/midshire-trend.json",
    ),
    (
        ["trend", "midshire-2025.msht.yaml", "midshire-2026.msht.yaml", "midshire-2027.msht.yaml"],
        "output/midshire-trend.txt",
    ),
    # pages with charts (HTML): the three years, the first pair of years, and the region
    (
        [
            "trend",
            "midshire-2025.msht.yaml",
            "midshire-2026.msht.yaml",
            "midshire-2027.msht.yaml",
            "-o",
            "{out}",
        ],
        "output/midshire-trend.html",
    ),
    (
        ["diff", "midshire-2025.msht.yaml", "midshire-2026.msht.yaml", "-o", "{out}"],
        "output/midshire-diff.html",
    ),
    (
        ["compare", "region", "--partnership", "Midshire", "-o", "{out}"],
        "output/region-compare.html",
    ),
]


def _resolve(arg: str, dest: Path, out: Path) -> str:
    if arg == "{out}":
        return str(out)
    if arg.startswith("-"):
        return arg
    made = dest / arg
    if arg.endswith(".msht.yaml") and made.exists():
        return str(made)
    source = EXAMPLES / arg
    return str(source) if source.exists() else arg


def run(args: list[str]) -> tuple[int, str, str]:
    """Run one `msht` command in this process; return (exit code, stdout, stderr)."""
    from msht_toolkit.cli.app import app

    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            code = app(args, prog_name="msht", standalone_mode=False)
        except SystemExit as exc:  # typer.Exit from inside a command
            code = exc.code if isinstance(exc.code, int) else 1
    return int(code or 0), stdout.getvalue(), stderr.getvalue()


def regenerate(dest: Path = EXAMPLES) -> list[Path]:
    """Write every output under ``dest`` (same layout as examples/); return their paths."""
    os.environ.pop("MSHT_BANKS", None)  # only the bundled banks, whoever runs this
    written = []
    for args, name in OUTPUTS:
        out = dest / name
        out.parent.mkdir(parents=True, exist_ok=True)
        real = [_resolve(a, dest, out) for a in args]
        code, stdout, stderr = run(real)
        if code != 0:
            raise RuntimeError(f"msht {' '.join(args)} failed with exit {code}: {stderr.strip()}")
        if "{out}" not in args:
            out.write_text(stdout, encoding="utf-8")
        written.append(out)
    return written


def main(argv: list[str]) -> int:
    dest = Path(argv[1]).resolve() if len(argv) > 1 else EXAMPLES
    for path in regenerate(dest):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
