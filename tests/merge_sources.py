"""Agencies' assessments of the Midshire partnership for the merge, consolidate and
disagreement tests: one small bank of every question type, built through the real loader."""

from __future__ import annotations

from typing import Any

from bank_builder import make_bank, q

from msht_toolkit.analysis.merge import Source, merge
from msht_toolkit.assessment.model import Answer, Assessment, Participant, Response
from msht_toolkit.banks.model import Bank

PARTNERSHIP = "Midshire Anti-Slavery Partnership"
BANK = make_bank(
    "alpha",
    {
        "s1": [
            q("A-1"),
            q("A-2", "yesno"),
            q("A-3", "choice"),  # options none (0), some (0.5), all (1): ids not in score order
            q("A-4", "number"),  # thresholds 0 -> 0, 10 -> 0.5, 20 -> 1
            q("A-5", "text"),
            q("A-6", weight=0),
        ],
        "s2": [q("A-7"), q("A-8")],
    },
)
OTHER = make_bank("beta", {"t1": [q("B-1"), q("B-2")]}, theme="pursue")


def question(qid: str, bank: Bank = BANK) -> Any:
    found = bank.question(qid)
    assert found is not None
    return found


def responses(*values: Any) -> list[Response]:
    return [Response(by=f"Agency {i + 1}", value=v) for i, v in enumerate(values)]


def source(
    answers: dict[str, Any],
    agency: str = "Midshire Police",
    banks: tuple[Bank, ...] = (BANK,),
    name: str = "",
    **profile: Any,
) -> Source:
    """An agency's checked assessment; answers are values or Answer objects."""
    a = Assessment(
        partnership=profile.pop("partnership", PARTNERSHIP),
        period=profile.pop("period", "2026/27"),
        **profile,
    )
    a.banks = {b.id: b.version for b in banks}
    a.participants = a.participants or [Participant("A. Lead", agency)]
    for qid, value in answers.items():
        a.answers[qid] = value if isinstance(value, Answer) else Answer(value=value, by=agency)
    return Source(a, banks, name or f"{agency.lower().replace(' ', '-')}.msht.yaml")


def merged(values: dict[str, tuple[Any, ...]]) -> Assessment:
    """A merged assessment whose answers hold one response per value."""
    files = [
        source(
            {qid: vals[i] for qid, vals in values.items() if i < len(vals)},
            agency=f"Agency {i + 1}",
        )
        for i in range(max(len(v) for v in values.values()))
    ]
    return merge(files).assessment
