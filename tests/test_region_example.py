"""examples/region: six fictional partnerships for `msht compare`, each file exactly what
`assess --answers` makes from its answers file, and those what make_answers.py writes
from Midshire's 2027/28 answers (so the region follows the Midshire example)."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from msht_toolkit.cli.app import app

REGION = Path(__file__).resolve().parents[1] / "examples" / "region"
NAMES = ("midshire", "northmoor", "wexley", "eastvale", "southholm", "kingsmere")


def test_answers_files_are_what_make_answers_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = importlib.util.spec_from_file_location("make_answers", REGION / "make_answers.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "HERE", tmp_path)
    module.main()
    for name in NAMES:
        made = (tmp_path / f"{name}-answers.yaml").read_text(encoding="utf-8")
        assert made == (REGION / f"{name}-answers.yaml").read_text(encoding="utf-8"), (
            f"examples/region/{name}-answers.yaml is stale: run examples/region/make_answers.py"
        )


@pytest.mark.parametrize("name", NAMES)
def test_each_file_is_what_assess_answers_makes(name: str, tmp_path: Path) -> None:
    shutil.copy(REGION / f"{name}-answers.yaml", tmp_path)
    made = tmp_path / f"{name}.msht.yaml"
    result = CliRunner().invoke(
        app, ["assess", str(made), "--answers", str(tmp_path / f"{name}-answers.yaml")]
    )
    assert result.exit_code == 0, result.output
    assert made.read_text(encoding="utf-8") == (REGION / f"{name}.msht.yaml").read_text(
        encoding="utf-8"
    ), f"examples/region/{name}.msht.yaml is stale: remake it with `msht assess --answers`"


def test_the_region_compares_cleanly() -> None:
    result = CliRunner().invoke(app, ["compare", str(REGION), "--partnership", "Midshire"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert "6 partnership assessments for 2027/28" in result.stdout


def test_the_region_flags_a_green_rating_with_bottom_quarter_referrals() -> None:
    import json

    result = CliRunner().invoke(app, ["compare", str(REGION), "--json"])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    flagged = {(f["file"], f["bank"], f["measure"]) for f in doc["flags"]}
    assert ("southholm.msht.yaml", "identification", "NRM-REFERRALS") in flagged
    assert {f["kind"] for f in doc["flags"]} == {"green-but-bottom-quartile"}
    kingsmere = next(p for p in doc["partnerships"] if p["file"] == "kingsmere.msht.yaml")
    unreported = next(m for m in kingsmere["measures"] if m["id"] == "PANEL-CASES")
    assert unreported == {"id": "PANEL-CASES", "value": None, "per_100k": None, "quartile": None}
