"""`msht report FILE [-o REPORT.md]`: stdout or an atomic 0600 file; bad input exits 2."""

from __future__ import annotations

import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_check import headings, table_problems, text
from typer.testing import CliRunner

from msht_toolkit.cli.app import app
from msht_toolkit.cli.outputs import MARKDOWN_MARKER


@pytest.fixture
def file(write_assessment: Callable[..., Path]) -> Path:
    return write_assessment(
        {"PS-INV-01": 2, "PS-INV-02": {"value": 0, "note": "Cases close | when victims withdraw"}},
        banks={"pursue": "2026.1"},
        partnership="Westvale Anti-Slavery Partnership",
        participants=[{"name": "A. Lead", "agency": "Westvale Police", "role": "DCI"}],
    )


def run(*args: object) -> object:
    return CliRunner().invoke(app, [str(a) for a in args])


def test_prints_the_board_report(file: Path) -> None:
    result = run("report", file)
    assert result.exit_code == 0, result.stderr
    md = result.stdout
    assert headings(md)[0] == (1, "Board report: Westvale Anti-Slavery Partnership 2026/27")
    assert table_problems(md) == []
    visible = text(md)
    assert "A. Lead (Westvale Police, DCI)" in visible
    assert "1 critical question is rated RED" in visible
    assert "Cases close | when victims withdraw" not in visible  # notes are in --full only
    assert "Annex: every section and question" not in visible


def test_full_adds_the_annex_with_notes(file: Path) -> None:
    result = run("report", file, "--full")
    assert result.exit_code == 0, result.stderr
    visible = text(result.stdout)
    assert (2, "Annex: every section and question") in headings(result.stdout)
    assert "Note: Cases close | when victims withdraw" in visible


def test_writes_the_file_0600(file: Path, tmp_path: Path) -> None:
    out = tmp_path / "REPORT.md"
    result = run("report", file, "--output", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text(encoding="utf-8") == f"{MARKDOWN_MARKER}\n" + run("report", file).stdout


def test_bad_file_exits_2_one_line_nothing_written(tmp_path: Path) -> None:
    bad = tmp_path / "bad.msht.yaml"
    bad.write_text("schema: msht-assessment/9\n", encoding="utf-8")
    out = tmp_path / "REPORT.md"
    result = run("report", bad, "-o", out)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert str(bad) in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    ("name", "start"),
    [
        # after the first-line marker of msht's own output (cli/outputs.py)
        ("r.md", MARKDOWN_MARKER.encode() + b"\n# Board report"),
        ("r.markdown", MARKDOWN_MARKER.encode() + b"\n# Board report"),
        ("r.html", b"<!DOCTYPE html>"),
        ("R.HTM", b"<!DOCTYPE html>"),
        ("r.docx", b"PK\x03\x04"),
    ],
)
def test_format_follows_the_output_suffix(
    file: Path, tmp_path: Path, name: str, start: bytes
) -> None:
    out = tmp_path / name
    result = run("report", file, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(start)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert result.stderr == f"msht: wrote {out}\n"


def test_format_given_on_stdout(file: Path) -> None:
    result = run("report", file, "--format", "html")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert run("report", file, "-f", "MD").stdout.startswith("# Board report")


def test_format_given_with_an_unknown_suffix(file: Path, tmp_path: Path) -> None:
    out = tmp_path / "board.txt"
    result = run("report", file, "--format", "html", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "--format must be one of md, html, docx, not 'pdf'"),
        (["-o", "{tmp}/r.pdf"], "cannot tell the format from .pdf; name a .md, .html or .docx"),
        (["-o", "{tmp}/report"], "cannot tell the format from a name without a suffix"),
        (["--format", "html", "-o", "{tmp}/r.md"], "--format html does not match -o"),
    ],
)
def test_format_errors_are_one_line_and_write_nothing(
    file: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    result = run("report", file, *[a.replace("{tmp}", str(tmp_path)) for a in args])
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert message in result.stderr
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == [file.name]


def test_word_output_piped_is_the_file_itself(file: Path, tmp_path: Path) -> None:
    import io

    import docx

    result = CliRunner().invoke(app, ["report", str(file), "-f", "docx"])
    assert result.exit_code == 0, result.stderr
    word = docx.Document(io.BytesIO(result.stdout_bytes))
    assert word.paragraphs[0].style.name == "Heading 1"


def test_word_output_to_a_terminal_is_refused(file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from msht_toolkit.cli import formats
    from msht_toolkit.errors import UsageError

    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(formats.sys, "stdout", Tty())
    with pytest.raises(UsageError, match=r"a Word file is binary: write it with -o FILE\.docx"):
        formats.choose_format("report", "docx", None)


def test_word_without_python_docx_names_the_pip_command(
    file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "docx", None)  # import docx raises ImportError
    result = run("report", file, "-o", tmp_path / "r.docx")
    assert result.exit_code == 2
    assert (
        result.stderr == "msht: Word output needs python-docx: pip install 'msht-toolkit[word]'\n"
    )
    assert not (tmp_path / "r.docx").exists()


def test_markdown_report_loads_neither_jinja2_nor_python_docx(tmp_path: Path) -> None:
    import subprocess
    import sys

    example = Path(__file__).resolve().parents[2] / "examples" / "midshire-2026.msht.yaml"
    code = (
        "import sys\n"
        "from msht_toolkit.cli.app import app\n"
        "try:\n"
        f"    app(['report', {str(example)!r}, '-o', {str(tmp_path / 'r.md')!r}])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print([m for m in ('jinja2', 'markupsafe', 'docx', 'lxml') if m in sys.modules])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "[]", result.stderr
    assert (tmp_path / "r.md").exists()


def test_carried_from_adds_last_year_and_a_missing_file_is_a_warning(tmp_path: Path) -> None:
    import shutil

    examples = Path(__file__).resolve().parents[2] / "examples"
    for name in ("midshire-2026.msht.yaml", "midshire-2027.msht.yaml"):
        shutil.copy(examples / name, tmp_path / name)
    result = run("report", tmp_path / "midshire-2027.msht.yaml")
    assert result.exit_code == 0, result.stderr
    assert (2, "Since 2026/27") in headings(result.stdout)
    (tmp_path / "midshire-2026.msht.yaml").unlink()
    result = run("report", tmp_path / "midshire-2027.msht.yaml")
    assert result.exit_code == 0
    assert "last year's file (carried_from) not found; no comparison shown" in result.stderr
    assert (2, "Since 2026/27") not in headings(result.stdout)
