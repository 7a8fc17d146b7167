"""One renderer interface: the formats msht writes and the ``Renderer`` that makes each.

A ``Format`` holds the media facts: its name on the command line, its name in words,
the file suffixes that name it, whether it is bytes, whether it is drawn on the
terminal, and the optional dependency it needs. A ``Renderer`` turns one output's
document into that format: ``render(doc) -> str | bytes``. Which formats an output
offers, and which function renders each, is said in one place (``cli/formats.py``);
the renderers themselves are one module per format (``render/terminal``, ``markdown``,
``json``, ``html``, ``word``). Renderer functions are named ``"module:function"`` and
imported only when used, so a command loads only the format it writes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from rich.console import Console


@dataclass(frozen=True)
class Format:
    name: str  # as --format names it
    title: str  # in words, for messages ("a Markdown name")
    suffixes: tuple[str, ...] = ()  # the -o suffixes that name it, the first preferred
    binary: bool = False  # bytes: never to a terminal
    file_only: bool = False  # only ever written to a file (-o), never to standard output
    terminal: bool = False  # drawn on the console (colour, its width): standard output only
    needs: str = ""  # a module it imports that is an optional extra
    hint: str = ""  # how to install what it needs
    article: str = "a"  # before its title: "a Word file", "an XLSX file"

    @property
    def suffix(self) -> str:
        return self.suffixes[0] if self.suffixes else ""

    def available(self) -> bool:
        """Is what this format needs installed?"""
        if not self.needs:
            return True
        try:
            importlib.import_module(self.needs)
        except ImportError:
            return False
        return True


TERMINAL = Format("terminal", "terminal view", terminal=True)
TEXT = Format("text", "plain text", (".txt", ".text"))
MD = Format("md", "Markdown", (".md", ".markdown"))
HTML = Format("html", "HTML", (".html", ".htm"))
DOCX = Format(
    "docx",
    "Word",
    (".docx",),
    binary=True,
    needs="docx",
    hint="Word output needs python-docx: pip install 'msht-toolkit[word]'",
)
JSON = Format("json", "JSON", (".json",))
CSV = Format("csv", "CSV", (".csv",))  # bytes (a byte order mark by default), but text
XLSX = Format(
    "xlsx",
    "XLSX",
    (".xlsx",),
    binary=True,
    file_only=True,
    needs="openpyxl",
    hint="XLSX export needs openpyxl: pip install 'msht-toolkit[xlsx]'",
    article="an",
)

FORMATS = {f.name: f for f in (TERMINAL, TEXT, MD, HTML, DOCX, JSON, CSV, XLSX)}
ALIASES = {"markdown": "md", "htm": "html", "word": "docx", "txt": "text", "plain": "text"}


class Renderer(Protocol):
    """One output's document in one format."""

    @property
    def format(self) -> Format: ...

    def render(self, doc: Any) -> str | bytes: ...


def resolve(target: str) -> Callable[..., Any]:
    """``"package.module:function"`` -> the function (its module imported now)."""
    module, _, name = target.partition(":")
    return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


def _arguments(doc: Any, fields: tuple[str, ...]) -> tuple[Any, ...]:
    """The renderer function's arguments: ``doc`` itself, or the named fields of it."""
    return tuple(getattr(doc, f) for f in fields) if fields else (doc,)


@dataclass(frozen=True)
class Written:
    """A renderer whose function returns the text (or bytes): ``function(doc)``, or
    ``function(doc.a, doc.b)`` for ``fields=("a", "b")``. For JSON the function returns
    the document's mapping, written by ``render.json.score.dumps``."""

    format: Format
    target: str
    fields: tuple[str, ...] = ()

    def render(self, doc: Any) -> str | bytes:
        result = resolve(self.target)(*_arguments(doc, self.fields))
        if self.format is JSON:
            from msht_toolkit.render.json.score import dumps

            return dumps(result)
        return result  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Drawn:
    """A renderer whose function draws on a rich console: ``function(console, doc)``.

    ``render`` returns what it drew: for the terminal view, on the console it is
    given (colour and width as the terminal has them); for plain text, without colour
    at 120 columns.
    """

    format: Format
    target: str
    console: Callable[[], Console]
    fields: tuple[str, ...] = ()

    def render(self, doc: Any) -> str:
        console = self.console()
        with console.capture() as captured:
            resolve(self.target)(console, *_arguments(doc, self.fields))
        return captured.get()
