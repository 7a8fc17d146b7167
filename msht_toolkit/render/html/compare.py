"""``msht compare --format html``: many partnerships for one period, as one page.

A strip per bank (and one for the overall score) with every partnership's score as a dot
numbered as in the table beside it, the middle half of the partnerships (Q1 to Q3)
shaded and the median drawn; with ``--partnership`` one partnership's dot is black and
its score, RAG and quartile are written beside each strip. Then every partnership's
scores per bank, and the distribution per bank.
"""

from __future__ import annotations

from msht_toolkit import vocabulary
from msht_toolkit.analysis.compare import Comparison, Distribution, Entry
from msht_toolkit.render.documents.blocks import Column
from msht_toolkit.render.documents.chart_page import Page, make_table, rated, share
from msht_toolkit.render.html import svg_charts as svg
from msht_toolkit.scoring.scorer import UNRATED

QUARTILE_WORDS = {
    4: "top quarter",
    3: "above the median",
    2: "below the median",
    1: "bottom quarter",
}
BANKS_PER_TABLE = 4  # score columns per table, so each stays readable on A4


def _score_text(score: float | None, rag: str, quartile: int | None = None) -> str:
    """``62.5 AMBER Q3``; ``UNRATED``."""
    text = vocabulary.rating(score, rag)
    return f"{text} Q{quartile}" if quartile is not None and score is not None else text


def _name(entry: Entry) -> str:
    return entry.partnership or entry.file


def _quartile_note(quartile: int | None) -> str:
    return f"Q{quartile}, {QUARTILE_WORDS[quartile]}" if quartile else ""


def compare_chart(c: Comparison, highlight: int | None) -> str:
    """The strips: index ``highlight`` (1-based, as in the tables) marked, or none."""
    marked = c.entries[highlight - 1] if highlight else None

    def strip(label: str, dist: Distribution, bank_id: str | None, strong: bool) -> svg.Strip:
        points = []
        for i, entry in enumerate(c.entries, 1):
            if bank_id is None:
                score, rag = entry.score, entry.rag
            else:
                rating = entry.bank(bank_id)
                score, rag = (rating.score, rating.rag) if rating else (None, UNRATED)
            points.append(svg.StripPoint(i, _name(entry), score, rag))
        note = ""
        if marked is not None:
            median = f"median {vocabulary.score(dist.median)}"
            note = _quartile_note(c.quartile(marked, bank_id)) or median
        return svg.Strip(label, points, dist.q1, dist.median, dist.q3, note=note, strong=strong)

    strips = [strip("Overall", c.overall, None, True)]
    strips += [strip(b.title, c.per_bank[b.id], b.id, False) for b in c.banks]
    who = f"{_name(marked)} among " if marked is not None else ""
    return svg.strip_chart(
        strips,
        highlight=highlight,
        highlight_label=_name(marked) if marked is not None else "",
        title=f"{who}{len(c.entries)} partnerships, {c.period or 'no period'}: "
        "overall and per bank",
        desc=(
            "For the overall score and each bank, every partnership's score from 0 to 100 "
            "as a dot numbered as in the table, the middle half of the partnerships (first "
            "to third quartile) shaded and the median drawn, against the AMBER (40) and "
            "GREEN (75) thresholds"
            + (f"; {_name(marked)} is the black dot." if marked is not None else ".")
        ),
    )


def compare_html(c: Comparison, highlight: int | None = None) -> str:
    """The page; ``highlight`` is a 1-based index into ``c.entries``, or None."""
    page = _opening(c, highlight)
    _strips(page, c, highlight)
    _bank_tables(page, c)
    from msht_toolkit.render.html.measures_sections import compare_section

    names = [_name(e) + (" (marked)" if i == highlight else "") for i, e in enumerate(c.entries, 1)]
    compare_section(page, c, names)
    _distribution(page, c)
    return page.html()


