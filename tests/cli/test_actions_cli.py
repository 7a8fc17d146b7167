"""`msht actions FILE [--plain]`: the decisions walk in-process, through a scripted front
end, the plain front end and the real questionary prompts (prompt_toolkit pipe input);
every decision is on disk before the next screen; Ctrl-C saves and exits 130."""

from __future__ import annotations

import io
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from rich.console import Console
from typer.testing import CliRunner

from msht_toolkit.assessment.lock import writer_lock
from msht_toolkit.assessment.reading import load_assessment
from msht_toolkit.cli.actions import run_actions
from msht_toolkit.cli.app import app
from msht_toolkit.cli.common import load_banks
from msht_toolkit.cli.walk_ui import PlainUI, RichUI
from msht_toolkit.errors import Interrupted

MINI = Path(__file__).resolve().parents[1] / "e2e" / "data" / "mini-bank.yaml"
FILE = """\
schema: msht-assessment/1
partnership: Midshire Anti-Slavery Partnership
period: 2026/27
assessed_on: 2027-03-14
banks: {mini: "1.0"}
answers:
  MINI-LEAD-01: {value: 0}
  MINI-LEAD-02: {value: "no"}
  MINI-DAT-01: {value: 5}
"""
# ranked: 1 MINI-LEAD-01 (critical, "Name a partnership lead."), 2 MINI-LEAD-02


class ScriptedUI:
    """Answers each prompt from a script; records what was shown and asked."""

    plain = True

    def __init__(self, *script: Any) -> None:
        self.script = deque(script)
        self.lines: list[str] = []
        self.asked: list[tuple[str, str, Any]] = []
        self.on_ask: Any = None  # called before each answer (to look at the file)

    def _next(self, kind: str, message: str, default: Any = None) -> Any:
        self.asked.append((kind, message, default))
        if self.on_ask:
            self.on_ask(kind, message)
        assert self.script, f"asked more than scripted: {kind} {message!r}"
        item = self.script.popleft()
        if item is KeyboardInterrupt:
            raise KeyboardInterrupt
        return item

    def say(self, text: str = "", style: str | None = None) -> None:
        self.lines.append(text)

    def heading(self, text: str) -> None:
        self.lines.append(text)

    def choose(self, message: str, picks: list, default: str | None = None) -> str:
        key = self._next("choose", message, default)
        assert key in {p.key for p in picks}
        return key

    def text(
        self, message: str, default: str = "", validate: Any = None, clearable: bool = False
    ) -> str:
        value = self._next("text", message, default)
        value = default if value == "<default>" else value
        if validate is not None and validate(value) is not None:
            self.lines.append(f"REFUSED {validate(value)}")
            return self.text(message, default, validate, clearable)
        return value

    def confirm(self, message: str, default: bool = True) -> bool:
        return self._next("confirm", message, default)

    def scorecard(self, card: Any) -> None:  # pragma: no cover - not used here
        pass

    @property
    def output(self) -> str:
        return "\n".join(self.lines)


@pytest.fixture
def file(tmp_path: Path) -> Path:
    path = tmp_path / "midshire.msht.yaml"
    path.write_text(FILE, encoding="utf-8")
    path.chmod(0o600)
    return path


def plan_of(path: Path) -> dict:
    return {
        qid: (e.owner, e.due, e.status, e.reason) for qid, e in load_assessment(path).plan.items()
    }


def walk(ui: Any, path: Path, plain: bool = True) -> None:
    run_actions(ui, path, load_banks([MINI], quiet=True), plain)


