"""Performance measures beside the ratings.

Plain functions, no I/O: a file's figures as rows (value and rate per 100,000), the
year-on-year change of each and the flags where a rating and its outcome disagree, the
figures over several years, and each partnership's quartile among many.

Rules
-----
- Rows: every loaded measure recorded in the file (a figure with only a note counts) or
  linked to a bank in the file's scope, in the measures files' order; ``value`` None
  where not recorded; ``per_100k`` = value x 100,000 / population, one decimal, None
  where the measure is not ``per_population`` or the file has no population.
- Change: ``change_pct`` = (new - old) / old x 100 on the values (not the rates), None
  where the old value is 0 or either value is missing.
- Diff flags, for a measure linked to a bank and with a direction (``better`` higher or
  lower): ``rating-up-outcome-down`` when the bank's score rose by 5 points or more while
  the measure moved the wrong way by 20% or more of its old value;
  ``rating-down-outcome-up`` when the score fell by 5 points or more while the measure
  moved the right way by 20% or more. Both are decided on the changes rounded to one
  decimal, as shown. No flag where the old value is 0, a value is missing or a bank
  score is null.
- Quartiles among partnerships: on ``per_100k`` where the measure is ``per_population``,
  else on the value, computed like score quartiles (``compare.distribution``); for
  ``better: lower`` the order is reversed, so 4 is always the best quarter.
  ``green-but-bottom-quartile``: the linked bank is GREEN and the measure is in quartile
  1 among at least 4 partnerships with a figure (measures with a direction only).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from msht_toolkit import vocabulary
from msht_toolkit.assessment.model import Assessment
from msht_toolkit.banks.measures import Measure, per_100k

RISE_POINTS = 5.0  # a bank score change this large, in points, counts
MOVE_PCT = 20.0  # a measure change this large, in percent of its old value, counts
MIN_PARTNERSHIPS = 4  # quartile flags need at least this many partnerships with a figure

UP_DOWN = "rating-up-outcome-down"
DOWN_UP = "rating-down-outcome-up"
GREEN_BOTTOM = "green-but-bottom-quartile"

Number = int | float


@dataclass(frozen=True)
class MeasureRow:
    """One measure in one file: its figure and rate."""

    measure: Measure
    value: Number | None
    per_100k: float | None
    note: str | None = None
    source: str | None = None

    @property
    def id(self) -> str:
        return self.measure.id


def measure_rows(
    assessment: Assessment, measures: Mapping[str, Measure], bank_ids: Iterable[str]
) -> tuple[MeasureRow, ...]:
    """The file's measures (see the rules above)."""
    scope = set(bank_ids)
    rows = []
    for measure in measures.values():
        figure = assessment.measures.get(measure.id)
        if figure is None and (measure.bank is None or measure.bank not in scope):
            continue
        value = figure.value if figure is not None else None
        rows.append(
            MeasureRow(
                measure,
                value,
                per_100k(measure, value, assessment.population),
                figure.note if figure is not None else None,
                figure.source if figure is not None else None,
            )
        )
    return tuple(rows)


def row_json(row: MeasureRow) -> dict[str, object]:
    """A row as ``score --json`` lists it."""
    m = row.measure
    return {
        "id": m.id,
        "title": m.title,
        "unit": m.unit,
        "bank": m.bank,
        "value": row.value,
        "per_100k": row.per_100k,
    }


# ---------------------------------------------------------------- year on year


def change_pct(old: Number | None, new: Number | None) -> float | None:
    """(new - old) / old as a percentage; None when old is 0 or a value is missing."""
    if old is None or new is None or old == 0:
        return None
    return (new - old) / old * 100


def round1(value: float | None) -> float | None:
    return None if value is None else round(value + 0.0, 1)


@dataclass(frozen=True)
class MeasureChange:
    measure: Measure
    old: MeasureRow | None
    new: MeasureRow | None

    @property
    def id(self) -> str:
        return self.measure.id

    @property
    def old_value(self) -> Number | None:
        return self.old.value if self.old else None

    @property
    def new_value(self) -> Number | None:
        return self.new.value if self.new else None

    @property
    def change_pct(self) -> float | None:
        return change_pct(self.old_value, self.new_value)


@dataclass(frozen=True)
class OutcomeFlag:
    """A rating and its outcome disagree (year on year, or against other partnerships)."""

    kind: str
    bank: str
    measure: str
    bank_change: float | None = None  # points, one decimal (diff flags)
    measure_change_pct: float | None = None  # percent, one decimal (diff flags)
    partnership: str | None = None  # compare flags
    file: str | None = None  # compare flags
    # the measure's figures, for the words (diff flags; not in the JSON, not compared)
    old_value: Number | None = field(default=None, compare=False)
    new_value: Number | None = field(default=None, compare=False)


