"""Content checks over the bundled question banks (``questionnaires/*.yaml``).

These tests read the bank files directly with ``yaml.safe_load`` on purpose: they
check what the banks *say* (coverage, wording, ids, actions), independently of the
loader and validator in ``msht_toolkit.banks``, which have their own tests.
Files under ``questionnaires/archive/`` are released older versions and are only
checked by the archive test at the end.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
BANK_DIR = REPO_ROOT / "questionnaires"
ARCHIVE_DIR = BANK_DIR / "archive"

# id -> (its theme, question id prefix)
EXPECTED_BANKS = {
    "identification": ("prepare", "ID"),
    "pursue": ("pursue", "PS"),
    "prevent": ("prevent", "PV"),
    "protect": ("protect", "PT"),
    "prepare": ("prepare", "PR"),
    "victim-support": ("prepare", "VS"),
    "supply-chain": ("protect", "SC"),
}

MIN_QUESTIONS_PER_BANK = 10
MIN_QUESTIONS_TOTAL = 85
MIN_SECTIONS, MAX_SECTIONS = 2, 5
MAX_CRITICAL_PER_BANK = 2
# Statutory duties are critical on top of a bank's (at most two) judgement calls: a RED
# answer to a legal duty caps its section whatever else the bank holds.
STATUTORY_CRITICAL = {"ID-DTN-02"}  # Modern Slavery Act 2015 s.52, duty to notify
PRIORITIES = {"high", "medium", "low"}

BANK_FILES = sorted(p for p in BANK_DIR.glob("*.yaml") if p.name != "measures.yaml")


@cache
def load(path: Path) -> dict:
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, dict), f"{path.name}: top level is not a mapping"
    return data


def sections(bank: dict) -> list:
    secs = bank.get("sections")
    assert isinstance(secs, list), f"{bank.get('id')}: 'sections' is not a list"
    return secs


def questions(bank: dict) -> list:
    out = []
    for sec in sections(bank):
        qs = sec.get("questions")
        assert isinstance(qs, list), f"{bank.get('id')}/{sec.get('id')}: 'questions' is not a list"
        out.extend(qs)
    return out


def qtype(q: dict) -> str:
    return q.get("type", "scale")


def norm(text: object) -> str:
    return " ".join(str(text).split()).casefold()


def nonempty_str(value: object) -> bool:
    return isinstance(value, str) and value.strip() != ""


def all_banks() -> list[tuple[Path, dict]]:
    return [(p, load(p)) for p in BANK_FILES]


bank_param = pytest.mark.parametrize("path", BANK_FILES, ids=[p.stem for p in BANK_FILES])


# --------------------------------------------------------------------------- banks


def test_bank_folder_has_files():
    assert BANK_DIR.is_dir(), f"missing {BANK_DIR}"
    assert BANK_FILES, f"no *.yaml banks in {BANK_DIR}"


@bank_param
def test_bank_top_level(path):
    bank = load(path)
    assert bank.get("schema") == "msht-bank/1", f"{path.name}: schema"
    assert isinstance(bank.get("version"), str), (
        f"{path.name}: version must be a quoted string, got {bank.get('version')!r}"
    )
    assert nonempty_str(bank.get("title")), f"{path.name}: empty title"
    assert nonempty_str(bank.get("description")), f"{path.name}: empty description"


def test_exactly_the_expected_banks_with_spec_themes():
    ids = Counter(load(p).get("id") for p in BANK_FILES)
    dupes = sorted(i for i, n in ids.items() if n > 1)
    assert not dupes, f"bank ids used by more than one file: {dupes}"
    assert set(ids) == set(EXPECTED_BANKS), (
        f"missing: {sorted(set(EXPECTED_BANKS) - set(ids))}; "
        f"unexpected: {sorted(set(ids) - set(EXPECTED_BANKS), key=str)}"
    )
    wrong = {
        b["id"]: b.get("theme")
        for _, b in all_banks()
        if b.get("theme") != EXPECTED_BANKS[b["id"]][0]
    }
    assert not wrong, f"themes differ from the agreed ones: {wrong}"


@bank_param
def test_enough_questions_per_bank(path):
    n = len(questions(load(path)))
    assert n >= MIN_QUESTIONS_PER_BANK, f"{path.name}: {n} questions < {MIN_QUESTIONS_PER_BANK}"


def test_enough_questions_overall():
    total = sum(len(questions(b)) for _, b in all_banks())
    assert total >= MIN_QUESTIONS_TOTAL, f"{total} questions in all banks < {MIN_QUESTIONS_TOTAL}"


@bank_param
def test_section_count(path):
    n = len(sections(load(path)))
    assert MIN_SECTIONS <= n <= MAX_SECTIONS, f"{path.name}: {n} sections"


# ------------------------------------------------------------------- questions


@bank_param
def test_scale_questions_have_four_distinct_levels(path):
    problems = []
    for q in questions(load(path)):
        if qtype(q) != "scale":
            continue
        levels = q.get("levels")
        if not isinstance(levels, list) or len(levels) != 4:
            problems.append(f"{q.get('id')}: needs exactly 4 levels")
        elif not all(nonempty_str(lv) for lv in levels):
            problems.append(f"{q.get('id')}: empty or non-text level")
        elif len({norm(lv) for lv in levels}) != 4:
            problems.append(f"{q.get('id')}: levels are not distinct")
    assert not problems, "\n".join(problems)


def test_no_two_questions_share_text():
    seen = defaultdict(list)
    for _, bank in all_banks():
        for q in questions(bank):
            seen[norm(q.get("text", ""))].append(q.get("id"))
    dupes = [ids for ids in seen.values() if len(ids) > 1]
    assert not dupes, f"questions with the same text: {dupes}"


@bank_param
def test_every_question_has_help_evidence_and_actions(path):
    problems = []
    for q in questions(load(path)):
        qid = q.get("id")
        if not nonempty_str(q.get("help")):
            problems.append(f"{qid}: no help")
        ev = q.get("evidence")
        ev_ok = nonempty_str(ev) or (
            isinstance(ev, list) and ev and all(nonempty_str(e) for e in ev)
        )
        if not ev_ok:
            problems.append(f"{qid}: no evidence")
        actions = q.get("actions")
        if not isinstance(actions, list) or not actions:
            problems.append(f"{qid}: no actions")
            continue
        for i, act in enumerate(actions):
            if not isinstance(act, dict):
                problems.append(f"{qid}: action {i} is not a mapping")
                continue
            if not nonempty_str(act.get("do")):
                problems.append(f"{qid}: action {i} has no 'do'")
            if not nonempty_str(act.get("owner")):
                problems.append(f"{qid}: action {i} has no owner")
            if act.get("priority") not in PRIORITIES:
                problems.append(f"{qid}: action {i} priority {act.get('priority')!r}")
    assert not problems, "\n".join(problems)


@bank_param
def test_question_ids_follow_the_bank_pattern(path):
    bank = load(path)
    prefix = EXPECTED_BANKS.get(bank.get("id"), (None, None))[1]
    assert prefix, f"{path.name}: unknown bank id {bank.get('id')!r}"
    pattern = re.compile(rf"^{prefix}-[A-Z]{{2,4}}-\d{{2}}$")
    bad = [q.get("id") for q in questions(bank) if not pattern.match(str(q.get("id")))]
    assert not bad, f"{path.name}: ids not matching {pattern.pattern}: {bad}"


@bank_param
def test_one_section_code_per_section(path):
    codes = {}
    for sec in sections(load(path)):
        found = {
            str(q.get("id")).split("-")[1] for q in sec["questions"] if "-" in str(q.get("id"))
        }
        assert len(found) == 1, f"{path.name}/{sec.get('id')}: section codes {sorted(found)}"
        codes[sec.get("id")] = found.pop()
    clash = [c for c, n in Counter(codes.values()).items() if n > 1]
    assert not clash, f"{path.name}: code used by several sections: {clash}"


def test_question_ids_unique_across_banks():
    ids = Counter(q.get("id") for _, b in all_banks() for q in questions(b))
    dupes = sorted(str(i) for i, n in ids.items() if n > 1)
    assert not dupes, f"duplicate question ids: {dupes}"


@bank_param
def test_bank_has_critical_questions_that_say_why(path):
    crit = [q for q in questions(load(path)) if q.get("critical") is True]
    assert crit, f"{path.name}: no critical question"
    silent = [
        q.get("id")
        for q in crit
        if not re.search(r"\bcritical\b\W+\w+", str(q.get("help", "")), re.IGNORECASE)
    ]
    assert not silent, f"{path.name}: critical questions whose help does not say why: {silent}"


@bank_param
def test_critical_questions_are_few(path):
    crit = [q.get("id") for q in questions(load(path)) if q.get("critical") is True]
    judgement = [qid for qid in crit if qid not in STATUTORY_CRITICAL]
    assert len(judgement) <= MAX_CRITICAL_PER_BANK, (
        f"{path.name}: too many critical questions: {crit}"
    )


# --------------------------------------------------------------------- archive


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def test_archived_banks_are_older_versions_of_bundled_banks():
    archived = sorted(ARCHIVE_DIR.glob("*.yaml")) if ARCHIVE_DIR.is_dir() else []
    if not archived:
        pytest.skip("no archived bank versions")
    current = {b.get("id"): b.get("version") for _, b in all_banks()}
    problems = []
    for path in archived:
        bank = load(path)
        bid, version = bank.get("id"), bank.get("version")
        if bid not in current:
            problems.append(f"{path.name}: id {bid!r} is not a bundled bank")
        elif not isinstance(version, str):
            problems.append(f"{path.name}: version {version!r} is not a quoted string")
        elif not _version_key(version) < _version_key(str(current[bid])):
            problems.append(f"{path.name}: {bid} {version} is not older than {current[bid]}")
    assert not problems, "\n".join(problems)
