"""Shared fixtures: the bundled banks, a repository root, and assessment files to score.

Helpers here are small and general; put anything specific to one module in that
module's own test folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def _bank_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("msht-cache")


@pytest.fixture(autouse=True)
def _no_user_banks(monkeypatch: pytest.MonkeyPatch, _bank_cache_dir: Path) -> None:
    """Tests never see the developer's own MSHT_BANKS, colour settings or bank cache."""
    monkeypatch.delenv("MSHT_BANKS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("MSHT_CACHE_DIR", str(_bank_cache_dir))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO


@pytest.fixture(scope="session")
def bankset() -> Any:
    from msht_toolkit.banks.registry import load_bankset

    return load_bankset(environ={})


@pytest.fixture
def write_assessment(tmp_path: Path) -> Callable[..., Path]:
    """Write an assessment file from answers; returns its path."""
    import yaml

    def write(
        answers: dict[str, Any],
        banks: dict[str, str] | None = None,
        name: str = "test.msht.yaml",
        **profile: Any,
    ) -> Path:
        data: dict[str, Any] = {
            "schema": "msht-assessment/1",
            "partnership": profile.pop("partnership", "Testshire Anti-Slavery Partnership"),
            "period": profile.pop("period", "2026/27"),
        }
        data.update(profile)
        if banks is not None:
            data["banks"] = banks
        data["answers"] = answers
        path = tmp_path / name
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        os.chmod(path, 0o600)
        return path

    return write
