"""Walk flows through the shared Walker with a scripted front end, and the plain mode.

``ScriptedUI`` answers each prompt from a script (a pick key for a choice, text for a
text prompt, a bool for a confirm) and fails if the walk asks something unexpected.
"""

from __future__ import annotations

from collections import deque
from typing import Any

import pytest
from bank_builder import make_assessment, make_bank, q

from msht_toolkit.assessment.model import Answer
from msht_toolkit.cli import walk_flow as flow
from msht_toolkit.cli.walk_flow import Walker
from msht_toolkit.cli.walk_ui import PlainUI
from msht_toolkit.walk import prompts as p
from msht_toolkit.walk.prompts import Pick, question_view
from msht_toolkit.walk.session import WalkSession


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


def run(ui, answers=None, start=flow.RESUME, **kw):
    b = bank()
    session = WalkSession(make_assessment(answers or {}, [b]), [b], agency="Midshire Police", **kw)
    saves: list[dict[str, Any]] = []

    def save() -> None:
        saves.append({k: a.value for k, a in session.assessment.answers.items()})

    Walker(ui, session, save).run(start)
    assert not ui.script, f"script not used up: {list(ui.script)}"
    return session, saves


def answer(key, note="", evidence=""):
    return [key, note, evidence]


def test_full_walk_then_review_screen_then_quit():
    ui = ScriptedUI(
        *answer("level:2", "Named leads"),
        *answer("yn:yes"),
        *answer("level:1"),
        *answer("level:3"),
        "quit",
    )
    session, saves = run(ui)
    values = {k: a.value for k, a in session.assessment.answers.items()}
    assert values == {"W-1": 2, "W-2": "yes", "W-3": 1, "W-4": 3}
    assert saves[0] == {"W-1": 2}  # saved as soon as the first level was chosen
    # W-1 twice (its level, then its note), the other answers once each, once on quit
    assert len(saves) == 6
    assert "Review before finishing" in ui.output
    assert "Nothing to review" in ui.output


def test_value_note_and_evidence_are_each_saved_as_soon_as_entered():
    b = bank()
    session = WalkSession(
        make_assessment({"W-1": Answer(value=0, note="Police only", evidence=["ToR v2"])}, [b]),
        [b],
        agency="Midshire County Council",
    )
    saves: list[tuple[object, str | None, list[str], str | None]] = []

    def save() -> None:
        a = session.assessment.answers["W-1"]
        saves.append((a.value, a.note, list(a.evidence), a.by))

    w = Walker(ScriptedUI("level:2", KeyboardInterrupt), session, save)
    with pytest.raises(KeyboardInterrupt):
        w.ask(0, "all")
    # on disk at Ctrl-C: the new level, by the agency answering now, with the note and
    # evidence the answer already had
    assert saves == [(2, "Police only", ["ToR v2"], "Midshire County Council")]

    # Ctrl-C (or kill -9) at the evidence prompt keeps the note just entered
    w = Walker(ScriptedUI("level:3", "Named lead", KeyboardInterrupt), session, save)
    with pytest.raises(KeyboardInterrupt):
        w.ask(0, "all")
    assert saves[1:] == [
        (3, "Police only", ["ToR v2"], "Midshire County Council"),
        (3, "Named lead", ["ToR v2"], "Midshire County Council"),
    ]

    w = Walker(ScriptedUI("level:1", "", "Minutes"), session, save)
    w.ask(0, "all")
    assert saves[3:] == [
        (1, "Named lead", ["ToR v2"], "Midshire County Council"),
        (1, None, ["ToR v2"], "Midshire County Council"),
        (1, None, ["Minutes"], "Midshire County Council"),
    ]


def test_when_false_question_is_skipped_live():
    ui = ScriptedUI(*answer("level:2"), *answer("yn:no"), *answer("level:3"), "quit")
    session, _ = run(ui)
    assert "W-3" not in session.assessment.answers
    assert [m for k, m in ui.asked if k == "choose"][:3] == [
        "What is the answer to W-1?",
        "What is the answer to W-2?",
        "What is the answer to W-4?",
    ]


