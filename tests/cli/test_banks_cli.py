"""`msht banks list | show | validate`: output and exit codes, through typer's CliRunner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from msht_toolkit.banks.registry import load_bankset
from msht_toolkit.cli.app import app

SEVEN = [
    "identification",
    "pursue",
    "prevent",
    "protect",
    "prepare",
    "victim-support",
    "supply-chain",
]

USER_BANK = """\
schema: msht-bank/1
id: local-extras
title: "Local [/] extras | with *markup*"
version: "2026.1"
theme: cross-cutting
sections:
  - id: extra
    title: Extra questions
    questions:
      - id: LX-EXT-01
        text: Does the partnership publish an annual report?
        type: yesno
        actions:
          - below: 1
            do: Publish an annual report.
            owner: OPCC
            priority: low
      - id: LX-EXT-02
        text: How mature is joint training?
        levels: [None., Some., Most., All.]
        when: LX-EXT-01 == yes
"""


def run(*args: str, env: dict[str, str] | None = None) -> object:
    return CliRunner().invoke(
        app, list(args), env={"NO_COLOR": "1", "MSHT_BANKS": "", **(env or {})}
    )


@pytest.fixture
def user_bank(tmp_path: Path) -> Path:
    path = tmp_path / "local-extras.yaml"
    path.write_text(USER_BANK, encoding="utf-8")
    return path


def rows(stdout: str) -> list[list[str]]:
    return [line.split() for line in stdout.splitlines() if line.strip()]


# ------------------------------------------------------------------ list


def test_list_shows_every_bundled_bank_and_the_archive() -> None:
    result = run("banks", "list")
    assert result.exit_code == 0, result.output
    table = rows(result.stdout)
    assert table[0] == ["id", "version", "title", "theme", "sections", "questions", "source"]
    listed = [(r[0], r[1]) for r in table[1:] if r[0] in SEVEN]
    bankset = load_bankset(environ={})
    # every bundled version, current and archived, in bank order then version order
    assert listed == [(b.id, b.version) for b in bankset.all()]
    assert [v for b, v in listed if b == "identification"] == ["2025.1", "2026.1", "2027.1"]
    for bank in SEVEN[1:]:
        assert [v for b, v in listed if b == bank] == ["2026.1", "2027.1"], bank
    assert {b for b, _ in listed} == set(SEVEN)
    newest = {(b.id, b.version) for b in bankset.newest()}
    for row in table[1:]:
        if row[0] not in SEVEN:
            continue
        if (row[0], row[1]) in newest:
            assert row[-1] == "bundled" and "(older" not in row, row
        else:
            assert row[-3:] == ["bundled", "(older", "version)"], row
    assert result.stderr == ""


def test_list_counts_match_the_banks() -> None:
    result = run("banks", "list")
    bankset = load_bankset(environ={})
    for bank in bankset.all():
        line = next(
            line
            for line in result.stdout.splitlines()
            if line.startswith(f"{bank.id} ") and f" {bank.version} " in line
        )
        assert f" {len(bank.sections)} " in line and f" {bank.question_count} " in line
        assert f" {bank.theme} " in line


def test_list_with_a_user_bank(user_bank: Path) -> None:
    result = run("banks", "list", "--bank", str(user_bank))
    assert result.exit_code == 0, result.output
    row = next(line for line in result.stdout.splitlines() if line.startswith("local-extras"))
    assert " 2026.1 " in row and " cross-cutting " in row
    assert result.stderr == ""  # adds, replaces nothing: no note


# ------------------------------------------------------------------ show


def test_show_prints_sections_questions_levels_and_actions() -> None:
    result = run("banks", "show", "identification")
    assert result.exit_code == 0, result.output
    out = result.stdout
    bank = load_bankset(environ={}).get("identification")
    assert out.splitlines()[0] == bank.title
    assert "version 2027.1" in out.splitlines()[1]
    for section in bank.sections:
        assert f"== {section.title} ({section.id})" in out
    first = bank.question("ID-NRM-01")
    assert "ID-NRM-01" in out and "CRITICAL" in out
    for level, descriptor in enumerate(first.levels):
        assert f"    {level}  {descriptor[:40]}" in out.replace("\n", " ").replace("  \n", " ")
    assert "Action (high, when level below 2; owner: Local authority)" in out
    assert out.count("\nID-") + out.startswith("ID-") == bank.question_count


def test_show_gives_a_number_questions_allowed_range_and_unit() -> None:
    percent = Path(__file__).resolve().parents[1] / "e2e" / "data" / "percent-bank.yaml"
    result = run("banks", "show", "shares", "--bank", str(percent))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("SH-STA-01"))
    assert lines[at + 1] == "    Answer: a number from 0 to 100 percent"
    assert "Answer:" not in "\n".join(lines[at + 2 :])  # not under the yes/no question


def test_show_an_archived_version() -> None:
    result = run("banks", "show", "identification", "--version", "2025.1")
    assert result.exit_code == 0
    assert "version 2025.1" in result.stdout
    ids = [line.split()[0] for line in result.stdout.splitlines() if line.startswith("ID-")]
    assert "ID-NRM-03" in ids and "ID-NRM-04" not in ids


def test_show_user_bank_with_markup_like_text(user_bank: Path) -> None:
    result = run("banks", "show", "local-extras", "--bank", str(user_bank))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Local [/] extras | with *markup*"
    assert "only when: LX-EXT-01 == yes" in result.stdout
    assert "Action (low, when score below 1; owner: OPCC): Publish an annual report." in (
        result.stdout
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["nope"],
            "msht: no bank 'nope'; known banks: identification, pursue, prevent, protect, prepare, "
            "victim-support, supply-chain\n",
        ),
        (
            ["identification", "--version", "1999.1"],
            "msht: bank 'identification' version '1999.1' is not available "
            "(available versions: 2025.1, 2026.1, 2027.1); add it with --bank PATH\n",
        ),
    ],
)
def test_show_unknown_bank_or_version_is_exit_2(args: list[str], message: str) -> None:
    result = run("banks", "show", *args)
    assert result.exit_code == 2
    assert result.stderr == message
    assert result.stdout == ""


# ------------------------------------------------------------------ validate


def test_validate_bundled_banks() -> None:
    result = run("banks", "validate")
    bankset = load_bankset(environ={})
    sections = sum(len(b.sections) for b in bankset.all())
    questions = sum(b.question_count for b in bankset.all())
    assert result.exit_code == 0
    assert result.stdout == (
        f"OK: {len(bankset)} bank files (7 banks), {sections} sections, {questions} questions"
        f"; 1 measures file ({len(bankset.measures)} measures)\n"
    )


def test_validate_a_good_user_file_counts_only_that_file(user_bank: Path) -> None:
    result = run("banks", "validate", str(user_bank))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK: 1 bank file (1 bank), 1 section")
    assert "2 questions" in result.stdout


def test_validate_a_folder(user_bank: Path) -> None:
    (user_bank.parent / "readme.txt").write_text("not a bank", encoding="utf-8")
    result = run("banks", "validate", str(user_bank.parent))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK: 1 bank file (1 bank)")


def test_validate_a_bundled_file_by_path(repo_root: Path) -> None:
    result = run("banks", "validate", str(repo_root / "questionnaires" / "pursue.yaml"))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK: 1 bank file (1 bank), 5 sections")


def test_validate_reports_problems_with_exit_1(tmp_path: Path, user_bank: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        USER_BANK.replace("theme: cross-cutting", "theme: everything").replace(
            "priority: low", "priority: soon"
        ),
        encoding="utf-8",
    )
    result = run("banks", "validate", str(bad))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{bad}:5:8: bank theme 'everything' must be one of pursue, prevent, protect, "
        "prepare, cross-cutting",
        f"{bad}:17:23: question LX-EXT-01 action priority 'soon' must be one of high, medium, low",
    ]
    assert result.stderr == "msht: 2 problems found\n"


def test_validate_missing_path_is_exit_2(tmp_path: Path) -> None:
    result = run("banks", "validate", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"msht: banks validate: no such bank file or folder: {tmp_path / 'nope.yaml'}\n"
    )


def test_bank_paths_that_are_no_files_say_what_they_are(tmp_path: Path) -> None:
    """`--bank /dev/null` is a device, a FIFO a pipe (refused at once, never read)."""
    fifo = tmp_path / "banks.fifo"
    os.mkfifo(fifo)
    empty = tmp_path / "empty"
    empty.mkdir()
    for path, what in (
        (Path("/dev/null"), "/dev/null is a device, not a bank file"),
        (fifo, f"{fifo} is a pipe (FIFO), not a bank file"),
        (empty, f"no .yaml bank files in folder {empty}"),
        (tmp_path / "nope", f"no such bank file or folder: {tmp_path / 'nope'}"),
    ):
        result = run("banks", "list", "--bank", str(path))
        assert result.exit_code == 2
        assert result.stderr == f"msht: --bank: {what}\n"
        result = run("banks", "validate", str(path))
        assert result.exit_code == 2
        assert result.stderr == f"msht: banks validate: {what}\n"


def test_validate_includes_msht_banks(user_bank: Path, tmp_path: Path) -> None:
    """A broken bank named in MSHT_BANKS is reported by a plain `msht banks validate`."""
    broken = tmp_path / "broken.yaml"
    broken.write_text(USER_BANK.replace("id: local-extras", "id: Local Extras"), encoding="utf-8")
    result = run("banks", "validate", env={"MSHT_BANKS": str(broken)})
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{broken}:2:5: bank id 'Local Extras' must be kebab-case (e.g. victim-support)"
    ]


def test_banks_without_subcommand_shows_help() -> None:
    result = run("banks")
    assert "list" in result.output and "show" in result.output and "validate" in result.output


# ------------------------------------------------------------------ measures files

USER_MEASURES = """\
schema: msht-measures/1
id: local-measures
version: "2027.1"
title: Local measures
measures:
  - id: LOCAL-VISITS
    title: Licensing visits with a modern slavery check
    unit: count
    better: higher
    bank: protect
    help: Count the visits in the year from the licensing team's log.
