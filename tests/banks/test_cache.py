"""The cache of parsed bundled banks: same banks as the files, re-read when they change."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest

from msht_toolkit.banks import cache, registry
from msht_toolkit.banks.loader import load_bank_file
from msht_toolkit.banks.measures_loader import load_measures_file
from msht_toolkit.banks.registry import bundled_files, load_bankset


@pytest.fixture
def bundled_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The bundled banks, copied so a test may change them."""
    folder = tmp_path / "bundled"
    folder.mkdir()
    files = []
    for path in bundled_files():
        target = folder / path.name
        shutil.copy(path, target)
        files.append(target)
    monkeypatch.setattr(registry, "bundled_files", lambda: list(files))
    return files


def banks_in(files: list[Path]) -> int:
    """How many of the bundled files are banks (measures.yaml is the measures file)."""
    return sum(1 for p in files if p.name != "measures.yaml")


def env(folder: Path) -> dict[str, str]:
    return {"MSHT_CACHE_DIR": str(folder)}


def test_cached_banks_are_the_banks_in_the_files(tmp_path: Path, bundled_copy: list[Path]):
    fresh = load_bankset(environ=env(tmp_path / "c"))  # reads the files, fills the cache
    assert (tmp_path / "c" / cache.FILE_NAME).exists()
    again = load_bankset(environ=env(tmp_path / "c"))
    assert again.all() == fresh.all()
    assert [b.key for b in again.newest()] == [b.key for b in fresh.newest()]
    question = again.get("identification").question("ID-CH-03")
    assert question is not None and question.when is not None  # skip logic survives


def test_a_warm_cache_reads_no_bank_file(
    tmp_path: Path, bundled_copy: list[Path], monkeypatch: pytest.MonkeyPatch
):
    load_bankset(environ=env(tmp_path / "c"))

    def no_reading(*args, **kwargs):
        raise AssertionError("a bundled bank was read although the cache is current")

    monkeypatch.setattr(registry, "read_definition", no_reading)
    warm = load_bankset(environ=env(tmp_path / "c"))
    assert len(warm) == banks_in(bundled_copy)
    assert "NRM-REFERRALS" in warm.measures  # the measures come from the cache too


def test_an_edited_bank_is_read_again(tmp_path: Path, bundled_copy: list[Path]):
    load_bankset(environ=env(tmp_path / "c"))
    prepare = next(p for p in bundled_copy if p.name == "prepare.yaml")
    text = prepare.read_text(encoding="utf-8").replace(
        "title: Partnership readiness", "title: Partnership readiness (edited)", 1
    )
    prepare.write_text(text, encoding="utf-8")
    os.utime(prepare, ns=(1, 1))  # even with an old modification time: the size changed
    assert load_bankset(environ=env(tmp_path / "c")).get("prepare").title.endswith("(edited)")


def test_a_corrupt_cache_is_ignored_and_replaced(tmp_path: Path, bundled_copy: list[Path]):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / cache.FILE_NAME).write_text("{not json", encoding="utf-8")
    assert len(load_bankset(environ=env(folder))) == banks_in(bundled_copy)
    assert "signature" in json.loads((folder / cache.FILE_NAME).read_text(encoding="utf-8"))


def test_the_cache_is_private_and_can_be_turned_off(tmp_path: Path, bundled_copy: list[Path]):
    load_bankset(environ=env(tmp_path / "c"))
    assert ((tmp_path / "c" / cache.FILE_NAME).stat().st_mode & 0o777) == 0o600
    load_bankset(environ={"MSHT_CACHE_DIR": "", "HOME": str(tmp_path / "home")})
    assert not (tmp_path / "home").exists()


def test_an_unwritable_cache_folder_does_not_stop_anything(tmp_path: Path, bundled_copy):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    bankset = load_bankset(environ=env(blocker / "cache"))
    assert len(bankset) == banks_in(bundled_copy)


def test_round_trip_of_every_bundled_bank():
    for path in bundled_files():
        if path.name == "measures.yaml":
            continue
        bank = load_bank_file(path, bundled=True)
        assert cache.bank_from_data(json.loads(json.dumps(cache.bank_to_data(bank)))) == bank


def test_round_trip_of_the_bundled_measures():
    path = next(p for p in bundled_files() if p.name == "measures.yaml")
    mfile = load_measures_file(path, bundled=True)
    data = json.loads(json.dumps(cache.measures_to_data(mfile)))
    assert cache.measures_from_data(data) == mfile


def test_cached_measures_are_the_measures_in_the_file(tmp_path: Path, bundled_copy: list[Path]):
    fresh = load_bankset(environ=env(tmp_path / "c"))
    again = load_bankset(environ=env(tmp_path / "c"))
    assert again.measure_files == fresh.measure_files and again.measures == fresh.measures


def test_an_edited_measures_file_is_read_again(tmp_path: Path, bundled_copy: list[Path]):
    load_bankset(environ=env(tmp_path / "c"))
    measures = next(p for p in bundled_copy if p.name == "measures.yaml")
    text = measures.read_text(encoding="utf-8").replace(
        "title: NRM referrals of potential victims", "title: NRM referrals (edited) of", 1
    )
    measures.write_text(text, encoding="utf-8")
    bankset = load_bankset(environ=env(tmp_path / "c"))
    assert bankset.measures["NRM-REFERRALS"].title.startswith("NRM referrals (edited)")


def test_the_cache_folder_is_the_platforms_own(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """platformdirs, not a guess from HOME: XDG on Linux, and a folder even without HOME
    (Windows has none; the cache used to turn itself off there)."""
    import platformdirs

    monkeypatch.delenv("MSHT_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == platformdirs.user_cache_path("msht-toolkit", appauthor=False)
    if sys.platform.startswith("linux"):
        assert cache.cache_dir() == tmp_path / "xdg" / "msht-toolkit"
    monkeypatch.delenv("HOME", raising=False)
    assert cache.cache_dir() is not None
    monkeypatch.setenv("MSHT_CACHE_DIR", str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"


def test_round_trip_keeps_a_number_questions_min_max_and_unit():
    percent = Path(__file__).resolve().parents[1] / "e2e" / "data" / "percent-bank.yaml"
    bank = load_bank_file(percent)
    again = cache.bank_from_data(json.loads(json.dumps(cache.bank_to_data(bank))))
    assert again == bank
    question = again.question("SH-STA-01")
    assert (question.min, question.max, question.unit) == (0, 100, "percent")