def test_back_and_change_an_answer_then_carry_on_in_order():
    ui = ScriptedUI(
        *answer("level:2"),
        *answer("yn:yes"),
        p.BACK,  # on W-3: back to W-2
        p.BACK,  # back to W-1
        *answer("level:0", "changed my mind"),  # W-1 again
        *answer("<default>"),  # W-2 shows its answer as default; Enter keeps it
        *answer("level:1"),  # W-3
        *answer("level:1"),  # W-4
        "quit",
    )
    session, _ = run(ui)
    answers = session.assessment.answers
    assert answers["W-1"].value == 0 and answers["W-1"].note == "changed my mind"
    assert answers["W-2"].value == "yes"


def test_back_on_first_question_says_so():
    ui = ScriptedUI(p.BACK, p.MENU, "quit")
    run(ui)
    assert "This is the first question; there is nothing before it." in ui.output


def test_skip_leaves_unanswered_and_review_lists_it_and_jumps_to_it():
    ui = ScriptedUI(
        p.SKIP,
        *answer("yn:no"),
        *answer(p.DONT_KNOW, "ask the council"),
        "go:W-1",  # review screen: jump to the skipped question
        *answer("level:3"),
        "quit",
    )
    session, _ = run(ui)
    assert session.assessment.answers["W-1"].value == 3
    assert "W-1: not answered" in ui.output
    assert "W-4: don't know" in ui.output


def test_resume_starts_at_first_unanswered():
    ui = ScriptedUI(*answer("level:1"), "quit")
    run(ui, {"W-1": 2, "W-2": "no"})
    assert ui.asked[0] == ("choose", "What is the answer to W-4?")
    assert "Resuming at W-4" in ui.output


def test_menu_shows_progress_and_walks_a_section():
    ui = ScriptedUI(p.MENU, "bank:0", "section:1", *answer("level:3"), "quit")
    run(ui, {"W-1": 3})
    menu = [pk.title for pk in ui.picks[1]]
    assert menu[0].startswith("Resume where I left off (W-2")
    assert menu[1] == "Bank walk: 1 of 3 answered, GREEN (provisional)"
    assert "Score now" in menu and "Save and quit" in menu
    sections = [pk.title for pk in ui.picks[2]]
    assert sections[0] == "Section s1: 1 of 2 answered, GREEN (provisional)"
    assert sections[1] == "Section s2: 0 of 1 answered, not rated yet"


def test_menu_change_agency_and_score_now():
    ui = ScriptedUI(
        p.MENU,
        "agency",
        "other",
        "Midshire County Council",
        "score",
        "resume",
        *answer("level:1"),
        "quit",
    )
    session, _ = run(ui, {"W-2": "no", "W-4": 1})
    assert session.assessment.answers["W-1"].by == "Midshire County Council"
    assert "SCORECARD overall" in ui.output


def test_review_marking_shows_on_review_screen():
    ui = ScriptedUI(
        p.REVIEW, "NHS to confirm", *answer("level:2"), p.MENU, "review", "menu", "quit"
    )
    session, _ = run(ui, {"W-2": "no", "W-4": 1})
    assert session.assessment.answers["W-1"].review_reason == "NHS to confirm"
    assert (
        "W-1: marked for review; reason: NHS to confirm; answered by Midshire Police" in ui.output
    )


def test_focus_walk_visits_only_the_focus_list():
    b = bank()
    session = WalkSession(make_assessment({}, [b]), [b], agency="X")
    session.focus = ["W-4"]
    session.focus_label = "the new or changed questions"
    ui = ScriptedUI(*answer("level:2"), "menu", "quit")
    Walker(ui, session, lambda: None).run(flow.FOCUS_WALK)
    assert ui.asked[0] == ("choose", "What is the answer to W-4?")
    assert "That is the end of this walk." in ui.output