"""


@pytest.fixture
def user_measures(tmp_path: Path) -> Path:
    path = tmp_path / "local-measures.yaml"
    path.write_text(USER_MEASURES, encoding="utf-8")
    return path


def test_list_shows_the_measures_files_in_their_own_table() -> None:
    result = run("banks", "list")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("measures file"))
    assert lines[header + 1].split()[:2] == ["core-measures", "2027.1"]
    assert lines[header + 1].split()[-1] == "bundled"
    # the bank rows come first and hold no measures file
    assert not any(line.startswith("core-measures") for line in lines[:header])


def test_list_json_lists_measures_files_with_their_ids(user_measures: Path) -> None:
    import json

    result = run("banks", "list", "--json", "--bank", str(user_measures))
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [m["id"] for m in data["measures"]] == ["core-measures", "local-measures"]
    assert "NRM-REFERRALS" in data["measures"][0]["measures"]
    assert data["measures"][1] == {
        "id": "local-measures",
        "version": "2027.1",
        "title": "Local measures",
        "measures": ["LOCAL-VISITS"],
        "bundled": False,
        "path": str(user_measures),
    }
    assert all(b["id"] != "core-measures" for b in data["banks"])


def test_show_a_measures_file_gives_every_definition() -> None:
    result = run("banks", "show", "core-measures")
    assert result.exit_code == 0, result.output
    assert "NRM-REFERRALS  NRM referrals" in result.stdout
    assert "PANEL-CASES" in result.stdout and "Definition: " in result.stdout


def test_show_one_measure_gives_only_it() -> None:
    result = run("banks", "show", "STAFF-TRAINED")
    assert result.exit_code == 0, result.output
    assert "STAFF-TRAINED" in result.stdout and "NRM-REFERRALS" not in result.stdout
    assert "unit: percent; better: higher; evidences bank protect" in result.stdout


def test_show_measure_json_is_the_file_shape_with_that_measure() -> None:
    import json

    data = json.loads(run("banks", "show", "NRM-REFERRALS", "--json").stdout)
    assert data["schema"] == "msht-measures/1" and data["id"] == "core-measures"
    (only,) = data["measures"]
    assert only["id"] == "NRM-REFERRALS" and only["per_population"] is True
    assert set(only) == {"id", "title", "unit", "per_population", "better", "bank", "help"}
    assert data["source"]["bundled"] is True


def test_show_a_measures_file_at_a_version_it_does_not_have_is_exit_2() -> None:
    result = run("banks", "show", "core-measures", "--version", "1999.1")
    assert result.exit_code == 2 and "version '1999.1' is not available" in result.stderr


def test_validate_a_measures_file_by_path(user_measures: Path) -> None:
    result = run("banks", "validate", str(user_measures))
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        "OK: 0 bank files (0 banks), 0 sections, 0 questions; 1 measures file (1 measure)\n"
    )


def test_validate_a_bad_measures_file_is_exit_1_with_its_line(user_measures: Path) -> None:
    user_measures.write_text(USER_MEASURES.replace("unit: count", "unit: heads"), "utf-8")
    result = run("banks", "validate", str(user_measures))
    assert result.exit_code == 1
    assert result.stdout.startswith(f"{user_measures}:8:11: measure LOCAL-VISITS unit 'heads'")


def test_validate_json_counts_measures() -> None:
    import json

    data = json.loads(run("banks", "validate", "--json").stdout)
    assert data["ok"] is True and data["measures_files"] == 1 and data["measures"] >= 8
