"""The two front ends of the walk, behind one small interface (``walk.ui.WalkUI``).

``RichUI`` asks with questionary (arrow keys and shortcut keys) and prints with rich;
``PlainUI`` prints each choice with the key to type (the same shortcut keys as the
arrow-key front end, or numbers where a choice has none) and reads it with ``input()``: no
cursor movement, no redraw, no colour, every prompt a complete sentence, for screen
readers and basic terminals (``--plain``, or automatically where ``TERM=dumb``).

Both raise ``KeyboardInterrupt`` on Ctrl-C (and ``EOFError`` on end of input); the
command's one top-level handler saves and says how to resume.

Everything the walk shows passes through these two classes, so this is where bank and
assessment text is made safe for the terminal: ``RichUI`` prints with the
project's console (``cli.common.console``, which shows control characters visibly) and
passes every questionary message and choice title through ``safe_text``; ``PlainUI``
passes every line it writes and every prompt it reads with through ``safe_text``. A
text prompt's default (the note being edited) is shown made safe too, and Enter on it
unchanged keeps the note exactly as it was in the file.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from msht_toolkit.textsafe import safe_text
from msht_toolkit.walk.prompts import Pick
from msht_toolkit.walk.ui import Validator, WalkUI

if TYPE_CHECKING:
    from rich.console import Console

    from msht_toolkit.scoring.scorer import ScoreCard


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


def wrap(text: str, width: int) -> str:
    """``text`` wrapped at word boundaries to ``width`` columns (paragraphs kept)."""
    import textwrap

    width = max(20, width)
    return "\n".join(
        textwrap.fill(part, width, break_long_words=False, break_on_hyphens=False) or part
        for part in text.split("\n")
    )


DESCRIPTION_LEAD = "  Description: "  # what questionary prints before a description


def _described(text: str, width: int) -> str:
    """A choice's description wrapped on words, its lines aligned under the first."""
    lead = " " * len(DESCRIPTION_LEAD)
    return wrap(text, width - len(DESCRIPTION_LEAD) - 1).replace("\n", "\n" + lead)


def _say_when_a_key_does_nothing(question: Any, known: set[str], shortcuts: bool) -> None:
    """A printable key that picks nothing gets a one-line answer above the list, instead of
    silence."""
    from prompt_toolkit.application import run_in_terminal
    from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
    from prompt_toolkit.keys import Keys

    bindings = KeyBindings()
    hint = "use the arrows and Enter, or a key shown" if known else "use the arrows and Enter"

    @bindings.add(Keys.Any)
    def _nothing(event: Any) -> None:
        key = event.data
        if len(key) != 1 or not key.isprintable() or key.lower() in known:
            return
        shown = "space" if key == " " else key
        run_in_terminal(lambda: print(f"  Key {shown!r} does nothing here; {hint}."))

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, bindings])


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
        # Each choice is one line; the highlighted choice's full text (a level's
        # descriptor, a title too long for the line, the help) is shown below the list.
        room = max(30, self.out.width - 8)
        choices: list[questionary.Choice | questionary.Separator] = []
        for pick in picks:
            if pick.separator_before:
                choices.append(questionary.Separator(" "))
            shown = safe_text(pick.title)
            title = shorten(shown, room)
            description = safe_text(pick.description or (shown if title != shown else ""))
            choices.append(
                questionary.Choice(
                    title=title,
                    value=pick.key,
                    shortcut_key=(pick.shortcut or False) if shortcuts else True,
                    description=_described(description, self.out.width) if description else None,
                )
            )
        keys = {p.key for p in picks}
        instruction = (
            "(arrow keys or the key shown, then Enter)" if shortcuts else "(arrow keys, then Enter)"
        )
        question = questionary.select(
            wrap(safe_text(message), self.out.width - 2),
            choices=choices,
            default=default if default in keys else None,
            use_shortcuts=shortcuts,
            use_jk_keys=False,
            instruction=instruction,
        )
        known = {p.shortcut.lower() for p in picks if p.shortcut and shortcuts}
        _say_when_a_key_does_nothing(question, known, shortcuts)
        return str(_ask(question))

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

        shown = safe_text(default)
        asked = self._asked_line(message)
        result = str(_ask(questionary.text(asked, default=shown, validate=check)))
        return default if result == shown else result  # kept as it was: the file's text

    def confirm(self, message: str, default: bool = True) -> bool:
        import questionary

        return bool(_ask(questionary.confirm(self._asked_line(message), default=default)))

    def _asked_line(self, message: str) -> str:
        """A long message printed wrapped at word boundaries, and its last line returned
        to be asked: the prompt and the typed answer never break mid-word at the edge."""
        lines = wrap(safe_text(message), max(30, self.out.width - 30)).split("\n")
        for line in lines[:-1]:
            self.say(line)
        return lines[-1]

    def pause(self, message: str) -> None:
        import questionary

        # returns None for any key (Ctrl-C raises, as in every prompt)
        questionary.press_any_key_to_continue(safe_text(message)).unsafe_ask()

    def scorecard(self, card: ScoreCard) -> None:
        from msht_toolkit.render.terminal.tables import print_scorecard

        print_scorecard(self.out, card)