def test_profile_participants_and_agency_prompts():
    import datetime as dt

    from msht_toolkit.assessment.model import Assessment

    ui = ScriptedUI(
        "Midshire Anti-Slavery Partnership",
        "Midshire",
        "1,100,000",
        "<default>",
        "<default>",
        "A. Lead",
        "Midshire Police",
        "DCI",
        "B. Nurse",
        "Midshire NHS Trust",
        "",
        "",
        "agency:1",
    )
    a = Assessment()
    flow.ask_profile(ui, a, dt.date(2026, 6, 1))
    flow.ask_participants(ui, a)
    assert (a.partnership, a.area, a.period, a.assessed_on) == (
        "Midshire Anti-Slavery Partnership",
        "Midshire",
        "2026/27",
        "2026-06-01",
    )
    assert a.population == 1_100_000
    assert [(x.name, x.agency, x.role) for x in a.participants] == [
        ("A. Lead", "Midshire Police", "DCI"),
        ("B. Nurse", "Midshire NHS Trust", None),
    ]
    assert flow.ask_agency(ui, a, None) == "Midshire NHS Trust"


def test_default_period_follows_the_uk_financial_year():
    import datetime as dt

    assert flow.default_period(dt.date(2027, 3, 14)) == "2026/27"
    assert flow.default_period(dt.date(2027, 4, 1)) == "2027/28"


def test_last_agency_is_the_most_recent_answer():
    a = make_assessment(
        {
            "W-1": Answer(value=1, by="Police", at="2027-03-14T10:00:00"),
            "W-2": Answer(value="no", by="Council", at="2027-03-14T11:00:00"),
        },
    )
    assert flow.last_agency(a) == "Council"


# ---------------------------------------------------------------- plain front end


def plain(inputs, width: int = 200):
    feed = deque(inputs)
    prompts: list[str] = []
    lines: list[str] = []

    def read(prompt: str) -> str:
        prompts.append(prompt)
        if not feed:
            raise EOFError
        return feed.popleft()

    return PlainUI(read=read, write=lines.append, width=width), prompts, lines


def test_plain_choose_lists_numbers_and_takes_a_number():
    ui, prompts, lines = plain(["7", "x", "2"])
    picks = [Pick("a", "Level 0: Nothing."), Pick("b", "Level 1: Early.")]
    assert ui.choose("What is the answer to W-1?", picks) == "b"
    assert lines[:3] == [
        "What is the answer to W-1?",
        "  1. Level 0: Nothing.",
        "  2. Level 1: Early.",
    ]
    assert lines.count("Please type one of the numbers from 1 to 2.") == 2
    assert prompts[0] == "Type a number from 1 to 2 and press Enter. "


def level_picks() -> list[Pick]:
    b = bank()
    session = WalkSession(make_assessment({}, [b]), [b])
    return question_view(session, 0, "all").picks


def test_plain_levels_are_typed_as_the_same_key_as_the_arrow_key_ui():
    """Typing 2 records Level 2 (not the second choice, Level 1), as the shortcut key does."""
    picks = level_picks()
    for typed, key in (("2", "level:2"), ("0", "level:0"), ("3", "level:3")):
        ui, _, _ = plain([typed])
        assert ui.choose("What is the answer to W-1?", picks) == key


def test_plain_shortcut_labels_letters_in_either_case_and_the_prompt_says_what_to_type():
    picks = level_picks()
    ui, prompts, lines = plain(["9", "z", "H", "m"])
    assert ui.choose("What is the answer to W-1?", picks) == p.HELP
    assert ui.choose("What is the answer to W-1?", picks) == p.MENU
    assert lines[:6] == [  # the number is the level, said once
        "What is the answer to W-1?",
        "  0. Basic first steps: Nothing yet.",
        "  1. Early progress: Early progress.",
        "  2. Substantial progress: Substantial progress.",
        "  3. Mature practice: Mature practice.",
        "  h. Help: what good looks like, and its evidence",
    ]
    assert not any("Level" in line for line in lines[1:5])
    retry = "Please type one of 0, 1, 2, 3, h, d, x, s, b, r or m."
    assert lines.count(retry) == 2  # 9 and z are refused
    assert prompts[0] == "Type the number or letter of your choice and press Enter. "


def test_plain_default_is_named_by_its_key():
    picks = level_picks()
    ui, prompts, _ = plain([""])
    assert ui.choose("What is the answer to W-1?", picks, "level:1") == "level:1"
    assert prompts[0] == (
        "Type the number or letter of your choice and press Enter. "
        "Press Enter alone for choice 1, Early progress. "
    )


