"""The walk's "Performance figures" step and the profile's population, through the real
prompts (questionary on prompt_toolkit pipe input) and the plain front end."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import pytest
from bank_builder import make_assessment, make_bank, q
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from msht_toolkit.assessment.model import Assessment, MeasureValue
from msht_toolkit.banks.measures import Measure
from msht_toolkit.cli.common import console
from msht_toolkit.cli.walk_ui import PlainUI, RichUI
from msht_toolkit.walk import profile
from msht_toolkit.walk import prompts as p
from msht_toolkit.walk.flow import MENU, Walker
from msht_toolkit.walk.session import WalkSession

ENTER = "\r"
CLEAR = "\x15"  # Ctrl-U: clear the line

MEASURES = [
    Measure("NRM-REFERRALS", "NRM referrals from the area", "count", "higher", help="Count all."),
    Measure("DTN-SUBMISSIONS", "Duty to Notify submissions", "count", "higher"),
    Measure("STAFF-TRAINED", "Frontline staff trained", "percent", "higher"),
]


@pytest.fixture
def keys() -> Iterator[object]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


def walker(figures=None, last=None, plain_script=None):
    b = make_bank("w", {"s": [q("W-1")]})
    a = make_assessment({}, [b])
    a.measures = dict(figures or {})
    session = WalkSession(a, [b], agency="Midshire Police", measures=MEASURES, last_figures=last)
    saved: list[dict[str, tuple]] = []

    def save() -> None:  # what would be on disk after each save
        saved.append({k: (f.value, f.note, f.source) for k, f in a.measures.items()})

    buffer = io.StringIO()
    if plain_script is None:
        ui = RichUI(console(file=buffer, plain=True, width=80))
    else:
        script = list(plain_script)
        ui = PlainUI(read=lambda prompt: script.pop(0), write=lambda t: buffer.write(t + "\n"))
    return Walker(ui, session, save), a, saved, buffer


def test_two_figures_with_a_note_and_a_skip_each_saved_as_typed(keys):
    w, a, saved, _ = walker()
    keys.send_text("57" + ENTER + "Q4 estimated" + ENTER + "Home Office" + ENTER)
    keys.send_text("12" + ENTER + ENTER + ENTER)  # no note, no source
    keys.send_text(ENTER)  # STAFF-TRAINED skipped
    w.figures()
    assert saved == [
        {"NRM-REFERRALS": (57, None, None)},  # the value on disk before the note is asked
        {"NRM-REFERRALS": (57, "Q4 estimated", None)},
        {"NRM-REFERRALS": (57, "Q4 estimated", "Home Office")},
        {"NRM-REFERRALS": (57, "Q4 estimated", "Home Office"), "DTN-SUBMISSIONS": (12, None, None)},
    ]
    assert "STAFF-TRAINED" not in a.measures


def test_bad_values_are_asked_again_and_nothing_is_saved_until_one_fits(keys):
    w, a, saved, _ = walker()
    keys.send_text("-3" + ENTER + CLEAR + "12.5" + ENTER + CLEAR + "57" + ENTER + ENTER + ENTER)
    keys.send_text(ENTER)
    keys.send_text("120" + ENTER + CLEAR + "44.5" + ENTER + ENTER + ENTER)
    w.figures()
    assert a.measures["NRM-REFERRALS"].value == 57
    assert a.measures["STAFF-TRAINED"].value == 44.5
    assert saved[0] == {"NRM-REFERRALS": (57, None, None)}


def test_last_years_figure_is_shown_but_enter_records_nothing(keys):
    last = {"NRM-REFERRALS": MeasureValue(48, note="Police only")}
    w, a, saved, out = walker(last=last)
    keys.send_text(ENTER * 3)
    w.figures()
    text = out.getvalue()
    assert "Last year: 48" in text and "Note: Police only" in text
    assert "Skipped NRM-REFERRALS." in text
    assert a.measures == {} and saved == []


def test_the_figure_on_file_is_kept_with_enter_and_m_goes_back_to_the_menu(keys):
    w, a, saved, out = walker(figures={"NRM-REFERRALS": MeasureValue(57, note="Q4")})
    keys.send_text(ENTER + ENTER + ENTER)  # 57 kept, its note kept, no source
    keys.send_text("m" + ENTER)
    w.figures()
    assert a.measures == {"NRM-REFERRALS": MeasureValue(57, note="Q4")}
    assert "This year, on file: 57" in out.getvalue()
    assert saved == []  # nothing changed, nothing written
    assert "Performance figure 3 of 3" not in out.getvalue()


def test_m_typed_after_the_pre_filled_figure_goes_back_to_the_menu(keys):
    """The figure on file is in the field: typing m makes "57m", which is the menu (it was
    refused as a figure)."""
    w, a, saved, out = walker(figures={"NRM-REFERRALS": MeasureValue(57, note="Q4")})
    keys.send_text("m" + ENTER)
    keys.close()  # no more keys: a refused "57m" ends the walk instead of waiting
    w.figures()
    assert a.measures == {"NRM-REFERRALS": MeasureValue(57, note="Q4")}
    assert saved == []
    assert "Please type" not in out.getvalue()
    assert "Performance figure 2 of 3" not in out.getvalue()


def test_the_menu_counts_the_figures_recorded(keys, monkeypatch):
    w, _, _, _ = walker(figures={"NRM-REFERRALS": MeasureValue(57)})
    shown = []
    monkeypatch.setattr(
        RichUI, "choose", lambda self, message, picks, default=None: shown.extend(picks) or "quit"
    )
    w.menu()
    titles = [pick.title for pick in shown]
    assert "Performance figures (1 of 3 recorded)" in titles
    assert titles.index("Performance figures (1 of 3 recorded)") < titles.index("Score now")


def test_no_measures_loaded_no_figures_step(keys, monkeypatch):
    w, _, _, _ = walker()
    w.session.measures = []
    shown = []
    monkeypatch.setattr(
        RichUI, "choose", lambda self, message, picks, default=None: shown.extend(picks) or "quit"
    )
    w.menu()
    assert not any(pick.key == p.FIGURES for pick in shown)


def test_choosing_the_step_from_the_menu_walks_it_and_comes_back(monkeypatch):
    w, a, _, out = walker(plain_script=["", "", "", ""])
    picks = []
    monkeypatch.setattr(
        PlainUI, "choose", lambda self, message, ps, default=None: picks.append(ps) or p.FIGURES
    )
    assert w.menu() == MENU
    assert "That is the last performance figure: 0 of 3 recorded." in out.getvalue()
    assert a.measures == {}


def test_plain_figures_typed_refused_and_removed():
    script = ["lots", "-1", "57", "Q4 estimated", "", "", "m"]
    w, a, saved, out = walker(plain_script=script)
    w.figures()
    text = out.getvalue()
    assert "Please type a whole number, 0 or more, for example 12." in text
    assert "Please type a whole number, 0 or more, not -1." in text
    assert a.measures == {"NRM-REFERRALS": MeasureValue(57, note="Q4 estimated")}
    # next time its figure is the default; "-" removes it, with its note
    more = iter(["-", "m"])
    w.ui._read = lambda prompt: next(more)  # type: ignore[attr-defined]
    w.figures()
    assert a.measures == {} and saved[-1] == {}
    assert "Removed this year's figure for NRM-REFERRALS." in out.getvalue()


def test_population_in_the_profile_refused_then_taken(keys):
    a = Assessment()
    keys.send_text("Midshire Anti-Slavery Partnership" + ENTER + "Midshire" + ENTER)
    keys.send_text("a million" + ENTER + CLEAR + "0" + ENTER + CLEAR + "1,100,000" + ENTER)
    keys.send_text(ENTER + ENTER)
    ui = RichUI(console(file=io.StringIO(), plain=True, width=80))
    profile.ask_profile(ui, a, dt.date(2026, 6, 1))
    assert a.population == 1_100_000 and a.period == "2026/27"


def test_population_offered_as_the_default_and_can_be_emptied(keys):
    a = Assessment(partnership="Midshire", area="Midshire", population=1_100_000)
    keys.send_text(ENTER + ENTER + ENTER + ENTER + ENTER)  # every default kept
    ui = RichUI(console(file=io.StringIO(), plain=True, width=80))
    profile.ask_profile(ui, a, dt.date(2026, 6, 1))
    assert a.population == 1_100_000
    keys.send_text(ENTER + ENTER + CLEAR + ENTER + ENTER + ENTER)  # population cleared
    profile.ask_profile(ui, a, dt.date(2026, 6, 1))
    assert a.population is None
