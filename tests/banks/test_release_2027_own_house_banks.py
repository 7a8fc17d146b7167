"""The 2027.1 release of the prepare, victim-support and supply-chain banks (issue 14).

What a partnership relies on from this release: last year's 2026.1 files still score
exactly as before (the released files are archived byte for byte), percentages cannot
be entered out of range, questions only ask what the answering partner can know, and
the facts and sources the banks cite are the current ones (named documents, the
right sections, bodies that may have been merged worded so they hold either way).
The files are read with ``yaml.safe_load`` on purpose, as in test_bundled_content.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from msht_toolkit.assessment.model import Answer
from msht_toolkit.scoring.scorer import applicability

BANK_DIR = Path(__file__).resolve().parents[2] / "questionnaires"
ARCHIVE = BANK_DIR / "archive"
BANKS = ("prepare", "victim-support", "supply-chain")
NEW, OLD = "2027.1", "2026.1"

# sha256 of each file as released in 2026.1 (git show 0365ce2:questionnaires/<id>.yaml)
RELEASED_2026_1 = {
    "prepare": "9f7e168d4599d15939986d8e03f70e9983447443e6646871ef4aab63e2df9b3f",
    "victim-support": "7af25b63edaae55a5f481445262fa4644442bf064ed976ec5b460cb8ecb572bb",
    "supply-chain": "a03458dac8e77577f40609d050c2aa34974f1222c64ae343805d7944f2250d32",
}

bank_param = pytest.mark.parametrize("bank_id", BANKS)


@cache
def load(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def current(bank_id: str) -> dict:
    return load(BANK_DIR / f"{bank_id}.yaml")


def archived(bank_id: str) -> dict:
    return load(ARCHIVE / f"{bank_id}-{OLD}.yaml")


def questions(bank: dict) -> list[dict]:
    return [q for sec in bank["sections"] for q in sec["questions"]]


def question(bank_id: str, qid: str) -> dict:
    found = [q for q in questions(current(bank_id)) if q["id"] == qid]
    assert found, f"{qid} missing from {bank_id}"
    return found[0]


def text_of(q: dict) -> str:
    """Every piece of wording a user sees for a question, as one string."""
    parts = [q.get("text", ""), q.get("help", "")]
    parts += q.get("levels", []) or []
    parts += [o["label"] for o in q.get("options", []) or []]
    parts += [a["do"] for a in q.get("actions", []) or []]
    return " ".join(" ".join(str(p).split()) for p in parts)


# ---------------------------------------------------------------- versions and archive


@bank_param
def test_live_file_is_2027_1_and_2026_1_is_archived_unchanged(bank_id: str) -> None:
    assert current(bank_id)["version"] == NEW
    path = ARCHIVE / f"{bank_id}-{OLD}.yaml"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == RELEASED_2026_1[bank_id], (
        f"{path.name} is not byte for byte the released 2026.1 file"
    )
    assert archived(bank_id)["version"] == OLD


@bank_param
def test_both_versions_load_and_new_assessments_get_2027_1(bank_id: str, bankset) -> None:
    versions = [b.version for b in bankset.versions(bank_id)]
    assert OLD in versions and NEW in versions
    assert bankset.current[bank_id].version == NEW
    assert bankset.get(bank_id, OLD).version == OLD  # 2026/27 files still score


@bank_param
def test_no_question_is_dropped_so_diff_matches_every_old_answer(bank_id: str) -> None:
    """Every 2026.1 id is still asked (same practice, same id): `diff` pairs them all."""
    old = {q["id"] for q in questions(archived(bank_id))}
    new = {q["id"] for q in questions(current(bank_id))}
    assert old <= new, f"{bank_id}: ids dropped without `replaces`: {sorted(old - new)}"
    added = new - old
    assert added <= {"VS-ADV-05"}, f"{bank_id}: unexpected new ids {sorted(added)}"


# ------------------------------------------------------------------ numbers and gates


@bank_param
def test_every_number_question_states_its_range(bank_id: str) -> None:
    for q in questions(current(bank_id)):
        if q.get("type") != "number":
            continue
        assert "min" in q and "max" in q, f"{q['id']}: no min/max"
        assert q["min"] <= q["thresholds"][0]["min"]
        assert q["thresholds"][-1]["min"] <= q["max"], f"{q['id']}: top threshold out of range"


@bank_param
def test_percentage_questions_are_bounded_0_to_100(bank_id: str) -> None:
    found = []
    for q in questions(current(bank_id)):
        if q.get("type") == "number" and re.search(r"percent", q["text"], re.I):
            found.append(q["id"])
            assert (q.get("min"), q.get("max"), q.get("unit")) == (0, 100, "percent"), q["id"]
    if bank_id == "supply-chain":
        assert found == ["SC-TS-01", "SC-RSK-02"]


def test_sc_rsk_02_is_asked_only_once_partners_rate_their_contracts(bankset) -> None:
    bank = bankset.get("supply-chain", NEW)
    q = question("supply-chain", "SC-RSK-02")
    assert "SC-RSK-01" in q["when"]
    assert re.search(r"answering partner|each partner answers", text_of(q), re.I)
    not_rated = applicability(bank, {"SC-RSK-01": Answer(value=0)})
    assert not_rated["SC-RSK-02"] is not None  # no ratings: nothing to count
    rated = applicability(bank, {"SC-RSK-01": Answer(value=1)})
    assert rated["SC-RSK-02"] is None


def test_statement_questions_follow_publication(bankset) -> None:
    bank = bankset.get("supply-chain", NEW)
    nobody = applicability(bank, {"SC-TS-01": Answer(value=0)})
    assert nobody["SC-TS-02"] is not None and nobody["SC-TS-03"] is not None
    some = applicability(bank, {"SC-TS-01": Answer(value=50)})
    assert some["SC-TS-02"] is None and some["SC-TS-03"] is None


def test_sc_ts_03_counts_the_four_points_instead_of_bundling_them() -> None:
    q = question("supply-chain", "SC-TS-03")
    assert q["type"] == "number" and (q["min"], q["max"]) == (0, 4)
    assert [t["min"] for t in q["thresholds"]] == [0, 1, 2, 3, 4]
    for point in ("board", "signed", "home page", "registry"):
        assert point in q["text"], point


def test_sc_ts_02_levels_follow_the_2025_guidance_two_levels_for_six_areas() -> None:
    q = question("supply-chain", "SC-TS-02")
    assert "March 2025" in q["help"] and "six" in q["help"]
    assert "first level" in " ".join(q["levels"][1:3])
    assert "second level" in q["levels"][3]
    assert any("revised March 2025" in r for r in q["refs"])


# ------------------------------------------------------------------------ facts cited


def test_vs_adv_01_cites_care_act_s68_for_safeguarding_advocacy() -> None:
    q = question("victim-support", "VS-ADV-01")
    assert any(re.search(r"Care Act 2014 s\.68\b", r) for r in q["refs"])
    assert "s.68" in q["help"] and "safeguarding" in q["help"]


def test_vs_hlt_01_states_the_charging_exemption_as_the_regulations_do() -> None:
    q = question("victim-support", "VS-HLT-01")
    help_text = " ".join(q["help"].split())
    assert "competent authority" in help_text and "family members" in help_text
    assert "declines the NRM is not covered" in help_text
    assert any("reg.16" in r for r in q["refs"]) and any("reg.25" in r for r in q["refs"])


def test_victim_care_contract_names_places_of_safety_and_reach_in() -> None:
    assert "Places of Safety" in text_of(question("victim-support", "VS-SAF-02"))
    assert "Reach-In" in text_of(question("victim-support", "VS-MOV-01"))


def test_temporary_permission_to_stay_is_asked_with_its_statute() -> None:
    q = question("victim-support", "VS-ADV-05")
    assert "Nationality and Borders Act 2022 s.65" in q["refs"]
    assert "conclusive grounds" in q["text"]


def test_vs_adv_02_options_are_cumulative_and_reach_25() -> None:
    q = question("victim-support", "VS-ADV-02")
    scores = [o["score"] for o in q["options"]]
    assert scores == sorted(scores)
    assert q["options"][-1]["label"].startswith("All of the above")
    assert "25" in q["options"][-1]["label"] and "transitional safeguarding" in q["help"]


def test_sc_pro_02_covers_mandatory_and_discretionary_grounds() -> None:
    q = question("supply-chain", "SC-PRO-02")
    refs = " ".join(q["refs"])
    assert "Sch.6" in refs and "Sch.7" in refs and "s.62" in refs
    assert "mandatory" in q["help"] and "discretionary" in q["help"]


@bank_param
def test_procurement_policy_notes_are_cited_by_number(bank_id: str) -> None:
    for q in questions(current(bank_id)):
        for ref in q.get("refs", []):
            if re.search(r"procurement policy note|\bPPN\b", ref, re.I):
                assert re.search(r"PPN (009|02/23)", ref), f"{q['id']}: {ref!r}"


ORGANISATIONS = re.compile(
    r"^(the )?(single competent authority|home office|salvation army|glaa|"
    r"gangmasters and labour abuse authority|fair work agency|nhs( england)?|"
    r"modern slavery victim care contract|cabinet office|police)$",
    re.I,
)
DOCUMENT = re.compile(
    r"\b(Act|Regulations|Rules|[Gg]uidance|Code|PPN|Procedures|Tool|Strategy|Order)\b"
)


@bank_param
def test_refs_name_documents_not_organisations(bank_id: str) -> None:
    for q in questions(current(bank_id)):
        for ref in q.get("refs", []):
            assert not ORGANISATIONS.match(ref.strip()), (
                f"{q['id']}: organisation as source {ref!r}"
            )
            assert DOCUMENT.search(ref), f"{q['id']}: {ref!r} names no document"


@bank_param
def test_labour_market_body_is_worded_to_hold_after_the_fair_work_agency(bank_id: str) -> None:
    for q in questions(current(bank_id)):
        wording = text_of(q)
        if re.search(r"\bGLAA\b|Gangmasters and Labour Abuse|Employment Agency Standards", wording):
            assert "Fair Work Agency" in wording, f"{q['id']} names the GLAA as the only body"


# ------------------------------------------------------------------- scope and owners


@bank_param
def test_description_states_england_and_wales_scope(bank_id: str) -> None:
    text = " ".join(current(bank_id)["description"].split())
    assert "England and Wales" in text
    assert "Scotland and Northern Ireland" in text and "out of scope" in text
    if bank_id != "supply-chain":
        assert "Social Services and Well-being (Wales) Act 2014" in text
        assert "Safeguarding Boards" in text


def test_supply_chain_actions_are_not_given_to_fire_or_the_nhs() -> None:
    owners = {a["owner"] for q in questions(current("supply-chain")) for a in q["actions"]}
    assert not {o for o in owners if re.search(r"fire|\bNHS\b", o, re.I)}, owners


@bank_param
def test_bundled_level_3s_say_all_of(bank_id: str) -> None:
    """A level 3 listing several conditions says whether all must hold (two assessors agree)."""
    for q in questions(current(bank_id)):
        levels = q.get("levels")
        if levels and ";" in levels[3]:
            assert re.search(r"\b(all of|both):", levels[3]), f"{q['id']}: {levels[3]!r}"


def test_diff_from_a_2026_1_year_to_a_2027_1_year_pairs_every_question(bankset) -> None:
    """Last year's answers (2026.1) against this year's (2027.1): nothing in these banks
    shows as removed, the same practice is compared by id, and only VS-ADV-05 is new."""
    from msht_toolkit.analysis.change import ADDED, REMOVED, UNCHANGED
    from msht_toolkit.analysis.diff import diff_scorecards
    from msht_toolkit.assessment.check import check_answers
    from msht_toolkit.assessment.model import Assessment
    from msht_toolkit.scoring.scorer import score_assessment

    def lowest(q) -> object:  # the lowest answer of each type, "yes" where a gate needs it
        if q.type == "choice":
            return q.options[0].id
        return "yes" if q.type == "yesno" else 0

    def year(period: str, version: str, extra: dict[str, object]) -> Assessment:
        bank_list = [bankset.get(b, version) for b in BANKS]
        answers = {q.id: Answer(value=lowest(q)) for bank in bank_list for q in bank.questions()}
        answers.update({qid: Answer(value=value) for qid, value in extra.items()})
        banks = {b: version for b in BANKS}
        return Assessment(partnership="Midshire", period=period, banks=banks, answers=answers)

    common = {"SC-RSK-01": 1}
    old = year("2026/27", OLD, {**common, "SC-TS-01": "partial", "SC-TS-03": "some"})
    new = year("2027/28", NEW, {**common, "SC-TS-01": 67, "SC-TS-03": 2, "VS-ADV-05": 1})
    cards = [score_assessment(a, check_answers(a, bankset)) for a in (old, new)]
    changes = {q.id: q.change for q in diff_scorecards(*cards).questions}
    assert [qid for qid, change in changes.items() if change == REMOVED] == []
    assert [qid for qid, change in changes.items() if change == ADDED] == ["VS-ADV-05"]
    assert changes["SC-TS-01"] == UNCHANGED  # 'partial' (0.5) then 67% (0.5)