def test_plain_falls_back_to_numbers_when_a_pick_has_no_or_a_repeated_shortcut():
    no_key = [Pick("a", "First", "y"), Pick("b", "Second")]
    twice = [Pick("a", "First", "y"), Pick("b", "Second", "Y")]
    for picks in (no_key, twice):
        ui, prompts, lines = plain(["y", "2"])
        assert ui.choose("Which one?", picks) == "b"
        assert lines[1:3] == ["  1. First", "  2. Second"]
        assert prompts[0] == "Type a number from 1 to 2 and press Enter. "
        assert "Please type one of the numbers from 1 to 2." in lines


def test_plain_letters_only_say_letter():
    ui, prompts, _ = plain(["Y"])
    assert ui.choose("Is there a panel?", [Pick("y", "Yes", "y"), Pick("n", "No", "n")]) == "y"
    assert prompts[0] == "Type the letter of your choice and press Enter. "


def test_plain_enter_takes_the_default_and_says_which():
    ui, prompts, _ = plain([""])
    picks = [Pick("a", "Yes"), Pick("b", "No")]
    assert ui.choose("Is there a panel?", picks, "b") == "b"
    assert "Press Enter alone for choice 2, No." in prompts[0]


def test_plain_text_keeps_or_removes_the_default():
    ui, prompts, _ = plain(["", "-", "new"])
    assert ui.text("Type a note.", default="old", clearable=True) == "old"
    assert (
        "The current entry is: old. Press Enter alone to keep it, or type - to remove it."
        in prompts[0]
    )
    assert ui.text("Type a note.", default="old", clearable=True) == ""
    assert ui.text("Type a note.", default="old", clearable=True) == "new"


def test_plain_text_validation_message_then_retry():
    ui, _, lines = plain(["", "Midshire"])
    assert (
        ui.text("What is the name?", validate=lambda s: None if s else "Please type the name.")
        == "Midshire"
    )
    assert lines == ["Please type the name."]


def test_plain_confirm():
    ui, prompts, _ = plain(["", "no", "maybe", "y"])
    assert ui.confirm("Keep?", default=True) is True
    assert ui.confirm("Keep?") is False
    assert ui.confirm("Keep?") is True
    assert prompts[0].endswith("Enter alone means yes. ")


def test_plain_walk_through_the_shared_walker():
    # W-1 level 2 (key 2), note, evidence; W-2 "no" (key N, either case); W-4 N/A (key x);
    # then the review screen (nothing to review, no shortcuts): 1 back to the menu,
    # 2 save and quit
    ui, prompts, lines = plain(["2", "note", "E1; E2", "N", "", "", "x", "", "", "2"])
    b = bank()
    session = WalkSession(make_assessment({}, [b]), [b], agency="Midshire Police")
    Walker(ui, session, lambda: None).run()
    values = {k: a.value for k, a in session.assessment.answers.items()}
    assert values == {"W-1": 2, "W-2": "no", "W-4": "na"}
    assert session.assessment.answers["W-1"].evidence == ["E1", "E2"]
    assert "  2. Substantial progress: Substantial progress." in lines  # the key typed
    assert "  n. No" in lines and "  x. Not applicable" in lines
    assert prompts[0] == "Type the number or letter of your choice and press Enter. "
    assert prompts[-1].startswith("Type a number from 1 to 2 and press Enter.")
    assert all(x.endswith((". ", "? ")) for x in prompts)  # every prompt a sentence
    assert not any("\x1b" in line for line in lines)  # no escape sequences


def test_plain_eof_raises_for_the_command_to_save():
    ui, _, _ = plain([])
    with pytest.raises(EOFError):
        ui.choose("Which?", [Pick("a", "A")])


# ---------------------------------------------------------------- assess.py helpers


