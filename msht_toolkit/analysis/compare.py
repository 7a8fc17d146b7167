"""Many partnerships' assessments for one period, side by side (``msht compare``).

Each file is loaded, checked against the bank versions it names and scored with one
shared ``BankSet`` (``services.compare_files``). The comparison holds, for each
partnership, its overall and per-bank score and RAG, and where it sits among the others
(its quartile); and for the overall score and each bank, the distribution: how many
partnerships are RED, AMBER, GREEN or UNRATED, and the minimum, quartiles and maximum.

Rules
-----
- Period: the files' most common period (a tie goes to the latest period, by text
  order), unless one is asked for. Files for other periods are left out and listed in
  ``excluded``.
- Quartiles: Q1, median and Q3 are the "inclusive" quartiles (linear interpolation
  between ranks, as ``statistics.quantiles(method="inclusive")``, Excel's QUARTILE.INC
  and numpy's default), of the unrounded scores of the partnerships that have one.
  A partnership's quartile is 4 (top quarter) when its score is at or above Q3, 3 at or
  above the median, 2 at or above Q1, else 1 (bottom quarter). Ties go to the higher
  quartile; a partnership without a score has none (``null``).
- Banks are matched by id; partnerships may have answered different versions (each
  file is scored against its own versions).

JSON (``msht-compare/1``, written by ``render.json.compare``)::

    {"schema": "msht-compare/1",
     "period": "2026/27",
     "banks": [{"id": "identification", "title": "...", "theme": "prepare"}],
     "partnerships": [
        {"partnership": "Midshire Anti-Slavery Partnership", "area": "Midshire",
         "file": "midshire.msht.yaml",
         "overall": {"score": 61.3, "rag": "AMBER", "completeness": 0.95,
                     "provisional": false, "quartile": 3},
         "banks": [{"id": "identification", "version": "2026.1", "score": 70.2,
                    "rag": "AMBER", "quartile": 2}]}],
     "distribution": {
        "overall": {"n": 12, "red": 2, "amber": 7, "green": 3, "unrated": 0,
                    "min": 30.1, "q1": 48.2, "median": 58.0, "q3": 66.4, "max": 81.0},
        "banks": [{"id": "identification", "n": 12, "red": 1, ...}]},
     "excluded": [{"file": "old.msht.yaml", "period": "2025/26"}],
     "skipped": [{"file": "bad.msht.yaml", "problem": "bad.msht.yaml:3:1: ..."}]}

Measures (rules in ``msht_toolkit/analysis/outcomes.py``): each partnership has
``"measures": [{"id", "value", "per_100k", "quartile"}]`` for every measure any
partnership lists (``value`` null where it has none); ``quartile`` is on ``per_100k``
where the measure is per population, else on the value, reversed for ``better: lower``
(4 is always the best quarter), null without a figure. The document also has
``"measures": [{"id", "title", "unit", "per_population", "better", "bank", "n"}]``
(``n``: partnerships with a figure to rank) and ``"flags": [{"kind":
"green-but-bottom-quartile", "partnership", "file", "bank", "measure"}]``, raised only
among at least 4 partnerships with a figure.

``partnerships`` is sorted by partnership name, then file name; each lists every bank
of the comparison (``score`` null, ``rag`` "UNRATED", ``version`` null where the
partnership did not answer that bank). ``n`` counts the partnerships with a score;
``unrated`` those without one (a bank not answered included). Scores are rounded to one
decimal and completeness to three, only on output.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from msht_toolkit.analysis.outcomes import (
    GREEN_BOTTOM,
    MIN_PARTNERSHIPS,
    MeasureRow,
    OutcomeFlag,
    quartile_basis,
)
from msht_toolkit.assessment.model import fold
from msht_toolkit.banks.measures import Measure
from msht_toolkit.errors import NotFoundError, RefusedError
from msht_toolkit.scoring.scorer import AMBER, GREEN, RED, UNRATED, ScoreCard


@dataclass(frozen=True)
class BankRating:
    id: str
    title: str
    theme: str
    version: str
    score: float | None
    rag: str


@dataclass(frozen=True)
class Entry:
    """One partnership's file, reduced to what the comparison needs."""

    file: str
    partnership: str
    area: str | None
    period: str | None
    score: float | None
    rag: str
    completeness: float
    provisional: bool
    banks: tuple[BankRating, ...]
    measures: tuple[MeasureRow, ...] = ()

    def bank(self, bank_id: str) -> BankRating | None:
        return next((b for b in self.banks if b.id == bank_id), None)

    def measure(self, measure_id: str) -> MeasureRow | None:
        return next((m for m in self.measures if m.id == measure_id), None)


