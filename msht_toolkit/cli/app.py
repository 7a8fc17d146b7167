"""The `msht` typer application: it only composes the command modules.

Each module in ``COMMAND_MODULES`` defines ``register(app)``; heavy libraries
(questionary, rich tables, yaml emitters, tabulate) are imported inside the commands
that need them, so ``msht --help`` stays fast.
"""

from __future__ import annotations

import importlib

import typer

from msht_toolkit import __version__

COMMAND_MODULES = (
    "assess",
    "review",
    "explain",
    "score",
    "plan",
    "report",
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
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"msht-toolkit {__version__}")
        raise typer.Exit(0)


@app.callback()
def root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Run the PCC Modern Slavery Toolkit self-assessment for a local partnership."""


for _name in COMMAND_MODULES:
    importlib.import_module(f"msht_toolkit.cli.{_name}").register(app)


def main() -> None:
    """Console-script entry point: usage errors are one line on stderr, exit 2."""
    import sys

    from typer._click.exceptions import ClickException, NoArgsIsHelpError, UsageError

    try:
        code = app(prog_name="msht", standalone_mode=False)
    except NoArgsIsHelpError as exc:  # `msht` or `msht banks` alone: show the help
        exc.show()
        sys.exit(exc.exit_code)
    except UsageError as exc:
        command = exc.ctx.command_path if exc.ctx is not None else "msht"
        message = " ".join(exc.format_message().split())
        sys.stderr.write(f"{command}: {message} (see '{command} --help')\n")
        sys.exit(2)
    except ClickException as exc:
        sys.stderr.write(f"msht: {' '.join(exc.format_message().split())}\n")
        sys.exit(exc.exit_code)
    except typer.Abort:
        sys.stderr.write("msht: stopped\n")
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else 0)
