"""`msht plan FILE [--top N | --all] [--phases N] [--json] [-o OUT]`: stdout or an atomic
0600 file; the JSON exactly in its published shape; bad input exits 2."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_check import headings, table_problems
from typer.testing import CliRunner

from msht_toolkit.cli.app import app
from msht_toolkit.cli.outputs import MARKDOWN_MARKER

ANSWERS = {
    "ID-NRM-01": 1,
    "ID-DTN-02": "unknown",
    "PS-INV-01": 0,
    "PS-INV-02": 3,
}
PLAN = {
    "ID-NRM-01": {"owner": "Midshire County Council", "due": "2027-09-30", "status": "agreed"},
    "PS-INV-01": {"status": "dropped", "reason": "Covered by the regional team"},
}
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "midshire-2026.msht.yaml"


@pytest.fixture
def file(write_assessment: Callable[..., Path]) -> Path:
    return write_assessment(
        ANSWERS,
        banks={"identification": "2026.1", "pursue": "2026.1"},
        partnership="Midshire Anti-Slavery Partnership",
        assessed_on="2027-03-14",
        plan=PLAN,
    )


def run(*args: object) -> object:
    return CliRunner().invoke(app, [str(a) for a in args])


def test_prints_markdown_to_stdout(file: Path) -> None:
    result = run("plan", file)
    assert result.exit_code == 0, result.stderr
    md = result.stdout
    assert headings(md)[0] == (1, "Action plan: Midshire Anti-Slavery Partnership 2026/27")
    assert table_problems(md) == []
    assert "Midshire County Council" in md
    assert "ID-DTN-02" in md  # the evidence gap
    assert result.stderr == ""


def test_writes_the_file_0600_and_says_so(file: Path, tmp_path: Path) -> None:
    out = tmp_path / "PLAN.md"
    result = run("plan", file, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert f"wrote {out}" in result.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text(encoding="utf-8") == f"{MARKDOWN_MARKER}\n" + run("plan", file).stdout


def test_phases(file: Path) -> None:
    md = run("plan", EXAMPLE, "--phases", "3").stdout
    phases = [text for level, text in headings(md) if text.startswith("Phase ")]
    assert phases == [
        "Phase 1: months 0–3 (2027-03-11 to 2027-06-11)",
        "Phase 2: months 3–6 (2027-06-11 to 2027-09-11)",
        "Phase 3: months 6–12 (2027-09-11 to 2028-03-11)",
    ]
    # the test file has two priorities: three phases would leave one empty
    two = run("plan", file, "--phases", "3").stdout
    assert len([h for h in headings(two) if h[1].startswith("Phase ")]) == 2
    assert "3 phases were asked for but there are only 2 priorities" in two


@pytest.mark.parametrize("bad", ["0", "13", "-2"])
def test_bad_phase_count_exits_2_and_writes_nothing(file: Path, tmp_path: Path, bad: str) -> None:
    out = tmp_path / "PLAN.md"
    result = run("plan", file, "--phases", bad, "-o", out)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "--phases" in result.stderr
    assert not out.exists()


def test_bad_assessment_exits_2_one_line_and_leaves_output_alone(tmp_path: Path) -> None:
    bad = tmp_path / "bad.msht.yaml"
    bad.write_text("schema: msht-assessment/1\nanswers:\n  ID-NRM-01: seven\n", encoding="utf-8")
    out = tmp_path / "PLAN.md"
    out.write_text(f"{MARKDOWN_MARKER}\nlast year's plan\n", encoding="utf-8")
    result = run("plan", bad, "-o", out)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{bad}:3:")
    assert "Traceback" not in result.stderr
    assert out.read_text(encoding="utf-8") == f"{MARKDOWN_MARKER}\nlast year's plan\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["PLAN.md", "bad.msht.yaml"]


def test_missing_output_folder_exits_2(file: Path, tmp_path: Path) -> None:
    result = run("plan", file, "-o", tmp_path / "nope" / "PLAN.md")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert "does not exist" in result.stderr


# ---------------------------------------------------------------- --json (msht-plan/1)

TOP_KEYS = [
    "schema",
    "partnership",
    "period",
    "overall",
    "priorities",
    "further",
    "closed",
    "evidence_gaps",
]
ITEM_KEYS = [
    "rank",
    "question",
    "bank",
    "section",
    "score",
    "rag",
    "critical_failure",
    "gain",
    "action",
    "later_steps",
    "decision",
]
ACTION_KEYS = ["do", "owner", "priority", "below"]
DECISION_KEYS = ["status", "owner", "due", "reason"]


def plan_shape_problems(doc: dict) -> list[str]:
    """Every way ``doc`` departs from msht-plan/1's shape, key by key."""
    problems = []

    def check(where: str, value: object, keys: list[str]) -> bool:
        if not isinstance(value, dict) or list(value) != keys:
            problems.append(f"{where}: keys {list(value) if isinstance(value, dict) else value}")
            return False
        return True

    if not check("top", doc, TOP_KEYS):
        return problems
    if doc["schema"] != "msht-plan/1":
        problems.append("schema")
    if not isinstance(doc["partnership"], str) or not isinstance(doc["period"], str | None):
        problems.append("partnership/period")
    if check("overall", doc["overall"], ["score", "rag"]):
        if doc["overall"]["rag"] not in ("RED", "AMBER", "GREEN", "UNRATED"):
            problems.append("overall rag")
    items = doc["priorities"] + doc["further"]
    if [i.get("rank") for i in items] != list(range(1, len(items) + 1)):
        problems.append("ranks do not run 1, 2, 3... across priorities and further")
    for item in items:
        where = f"item {item.get('question')}"
        if not check(where, item, ITEM_KEYS):
            continue
        if not isinstance(item["question"], str) or not isinstance(item["bank"], str):
            problems.append(f"{where}: question/bank")
        if item["score"] is not None and round(item["score"], 1) != item["score"]:
            problems.append(f"{where}: score not one decimal")
        if not isinstance(item["gain"], float | int) or round(item["gain"], 2) != item["gain"]:
            problems.append(f"{where}: gain not two decimals")
        if not isinstance(item["critical_failure"], bool):
            problems.append(f"{where}: critical_failure")
        if not isinstance(item["later_steps"], int):
            problems.append(f"{where}: later_steps")
        if item["action"] is not None and check(f"{where} action", item["action"], ACTION_KEYS):
            if item["action"]["priority"] not in ("high", "medium", "low"):
                problems.append(f"{where}: priority")
        if item["decision"] is not None:
            check(f"{where} decision", item["decision"], DECISION_KEYS)
    for closed in doc["closed"]:
        if check("closed", closed, ["question", "status", "reason"]):
            if closed["status"] not in ("done", "deferred", "dropped"):
                problems.append(f"closed {closed['question']}: status")
    if not all(isinstance(g, str) for g in doc["evidence_gaps"]):
        problems.append("evidence_gaps")
    return problems