@dataclass(frozen=True)
class Skipped:
    file: str
    problem: str  # one line


def entry_from(card: ScoreCard, file: str) -> Entry:
    a = card.assessment
    return Entry(
        file=file,
        partnership=a.partnership,
        area=a.area,
        period=a.period,
        score=card.overall.score,
        rag=card.overall.rag,
        completeness=card.overall.completeness,
        provisional=card.overall.provisional,
        banks=tuple(
            BankRating(b.bank.id, b.bank.title, b.bank.theme, b.bank.version, b.score, b.rag)
            for b in card.banks
        ),
        measures=card.measures,
    )


# ---------------------------------------------------------------- statistics


@dataclass(frozen=True)
class Distribution:
    n: int  # partnerships with a score
    red: int
    amber: int
    green: int
    unrated: int
    min: float | None
    q1: float | None
    median: float | None
    q3: float | None
    max: float | None

    def quartile(self, score: float | None) -> int | None:
        """Where a score sits: 4 top quarter (>= Q3) .. 1 bottom quarter (< Q1)."""
        if score is None or self.q1 is None or self.median is None or self.q3 is None:
            return None
        if score >= self.q3:
            return 4
        if score >= self.median:
            return 3
        if score >= self.q1:
            return 2
        return 1


def distribution(ratings: Sequence[tuple[float | None, str]]) -> Distribution:
    """Counts per RAG and inclusive quartiles of (score, rag) pairs."""
    counts = Counter(rag for _, rag in ratings)
    scores = sorted(s for s, _ in ratings if s is not None)
    if not scores:
        q1 = median = q3 = None
    elif len(scores) == 1:
        q1 = median = q3 = scores[0]
    else:
        q1, median, q3 = statistics.quantiles(scores, n=4, method="inclusive")
    return Distribution(
        n=len(scores),
        red=counts[RED],
        amber=counts[AMBER],
        green=counts[GREEN],
        unrated=len(ratings) - counts[RED] - counts[AMBER] - counts[GREEN],
        min=scores[0] if scores else None,
        q1=q1,
        median=median,
        q3=q3,
        max=scores[-1] if scores else None,
    )


# ---------------------------------------------------------------- the comparison


@dataclass(frozen=True)
class BankInfo:
    id: str
    title: str
    theme: str


@dataclass(frozen=True)
class Comparison:
    period: str | None
    banks: tuple[BankInfo, ...]
    entries: tuple[Entry, ...]  # sorted by partnership, then file
    overall: Distribution
    per_bank: dict[str, Distribution]
    excluded: tuple[Entry, ...]  # files for other periods
    skipped: tuple[Skipped, ...]
    warnings: tuple[str, ...]
    measures: tuple[Measure, ...] = ()  # every measure any partnership lists
    per_measure: dict[str, Distribution] = field(default_factory=dict)  # of quartile_basis
    flags: tuple[OutcomeFlag, ...] = ()

    def measure_quartile(self, entry: Entry, measure_id: str) -> int | None:
        """4 best quarter .. 1 worst, on the rate (else the value), reversed for lower."""
        return self.per_measure[measure_id].quartile(quartile_basis(entry.measure(measure_id)))

    def quartile(self, entry: Entry, bank_id: str | None = None) -> int | None:
        if bank_id is None:
            return self.overall.quartile(entry.score)
        rating = entry.bank(bank_id)
        return self.per_bank[bank_id].quartile(rating.score if rating else None)


def choose_period(entries: Sequence[Entry], period: str | None) -> str | None:
    """The asked-for period, else the most common one (a tie: the latest)."""
    if period is not None:
        return period
    counts = Counter(e.period for e in entries)
    if not counts:
        return None
    top = max(counts.values())
    tied = [p for p, c in counts.items() if c == top]
    return max(tied, key=lambda p: (p is not None, p or ""))


def _period_text(period: str | None) -> str:
    return period if period is not None else "(no period)"


