"""`msht explain`: terms, exclusions, caps and thresholds, with the same numbers as `score`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from bank_builder import make_bank, q, score
from typer.testing import CliRunner

from msht_toolkit.analysis.explain import (
    BANK,
    OVERALL,
    QUESTION,
    SECTION,
    explain,
)
from msht_toolkit.cli.app import app
from msht_toolkit.errors import NotFoundError
from msht_toolkit.render.terminal.explain import explanation_lines, rag_reason
from msht_toolkit.scoring.scorer import EXCLUDED_NA, EXCLUDED_TEXT, EXCLUDED_WEIGHT0, EXCLUDED_WHEN

ANSWERS = {
    "ID-NRM-01": 1,
    "ID-NRM-02": "most",
    "ID-NRM-04": 3,
    "ID-DTN-01": 2,
    "ID-DTN-02": "unknown",
    "ID-CH-01": 3,
    "ID-CH-02": "none",
    "ID-SIG-01": 55,
    "PS-INV-01": 3,
    "PS-ORD-01": "no",
    "SC-TS-01": "na",
}


@pytest.fixture
def scored_file(write_assessment: Callable[..., Path]) -> Path:
    return write_assessment(
        ANSWERS,
        banks={"identification": "2026.1", "pursue": "2026.1", "supply-chain": "2026.1"},
    )


def run(*args: object) -> object:
    return CliRunner().invoke(app, [str(a) for a in args])


def _bank() -> object:
    return make_bank(
        "alpha",
        {
            "s1": [
                q("A-0", "yesno"),
                q("A-1", critical=True, weight=2),
                q("A-2", "text"),
                q("A-3", weight=0),
                q("A-4", when="A-0 == yes"),
                q("A-5"),
                q("A-6"),
            ],
            "s2": [q("B-1", "number"), q("B-2", "choice")],
        },
        rag={"green": 80, "amber": 50},
    )


def test_section_terms_exclusions_cap_and_thresholds() -> None:
    card = score(_bank(), {"A-0": "no", "A-1": 1, "A-2": "notes", "A-3": 3, "A-4": 3, "A-5": "na"})
    e = explain(card, "alpha/s1")
    section = card.bank("alpha").sections[0]
    assert e.kind == SECTION
    assert [(t.id, t.weight) for t in e.terms] == [("A-0", 1.0), ("A-1", 2.0)]
    assert e.total / e.weight_sum == pytest.approx(section.score)
    assert e.score == section.score
    reasons = {x.id: x.reason for x in e.excluded}
    assert reasons == {
        "A-2": EXCLUDED_TEXT,
        "A-3": EXCLUDED_WEIGHT0,
        "A-4": EXCLUDED_WHEN,
        "A-5": EXCLUDED_NA,
        "A-6": "not answered",
    }
    assert e.capped_by == "A-1"
    assert (e.thresholds.green, e.thresholds.amber) == (80, 50)
    text = "\n".join(explanation_lines(e))
    assert "Critical cap: A-1 is critical and rated RED" in text
    assert "GREEN from 80, AMBER from 50" in text
    for reason in reasons.values():
        assert reason in text
    assert f"Score {round(section.score, 1):.1f}, RED" in text


def test_bank_is_a_mean_of_questions_across_sections_not_of_sections() -> None:
    card = score(_bank(), {"A-0": "yes", "A-1": 3, "B-1": 5, "B-2": "some"})
    e = explain(card, "alpha")
    assert e.kind == BANK
    assert [t.id for t in e.terms] == ["A-0", "A-1", "B-1", "B-2"]
    assert e.total / e.weight_sum == pytest.approx(card.bank("alpha").score)
    assert [p.id for p in e.parts] == ["alpha/s1", "alpha/s2"]
    text = "\n".join(explanation_lines(e))
    assert "across all sections" in text


def test_question_how_for_each_type() -> None:
    card = score(
        _bank(), {"A-0": "yes", "A-1": 2, "A-4": "unknown", "B-1": 15, "B-2": "some", "A-3": 1}
    )
    lines = {
        qn.id: "\n".join(explanation_lines(explain(card, qn.id)))
        for qn in card.bank("alpha").bank.questions()
    }
    assert "Yes scores 100" in lines["A-0"]
    assert "2 / 3 = 66.7" in lines["A-1"]
    assert "Critical, but not rated RED: it caps nothing." in lines["A-1"]
    assert "don't know. It scores 0" in lines["A-4"]
    assert "Asked only when A-0 == yes: that is true" in lines["A-4"]
    assert "highest threshold at or below it is 10, scoring 0.5 of 1 = 50.0" in lines["B-1"]
    assert "scores 0.5 of 1 = 50.0" in lines["B-2"]
    assert EXCLUDED_WEIGHT0 in lines["A-3"]
    assert "Score -, UNRATED" in lines["A-6"]
    e = explain(card, "A-1")
    assert e.kind == QUESTION and e.score == card.question("A-1").score


def test_question_below_every_threshold_and_when_false() -> None:
    card = score(_bank(), {"A-0": "no", "A-4": 3, "B-1": -2})
    b1 = "\n".join(explanation_lines(explain(card, "B-1")))
    assert "below every threshold" in b1
    a4 = "\n".join(explanation_lines(explain(card, "A-4")))
    assert "that is false" in a4
    assert "Recorded answer (not counted)" in a4


def test_overall_lists_banks_themes_and_excluded_banks() -> None:
    a = make_bank("alpha", {"s": [q("A-1")]}, theme="pursue", weight=2)
    b = make_bank("beta", {"s": [q("B-1")]}, theme="pursue")
    c = make_bank("gamma", {"s": [q("C-1")]}, theme="protect")
    card = score([a, b, c], {"A-1": 3, "B-1": 0})
    e = explain(card)
    assert e.kind == OVERALL
    assert [(t.id, t.weight) for t in e.terms] == [("alpha", 2.0), ("beta", 1.0)]
    assert [(x.id, x.reason) for x in e.excluded] == [("gamma", "no rated answers")]
    assert e.total / e.weight_sum == pytest.approx(card.overall.score)
    assert [p.id for p in e.parts] == ["pursue", "protect"]
    text = "\n".join(explanation_lines(e))
    assert "fixed for themes and overall" in text
    assert "GREEN from 75, AMBER from 40" in text


def test_rag_reason_names_the_unrounded_score_when_rounding_misleads() -> None:
    from msht_toolkit.analysis.explain import Thresholds

    t = Thresholds(80, 50, "bank x")
    assert (
        rag_reason(79.96, "AMBER", t)
        == "80.0 (unrounded 79.9600) is at least 50 and below 80, so AMBER."
    )
    assert rag_reason(85, "GREEN", t) == "85.0 is at least 80, so GREEN."
    assert rag_reason(None, "UNRATED", t) == "No score, so UNRATED."


def test_unknown_target_is_not_found() -> None:
    card = score(_bank(), {})
    for bad in ("NOPE-1", "alpha/none", "zeta/s1"):
        with pytest.raises(NotFoundError):
            explain(card, bad)


# ---------------------------------------------------------------- same numbers as `score`


def _expected_headline(item: dict) -> str:
    score = "-" if item["score"] is None else f"{item['score']:.1f}"
    return f"Score {score}, {item['rag']}" + (" (provisional)" if item.get("provisional") else "")


def test_explain_numbers_equal_score_json(scored_file: Path, bankset) -> None:
    """Every question, section and bank, in process, from the same card as `score`."""
    from msht_toolkit.assessment.check import check_answers
    from msht_toolkit.assessment.reading import load_assessment
    from msht_toolkit.scoring.scorer import score_assessment

    doc = json.loads(run("score", scored_file, "--json").stdout)
    assessment = load_assessment(scored_file)
    card = score_assessment(assessment, check_answers(assessment, bankset))

    def headline(target: str | None) -> str:
        return explanation_lines(explain(card, target))[1]

    assert headline(None) == _expected_headline(doc["overall"])
    for bank in doc["banks"]:
        assert headline(bank["id"]) == _expected_headline(bank)
        for section in bank["sections"]:
            assert headline(f"{bank['id']}/{section['id']}") == _expected_headline(section)
            for question in section["questions"]:
                assert headline(question["id"]) == _expected_headline(question)


def test_explain_cli_prints_the_same_numbers_as_score(scored_file: Path) -> None:
    doc = json.loads(run("score", scored_file, "--json").stdout)
    nrm = doc["banks"][0]["sections"][0]
    cases = [
        (None, doc["overall"]),
        ("identification", doc["banks"][0]),
        ("identification/nrm", nrm),
        ("ID-NRM-01", nrm["questions"][0]),
        ("pursue", doc["banks"][1]),
    ]
    for target, item in cases:
        result = run("explain", scored_file, *([target] if target else []))
        assert result.exit_code == 0, result.stderr
        assert result.stdout.splitlines()[1] == _expected_headline(item)


def test_explain_themes_equal_score_json(scored_file: Path) -> None:
    doc = json.loads(run("score", scored_file, "--json").stdout)
    out = run("explain", scored_file).stdout
    themes = out[out.index("Themes (") :].splitlines()[1:]
    for theme, line in zip(doc["themes"], themes, strict=True):
        score = "-" if theme["score"] is None else f"{theme['score']:.1f}"
        assert line.split()[:3] == [theme["id"], score, theme["rag"]]


def test_explain_cli_errors_exit_2_one_line(scored_file: Path, tmp_path: Path) -> None:
    result = run("explain", scored_file, "XX-NOPE-9")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert "XX-NOPE-9" in result.stderr
    assert result.stdout == ""
    bad = tmp_path / "bad.msht.yaml"
    bad.write_text("schema: msht-assessment/1\nanswers:\n  ID-NRM-01: 9\n", encoding="utf-8")
    result = run("explain", bad)
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr
