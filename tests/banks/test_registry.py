"""Finding and holding banks: bundled, archived versions, `--bank`, `MSHT_BANKS`, replacement."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from msht_toolkit.banks.registry import (
    BUNDLED_ORDER,
    bundled_dir,
    bundled_files,
    load_bankset,
)
from msht_toolkit.cli.app import app
from msht_toolkit.errors import BankError, NotFoundError, UsageError

from .conftest import VALID_BANK

SEVEN = [
    "identification",
    "pursue",
    "prevent",
    "protect",
    "prepare",
    "victim-support",
    "supply-chain",
]


def run(*args: str, env: dict[str, str] | None = None) -> object:
    return CliRunner().invoke(
        app, list(args), env={"NO_COLOR": "1", "MSHT_BANKS": "", **(env or {})}
    )


# ------------------------------------------------------------------ bundled banks


def test_bundled_banks_load_in_display_order() -> None:
    bankset = load_bankset(environ={})
    assert bankset.ids() == SEVEN == list(BUNDLED_ORDER)
    assert all(bank.bundled for bank in bankset.all())
    assert bankset.notices == []
    themes = {bank.id: bank.theme for bank in bankset.newest()}
    assert themes == {
        "identification": "prepare",
        "pursue": "pursue",
        "prevent": "prevent",
        "protect": "protect",
        "prepare": "prepare",
        "victim-support": "prepare",
        "supply-chain": "protect",
    }


def test_bundled_folder_holds_the_banks_and_the_archive() -> None:
    folder = bundled_dir()
    assert sorted(p.stem for p in folder.glob("*.yaml")) == sorted((*SEVEN, "measures"))
    assert (folder / "archive" / "identification-2025.1.yaml").is_file()
    assert folder / "archive" / "identification-2025.1.yaml" in bundled_files()


def test_two_versions_side_by_side_newest_serves_new_assessments() -> None:
    bankset = load_bankset(environ={})
    assert [b.version for b in bankset.versions("identification")] == [
        "2025.1",
        "2026.1",
        "2027.1",
    ]
    assert bankset.current["identification"].version == "2027.1"
    assert bankset.get("identification").version == "2027.1"
    old = bankset.get("identification", "2025.1")
    assert old.bundled and Path(old.path).parent.name == "archive"
    assert "ID-NRM-03" in old and "ID-NRM-03" not in bankset.get("identification")
    # every bundled file (current and archived) is one loaded bank version
    # (and measures.yaml the one measures file)
    assert len(bankset) == len(bundled_files()) - 1 and len(bankset.newest()) == 7
    assert list(bankset.measure_files) == ["core-measures"]
    # archived: identification 2025.1 and 2026.1, and every other bank's 2026.1
    assert len(bankset) - len(bankset.newest()) == 8
    assert [(b.id, b.version) for b in bankset.all()][:3] == [
        ("identification", "2025.1"),
        ("identification", "2026.1"),
        ("identification", "2027.1"),
    ]


def test_get_and_find_refuse_unknown_banks_and_versions() -> None:
    bankset = load_bankset(environ={})
    with pytest.raises(NotFoundError, match="no bank 'nope'; known banks: identification, pursue"):
        bankset.get("nope")
    with pytest.raises(NotFoundError) as caught:
        bankset.get("identification", "2019.1")
    assert str(caught.value) == (
        "bank 'identification' version '2019.1' is not available "
        "(available versions: 2025.1, 2026.1, 2027.1); add it with --bank PATH"
    )
    assert bankset.find("identification", "2019.1") is None
    assert bankset.find("identification", None) is bankset.current["identification"]


# ------------------------------------------------------------------ user banks


def test_bank_option_adds_a_bank(write_bank: Callable[..., Path]) -> None:
    path = write_bank()
    bankset = load_bankset([path], environ={})
    assert bankset.ids() == [*SEVEN, "test-bank"]
    user = bankset.get("test-bank")
    assert not user.bundled and user.path == str(path)
    assert bankset.notices == []


def test_msht_banks_is_a_path_list(write_bank: Callable[..., Path], tmp_path: Path) -> None:
    first = write_bank(name="a.yaml")
    second = write_bank(
        name="b.yaml",
        replace={"id: test-bank": "id: other-bank", "TB-": "OB-"},
    )
    value = os.pathsep.join([str(first), "", str(second)])
    bankset = load_bankset(environ={"MSHT_BANKS": value})
    assert bankset.ids()[-2:] == ["other-bank", "test-bank"]


def test_folder_is_searched_recursively(write_bank: Callable[..., Path], tmp_path: Path) -> None:
    folder = tmp_path / "mybanks"
    write_bank(name="a.yaml", folder=folder)
    write_bank(
        name="b.yml",
        folder=folder / "deeper",
        replace={"id: test-bank": "id: other-bank", "TB-": "OB-"},
    )
    (folder / "notes.txt").write_text("not a bank", encoding="utf-8")
    bankset = load_bankset([folder], environ={})
    assert {"test-bank", "other-bank"} <= set(bankset.ids())


def test_same_file_twice_is_loaded_once(write_bank: Callable[..., Path]) -> None:
    path = write_bank()
    bankset = load_bankset([path, path], environ={"MSHT_BANKS": str(path)})
    assert [b.id for b in bankset.all()].count("test-bank") == 1


def identification_copy(version: str) -> str:
    return VALID_BANK.replace("id: test-bank", "id: identification").replace(
        'version: "2026.1"', f'version: "{version}"'
    )


def test_user_bank_with_bundled_id_and_version_replaces_it(
    write_bank: Callable[..., Path],
) -> None:
    path = write_bank(identification_copy("2026.1"), name="my-identification.yaml")
    bankset = load_bankset([path], environ={})
    current = bankset.get("identification")
    assert current.path == str(path) and not current.bundled
    assert bankset.get("identification", "2026.1") is current
    assert bankset.get("identification", "2025.1").bundled  # the archive still scores old files
    assert bankset.notices == [f"bank 'identification' 2026.1 from {path} replaces the bundled one"]


@pytest.mark.parametrize("version", ["2024.1", "2028.1"])
def test_user_bank_with_bundled_id_serves_new_assessments(
    write_bank: Callable[..., Path], version: str
) -> None:
    path = write_bank(identification_copy(version), name="mine.yaml")
    bankset = load_bankset([path], environ={})
    assert bankset.get("identification").path == str(path)
    assert bankset.get("identification", "2027.1").bundled
    assert len(bankset.notices) == 1
    assert "replaces the bundled 'identification' for new assessments" in bankset.notices[0]


def test_cli_says_on_stderr_that_a_user_bank_replaces_a_bundled_one(
    write_bank: Callable[..., Path],
) -> None:
    path = write_bank(identification_copy("2026.1"), name="mine.yaml")
    result = run("banks", "list", "--bank", str(path))
    assert result.exit_code == 0
    assert result.stderr == (
        f"msht: note: bank 'identification' 2026.1 from {path} replaces the bundled one\n"
    )
    row = next(line for line in result.stdout.splitlines() if "2026.1" in line)
    assert row.split()[:4] == ["identification", "2026.1", "Test", "bank"]


def test_cli_reads_msht_banks(write_bank: Callable[..., Path]) -> None:
    path = write_bank()
    result = run("banks", "list", env={"MSHT_BANKS": str(path)})
    assert result.exit_code == 0, result.output
    assert "test-bank" in result.stdout


def test_user_bank_may_reuse_ids_of_its_own_bank_only(write_bank: Callable[..., Path]) -> None:
    own = write_bank(
        identification_copy("2027.1").replace("TB-BAS-01", "ID-NRM-01"), name="own.yaml"
    )
    assert "ID-NRM-01" in load_bankset([own], environ={}).get("identification")
    other = write_bank(VALID_BANK.replace("TB-BAS-01", "ID-NRM-01"), name="other.yaml")
    with pytest.raises(BankError) as caught:
        load_bankset([other], environ={})
    (line,) = caught.value.lines()
    assert line.startswith(f"{other}:")
    assert "question id ID-NRM-01 is already used by bank 'identification'" in line


def test_problems_from_several_files_are_all_reported(write_bank: Callable[..., Path]) -> None:
    bad1 = write_bank(name="bad1.yaml", replace={"theme: prepare": "theme: nope"})
    bad2 = write_bank(name="bad2.yaml", replace={"title: Test bank": "title: [1]"})
    with pytest.raises(BankError) as caught:
        load_bankset([bad1, bad2], environ={})
    assert [line.split(":")[0] for line in caught.value.lines()] == [str(bad1), str(bad2)]


# ------------------------------------------------------------------ missing paths


@pytest.mark.parametrize("command", [["banks", "list"], ["banks", "show", "identification"]])
def test_missing_bank_path_is_exit_2_with_one_line(command: list[str], tmp_path: Path) -> None:
    missing = tmp_path / "nope.yaml"
    result = run(*command, "--bank", str(missing))
    assert result.exit_code == 2
    assert result.stderr == f"msht: --bank: no such bank file or folder: {missing}\n"
    assert result.stdout == ""


def test_missing_msht_banks_path_is_exit_2_with_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "gone"
    result = run("banks", "list", env={"MSHT_BANKS": str(missing)})
    assert result.exit_code == 2
    assert result.stderr == f"msht: MSHT_BANKS: no such bank file or folder: {missing}\n"


def test_folder_without_banks_is_exit_2(tmp_path: Path) -> None:
    result = run("banks", "list", "--bank", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr == f"msht: --bank: no .yaml bank files in folder {tmp_path}\n"


def test_missing_path_through_the_api_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        load_bankset([tmp_path / "nope.yaml"], environ={})
