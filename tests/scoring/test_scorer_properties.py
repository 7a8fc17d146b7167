"""Property tests of the scorer (hypothesis) over randomly generated banks and answers.

Banks are generated as data and loaded through the real bank loader, so every one is
valid. ``when`` conditions are generated too, but never test for the word ``na``
(see ``test_marking_an_unanswered_question_na_never_changes_a_score``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from score_shape import score_shape_problems

from msht_toolkit.assessment.model import Answer, Assessment
from msht_toolkit.assessment.values import fraction
from msht_toolkit.banks import when as when_lang
from msht_toolkit.banks.loader import load_bank_text
from msht_toolkit.banks.model import THEMES, Bank, Question
from msht_toolkit.render.json.score import dumps, score_json
from msht_toolkit.scoring.scorer import RAG_ORDER, RED, UNRATED, ScoreCard, score_assessment

SETTINGS = settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LEVELS = ["none", "early", "substantial", "mature"]
TYPES = ("scale", "yesno", "choice", "number", "text")


@st.composite
def question_data(draw: st.DrawFn, qid: str, earlier: list[dict[str, Any]]) -> dict[str, Any]:
    qtype = draw(st.sampled_from(TYPES))
    data: dict[str, Any] = {
        "id": qid,
        "text": f"Question {qid}?",
        "type": qtype,
        "weight": draw(st.sampled_from([0, 0.5, 1, 1, 1, 2, 3])),
        "critical": draw(st.booleans()),
    }
    if qtype == "scale":
        data["levels"] = LEVELS
    elif qtype == "choice":
        scores = sorted(
            draw(st.lists(st.sampled_from([0, 0.25, 0.33, 0.5, 0.67, 1]), min_size=2, max_size=4))
        )
        data["options"] = [
            {"id": f"o{i}", "label": f"Option {i}", "score": s} for i, s in enumerate(scores)
        ]
    elif qtype == "number":
        count = draw(st.integers(1, 4))
        mins = sorted(
            draw(st.lists(st.integers(0, 100), min_size=count, max_size=count, unique=True))
        )
        scores = draw(
            st.lists(st.sampled_from([0, 0.2, 0.5, 0.75, 1]), min_size=count, max_size=count)
        )
        data["thresholds"] = [{"min": m, "score": s} for m, s in zip(mins, scores, strict=True)]
    conditions = [e for e in earlier if e["type"] in ("scale", "yesno", "choice")]
    if conditions and draw(st.integers(0, 2)) == 0:
        target = draw(st.sampled_from(conditions))
        if target["type"] == "yesno":
            data["when"] = (
                f"{target['id']} {draw(st.sampled_from(['==', '!=']))} {draw(st.sampled_from(['yes', 'no']))}"
            )
        elif target["type"] == "scale":
            op = draw(st.sampled_from([">=", ">", "<", "==", "!="]))
            data["when"] = f"{target['id']} {op} {draw(st.integers(0, 3))}"
        else:
            option = draw(st.sampled_from(target["options"]))["id"]
            data["when"] = f"{target['id']} in [{option}]"
    return data


@st.composite
def bank_data(draw: st.DrawFn, index: int) -> dict[str, Any]:
    sections = []
    questions: list[dict[str, Any]] = []
    for s in range(draw(st.integers(1, 3))):
        section_questions = []
        for _ in range(draw(st.integers(1, 4))):
            qd = draw(question_data(f"B{index}-Q{len(questions)}", questions))
            questions.append(qd)
            section_questions.append(qd)
        sections.append({"id": f"s{s}", "title": f"Section {s}", "questions": section_questions})
    data: dict[str, Any] = {
        "schema": "msht-bank/1",
        "id": f"bank-{index}",
        "title": f"Bank {index}",
        "version": "1",
        "theme": draw(st.sampled_from(THEMES)),
        "weight": draw(st.sampled_from([0, 0.5, 1, 1, 2])),
        "sections": sections,
    }
    if draw(st.booleans()):
        amber = draw(st.integers(0, 90))
        data["rag"] = {"green": draw(st.integers(amber, 100)), "amber": amber}
    return data


def value_strategy(question: Question) -> st.SearchStrategy[Any]:
    special = st.sampled_from([None, "unknown", "na"])
    if question.type == "scale":
        own: st.SearchStrategy[Any] = st.integers(0, 3)
    elif question.type == "yesno":
        own = st.sampled_from(["yes", "no"])
    elif question.type == "choice":
        own = st.sampled_from([o.id for o in question.options])
    elif question.type == "number":
        own = st.one_of(st.integers(-5, 120), st.floats(-5, 120, allow_nan=False))
    else:
        own = st.text(min_size=1, max_size=10)
    return st.one_of(special, own, own)


def answer_values(question: Question) -> list[Any]:
    """A finite spread of stored values for a question (for choosing a raised answer)."""
    values: list[Any] = ["unknown"]
    if question.type == "scale":
        values += [0, 1, 2, 3]
    elif question.type == "yesno":
        values += ["yes", "no"]
    elif question.type == "choice":
        values += [o.id for o in question.options]
    elif question.type == "number":
        values += [t.min for t in question.thresholds] + [-1, 0.5, 250]
    return values


@dataclass
class Case:
    banks: list[Bank]
    answers: dict[str, Any]

    def questions(self) -> list[Question]:
        return [qn for b in self.banks for qn in b.questions()]

    def card(self, answers: dict[str, Any] | None = None) -> ScoreCard:
        assessment = Assessment(partnership="Propertyshire", period="2026/27")
        assessment.banks = {b.id: b.version for b in self.banks}
        for qid, value in (self.answers if answers is None else answers).items():
            if value is not None:
                assessment.answers[qid] = Answer(value=value)
        return score_assessment(assessment, self.banks)

    def when_references(self) -> set[str]:
        refs: set[str] = set()
        for qn in self.questions():
            if qn.when is not None:
                refs.update(c.qid for c in when_lang.comparisons(qn.when))
        return refs


@st.composite
def cases(draw: st.DrawFn) -> Case:
    banks = [
        load_bank_text(yaml.safe_dump(draw(bank_data(i))), f"<bank-{i}>")
        for i in range(draw(st.integers(1, 3)))
    ]
    answers = {qn.id: draw(value_strategy(qn)) for b in banks for qn in b.questions()}
    return Case(banks, answers)


def aggregates(card: ScoreCard) -> dict[str, tuple[float | None, str]]:
    """Every aggregate's (score, rag), keyed by where it sits."""
    out: dict[str, tuple[float | None, str]] = {"overall": (card.overall.score, card.overall.rag)}
    for theme in card.themes:
        out[f"theme:{theme.id}"] = (theme.score, theme.rag)
    for bank in card.banks:
        out[f"bank:{bank.id}"] = (bank.score, bank.rag)
        for section in bank.sections:
            out[f"section:{bank.id}/{section.id}"] = (section.score, section.rag)
    return out


