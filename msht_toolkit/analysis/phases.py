"""The action plan's priorities spread over phases of the coming 12 months
(``msht plan --phases N``): even runs in rank order, critical failures in phase 1, an
agreed due date placing its item in the phase that holds it.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from msht_toolkit.assessment.model import as_date
from msht_toolkit.errors import UsageError

if TYPE_CHECKING:
    from msht_toolkit.analysis.plan import ActionPlan, PlanItem

DEFAULT_PHASES = 3
MAX_PHASES = 12
HORIZON_MONTHS = 12


@dataclass(frozen=True)
class Phase:
    number: int
    start_month: int
    end_month: int
    start: dt.date | None  # from the assessment date, where it has one
    end: dt.date | None
    items: tuple[PlanItem, ...]

    @property
    def label(self) -> str:
        return f"Phase {self.number}: months {self.start_month}–{self.end_month}"


def phase_bounds(count: int) -> list[tuple[int, int]]:
    """Month windows of ``count`` phases over 12 months: 3 phases are 0–3, 3–6, 6–12."""
    if not 1 <= count <= MAX_PHASES:
        raise UsageError(f"--phases must be a whole number from 1 to {MAX_PHASES}, not {count}")
    if count == 3:
        ends = [3, 6, 12]
    else:
        ends = [round(HORIZON_MONTHS * i / count) for i in range(1, count + 1)]
    starts = [0, *ends[:-1]]
    return list(zip(starts, ends, strict=True))


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus whole months, clamped to the end of a shorter month."""
    total = day.month - 1 + months
    year, month = day.year + total // 12, total % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def even_runs(count: int, items: int) -> list[int]:
    """0-based phase of each of ``items`` ranked items: cut into ``count`` runs as even
    as they can be, the earlier runs one longer."""
    size, extra = divmod(items, count)
    out: list[int] = []
    for phase in range(count):
        out += [phase] * (size + (1 if phase < extra else 0))
    return out


def rank_phases(count: int, items: Sequence[PlanItem]) -> list[int]:
    """0-based phase of each ranked item without a date: even runs in rank order, except
    that every critical failure (ranked first) is in phase 1, and then the others are
    spread evenly over the remaining phases."""
    runs = even_runs(count, len(items))
    critical = sum(1 for i in items if i.critical_failure)
    if count == 1 or critical <= runs.count(0):
        return runs
    return [0] * critical + [p + 1 for p in even_runs(count - 1, len(items) - critical)]


def spread(plan: ActionPlan, count: int = DEFAULT_PHASES) -> ActionPlan:
    """Spread the priorities over ``count`` phases of the next 12 months.

    Priorities without an agreed due date are cut, in rank order, into ``count`` runs as
    even as they can be (so phase 1 holds the top of the ranking), except that every
    critical failure goes in phase 1. A priority with an agreed due date goes in the
    phase whose window holds that date (before the assessment date: the first phase;
    after the last window: the last), where there is an assessment date to count from.
    More phases than priorities are not meaningful: the count is cut to the number of
    priorities, and a note says so.
    """
    priorities = plan.priorities
    bounds = phase_bounds(count)
    notes: list[str] = []
    if priorities and len(priorities) < count:
        notes.append(
            f"{count} phases were asked for but there are only {len(priorities)} "
            f"priorities, so the plan has {len(priorities)} phases."
        )
        count = len(priorities)
        bounds = phase_bounds(count)
    start = as_date(plan.card.assessment.assessed_on)
    ends = [add_months(start, end) for _, end in bounds] if start else []
    slots: list[list[PlanItem]] = [[] for _ in bounds]
    dated = {i.qid for i in priorities if start is not None and as_date(i.due) is not None}
    undated = [i for i in priorities if i.qid not in dated]
    by_rank = dict(zip((i.qid for i in undated), rank_phases(count, undated), strict=True))
    for item in priorities:
        if item.qid in dated:
            due = as_date(item.due)
            assert due is not None and start is not None
            index = next((n for n, end in enumerate(ends) if due <= end), len(ends) - 1)
            if due < start:
                notes.append(f"Priority {item.rank} was due on {item.due}, before this assessment.")
            elif due > ends[-1]:
                notes.append(
                    f"Priority {item.rank} is due on {item.due}, after the last phase ends."
                )
        else:
            index = by_rank[item.qid]
        slots[index].append(item)
    phases = tuple(
        Phase(
            number=n + 1,
            start_month=s,
            end_month=e,
            start=add_months(start, s) if start else None,
            end=ends[n] if start else None,
            items=tuple(sorted(slots[n], key=lambda i: i.rank)),
        )
        for n, (s, e) in enumerate(bounds)
    )
    return dataclasses.replace(plan, phases=phases, notes=tuple(notes))
