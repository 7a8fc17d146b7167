"""The one place errors become messages and exit codes (``msht_toolkit.errors.ExitCode``).

Every command is wrapped in ``handle_errors``, and the console script's ``main`` sends
what escapes typer (its usage errors, ``--help`` with no command) through ``report``
too; no other module picks an exit code. What each error looks like on stderr:

- a project error (``MshtError``): one line per problem, ``file:line:col: message``
  for errors that name their files, ``msht: message`` for the others;
- Ctrl-C: ``msht: interrupted`` (a walk says first what it saved), exit 130;
- a closed pipe (``| head``): nothing, exit 0;
- a typer usage error: ``msht score: <reason> (see 'msht score --help')``, exit 2;
- any other exception: ``msht: internal error: ...``, exit 70, and the traceback only
  with ``MSHT_DEBUG=1`` (then Python shows it).

File text quoted in a message is made safe for the terminal (``textsafe.safe_text``):
every message that can quote it leaves through ``say_error``.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from msht_toolkit.errors import ExitCode, InputsError, InternalError, Interrupted, MshtError
from msht_toolkit.textsafe import safe_text

F = TypeVar("F", bound=Callable[..., Any])


def say_error(line: str) -> None:
    """One line on stderr; file text quoted in it is made safe for the terminal."""
    sys.stderr.write(f"{safe_text(line)}\n")
    sys.stderr.flush()


def error_lines(exc: MshtError) -> list[str]:
    """An error as the user sees it: a file's problems as ``file:line:col: message``,
    anything else as ``msht: message`` (every line starts with one or the other)."""
    if isinstance(exc, InputsError):
        return [line for error in exc.errors for line in error_lines(error)]
    lines = exc.lines()
    if not exc.prefixed:
        return lines
    return [line if line.startswith("msht") else f"msht: {line}" for line in lines]


def report(exc: BaseException) -> int:
    """Say ``exc`` on stderr the way its kind is said, and return the exit code it ends with.

    ``MSHT_DEBUG=1`` re-raises an unexpected exception, for its traceback.
    """
    from typer._click.exceptions import ClickException, NoArgsIsHelpError
    from typer._click.exceptions import UsageError as ClickUsageError

    if isinstance(exc, KeyboardInterrupt):
        exc = Interrupted()
    if isinstance(exc, Interrupted):
        if not exc.said:
            sys.stderr.write("\nmsht: interrupted\n")  # on a line of its own, past the ^C
        return exc.exit_code
    if isinstance(exc, MshtError):
        for line in error_lines(exc):
            say_error(line)
        return exc.exit_code
    if isinstance(exc, BrokenPipeError):
        # output piped into a pager or `head` that closed early
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return ExitCode.OK
    if isinstance(exc, NoArgsIsHelpError):  # `msht` or `msht banks` alone: show the help
        exc.show()
        return exc.exit_code
    if isinstance(exc, ClickUsageError):
        command = exc.ctx.command_path if exc.ctx is not None else "msht"
        message = " ".join(exc.format_message().split())
        sys.stderr.write(f"{command}: {message} (see '{command} --help')\n")
        return ExitCode.BAD_INPUT
    if isinstance(exc, ClickException):
        sys.stderr.write(f"msht: {' '.join(exc.format_message().split())}\n")
        return exc.exit_code
    if isinstance(exc, typer.Abort):
        sys.stderr.write("msht: stopped\n")
        return ExitCode.INTERRUPTED
    if os.environ.get("MSHT_DEBUG"):
        raise exc
    return report(InternalError(exc))


def handle_errors(func: F) -> F:
    """Wrap a command: any error -> its lines on stderr (``report``) and its exit code."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except (Exception, KeyboardInterrupt) as exc:
            raise typer.Exit(report(exc)) from None

    return wrapper  # type: ignore[return-value]


def run(app: typer.Typer, args: list[str]) -> int:
    """Run the typer ``app`` on ``args``; what escapes it is ``report``-ed. Its exit code."""
    try:
        code = app(args=args, prog_name="msht", standalone_mode=False)
    except (typer.Exit, SystemExit):
        raise
    except (Exception, KeyboardInterrupt) as exc:
        return report(exc)
    return code if isinstance(code, int) else ExitCode.OK
