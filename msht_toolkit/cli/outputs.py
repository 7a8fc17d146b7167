"""What ``-o`` may replace, and writing it: the one place every output file goes through.

Every ``-o OUT`` (plan, report, diff, export csv/json/xlsx, compare, merge, and the
HTML and Word formats) is checked by ``check_output`` before any work is done and
written by ``write_text`` / ``write_bytes`` (atomically, 0600: outputs may quote
notes). ``-o -`` means standard output (the Unix convention; scripts rely on it).

``-o`` never replaces, whatever the flags:
- a folder, a path in a missing folder, anything that is not a regular file (a FIFO,
  ``/dev/stdout`` on a terminal or pipe, a device: opening those would hang or
  scatter the output), a read-only file;
- an input of the command (the files it reads, the banks it loaded);
- an assessment file or a question bank or measures file in any form (YAML or JSON,
  recognised by parsing it and reading its ``schema``), except the command's own
  earlier output (``merge -o`` replaces a file it merged before, unchanged since).

It replaces freely a missing or empty file and msht's own earlier output of the same
family (documents for plan/report/diff/export/compare; merged assessments for
merge). Anything else (a file msht did not write) needs ``--force``.

How msht recognises its own earlier outputs (add yours here when adding a format):

=========  ===============================================================================
Format     Marker (checked by parsing the existing file, never by a loose text search)
=========  ===============================================================================
Markdown   first line exactly ``MARKDOWN_MARKER`` (an HTML comment; invisible when
           rendered). ``write_text`` adds it to any ``.md``/``.markdown`` output file.
text       first line exactly ``TEXT_MARKER``; ``write_text`` adds it (and a blank line)
           to any ``.txt``/``.text`` output file (trend, compare)
HTML       ``<meta name="generator" content="msht-toolkit ...">`` in the document's head
           (render/html/page.py's GENERATOR), found with ``html.parser``
JSON       a JSON object whose ``schema`` is an ``msht-<kind>/<n>`` of an output
           (msht-score/1, msht-plan/1, msht-diff/1, msht-export/1, ...), not of an input
CSV        the first row is the export's header of column ids (export.COLUMN_IDS)
XLSX/DOCX  a ZIP whose ``docProps/core.xml`` has ``dc:creator`` ``msht-toolkit``
           (openpyxl ``properties.creator``, python-docx ``core_properties.author``)
merge      a YAML assessment whose first line is ``MERGE_MARKER`` (io.MERGE_HEADER);
           a walk or ``--answers`` rewrites the header, so an edited merge is protected
=========  ===============================================================================
"""

from __future__ import annotations

import json
import os
import stat
import sys
import zipfile
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

from msht_toolkit.cli.handler import say_error
from msht_toolkit.errors import OutputRefusedError, UsageError, WriteError

MARKDOWN_MARKER = "<!-- Written by msht-toolkit: running msht again with -o may replace it. -->"
TEXT_MARKER = "Written by msht-toolkit: running msht again with -o may replace this file."
MERGE_MARKER = "# msht-toolkit merged assessment (msht-assessment/1), written by msht merge."
GENERATOR = "msht-toolkit"

DOCUMENT = "document"  # plan, report, diff, export, compare, score --json -o ...
MERGED = "merged assessment"

MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt", ".text")
INPUT_SCHEMAS = ("msht-assessment", "msht-bank", "msht-measures")
_HEAD = 65536
_MAX_PARSE = 5 * 1024 * 1024


def is_stdout(out: Path | None) -> bool:
    return out is not None and str(out) == "-"


# ---------------------------------------------------------------- what a file is


def _schema_family(schema: object) -> str | None:
    """'msht-plan/1' -> 'msht-plan'; anything else -> None."""
    if not isinstance(schema, str) or "/" not in schema:
        return None
    family = schema.split("/", 1)[0].strip()
    return family if family.startswith("msht-") else None


class _GeneratorFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.generator: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta" and self.generator is None:
            values = {k.lower(): (v or "") for k, v in attrs}
            if values.get("name", "").lower() == "generator":
                self.generator = values.get("content", "")


