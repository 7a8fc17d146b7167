"""`--json` on review, explain and banks list/show/validate: each a documented schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from msht_toolkit.cli.app import app

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "midshire-2026.msht.yaml"
BAD_BANK = REPO / "tests" / "data" / "bad_banks" / "action-below-zero.yaml"


def run(*args: str | Path) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args])


def doc(*args: str | Path, code: int = 0) -> dict[str, Any]:
    result = run(*args)
    assert result.exit_code == code, result.stderr
    return json.loads(result.stdout)


def test_review_json_lists_what_the_text_review_lists() -> None:
    data = doc("review", EXAMPLE, "--json")
    assert data["schema"] == "msht-review/1"
    assert data["partnership"] == "Midshire Anti-Slavery Partnership"
    text = run("review", EXAMPLE).stdout
    t = data["totals"]
    assert f"{t['marked']} marked for review, {t['dont_know']} don't know" in text
    items = [i for b in data["banks"] for i in b["items"]]
    assert items and {i["question"] for i in items} <= set(text.split())
    assert sum("marked for review" in i["kinds"] for i in items) == t["marked"]
    assert sum("don't know" in i["kinds"] for i in items) == t["dont_know"]
    assert set(items[0]) == {"question", "section", "text", "kinds", "reason", "by", "value"}


def test_review_json_of_a_finished_file_is_empty(write_assessment: Any) -> None:
    path = write_assessment({"ID-NRM-01": 2}, banks={"identification": "2026.1"})
    data = doc("review", path, "--json")
    assert data["totals"]["unanswered"] > 0  # the rest of the bank is unanswered
    assert data["banks"][0]["id"] == "identification"


def test_explain_json_has_the_same_numbers_as_score_json() -> None:
    score = doc("score", EXAMPLE, "--json")
    overall = doc("explain", EXAMPLE, "--json")
    assert overall["schema"] == "msht-explain/1"
    e = overall["explanation"]
    assert (e["kind"], e["score"], e["rag"]) == (
        "overall",
        score["overall"]["score"],
        score["overall"]["rag"],
    )
    assert [p["id"] for p in e["parts"]] == [t["id"] for t in score["themes"]]
    bank = doc("explain", EXAMPLE, "identification", "--json")["explanation"]
    by_id = {b["id"]: b for b in score["banks"]}
    assert bank["score"] == by_id["identification"]["score"]
    assert [t["id"] for t in bank["terms"]] == [  # a bank is the mean of its questions
        q["id"]
        for s in by_id["identification"]["sections"]
        for q in s["questions"]
        if q["score"] is not None
    ]
    question = doc("explain", EXAMPLE, "ID-NRM-01", "--json")["explanation"]
    assert question["kind"] == "question" and question["how"]


def test_explain_json_of_an_unknown_id_is_a_one_line_error() -> None:
    result = run("explain", EXAMPLE, "NOPE-01", "--json")
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1


def test_banks_list_json_names_every_loaded_bank_once() -> None:
    data = doc("banks", "list", "--json")
    assert data["schema"] == "msht-banks/1"
    keys = [(b["id"], b["version"]) for b in data["banks"]]
    assert len(keys) == len(set(keys))
    current = [b for b in data["banks"] if b["current"]]
    assert len(current) == len({b["id"] for b in data["banks"]}) >= 7
    assert all(b["bundled"] for b in data["banks"])


def test_banks_show_json_is_the_bank_in_its_file_shape() -> None:
    data = doc("banks", "show", "identification", "--json")
    assert data["schema"] == "msht-bank/1" and data["id"] == "identification"
    assert data["source"]["current"] is True
    question = data["sections"][0]["questions"][0]
    assert {"id", "text", "type", "levels", "actions", "when", "refs", "min", "max"} <= set(
        question
    )
    listed = {b["id"]: b for b in doc("banks", "list", "--json")["banks"] if b["current"]}
    count = sum(len(s["questions"]) for s in data["sections"])
    assert count == listed["identification"]["questions"]


def test_banks_show_json_of_an_older_version() -> None:
    data = doc("banks", "show", "identification", "--version", "2025.1", "--json")
    assert data["version"] == "2025.1" and data["source"]["current"] is False


def test_banks_validate_json_ok_and_with_problems() -> None:
    ok = doc("banks", "validate", "--json")
    assert ok["schema"] == "msht-validate/1" and ok["ok"] is True and ok["problems"] == []
    assert ok["banks"] >= 7 and ok["questions"] > 0
    bad = doc("banks", "validate", BAD_BANK, "--json", code=1)
    assert bad["ok"] is False and bad["files"] is None
    (problem,) = bad["problems"]
    assert problem["path"] == str(BAD_BANK) and problem["line"] and problem["message"]


@pytest.mark.parametrize(
    "args",
    [
        ["review", str(EXAMPLE)],
        ["explain", str(EXAMPLE)],
        ["banks", "list"],
        ["banks", "show", "prepare"],
        ["banks", "validate"],
        ["score", str(EXAMPLE)],
    ],
)
def test_every_json_document_names_its_schema(args: list[str]) -> None:
    data = doc(*args, "--json")
    assert isinstance(data["schema"], str) and data["schema"].startswith("msht-")
    assert data["schema"].endswith("/1")