def rag_rank(rag: str) -> int:
    return RAG_ORDER.index(rag)


@SETTINGS
@given(cases())
def test_every_score_is_in_0_to_100_and_every_rag_follows_the_rules(case: Case) -> None:
    card = case.card()
    for qr in card.questions():
        assert qr.score is None or 0 <= qr.score <= 100
        assert (qr.score is None) == (qr.rag == UNRATED)
    for bank in card.banks:
        for section in bank.sections:
            assert section.score is None or 0 <= section.score <= 100
            assert 0 <= section.completeness <= 1
            critical_red = [
                r.id for r in section.questions if r.critical and r.applicable and r.rag == RED
            ]
            assert section.capped_by == (critical_red[0] if critical_red else None)
            if critical_red:
                assert section.rag == RED
            else:
                assert section.rag == section.uncapped_rag
        assert bank.score is None or 0 <= bank.score <= 100
        assert 0 <= bank.completeness <= 1
        assert bank.provisional == (bank.completeness < 0.8)
    for theme in card.themes:
        assert theme.score is None or 0 <= theme.score <= 100
    assert card.overall.score is None or 0 <= card.overall.score <= 100
    assert 0 <= card.overall.completeness <= 1


@st.composite
def raised_cases(draw: st.DrawFn) -> tuple[Case, str, Any]:
    """A case, a question not read by any ``when``, and a value scoring at least as high."""
    case = draw(cases())
    refs = case.when_references()
    candidates = [
        qn
        for qn in case.questions()
        if qn.id not in refs and qn.scored and case.answers[qn.id] not in (None, "na")
    ]
    assume(candidates)
    question = draw(st.sampled_from(candidates))
    current = fraction(question, case.answers[question.id])
    assert current is not None
    options = [v for v in answer_values(question) if fraction(question, v) >= current]
    new_value = draw(st.sampled_from(options))
    return case, question.id, new_value