def _opening(c: Comparison, highlight: int | None) -> Page:
    """The title, the facts, the warnings and, for a marked partnership, where it stands."""
    period = c.period or "(no period)"
    marked = c.entries[highlight - 1] if highlight else None
    n = len(c.entries)
    if marked is not None:
        title = f"{_name(marked)} among {n} partnerships: {period}"
    else:
        title = f"{n} partnership{'s' if n != 1 else ''} compared: {period}"
    page = Page(title=title, subtitle="Self-assessment scores side by side, one period.")
    page.facts.append(("Period", period))
    page.facts.append(("Partnerships", str(n)))
    if c.excluded:
        page.facts.append(
            ("Left out (other periods)", "; ".join(f"{e.file} ({e.period})" for e in c.excluded))
        )
    if c.skipped:
        page.facts.append(("Unreadable, left out", "; ".join(s.file for s in c.skipped)))
    for warning in c.warnings:
        page.warning(warning)
    if marked is not None:
        q = c.quartile(marked)
        text = (
            f"{_name(marked)}: overall {_score_text(marked.score, marked.rag)}"
            + (f", {QUARTILE_WORDS[q]} of the partnerships (Q{q})" if q else "")
            + f"; the median partnership scores {vocabulary.score(c.overall.median)}."
        )
        page.paragraph(text)
    return page


def _strips(page: Page, c: Comparison, highlight: int | None) -> None:
    """Where each partnership stands: the chart with its table."""
    page.heading("Where each partnership stands", "strips")
    columns = [Column("#", 8, "r"), Column("Partnership", 52), Column("Overall", 40)]
    rows = []
    for i, entry in enumerate(c.entries, 1):
        name = _name(entry) + (" (marked)" if i == highlight else "")
        overall = _score_text(entry.score, entry.rag, c.quartile(entry))
        if entry.provisional and entry.score is not None:
            overall += " (provisional)"
        rows.append([str(i), name, rated(overall, entry.rag if entry.score is not None else None)])
    page.figure(compare_chart(c, highlight), make_table(columns, rows, "The partnerships"))
    page.note("Q4 is the top quarter of the partnerships for that score, Q1 the bottom.")


def _bank_tables(page: Page, c: Comparison) -> None:
    """Scores by bank, in tables of at most BANKS_PER_TABLE columns."""
    page.heading("Scores by bank", "banks")
    scores: list[tuple[str, str | None]] = [("Overall", None)] + [(b.title, b.id) for b in c.banks]
    chunks = [scores[i : i + BANKS_PER_TABLE] for i in range(0, len(scores), BANKS_PER_TABLE)]
    for part, chunk in enumerate(chunks, 1):
        width = share(32, BANKS_PER_TABLE)
        columns = [
            Column("#", 5, "r"),
            Column("Partnership", 27),
            *(Column(title, width) for title, _ in chunk),
        ]
        rows = []
        for i, entry in enumerate(c.entries, 1):
            cells = []
            for _, bank_id in chunk:
                if bank_id is None:
                    score, rag = entry.score, entry.rag
                else:
                    r = entry.bank(bank_id)
                    score, rag = (r.score, r.rag) if r else (None, UNRATED)
                cells.append(rated(_score_text(score, rag, c.quartile(entry, bank_id)), rag))
            rows.append([str(i), _name(entry), *cells])
        caption = "Score, RAG and quartile"
        if len(chunks) > 1:
            caption += f" ({part} of {len(chunks)})"
        page.table(make_table(columns, rows, caption))


def _distribution(page: Page, c: Comparison) -> None:
    """Partnerships per RAG rating and the quartiles, overall and per bank."""
    page.heading("Distribution", "distribution")
    columns = [
        Column("", 22),
        *(
            Column(h, 7.8, "r")
            for h in ("n", "RED", "AMBER", "GREEN", "UNRATED", "min", "Q1", "median", "Q3", "max")
        ),
    ]
    rows = [_dist_row("Overall", c.overall)]
    rows += [_dist_row(b.title, c.per_bank[b.id]) for b in c.banks]
    page.table(make_table(columns, rows, "Partnerships per RAG rating, and the quartiles"))


def _dist_row(label: str, d: Distribution) -> list[str]:
    return [
        label,
        str(d.n),
        str(d.red),
        str(d.amber),
        str(d.green),
        str(d.unrated),
        *(vocabulary.score(v) for v in (d.min, d.q1, d.median, d.q3, d.max)),
    ]