def test_carried_walk_only_what_changed_confirms_the_rest_when_asked():
    from msht_toolkit.cli.assess import choose_carried_mode

    b = bank()
    previous = {
        "W-1": Answer(value=3, note="kept"),
        "W-2": Answer(value="no"),
        "W-4": Answer(value=1),
    }
    session = WalkSession(
        make_assessment({}, [b]), [b], agency="Midshire Police", previous=previous
    )
    ui = ScriptedUI("focus", True)
    assert choose_carried_mode(ui, session, ["W-2", "W-4"]) == flow.FOCUS_WALK
    answers = session.assessment.answers
    assert set(answers) == {"W-1"}  # the one outside the focus list, confirmed
    assert answers["W-1"].note == "kept" and answers["W-1"].by == "Midshire Police"
    assert ui.picks[0][1].title == (
        "Only what changed or was RED/AMBER last year (2 questions); "
        "confirm the one other answer as it stands"
    )
    assert ui.asked[1][1].startswith("Confirm last year's answer to the one other question ")
    assert "Confirmed 1 answer from last year." in ui.output


def test_carried_walk_with_nothing_else_to_confirm_does_not_offer_it():
    from msht_toolkit.cli.assess import choose_carried_mode

    b = bank()
    previous = {"W-1": Answer(value=0), "W-4": Answer(value=1)}
    session = WalkSession(make_assessment({}, [b]), [b], previous=previous)
    ui = ScriptedUI("focus")  # no confirm question follows: the script has none
    assert choose_carried_mode(ui, session, ["W-1", "W-4"]) == flow.FOCUS_WALK
    title = ui.picks[0][1].title
    assert title == "Only what changed or was RED/AMBER last year (2 questions)"
    assert "confirm" not in title and "0" not in title
    assert session.assessment.answers == {}


def test_carried_walk_only_what_changed_without_confirming_the_rest():
    from msht_toolkit.cli.assess import choose_carried_mode

    b = bank()
    session = WalkSession(make_assessment({}, [b]), [b], previous={"W-1": Answer(value=3)})
    assert choose_carried_mode(ScriptedUI("focus", False), session, ["W-4"]) == flow.FOCUS_WALK
    assert session.assessment.answers == {}
    assert choose_carried_mode(ScriptedUI("all"), session, ["W-4"]) == flow.RESUME


def test_file_name_suggested_from_the_partnership(tmp_path, monkeypatch):
    import datetime as dt

    from msht_toolkit.assessment.model import Assessment
    from msht_toolkit.cli.assess import ask_file_name

    monkeypatch.chdir(tmp_path)
    a = Assessment(partnership="Midshire Anti-Slavery Partnership", period="2026/27")
    assert (
        str(ask_file_name(ScriptedUI("<default>"), a, dt.date(2027, 3, 1)))
        == "midshire-2026.msht.yaml"
    )
    (tmp_path / "taken.msht.yaml").write_text("x")
    with pytest.raises(AssertionError, match="already exists"):
        ask_file_name(ScriptedUI("taken.msht.yaml"), a, dt.date(2027, 3, 1))


def test_resume_command_quotes_paths():
    from pathlib import Path

    from msht_toolkit.cli.assess import resume_command

    assert resume_command(Path("my file.msht.yaml"), ["mini", "/banks/x y.yaml"], plain=True) == (
        "msht assess 'my file.msht.yaml' --bank mini --bank '/banks/x y.yaml' --plain"
    )


def test_plain_lines_wrap_at_the_terminal_width_on_word_boundaries():
    picks = level_picks()
    long = Pick("z", "A choice whose title is far too long to fit on one narrow line", "z")
    ui, prompts, lines = plain(["z"], width=40)
    assert ui.choose("What is the answer to W-1 in this rather long sentence?", [*picks, long])
    assert all(len(line) <= 39 for line in lines), lines
    words = " ".join(" ".join(lines).split())
    assert "A choice whose title is far too long to fit on one narrow line" in words
    wrapped = [ln for ln in lines if ln.startswith("     ")]  # hanging indent under the text
    assert wrapped and all(not ln.strip()[0].isdigit() for ln in wrapped)
    assert len(prompts[-1]) <= 40  # the prompt typed at is the last wrapped line


def test_plain_does_not_list_the_choices_again_when_asked_again_after_help():
    picks = level_picks()
    ui, _, lines = plain(["h", "2"])
    assert ui.choose("What is the answer to W-1?", picks) == p.HELP
    ui.say("What good looks like: a named lead.")
    assert ui.choose("What is the answer to W-1?", picks) == "level:2"
    assert lines.count("  0. Basic first steps: Nothing yet.") == 1
    assert lines.count("What is the answer to W-1?") == 2
