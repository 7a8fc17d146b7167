"""The project's error types.

Domain code raises these; only ``cli/`` turns them into one-line messages and exit
codes. Every error knows how to describe itself in one line per problem, in the form
``path:line:col: message`` where a position is known.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    """Base of every error a user may see. ``exit_code`` 2 means bad input or usage."""

    exit_code = 2
    # shown as ``msht: message``; errors that name their files (path:line:col) say False
    prefixed = True

    def lines(self) -> list[str]:
        return [str(self)]


class UsageError(MshtError):
    """The command line asks for something that cannot be done."""


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
    """A question bank (or a set of banks) that breaks the rules of SPEC section 2."""


class AssessmentError(FileProblemError):
    """An assessment or answers file that breaks the rules of SPEC section 3."""


class FileLockedError(MshtError):
    """Another process holds the one-writer lock of an assessment file (SPEC section 3)."""


class FileChangedError(MshtError):
    """An assessment changed on disk under the process writing it; nothing was overwritten."""
