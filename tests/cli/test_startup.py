"""`msht` starts fast: importing the CLI pulls in no heavy library, and both entry points work."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HEAVY = (
    "questionary",
    "prompt_toolkit",
    "tabulate",
    "yaml",
    "openpyxl",
    "pydantic",
    "jinja2",
    "markupsafe",
    "docx",
    "lxml",
)


def python(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "MSHT_BANKS": ""}
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, timeout=60, env=env, **kwargs
    )


def test_importing_the_cli_imports_no_heavy_library() -> None:
    code = (
        "import sys\n"
        "import msht_toolkit.cli.app\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = python("-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "", f"imported at startup: {result.stdout.strip()}"


def test_help_imports_no_heavy_library() -> None:
    """`msht --help` renders without loading banks, YAML or prompts."""
    code = (
        "import sys\n"
        "from msht_toolkit.cli.app import app\n"
        "try:\n"
        "    app(['--help'], prog_name='msht')\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print('HEAVY:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = python("-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("HEAVY:"), result.stdout[-300:]


def test_python_dash_m_help_lists_the_commands() -> None:
    result = python("-m", "msht_toolkit", "--help")
    assert result.returncode == 0, result.stderr
    assert "Usage: msht" in result.stdout
    for command in ("banks", "score"):
        assert command in result.stdout


def test_console_script_and_module_agree() -> None:
    script = Path(sys.executable).with_name("msht")
    module = python("-m", "msht_toolkit", "banks", "list")
    assert module.returncode == 0, module.stderr
    if script.exists():
        direct = subprocess.run(
            [str(script), "banks", "list"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "NO_COLOR": "1", "MSHT_BANKS": ""},
        )
        assert direct.returncode == 0 and direct.stdout == module.stdout


def test_version() -> None:
    from msht_toolkit import __version__

    result = python("-m", "msht_toolkit", "--version")
    assert result.returncode == 0
    assert result.stdout == f"msht-toolkit {__version__}\n"


def test_no_arguments_shows_help() -> None:
    result = python("-m", "msht_toolkit")
    assert "Usage: msht" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_score_off_a_terminal_lays_its_tables_out_without_rich(tmp_path: Path) -> None:
    """Piped or written to a file, `msht score` prints its tables without importing rich
    (importing it and laying the tables out was a quarter of the command's time)."""
    example = Path(__file__).resolve().parents[2] / "examples" / "midshire-2026.msht.yaml"
    code = (
        "import sys\n"
        "from msht_toolkit.cli.app import app\n"
        "try:\n"
        f"    app(['score', {str(example)!r}, '--detail'], prog_name='msht')\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.stderr.write('RICH:' + ','.join(m for m in sys.modules if m.split('.')[0] == 'rich'))\n"
    )
    result = python("-c", code, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Overall:" in result.stdout and "Themes" in result.stdout
    assert result.stderr.strip().endswith("RICH:"), result.stderr[-300:]
