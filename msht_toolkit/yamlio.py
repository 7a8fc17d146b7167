"""Safe YAML reading with line numbers (writing files: ``safewrite``).

Reading uses only the (C) safe loader's parser events; we build the Python values
ourselves so every mapping and list remembers where each entry stood in the file.
Anything that is not plain data is refused with one line naming file, line and column:
YAML tags such as ``!!python/object``, duplicate keys, alias bombs, files that are not
UTF-8, empty, or larger than ``MAX_BYTES``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import yaml

from msht_toolkit.checking import article
from msht_toolkit.errors import Problem, YamlFileError
from msht_toolkit.gcpause import paused_gc
from msht_toolkit.positions import Pos, YList, YMap

MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 500_000  # expanded node count; stops "billion laughs" alias bombs
# characters of text once aliases are expanded: stops a bomb made of one big string
# (a file without aliases holds at most MAX_BYTES characters, so only aliases reach it)
MAX_CHARS = 2 * MAX_BYTES

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _fail(path: str, pos: Pos | None, message: str) -> YamlFileError:
    if pos is None:
        return YamlFileError(Problem(path, None, None, message))
    return YamlFileError(Problem(path, pos.line, pos.col, message))


def read_text(path: Path, what: str = "file") -> str:
    """Read a file as UTF-8 text, refusing missing, huge, binary or non-UTF-8 files."""
    spath = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise _fail(spath, None, f"no such {what}") from None
    except OSError as exc:
        raise _fail(spath, None, f"cannot read {what}: {exc.strerror}") from None
    if path.is_dir():
        raise _fail(spath, None, f"is a folder, not {article(what)} {what}")
    if size > MAX_BYTES:
        raise _fail(
            spath, None, f"{what} is {size / 1e6:.1f} MB; the limit is {MAX_BYTES // 1_000_000} MB"
        )
    try:
        # O_NONBLOCK: opening a FIFO with no writer would otherwise wait for ever
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _fail(spath, None, f"cannot read {what}: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _fail(
                spath, None, f"is not a regular file (a pipe or device), not {article(what)} {what}"
            )
        try:
            raw = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise _fail(spath, None, f"cannot read {what}: {exc.strerror}") from None
    if len(raw) > MAX_BYTES:
        raise _fail(spath, None, f"{what} is larger than the limit of {MAX_BYTES // 1_000_000} MB")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _fail(spath, Pos(line, col), f"{what} is not UTF-8 text") from None
    if "\x00" in text:
        raise _fail(spath, None, f"{what} is binary, not YAML text")
    return text


def load_yaml_file(path: Path, what: str = "file") -> Any:
    """Load one YAML file safely; mappings and lists carry positions."""
    return load_yaml_text(read_text(path, what), str(path), what)


def load_yaml_text(text: str, path: str = "<text>", what: str = "file") -> Any:
    """Load YAML text safely; raise ``YamlFileError`` with one line on any problem.

    The (C) parser's event stream is turned into values by an explicit stack, not by
    recursion: deeply nested input is refused, never a crash (the C composer crashes on
    very deep nesting), and it is faster than composing nodes first.
    """
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise _fail(path, None, f"{what} is empty")
    try:
        loader = _Loader(text)
    except UnicodeEncodeError:
        raise _fail(path, None, f"{what} is not UTF-8 text") from None
    try:
        with paused_gc():  # the values built hold no cycles; pausing the collector saves ~30%
            root = _EventBuilder(path).run(loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = " ".join((exc.problem or exc.context or "not valid YAML").split())
        pos = Pos(mark.line + 1, mark.column + 1) if mark is not None else None
        if "nesting" in problem:  # newer libyaml refuses deep nesting itself, in its words
            raise _fail(path, pos, "YAML nesting is too deep") from None
        raise _fail(path, pos, f"not valid YAML: {problem}") from None
    except yaml.reader.ReaderError as exc:
        index = max(0, min(int(exc.position), len(text)))
        line = text.count("\n", 0, index) + 1
        col = index - (text.rfind("\n", 0, index) + 1) + 1
        reason = " ".join(str(exc.reason).split())
        code = (
            exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        )
        message = f"not valid YAML: character U+{code:04X}: {reason}"
        raise _fail(path, Pos(line, col), message) from None
    except yaml.YAMLError as exc:
        raise _fail(path, None, "not valid YAML: " + " ".join(str(exc).split())) from None
    except (RecursionError, MemoryError):
        raise _fail(path, None, "YAML nesting is too deep") from None
    finally:
        loader.dispose()
    if root is None:
        raise _fail(path, None, f"{what} is empty")
    return root


_STR = "tag:yaml.org,2002:str"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_VALUE = "tag:yaml.org,2002:value"
_IMPLICIT = yaml.resolver.Resolver.yaml_implicit_resolvers
_CONSTRUCT = {
    "tag:yaml.org,2002:int": yaml.SafeLoader.construct_yaml_int,
    "tag:yaml.org,2002:float": yaml.SafeLoader.construct_yaml_float,
    "tag:yaml.org,2002:bool": yaml.SafeLoader.construct_yaml_bool,
    "tag:yaml.org,2002:timestamp": yaml.SafeLoader.construct_yaml_timestamp,
}
MAX_DEPTH = 200


def _resolve_plain(value: str) -> str:
    """The tag YAML 1.1 gives a plain scalar (as PyYAML's resolver does)."""
    for tag, regexp in _IMPLICIT.get(value[:1] if value else "", ()):
        if regexp.match(value):
            return tag
    return _STR


class _EventBuilder:
    """Builds plain Python values with positions from the parser's events.

    One loop over the event stream with an explicit stack (no recursion, so nesting
    depth is checked, never a crash). Anchors and aliases are followed, counting the
    nodes they would expand to, so an alias bomb is refused before anyone walks it.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self.constructor = yaml.SafeLoader("")  # used only to construct plain scalars

    def fail(self, event: Any, message: str) -> YamlFileError:
        mark = event.start_mark
        return _fail(self.path, Pos(mark.line + 1, mark.column + 1), message)

    def too_large(self, event: Any, aliased: bool) -> YamlFileError:
        if aliased:
            return self.fail(
                event, f"too many YAML nodes once aliases are expanded (over {MAX_NODES:,})"
            )
        return self.fail(event, f"too many YAML nodes (over {MAX_NODES:,}); the file is too large")

    def run(self, loader: Any) -> Any:
        get_event = loader.get_event
        new_pos = tuple.__new__
        implicit = _IMPLICIT
        scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
        map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
        map_end, seq_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
        doc_start, stream_end = yaml.DocumentStartEvent, yaml.StreamEndEvent
        # name -> value, nodes, is scalar, text as written, characters
        anchors: dict[str, tuple[Any, int, bool, Any, int]] = {}
        open_anchors: set[str] = set()
        # a frame: [container, is mapping, key pending, key, key position, size, anchor,
        # characters]
        stack: list[list[Any]] = []
        top: list[Any] | None = None
        root: Any = None
        total = 0
        chars = 0
        aliased = False
        documents = 0
        while True:
            event = get_event()
            cls = event.__class__
            if cls is scalar_event:
                value = written = event.value
                if event.tag is not None or (event.implicit[0] and value[:1] in implicit):
                    value = self.scalar(event, top)
                size = 1
                length = len(written)
                is_scalar = True
                if event.anchor is not None:
                    anchors[event.anchor] = (value, 1, True, written, length)
                mark = event.start_mark
                pos = new_pos(Pos, (mark.line + 1, mark.column + 1))
                total += 1
            elif cls is map_end or cls is seq_end:
                frame = stack.pop()
                top = stack[-1] if stack else None
                value = frame[0]
                size = frame[5]
                length = frame[7]
                is_scalar = False
                written = value
                pos = value.pos
                if frame[6] is not None:
                    open_anchors.discard(frame[6])
                    anchors[frame[6]] = (value, size, False, value, length)
            elif cls is map_start or cls is seq_start:
                is_map = cls is map_start
                if event.tag not in (None, "!", _MAP if is_map else _SEQ):
                    raise self.fail(
                        event, f"YAML tag {event.tag!r} is not allowed; plain data only"
                    )
                if top is not None and top[1] and not top[2]:
                    raise self.fail(event, "mapping keys must be plain words")
                if len(stack) >= MAX_DEPTH:
                    raise self.fail(event, "YAML nesting is too deep")
                total += 1
                if total > MAX_NODES:
                    raise self.too_large(event, aliased)
                container: Any
                if is_map:
                    container = YMap()
                    container.key_pos = {}
                    container.value_pos = {}
                    container.value_style = {}
                    container.value_text = {}
                else:
                    container = YList()
                    container.item_pos = []
                    container.item_text = {}
                mark = event.start_mark
                container.pos = new_pos(Pos, (mark.line + 1, mark.column + 1))
                if event.anchor is not None:
                    open_anchors.add(event.anchor)
                top = [container, is_map, False, None, None, 1, event.anchor, 0]
                stack.append(top)
                continue
            elif cls is alias_event:
                if event.anchor in open_anchors:
                    raise self.fail(event, "recursive YAML alias")
                if event.anchor not in anchors:
                    raise self.fail(event, f"YAML alias *{event.anchor} names no anchor")
                value, size, is_scalar, written, length = anchors[event.anchor]
                mark = event.start_mark
                pos = new_pos(Pos, (mark.line + 1, mark.column + 1))
                total += size
                chars += length
                aliased = True
                if chars > MAX_CHARS:
                    raise self.fail(
                        event,
                        "YAML aliases expand to too much text "
                        f"(over {MAX_CHARS // 1_000_000} million characters)",
                    )
            elif cls is doc_start:
                documents += 1
                if documents > 1:
                    raise self.fail(
                        event, "not valid YAML: a file holds one document, but found another"
                    )
                continue
            elif cls is stream_end:
                return root
            else:
                continue
            if total > MAX_NODES:
                raise self.too_large(event, aliased)
            if top is None:
                root = value
                continue
            top[5] += size
            top[7] += length
            container = top[0]
            if not top[1]:
                if value is not written:
                    container.item_text[len(container)] = written
                container.append(value)
                container.item_pos.append(pos)
            elif top[2]:
                key = top[3]
                container[key] = value
                container.key_pos[key] = top[4]
                container.value_pos[key] = pos
                if value is not written:
                    container.value_text[key] = written
                if cls is scalar_event and event.style:
                    container.value_style[key] = event.style
                top[2] = False
            else:
                if not is_scalar:
                    raise _fail(self.path, pos, "mapping keys must be plain words")
                if value in container:
                    first = container.key_pos[value].line
                    raise _fail(self.path, pos, f"duplicate key {value!r} (first at line {first})")
                top[3] = value
                top[4] = pos
                top[2] = True

    def scalar(self, event: Any, top: list[Any] | None) -> Any:
        """A scalar that may not be a plain string: resolve its tag and construct it."""
        tag = event.tag
        if tag is None or tag == "!":
            tag = _resolve_plain(event.value) if event.implicit[0] else _STR
        if tag == _STR or tag == _VALUE:
            return event.value
        if tag == _NULL:
            return None
        if tag == _MERGE:
            if top is not None and top[1] and not top[2]:
                raise self.fail(event, "YAML merge keys (<<) are not supported")
            return event.value
        construct = _CONSTRUCT.get(tag)
        if construct is None:
            raise self.fail(event, f"YAML tag {tag!r} is not allowed; plain data only")
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            return construct(self.constructor, node)
        except (yaml.YAMLError, ValueError, OverflowError, TypeError) as exc:
            if event.tag is None or event.tag == "!":
                # looks like a date but is none (2027-02-30): text, as written; a field
                # that must be a date says so with its position
                return event.value
            raise self.fail(event, f"bad value: {' '.join(str(exc).split())}") from None
