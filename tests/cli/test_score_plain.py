"""`msht score` off a terminal prints exactly what rich printed, without loading rich.

Every example (carried-from files with last year's figures, targets, measures, the
region's partnerships), with and without --detail, and a merged file with partners'
disagreements: the plain console's text is compared with rich's for the same command.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from msht_toolkit.cli.app import app
from msht_toolkit.render.terminal.plain import PlainConsole

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FILES = sorted(EXAMPLES.rglob("*.msht.yaml"))


def score(*args: str) -> str:
    result = CliRunner().invoke(app, ["score", *args], env={"NO_COLOR": "1", "MSHT_BANKS": ""})
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("detail", [(), ("--detail",)], ids=["tables", "detail"])
@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_plain_text_is_rich_text(
    path: Path, detail: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    laid_out: list[object] = []
    original = PlainConsole.lines

    def counting(self: PlainConsole, renderable: object) -> list[str] | None:
        lines = original(self, renderable)
        laid_out.append(lines is not None)
        return lines

    monkeypatch.setattr(PlainConsole, "lines", counting)
    plain = score(str(path), *detail)
    assert laid_out and all(laid_out), "something in the scorecard went to rich"
    monkeypatch.setattr(PlainConsole, "lines", lambda self, renderable: None)
    assert plain == score(str(path), *detail)


def test_a_merged_files_disagreements_too(
    write_assessment: Callable[..., Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = [
        write_assessment(
            {"ID-NRM-01": {"value": level, "note": "Pathway on the intranet"}, "ID-NRM-04": 2},
            banks={"identification": "2026.1"},
            name=f"{agency.split()[-1].lower()}.msht.yaml",
            partnership="Midshire Anti-Slavery Partnership",
            participants=[{"name": "A. Lead", "agency": agency}],
        )
        for agency, level in (("Midshire Police", 3), ("Midshire County Council", 1))
    ]
    merged = tmp_path / "merged.msht.yaml"
    result = CliRunner().invoke(app, ["merge", *map(str, files), "-o", str(merged)])
    assert result.exit_code == 0, result.stderr
    plain = score(str(merged))
    assert "Disagreements to discuss (1)" in plain
    monkeypatch.setattr(PlainConsole, "lines", lambda self, renderable: None)
    assert plain == score(str(merged))
