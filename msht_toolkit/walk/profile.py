"""The walk's profile questions: the partnership, area, population, period and date;
the people taking part; the agency answering now."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from msht_toolkit.assessment.model import Assessment
from msht_toolkit.assessment.profile import default_period, known_agencies
from msht_toolkit.walk import prompts as p
from msht_toolkit.walk.prompts import Pick
from msht_toolkit.walk.ui import WalkUI


def _required(what: str) -> Callable[[str], str | None]:
    def check(raw: str) -> str | None:
        return None if raw.strip() else f"Please type the {what}."

    return check


def _date(raw: str) -> str | None:
    try:
        dt.date.fromisoformat(raw.strip())
    except ValueError:
        return "Please type a date as year-month-day, for example 2027-03-14."
    return None


def ask_profile(ui: WalkUI, a: Assessment, today: dt.date) -> None:
    a.partnership = ui.text(
        "What is the name of the partnership?", default=a.partnership, validate=_required("name")
    ).strip()
    a.area = (
        ui.text(
            "Which area does the partnership cover? This is optional.", default=a.area or ""
        ).strip()
        or None
    )
    population = ui.text(
        f"How many people live in {a.area or 'the area'}? Type a whole number, or press "
        "Enter alone to leave it empty; it gives rates per 100,000 residents.",
        default="" if a.population is None else str(a.population),
        validate=p.population_problem,
        clearable=True,
    ).strip()
    a.population = int(p.parse_figure(population)) if population else None
    a.period = ui.text(
        "Which reporting period is this, for example 2026/27?",
        default=a.period or default_period(today),
        validate=_required("period"),
    ).strip()
    a.assessed_on = ui.text(
        "On what date is the assessment made? Use year-month-day.",
        default=a.assessed_on or today.isoformat(),
        validate=_date,
    ).strip()


def ask_participants(ui: WalkUI, a: Assessment) -> None:
    from msht_toolkit.assessment.model import Participant

    ui.say("List the people taking part. Press Enter on an empty name when everyone is listed.")
    while True:
        name = ui.text(
            f"What is the name of person {len(a.participants) + 1}?"
        ).strip()
        if not name:
            return
        agency = ui.text(f"Which agency is {name} from?").strip() or None
        role = ui.text(f"What is {name}'s role? This is optional.").strip() or None
        a.participants.append(Participant(name=name, agency=agency, role=role))


def confirm_participants(ui: WalkUI, a: Assessment) -> None:
    """Last year's people, each confirmed or dropped; then anyone new."""
    kept = []
    if a.participants:
        ui.say("Last year these people took part. Confirm who is taking part this year.")
    for person in a.participants:
        # who they are on a line of its own, so the question stays short enough to be
        # asked on one line of an 80-column terminal however long the agency and role
        extra = ", ".join(x for x in (person.agency, person.role) if x)
        ui.say(f"{person.name}: {extra}" if extra else person.name)
        if ui.confirm(f"Is {person.name} taking part this year?", default=True):
            kept.append(person)
    a.participants = kept
    ask_participants(ui, a)


def ask_agency(ui: WalkUI, a: Assessment, current: str | None) -> str:
    agencies = known_agencies(a)
    if current and current not in agencies:
        agencies.insert(0, current)
    if not agencies:
        return ui.text(
            "Which agency is answering now? Answers are recorded as given by it.",
            validate=_required("agency"),
        ).strip()
    picks = [Pick(f"agency:{i}", name) for i, name in enumerate(agencies)]
    picks.append(Pick("other", "Another agency (type its name)"))
    default = f"agency:{agencies.index(current)}" if current in agencies else picks[0].key
    key = ui.choose("Which agency is answering now?", picks, default)
    if key == "other":
        return ui.text(
            "Type the name of the agency answering now.", validate=_required("agency")
        ).strip()
    return agencies[int(key.split(":", 1)[1])]
