"""Every kind of error ends the installed `msht` with its exit code and one line per problem.

The codes are ``msht_toolkit.errors.ExitCode`` (0 success, 1 problems found, 2 bad
input or usage, 70 internal error, 130 interrupted). Each error type is met here the
way a user meets it, through the real console script; the walk's Ctrl-C, SIGTERM and
SIGHUP (130 after saving) are driven in a terminal in tests/e2e/test_walk_stops_e2e.py
and test_actions_e2e.py. The last tests keep the rule that only the handler
(cli/handler.py) and errors.py name an exit code.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import msht_toolkit
from msht_toolkit.assessment.lock import writer_lock
from msht_toolkit.errors import ExitCode

MSHT = Path(sys.executable).parent / "msht"
MINI = Path(__file__).resolve().parents[1] / "e2e" / "data" / "mini-bank.yaml"
PACKAGE = Path(msht_toolkit.__file__).resolve().parent

ASSESSMENT = """\
schema: msht-assessment/1
partnership: {partnership}
period: 2026/27
assessed_on: 2027-03-14
banks: {{mini: "1.0"}}
answers:
  MINI-LEAD-01: {{value: 0}}
  MINI-LEAD-02: {{value: "no"}}
  MINI-DAT-01: {{value: 5}}
"""


def msht(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, "NO_COLOR": "1"}
    for name in ("MSHT_BANKS", "MSHT_DEBUG"):
        environ.pop(name, None)
    return subprocess.run(
        [str(MSHT), *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=environ,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def one_line(result: subprocess.CompletedProcess[str], code: ExitCode) -> str:
    """The one line on stderr of a command that ended with ``code``, no traceback."""
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def assessment(folder: Path, name: str = "midshire.msht.yaml", **fields: str) -> Path:
    path = folder / name
    text = ASSESSMENT.format(partnership=fields.get("partnership", "Midshire Partnership"))
    path.write_text(text, encoding="utf-8")
    return path


# ---------------------------------------------------------------- 2: bad input or usage


def test_a_usage_error_is_one_line_exit_2(tmp_path: Path) -> None:
    line = one_line(msht("merge", assessment(tmp_path), "--bank", MINI), ExitCode.BAD_INPUT)
    assert line == "msht: merge needs an output file: -o PARTNERSHIP.msht.yaml"


def test_typers_own_usage_error_is_one_line_exit_2() -> None:
    line = one_line(msht("score", "--nope"), ExitCode.BAD_INPUT)
    assert line == "msht score: No such option: --nope (see 'msht score --help')"


def test_a_file_that_is_not_yaml_is_one_line_naming_its_place(tmp_path: Path) -> None:
    bad = tmp_path / "bad.msht.yaml"
    bad.write_text("schema: [\n", encoding="utf-8")
    line = one_line(msht("score", bad, "--bank", MINI), ExitCode.BAD_INPUT)
    assert line.startswith(f"{bad}:2:1: not valid YAML")


def test_an_answer_out_of_range_is_an_assessment_error_exit_2(tmp_path: Path) -> None:
    path = assessment(tmp_path)
    path.write_text(path.read_text().replace("{value: 0}", "{value: 9}"), encoding="utf-8")
    line = one_line(msht("score", path, "--bank", MINI), ExitCode.BAD_INPUT)
    assert line.startswith(f"{path}:7:") and "MINI-LEAD-01" in line


def test_a_broken_bank_is_a_bank_error_exit_2(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(MINI.read_text().replace('version: "1.0"\n', ""), encoding="utf-8")
    line = one_line(msht("banks", "list", "--bank", bank), ExitCode.BAD_INPUT)
    assert line == f"{bank}:1:1: bank is missing required key 'version'"


def test_several_broken_inputs_are_one_line_each_exit_2(tmp_path: Path) -> None:
    first, second = tmp_path / "a.msht.yaml", tmp_path / "b.msht.yaml"
    first.write_text("schema: [\n", encoding="utf-8")
    second.write_text("schema: msht-assessment/9\n", encoding="utf-8")
    result = msht("merge", first, second, "-o", tmp_path / "all.msht.yaml", "--bank", MINI)
    assert result.returncode == ExitCode.BAD_INPUT and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{first}:") and lines[1].startswith(f"{second}:")
    assert not (tmp_path / "all.msht.yaml").exists()


# ---------------------------------------------------------------- 2: refusals


def test_an_unknown_id_is_not_found_exit_2(tmp_path: Path) -> None:
    line = one_line(
        msht("explain", assessment(tmp_path), "NOPE-1", "--bank", MINI), ExitCode.BAD_INPUT
    )
    assert line.startswith("msht: 'NOPE-1' is not a question id, bank id or bank/section")


def test_nothing_readable_to_compare_is_refused_exit_2(tmp_path: Path) -> None:
    (tmp_path / "bad.msht.yaml").write_text("schema: [\n", encoding="utf-8")
    result = msht("compare", tmp_path, "--skip-bad", "--bank", MINI)
    assert result.returncode == ExitCode.BAD_INPUT and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[-1] == "msht: no readable assessments to compare"


def test_a_merge_conflict_is_refused_exit_2(tmp_path: Path) -> None:
    police = assessment(tmp_path, "police.msht.yaml", partnership="Midshire Partnership")
    council = assessment(tmp_path, "council.msht.yaml", partnership="Eastshire Partnership")
    out = tmp_path / "merged.msht.yaml"
    line = one_line(msht("merge", police, council, "-o", out, "--bank", MINI), ExitCode.BAD_INPUT)
    assert line.startswith("msht: cannot merge: ") and "(use --force to merge anyway)" in line
    assert not out.exists()


def test_an_output_that_must_not_be_replaced_is_refused_exit_2(tmp_path: Path) -> None:
    path = assessment(tmp_path)
    before = path.read_bytes()
    line = one_line(msht("plan", path, "--bank", MINI, "-o", path), ExitCode.BAD_INPUT)
    assert line == f"msht: {path}: is an input of this command; choose another output file"
    assert path.read_bytes() == before


def test_a_file_another_process_is_writing_is_refused_exit_2(tmp_path: Path) -> None:
    path = assessment(tmp_path)
    with writer_lock(path, "msht actions"):
        result = msht("sign", path, "--by", "J. Arden", "--on", "2027-03-20", "--bank", MINI)
    line = one_line(result, ExitCode.BAD_INPUT)
    assert line.startswith(f"msht: {path}") and "msht actions" in line


# ---------------------------------------------------------------- 2: a write that fails


UNWRITABLE = Path("/proc/self")  # a folder in which no file can be created, even by root


@pytest.mark.parametrize(
    ("command", "name", "said"),
    [
        (["plan"], "plan.md", "cannot write"),
        (["report"], "report.md", "cannot write"),
        (["export", "--format", "json"], "rows.json", "cannot write"),
        (["merge"], "merged.msht.yaml", "cannot lock it for writing"),
    ],
)
def test_a_failed_write_is_the_same_error_in_every_command(
    tmp_path: Path, command: list[str], name: str, said: str
) -> None:
    if not UNWRITABLE.is_dir():
        pytest.skip("needs /proc")
    out = UNWRITABLE / name
    result = msht(*command, assessment(tmp_path), "--bank", MINI, "-o", out)
    line = one_line(result, ExitCode.BAD_INPUT)
    assert line.startswith(f"msht: {out}: {said}")


# ---------------------------------------------------------------- 1: problems found


def test_problems_found_by_validate_exit_1_with_one_line_on_stderr(tmp_path: Path) -> None:
    bank = tmp_path / "bank.yaml"
    bank.write_text(MINI.read_text().replace('version: "1.0"\n', ""), encoding="utf-8")
    result = msht("banks", "validate", bank)
    assert one_line(result, ExitCode.PROBLEMS_FOUND) == "msht: 1 problem found"
    assert result.stdout == f"{bank}:1:1: bank is missing required key 'version'\n"
    quiet = msht("banks", "validate", bank, "--json")
    assert quiet.returncode == ExitCode.PROBLEMS_FOUND and quiet.stderr == ""


# ---------------------------------------------------------------- 70 and 130


def run_main_with(
    raising: str, *args: str | Path, debug: bool = False
) -> subprocess.CompletedProcess[str]:
    """The console script's ``main`` in a fresh process, with the scorer raising ``raising``
    (an error no code expects; or Ctrl-C, as if pressed while scoring)."""
    code = textwrap.dedent(
        f"""
        import sys
        import msht_toolkit.scoring.scorer as scorer
        def broken(*args, **kwargs):
            raise {raising}
        scorer.score_assessment = broken
        from msht_toolkit.cli.app import main
        sys.argv = ["msht", *sys.argv[1:]]
        main()
        """
    )
    environ = {**os.environ, "NO_COLOR": "1"}
    environ.pop("MSHT_DEBUG", None)
    if debug:
        environ["MSHT_DEBUG"] = "1"
    return subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        env=environ,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def test_an_internal_error_is_one_line_exit_70_and_its_traceback_only_when_asked(
    tmp_path: Path,
) -> None:
    path = assessment(tmp_path)
    result = run_main_with("RuntimeError('boom')", "score", path, "--bank", MINI)
    assert one_line(result, ExitCode.INTERNAL) == (
        "msht: internal error: RuntimeError: boom (please report it; set MSHT_DEBUG=1 for details)"
    )
    debug = run_main_with("RuntimeError('boom')", "score", path, "--bank", MINI, debug=True)
    assert debug.returncode != ExitCode.OK
    assert "Traceback" in debug.stderr and "RuntimeError: boom" in debug.stderr


def test_ctrl_c_outside_a_walk_is_one_line_exit_130(tmp_path: Path) -> None:
    result = run_main_with("KeyboardInterrupt", "score", assessment(tmp_path), "--bank", MINI)
    assert result.returncode == ExitCode.INTERRUPTED
    assert result.stderr == "\nmsht: interrupted\n"


# ---------------------------------------------------------------- the rule stays


def test_the_exit_codes_are_the_documented_ones() -> None:
    assert {code.name: int(code) for code in ExitCode} == {
        "OK": 0,
        "PROBLEMS_FOUND": 1,
        "BAD_INPUT": 2,
        "INTERNAL": 70,
        "INTERRUPTED": 130,
    }
    assert all(code.meaning for code in ExitCode)


def test_the_readme_exit_status_table_is_the_enum() -> None:
    readme = (PACKAGE.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("Exit status (`msht_toolkit.errors.ExitCode`", 1)[1].split("\n\n")[1]
    rows = [line.strip("|").split("|") for line in table.splitlines()[2:]]
    assert [(int(code), meaning.strip()) for code, meaning in rows] == [
        (int(code), code.meaning) for code in ExitCode
    ]


HANDLERS = {PACKAGE / "errors.py", PACKAGE / "cli" / "handler.py"}
EXITS = {"exit", "Exit", "SystemExit", "_exit"}


def exit_code_literals(tree: ast.AST) -> list[int]:
    """Lines where a number is used as an exit code: ``Exit(2)``, ``sys.exit(1)``,
    ``SystemExit(130)``, ``exit_code = 70``, ``X = 130`` in upper case (a code by
    another name), or a command module's ``return 1``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            values = [*node.args[:1], *(k.value for k in node.keywords if k.arg == "code")]
            if name in EXITS and any(isinstance(v, ast.Constant) for v in values):
                found.append(node.lineno)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [getattr(t, "id", getattr(t, "attr", "")) for t in targets]
            literal = isinstance(node.value, ast.Constant) and node.value.value in (1, 2, 70, 130)
            if literal and any(n == "exit_code" or n in ("INTERRUPTED", "INTERNAL") for n in names):
                found.append(node.lineno)
    return sorted(found)


def test_no_module_but_the_handler_uses_an_exit_code_literal() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path in HANDLERS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        offenders += [f"{path.relative_to(PACKAGE)}:{line}" for line in exit_code_literals(tree)]
        if path.parent.name == "cli" or path.name == "app.py":
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Return)
                    and isinstance(node.value, ast.Constant)
                    and type(node.value.value) is int
                ):
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} (return)")
    assert offenders == [], "use ExitCode / raise a typed error instead"


def test_the_literal_check_finds_each_form() -> None:
    source = textwrap.dedent(
        """
        import sys, typer
        raise typer.Exit(1)
        sys.exit(2)
        raise SystemExit(130)
        exit_code = 70
        INTERRUPTED = 130
        raise typer.Exit(ExitCode.OK)
        sys.exit(run(app, args))
        """
    )
    assert exit_code_literals(ast.parse(source)) == [3, 4, 5, 6, 7]
