"""Safe YAML reading with line numbers, and atomic, private file writing.

Reading uses only the (C) safe loader's composer; we build the Python values
ourselves so every mapping and list remembers where each entry stood in the file.
Anything that is not plain data is refused with one line naming file, line and column:
YAML tags such as ``!!python/object``, duplicate keys, alias bombs, files that are not
UTF-8, empty, or larger than ``MAX_BYTES``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

import yaml

from msht_toolkit.errors import Problem, YamlFileError

MAX_BYTES = 5 * 1024 * 1024
MAX_NODES = 500_000  # expanded node count; stops "billion laughs" alias bombs

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class Pos(tuple):
    """A 1-based (line, col) position in a file."""

    __slots__ = ()

    def __new__(cls, line: int, col: int) -> Pos:
        return super().__new__(cls, (line, col))

    @property
    def line(self) -> int:
        return self[0]

    @property
    def col(self) -> int:
        return self[1]


NOWHERE = Pos(1, 1)


class YMap(dict):
    """A mapping that remembers where it, each key and each value stood."""

    pos: Pos
    key_pos: dict[Any, Pos]
    value_pos: dict[Any, Pos]

    def kpos(self, key: Any) -> Pos:
        return self.key_pos.get(key, self.pos)

    def vpos(self, key: Any) -> Pos:
        return self.value_pos.get(key, self.kpos(key))


class YList(list):
    """A list that remembers where it and each item stood."""

    pos: Pos
    item_pos: list[Pos]

    def ipos(self, index: int) -> Pos:
        if 0 <= index < len(self.item_pos):
            return self.item_pos[index]
        return self.pos


def pos_of(node: Any) -> Pos:
    return getattr(node, "pos", NOWHERE)


def _mark(node: yaml.Node) -> Pos:
    return Pos(node.start_mark.line + 1, node.start_mark.column + 1)


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
        raise _fail(spath, None, f"is a folder, not a {what}")
    if size > MAX_BYTES:
        raise _fail(
            spath, None, f"{what} is {size / 1e6:.1f} MB; the limit is {MAX_BYTES // 1_000_000} MB"
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise _fail(spath, None, f"cannot read {what}: {exc.strerror}") from None
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
    """Load YAML text safely; raise ``YamlFileError`` with one line on any problem."""
    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise _fail(path, None, f"{what} is empty")
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = (exc.problem or exc.context or "not valid YAML").strip()
        pos = Pos(mark.line + 1, mark.column + 1) if mark is not None else None
        raise _fail(path, pos, f"not valid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise _fail(path, None, f"not valid YAML: {exc}") from None
    except (RecursionError, MemoryError):
        raise _fail(path, None, "YAML nesting is too deep") from None
    finally:
        loader.dispose()
    if node is None:
        raise _fail(path, None, f"{what} is empty")
    _check_size(node, path)
    return _Builder(path).build(node)


def _check_size(root: yaml.Node, path: str) -> None:
    """Count nodes as they would be expanded, refusing recursive or explosive aliases."""
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: yaml.Node, depth: int) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise _fail(path, _mark(node), "recursive YAML alias")
        if depth > 200:
            raise _fail(path, _mark(node), "YAML nesting is too deep")
        total = 1
        if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)):
            active.add(key)
            children = (
                node.value
                if isinstance(node, yaml.SequenceNode)
                else [n for pair in node.value for n in pair]
            )
            for child in children:
                total += size(child, depth + 1)
                if total > MAX_NODES:
                    raise _fail(path, _mark(node), "too many YAML nodes once aliases are expanded")
            active.discard(key)
        sizes[key] = total
        return total

    size(root, 0)


class _Builder:
    """Turns composed nodes into plain Python values with positions."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.constructor = yaml.SafeLoader("")  # used only to resolve plain scalars

    def build(self, node: yaml.Node) -> Any:
        if node.tag not in _PLAIN_TAGS:
            raise _fail(
                self.path, _mark(node), f"YAML tag {node.tag!r} is not allowed; plain data only"
            )
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node)
        if isinstance(node, yaml.SequenceNode):
            out = YList()
            out.pos = _mark(node)
            out.item_pos = []
            for child in node.value:
                out.append(self.build(child))
                out.item_pos.append(_mark(child))
            return out
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, OverflowError) as exc:
            raise _fail(self.path, _mark(node), f"bad value: {exc}") from None
        return value

    def _mapping(self, node: yaml.MappingNode) -> YMap:
        out = YMap()
        out.pos = _mark(node)
        out.key_pos = {}
        out.value_pos = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _fail(self.path, _mark(key_node), "YAML merge keys (<<) are not supported")
            if not isinstance(key_node, yaml.ScalarNode):
                raise _fail(self.path, _mark(key_node), "mapping keys must be plain words")
            key = self.build(key_node)
            if key in out:
                raise _fail(
                    self.path,
                    _mark(key_node),
                    f"duplicate key {key!r} (first at line {out.key_pos[key].line})",
                )
            out[key] = self.build(value_node)
            out.key_pos[key] = _mark(key_node)
            out.value_pos[key] = _mark(value_node)
        return out


def atomic_write_text(path: Path, text: str, mode: int = 0o600) -> None:
    """Write ``text`` to ``path`` so readers see the old file or the new, never half.

    The file is written to a temporary file in the same folder, flushed to disk and
    renamed over the target. The result is readable by its owner only by default.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:
        dir_fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
