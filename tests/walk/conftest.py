"""Banks for the walk's domain tests, built through the real loader (tests/bank_builder.py)."""

from __future__ import annotations

from typing import Any

import pytest
from bank_builder import make_bank, q

from msht_toolkit.banks.model import Bank
from msht_toolkit.banks.registry import BankSet, assemble


@pytest.fixture
def gate_bank() -> Bank:
    """Two sections; G-2 and G-3 are asked only when G-1 is yes; G-5 only when G-4 >= 2."""
    return make_bank(
        "gate",
        {
            "s1": [
                q("G-1", "yesno"),
                q("G-2", when="G-1 == yes"),
                q("G-3", "choice", when="G-1 == yes"),
            ],
            "s2": [q("G-4"), q("G-5", "number", when="G-4 >= 2"), q("G-6", "text")],
        },
    )


def bankset_of(*banks: Bank) -> BankSet:
    problems: list[Any] = []
    result = assemble(list(banks), problems)
    assert not problems, problems
    return result