def measure_changes(
    old: Sequence[MeasureRow], new: Sequence[MeasureRow]
) -> tuple[MeasureChange, ...]:
    """Each measure listed in either year, in the new year's order then the old's."""
    old_by = {r.id: r for r in old}
    new_by = {r.id: r for r in new}
    ids = list(new_by) + [i for i in old_by if i not in new_by]
    return tuple(
        MeasureChange((new_by.get(i) or old_by[i]).measure, old_by.get(i), new_by.get(i))
        for i in ids
    )


def diff_flags(
    changes: Sequence[MeasureChange],
    old_scores: Mapping[str, float | None],
    new_scores: Mapping[str, float | None],
) -> tuple[OutcomeFlag, ...]:
    """The year-on-year flags (see the rules); scores are bank id -> unrounded score."""
    flags = []
    for change in changes:
        m = change.measure
        pct = round1(change.change_pct)
        if m.bank is None or m.better not in ("higher", "lower") or pct is None:
            continue
        before, after = old_scores.get(m.bank), new_scores.get(m.bank)
        if before is None or after is None:
            continue
        points = round1(after - before)
        assert points is not None
        wrong_way = pct <= -MOVE_PCT if m.better == "higher" else pct >= MOVE_PCT
        right_way = pct >= MOVE_PCT if m.better == "higher" else pct <= -MOVE_PCT
        if points >= RISE_POINTS and wrong_way:
            kind = UP_DOWN
        elif points <= -RISE_POINTS and right_way:
            kind = DOWN_UP
        else:
            continue
        figures = {"old_value": change.old_value, "new_value": change.new_value}
        flags.append(OutcomeFlag(kind, m.bank, m.id, points, pct, **figures))
    return tuple(flags)


def change_json(change: MeasureChange) -> dict[str, object]:
    return {
        "id": change.id,
        "old": change.old_value,
        "new": change.new_value,
        "change_pct": round1(change.change_pct),
    }


def flag_json(flag: OutcomeFlag) -> dict[str, object]:
    if flag.kind == GREEN_BOTTOM:
        return {
            "kind": flag.kind,
            "partnership": flag.partnership,
            "file": flag.file,
            "bank": flag.bank,
            "measure": flag.measure,
        }
    return {
        "kind": flag.kind,
        "bank": flag.bank,
        "measure": flag.measure,
        "bank_change": flag.bank_change,
        "measure_change_pct": flag.measure_change_pct,
    }


def flag_words(flag: OutcomeFlag, bank_title: str, new_rag: str, measure: Measure) -> str:
    """A diff flag in plain words, for a board: "Identification and referral rose 12
    points to GREEN while NRM referrals of potential victims from the area fell 35%:
    check the evidence behind the rating." A percentage's move is in points with both
    figures: "... frontline staff trained ... fell 14 points, from 58% to 44%: ..." """
    assert flag.bank_change is not None and flag.measure_change_pct is not None
    rating = "rose" if flag.bank_change > 0 else "fell"
    moved = "rose" if flag.measure_change_pct > 0 else "fell"
    advice = (
        "check the evidence behind the rating"
        if flag.kind == UP_DOWN
        else "check whether the rating undersells the work"
    )
    points = vocabulary.figure(abs(flag.bank_change))
    moves = f"{vocabulary.figure(abs(flag.measure_change_pct))}%"
    if flag.old_value is not None and flag.new_value is not None:
        moves = vocabulary.percent_points(measure, flag.old_value, flag.new_value) or moves
    return (
        f"{bank_title} {rating} {points} points to {new_rag} while "
        f"{in_sentence(measure.title)} {moved} {moves}: {advice}."
    )


def in_sentence(title: str) -> str:
    """A title inside a sentence: its first letter lower-cased unless the first word is
    an abbreviation ("NRM referrals ..." stays, "Frontline staff ..." becomes "frontline")."""
    first = title.split(" ", 1)[0]
    if len(first) > 1 and first[:2].isupper():
        return title
    return title[:1].lower() + title[1:]


# ---------------------------------------------------------------- over the years


def trend_measures(
    rows_per_period: Sequence[Sequence[MeasureRow]],
) -> list[tuple[Measure, list[Number | None], list[float | None]]]:
    """Each measure listed in any period: its values and rates, one per period."""
    order: dict[str, Measure] = {}
    for rows in rows_per_period:
        for row in rows:
            order.setdefault(row.id, row.measure)
    out = []
    for mid, measure in order.items():
        values: list[Number | None] = []
        rates: list[float | None] = []
        for rows in rows_per_period:
            row = next((r for r in rows if r.id == mid), None)
            values.append(row.value if row else None)
            rates.append(row.per_100k if row else None)
        out.append((measure, values, rates))
    return out


# ---------------------------------------------------------------- among partnerships


def quartile_basis(row: MeasureRow | None) -> float | None:
    """The number a measure is ranked on: its rate where it has one, else its value;
    negated for ``better: lower``, so a higher basis is always better."""
    if row is None:
        return None
    basis = row.per_100k if row.measure.per_population else row.value
    if basis is None:
        return None
    return -float(basis) if row.measure.better == "lower" else float(basis)
