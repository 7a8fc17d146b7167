"""The 2027.1 content release of the identification, pursue, prevent and protect banks.

What a partnership relies on after a bank changes (issue 14):

- every released version is kept byte for byte, so a file answered against it scores the
  same forever (the Midshire 2026/27 file included);
- statutory duties are critical questions;
- a practice is scored once, in one bank, not two or three times;
- percentages cannot be typed outside 0..100;
- ``replaces`` carries renamed and merged questions across, so ``msht diff`` between a
  2026/27 file and a 2027/28 file made with ``assess --from`` compares like with like.

Bank files are read with ``yaml.safe_load`` (what the banks *say*); scoring and diffs go
through the real loader, scorer and CLI.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from functools import cache
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
BANKS = REPO / "questionnaires"
ARCHIVE = BANKS / "archive"
EXAMPLES = REPO / "examples"
RELEASED = ("identification", "pursue", "prevent", "protect")

# sha256 of each released file as it was when it was the live bank on main (identification
# 2025.1 since the 2026 release; the four 2026.1 files since this one). An archived file is
# never edited: if one of these fails, restore the file from git, do not update the hash.
RELEASED_SHA256 = {
    "identification-2025.1.yaml": "50219743e6593e4e09cab6b7db85d72faa627057b148faf9fb0699e36ac45b16",
    "identification-2026.1.yaml": "d9bac757893647a4014d8a2b9a5ae1c50d475b0df169a76311aaf9fcfd0d6e06",
    "pursue-2026.1.yaml": "5a76701a4f09e9f6ab9654121a6a46fe50b6415895d493fa8862bb4831869612",
    "prevent-2026.1.yaml": "76b2976d194a4366e8cc956b78dbef6228e6d36fc082bba486acca1f1cb2949e",
    "protect-2026.1.yaml": "95689bfe3ae0dbb743446677da5e59e86aba514ec00da81931ce53b979682a2d",
}

# Statutory duties: a RED answer must cap the section (question id -> the duty).
STATUTORY_CRITICAL = {
    "ID-DTN-02": "Modern Slavery Act 2015 s.52 (duty to notify)",
    "ID-CH-01": "Children Act 1989 s.47; s.51 presumption about age (children always referred)",
}


@cache
def load(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def current_banks() -> dict[str, dict]:
    return {load(p)["id"]: load(p) for p in sorted(BANKS.glob("*.yaml")) if p.name != "measures.yaml"}


def questions(bank: dict) -> list[dict]:
    return [q for section in bank["sections"] for q in section["questions"]]


def scored_wording(question: dict) -> str:
    """What an answer is given against: the question, its levels and its option labels."""
    parts = [question.get("text", "")]
    parts += question.get("levels") or []
    parts += [o.get("label", "") for o in question.get("options") or []]
    return " ".join(" ".join(str(p).split()) for p in parts)


def version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


# ------------------------------------------------------------------ released files


@pytest.mark.parametrize("name", sorted(RELEASED_SHA256))
def test_released_versions_are_kept_byte_for_byte(name: str) -> None:
    path = ARCHIVE / name
    assert path.is_file(), f"released bank version {name} is missing from questionnaires/archive/"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == RELEASED_SHA256[name], (
        f"{name} changed: a released bank version must never change"
    )


@pytest.mark.parametrize("bank_id", RELEASED)
def test_the_four_banks_are_2027_1_and_keep_their_2026_1_release(bank_id: str) -> None:
    assert current_banks()[bank_id]["version"] == "2027.1"
    archived = load(ARCHIVE / f"{bank_id}-2026.1.yaml")
    assert (archived["id"], archived["version"]) == (bank_id, "2026.1")


def test_archive_file_names_match_the_version_inside() -> None:
    for path in sorted(ARCHIVE.glob("*.yaml")):
        bank = load(path)
        assert path.name == f"{bank['id']}-{bank['version']}.yaml", path.name


def test_the_2026_midshire_file_is_still_scored_on_the_archived_versions(bankset) -> None:
    from msht_toolkit.assessment.check import check_answers
    from msht_toolkit.assessment.reading import load_assessment
    from msht_toolkit.scoring.scorer import score_assessment

    assessment = load_assessment(EXAMPLES / "midshire-2026.msht.yaml")
    card = score_assessment(assessment, check_answers(assessment, bankset))
    for bank_id in RELEASED:
        bank = card.bank(bank_id).bank
        assert bank.version == "2026.1" and Path(bank.path).parent.name == "archive"
    # the numbers the 2026/27 board report was built on, before the 2027.1 release
    assert round(card.overall.score, 1) == 51.8 and card.overall.rag == "AMBER"
    expected = {
        "identification": (59.7, "AMBER"),
        "pursue": (54.9, "AMBER"),
        "prevent": (50.9, "AMBER"),
        "protect": (50.9, "AMBER"),
        "prepare": (60.2, "AMBER"),
        "victim-support": (47.4, "AMBER"),
        "supply-chain": (38.9, "RED"),
    }
    got = {b.id: (round(b.score, 1), b.rag) for b in card.banks}
    assert got == expected


# ------------------------------------------------------------------ content rules


@pytest.mark.parametrize("qid", sorted(STATUTORY_CRITICAL))
def test_statutory_duties_are_critical(qid: str) -> None:
    found = [q for b in current_banks().values() for q in questions(b) if q["id"] == qid]
    assert len(found) == 1, f"{qid} ({STATUTORY_CRITICAL[qid]}) is not in the current banks"
    assert found[0].get("critical") is True, f"{qid} is a statutory duty and must be critical"


def test_duty_to_notify_names_the_statutory_authorities_not_home_office_staff() -> None:
    """s.52(5) lists police, councils, the NCA and the GLAA; Home Office staff notify by policy."""
    bank = current_banks()["identification"]
    help_text = " ".join(next(q for q in questions(bank) if q["id"] == "ID-DTN-02")["help"].split())
    for authority in ("police", "National Crime Agency", "council", "Gangmasters and Labour Abuse"):
        assert authority in help_text
    assert "Home Office policy, not under the statutory duty" in help_text


# practice -> (the one question that scores it, a pattern for its wording). The pattern is
# matched against what is scored (text, levels, option labels) in the four banks; help
# texts may point to the owning question, but only the owner may ask about the practice.
PRACTICES = {
    "multi-agency child exploitation screening and panel": (
        "PT-VUL-01",
        r"exploitation (panel|screening)|screening tool",
    ),
    "training records of partner agencies' frontline staff": (
        "ID-SIG-01",
        r"training records|awareness training",
    ),
    "victim care plan on joint visits and operations": ("PT-VIS-03", r"victim care plan"),
    "engaging employers in high-risk sectors": ("PV-BUS-01", r"\bbusiness"),
    "enablers: hotels, landlords, letting agents, transport, banks, adverts": (
        "PV-BUS-04",
        r"letting agent|landlord|hotel",
    ),
    "briefing people outside the partner agencies": (
        "PT-COM-03",
        r"faith|school staff|GP practice|outside the (partner|statutory)",
    ),
    "regulatory inspections of high-risk premises": ("PT-VIS-01", r"inspect"),
}


@pytest.mark.parametrize("practice", sorted(PRACTICES))
def test_each_practice_is_scored_by_one_question(practice: str) -> None:
    owner, pattern = PRACTICES[practice]
    banks = current_banks()
    asked_by = [
        q["id"]
        for bank_id in RELEASED
        for q in questions(banks[bank_id])
        if re.search(pattern, scored_wording(q), re.IGNORECASE)
    ]
    assert asked_by == [owner], f"{practice!r} is scored by {asked_by}, should be {owner} only"


# practices scored once across every current bank (owner in another helper's bank included)
PRACTICES_ALL_BANKS = {
    "transitional safeguarding for young adults up to 25": (
        "VS-ADV-02",
        r"up to 25|transitional safeguarding",
    ),
}


@pytest.mark.parametrize("practice", sorted(PRACTICES_ALL_BANKS))
def test_each_practice_is_scored_by_one_question_in_any_bank(practice: str) -> None:
    owner, pattern = PRACTICES_ALL_BANKS[practice]
    asked_by = [
        q["id"]
        for bank in current_banks().values()
        for q in questions(bank)
        if re.search(pattern, scored_wording(q), re.IGNORECASE)
    ]
    assert asked_by == [owner], f"{practice!r} is scored by {asked_by}, should be {owner} only"


def test_merged_questions_are_gone_and_their_successors_say_so() -> None:
    banks = current_banks()
    ids = {q["id"]: q for bank_id in RELEASED for q in questions(banks[bank_id])}
    for gone in ("PT-TRN-01", "PT-TRN-03", "PT-COM-02", "PT-VIS-02", "PV-BUS-03"):
        assert gone not in ids
    assert ids["PT-COM-03"]["replaces"] == ["PT-TRN-03", "PT-COM-02"]
    assert ids["PT-VIS-05"]["replaces"] == ["PT-VIS-02"]
    assert ids["PV-BUS-05"]["replaces"] == ["PV-BUS-03"]


def released_2027_questions() -> list[tuple[str, dict]]:
    """Questions of every current bank released in 2027.1 or later (when the rule began)."""
    return [
        (bank_id, q)
        for bank_id, bank in current_banks().items()
        if version_key(str(bank["version"])) >= (2027, 1)
        for q in questions(bank)
    ]


def test_every_percentage_question_is_bounded_0_to_100() -> None:
    percent = [
        (bank_id, q)
        for bank_id, q in released_2027_questions()
        if q.get("type") == "number"
        and (q.get("unit") == "percent" or re.search(r"percent|share of", q["text"], re.I))
    ]
    assert {q["id"] for _, q in percent} >= {"ID-SIG-01", "PS-ORD-05", "PV-BUS-05"}
    for bank_id, q in percent:
        assert (q.get("min"), q.get("max"), q.get("unit")) == (0, 100, "percent"), (
            f"{bank_id} {q['id']}: a percentage needs min: 0, max: 100, unit: percent"
        )
        assert all(0 <= t["min"] <= 100 for t in q["thresholds"]), q["id"]


def test_level_3_descriptors_that_bundle_conditions_say_all_of() -> None:
    """Two assessors should agree on mature practice: three or more conditions read 'All of:'."""
    banks = current_banks()
    vague = []
    for bank_id in RELEASED:
        for q in questions(banks[bank_id]):
            levels = q.get("levels") or []
            if not levels:
                continue
            top = " ".join(levels[3].split())
            conditions = len(re.findall(r",|;", top.split(":", 1)[-1])) + 1
            if conditions >= 3 and not top.startswith("All of:"):
                vague.append(q["id"])
    assert not vague, f"level 3 bundles three or more conditions without 'All of:': {vague}"


def test_descriptions_state_the_england_and_wales_scope() -> None:
    banks = current_banks()
    for bank_id in RELEASED:
        text = " ".join(banks[bank_id]["description"].split())
        assert "England and Wales" in text, bank_id
        assert "Scotland and Northern Ireland" in text and "out of scope" in text, bank_id
        assert "Wales" in text.replace("England and Wales", ""), bank_id


# ------------------------------------------------------------------ behaviour


def test_live_orders_are_monitored_unless_there_are_none(bankset) -> None:
    """PS-ORD-04 applies whenever orders may be live (count unknown included), not only when the
    force itself sought them, so court-made and transferred orders are not left out."""
    from msht_toolkit.assessment.check import check_answers
    from msht_toolkit.assessment.model import Answer, Assessment
    from msht_toolkit.scoring.scorer import score_assessment

    def applicable(value: object, ps_ord_01: str = "no") -> bool:
        answers = {"PS-ORD-01": Answer(value=ps_ord_01)}
        if value is not None:
            answers["PS-ORD-03"] = Answer(value=value)
        assessment = Assessment(banks={"pursue": "2027.1"}, answers=answers)
        card = score_assessment(assessment, check_answers(assessment, bankset))
        return card.question("PS-ORD-04").applicable

    assert applicable(2) and applicable("unknown") and applicable(None)
    assert not applicable(0)
    assert applicable(1, ps_ord_01="no")  # no procedure of its own, but an order to manage


def test_order_count_is_recorded_not_scored_and_use_is_a_share(bankset) -> None:
    pursue = bankset.get("pursue", "2027.1")
    assert pursue.question("PS-ORD-03").weight == 0
    share = pursue.question("PS-ORD-05")
    assert share.type == "number" and (share.min, share.max) == (0, 100)


@pytest.fixture(scope="module")
def midshire_2027(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 2027/28 file made the way a partnership makes it: assess --from last year's file."""
    from typer.testing import CliRunner

    from msht_toolkit.cli.app import app

    folder = tmp_path_factory.mktemp("midshire")
    for name in ("midshire-2026.msht.yaml", "midshire-2027-answers.yaml"):
        shutil.copy(EXAMPLES / name, folder / name)
    made = folder / "midshire-2027.msht.yaml"
    result = CliRunner().invoke(
        app,
        [
            "assess",
            str(made),
            "--from",
            str(folder / "midshire-2026.msht.yaml"),
            "--answers",
            str(folder / "midshire-2027-answers.yaml"),
        ],
    )
    assert result.exit_code == 0, result.output
    return made


