"""The project's error types and the exit status each one ends a command with.

Domain code raises these; one handler (``msht_toolkit.cli.handler``) turns any of them
into one-line messages on stderr and its exit code, and nothing else chooses an exit
code. Every error knows how to describe itself in one line per problem, in the form
``path:line:col: message`` where a position is known, and declares its ``exit_code``.

The families: bad input (``FileProblemError`` and its kinds: a file that does not
load or breaks the rules), bad usage (``UsageError``: the command line itself),
refusals (``RefusedError`` and its kinds: sound input the command will not act on),
``WriteError`` (a file could not be written, in every command), ``ProblemsFound``
(the command ran and found problems), ``Interrupted`` and ``InternalError``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from typing import ClassVar


class ExitCode(IntEnum):
    """How ``msht`` ends: the only exit codes it uses."""

    OK = 0
    PROBLEMS_FOUND = 1
    BAD_INPUT = 2
    INTERNAL = 70
    INTERRUPTED = 130

    @property
    def meaning(self) -> str:
        """What the code tells a script, as the README's "Exit status" table says it."""
        return _MEANINGS[self]


_MEANINGS = {
    ExitCode.OK: "success",
    ExitCode.PROBLEMS_FOUND: "the command ran but found problems (`msht banks validate`)",
    ExitCode.BAD_INPUT: "bad input or usage: one line on stderr naming the file, line and problem",
    ExitCode.INTERNAL: "an internal error: one line (`MSHT_DEBUG=1` shows the traceback)",
    ExitCode.INTERRUPTED: "interrupted (the walk saves first)",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, at a known place where possible."""

    path: str
    line: int | None
    col: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}:{self.col or 1}: {self.message}"


class MshtError(Exception):
    """Base of every error a user may see; ``exit_code`` says how the command ends."""

    exit_code: ClassVar[ExitCode] = ExitCode.BAD_INPUT
    # shown as ``msht: message``; errors that name their files (path:line:col) say False
    prefixed: ClassVar[bool] = True

    def lines(self) -> list[str]:
        return [str(self)]


# ---------------------------------------------------------------- bad usage


class UsageError(MshtError):
    """The command line asks for something that cannot be done (options, arguments)."""


# ---------------------------------------------------------------- bad input files


class FileProblemError(MshtError):
    """One or more problems in one or more files, each with its position."""

    prefixed = False

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems: list[Problem] = (
            [problems] if isinstance(problems, Problem) else list(problems)
        )
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def at(cls, path: str, line: int | None, col: int | None, message: str) -> FileProblemError:
        return cls(Problem(str(path), line, col, message))

    def lines(self) -> list[str]:
        return [str(p) for p in self.problems]


class YamlFileError(FileProblemError):
    """A file that cannot be read as safe, well-formed YAML of the expected shape."""


class BankError(FileProblemError):
    """A question bank (or a set of banks) that breaks the bank rules."""


class AssessmentError(FileProblemError):
    """An assessment or answers file that breaks the assessment rules."""


class InputsError(MshtError):
    """Several input files that failed, each its own error, reported together."""

    prefixed = False

    def __init__(self, errors: Iterable[MshtError]) -> None:
        self.errors: list[MshtError] = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors))

    def lines(self) -> list[str]:
        return [line for error in self.errors for line in error.lines()]


# ---------------------------------------------------------------- refusals


class RefusedError(MshtError):
    """The input is sound, but the command will not do what it asks with it."""


class NotFoundError(RefusedError):
    """A bank, version, section, question, rule or period asked for is not among those known."""


class MergeConflictError(RefusedError):
    """``merge`` refuses: the files disagree on what must be one (partnership, period,
    bank versions, plan or targets) and ``--force`` was not given, or there is nothing
    to merge."""


class OutputRefusedError(RefusedError):
    """``-o`` names a file the command must not write (an input, an assessment or bank, a
    folder, a device, a read-only file, or a file msht did not write without --force)."""


class FileLockedError(RefusedError):
    """Another process holds the one-writer lock of an assessment file."""


class FileChangedError(RefusedError):
    """An assessment changed on disk under the process writing it; nothing was overwritten."""


# ---------------------------------------------------------------- writing


class WriteError(MshtError):
    """A file could not be written (an output, an assessment, its lock): the same error in
    every command. Nothing half-written is left."""


# ---------------------------------------------------------------- other endings


class ProblemsFound(MshtError):
    """The command ran and found problems (``banks validate``), already listed on stdout."""

    exit_code = ExitCode.PROBLEMS_FOUND

    def __init__(self, count: int, *, say: bool = True) -> None:
        self.count = count
        self.say = say
        super().__init__(f"{count} problem{'s' if count != 1 else ''} found")

    def lines(self) -> list[str]:
        return [str(self)] if self.say else []


class Interrupted(MshtError):
    """Ctrl-C (or SIGTERM/SIGHUP in a walk): stopped after saving. ``said`` when the
    command has already told the user what was saved and how to carry on."""

    exit_code = ExitCode.INTERRUPTED

    def __init__(self, *, said: bool = False) -> None:
        self.said = said
        super().__init__("interrupted")

    def lines(self) -> list[str]:
        return [] if self.said else [str(self)]


class InternalError(MshtError):
    """A bug: an exception no code expected. One line, unless ``MSHT_DEBUG=1``."""

    exit_code = ExitCode.INTERNAL

    def __init__(self, cause: BaseException) -> None:
        self.cause = cause
        super().__init__(
            f"internal error: {type(cause).__name__}: {cause} "
            "(please report it; set MSHT_DEBUG=1 for details)"
        )
