"""The two front ends of the walk, behind one small interface (``WalkUI``).

``RichUI`` asks with questionary (arrow keys and shortcut keys) and prints with rich;
``PlainUI`` prints numbered choices and reads a typed number with ``input()``: no
cursor movement, no redraw, no colour, every prompt a complete sentence, for screen
readers and basic terminals (``--plain``, or automatically where ``TERM=dumb``).

Both raise ``KeyboardInterrupt`` on Ctrl-C (and ``EOFError`` on end of input); the
command's one top-level handler saves and says how to resume.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from msht_toolkit.walk.prompts import Pick

if TYPE_CHECKING:
    from rich.console import Console

    from msht_toolkit.scoring import ScoreCard

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

    def scorecard(self, card: ScoreCard) -> None: ...


def share_default_key_bindings() -> None:
    """Build prompt_toolkit's default key bindings once, not for every prompt.

    Every prompt_toolkit ``Application`` loads all default bindings (emacs, vi, mouse:
    ~9000 ``add`` calls, about 25 ms), and each questionary prompt builds three
    Applications: ~75 ms per question. The bindings are stateless (their filters read
    the running application), so one shared set serves every prompt.
    """
    import functools

    from prompt_toolkit.application import application

    loader = getattr(application, "load_key_bindings", None)
    if loader is not None and not hasattr(loader, "cache_info"):
        application.load_key_bindings = functools.lru_cache(maxsize=1)(loader)


def shorten(title: str, room: int) -> str:
    """``title`` cut to ``room`` characters at a word boundary, with an ellipsis."""
    if len(title) <= room:
        return title
    cut = title[: room - 1].rsplit(" ", 1)[0]
    return (cut if len(cut) > room // 2 else title[: room - 1]).rstrip(" ,;:") + "…"


def _ask(question: Any) -> Any:
    """A questionary prompt's answer; Ctrl-C (and end of input) raise from ``unsafe_ask``."""
    result = question.unsafe_ask()
    if result is None:  # pragma: no cover - unsafe_ask raises instead
        raise KeyboardInterrupt
    return result


class RichUI:
    """questionary prompts; rich output (colour only where the terminal allows it)."""

    plain = False

    def __init__(self, out: Console | None = None) -> None:
        from msht_toolkit.cli.common import console

        self.out = out or console()
        share_default_key_bindings()

    def say(self, text: str = "", style: str | None = None) -> None:
        from rich.text import Text

        self.out.print(Text(text, style=style or ""))

    def heading(self, text: str) -> None:
        from rich.text import Text

        self.out.print()
        self.out.print(Text(text, style="bold underline"))

    def choose(self, message: str, picks: list[Pick], default: str | None = None) -> str:
        import questionary

        shortcuts = any(p.shortcut for p in picks) and len(picks) <= 36
        # A choice is one line on screen; a level descriptor longer than the terminal
        # is shown in full (wrapped) above the prompt and shortened in the list.
        room = max(30, self.out.width - 10)
        if any(len(p.title) > room for p in picks):
            answers = []  # the answer choices: every pick before the first separator
            for pick in picks:
                if pick.separator_before:
                    break
                answers.append(pick)
            self._show_long_titles(answers or picks, shortcuts)
        choices: list[questionary.Choice | questionary.Separator] = []
        for pick in picks:
            if pick.separator_before:
                choices.append(questionary.Separator(" "))
            choices.append(
                questionary.Choice(
                    title=shorten(pick.title, room),
                    value=pick.key,
                    shortcut_key=(pick.shortcut or False) if shortcuts else True,
                )
            )
        keys = {p.key for p in picks}
        instruction = (
            "(arrow keys or the key shown, then Enter)" if shortcuts else "(arrow keys, then Enter)"
        )
        result = _ask(
            questionary.select(
                message,
                choices=choices,
                default=default if default in keys else None,
                use_shortcuts=shortcuts,
                use_jk_keys=False,
                instruction=instruction,
            )
        )
        return str(result)

    def _show_long_titles(self, picks: list[Pick], shortcuts: bool) -> None:
        if not picks:
            return
        from rich.table import Table

        grid = Table.grid(padding=(0, 1))
        grid.add_column(no_wrap=True)
        grid.add_column()
        for pick in picks:
            grid.add_row(f"{pick.shortcut})" if shortcuts and pick.shortcut else "-", pick.title)
        self.out.print(grid)

    def text(
        self,
        message: str,
        default: str = "",
        validate: Validator | None = None,
        clearable: bool = False,
    ) -> str:
        import questionary

        def check(value: str) -> bool | str:
            if validate is None:
                return True
            problem = validate(value)
            return True if problem is None else problem

        return str(_ask(questionary.text(message, default=default, validate=check)))

    def confirm(self, message: str, default: bool = True) -> bool:
        import questionary

        return bool(_ask(questionary.confirm(message, default=default)))

    def scorecard(self, card: ScoreCard) -> None:
        from msht_toolkit.render.terminal import print_scorecard

        print_scorecard(self.out, card)


