"""The fictional Midshire examples: valid, realistic, and their committed outputs up to date."""

from __future__ import annotations

import importlib.util
import json
import zipfile
from pathlib import Path
from types import ModuleType

import pytest

from msht_toolkit.analysis.plan import build_plan
from msht_toolkit.assessment.check import check_answers
from msht_toolkit.assessment.reading import load_assessment
from msht_toolkit.assessment.writing import save_assessment
from msht_toolkit.scoring.scorer import RED, score_assessment

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
YEARS = ("midshire-2025.msht.yaml", "midshire-2026.msht.yaml")
ALL_BANKS = {
    "identification",
    "pursue",
    "prevent",
    "protect",
    "prepare",
    "victim-support",
    "supply-chain",
}


def load_regenerate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("examples_regenerate", EXAMPLES / "regenerate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> tuple[ModuleType, Path, list[Path]]:
    module = load_regenerate()
    dest = tmp_path_factory.mktemp("examples")
    return module, dest, module.regenerate(dest)


def content(path: Path) -> object:
    """What a reader gets from a file: its bytes; for a Word file (a zip), each part's
    uncompressed bytes, so another zlib's compression of the same parts is not stale."""
    if path.suffix != ".docx":
        return path.read_bytes()
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in sorted(package.namelist())}


def test_committed_outputs_are_up_to_date(regenerated: tuple[ModuleType, Path, list[Path]]) -> None:
    _module, dest, written = regenerated
    stale = []
    for path in written:
        relative = path.relative_to(dest)
        committed = EXAMPLES / relative
        if not committed.exists() or content(committed) != content(path):
            stale.append(str(relative))
    assert not stale, (
        f"examples outputs are stale: {stale}; run `python examples/regenerate.py` and commit"
    )


def test_every_committed_output_is_regenerated(
    regenerated: tuple[ModuleType, Path, list[Path]],
) -> None:
    _module, dest, written = regenerated
    made = {p.relative_to(dest) for p in written}
    committed = {p.relative_to(EXAMPLES) for p in (EXAMPLES / "output").iterdir()}
    assert committed <= made, f"outputs no entry in regenerate.py makes: {committed - made}"


def test_regeneration_is_deterministic(
    regenerated: tuple[ModuleType, Path, list[Path]], tmp_path: Path
) -> None:
    module, _dest, written = regenerated
    again = module.regenerate(tmp_path)
    for first, second in zip(written, again, strict=True):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_regenerate_reports_a_failing_command(tmp_path: Path, monkeypatch) -> None:
    module = load_regenerate()
    monkeypatch.setattr(module, "OUTPUTS", [(["score", "nope.msht.yaml", "--json"], "out.json")])
    with pytest.raises(RuntimeError, match="failed with exit 2"):
        module.regenerate(tmp_path)
    assert not (tmp_path / "out.json").exists()


@pytest.fixture(scope="module")
def cards(bankset) -> dict[str, object]:
    out = {}
    for name in YEARS:
        assessment = load_assessment(EXAMPLES / name)
        card = score_assessment(assessment, check_answers(assessment, bankset))
        out[name] = card.with_measures(bankset.measures)  # as every command scores a file
    return out


def test_examples_answer_all_seven_banks_at_the_right_versions(cards: dict) -> None:
    old, new = cards[YEARS[0]], cards[YEARS[1]]
    assert {b.id for b in old.banks} == ALL_BANKS == {b.id for b in new.banks}
    assert old.bank("identification").bank.version == "2025.1"
    assert all(b.bank.version == "2026.1" for b in new.banks)
    for card in (old, new):
        assert card.assessment.partnership == "Midshire Anti-Slavery Partnership"
        assert card.assessment.area == "Midshire"
        assert card.overall.completeness == 1.0
        notes = [r for r in card.questions() if r.answered and r.answer.note]
        assert len(notes) == card.overall.answered  # every answer has a note
        assert sum(1 for r in card.questions() if r.answer and r.answer.evidence) >= 20
    assert (old.assessment.period, new.assessment.period) == ("2025/26", "2026/27")


