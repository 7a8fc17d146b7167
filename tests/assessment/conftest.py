"""Fixtures for the assessment tests: a small bank with every question type, and files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from msht_toolkit.banks.loader import load_bank_text
from msht_toolkit.banks.model import Bank
from msht_toolkit.banks.registry import BankSet, load_bankset

ALL_TYPES_BANK = """\
schema: msht-bank/1
id: all-types
title: Every question type
version: "2026.1"
theme: cross-cutting
sections:
  - id: one
    title: One of each
    questions:
      - id: AT-ONE-01
        text: How mature is the referral pathway?
        levels: [None., Some partners., Most partners., Every partner.]
      - id: AT-ONE-02
        text: Is there a named lead?
        type: yesno
      - id: AT-ONE-03
        text: Which best describes training?
        type: choice
        options:
          - {id: none, label: No staff, score: 0}
          - {id: some, label: Some staff, score: 0.5}
          - {id: all, label: All staff, score: 1}
      - id: AT-ONE-04
        text: How many partners signed the protocol?
        type: number
        thresholds:
          - {min: 1, score: 0.5}
          - {min: 5, score: 1}
      - id: AT-ONE-05
        text: What else should the board know?
        type: text
"""

# a number question with bounds (min, max, unit)
PERCENT_BANK = """\
schema: msht-bank/1
id: shares
title: Shares of staff
version: "2027.1"
theme: protect
sections:
  - id: staff
    title: Staff
    questions:
      - id: SH-STA-01
        text: What share of front-line staff have been trained?
        type: number
        min: 0
        max: 100
        unit: percent
        thresholds:
          - {min: 50, score: 0.5}
          - {min: 90, score: 1}
"""


@pytest.fixture(scope="session")
def percent_bank() -> Bank:
    return load_bank_text(PERCENT_BANK, "shares.yaml")


@pytest.fixture
def percent_bankset(tmp_path: Path) -> BankSet:
    path = tmp_path / "shares.yaml"
    path.write_text(PERCENT_BANK, encoding="utf-8")
    return load_bankset([path], environ={})


@pytest.fixture(scope="session")
def all_types_bank() -> Bank:
    return load_bank_text(ALL_TYPES_BANK, "all-types.yaml")


@pytest.fixture
def all_types_file(tmp_path: Path) -> Path:
    path = tmp_path / "banks" / "all-types.yaml"
    path.parent.mkdir()
    path.write_text(ALL_TYPES_BANK, encoding="utf-8")
    return path


@pytest.fixture
def bankset_with_all_types(all_types_file: Path) -> BankSet:
    """The bundled banks plus the every-type bank."""
    return load_bankset([all_types_file], environ={})


@pytest.fixture
def write_text(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write raw text to a file in the test's folder; returns its path."""

    def write(text: str, name: str = "file.msht.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
