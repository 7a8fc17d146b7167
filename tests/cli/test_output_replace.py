"""What `-o` will and will not replace (cli/outputs.py), through the real `msht`.

It never replaces an input, an assessment or a bank in any form (even with --force);
it replaces a missing or empty file and msht's own earlier output of each format;
anything else needs --force. FIFOs, /dev/stdout on a pipe and read-only files are
refused at once; `-o -` is standard output; a symbolic link is kept.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from msht_toolkit.assessment.writing import MERGE_HEADER
from msht_toolkit.cli.outputs import (
    DOCUMENT,
    MARKDOWN_MARKER,
    MERGE_MARKER,
    MERGED,
    what_is,
)

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
MINI = Path(__file__).resolve().parents[1] / "e2e" / "data" / "mini-bank.yaml"


def msht(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "NO_COLOR": "1"}
    environ.pop("MSHT_BANKS", None)
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "msht_toolkit", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environ,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert lines[0].startswith("msht: ")  # a usage error, in main's one-line form
    return lines[0].removeprefix("msht: ")


@pytest.fixture
def year(tmp_path: Path) -> Path:
    path = tmp_path / "midshire-2026.msht.yaml"
    shutil.copy(EXAMPLES / "midshire-2026.msht.yaml", path)
    return path


@pytest.fixture
def last_year(tmp_path: Path) -> Path:
    path = tmp_path / "midshire-2025.msht.yaml"
    shutil.copy(EXAMPLES / "midshire-2025.msht.yaml", path)
    return path


def json_form(source: Path, dest: Path) -> Path:
    """The same assessment written as JSON (JSON is YAML: msht loads it)."""
    from msht_toolkit.yamlio import load_yaml_file

    def plain(value):
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value if isinstance(value, int | float | str | bool) or value is None else str(value)

    dest.write_text(json.dumps(plain(load_yaml_file(source)), indent=1), encoding="utf-8")
    return dest


# ---------------------------------------------------------------- never replaced


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_merge_never_replaces_another_years_assessment(year, last_year, tmp_path, force):
    before = last_year.read_bytes()
    line = one_line(msht("merge", year, "-o", last_year, *force))
    assert line == (
        f"{last_year}: is an assessment file; msht will not replace it with a merged "
        "assessment (choose another file, or remove it first if you mean to)"
    )
    assert last_year.read_bytes() == before


def test_merge_replaces_its_own_earlier_output_but_not_once_it_was_edited(year, tmp_path):
    out = tmp_path / "partnership.msht.yaml"
    assert msht("merge", year, "-o", out).returncode == 0
    assert out.read_text(encoding="utf-8").startswith(MERGE_HEADER)
    again = msht("merge", year, "-o", out)
    assert again.returncode == 0, again.stderr
    # someone fills in an answer: it is now their assessment, not merge's output
    answers = tmp_path / "answers.yaml"
    answers.write_text("ID-NRM-01: 3\n", encoding="utf-8")
    assert msht("assess", out, "--answers", answers).returncode == 0
    assert not out.read_text(encoding="utf-8").startswith(MERGE_MARKER)
    edited = out.read_bytes()
    assert "is an assessment file" in one_line(msht("merge", year, "-o", out, "--force"))
    assert out.read_bytes() == edited


@pytest.mark.parametrize(
    "form", ["json", "quoted-key", "long-comment-header", "flow-mapping", "damaged"]
)
@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_an_assessment_in_any_form_is_never_replaced_by_an_output(
    year, last_year, tmp_path, form, force
):
    target = tmp_path / "target.txt"
    text = last_year.read_text(encoding="utf-8")
    if form == "json":
        json_form(last_year, target)
    elif form == "quoted-key":
        target.write_text(text.replace("schema: msht-assessment/1", '"schema": msht-assessment/1'))
    elif form == "long-comment-header":
        target.write_text("# notes from the board meeting\n" * 4000 + text)  # >64 KB first
    elif form == "flow-mapping":
        target.write_text('{schema: "msht-assessment/1", partnership: Midshire, answers: {}}\n')
    else:  # half-edited: no longer loads, but is plainly an assessment
        target.write_text(text + "\n  : : [unclosed\n")
    before = target.read_bytes()
    line = one_line(msht("plan", year, "-o", target, *force))
    assert line.startswith(f"{target}: is an assessment")
    assert "msht will not replace it with output" in line
    assert target.read_bytes() == before


@pytest.mark.parametrize("via", ["--bank", "MSHT_BANKS", "unloaded"])
@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_an_output_never_replaces_a_bank(tmp_path, via, force):
    bank = tmp_path / "mini.yaml"
    shutil.copy(MINI, bank)
    file = tmp_path / "m.msht.yaml"
    answers = tmp_path / "answers.yaml"
    answers.write_text("MINI-LEAD-01: 2\n", encoding="utf-8")
    made = msht("assess", file, "--answers", answers, "--bank", bank, "--bank", "mini")
    assert made.returncode == 0, made.stderr
    before = bank.read_bytes()
    if via == "--bank":
        result = msht("plan", file, "--bank", bank, "-o", bank, *force)
    elif via == "MSHT_BANKS":
        result = msht("report", file, "-o", bank, *force, env={"MSHT_BANKS": str(bank)})
    else:
        other = tmp_path / "scored.msht.yaml"
        shutil.copy(EXAMPLES / "midshire-2026.msht.yaml", other)
        result = msht("export", other, "--format", "csv", "-o", bank, *force)
    line = one_line(result)
    assert line.startswith(f"{bank}: is ")
    assert ("a question bank" in line) or ("is an input" in line)
    assert bank.read_bytes() == before


def test_an_input_is_never_replaced_even_with_force(year):
    before = year.read_bytes()
    assert "is an input" in one_line(msht("plan", year, "-o", year, "--force"))
    assert year.read_bytes() == before


# ---------------------------------------------------------------- needs --force


@pytest.mark.parametrize(
    "command",
    [
        ["plan", "{year}", "-o", "{out}"],
        ["report", "{year}", "-o", "{out}"],
        ["diff", "{last}", "{year}", "-o", "{out}"],
        ["diff", "{last}", "{year}", "--json", "-o", "{out}"],
        ["export", "{year}", "--format", "csv", "-o", "{out}"],
        ["export", "{year}", "--format", "json", "-o", "{out}"],
        ["merge", "{year}", "-o", "{out}"],
    ],
    ids=["plan", "report", "diff", "diff-json", "csv", "json", "merge"],
)
def test_a_file_msht_did_not_write_needs_force(year, last_year, tmp_path, command):
    out = tmp_path / "board-notes.md"
    out.write_text("Notes typed by the chair before the meeting.\n", encoding="utf-8")
    args = [a.format(year=year, last=last_year, out=out) for a in command]
    line = one_line(msht(*args))
    assert line == (
        f"{out}: exists and is a file msht did not write; choose another file, "
        "or add --force to replace it"
    )
    assert out.read_text(encoding="utf-8") == "Notes typed by the chair before the meeting.\n"
    forced = msht(*args, "--force")
    assert forced.returncode == 0, forced.stderr
    assert "Notes typed by the chair" not in out.read_text(encoding="utf-8")


# ---------------------------------------------------------------- replaced freely


@pytest.mark.parametrize(
    ("command", "name", "family"),
    [
        (["plan", "{year}"], "plan.md", DOCUMENT),
        (["report", "{year}"], "report.md", DOCUMENT),
        (["diff", "{last}", "{year}"], "diff.md", DOCUMENT),
        (["diff", "{last}", "{year}", "--json"], "diff.json", DOCUMENT),
        (["export", "{year}", "--format", "csv"], "rows.csv", DOCUMENT),
        (["export", "{year}", "--format", "csv", "--encoding", "utf-8"], "rows.csv", DOCUMENT),
        (["export", "{year}", "--format", "json"], "rows.json", DOCUMENT),
        (["export", "{year}", "--format", "xlsx"], "rows.xlsx", DOCUMENT),
        (["merge", "{year}"], "merged.msht.yaml", MERGED),
        (["diff", "{last}", "{year}"], "diff.html", DOCUMENT),
        (["trend", "{last}", "{year}"], "trend.txt", DOCUMENT),
        (["trend", "{last}", "{year}"], "trend.html", DOCUMENT),
        (["plan", "{year}", "--json"], "plan.json", DOCUMENT),
        (["report", "{year}"], "report.html", DOCUMENT),
        (["report", "{year}"], "report.docx", DOCUMENT),
        (["plan", "{year}"], "plan.docx", DOCUMENT),
    ],
    ids=[
        "plan",
        "report",
        "diff",
        "diff-json",
        "csv",
        "csv-no-bom",
        "json",
        "xlsx",
        "merge",
        "diff-html",
        "trend-txt",
        "trend-html",
        "plan-json",
        "report-html",
        "report-docx",
        "plan-docx",
    ],
)
def test_own_earlier_output_of_each_format_is_replaced(
    year, last_year, tmp_path, command, name, family
):
    if name.endswith(".xlsx"):
        pytest.importorskip("openpyxl")
    if name.endswith(".docx"):
        pytest.importorskip("docx")
    out = tmp_path / name
    args = [a.format(year=year, last=last_year) for a in command]
    first = msht(*args, "-o", out)
    assert first.returncode == 0, first.stderr
    assert what_is(out)[0] == family  # recognised by its marker
    again = msht(*args, "-o", out)
    assert again.returncode == 0, again.stderr
    assert f"wrote {out}" in again.stderr


def test_an_empty_file_is_replaced(year, tmp_path):
    out = tmp_path / "plan.md"
    out.touch()
    assert msht("plan", year, "-o", out).returncode == 0
    assert out.read_text(encoding="utf-8").startswith(MARKDOWN_MARKER + "\n# Action plan")


def test_a_document_never_replaces_a_merged_assessment(year, tmp_path):
    merged = tmp_path / "merged.msht.yaml"
    assert msht("merge", year, "-o", merged).returncode == 0
    before = merged.read_bytes()
    line = one_line(msht("plan", year, "-o", merged, "--force"))
    assert "is an earlier msht merge output; msht will not replace it with output" in line
    assert merged.read_bytes() == before


def test_html_and_docx_markers_are_recognised(tmp_path):
    html = tmp_path / "report.html"
    html.write_text(
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="generator" content="msht-toolkit 0.1.0">\n<title>x</title></head>\n'
        "<body></body></html>\n",
        encoding="utf-8",
    )
    assert what_is(html)[0] == DOCUMENT
    html.write_text(
        '<!DOCTYPE html><html><head><meta name="generator" content="Hugo"></head></html>'
    )
    assert what_is(html)[0] is None

    def docx(creator: str) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr(
                "docProps/core.xml",
                '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
                'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                f"<dc:creator>{creator}</dc:creator></cp:coreProperties>",
            )
        return buffer.getvalue()

    word = tmp_path / "report.docx"
    word.write_bytes(docx("msht-toolkit"))
    assert what_is(word)[0] == DOCUMENT
    word.write_bytes(docx("A. Lead"))
    assert what_is(word)[0] is None


def test_merge_marker_is_the_first_line_of_the_merge_header():
    assert MERGE_HEADER.splitlines()[0] == MERGE_MARKER


# ---------------------------------------------------------------- not regular files


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize(
    "command",
    [
        ["plan", "{year}", "-o", "{fifo}"],
        ["diff", "{year}", "{year2}", "--json", "-o", "{fifo}"],
        ["export", "{year}", "--format", "csv", "-o", "{fifo}"],
        ["merge", "{year}", "-o", "{fifo}"],
    ],
    ids=["plan", "diff", "export", "merge"],
)
def test_a_fifo_as_output_is_refused_at_once(year, tmp_path, command):
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    year2 = tmp_path / "2027.msht.yaml"
    shutil.copy(EXAMPLES / "midshire-2027.msht.yaml", year2)
    args = [a.format(year=year, year2=year2, fifo=fifo) for a in command]
    line = one_line(msht(*args))  # the timeout in msht() catches a hang
    assert line.startswith(f"{fifo}: is not a regular file (a pipe or device)")


def test_dev_stdout_on_a_pipe_is_refused_at_once(year):
    if not Path("/dev/stdout").exists():
        pytest.skip("no /dev/stdout here")
    line = one_line(msht("plan", year, "-o", "/dev/stdout"))  # stdout is a pipe here
    assert "is not a regular file" in line and "use -o -" in line


def test_dash_means_standard_output(year, tmp_path):
    printed = msht("plan", year)
    dashed = msht("plan", year, "-o", "-", cwd=tmp_path)
    assert dashed.returncode == 0
    assert dashed.stdout == printed.stdout
    assert not (tmp_path / "-").exists()
    csv = msht("export", year, "--format", "csv", "-o", "-", cwd=tmp_path)
    assert csv.returncode == 0 and csv.stdout.lstrip("\ufeff").startswith("bank,")
    assert not (tmp_path / "-").exists()


def test_dash_xlsx_goes_down_a_pipe(year, tmp_path):
    pytest.importorskip("openpyxl")
    result = subprocess.run(
        [sys.executable, "-m", "msht_toolkit", "export", str(year), "--format", "xlsx", "-o", "-"],
        capture_output=True,
        cwd=tmp_path,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(b"PK\x03\x04")
    assert not (tmp_path / "-").exists()


def test_merge_to_dash_is_refused(year, tmp_path):
    line = one_line(msht("merge", year, "-o", "-", cwd=tmp_path))
    assert line == "merge writes an assessment file: name it with -o PARTNERSHIP.msht.yaml"
    assert not (tmp_path / "-").exists()


def test_a_read_only_output_is_refused(year, tmp_path):
    out = tmp_path / "plan.md"
    assert msht("plan", year, "-o", out).returncode == 0
    os.chmod(out, 0o400)
    before = out.read_bytes()
    line = one_line(msht("plan", year, "-o", out, "--force"))
    assert (
        line == f"{out}: is read-only (mode 0400); msht will not replace it (choose another file)"
    )
    assert out.read_bytes() == before


def test_an_output_through_a_symbolic_link_keeps_the_link(year, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    link = tmp_path / "plan.md"
    link.symlink_to(shared / "plan.md")
    for _ in range(2):
        result = msht("plan", year, "-o", link)
        assert result.returncode == 0, result.stderr
    assert link.is_symlink()
    assert (shared / "plan.md").read_text(encoding="utf-8").startswith(MARKDOWN_MARKER)
    assert sorted(p.name for p in shared.iterdir()) == ["plan.md"]
