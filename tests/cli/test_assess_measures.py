"""``assess --answers`` and ``assess --from`` with ``population`` and ``measures:``."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from msht_toolkit.assessment.check import check_answers
from msht_toolkit.assessment.model import MeasureValue
from msht_toolkit.assessment.reading import load_assessment
from msht_toolkit.banks.registry import load_bankset
from msht_toolkit.cli.app import app
from msht_toolkit.walk.carry import carry_forward, defaults_from

MINI = Path(__file__).resolve().parents[1] / "e2e" / "data" / "mini-bank.yaml"

OLD = """\
schema: msht-assessment/1
partnership: Midshire Anti-Slavery Partnership
area: Midshire
period: 2025/26
population: 1100000
assessed_on: 2026-03-10
banks: {mini: "1.0"}
answers:
  MINI-LEAD-01: {value: 1}
measures:
  NRM-REFERRALS: 41
  STAFF-TRAINED: {value: 55, note: Police and councils, source: Learning records}
"""


def invoke(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def loaded(path: Path):
    assessment = load_assessment(path)
    check_answers(assessment, load_bankset([MINI], environ={}))
    return assessment


def test_a_whole_answers_file_gives_population_and_figures(tmp_path: Path) -> None:
    answers = write(
        tmp_path / "answers.yaml",
        "population: 1120000\n"
        "answers:\n  MINI-LEAD-01: 2\n"
        "measures:\n  NRM-REFERRALS: 57\n"
        "  DTN-SUBMISSIONS: {value: 12, note: Councils only from Q2, source: '007'}\n",
    )
    out = tmp_path / "m.msht.yaml"
    result = invoke("assess", str(out), "--answers", str(answers), "--bank", str(MINI))
    assert result.exit_code == 0, result.output
    a = loaded(out)
    assert a.population == 1_120_000
    assert a.measures == {
        "NRM-REFERRALS": MeasureValue(57),
        "DTN-SUBMISSIONS": MeasureValue(12, "Councils only from Q2", "007"),
    }


def test_figures_alone_fill_an_existing_file(tmp_path: Path) -> None:
    out = write(tmp_path / "m.msht.yaml", OLD)
    answers = write(tmp_path / "answers.yaml", "measures:\n  NRM-REFERRALS: 60\n")
    result = invoke("assess", str(out), "--answers", str(answers), "--bank", str(MINI))
    assert result.exit_code == 0, result.output
    a = loaded(out)
    assert a.measures["NRM-REFERRALS"] == MeasureValue(60)
    assert a.measures["STAFF-TRAINED"].value == 55  # the other figure is kept
    assert a.answers["MINI-LEAD-01"].value == 1


def test_a_bad_figure_in_the_answers_file_is_refused_and_nothing_written(tmp_path: Path) -> None:
    out = write(tmp_path / "m.msht.yaml", OLD)
    before = out.read_bytes()
    answers = write(
        tmp_path / "answers.yaml", "answers:\n  MINI-LEAD-01: 2\nmeasures:\n  STAFF-TRAINED: 140\n"
    )
    result = CliRunner().invoke(
        app, ["assess", str(out), "--answers", str(answers), "--bank", str(MINI)]
    )
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"{answers}:4:1: measure STAFF-TRAINED is a percentage (0..100), not 140"
    )
    assert out.read_bytes() == before


def test_an_unknown_measure_in_the_answers_file_is_refused(tmp_path: Path) -> None:
    answers = write(tmp_path / "answers.yaml", "measures:\n  NRM-REFERALS: 5\n")
    result = CliRunner().invoke(
        app,
        ["assess", str(tmp_path / "n.msht.yaml"), "--answers", str(answers), "--bank", str(MINI)],
    )
    assert result.exit_code == 2 and f"{answers}:2:1: figure for unknown measure" in result.stderr
    assert not (tmp_path / "n.msht.yaml").exists()


def test_from_carries_the_population_but_never_last_years_figures(tmp_path: Path) -> None:
    old = write(tmp_path / "midshire-2025.msht.yaml", OLD)
    answers = write(tmp_path / "answers.yaml", "MINI-LEAD-01: 3\n")
    new = tmp_path / "midshire-2026.msht.yaml"
    result = invoke(
        "assess", str(new), "--from", str(old), "--answers", str(answers), "--bank", str(MINI)
    )
    assert result.exit_code == 0, result.output
    a = loaded(new)
    assert a.population == 1_100_000
    assert a.measures == {}
    assert "measures" not in new.read_text(encoding="utf-8")


def test_last_years_figures_stay_available_as_context(tmp_path: Path) -> None:
    bankset = load_bankset([MINI], environ={})
    old = load_assessment(write(tmp_path / "old.msht.yaml", OLD))
    old_banks = check_answers(old, bankset)
    new = carry_forward(old, bankset, carried_from="old.msht.yaml")
    assert new.measures == {} and new.population == 1_100_000
    defaults = defaults_from(old, old_banks, old_banks)
    assert defaults.measures["NRM-REFERRALS"] == MeasureValue(41)
    assert defaults.measures["STAFF-TRAINED"].note == "Police and councils"
