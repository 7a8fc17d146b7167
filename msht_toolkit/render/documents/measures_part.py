"""The board report's "Performance figures" part: outcome measures beside the ratings.

Measures in the outputs: each measure's figure this year and last
year (where the report knows last year's assessment), the change, the rates per
100,000 residents, the rating of the bank it evidences, and every flag where a rating
and its outcome disagree, in plain words; then a small chart per measure over every
year the report knows (``MeasureCharts``: panels in HTML, its table in Word and
Markdown).

The flags are ``outcomes.diff_flags`` on last year's and this year's cards, exactly as
``msht diff`` raises them: the change of a measure is on its figures, not its rates
(flagged when it moved by 20% or more of its old value). Where the population changed
between the years the part says so and points the reader to the rates.
"""

from __future__ import annotations

from collections.abc import Sequence

from msht_toolkit.analysis.outcomes import (
    MeasureRow,
    OutcomeFlag,
    change_pct,
    diff_flags,
    flag_words,
    measure_changes,
    trend_measures,
)
from msht_toolkit.banks.measures import Measure
from msht_toolkit.render.documents.blocks import (
    Block,
    Bullets,
    CellValue,
    Column,
    Heading,
    MeasureCharts,
    MeasureSeries,
    Paragraph,
    Table,
    rows,
)
from msht_toolkit.scoring.scorer import UNRATED, ScoreCard
from msht_toolkit.vocabulary import measure_change, measure_value

Number = int | float


def report_flags(card: ScoreCard, previous: ScoreCard) -> tuple[OutcomeFlag, ...]:
    """The year-on-year flags between last year's card and this year's (as ``diff``)."""
    changes = measure_changes(previous.measures, card.measures)
    return diff_flags(
        changes, {b.id: b.score for b in previous.banks}, {b.id: b.score for b in card.banks}
    )


def flag_sentences(
    card: ScoreCard, flags: Sequence[OutcomeFlag], measures: Sequence[Measure]
) -> list[str]:
    """Each flag in plain words, as ``msht diff`` writes it, the bank by its short title."""
    by_id = {m.id: m for m in measures}
    out = []
    for flag in flags:
        bank = card.bank(flag.bank)
        title = short_title(bank.bank.title) if bank else flag.bank
        out.append(flag_words(flag, title, bank.rag if bank else UNRATED, by_id[flag.measure]))
    return out


def short_title(title: str) -> str:
    """A bank's title before its dash: "Pursue - investigating ..." -> "Pursue"."""
    return title.split(" - ", 1)[0]


def change_cell(measure: Measure, old: Number | None, new: Number | None) -> str:
    """ "up 48.4%", "down 14 points (58% to 44%)" for a percentage, "no change", "from 0",
    or "-" where none is defined (``vocabulary.measure_change``)."""
    if measure.unit != "percent" and old == 0 and new is not None:
        return "no change" if new == 0 else "from 0"
    return measure_change(measure, old, new)


def _period(card: ScoreCard, fallback: str) -> str:
    return card.assessment.period or fallback


def _population_words(card: ScoreCard, previous: ScoreCard | None) -> str:
    pop = card.assessment.population
    if not pop:
        return ""
    text = f" Rates are per 100,000 residents (population {pop:,}"
    old = previous.assessment.population if previous else None
    if previous is not None and old and old != pop:
        text += f"; {old:,} in {_period(previous, 'last year')}"
    return text + ")."


def population_note(card: ScoreCard, previous: ScoreCard | None) -> str | None:
    """Where the population changed: the changes compare figures, so read the rates."""
    new = card.assessment.population
    old = previous.assessment.population if previous else None
    if not new or not old or new == old or previous is None:
        return None
    return (
        f"The population {'rose' if new > old else 'fell'} "
        f"{_share(change_pct(old, new))} ({old:,} to {new:,}). Change and the flags "
        "compare the figures themselves, as the toolkit's rule says; where the population "
        "moved, read the rates per 100,000 beside them."
    )


def _share(pct: float | None) -> str:
    shown = abs(round(pct or 0.0, 1))
    return f"{shown:g}%" if shown else "less than 0.1%"


def _figures_table(card: ScoreCard, previous: ScoreCard | None, shown: Sequence[Measure]) -> Table:
    this = {r.id: r for r in card.measures}
    last = {r.id: r for r in (previous.measures if previous else ())}
    rates = any(m.per_population for m in shown) and bool(card.assessment.population)
    old_rates = rates and previous is not None and bool(previous.assessment.population)
    new_p = _period(card, "this year")
    columns = [Column("Measure", 30), Column(new_p, 9, "r")]
    if previous is not None:
        columns += [Column(_period(previous, "last year"), 9, "r"), Column("Change", 10)]
    if rates:
        columns.append(Column(f"Per 100,000, {new_p}", 9, "r"))
    if old_rates:
        assert previous is not None
        columns.append(Column(f"Per 100,000, {_period(previous, 'last year')}", 9, "r"))
    columns += [Column("Bank", 13), Column("Bank's rating", 11)]
    out: list[tuple[CellValue, ...]] = []
    for m in shown:
        row, before = this.get(m.id), last.get(m.id)
        value = row.value if row else None
        cells: list[CellValue] = [m.title, measure_value(m, value)]
        if previous is not None:
            old = before.value if before else None
            cells += [measure_value(m, old), change_cell(m, old, value)]
        if rates:
            cells.append(_rate(row))
        if old_rates:
            cells.append(_rate(before))
        cells += _bank_cells(card, m)
        out.append(tuple(cells))
    return Table(tuple(columns), rows(out))