def _zip_creator(path: Path) -> str | None:
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("docProps/core.xml")
            if info.file_size > 1_000_000:
                return None
            core = archive.read(info)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return None
    import xml.etree.ElementTree as ET

    if b"<!DOCTYPE" in core or b"<!ENTITY" in core:
        return None  # not what openpyxl or python-docx write; never expand entities
    try:
        root = ET.fromstring(core)
    except ET.ParseError:
        return None
    found = root.find("{http://purl.org/dc/elements/1.1/}creator")
    return (found.text or "").strip() if found is not None else None


def _yaml_schema(text: str) -> tuple[bool, object]:
    """(parsed, schema) of YAML (or JSON) text, read with the project's safe loader."""
    from msht_toolkit.errors import FileProblemError
    from msht_toolkit.yamlio import load_yaml_text

    try:
        data = load_yaml_text(text, "output")
    except (FileProblemError, RecursionError, MemoryError):
        return False, None
    return True, data.get("schema") if isinstance(data, dict) else None


def what_is(path: Path) -> tuple[str | None, str]:
    """What an existing regular file is: (family, description).

    family: ``DOCUMENT`` or ``MERGED`` for msht's own earlier outputs, ``"empty"``,
    ``"protected"`` for an assessment, bank or measures file, None for anything else.
    """
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(_HEAD)
    except OSError as exc:
        return None, f"cannot be read ({exc.strerror or exc})"
    if size == 0:
        return "empty", "an empty file"
    if head.startswith(b"PK\x03\x04"):
        if _zip_creator(path) == GENERATOR:
            return DOCUMENT, "an earlier msht output"
        return None, "a file msht did not write"
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    text = head.decode("utf-8", errors="replace")
    first = text.split("\n", 1)[0].rstrip("\r")
    if _marked_as_output(first, text):
        return DOCUMENT, "an earlier msht output"
    parsed, schema = _parsed_schema(_full_text(path, size, head, text))
    return _by_schema(schema, parsed, first, head)


def _marked_as_output(first: str, text: str) -> bool:
    """A text msht wrote, known by its first line: the Markdown or text marker, an HTML
    page whose generator is msht, or an export's CSV header."""
    if first in (MARKDOWN_MARKER, TEXT_MARKER):
        return True
    if first.lstrip().lower().startswith(("<!doctype html", "<html")):
        finder = _GeneratorFinder()
        try:
            finder.feed(text)
        except Exception:  # html.parser is lenient; never let a strange file crash us
            pass
        if (finder.generator or "").split(" ", 1)[0] == GENERATOR:
            return True
    from msht_toolkit.render.export import COLUMN_IDS, MEASURE_COLUMN_IDS

    return first in (",".join(COLUMN_IDS), ",".join((*COLUMN_IDS, *MEASURE_COLUMN_IDS)))


def _full_text(path: Path, size: int, head: bytes, text: str) -> str | None:
    """The whole file as text (``text``, its first part, when that is all of it); None
    when it is too big to parse, so it is judged by its first part."""
    if size <= len(head):
        return text
    if size > _MAX_PARSE:
        return None
    return path.read_bytes().decode("utf-8", errors="replace").lstrip("\ufeff")


def _parsed_schema(full: str | None) -> tuple[bool, object]:
    """(whether ``full`` parses as JSON or YAML, the ``schema`` it names if any)."""
    if full is None:
        return False, None
    if full.lstrip().startswith("{"):
        try:
            data = json.loads(full)
            return True, data.get("schema") if isinstance(data, dict) else None
        except ValueError:
            pass
    return _yaml_schema(full)


def _by_schema(schema: object, parsed: bool, first: str, head: bytes) -> tuple[str | None, str]:
    """What a file is by the schema it names (an input msht must not overwrite, or an
    output), or by the schemas its first part names when it does not parse."""
    family = _schema_family(schema)
    if family in INPUT_SCHEMAS:
        if family == "msht-assessment" and first == MERGE_MARKER:
            return MERGED, "an earlier msht merge output"
        kind = {
            "msht-assessment": "an assessment file",
            "msht-bank": "a question bank",
            "msht-measures": "a measures file",
        }
        return "protected", kind[family]
    if family is not None:
        return DOCUMENT, "an earlier msht output"
    if not parsed and any(f"{s}/".encode() in head for s in INPUT_SCHEMAS):
        # unreadable as YAML or JSON yet names our schemas: a damaged assessment or bank
        return "protected", "an assessment or bank file (it does not load, but names one)"
    return None, "a file msht did not write"


