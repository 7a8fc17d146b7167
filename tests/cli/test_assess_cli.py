"""`msht assess` without a terminal: --answers (good and bad), --from, refusals; `msht review`."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from msht_toolkit.assessment.check import check_answers
from msht_toolkit.assessment.reading import load_assessment
from msht_toolkit.banks.registry import load_bankset
from msht_toolkit.cli.app import app

MINI = Path(__file__).resolve().parents[1] / "e2e" / "data" / "mini-bank.yaml"
BANK_ARGS = ["--bank", str(MINI), "--bank", "mini"]


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def loaded(path: Path, bank_paths=(MINI,)):
    assessment = load_assessment(path)
    check_answers(assessment, load_bankset(list(bank_paths), environ={}))
    return assessment


def test_answers_create_a_new_file_with_by_and_at(runner, tmp_path):
    answers = write(
        tmp_path / "answers.yaml",
        "MINI-LEAD-01: 2\n"
        "MINI-LEAD-02: {value: yes, note: Meets monthly, evidence: [Minutes], by: Midshire County Council}\n"
        "MINI-DAT-01: unknown\n",
    )
    out = tmp_path / "m.msht.yaml"
    result = invoke(
        runner,
        "assess",
        str(out),
        "--answers",
        str(answers),
        *BANK_ARGS,
        "--agency",
        "Midshire Police",
    )
    assert result.exit_code == 0, result.output
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    a = loaded(out)
    assert a.banks == {"mini": "1.0"}
    assert (
        a.answers["MINI-LEAD-01"].value == 2 and a.answers["MINI-LEAD-01"].by == "Midshire Police"
    )
    assert a.answers["MINI-LEAD-02"].by == "Midshire County Council"
    assert a.answers["MINI-LEAD-02"].evidence == ["Minutes"]
    assert a.answers["MINI-DAT-01"].value == "unknown"
    assert all(x.at for x in a.answers.values())
    assert a.assessed_on


def test_answers_fill_an_existing_file_keeping_other_answers(runner, tmp_path):
    out = tmp_path / "m.msht.yaml"
    first = write(tmp_path / "a1.yaml", "MINI-LEAD-01: 1\n")
    second = write(tmp_path / "a2.yaml", "MINI-DAT-01: 60\n")
    assert invoke(runner, "assess", str(out), "--answers", str(first), *BANK_ARGS).exit_code == 0
    assert invoke(runner, "assess", str(out), "--answers", str(second), *BANK_ARGS).exit_code == 0
    a = loaded(out)
    assert a.answers["MINI-LEAD-01"].value == 1 and a.answers["MINI-DAT-01"].value == 60


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MINI-LEAD-01: 7\n", "MINI-LEAD-01 is a scale question"),
        ("MINI-NOPE-01: 2\n", "unknown question 'MINI-NOPE-01'"),
        ("MINI-LEAD-02: 3\n", "MINI-LEAD-02 is a yes/no question"),
        ("MINI-LEAD-03: weekly\n", "MINI-LEAD-03 is a choice question"),
        ("MINI-DAT-01: lots\n", "MINI-DAT-01 is a number question"),
        ("MINI-LEAD-01: [1, 2\n", "answers.yaml:"),
        ("- 1\n- 2\n", "must be a mapping"),
        ("MINI-LEAD-01: {value: 2, colour: red}\n", "colour"),
    ],
)
def test_bad_answers_exit_2_with_one_line_and_write_nothing(runner, tmp_path, text, expected):
    answers = write(tmp_path / "answers.yaml", text)
    out = tmp_path / "m.msht.yaml"
    result = invoke(runner, "assess", str(out), "--answers", str(answers), *BANK_ARGS)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    assert expected in lines[0]
    assert "answers.yaml" in lines[0]
    assert "Traceback" not in result.output
    assert not out.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["answers.yaml"]  # no temp files left


PERCENT = MINI.parent / "percent-bank.yaml"


@pytest.mark.parametrize("value", ["150", "-5"])
def test_a_number_outside_min_and_max_is_refused_with_the_answers_line(runner, tmp_path, value):
    answers = write(tmp_path / "answers.yaml", f"SH-STA-02: yes\nSH-STA-01: {value}\n")
    out = tmp_path / "m.msht.yaml"
    result = invoke(
        runner,
        "assess",
        str(out),
        "--answers",
        str(answers),
        "--bank",
        str(PERCENT),
        "--bank",
        "shares",
    )
    assert result.exit_code == 2
    assert result.output == (
        f"{answers}:2:1: SH-STA-01 must be a number from 0 to 100 percent, not {value}\n"
    )
    assert not out.exists()


def test_bad_answers_leave_an_existing_file_untouched(runner, tmp_path):
    out = tmp_path / "m.msht.yaml"
    good = write(tmp_path / "good.yaml", "MINI-LEAD-01: 1\n")
    assert invoke(runner, "assess", str(out), "--answers", str(good), *BANK_ARGS).exit_code == 0
    before = out.read_bytes()
    bad = write(tmp_path / "bad.yaml", "MINI-LEAD-02: maybe\nMINI-LEAD-01: 3\n")
    result = invoke(runner, "assess", str(out), "--answers", str(bad), *BANK_ARGS)
    assert result.exit_code == 2
    assert "bad.yaml:1:" in result.output
    assert out.read_bytes() == before


def test_missing_answers_file_and_missing_file_argument(runner, tmp_path):
    result = invoke(
        runner, "assess", str(tmp_path / "m.msht.yaml"), "--answers", str(tmp_path / "none.yaml")
    )
    assert result.exit_code == 2 and "no such answers file" in result.output
    result = invoke(runner, "assess", "--answers", str(tmp_path / "none.yaml"))
    assert result.exit_code == 2 and "needs the FILE" in result.output


def test_no_terminal_and_no_answers_is_refused(runner, tmp_path):
    out = tmp_path / "m.msht.yaml"
    result = invoke(runner, "assess", str(out), *BANK_ARGS)
    assert result.exit_code == 2
    assert len(result.output.strip().splitlines()) == 1
    assert "needs a terminal" in result.output and "--answers" in result.output
    assert not out.exists()


def test_unknown_bank_id_is_refused(runner, tmp_path):
    result = invoke(runner, "assess", str(tmp_path / "m.msht.yaml"), "--bank", "no-such-bank")
    assert result.exit_code == 2 and "no bank 'no-such-bank'" in result.output


def test_from_with_answers_carries_forward_then_fills(runner, tmp_path):
    old = tmp_path / "midshire-2025.msht.yaml"
    old.write_text(
        yaml.safe_dump(
            {
                "schema": "msht-assessment/1",
                "partnership": "Midshire Anti-Slavery Partnership",
                "area": "Midshire",
                "period": "2025/26",
                "assessed_on": "2026-03-10",
                "banks": {"mini": "1.0"},
                "participants": [{"name": "A. Lead", "agency": "Midshire Police"}],
                "answers": {"MINI-LEAD-01": {"value": 1}, "MINI-LEAD-02": {"value": "yes"}},
            },
            sort_keys=False,
        )
    )
    answers = write(tmp_path / "answers.yaml", "MINI-LEAD-01: 3\n")
    new = tmp_path / "midshire-2026.msht.yaml"
    result = invoke(
        runner,
        "assess",
        str(new),
        "--from",
        str(old),
        "--answers",
        str(answers),
        "--bank",
        str(MINI),
    )
    assert result.exit_code == 0, result.output
    a = loaded(new)
    assert a.period == "2026/27" and a.area == "Midshire"
    assert a.carried_from == "midshire-2025.msht.yaml"
    assert [p.name for p in a.participants] == ["A. Lead"]
    assert {k: x.value for k, x in a.answers.items()} == {"MINI-LEAD-01": 3}  # nothing else copied
    # and --from refuses to overwrite
    result = invoke(
        runner,
        "assess",
        str(new),
        "--from",
        str(old),
        "--answers",
        str(answers),
        "--bank",
        str(MINI),
    )
    assert result.exit_code == 2 and "already exists" in result.output


def test_from_leaves_out_decisions_on_removed_questions_and_says_so(runner, tmp_path):
    """`assess --from` drops plan entries the new versions have no question for."""
    text = MINI.read_text(encoding="utf-8")
    start = text.index("      - id: MINI-DAT-01")
    end = text.index("      - id: MINI-DAT-02")
    newer = write(tmp_path / "mini-2.yaml", (text[:start] + text[end:]).replace('"1.0"', '"2.0"'))
    old = tmp_path / "midshire-2025.msht.yaml"
    old.write_text(
        "schema: msht-assessment/1\npartnership: Midshire Anti-Slavery Partnership\n"
        "period: 2025/26\nbanks: {mini: '1.0'}\nanswers:\n  MINI-LEAD-01: 1\n"
        "plan:\n  MINI-LEAD-01: {owner: Midshire Police, status: agreed}\n"
        "  MINI-DAT-01: {owner: Midshire County Council, status: in progress}\n",
        encoding="utf-8",
    )
    answers = write(tmp_path / "answers.yaml", "MINI-LEAD-01: 2\n")
    new = tmp_path / "midshire-2026.msht.yaml"
    result = runner.invoke(
        app,
        [
            *("assess", str(new), "--from", str(old), "--answers", str(answers)),
            *("--bank", str(MINI), "--bank", str(newer)),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        "msht: Left out last year's plan decision on MINI-DAT-01: the new bank versions no "
        "longer have that question."
    )
    carried = loaded(new, (MINI, newer))
    assert carried.banks == {"mini": "2.0"}
    assert list(carried.plan) == ["MINI-LEAD-01"]


def test_review_lists_items_grouped_with_agency(runner, tmp_path):
    path = tmp_path / "m.msht.yaml"
    path.write_text(
        yaml.safe_dump(
            {
                "schema": "msht-assessment/1",
                "partnership": "Midshire Anti-Slavery Partnership",
                "period": "2026/27",
                "banks": {"mini": "1.0"},
                "answers": {
                    "MINI-LEAD-01": {
                        "value": 2,
                        "review": True,
                        "review_reason": "NHS [/] to confirm",
                        "by": "Midshire Police",
                    },
                    "MINI-LEAD-02": {"value": "no"},
                    "MINI-DAT-01": {"value": "unknown", "by": "Midshire County Council"},
                },
            },
            sort_keys=False,
        )
    )
    result = invoke(runner, "review", str(path), "--bank", str(MINI))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "1 marked for review, 1 don't know, 1 not answered." in out
    assert "Mini test bank (mini 1.0): 3 to review" in out
    assert (
        "MINI-LEAD-01 [Leadership]: marked for review; reason: NHS [/] to confirm; answered by Midshire Police"
        in out
    )
    assert "MINI-DAT-01 [Data]: don't know; answered by Midshire County Council" in out
    assert "MINI-DAT-02 [Data]: not answered" in out
    assert "MINI-LEAD-03" not in out  # not asked: MINI-LEAD-02 is no
    assert out.index("MINI-LEAD-01") < out.index("MINI-DAT-01") < out.index("MINI-DAT-02")


def test_review_of_a_complete_file(runner, tmp_path):
    answers = write(
        tmp_path / "answers.yaml",
        "MINI-LEAD-01: 2\nMINI-LEAD-02: no\nMINI-DAT-01: 3\nMINI-DAT-02: Health data\n",
    )
    out = tmp_path / "m.msht.yaml"
    assert invoke(runner, "assess", str(out), "--answers", str(answers), *BANK_ARGS).exit_code == 0
    result = invoke(runner, "review", str(out), "--bank", str(MINI))
    assert result.exit_code == 0 and "Nothing to review" in result.output


def test_review_of_a_bad_file_is_one_line_exit_2(runner, tmp_path):
    path = write(tmp_path / "bad.msht.yaml", "schema: msht-assessment/1\nanswers: [1]\n")
    result = invoke(runner, "review", str(path))
    assert result.exit_code == 2
    assert result.output.strip().startswith(str(path))


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("MINI-LEAD-01: 2\n", "1 answer"),
        ("MINI-LEAD-01: 2\nMINI-LEAD-02: no\n", "2 answers"),
    ],
)
def test_answers_reports_how_many_answers_were_written(runner, tmp_path, text, count):
    answers = write(tmp_path / "answers.yaml", text)
    out = tmp_path / "m.msht.yaml"
    result = invoke(runner, "assess", str(out), "--answers", str(answers), *BANK_ARGS)
    assert result.exit_code == 0, result.output
    assert result.output == f"msht: wrote {out} ({count})\n"


def test_a_folder_given_as_answers_is_named_a_folder(runner, tmp_path):
    folder = tmp_path / "answers"
    folder.mkdir()
    out = tmp_path / "m.msht.yaml"
    result = invoke(runner, "assess", str(out), "--answers", str(folder), *BANK_ARGS)
    assert result.exit_code == 2
    assert result.output == f"msht: {folder}: is a folder, not an answers file\n"
    assert not out.exists()


def test_a_read_only_assessment_is_refused_before_anything_is_asked(runner, tmp_path):
    answers = write(tmp_path / "answers.yaml", "MINI-LEAD-01: 2\n")
    out = tmp_path / "m.msht.yaml"
    assert invoke(runner, "assess", str(out), "--answers", str(answers), *BANK_ARGS).exit_code == 0
    os.chmod(out, 0o400)
    before = out.read_bytes()
    write(answers, "MINI-LEAD-01: 3\n")
    for args in (["--answers", str(answers)], []):  # the fill, and the walk (no terminal here)
        result = invoke(runner, "assess", str(out), *args, *BANK_ARGS)
        assert result.exit_code == 2
        assert result.output == (
            f"msht: {out}: is read-only (mode 0400); msht will not replace it "
            "(make it writable, e.g. chmod u+w, to change it)\n"
        )
    assert out.read_bytes() == before
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o400


def test_answers_through_a_symbolic_link_keep_the_link(runner, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "m.msht.yaml"
    link = tmp_path / "m.msht.yaml"
    link.symlink_to(real)
    answers = write(tmp_path / "answers.yaml", "MINI-LEAD-01: 2\n")
    assert invoke(runner, "assess", str(link), "--answers", str(answers), *BANK_ARGS).exit_code == 0
    write(answers, "MINI-LEAD-02: yes\n")
    assert invoke(runner, "assess", str(link), "--answers", str(answers), *BANK_ARGS).exit_code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert {k: a.value for k, a in loaded(real).answers.items()} == {
        "MINI-LEAD-01": 2,
        "MINI-LEAD-02": "yes",
    }
    assert sorted(p.name for p in shared.iterdir()) == ["m.msht.yaml"]
    assert stat.S_IMODE(os.stat(real).st_mode) == 0o600


def test_resume_command_quotes_paths():
    from pathlib import Path

    from msht_toolkit.cli.assess import resume_command

    assert resume_command(Path("my file.msht.yaml"), ["mini", "/banks/x y.yaml"], plain=True) == (
        "msht assess 'my file.msht.yaml' --bank mini --bank '/banks/x y.yaml' --plain"
    )