def test_diff_2026_to_2027_matches_renamed_and_merged_questions(bankset, midshire_2027) -> None:
    from msht_toolkit.analysis.diff import diff_scorecards
    from msht_toolkit.assessment.check import check_answers
    from msht_toolkit.assessment.reading import load_assessment
    from msht_toolkit.scoring.scorer import score_assessment

    cards = []
    for path in (EXAMPLES / "midshire-2026.msht.yaml", midshire_2027):
        assessment = load_assessment(path)
        cards.append(score_assessment(assessment, check_answers(assessment, bankset)))
    old, new = cards
    assert {bank_id: new.bank(bank_id).bank.version for bank_id in RELEASED} == dict.fromkeys(
        RELEASED, "2027.1"
    )
    diff = diff_scorecards(old, new, lineage=bankset.all())
    pairs = {(c.old_id, c.new.id if c.new else None): c.change for c in diff.questions}
    by_new = {new_id: old_id for old_id, new_id in pairs if new_id}
    # renamed: the new question is compared with the one it replaced, not added
    assert by_new["PV-BUS-05"] == "PV-BUS-03"
    assert by_new["PT-VIS-05"] == "PT-VIS-02"
    # merged: compared with the first old question that has a score; the other is not "removed"
    assert by_new["PT-COM-03"] == "PT-TRN-03"
    assert ("PT-COM-02", None) not in pairs
    # removed as a duplicate of ID-SIG-01: reported, so nobody thinks it was improved away
    assert pairs[("PT-TRN-01", None)] == "removed"
    # kept questions are matched by id, and new practice shows as added
    assert by_new["ID-SIG-01"] == "ID-SIG-01" and by_new["PS-JNT-01"] == "PS-JNT-01"
    for added in ("ID-NRM-05", "PS-ORD-05", "PV-DIV-04", "PT-VUL-04"):
        assert pairs[(None, added)] == "added"
    assert not [c for c in diff.questions if c.new is None and c.old.id.startswith("PV-BUS")]


def test_answers_to_unchanged_questions_carry_without_review(midshire_2027) -> None:
    """Help and refs changed, the question did not: last year's answer stands unmarked."""
    from msht_toolkit.assessment.reading import load_assessment
    from msht_toolkit.walk.changes import is_upgrade_reason

    third = load_assessment(midshire_2027)
    marked = [
        qid
        for qid, answer in third.answers.items()
        if answer.review and is_upgrade_reason(answer.review_reason)
    ]
    assert marked == []  # the answers file confirmed every changed question
    assert third.banks["identification"] == "2027.1"
