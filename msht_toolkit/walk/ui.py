"""What the walk needs from a front end (``WalkUI``): say, ask, choose, confirm.

The walk's flow (``walk.flow``, ``walk.opening``, ``walk.actions``) is written against
this protocol only; the two front ends that implement it (questionary with rich, and
the plain typed-key mode) are ``cli/walk_ui.py``. Both raise ``KeyboardInterrupt`` on
Ctrl-C and ``EOFError`` at the end of input; the command saves and says how to resume.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from msht_toolkit.scoring.scorer import ScoreCard
    from msht_toolkit.walk.prompts import Pick

Validator = Callable[[str], str | None]  # returns an error message, or None when fine


class WalkUI(Protocol):
    plain: bool

    def say(self, text: str = "", style: str | None = None) -> None: ...

    def heading(self, text: str) -> None: ...

    def choose(self, message: str, picks: list[Pick], default: str | None = None) -> str: ...

    def text(
        self,
        message: str,
        default: str = "",
        validate: Validator | None = None,
        clearable: bool = False,
    ) -> str: ...

    def confirm(self, message: str, default: bool = True) -> bool: ...

    def pause(self, message: str) -> None:
        """Let the user read what was just printed before the screen moves on."""
        ...

    def scorecard(self, card: ScoreCard) -> None: ...