def plain_labels(picks: list[Pick]) -> list[str]:
    """What the plain mode shows before each choice, and what is typed to pick it.

    Each pick's shortcut (the key the arrow-key front end uses too: ``2`` is Level 2)
    where every pick on the screen has one and no two are the same; otherwise the
    numbers 1 to N.
    """
    shortcuts = [(p.shortcut or "").lower() for p in picks]
    if all(shortcuts) and len(set(shortcuts)) == len(shortcuts):
        return shortcuts
    return [str(n) for n in range(1, len(picks) + 1)]


def _numbered(labels: list[str]) -> bool:
    return labels == [str(n) for n in range(1, len(labels) + 1)]


def plain_instruction(labels: list[str]) -> str:
    """The sentence that says exactly what to type."""
    if _numbered(labels):
        return f"Type a number from 1 to {len(labels)} and press Enter."
    digits = any(label.isdigit() for label in labels)
    letters = any(not label.isdigit() for label in labels)
    what = "number or letter" if digits and letters else "number" if digits else "letter"
    return f"Type the {what} of your choice and press Enter."


def plain_retry(labels: list[str]) -> str:
    if _numbered(labels):
        return f"Please type one of the numbers from 1 to {len(labels)}."
    return f"Please type one of {', '.join(labels[:-1])} or {labels[-1]}."


class PlainUI:
    """Choices typed as their key (or number) and Enter; plain print() and input()."""

    plain = True

    def __init__(
        self,
        read: Callable[[str], str] = input,
        write: Callable[[str], None] | None = None,
        width: int | None = None,
    ) -> None:
        import shutil

        write = write or self._print
        self._read = lambda prompt: read(safe_text(prompt))
        self._write = lambda text: write(safe_text(text))
        self.width = width or shutil.get_terminal_size((100, 24)).columns
        self._listed: tuple[object, ...] | None = None  # the choice list last printed

    def _lines(self, text: str, indent: str = "", hang: str = "") -> list[str]:
        """``text`` wrapped to the terminal width on word boundaries."""
        import textwrap

        return textwrap.wrap(
            text,
            max(20, self.width - 1),
            initial_indent=indent,
            subsequent_indent=hang or indent,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [indent.rstrip()]

    def _ask_line(self, prompt: str) -> str:
        """Ask with ``input()``: the prompt's earlier lines printed, its last line asked."""
        lines = self._lines(prompt)
        for line in lines[:-1]:
            self._write(line)
        return self._read(lines[-1] + " ")

    @staticmethod
    def _print(text: str) -> None:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()

    def say(self, text: str = "", style: str | None = None) -> None:
        for line in text.split("\n"):
            for part in self._lines(line):
                self._write(part)

    def heading(self, text: str) -> None:
        self._write("")
        self.say(text)

    def choose(self, message: str, picks: list[Pick], default: str | None = None) -> str:
        labels = plain_labels(picks)
        listed = (message, tuple((p.key, p.title, p.description) for p in picks))
        self.say(message)
        if listed != self._listed:  # asked again (after help): the list is above already
            for label, pick in zip(labels, picks, strict=True):
                text = f"{pick.title}: {pick.description}" if pick.description else pick.title
                if pick.key == "help":
                    text = pick.title  # the help itself is printed when asked for
                lead = f"  {label}. "
                for line in self._lines(text, lead, " " * len(lead)):
                    self._write(line)
        self._listed = listed
        by_label = {label.lower(): pick.key for label, pick in zip(labels, picks, strict=True)}
        prompt = plain_instruction(labels)
        chosen = next((i for i, p in enumerate(picks) if p.key == default), None)
        if chosen is not None:
            title = picks[chosen].title.rstrip(".")
            prompt += f" Press Enter alone for choice {labels[chosen]}, {title}."
        while True:
            raw = self._ask_line(prompt).strip().lower()
            if not raw and chosen is not None:
                return picks[chosen].key
            if raw in by_label:
                return by_label[raw]
            self._write(plain_retry(labels))

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
            raw = self._ask_line(prompt).strip()
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
            raw = self._ask_line(f"{message} {hint}").strip().lower()
            if not raw:
                return default
            if raw in ("y", "yes"):
                return True
            if raw in ("n", "no"):
                return False
            self._write("Please type yes or no.")

    def pause(self, message: str) -> None:
        """Nothing to wait for: plain output is read in order and never redrawn."""

    def scorecard(self, card: ScoreCard) -> None:
        from msht_toolkit.cli.common import console
        from msht_toolkit.render.terminal.tables import print_scorecard

        print_scorecard(console(plain=True, width=100), card)


def make_ui(plain: bool) -> WalkUI:
    return PlainUI() if plain else RichUI()
