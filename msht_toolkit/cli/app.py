"""The `msht` typer application: it only composes the command modules.

Each module in ``COMMAND_MODULES`` defines ``register(app)``; heavy libraries
(questionary, rich tables, yaml emitters, tabulate) are imported inside the commands
that need them, so ``msht --help`` stays fast.
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path

import typer

from msht_toolkit import __version__
from msht_toolkit.cli import help_text
from msht_toolkit.errors import ExitCode

COMMAND_MODULES = (
    "assess",
    "review",
    "explain",
    "score",
    "plan",
    "report",
    "actions",
    "sign",
    "diff",
    "trend",
    "merge",
    "export",
    "compare",
    "banks",
)

app = typer.Typer(
    name="msht",
    help="Run the PCC Modern Slavery Toolkit self-assessment for a local partnership.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,  # our own options below take the shell as an optional value
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"msht-toolkit {__version__}")
        raise typer.Exit(ExitCode.OK)


SHELLS = ("bash", "zsh", "fish", "powershell", "pwsh")


def _completion(action: str) -> object:
    """``--show-completion [SHELL]`` / ``--install-completion [SHELL]``: typer's own
    completion scripts, for the shell named or (without one) the shell msht runs in."""

    def callback(ctx: typer.Context, param: object, value: str | None) -> None:
        if value is None or ctx.resilient_parsing:
            return
        from typer import completion

        shell = value.strip().lower()
        if shell and shell not in SHELLS:
            raise typer.BadParameter(f"unknown shell {value!r} (one of {', '.join(SHELLS)})")
        completion.completion_init()
        run = completion.show_callback if action == "show" else completion.install_callback
        run(ctx, param, shell or _current_shell())

    return callback


def _current_shell() -> str:
    """The shell msht runs in: its parent process, else ``$SHELL``, else bash."""
    try:
        import shellingham

        return str(shellingham.detect_shell()[0]).lower()
    except Exception:  # no shell above us (cron, CI, an IDE): fall back
        name = Path(os.environ.get("SHELL", "")).name.lower()
        return name if name in SHELLS else "bash"


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    install_completion: str | None = typer.Option(
        None,
        "--install-completion",
        metavar="[SHELL]",
        is_eager=True,
        expose_value=False,
        callback=_completion("install"),
        help="Install tab completion for your shell (bash, zsh, fish or powershell).",
    ),
    show_completion: str | None = typer.Option(
        None,
        "--show-completion",
        metavar="[SHELL]",
        is_eager=True,
        expose_value=False,
        callback=_completion("show"),
        help="Print the tab-completion script for SHELL (default: yours), to install by hand.",
    ),
) -> None:
    """Run the PCC Modern Slavery Toolkit self-assessment for a local partnership."""


for _name in COMMAND_MODULES:
    importlib.import_module(f"msht_toolkit.cli.{_name}").register(app)
help_text.apply(app)


def _plain_usage_metavar() -> None:
    """Usage lines read ``msht score [OPTIONS] FILE``, not typer's ``{FILE}``."""
    from typer.core import TyperArgument

    original = TyperArgument.make_metavar

    def make_metavar(self: TyperArgument, ctx: typer.Context, *, usage: bool = False) -> str:
        text = original(self, ctx, usage=usage)
        if usage and text.startswith("{") and text.endswith("}"):
            return text[1:-1]
        return text

    TyperArgument.make_metavar = make_metavar  # type: ignore[method-assign]


_plain_usage_metavar()


def main() -> None:
    """Console-script entry point: every error is one line on stderr and its exit code
    (``cli/handler.py``)."""
    import sys

    from msht_toolkit.cli.handler import run

    safe_streams()
    if "_MSHT_COMPLETE" in os.environ:  # the shell asks for completions
        from typer.completion import completion_init

        completion_init()
    sys.exit(run(app, _optional_shell(sys.argv[1:])))


def safe_streams() -> None:
    """Text the terminal's encoding cannot show is written as escapes, never a crash.

    With ``PYTHONIOENCODING=ascii`` or an ASCII locale, a note in Welsh or a dash in a
    bank title would stop any command with UnicodeEncodeError; instead ``Môn`` is
    written ``M\\xf4n``. Files msht writes are always UTF-8 and are not affected.
    """
    import sys

    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):  # closed or detached: nothing to write to
                pass


def _optional_shell(args: list[str]) -> list[str]:
    """``--show-completion`` / ``--install-completion`` with no shell after them mean
    "the shell I am in": give the option its empty value, which typer's parser needs."""
    out = []
    for i, arg in enumerate(args):
        following = args[i + 1] if i + 1 < len(args) else None
        if arg in ("--show-completion", "--install-completion") and (
            following is None or following.startswith("-")
        ):
            arg += "="
        out.append(arg)
    return out
