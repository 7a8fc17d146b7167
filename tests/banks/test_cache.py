"""The cache of parsed bundled banks: same banks as the files, re-read when they change."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
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


def _first_question(data: dict) -> dict:
    return data["banks"][0]["sections"][0]["questions"][0]


TAMPERINGS = {
    "weight is text": lambda d: d["banks"][0].update(weight="heavy"),
    "levels is text": lambda d: _first_question(d).update(levels="four"),
    "an option is short": lambda d: _first_question(d).update(options=[["a", "b"]]),
    "when is a number": lambda d: _first_question(d).update(when=5),
    "type is unknown": lambda d: _first_question(d).update(type="essay"),
    "sections is a mapping": lambda d: d["banks"][0].update(sections={}),
    "a question is a list": lambda d: d["banks"][0]["sections"][0].update(questions=[[1]]),
    "a threshold is nan": lambda d: _first_question(d).update(thresholds=[[float("nan"), 1]]),
    "banks is text": lambda d: d.update(banks="all"),
    "a measure is short": lambda d: d["measures"][0].update(measures=[["NRM-REFERRALS"]]),
    "a measure's flag is text": lambda d: d["measures"][0]["measures"][0].__setitem__(4, "yes"),
}


@pytest.mark.parametrize("tamper", TAMPERINGS.values(), ids=TAMPERINGS.keys())
def test_a_tampered_cache_entry_is_ignored_and_rebuilt(
    tmp_path: Path, bundled_copy: list[Path], tamper
):
    """An edited entry (a field of the wrong type or shape) is never used: the banks are
    read from their files again and the entry rewritten, silently."""
    folder = tmp_path / "c"
    fresh = load_bankset(environ=env(folder))
    entry = folder / cache.FILE_NAME
    data = json.loads(entry.read_text(encoding="utf-8"))
    tamper(data)
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert load_bankset(environ=env(folder)).all() == fresh.all()
    rebuilt = cache.load(bundled_copy, env(folder))  # rebuilt, and good again
    assert rebuilt is not None
    assert sorted(rebuilt[0], key=lambda b: b.key) == sorted(fresh.all(), key=lambda b: b.key)


@pytest.mark.parametrize(
    "content",
    ["[1, 2]", '"text"', "null", '{"signature": 1}', "{", "", '{"banks": [{}]'],
)
def test_a_cache_file_of_another_shape_or_cut_short_is_ignored(
    tmp_path: Path, bundled_copy: list[Path], content: str
):
    folder = tmp_path / "c"
    fresh = load_bankset(environ=env(folder))
    (folder / cache.FILE_NAME).write_text(content, encoding="utf-8")
    assert cache.load(bundled_copy, env(folder)) is None
    assert load_bankset(environ=env(folder)).all() == fresh.all()


def test_a_tampered_cache_does_not_stop_a_command(tmp_path: Path, write_assessment):
    """Once a TypeError (exit 70): `msht score` works and rebuilds the entry."""
    folder = tmp_path / "c"
    load_bankset(environ=env(folder))
    entry = folder / cache.FILE_NAME
    data = json.loads(entry.read_text(encoding="utf-8"))
    for bank in data["banks"]:
        bank["weight"] = "heavy"
    entry.write_text(json.dumps(data), encoding="utf-8")
    path = write_assessment({"ID-NRM-01": 2}, banks={"identification": "2026.1"})
    msht = Path(sys.executable).parent / "msht"
    result = subprocess.run(
        [str(msht), "score", str(path), "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "MSHT_CACHE_DIR": str(folder)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["schema"] == "msht-score/1"
    rebuilt = json.loads(entry.read_text(encoding="utf-8"))
    assert all(isinstance(bank["weight"], float | int) for bank in rebuilt["banks"])
