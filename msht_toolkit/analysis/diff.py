"""Year-on-year comparison (``msht diff``): two score cards -> changes.

Pure functions, no I/O. Each assessment is scored against its own bank versions first
(``assessment.check.check_answers`` + ``scoring.score_assessment``); ``diff_scorecards``
then pairs up questions, sections and banks and says how each one moved.

Matching
    Questions are matched by id. A question with no same-id partner on the other side
    is matched through ``replaces``: a question in the newer bank version that lists
    ``replaces: [OLD-ID]`` is compared with OLD-ID in the other file. ``replaces`` is
    followed through every bank version passed in ``lineage`` (so 2025 -> 2027 works
    when 2026 renamed the question), and works whichever side holds the newer version,
    so swapping OLD and NEW swaps the result exactly. When several old ids qualify, the
    first one listed that has a score wins; the others are taken as merged into it and
    are not reported as removed. Sections are matched by (bank id, section id), banks
    by bank id.

Change
    ``improved`` (higher score), ``declined`` (lower), ``unchanged`` (equal), ``added``
    (only the new file has a score), ``removed`` (only the old file has one). Items with
    no score on either side are left out. Scores are compared UNROUNDED, like RAG,
    with a tolerance of ``EPSILON`` points that only absorbs
    floating-point noise (a weighted mean summed in a different order): the same levels
    always give ``unchanged``, and (under the same thresholds) a question that moves up
    a RAG band always has a higher score. A real change smaller than the 0.1 shown on
    output is reported as such ("up less than 0.1 points").

Lists (``LISTS``)
    Each question with a change is shown in exactly one list, in this order: critical
    failures fixed (a critical question RED last time, AMBER or GREEN now), critical
    questions newly failing (RED now, don't know included, and not RED last time), moved
    up / down a RAG band, improved / declined within a band, new, removed. Unchanged
    questions are counted in the summary only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from msht_toolkit.analysis.change import (
    ADDED,
    CHANGES,
    DECLINED,
    IMPROVED,
    REMOVED,
    band_move,
    change_words,
    compare,
)
from msht_toolkit.analysis.matching import (
    bank_order,
    pair_questions,
    question_order,
    replaces_map,
)
from msht_toolkit.analysis.outcomes import (
    MeasureChange,
    OutcomeFlag,
    diff_flags,
    flag_words,
    measure_changes,
)
from msht_toolkit.assessment.model import fold
from msht_toolkit.banks.model import Bank, Question, version_key
from msht_toolkit.scoring.scorer import (
    AMBER,
    GREEN,
    UNRATED,
    BankResult,
    QuestionResult,
    ScoreCard,
    SectionResult,
)

DIFF_SCHEMA = "msht-diff/1"

# Where each question of a diff is listed, in the order the lists are shown.
CRITICAL_FIXED = "critical-fixed"
CRITICAL_FAILING = "critical-failing"
UP_BAND = "up-band"
DOWN_BAND = "down-band"
IMPROVED_WITHIN = "improved-within-band"
DECLINED_WITHIN = "declined-within-band"
NEW_QUESTION = "new"
REMOVED_QUESTION = "removed"
LISTS = (
    (CRITICAL_FIXED, "Critical failures fixed"),
    (CRITICAL_FAILING, "Critical questions newly failing"),
    (UP_BAND, "Moved up a RAG band"),
    (DOWN_BAND, "Moved down a RAG band"),
    (IMPROVED_WITHIN, "Improved within their RAG band"),
    (DECLINED_WITHIN, "Declined within their RAG band"),
    (NEW_QUESTION, "New questions (or not scored last time)"),
    (REMOVED_QUESTION, "Removed questions (or not scored this time)"),
)


_R = TypeVar("_R", QuestionResult, SectionResult, BankResult)


class _Sides(Generic[_R]):
    """What every change shares: its id, and score and RAG on each side (a missing side
    counts as unscored)."""

    old: _R | None
    new: _R | None

    @property
    def old_score(self) -> float | None:
        return self.old.score if self.old is not None else None

    @property
    def new_score(self) -> float | None:
        return self.new.score if self.new is not None else None

    @property
    def old_rag(self) -> str:
        return self.old.rag if self.old is not None else UNRATED

    @property
    def new_rag(self) -> str:
        return self.new.rag if self.new is not None else UNRATED

    @property
    def id(self) -> str:
        return self._either().id

    def _old(self) -> _R:
        assert self.old is not None
        return self.old

    def _either(self) -> _R:
        """The new side, or the old one where the new file has none."""
        return self.new if self.new is not None else self._old()


@dataclass(frozen=True)
class QuestionChange(_Sides[QuestionResult]):
    """One question (or a pair joined by ``replaces``) across the two files."""

    old: QuestionResult | None
    new: QuestionResult | None
    change: str

    @property
    def old_id(self) -> str | None:
        return self.old.id if self.old is not None else None

    @property
    def renamed_from(self) -> str | None:
        """The old id when the pair was matched through ``replaces``."""
        if self.old is not None and self.new is not None and self.old.id != self.new.id:
            return self.old.id
        return None

    @property
    def bank_id(self) -> str:
        return self._either().bank_id

    @property
    def text(self) -> str:
        return self.question.text

    @property
    def question(self) -> Question:
        """The question as the new file asks it (the old one for a removed question)."""
        return self._either().question

    @property
    def critical(self) -> bool:
        return any(r is not None and r.critical for r in (self.old, self.new))

    @property
    def old_failing(self) -> bool:
        """A critical question rated RED (don't know included) in the old file."""
        return self.old is not None and self.old.critical_failure

    @property
    def new_failing(self) -> bool:
        return self.new is not None and self.new.critical_failure

    @property
    def listed_under(self) -> str | None:
        """Which list of the report shows it (see ``LISTS``); None for unchanged ones."""
        if self.old_failing and not self.new_failing and self.new_rag in (AMBER, GREEN):
            return CRITICAL_FIXED
        if self.new_failing and not self.old_failing:
            return CRITICAL_FAILING
        if self.change == ADDED:
            return NEW_QUESTION
        if self.change == REMOVED:
            return REMOVED_QUESTION
        move = band_move(self.old_rag, self.new_rag)
        if move > 0:
            return UP_BAND
        if move < 0:
            return DOWN_BAND
        if self.change == IMPROVED:
            return IMPROVED_WITHIN
        if self.change == DECLINED:
            return DECLINED_WITHIN
        return None


@dataclass(frozen=True)
class SectionChange(_Sides[SectionResult]):
    bank_id: str
    old: SectionResult | None
    new: SectionResult | None
    change: str

    @property
    def title(self) -> str:
        return self._either().section.title


@dataclass(frozen=True)
class BankChange(_Sides[BankResult]):
    old: BankResult | None
    new: BankResult | None
    change: str

    @property
    def title(self) -> str:
        return self._either().bank.title

    @property
    def old_version(self) -> str | None:
        return self.old.bank.version if self.old is not None else None

    @property
    def new_version(self) -> str | None:
        return self.new.bank.version if self.new is not None else None

    @property
    def versions(self) -> str:
        """'2025.1 → 2026.1', or one version when both files used the same."""
        old, new = self.old_version, self.new_version
        if old == new:
            return old or "-"
        return f"{old or '-'} → {new or '-'}"


@dataclass(frozen=True)
class Diff:
    old: ScoreCard
    new: ScoreCard
    questions: tuple[QuestionChange, ...]
    sections: tuple[SectionChange, ...]
    banks: tuple[BankChange, ...]
    warnings: tuple[str, ...]
    measures: tuple[MeasureChange, ...] = ()  # the figures of either year (outcomes.py)
    flags: tuple[OutcomeFlag, ...] = ()  # where a bank's rating and its outcome disagree

    @property
    def headline(self) -> str:
        """'up 9.3 points, AMBER → AMBER'."""
        o, n = self.old.overall, self.new.overall
        return change_words(o.score, n.score, o.rag, n.rag)

    def summary(self) -> dict[str, int]:
        counts = dict.fromkeys(CHANGES, 0)
        for q in self.questions:
            counts[q.change] += 1
        return counts

    def listed(self, which: str) -> list[QuestionChange]:
        return [q for q in self.questions if q.listed_under == which]

    def lists(self) -> Iterator[tuple[str, str, list[QuestionChange]]]:
        """Each report list in order: (key, title, questions)."""
        for key, title in LISTS:
            yield key, title, self.listed(key)

    def recorded_measures(self) -> list[MeasureChange]:
        """The measures with a figure in either year (the others have nothing to show)."""
        return [m for m in self.measures if m.old_value is not None or m.new_value is not None]

    def flag_sentences(self) -> list[str]:
        """Each flag in plain words (``outcomes.flag_words``)."""
        by_id = {m.id: m.measure for m in self.measures}
        out = []
        for flag in self.flags:
            bank = self.new.bank(flag.bank)
            title = bank.bank.title if bank else flag.bank
            rag = bank.rag if bank else UNRATED
            out.append(flag_words(flag, title, rag, by_id[flag.measure]))
        return out

    def labels(self) -> tuple[str, str]:
        """Column labels for the two sides: their periods, told apart if equal or missing."""
        old = self.old.assessment.period or "old"
        new = self.new.assessment.period or "new"
        if old == new:
            return f"old {old}", f"new {new}"
        return old, new


def warnings_for(old: ScoreCard, new: ScoreCard) -> list[str]:
    """What the user should know before trusting the comparison (returned, not printed)."""
    a, b = old.assessment, new.assessment
    out: list[str] = []
    if a.partnership and b.partnership and fold(a.partnership) != fold(b.partnership):
        out.append(
            f"the files are for different partnerships ({a.partnership!r} and "
            f"{b.partnership!r}); comparing them anyway"
        )
    if a.period and b.period:
        if a.period == b.period:
            if a.path != b.path:
                out.append(f"both files are for period {a.period}")
        elif version_key(a.period) > version_key(b.period):
            out.append(
                f"OLD is for {a.period}, later than NEW ({b.period}); "
                "changes are read from OLD to NEW"
            )
    return out


def diff_scorecards(old: ScoreCard, new: ScoreCard, lineage: Iterable[Bank] = ()) -> Diff:
    """Compare two score cards (each scored against its own bank versions).

    ``lineage``: extra bank versions (e.g. every loaded version) whose ``replaces``
    links are followed too, for files more than one version apart.
    """
    old_q = {q.id: q for q in old.questions()}
    new_q = {q.id: q for q in new.questions()}
    banks: list[Bank] = [b.bank for b in old.banks] + [b.bank for b in new.banks] + list(lineage)
    direct = replaces_map(banks)
    pairs, _, _ = pair_questions(old_q, new_q, direct)
    bank_ids = bank_order(old, new)
    questions: list[QuestionChange] = []
    for old_id, new_id in question_order(pairs, old_q, new_q, bank_ids):
        o = old_q[old_id] if old_id is not None else None
        n = new_q[new_id] if new_id is not None else None
        change = compare(o.score if o else None, n.score if n else None)
        if change is not None:
            questions.append(QuestionChange(o, n, change))

    bank_changes: list[BankChange] = []
    section_changes: list[SectionChange] = []
    for bank_id in bank_ids:
        ob, nb = old.bank(bank_id), new.bank(bank_id)
        change = compare(ob.score if ob else None, nb.score if nb else None)
        if change is not None:
            bank_changes.append(BankChange(ob, nb, change))
        old_s = {s.id: s for s in ob.sections} if ob else {}
        new_s = {s.id: s for s in nb.sections} if nb else {}
        section_ids = list(new_s) + [s for s in old_s if s not in new_s]
        for section_id in section_ids:
            os_, ns = old_s.get(section_id), new_s.get(section_id)
            change = compare(os_.score if os_ else None, ns.score if ns else None)
            if change is not None:
                section_changes.append(SectionChange(bank_id, os_, ns, change))
    changes = measure_changes(old.measures, new.measures)

    return Diff(
        old=old,
        new=new,
        questions=tuple(questions),
        sections=tuple(section_changes),
        banks=tuple(bank_changes),
        warnings=tuple(warnings_for(old, new)),
        measures=changes,
        flags=diff_flags(
            changes, {b.id: b.score for b in old.banks}, {b.id: b.score for b in new.banks}
        ),
    )