def _rate(row: MeasureRow | None) -> str:
    return "-" if row is None or row.per_100k is None else f"{row.per_100k:,.1f}"


def _bank_cells(card: ScoreCard, m: Measure) -> list[CellValue]:
    from msht_toolkit.render.documents.report_pieces import rated

    if m.bank is None:
        return ["-", "-"]
    bank = card.bank(m.bank)
    if bank is None:
        return [m.bank, "not assessed"]
    return [short_title(bank.bank.title), rated(bank.score, bank.rag, bank.provisional)]


def _charts(
    years: Sequence[ScoreCard], shown: Sequence[Measure], flagged: set[str]
) -> MeasureCharts | None:
    """A panel per measure over the years; None unless some measure has two figures."""
    series = {m.id: values for m, values, _ in trend_measures([c.measures for c in years])}
    if not any(sum(v is not None for v in series.get(m.id, ())) >= 2 for m in shown):
        return None
    periods = tuple(
        _period(c, "this year" if i == len(years) - 1 else f"year {i + 1}")
        for i, c in enumerate(years)
    )
    table = Table(
        (Column("Measure", 40), *(Column(p, 60 / len(periods), "r") for p in periods)),
        rows(
            (m.title, *(measure_value(m, v) for v in series.get(m.id, [None] * len(periods))))
            for m in shown
        ),
    )
    return MeasureCharts(
        title=f"Performance figures, {periods[0]} to {periods[-1]}",
        description=(
            f"Each measure's figure in each of the {len(periods)} years, on its own scale "
            "from 0 (0 to 100 for a percentage); the latest year is the dark column, "
            '"none" a year with no figure recorded, "check" a measure a flag names.'
        ),
        periods=periods,
        series=tuple(
            MeasureSeries(
                m.title,
                m.unit,
                m.better,
                tuple(series.get(m.id, [None] * len(periods))),
                m.id in flagged,
            )
            for m in shown
        ),
        table=table,
        numbers_above=len(periods) == 2,
    )


def measures_part(card: ScoreCard, earlier: Sequence[ScoreCard] = ()) -> list[Block]:
    """The part; nothing when the file lists no measure (none recorded or linked).

    ``earlier``: the earlier years the report knows, oldest first; the last of them is
    last year."""
    previous = earlier[-1] if earlier else None
    years = [*earlier, card]
    known = trend_measures([c.measures for c in years])
    if not known:
        return []
    shown = [m for m, values, _ in known if any(v is not None for v in values)]
    missing = [m for m, values, _ in known if all(v is None for v in values)]
    out: list[Block] = [Heading(2, "Performance figures", "measures")]
    if not shown:
        names = "; ".join(m.title for m in missing)
        return [
            *out,
            Paragraph(
                f"No performance figure is recorded ({names}); msht assess records them "
                "from its menu."
            ),
        ]
    intro = "This year's outcome figures beside the ratings of the banks they evidence"
    if previous is not None:
        intro += f", with {_period(previous, 'last year')}'s figures and the change"
    intro += "." + _population_words(card, previous) + ' "-": no figure recorded.'
    out += [Paragraph(intro), _figures_table(card, previous, shown)]
    note = population_note(card, previous)
    if note:
        out.append(Paragraph(note))
    flags = report_flags(card, previous) if previous is not None else ()
    if previous is None:
        out.append(
            Paragraph(
                "Last year's figures are not known to this report, so no change or flag is "
                "shown (msht report --from LAST-YEAR.msht.yaml, or a file started with msht "
                "assess --from, gives them)."
            )
        )
    elif flags:
        out.append(
            Paragraph(
                "Where a rating and its outcome disagree (a bank's score moved 5 points or "
                "more one way while a measure of it moved 20% or more of its old value the "
                "other way):"
            )
        )
        out.append(Bullets(tuple(flag_sentences(card, flags, [m for m, _, _ in known]))))
    else:
        out.append(
            Paragraph(
                "No rating and outcome disagree: no bank's score moved 5 points or more one "
                "way while a measure of it moved 20% or more of its old value the other way."
            )
        )
    notes = [f"{r.measure.title}: {r.note}" for r in card.measures if r.note]
    if notes:
        out += [Paragraph("Notes on this year's figures:"), Bullets(tuple(notes))]
    if missing:
        out.append(
            Paragraph(f"Not recorded in any year shown: {'; '.join(m.title for m in missing)}.")
        )
    chart = _charts(years, shown, {f.measure for f in flags})
    if chart is not None:
        out.append(chart)
    return out