def test_agree_one_drop_one(file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ui = ScriptedUI(
        "agree", "Midshire Police", "2027-09-30", "drop", "Covered by the regional team"
    )
    walk(ui, file)
    assert plan_of(file) == {
        "MINI-LEAD-01": ("Midshire Police", "2027-09-30", "agreed", None),
        "MINI-LEAD-02": (None, None, "dropped", "Covered by the regional team"),
    }
    out = ui.output
    assert "Recommendation 1 of 2 (rank 1): MINI-LEAD-01" in out
    assert "Rating: 0.0 RED, a critical failure. Answer now: Level 0: No named lead." in out
    assert "Next step (high priority): Name a partnership lead." in out
    assert "Saved MINI-LEAD-01: agreed; owner Midshire Police; due 2027-09-30." in out
    assert "That was the last recommendation." in out
    assert "Of 2 recommendations: 1 agreed, 1 dropped." in capsys.readouterr().out
    assert oct(file.stat().st_mode & 0o777) == "0o600"


def test_each_decision_is_on_disk_before_the_next_screen(file: Path) -> None:
    seen: list[dict] = []
    ui = ScriptedUI("agree", "Midshire Police", "2027-09-30", "defer", "After the restructure")
    ui.on_ask = lambda kind, message: kind == "choose" and seen.append(plan_of(file))
    walk(ui, file)
    assert seen == [{}, {"MINI-LEAD-01": ("Midshire Police", "2027-09-30", "agreed", None)}]


def test_due_date_and_reason_are_validated(file: Path) -> None:
    ui = ScriptedUI(
        "agree", "", "Police", "30/09/2027", "2027-02-30", "2027-09-30", "drop", "  ", "No budget"
    )
    walk(ui, file)
    assert ui.output.count("REFUSED Please type the due date as year-month-day") == 2
    assert "REFUSED Please type who will own this step" in ui.output
    assert "REFUSED Please type the reason" in ui.output
    assert plan_of(file)["MINI-LEAD-02"] == (None, None, "dropped", "No budget")


def test_skip_back_and_change_owner(file: Path) -> None:
    ui = ScriptedUI("back", "skip", "back", "owner", "OPCC", "quit")
    walk(ui, file)
    assert "This is the first recommendation; there is none before it." in ui.output
    # skip went to 2, back to 1, owner changed on 1 then 2 is shown and quit
    assert plan_of(file) == {"MINI-LEAD-01": ("OPCC", None, "proposed", None)}
    # five screens (1, 1, 2, 1, 2), each undecided then, so each offers Agree first
    assert [a[2] for a in ui.asked if a[0] == "choose"] == ["agree"] * 5


def test_quit_keeps_what_was_decided_and_resumes_at_the_next_undecided(
    file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    walk(ScriptedUI("agree", "Midshire Police", "2027-09-30", "quit"), file)
    assert "To carry on, run: msht actions" in capsys.readouterr().out
    again = ScriptedUI("quit")
    walk(again, file)
    assert "Recommendation 2 of 2 (rank 2): MINI-LEAD-02" in again.output
    assert "Recommendation 1 of 2" not in again.output


def test_a_decided_item_offers_skip_and_shows_its_decision(file: Path) -> None:
    walk(ScriptedUI("agree", "Midshire Police", "2027-09-30", "skip"), file)
    ui = ScriptedUI("back", "skip", "skip")
    walk(ui, file)  # starts at 2 (undecided): back to 1
    assert "Decision now: agreed; owner Midshire Police; due 2027-09-30." in ui.output
    defaults = [a[2] for a in ui.asked if a[0] == "choose"]
    assert defaults == ["agree", "skip", "agree"]


def test_agree_offers_the_current_owner_and_due_date(file: Path) -> None:
    walk(ScriptedUI("agree", "Midshire Police", "2027-09-30", "quit"), file)
    ui = ScriptedUI("back", "agree", "<default>", "<default>", "quit")
    walk(ui, file)
    texts = [a for a in ui.asked if a[0] == "text"]
    assert [t[2] for t in texts] == ["Midshire Police", "2027-09-30"]


def test_ctrl_c_saves_and_exits_130(file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ui = ScriptedUI("agree", "Midshire Police", "2027-09-30", "drop", KeyboardInterrupt)
    with pytest.raises(Interrupted) as stopped:
        walk(ui, file)
    assert stopped.value.exit_code == 130
    assert plan_of(file) == {"MINI-LEAD-01": ("Midshire Police", "2027-09-30", "agreed", None)}
    out = capsys.readouterr().out
    assert "Stopped. Every decision so far is saved in" in out
    assert "To carry on, run: msht actions" in out


def test_signed_off_file_says_so_and_a_decision_makes_it_changed(file: Path) -> None:
    assert (
        CliRunner()
        .invoke(
            app, ["sign", str(file), "--by", "J. Arden", "--on", "2027-03-20", "--bank", str(MINI)]
        )
        .exit_code
        == 0
    )
    ui = ScriptedUI("agree", "Midshire Police", "2027-09-30", "quit")
    walk(ui, file)
    assert (
        "Signed off by J. Arden on 2027-03-20. A decision made now will show as a change."
        in ui.output
    )
    result = CliRunner().invoke(app, ["plan", str(file), "--bank", str(MINI)])
    assert "Changed since sign-off on 2027-03-20" in result.stdout


def test_a_second_writer_is_refused(file: Path) -> None:
    from msht_toolkit.errors import FileLockedError

    before = file.read_bytes()
    with writer_lock(file, "msht sign"), pytest.raises(FileLockedError, match="msht sign"):
        walk(ScriptedUI(), file)
    assert file.read_bytes() == before


def test_a_file_changed_by_another_program_is_never_overwritten(file: Path) -> None:
    from msht_toolkit.errors import FileChangedError

    def meddle(kind: str, message: str) -> None:
        if kind == "text" and message.startswith("By when"):
            file.write_text(FILE.replace("value: 5", "value: 6"), encoding="utf-8")

    ui = ScriptedUI("agree", "Midshire Police", "2027-09-30")
    ui.on_ask = meddle
    with pytest.raises(FileChangedError, match="another program"):
        walk(ui, file)
    assert "value: 6" in file.read_text(encoding="utf-8")
    (side,) = file.parent.glob("midshire.msht.unsaved-*.yaml")
    assert "Midshire Police" in side.read_text(encoding="utf-8")  # the decision is kept


def test_command_refusals(tmp_path: Path, file: Path) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["actions", str(tmp_path / "none.msht.yaml")])
    assert missing.exit_code == 2 and "no such assessment file" in missing.stderr
    no_tty = runner.invoke(app, ["actions", str(file), "--bank", str(MINI)])
    assert no_tty.exit_code == 2 and "needs a terminal" in no_tty.stderr
    assert len(no_tty.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------- the plain front end


def test_plain_keys_are_the_letters_shown(file: Path) -> None:
    typed = deque(["a", "Midshire Police", "2027-09-30", "x", "Covered by the regional team"])
    shown: list[str] = []
    ui = PlainUI(read=lambda prompt: (shown.append(prompt), typed.popleft())[1], write=shown.append)
    walk(ui, file)
    screen = "\n".join(shown)
    assert "  a. Agree: name the owner and a due date" in screen
    assert "  x. Drop it, with a reason" in screen
    assert "  q. Quit (every decision so far is saved)" in screen
    assert "Type the letter of your choice and press Enter." in screen
    assert plan_of(file)["MINI-LEAD-02"] == (None, None, "dropped", "Covered by the regional team")


# ---------------------------------------------------------------- the real prompts


@pytest.fixture
def keys() -> Iterator[Any]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def test_questionary_prompts_agree_and_drop(file: Path, keys: Any) -> None:
    buffer = io.StringIO()
    ui = RichUI(Console(file=buffer, width=120, no_color=True, markup=False))
    keys.send_text("a\r" + "Midshire Police\r" + "2027-09-30\r" + "x\r" + "Covered\r")
    walk(ui, file, plain=False)
    assert plan_of(file) == {
        "MINI-LEAD-01": ("Midshire Police", "2027-09-30", "agreed", None),
        "MINI-LEAD-02": (None, None, "dropped", "Covered"),
    }
    assert "Next step (high priority): Name a partnership lead." in buffer.getvalue()
