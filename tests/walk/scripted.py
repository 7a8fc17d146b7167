"""A scripted front end for the walk's flow tests, and a small bank to walk.

``ScriptedUI`` answers each prompt from a script (a pick key for a choice, text for a
text prompt, a bool for a confirm) and fails if the walk asks something unexpected.
"""

from __future__ import annotations

from collections import deque
from typing import Any

from bank_builder import make_bank, q

from msht_toolkit.walk.prompts import Pick


class ScriptedUI:
    plain = True

    def __init__(self, *script: Any) -> None:
        self.script = deque(script)
        self.lines: list[str] = []
        self.asked: list[tuple[str, str]] = []
        self.picks: list[list[Pick]] = []

    def _next(self, kind: str, message: str) -> Any:
        self.asked.append((kind, message))
        assert self.script, f"walk asked more than scripted: {kind} {message!r}"
        item = self.script.popleft()
        if item is KeyboardInterrupt:  # Ctrl-C at this prompt
            raise KeyboardInterrupt
        return item

    def say(self, text: str = "", style: str | None = None) -> None:
        self.lines.append(text)

    def heading(self, text: str) -> None:
        self.lines.append(text)

    def choose(self, message: str, picks: list[Pick], default: str | None = None) -> str:
        self.picks.append(picks)
        key = self._next("choose", message)
        if key == "<default>":
            return default or picks[0].key
        assert key in {pk.key for pk in picks}, (key, [pk.key for pk in picks])
        return key

    def text(
        self, message: str, default: str = "", validate: Any = None, clearable: bool = False
    ) -> str:
        value = self._next("text", message)
        value = default if value == "<default>" else value
        if validate is not None:
            assert validate(value) is None, validate(value)
        return value

    def confirm(self, message: str, default: bool = True) -> bool:
        return self._next("confirm", message)

    def scorecard(self, card: Any) -> None:
        self.lines.append(f"SCORECARD overall {card.overall.rag}")

    @property
    def output(self) -> str:
        return "\n".join(self.lines)


def bank():
    return make_bank(
        "walk",
        {
            "s1": [q("W-1"), q("W-2", "yesno"), q("W-3", when="W-2 == yes")],
            "s2": [q("W-4")],
        },
    )
