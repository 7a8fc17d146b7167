"""No escape sequence from a file reaches a terminal or a text output.

Every command runs through the real ``python -m msht_toolkit`` on a hostile user bank
and hostile assessments (``tests/hostile.py``: the payload in every free-text field),
plain (``NO_COLOR=1``: no ESC at all may appear) and with colour forced on
(``FORCE_COLOR=1``: rich's own SGR colour codes are the only escape sequences allowed).
stdout, stderr and every file written are checked. To cover a new command, add one
line to ``COMMANDS``.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import hostile
import pytest

# One line per command; steps joined by " ; " run in turn. {bank} is added as --bank to
# every step but `banks validate`, which takes the bank as its argument.
COMMANDS = [
    "score {new}",
    "score {new} --detail",
    "score {new} --json",
    "review {new}",
    "review {new} --json",
    "explain {new}",
    "explain {new} HX-LEAD-01",
    "explain {new} hostile",
    "explain {new} hostile/lead",
    "explain {new} --json",
    "explain {new} HX-LEAD-01 --json",
    "plan {new}",
    "plan {new} --phases 3",
    "plan {new} -o {out}/plan.md",
    "plan {new} --all --json",
    "plan {new} -o {out}/plan.html",
    "plan {new} -o {out}/plan.docx",
    "report {new}",
    "report {new} -o {out}/report.md",
    "report {new} --full",
    "report {new} --full -o {out}/report.html",
    "report {new} --full -o {out}/report.docx",
    "diff {old} {new}",
    "diff {old} {new} --json",
    "diff {old} {new} -o {out}/diff.md",
    "diff {old} {new} --json -o {out}/diff.json",
    "diff {old} {new} -o {out}/diff.html",
    "trend {old} {new}",
    "trend {old} {new} --json",
    "trend {old} {new} --format html -o {out}/trend.html",
    "compare {dir}",
    "compare {dir} --json",
    "compare {dir} --format html -o {out}/compare.html",
    "banks list",
    "banks list --json",
    "banks show hostile",
    "banks show hostile --json",
    "banks validate {bank}",
    "banks validate {bank} --json",
    "export {new} --format csv",
    "export {new} --format json",
    "export {new} --format csv -o {out}/export.csv",
    "export {new} --format json -o {out}/export.json",
    "export {new} --format xlsx -o {out}/export.xlsx",
    "merge {a} {b} -o {out}/merged.msht.yaml ; score {out}/merged.msht.yaml --detail",
    "merge {a} {b} -o {out}/merged.msht.yaml ; report {out}/merged.msht.yaml",
]


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("hostile")
    region = root / "region"
    region.mkdir()
    paths = {
        "bank": hostile.write(root / "hostile.yaml", hostile.bank_data()),
        "new": hostile.write(root / "new.msht.yaml", hostile.assessment_data()),
        "old": hostile.write(
            root / "old.msht.yaml", hostile.assessment_data("2025/26", levels=(0, 0))
        ),
        "a": hostile.write(root / "police.msht.yaml", hostile.assessment_data()),
        "b": hostile.write(
            root / "council.msht.yaml",
            hostile.assessment_data(agency="Midshire County Council", levels=(3, 1)),
        ),
        "dir": region,
    }
    hostile.write(region / "midshire.msht.yaml", hostile.assessment_data())
    other = hostile.assessment_data(levels=(2, 1))
    other["partnership"] = hostile.h("Wexley Partnership")
    hostile.write(region / "wexley.msht.yaml", other)
    return paths


def run(step: str, paths: dict[str, Path], out: Path, colour: bool) -> subprocess.CompletedProcess:
    args = [a.format(out=out, **paths) for a in shlex.split(step)]
    if args[:2] != ["banks", "validate"]:
        args += ["--bank", str(paths["bank"])]
    env = {
        k: v for k, v in os.environ.items() if k not in ("MSHT_BANKS", "NO_COLOR", "FORCE_COLOR")
    }
    env.update({"FORCE_COLOR": "1", "TERM": "xterm-256color"} if colour else {"NO_COLOR": "1"})
    return subprocess.run(
        [sys.executable, "-m", "msht_toolkit", *args],
        capture_output=True,
        env=env,
        timeout=60,
    )


def strings(document: Any) -> list[str]:
    if isinstance(document, str):
        return [document]
    if isinstance(document, dict):
        return [s for key, value in document.items() for s in [*strings(key), *strings(value)]]
    if isinstance(document, list):
        return [s for item in document for s in strings(item)]
    return []


def xlsx_strings(path: Path) -> list[str]:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.load_workbook(path, read_only=True)
    return [
        c
        for ws in book
        for row in ws.iter_rows(values_only=True)
        for c in row
        if isinstance(c, str)
    ]


def docx_strings(path: Path) -> list[str]:
    docx = pytest.importorskip("docx")
    document = docx.Document(str(path))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return [p.text for p in document.paragraphs] + cells


def assert_json_keeps_the_text(text: str) -> None:
    """JSON escapes control characters as JSON does, and reads back to the files' text."""
    found = [s for s in strings(json.loads(text)) if "pwned" in s]
    assert all(hostile.PAYLOAD in s for s in found), found[:1]


