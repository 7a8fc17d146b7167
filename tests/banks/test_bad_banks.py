"""Every broken bank in tests/data/bad_banks/ is refused with exactly the lines in expected.yaml.

Each entry is checked twice: through the CLI (`msht banks validate NAME` exits 1 and
prints exactly those `path:line:col: message` lines, no traceback) and through the
loader (``load_bank_file`` / ``load_bankset`` raise ``BankError`` with those problems).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from msht_toolkit.banks.loader import load_bank_file
from msht_toolkit.banks.registry import load_bankset
from msht_toolkit.cli.app import app
from msht_toolkit.errors import BankError, MshtError

BAD = Path(__file__).resolve().parents[1] / "data" / "bad_banks"
EXPECTED: dict[str, list[str]] = yaml.safe_load((BAD / "expected.yaml").read_text("utf-8"))
FILES = sorted(name for name in EXPECTED if name.endswith(".yaml"))
FOLDERS = sorted(name for name in EXPECTED if not name.endswith(".yaml"))


def run(*args: str) -> object:
    return CliRunner().invoke(app, list(args), env={"MSHT_BANKS": "", "NO_COLOR": "1"})


def test_corpus_is_complete_and_large_enough() -> None:
    on_disk = {p.name for p in BAD.iterdir() if p.name != "expected.yaml"}
    assert on_disk == set(EXPECTED), "every broken bank needs an expected entry, and back"
    assert len(EXPECTED) >= 35
    assert all(EXPECTED[name] for name in EXPECTED), "every entry expects at least one line"


@pytest.mark.parametrize("name", FILES + FOLDERS)
def test_validate_prints_exact_problems(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD)
    result = run("banks", "validate", name)
    assert result.exit_code == 1, result.output
    assert result.stdout.splitlines() == EXPECTED[name]
    count = len(EXPECTED[name])
    assert result.stderr.strip().endswith(f"{count} problem{'s' if count != 1 else ''} found")
    assert "Traceback" not in result.output


@pytest.mark.parametrize("name", FILES)
def test_loader_raises_the_same_problems(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD)
    with pytest.raises(BankError) as caught:
        load_bank_file(Path(name))
    assert caught.value.lines() == EXPECTED[name]


@pytest.mark.parametrize("name", FOLDERS)
def test_cross_file_problems_found_by_registry(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(BAD)
    for path in sorted((BAD / name).iterdir()):  # each file alone is a valid bank
        load_bank_file(path)
    with pytest.raises(BankError) as caught:
        load_bankset([name], environ={})
    assert caught.value.lines() == EXPECTED[name]


@pytest.mark.parametrize("name", ["missing-theme.yaml", "not-utf8.yaml", "billion-laughs.yaml"])
def test_other_commands_refuse_a_bad_user_bank_with_exit_2(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(BAD)
    result = run("banks", "list", "--bank", name)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == EXPECTED[name]
    assert result.stdout == ""


def test_bank_larger_than_5_mb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    filler = "# " + "x" * 97 + "\n"  # 100 bytes a line
    path.write_text("schema: msht-bank/1\n" + filler * 55_000 + "id: huge\n", encoding="utf-8")
    assert path.stat().st_size > 5 * 1024 * 1024
    result = run("banks", "validate", str(path))
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [f"{path}: bank file is 5.5 MB; the limit is 5 MB"]
    with pytest.raises(BankError):
        load_bank_file(path)


def test_every_problem_is_a_project_error_with_a_position_or_a_file_name() -> None:
    for name in FILES:
        try:
            load_bank_file(BAD / name)
        except MshtError as exc:
            for line in exc.lines():
                assert line.startswith(str(BAD / name) + ":")
                assert "\n" not in line
        else:  # pragma: no cover - a broken bank that loads is a test failure
            pytest.fail(f"{name} loaded without a problem")