# ---------------------------------------------------------------- may it be replaced


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_output(
    out: Path, inputs: Iterable[Path] = (), *, force: bool = False, family: str = DOCUMENT
) -> None:
    """Refuse (``OutputRefusedError``, one line) an ``out`` this command must not write.

    Call it before doing any work; ``write_text``/``write_bytes`` call it again just
    before writing. ``-o -`` (stdout) passes. See the module docstring for the rules.
    """
    if is_stdout(out):
        return
    if str(out) in ("", ".") or out.is_dir():
        raise OutputRefusedError(f"{out}: is a folder; name the file to write, e.g. -o plan.md")
    try:
        st = os.stat(out)  # follows links, /dev/stdout's included, to what is there
    except FileNotFoundError:
        if not Path(os.path.realpath(out)).parent.is_dir():
            raise OutputRefusedError(f"{out}: folder {out.parent} does not exist") from None
        return
    except OSError as exc:
        raise WriteError(f"{out}: cannot be written ({exc.strerror or exc})") from None
    if not stat.S_ISREG(st.st_mode):
        raise OutputRefusedError(
            f"{out}: is not a regular file (a pipe or device); msht writes only files "
            "(leave out -o, or use -o -, to print to standard output)"
        )
    target = Path(os.path.realpath(out))
    for path in inputs:
        if _same(target, path):
            raise OutputRefusedError(
                f"{out}: is an input of this command; choose another output file"
            )
    if not st.st_mode & 0o222 or not os.access(target, os.W_OK):
        raise OutputRefusedError(
            f"{out}: is read-only (mode {stat.S_IMODE(st.st_mode):04o}); "
            "msht will not replace it (choose another file)"
        )
    found, description = what_is(target)
    if found in ("empty", family):
        return
    if found == "protected" or found == MERGED:
        noun = "output" if family == DOCUMENT else "a merged assessment"
        raise OutputRefusedError(
            f"{out}: is {description}; msht will not replace it with {noun} "
            "(choose another file, or remove it first if you mean to)"
        )
    if not force:
        raise OutputRefusedError(
            f"{out}: exists and is {description}; choose another file, or add --force to replace it"
        )


# ---------------------------------------------------------------- writing


def _marked(text: str, out: Path) -> str:
    """``text`` with the first-line marker its file's suffix calls for (see above).

    HTML and JSON carry their own markers (generator, schema) and are never touched,
    whatever the suffix (``--format html -o board.txt``).
    """
    if text.lstrip()[:1] in ("<", "{", "["):
        return text
    suffix = out.suffix.lower()
    if suffix in MARKDOWN_SUFFIXES and not text.startswith(MARKDOWN_MARKER):
        return f"{MARKDOWN_MARKER}\n{text}"
    if suffix in TEXT_SUFFIXES and not text.startswith(TEXT_MARKER):
        return f"{TEXT_MARKER}\n\n{text}"
    return text


def write_text(
    text: str,
    out: Path | None,
    inputs: Iterable[Path] = (),
    *,
    force: bool = False,
    family: str = DOCUMENT,
) -> None:
    """Print ``text`` (``out`` None or ``-``), or write the file ``out`` after ``check_output``."""
    if out is None or is_stdout(out):
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    write_bytes(_marked(text, out).encode("utf-8"), out, inputs, force=force, family=family)


def write_bytes(
    data: bytes,
    out: Path | None,
    inputs: Iterable[Path] = (),
    *,
    force: bool = False,
    family: str = DOCUMENT,
    binary: bool = False,
) -> None:
    """``write_text`` for encoded output (CSV with a byte order mark, XLSX, DOCX).

    ``binary`` outputs (a ZIP) are not printed to a terminal: ``-o -`` there is refused.
    """
    from msht_toolkit.safewrite import atomic_write_bytes

    if out is None or is_stdout(out):
        if binary and sys.stdout.isatty():
            raise UsageError("this format is binary: name a file with -o, or pipe -o - elsewhere")
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    inputs = list(inputs)
    check_output(out, inputs, force=force, family=family)
    try:
        atomic_write_bytes(out, data)
    except OSError as exc:
        raise WriteError(f"{out}: cannot write: {exc.strerror or exc}") from None
    say_error(f"msht: wrote {out}")