def test_examples_show_improvement_and_slippage(cards: dict) -> None:
    old, new = cards[YEARS[0]], cards[YEARS[1]]
    assert new.overall.score > old.overall.score
    improved = declined = 0
    for result in new.questions():
        before = old.question(result.id)
        if before and before.score is not None and result.score is not None:
            improved += result.score > before.score
            declined += result.score < before.score
    assert improved >= 20 and declined >= 3
    # a critical question slipped to RED this year
    slipped = [
        r.id
        for r in new.questions()
        if r.critical and r.rag == RED and old.question(r.id) and old.question(r.id).rag != RED
    ]
    assert slipped


def test_examples_have_unknowns_na_reviews_plan_and_targets(cards: dict) -> None:
    for card in cards.values():
        values = [r.value for r in card.questions()]
        assert "unknown" in values and "na" in values
        assert any(r.answer and r.answer.review for r in card.questions())
        assert card.assessment.plan and card.assessment.targets
        assert card.assessment.participants
        plan = build_plan(card)
        assert plan.critical_failures and plan.evidence_gaps
        assert plan.decided  # ranked items carrying the partnership's decision


def test_examples_survive_a_save_and_load(tmp_path: Path, bankset) -> None:
    """Saving keeps every answer, level 0 included, and the scores stay the same."""
    for name in YEARS:
        original = load_assessment(EXAMPLES / name)
        check_answers(original, bankset)
        copy = tmp_path / name
        save_assessment(original, copy)
        again = load_assessment(copy)
        check_answers(again, bankset)
        assert {k: a.value for k, a in again.answers.items()} == {
            k: a.value for k, a in original.answers.items()
        }
        assert 0 in [a.value for a in again.answers.values()]


def test_score_json_outputs_match_the_cards(cards: dict) -> None:
    from msht_toolkit.render.json.score import score_json

    for name, card in cards.items():
        year = name.split("-")[1].split(".")[0]
        committed = json.loads((EXAMPLES / "output" / f"midshire-{year}-score.json").read_text())
        assert committed == score_json(card)


def test_third_year_is_what_assess_from_makes(tmp_path: Path) -> None:
    """midshire-2027 is made by `assess --from` last year's file plus this year's answers."""
    import shutil

    from typer.testing import CliRunner

    from msht_toolkit.cli.app import app

    for name in ("midshire-2026.msht.yaml", "midshire-2027-answers.yaml"):
        shutil.copy(EXAMPLES / name, tmp_path / name)
    made = tmp_path / "midshire-2027.msht.yaml"
    result = CliRunner().invoke(
        app,
        [
            "assess",
            str(made),
            "--from",
            str(tmp_path / "midshire-2026.msht.yaml"),
            "--answers",
            str(tmp_path / "midshire-2027-answers.yaml"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert made.read_text(encoding="utf-8") == (EXAMPLES / "midshire-2027.msht.yaml").read_text(
        encoding="utf-8"
    ), "examples/midshire-2027.msht.yaml is stale: remake it with `msht assess --from`"
    third = load_assessment(made)
    assert third.period == "2027/28"
    assert third.carried_from == "midshire-2026.msht.yaml"


def test_midshire_figures_rise_with_identification_and_one_flag_shows() -> None:
    """Referrals rise each year as identification improves; in 2026/27 training coverage
    fell while protect's rating rose, so the diff flags it (and only it)."""
    trend = json.loads((EXAMPLES / "output" / "midshire-trend.json").read_text())
    refs = next(m for m in trend["measures"] if m["id"] == "NRM-REFERRALS")
    assert refs["values"] == sorted(refs["values"]) and None not in refs["per_100k"]
    diff = json.loads((EXAMPLES / "output" / "midshire-diff.json").read_text())
    (flag,) = diff["flags"]
    assert flag["kind"] == "rating-up-outcome-down" and flag["measure"] == "STAFF-TRAINED"
    assert flag["bank"] == "protect" and flag["bank_change"] >= 5
    assert flag["measure_change_pct"] <= -20
    for year in ("2025", "2026", "2027"):
        score = json.loads((EXAMPLES / "output" / f"midshire-{year}-score.json").read_text())
        assert all(m["value"] is not None for m in score["measures"]), year
