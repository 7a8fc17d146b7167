"""`msht sign FILE --by NAME [--role ROLE] [--on DATE]`: the sign-off is recorded with a
digest; score, plan and report say who signed it, or that it changed since; bad input
exits 2 with one line and leaves the file alone; a second writer is refused."""

from __future__ import annotations

import datetime as dt
import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from score_shape import score_shape_problems
from typer.testing import CliRunner

from msht_toolkit.assessment.lock import writer_lock
from msht_toolkit.assessment.reading import load_assessment
from msht_toolkit.assessment.signoff import content_digest
from msht_toolkit.cli.app import app

ANSWERS = {"ID-NRM-01": 1, "ID-DTN-02": "unknown", "PS-INV-01": 0}


@pytest.fixture
def file(write_assessment: Callable[..., Path]) -> Path:
    return write_assessment(
        ANSWERS,
        banks={"identification": "2026.1", "pursue": "2026.1"},
        partnership="Midshire Anti-Slavery Partnership",
        assessed_on="2027-03-14",
    )


def run(*args: object) -> object:
    return CliRunner().invoke(app, [str(a) for a in args])


def test_sign_records_who_when_and_the_digest(file: Path) -> None:
    result = run(
        "sign", file, "--by", "J. Arden", "--role", "Partnership chair", "--on", "2027-03-20"
    )
    assert result.exit_code == 0, result.stderr
    assert "Signed off by J. Arden (Partnership chair) on 2027-03-20" in result.stdout
    signed = load_assessment(file)
    assert (signed.sign_off.by, signed.sign_off.role, signed.sign_off.on) == (
        "J. Arden",
        "Partnership chair",
        "2027-03-20",
    )
    assert signed.sign_off.digest == content_digest(signed)
    assert signed.answers["ID-NRM-01"].value == 1  # nothing else changed
    assert stat.S_IMODE(file.stat().st_mode) == 0o600


def test_on_defaults_to_today_and_role_is_optional(file: Path) -> None:
    assert run("sign", file, "--by", "J. Arden").exit_code == 0
    signed = load_assessment(file).sign_off
    assert signed.on == dt.date.today().isoformat() and signed.role is None


def test_score_json_says_current_until_anything_changes(file: Path, tmp_path: Path) -> None:
    before = json.loads(run("score", file, "--json").stdout)
    assert before["sign_off"] is None
    assert score_shape_problems(before) == []
    run("sign", file, "--by", "J. Arden", "--role", "Partnership chair", "--on", "2027-03-20")
    doc = json.loads(run("score", file, "--json").stdout)
    assert score_shape_problems(doc) == []
    assert doc["sign_off"] == {
        "by": "J. Arden",
        "role": "Partnership chair",
        "on": "2027-03-20",
        "current": True,
    }
    # a later answer (through the ordinary --answers fill) changes the content
    answers = tmp_path / "more.yaml"
    answers.write_text("PS-INV-01: 2\n", encoding="utf-8")
    assert run("assess", file, "--answers", answers).exit_code == 0
    assert json.loads(run("score", file, "--json").stdout)["sign_off"]["current"] is False


def test_every_output_says_so(file: Path, tmp_path: Path) -> None:
    run("sign", file, "--by", "J. Arden", "--role", "Partnership chair", "--on", "2027-03-20")
    signed = "Signed off by J. Arden (Partnership chair) on 2027-03-20"
    assert signed in run("score", file).stdout
    assert signed in run("plan", file).stdout
    assert signed in run("report", file).stdout
    text = file.read_text(encoding="utf-8")
    assert "ID-NRM-01: {value: 1}" in text
    file.write_text(text.replace("ID-NRM-01: {value: 1}", "ID-NRM-01: {value: 2}"), "utf-8")
    changed = "Changed since sign-off on 2027-03-20"
    for command in ("score", "plan", "report"):
        out = run(command, file).stdout
        assert changed in out and signed not in out, command


def test_unsigned_outputs_say_not_signed_off(file: Path) -> None:
    assert "Not signed off" in run("plan", file).stdout
    assert "Signed off" not in run("score", file).stdout


def test_signing_again_replaces_the_sign_off(file: Path) -> None:
    run("sign", file, "--by", "J. Arden", "--on", "2027-03-20")
    result = run("sign", file, "--by", "K. Mensah", "--role", "Vice chair", "--on", "2027-04-02")
    assert result.exit_code == 0
    assert "Replaced the sign-off by J. Arden on 2027-03-20" in result.stdout
    assert load_assessment(file).sign_off.by == "K. Mensah"


@pytest.mark.parametrize("bad", ["20/03/2027", "2027-02-30", "soon", ""])
def test_bad_on_date_exits_2_one_line_and_leaves_the_file(file: Path, bad: str) -> None:
    before = file.read_bytes()
    result = run("sign", file, "--by", "J. Arden", "--on", bad)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "--on" in lines[0] and "Traceback" not in result.stderr
    assert file.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "words"),
    [([], "Missing option '--by'"), (["--by", "   "], "--by must not be empty")],
)
def test_by_is_required(file: Path, args: list[str], words: str) -> None:
    before = file.read_bytes()
    result = run("sign", file, *args)
    assert result.exit_code == 2
    assert words in result.stderr
    assert file.read_bytes() == before


def test_missing_or_bad_file_exits_2(tmp_path: Path) -> None:
    result = run("sign", tmp_path / "none.msht.yaml", "--by", "J. Arden")
    assert result.exit_code == 2 and "no such assessment file" in result.stderr
    bad = tmp_path / "bad.msht.yaml"
    bad.write_text("schema: msht-assessment/1\nanswers:\n  ID-NRM-01: seven\n", encoding="utf-8")
    before = bad.read_bytes()
    result = run("sign", bad, "--by", "J. Arden")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{bad}:3:") and len(result.stderr.splitlines()) == 1
    assert bad.read_bytes() == before


def test_a_second_writer_is_refused(file: Path) -> None:
    before = file.read_bytes()
    with writer_lock(file, "msht actions"):
        result = run("sign", file, "--by", "J. Arden")
    assert result.exit_code == 2
    assert "msht actions" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert file.read_bytes() == before


def test_signing_through_a_symbolic_link_keeps_the_link(file: Path, tmp_path: Path) -> None:
    link = tmp_path / "current.msht.yaml"
    link.symlink_to(file)
    assert run("sign", link, "--by", "J. Arden").exit_code == 0
    assert link.is_symlink()
    assert load_assessment(file).sign_off.by == "J. Arden"


class _Lines:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def say(self, text: str = "", style: str | None = None) -> None:
        self.lines.append(text)


def test_the_walk_opening_screen_says_who_signed_it(file: Path) -> None:
    from msht_toolkit.walk.opening import say_sign_off

    ui = _Lines()
    say_sign_off(ui, load_assessment(file))
    assert ui.lines == []  # never signed: nothing to say
    run("sign", file, "--by", "J. Arden", "--on", "2027-03-20")
    say_sign_off(ui, load_assessment(file))
    assert ui.lines == [
        "Signed off by J. Arden on 2027-03-20. "
        "Any change made now will show as changed since sign-off."
    ]
    signed = load_assessment(file)
    signed.period = "2027/28"
    ui.lines.clear()
    say_sign_off(ui, signed)
    assert ui.lines == ["Changed since sign-off on 2027-03-20 (signed off by J. Arden)."]
