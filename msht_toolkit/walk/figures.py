"""The walk's "Performance figures" step: this year's figure for each loaded measure.

One measure at a time, in the measures file's order: its definition, last year's figure
as context only, this year's figure (Enter skips, or keeps the one on file), then a
note and a source; each saved through ``save`` as soon as it is typed.
"""

from __future__ import annotations

from collections.abc import Callable

from msht_toolkit.banks.measures import Measure
from msht_toolkit.walk import prompts as p
from msht_toolkit.walk.session import WalkSession
from msht_toolkit.walk.ui import WalkUI


def walk_figures(ui: WalkUI, session: WalkSession, save: Callable[[], None]) -> None:
    """Each loaded measure in turn: this year's figure (Enter skips), then its note
    and source; each saved as soon as it is typed."""
    total = len(session.measures)
    ui.heading("Performance figures")
    ui.say("Type this year's figures; last year's are shown for comparison only.")
    for position, measure in enumerate(session.measures, 1):
        if not figure_screen(ui, session, save, measure, position, total):
            return
    ui.say(
        f"That is the last performance figure: {session.figures_recorded()} of {total} recorded."
    )


def figure_screen(
    ui: WalkUI,
    session: WalkSession,
    save: Callable[[], None],
    measure: Measure,
    position: int,
    total: int,
) -> bool:
    """One figure's screen; False when the user asks for the menu."""
    mid = measure.id
    view = p.figure_view(
        measure, position, total, session.figure(mid), session.last_figures.get(mid)
    )
    ui.say()
    for i, line in enumerate(view.lines):
        ui.say(line, style="bold" if i < 2 else None)
    for line in view.previous:
        ui.say(line, style="cyan")
    for line in view.current:
        ui.say(line)
    ui.say(view.instruction)
    raw = ui.text(
        view.prompt,
        default=view.entry_default,
        validate=lambda raw: p.figure_problem(measure, raw, view.entry_default),
        clearable=True,
    ).strip()
    if p.wants_menu(raw, view.entry_default):
        return False
    value = p.parse_figure(raw) if raw else None
    if value is None and not view.entry_default:
        ui.say(f"Skipped {mid}.")
        return True
    figure = session.figure(mid)
    if figure is None or figure.value != value:  # Enter on the figure on file: kept
        figure = session.record_figure(mid, value)
        save()
    if figure is None:
        ui.say(f"Removed this year's figure for {mid}.")
        return True
    note = ui.text(
        "Type a note for this figure and press Enter, or press Enter alone to skip it.",
        default=view.note_default,
        clearable=True,
    ).strip()
    if (note or None) != figure.note:
        session.annotate_figure(mid, note, figure.source)
        save()
    source = ui.text(
        "Where does the figure come from? Type its source and press Enter, or press "
        "Enter alone to skip it.",
        default=view.source_default,
        clearable=True,
    ).strip()
    if (source or None) != figure.source:
        session.annotate_figure(mid, figure.note, source)
        save()
    shown = "not recorded" if figure.value is None else p.figure_words(measure, figure.value)
    ui.say(f"Saved {mid}: {shown}.")
    return True