@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
@pytest.mark.parametrize("command", COMMANDS)
def test_no_control_character_from_a_file_reaches_the_output(
    command: str, colour: bool, files: dict[str, Path], tmp_path: Path
):
    for step in command.split(" ; "):
        result = run(step, files, tmp_path, colour)
        stdout = result.stdout.decode("utf-8")
        stderr = result.stderr.decode("utf-8")
        assert result.returncode == 0, stderr
        for name, text in (("stdout", stdout), ("stderr", stderr)):
            if not colour:
                assert "\x1b" not in text, f"{step}: ESC on {name}: {hostile.unsafe_in(text)[:3]}"
            leaks = hostile.unsafe_in(text, colour=colour)
            assert not leaks, f"{step}: {len(leaks)} control characters on {name}: {leaks[:3]}"
        if "--json" in step.split() and "-o" not in step.split():
            assert_json_keeps_the_text(stdout)
    written = [p for p in tmp_path.iterdir() if p.is_file()]
    assert len(written) == command.count(" -o "), written
    for path in written:
        if path.suffix == ".xlsx":
            text = "\n".join(xlsx_strings(path))
            assert "␛]52;c;" in text  # shown visibly in the cells
        elif path.suffix == ".docx":
            text = "\n".join(docx_strings(path))
            assert "␛]52;c;" in text
        else:
            text = path.read_bytes().decode("utf-8")
        # an assessment is data: YAML escapes its control characters, keeps bidi marks
        leaks = hostile.unsafe_in(text, bidi=not path.name.endswith(".msht.yaml"))
        assert "\x1b" not in text and not leaks, f"{path.name}: {leaks[:3]}"
        if path.suffix == ".json":
            assert_json_keeps_the_text(text)


@pytest.fixture(scope="module")
def bad_files(files: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Files with problems whose messages quote hostile text, and a diff that warns."""
    root = tmp_path_factory.mktemp("hostile-bad")
    bank = hostile.bank_data()
    bank[hostile.h("key")] = 1
    bank["sections"][0]["questions"][0]["type"] = hostile.h("type")
    bad = hostile.assessment_data()
    bad["answers"]["HX-LEAD-01"]["value"] = hostile.h("level")
    bad["plan"]["HX-LEAD-03"] = {"status": hostile.h("status")}
    other = hostile.assessment_data("2025/26")
    other["partnership"] = hostile.h("Wexley Partnership")
    return {
        **files,
        "badbank": hostile.write(root / "bad-bank.yaml", bank),
        "bad": hostile.write(root / "bad.msht.yaml", bad),
        "other": hostile.write(root / "other.msht.yaml", other),
    }


# A command whose messages (problems, warnings) quote file text, and its exit status.
PROBLEMS = {
    "banks validate {badbank}": 1,
    "banks validate {badbank} --json": 1,
    "score {bad}": 2,
    "diff {other} {new}": 0,  # a warning: the files are for different partnerships
    "trend {other} {new}": 0,
}


@pytest.mark.parametrize("command", PROBLEMS)
def test_messages_quoting_file_text_are_safe(
    command: str, bad_files: dict[str, Path], tmp_path: Path
):
    result = run(command, bad_files, tmp_path, colour=False)
    stdout, stderr = result.stdout.decode("utf-8"), result.stderr.decode("utf-8")
    assert result.returncode == PROBLEMS[command], stderr
    assert (stdout + stderr).strip(), "a problem or a warning is reported"
    for text in (stdout, stderr):
        assert "\x1b" not in text and not hostile.unsafe_in(text), hostile.unsafe_in(text)[:3]


def test_the_files_themselves_keep_their_text(files: dict[str, Path], tmp_path: Path):
    """Only what is shown is made safe: a merged file keeps every character."""
    from msht_toolkit.assessment.reading import load_assessment

    out = tmp_path / "merged.msht.yaml"
    result = run(f"merge {{a}} {{b}} -o {out}", files, tmp_path, colour=False)
    assert result.returncode == 0, result.stderr
    merged = load_assessment(out)
    assert merged.partnership == hostile.h("Midshire Anti-Slavery Partnership")
    notes = {r.note for r in merged.answers["HX-LEAD-01"].responses}
    assert notes == {
        hostile.h("Note by Midshire Police"),
        hostile.h("Note by Midshire County Council"),
    }
