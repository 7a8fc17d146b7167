"""The wheel works on its own: built, installed in a fresh venv, banks read from inside it."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# every bank file the package ships: the current banks and their released versions
# (measures.yaml, the one measures file, is shipped beside them and is not a bank)
BANK_FILE_COUNT = len(list((REPO / "questionnaires").glob("*.yaml"))) - 1 + len(
    list((REPO / "questionnaires" / "archive").glob("*.yaml"))
)
SEVEN = (
    "identification",
    "pursue",
    "prevent",
    "protect",
    "prepare",
    "victim-support",
    "supply-chain",
)

pytestmark = pytest.mark.slow


def run(args: list[str], cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("MSHT_BANKS", "PYTHONPATH")}
    env["NO_COLOR"] = "1"
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)
    assert result.returncode == 0, f"{args}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(REPO)], cwd=out)
    (path,) = out.glob("msht_toolkit-*.whl")
    return path


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("venv") / "env"
    run([sys.executable, "-m", "venv", str(folder)], cwd=folder.parent)
    bin_dir = folder / ("Scripts" if os.name == "nt" else "bin")
    run([str(bin_dir / "python"), "-m", "pip", "install", "--quiet", str(wheel)], cwd=folder)
    return bin_dir


def test_wheel_contains_the_banks_and_the_archive(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for bank in SEVEN:
        assert f"msht_toolkit/questionnaires/{bank}.yaml" in names
    assert "msht_toolkit/questionnaires/archive/identification-2025.1.yaml" in names
    assert "msht_toolkit/questionnaires/measures.yaml" in names
    for released in sorted((REPO / "questionnaires" / "archive").glob("*.yaml")):
        assert f"msht_toolkit/questionnaires/archive/{released.name}" in names
    assert "msht_toolkit/cli/app.py" in names
    # the HTML page shell and its stylesheet ship with the code that renders them
    for template in ("base.html.j2", "macros.html.j2", "page.css"):
        assert f"msht_toolkit/render/html/templates/{template}" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "msht = msht_toolkit.cli.app:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_wheel_carries_licence_types_marker_and_classifiers(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    names = archive.namelist()
    assert "msht_toolkit/py.typed" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "License-File: LICENSE" in metadata
    for version in ("3.11", "3.12", "3.13"):
        assert f"Classifier: Programming Language :: Python :: {version}" in metadata
    assert "Classifier: Typing :: Typed" in metadata


def test_installed_msht_lists_every_bank(venv: Path, tmp_path: Path) -> None:
    result = run([str(venv / "msht"), "banks", "list"], cwd=tmp_path)
    rows = [line.split() for line in result.stdout.splitlines()[1:] if line.strip()]
    ids_versions = {(row[0], row[1]) for row in rows if row[0] in SEVEN}
    assert {(bank, "2026.1") for bank in SEVEN} <= ids_versions
    assert ("identification", "2025.1") in ids_versions
    assert {(bank, "2027.1") for bank in SEVEN} <= ids_versions


def test_installed_msht_validates_its_banks(venv: Path, tmp_path: Path) -> None:
    result = run([str(venv / "msht"), "banks", "validate"], cwd=tmp_path)
    assert result.stdout.startswith(f"OK: {BANK_FILE_COUNT} bank files (7 banks), ")
    assert result.stdout.endswith("; 1 measures file (9 measures)\n")


def test_installed_banks_are_read_from_inside_the_package(venv: Path, tmp_path: Path) -> None:
    code = (
        "from msht_toolkit.banks.registry import bundled_dir, bundled_files\n"
        "import msht_toolkit\n"
        "print(bundled_dir())\n"
        "print(len(bundled_files()))\n"
        "print(msht_toolkit.__file__)\n"
    )
    result = run([str(venv / "python"), "-c", code], cwd=tmp_path)
    folder, count, package = result.stdout.splitlines()
    assert Path(folder) == Path(package).parent / "questionnaires"
    assert str(REPO) not in folder and str(REPO) not in package
    assert count == str(BANK_FILE_COUNT + 1)  # the banks and measures.yaml


def test_installed_package_renders_its_html_page_shell(venv: Path, tmp_path: Path) -> None:
    code = (
        "from msht_toolkit.render.html.page import render_page\n"
        "print(render_page('base.html.j2', title='T <x>'))\n"
    )
    result = run([str(venv / "python"), "-c", code], cwd=tmp_path)
    assert '<meta name="generator" content="msht-toolkit ' in result.stdout
    assert "<h1>T &lt;x&gt;</h1>" in result.stdout and "@page" in result.stdout


def test_installed_module_entry_point(venv: Path, tmp_path: Path) -> None:
    result = run([str(venv / "python"), "-m", "msht_toolkit", "--help"], cwd=tmp_path)
    assert "Usage: msht" in result.stdout
