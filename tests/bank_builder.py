"""Small in-memory banks and assessments for scoring, plan, explain and target tests.

Banks are written as plain data, dumped to YAML and loaded through the real
``banks.loader.load_bank_text``, so every test bank also passes the bank validator.
"""

from __future__ import annotations

from typing import Any

import yaml

from msht_toolkit.assessment.model import Answer, Assessment, PlanEntry, Target
from msht_toolkit.banks.loader import load_bank_text
from msht_toolkit.banks.model import Bank
from msht_toolkit.scoring.scorer import ScoreCard, score_assessment

LEVELS = ["Nothing yet.", "Early progress.", "Substantial progress.", "Mature practice."]


def q(qid: str, type: str = "scale", **extra: Any) -> dict[str, Any]:
    """A question mapping with sensible defaults for its type."""
    data: dict[str, Any] = {"id": qid, "text": f"Question {qid}?", "type": type}
    if type == "scale":
        data["levels"] = list(LEVELS)
    elif type == "choice":
        data["options"] = [
            {"id": "none", "label": "None of them", "score": 0},
            {"id": "some", "label": "Some of them", "score": 0.5},
            {"id": "all", "label": "All of them", "score": 1},
        ]
    elif type == "number":
        data["thresholds"] = [
            {"min": 0, "score": 0},
            {"min": 10, "score": 0.5},
            {"min": 20, "score": 1},
        ]
    data.update(extra)
    return data


def act(below: float, do: str, priority: str = "high", owner: str | None = "Police") -> dict:
    """An action mapping, as a bank file writes one."""
    data = {"below": below, "do": do, "priority": priority}
    if owner:
        data["owner"] = owner
    return data


def bank_data(
    bank_id: str = "alpha",
    sections: dict[str, list[dict[str, Any]]] | None = None,
    theme: str = "prepare",
    version: str = "1.0",
    **extra: Any,
) -> dict[str, Any]:
    sections = sections if sections is not None else {"s1": [q("A-1")]}
    data: dict[str, Any] = {
        "schema": "msht-bank/1",
        "id": bank_id,
        "title": f"Bank {bank_id}",
        "version": version,
        "theme": theme,
    }
    data.update(extra)
    data["sections"] = [
        {"id": sid, "title": f"Section {sid}", "questions": questions}
        for sid, questions in sections.items()
    ]
    return data


def make_bank(
    bank_id: str = "alpha",
    sections: dict[str, list[dict[str, Any]]] | None = None,
    theme: str = "prepare",
    **extra: Any,
) -> Bank:
    """Build a bank through the real loader (so it passes every bank rule)."""
    text = yaml.safe_dump(bank_data(bank_id, sections, theme, **extra), sort_keys=False)
    return load_bank_text(text, f"<{bank_id}>")


def answer(value: Any, **extra: Any) -> Answer:
    return Answer(value=value, **extra)


def make_assessment(
    answers: dict[str, Any],
    banks: list[Bank] | None = None,
    plan: dict[str, PlanEntry] | None = None,
    targets: dict[str, Target] | None = None,
    **profile: Any,
) -> Assessment:
    """An assessment whose answers are given as values or ``Answer`` objects."""
    assessment = Assessment(
        partnership=profile.pop("partnership", "Testshire Anti-Slavery Partnership"),
        period=profile.pop("period", "2026/27"),
        **profile,
    )
    if banks:
        assessment.banks = {b.id: b.version for b in banks}
    for qid, value in answers.items():
        assessment.answers[qid] = value if isinstance(value, Answer) else Answer(value=value)
    assessment.plan = dict(plan or {})
    assessment.targets = dict(targets or {})
    return assessment


def score(banks: Bank | list[Bank], answers: dict[str, Any], **kw: Any) -> ScoreCard:
    """Score answers (already in stored form) against one or more banks."""
    bank_list = [banks] if isinstance(banks, Bank) else list(banks)
    return score_assessment(make_assessment(answers, bank_list, **kw), bank_list)