class PlainUI:
    """Numbered choices typed as a number and Enter; plain print() and input()."""

    plain = True

    def __init__(
        self,
        read: Callable[[str], str] = input,
        write: Callable[[str], None] | None = None,
    ) -> None:
        self._read = read
        self._write = write or self._print

    @staticmethod
    def _print(text: str) -> None:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()

    def say(self, text: str = "", style: str | None = None) -> None:
        self._write(text)

    def heading(self, text: str) -> None:
        self._write("")
        self._write(text)

    def choose(self, message: str, picks: list[Pick], default: str | None = None) -> str:
        self._write(message)
        for number, pick in enumerate(picks, start=1):
            self._write(f"  {number}. {pick.title}")
        default_number = next((n for n, p in enumerate(picks, start=1) if p.key == default), None)
        prompt = f"Type a number from 1 to {len(picks)} and press Enter."
        if default_number is not None:
            prompt += (
                f" Press Enter alone for choice {default_number}, "
                f"{picks[default_number - 1].title}."
            )
        while True:
            raw = self._read(prompt + " ").strip()
            if not raw and default_number is not None:
                return picks[default_number - 1].key
            if raw.isdigit() and 1 <= int(raw) <= len(picks):
                return picks[int(raw) - 1].key
            self._write(f"Please type one of the numbers from 1 to {len(picks)}.")

    def text(
        self,
        message: str,
        default: str = "",
        validate: Validator | None = None,
        clearable: bool = False,
    ) -> str:
        prompt = message
        if default:
            prompt += f" The current entry is: {default}. Press Enter alone to keep it"
            prompt += ", or type - to remove it." if clearable else "."
        while True:
            raw = self._read(prompt + " ").strip()
            if not raw:
                raw = default
            elif clearable and raw == "-":
                raw = ""
            problem = validate(raw) if validate is not None else None
            if problem is None:
                return raw
            self._write(problem)

    def confirm(self, message: str, default: bool = True) -> bool:
        hint = "Type yes or no and press Enter; Enter alone means " + ("yes." if default else "no.")
        while True:
            raw = self._read(f"{message} {hint} ").strip().lower()
            if not raw:
                return default
            if raw in ("y", "yes"):
                return True
            if raw in ("n", "no"):
                return False
            self._write("Please type yes or no.")

    def scorecard(self, card: ScoreCard) -> None:
        from rich.console import Console

        from msht_toolkit.render.terminal import print_scorecard

        out = Console(
            file=sys.stdout,
            no_color=True,
            color_system=None,
            highlight=False,
            markup=False,
            emoji=False,
            width=100,
        )
        print_scorecard(out, card)


def make_ui(plain: bool) -> WalkUI:
    return PlainUI() if plain else RichUI()