@SETTINGS
@given(raised_cases())
def test_raising_any_one_answer_never_lowers_any_aggregate(data: tuple[Case, str, Any]) -> None:
    case, qid, new_value = data
    before = aggregates(case.card())
    after = aggregates(case.card({**case.answers, qid: new_value}))
    assert before.keys() == after.keys()
    for key, (old_score, old_rag) in before.items():
        new_score, new_rag = after[key]
        # the set of scored questions is unchanged, so rated stays rated
        assert (old_score is None) == (new_score is None), key
        if old_score is None:
            continue
        assert new_score >= old_score, key
        # the critical cap changes section RAG, not score: RAG may only improve too
        assert rag_rank(new_rag) >= rag_rank(old_rag), key


@st.composite
def unanswered_cases(draw: st.DrawFn) -> tuple[Case, str]:
    case = draw(cases())
    read = sorted(case.when_references())
    if read and draw(st.booleans()):
        # the interesting case: a question that some `when` reads, left unanswered
        qid = draw(st.sampled_from(read))
        return Case(case.banks, {**case.answers, qid: None}), qid
    blank = [qn.id for qn in case.questions() if case.answers[qn.id] is None]
    assume(blank)
    return case, draw(st.sampled_from(blank))


@SETTINGS
@given(unanswered_cases())
def test_marking_an_unanswered_question_na_never_changes_a_score(data: tuple[Case, str]) -> None:
    """Holds for every ``when`` that does not test for ``na`` itself (generated ones never do)."""
    case, qid = data
    before = case.card()
    after = case.card({**case.answers, qid: "na"})
    assert aggregates(after) == aggregates(before)
    assert [(r.id, r.score, r.rag) for r in after.questions()] == [
        (r.id, r.score, r.rag) for r in before.questions()
    ]
    # and no other question's applicability moves (a `when` reads na like unanswered)
    assert [(r.id, r.applicable) for r in after.questions() if r.id != qid] == [
        (r.id, r.applicable) for r in before.questions() if r.id != qid
    ]
    # completeness may rise (one fewer applicable question), never fall
    assert after.overall.completeness >= before.overall.completeness


@SETTINGS
@given(cases())
def test_json_round_trips_and_has_the_spec_shape(case: Case) -> None:
    card = case.card()
    doc = score_json(card)
    assert score_shape_problems(doc) == []
    assert json.loads(dumps(doc)) == doc
    listed = [qd["id"] for b in doc["banks"] for s in b["sections"] for qd in s["questions"]]
    assert listed == [qn.id for qn in case.questions()]


def test_shape_validator_catches_a_wrong_document() -> None:
    """The validator itself can fail: a missing key, a bad rag and an unrounded score."""
    from bank_builder import make_bank, q, score

    doc = score_json(score(make_bank(sections={"s": [q("A-1")]}), {"A-1": 1}))
    assert score_shape_problems(doc) == []
    broken = json.loads(dumps(doc))
    del broken["overall"]["provisional"]
    broken["banks"][0]["rag"] = "ORANGE"
    broken["banks"][0]["sections"][0]["questions"][0]["score"] = 33.333
    problems = score_shape_problems(broken)
    assert any("overall" in p for p in problems)
    assert any("ORANGE" in p for p in problems)
    assert any("33.333" in p for p in problems)
