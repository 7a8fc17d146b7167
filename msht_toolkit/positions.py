"""Data read from a file that remembers where each part stood (1-based line and column).

``yamlio`` builds these while it reads YAML; every checker (``checking``, the bank and
assessment loaders) uses the positions to name ``file:line:col`` in its messages. No
YAML library is needed to use them.
"""

from __future__ import annotations

from typing import Any


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
    value_style: dict[Any, str]
    value_text: dict[Any, str]  # plain scalars that YAML typed: the text as written

    def kpos(self, key: Any) -> Pos:
        return self.key_pos.get(key, self.pos)

    def vpos(self, key: Any) -> Pos:
        return self.value_pos.get(key, self.kpos(key))

    def vstyle(self, key: Any) -> str | None:
        """How a text value was written: None plain, ``'`` or ``"`` quoted, ``|`` or ``>``."""
        return getattr(self, "value_style", {}).get(key)

    def text(self, key: Any) -> Any:
        """The value as written, for free-text fields (text is text).

        A plain scalar that YAML 1.1 reads as something else (``1:30`` as 90, ``007`` as
        7, ``Off`` as false, ``~`` as nothing) comes back as the characters in the file;
        text, mappings and lists come back as they are.
        """
        written = getattr(self, "value_text", None)
        if written and key in written:
            return written[key]
        return self.get(key)


class YList(list):
    """A list that remembers where it and each item stood."""

    pos: Pos
    item_pos: list[Pos]
    item_text: dict[int, str]  # plain scalars that YAML typed: the text as written

    def ipos(self, index: int) -> Pos:
        if 0 <= index < len(self.item_pos):
            return self.item_pos[index]
        return self.pos

    def text(self, index: int) -> Any:
        """Item ``index`` as written (see ``YMap.text``)."""
        written = getattr(self, "item_text", None)
        if written and index in written:
            return written[index]
        return self[index]