def compare(
    entries: Sequence[Entry],
    period: str | None = None,
    skipped: Sequence[Skipped] = (),
    bank_order: Sequence[str] = (),
) -> Comparison:
    """Compare the entries of one period (see module doc). ``bank_order``: display order."""
    if not entries:
        raise RefusedError("no readable assessments to compare")
    chosen = choose_period(entries, period)
    kept = [e for e in entries if e.period == chosen]
    excluded = [e for e in entries if e.period != chosen]
    warnings: list[str] = []
    if not kept:
        have = ", ".join(sorted({_period_text(e.period) for e in entries}))
        raise NotFoundError(f"no assessments for period {chosen}; the files are for {have}")
    if excluded and period is None:
        others = Counter(_period_text(e.period) for e in excluded)
        listed = ", ".join(f"{p} ({n})" for p, n in sorted(others.items()))
        warnings.append(
            f"the files are for more than one period; comparing {_period_text(chosen)} "
            f"({len(kept)} files) and leaving out {listed} (choose with --period)"
        )
    names = Counter(fold(e.partnership) for e in kept)
    for entry in kept:
        key = fold(entry.partnership)
        if names[key] > 1:
            files = [e.file for e in kept if fold(e.partnership) == key]
            warnings.append(
                f"{len(files)} files for {entry.partnership or '(no partnership name)'!r} "
                f"in {_period_text(chosen)}: {', '.join(files)}; each is listed"
            )
            names[key] = 0
    rank = {bank_id: i for i, bank_id in enumerate(bank_order)}
    infos: dict[str, BankInfo] = {}
    for entry in kept:
        for b in entry.banks:
            infos.setdefault(b.id, BankInfo(b.id, b.title, b.theme))
    banks = tuple(sorted(infos.values(), key=lambda b: (rank.get(b.id, len(rank)), b.id)))
    ordered = tuple(sorted(kept, key=lambda e: (e.partnership.casefold(), e.file)))
    per_bank = {}
    for info in banks:
        pairs = []
        for entry in ordered:
            rating = entry.bank(info.id)
            pairs.append((rating.score, rating.rag) if rating else (None, UNRATED))
        per_bank[info.id] = distribution(pairs)
    measures: dict[str, Measure] = {}
    for entry in ordered:
        for row in entry.measures:
            measures.setdefault(row.id, row.measure)
    per_measure = {
        mid: distribution([(quartile_basis(e.measure(mid)), UNRATED) for e in ordered])
        for mid in measures
    }
    comparison = Comparison(
        period=chosen,
        banks=banks,
        entries=ordered,
        overall=distribution([(e.score, e.rag) for e in ordered]),
        per_bank=per_bank,
        excluded=tuple(excluded),
        skipped=tuple(skipped),
        warnings=tuple(warnings),
        measures=tuple(measures.values()),
        per_measure=per_measure,
    )
    return replace(comparison, flags=tuple(quartile_flags(comparison)))


def quartile_flag_words(c: Comparison, flag: OutcomeFlag) -> str:
    """A ``green-but-bottom-quartile`` flag in plain words, for a board."""
    from msht_toolkit.analysis.outcomes import in_sentence

    info = next((b for b in c.banks if b.id == flag.bank), None)
    measure = next(m for m in c.measures if m.id == flag.measure)
    rate = " per 100,000 residents" if measure.per_population else ""
    return (
        f"{flag.partnership or flag.file}: {info.title if info else flag.bank} is GREEN but "
        f"{in_sentence(measure.title)}{rate} are in the bottom quarter of "
        f"{c.per_measure[measure.id].n} partnerships: check the evidence behind the rating."
    )


def quartile_flags(c: Comparison) -> list[OutcomeFlag]:
    """``green-but-bottom-quartile``: a GREEN bank whose measure is in the bottom quarter
    among at least ``MIN_PARTNERSHIPS`` partnerships with a figure."""
    flags = []
    for entry in c.entries:
        for m in c.measures:
            if m.bank is None or m.better not in ("higher", "lower"):
                continue
            if c.per_measure[m.id].n < MIN_PARTNERSHIPS or c.measure_quartile(entry, m.id) != 1:
                continue
            rating = entry.bank(m.bank)
            if rating is not None and rating.rag == GREEN:
                flags.append(
                    OutcomeFlag(
                        GREEN_BOTTOM, m.bank, m.id, partnership=entry.partnership, file=entry.file
                    )
                )
    return flags
