"""Fixtures for the bank tests: a small valid bank with every question type."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

VALID_BANK = """\
schema: msht-bank/1
id: test-bank
title: Test bank
version: "2026.1"
theme: prepare
description: A small bank with one question of every type.
weight: 2
rag: {green: 80, amber: 50}
sections:
  - id: basics
    title: Basics
    questions:
      - id: TB-BAS-01
        text: Is there a named lead?
        type: yesno
        critical: true
        actions:
          - below: 1
            do: Name a lead.
            owner: Midshire County Council
            priority: high
      - id: TB-BAS-02
        text: How mature is the pathway?
        help: Good looks like one pathway that everyone knows.
        weight: 2
        levels:
          - None.
          - Some partners.
          - Most partners.
          - Every partner, tested.
        evidence: The pathway document
        when: TB-BAS-01 == yes
        replaces: [TB-OLD-01]
        refs: [Modern Slavery Act 2015 s.52]
        actions:
          - below: 2
            do: Publish the pathway.
          - do: Test the pathway each year.
            priority: low
  - id: more
    title: More
    questions:
      - id: TB-MOR-01
        text: How many partners signed up?
        type: number
        thresholds:
          - {min: 1, score: 0.5}
          - {min: 5, score: 1}
      - id: TB-MOR-02
        text: Which best describes training?
        type: choice
        options:
          - {id: none, label: No staff, score: 0}
          - {id: some, label: Some staff, score: 0.5}
          - {id: all, label: All staff, score: 1}
        when: "TB-MOR-01 >= 1 and (TB-BAS-02 in [2, 3] or not TB-BAS-01 == no)"
      - id: TB-MOR-03
        text: What else should the board know?
        type: text
        weight: 0
"""


@pytest.fixture
def valid_bank_text() -> str:
    return VALID_BANK


@pytest.fixture
def write_bank(tmp_path: Path) -> Callable[..., Path]:
    """Write bank text (the valid bank by default, with replacements) to a file."""

    def write(
        text: str = VALID_BANK,
        name: str = "bank.yaml",
        replace: dict[str, str] | None = None,
        folder: Path | None = None,
    ) -> Path:
        for old, new in (replace or {}).items():
            assert old in text, old
            text = text.replace(old, new)
        path = (folder or tmp_path) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write