def test_json_has_exactly_the_spec_shape(file: Path) -> None:
    result = run("plan", file, "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert plan_shape_problems(doc) == []
    assert doc["partnership"] == "Midshire Anti-Slavery Partnership"
    assert doc["closed"] == [
        {"question": "PS-INV-01", "status": "dropped", "reason": "Covered by the regional team"}
    ]
    assert doc["evidence_gaps"] == ["ID-DTN-02"]
    nrm = next(i for i in doc["priorities"] if i["question"] == "ID-NRM-01")
    assert nrm["decision"] == {
        "status": "agreed",
        "owner": "Midshire County Council",
        "due": "2027-09-30",
        "reason": None,
    }
    assert nrm["bank"] == "identification" and nrm["rag"] == "RED" and nrm["score"] == 33.3
    assert nrm["action"]["below"] == 2 and isinstance(nrm["action"]["below"], int)
    undecided = [i for i in doc["priorities"] if i["question"] != "ID-NRM-01"]
    assert all(i["decision"] is None for i in undecided)


def test_json_of_the_example_top_and_all() -> None:
    doc = json.loads(run("plan", EXAMPLE, "--json").stdout)
    assert plan_shape_problems(doc) == []
    assert len(doc["priorities"]) == 15
    assert [i["critical_failure"] for i in doc["priorities"][:2]] == [True, True]
    assert doc["priorities"][0]["question"] == "PS-INV-02"
    top5 = json.loads(run("plan", EXAMPLE, "--json", "--top", "5").stdout)
    assert len(top5["priorities"]) == 5
    assert top5["further"][0]["rank"] == 6
    assert top5["priorities"] + top5["further"] == doc["priorities"] + doc["further"]
    every = json.loads(run("plan", EXAMPLE, "--json", "--all").stdout)
    assert every["further"] == [] and every["priorities"] == doc["priorities"] + doc["further"]


def test_json_to_a_file(file: Path, tmp_path: Path) -> None:
    out = tmp_path / "plan.json"
    result = run("plan", file, "--json", "-o", out)
    assert result.exit_code == 0, result.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["schema"] == "msht-plan/1"


def test_top_and_all(file: Path) -> None:
    md = run("plan", file, "--top", "1").stdout
    assert [t for _, t in headings(md)][1:3] == ["Priorities", "Further actions"]
    every = run("plan", file, "--all").stdout
    assert "Further actions" not in [t for _, t in headings(every)]


@pytest.mark.parametrize(
    ("args", "words"),
    [(["--top", "0"], "--top"), (["--top", "3", "--all"], "cannot be used together")],
)
def test_bad_top_exits_2_with_one_line(file: Path, args: list[str], words: str) -> None:
    result = run("plan", file, *args)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and words in result.stderr
