"""Writing files whole and private, and YAML text that reads back as written
(msht_toolkit.safewrite)."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from msht_toolkit import safewrite
from msht_toolkit.safewrite import atomic_write_text
from msht_toolkit.yamlio import load_yaml_file

# ------------------------------------------------------------------ atomic writing


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_atomic_write_creates_a_private_file(tmp_path: Path) -> None:
    path = tmp_path / "out.msht.yaml"
    atomic_write_text(path, "a: 1\nnote: café\n")
    assert path.read_text(encoding="utf-8") == "a: 1\nnote: café\n"
    assert mode_of(path) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.msht.yaml"]


def test_atomic_write_replaces_and_tightens_an_existing_file(tmp_path: Path) -> None:
    path = tmp_path / "out.md"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o644)
    atomic_write_text(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"
    assert mode_of(path) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["out.md"]


def test_atomic_write_with_another_mode(tmp_path: Path) -> None:
    path = tmp_path / "public.txt"
    atomic_write_text(path, "x", mode=0o644)
    assert mode_of(path) == 0o644


def test_failed_write_keeps_the_old_file_and_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "keep.yaml"
    path.write_text("old: true\n", encoding="utf-8")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(safewrite.os, "replace", broken_replace)
    with pytest.raises(OSError):
        atomic_write_text(path, "new: true\n")
    assert path.read_text(encoding="utf-8") == "old: true\n"
    assert [p.name for p in tmp_path.iterdir()] == ["keep.yaml"]


def test_interrupted_write_leaves_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "new.yaml"

    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(safewrite.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(path, "a: 1\n")
    assert list(tmp_path.iterdir()) == []


def test_write_into_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        atomic_write_text(tmp_path / "no" / "such" / "out.md", "x")
    assert list(tmp_path.iterdir()) == []


def test_write_then_read_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "round.yaml"
    atomic_write_text(path, "title: 'Midshire: a | b # c'\nlist: [1, two]\n")
    data = load_yaml_file(path)
    assert data == {"title": "Midshire: a | b # c", "list": [1, "two"]}


def test_an_ambiguous_str_enum_is_quoted_like_any_text() -> None:
    import enum

    import yaml

    class Word(enum.StrEnum):
        YES = "yes"
        PLAIN = "Midshire"

    class Dumper(yaml.SafeDumper):
        pass

    safewrite.quote_ambiguous_text(Dumper)
    text = yaml.dump({"a": Word.YES, "b": Word.PLAIN}, Dumper=Dumper)
    assert text == "a: 'yes'\nb: Midshire\n"
