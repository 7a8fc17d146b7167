"""`services/compare_files.py`: the folder's files, loaded in order, bad ones in one line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from msht_toolkit.errors import UsageError
from msht_toolkit.services.compare_files import find_files, load_entries


@pytest.fixture
def folder(write_assessment: Callable[..., Path], tmp_path: Path) -> Path:
    banks = {"identification": "2026.1"}
    for i, (name, level) in enumerate(
        (("midshire", 3), ("westvale", 1), ("northmoor", 2), ("eastmarsh", 0))
    ):
        write_assessment(
            {"ID-NRM-01": level, "ID-NRM-04": level, "ID-DTN-01": (level + i) % 4},
            banks=banks,
            name=f"{name}.msht.yaml",
            partnership=f"{name.title()} Anti-Slavery Partnership",
        )
    (tmp_path / "broken.msht.yaml").write_text(
        "schema: msht-assessment/1\nanswers: [\n", encoding="utf-8"
    )
    (tmp_path / "notes.txt").write_text("not an assessment", encoding="utf-8")
    return tmp_path


def test_files_are_loaded_and_bad_ones_reported_in_one_line(folder: Path, bankset: Any) -> None:
    files = find_files(folder)
    assert [p.name for p in files] == [
        "broken.msht.yaml",
        "eastmarsh.msht.yaml",
        "midshire.msht.yaml",
        "northmoor.msht.yaml",
        "westvale.msht.yaml",
    ]
    entries, skipped = load_entries(files, bankset)
    assert sorted(e.file for e in entries) == [p.name for p in files[1:]]
    assert len(skipped) == 1 and skipped[0].file == "broken.msht.yaml"
    assert "\n" not in skipped[0].problem and "broken.msht.yaml:" in skipped[0].problem
    midshire = next(e for e in entries if e.file == "midshire.msht.yaml")
    assert midshire.partnership == "Midshire Anti-Slavery Partnership"
    assert [b.id for b in midshire.banks] == ["identification"]


def test_parallel_loading_gives_the_same_result_in_the_same_order(
    folder: Path, bankset: Any
) -> None:
    files = find_files(folder)
    serial = load_entries(files, bankset, workers=1)
    parallel = load_entries(files, bankset, workers=2, parallel_from=1)
    assert parallel == serial


def test_a_folder_without_assessments_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"no \*\.msht\.yaml files"):
        find_files(tmp_path)
    with pytest.raises(UsageError, match="no such folder"):
        find_files(tmp_path / "missing")
