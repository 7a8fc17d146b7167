"""Where the partnership stands in the board report: the chart of the 4P themes and the
banks against the thresholds, and, with last year's assessment, how the scores moved since."""

from __future__ import annotations

from msht_toolkit.banks.model import DEFAULT_AMBER, DEFAULT_GREEN
from msht_toolkit.render.documents.blocks import (
    Bar,
    BarChart,
    BarGroup,
    Block,
    Cell,
    Change,
    ChangeChart,
    Column,
    Heading,
    Table,
    rows,
)
from msht_toolkit.render.documents.report_pieces import rated
from msht_toolkit.render.markdown.plan import THEME_TITLES
from msht_toolkit.scoring.scorer import (
    UNRATED,
    ScoreCard,
)
from msht_toolkit.vocabulary import percent, plural

THEME_AMBER, THEME_GREEN = DEFAULT_AMBER, DEFAULT_GREEN  # themes and overall: fixed


def standing_chart(card: ScoreCard) -> BarChart:
    """The 4P themes and the banks against the AMBER and GREEN thresholds."""
    themes = tuple(Bar(THEME_TITLES.get(t.id, t.id), t.score, t.rag) for t in card.themes)
    banks = tuple(Bar(b.bank.title, b.score, b.rag, b.provisional) for b in card.banks)
    odd = [
        b.bank.title
        for b in card.banks
        if (b.bank.amber, b.bank.green) != (THEME_AMBER, THEME_GREEN)
    ]
    table_rows: list[tuple[str | Cell, ...]] = [
        (THEME_TITLES.get(t.id, t.id), "4P theme", rated(t.score, t.rag)) for t in card.themes
    ]
    table_rows += [
        (
            b.bank.title,
            THEME_TITLES.get(b.bank.theme, b.bank.theme)
            + f" bank, {percent(b.completeness)} answered",
            rated(b.score, b.rag, b.provisional),
        )
        for b in card.banks
    ]
    description = (
        f"Scores out of 100 for each 4P theme and each of the {plural(len(banks), 'bank')}; "
        f"AMBER from {THEME_AMBER:g}, GREEN from {THEME_GREEN:g}."
    )
    if odd:
        description += f" {', '.join(odd)} {'uses' if len(odd) == 1 else 'use'} its own thresholds."
    return BarChart(
        title="Ratings of the 4P themes and the banks",
        description=description,
        groups=(BarGroup("4P themes", themes), BarGroup("Banks", banks)),
        amber=THEME_AMBER,
        green=THEME_GREEN,
        table=Table(
            (Column("Theme or bank", 40), Column("Kind", 36), Column("Rating", 24)),
            rows(table_rows),
        ),
    )


# ---------------------------------------------------------------- since last year


def change_text(old: float | None, new: float | None) -> str:
    """'up 9.3', 'down 2.0', 'no change', 'newly scored': the words the chart prints, from
    the unrounded scores (so the table and the chart always agree)."""
    from msht_toolkit.render.html.svg_charts import change_words

    return change_words(old, new)


def since_last_year(card: ScoreCard, previous: ScoreCard) -> list[Block]:
    """The overall score and each bank's, last year against this year."""
    old_period = previous.assessment.period or "last year"
    new_period = card.assessment.period or "this year"
    changes = [
        Change(
            "Overall",
            previous.overall.score,
            card.overall.score,
            previous.overall.rag,
            card.overall.rag,
            strong=True,
        )
    ]
    for bank in card.banks:
        before = next((b for b in previous.banks if b.bank.id == bank.bank.id), None)
        changes.append(
            Change(
                bank.bank.title,
                before.score if before else None,
                bank.score,
                before.rag if before else UNRATED,
                bank.rag,
            )
        )
    table = Table(
        (
            Column("Overall and banks", 40),
            Column(old_period, 18),
            Column(new_period, 18),
            Column("Change", 24),
        ),
        rows(
            (c.label, rated(c.old, c.old_rag), rated(c.new, c.new_rag), change_text(c.old, c.new))
            for c in changes
        ),
    )
    return [
        Heading(2, f"Since {old_period}", "since"),
        ChangeChart(
            title=f"Scores in {old_period} and {new_period}",
            description=(
                f"The overall score and each bank's score out of 100 in {old_period} "
                f"(last year's assessment) and {new_period}; AMBER from {THEME_AMBER:g}, "
                f"GREEN from {THEME_GREEN:g}."
            ),
            rows=tuple(changes),
            old_label=old_period,
            new_label=new_period,
            amber=THEME_AMBER,
            green=THEME_GREEN,
            table=table,
        ),
    ]


# ---------------------------------------------------------------- critical failures
