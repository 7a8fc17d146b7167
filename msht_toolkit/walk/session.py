"""Walk state over the banks of one assessment: position, navigation, answers, progress.

The session holds the questions of the banks being walked in order and knows, live,
which of them are shown (a question whose ``when`` is false is skipped; its stored
answer is kept but ignored in scoring). It records answers with the answering agency
and the time, and reports progress per bank and section with the provisional RAG, all
through ``scoring`` so the numbers are the ones ``msht score`` prints.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from msht_toolkit.assessment.model import Answer, Assessment, MeasureValue, now_stamp
from msht_toolkit.banks.measures import Measure
from msht_toolkit.banks.model import Bank, Question, Section
from msht_toolkit.scoring.scorer import (
    EXCLUDED_WHEN,
    BankResult,
    ScoreCard,
    applicability,
    score_assessment,
    score_bank,
)
from msht_toolkit.walk.changes import QuestionChange, is_upgrade_reason

# How the walk moves on from a question.
ALL = "all"  # every shown question, in order
UNANSWERED = "unanswered"  # the next shown question that has no answer
FOCUS = "focus"  # only the questions of a chosen list (changed, weak last year, ...)


@dataclass(frozen=True)
class Stop:
    """One question in the walk, with where it sits."""

    index: int
    bank: Bank
    section: Section
    question: Question

    @property
    def qid(self) -> str:
        return self.question.id


@dataclass(frozen=True)
class SectionProgress:
    section: Section
    answered: int
    applicable: int
    rag: str
    provisional: bool


@dataclass(frozen=True)
class BankProgress:
    bank: Bank
    answered: int
    applicable: int
    rag: str
    provisional: bool
    sections: tuple[SectionProgress, ...]


class WalkSession:
    """The walk over ``banks`` (in order) of ``assessment``, which it updates in place."""

    def __init__(
        self,
        assessment: Assessment,
        banks: Iterable[Bank],
        *,
        agency: str | None = None,
        previous: Mapping[str, Answer] | None = None,
        tags: Mapping[str, QuestionChange] | None = None,
        last_rag: Mapping[str, str] | None = None,
        clock: Callable[[], str] = now_stamp,
        measures: Iterable[Measure] = (),
        last_figures: Mapping[str, MeasureValue] | None = None,
    ) -> None:
        self.assessment = assessment
        self.banks: list[Bank] = list(banks)
        self.agency = agency
        self.previous: dict[str, Answer] = dict(previous or {})
        self.tags: dict[str, QuestionChange] = dict(tags or {})
        self.last_rag: dict[str, str] = dict(last_rag or {})
        self.clock = clock
        self.measures: list[Measure] = list(measures)  # the loaded ones, in file order
        # last year's figures (from --from): shown as context, never recorded as this year's
        self.last_figures: dict[str, MeasureValue] = dict(last_figures or {})
        places = [
            (bank, section, question)
            for bank in self.banks
            for section in bank.sections
            for question in section.questions
        ]
        self.stops: list[Stop] = [Stop(i, *place) for i, place in enumerate(places)]
        self._index: dict[str, int] = {s.qid: s.index for s in self.stops}
        self._reasons: dict[str, dict[str, str | None]] = {}
        self.focus: list[str] = []
        self.focus_label: str = ""

    # ------------------------------------------------------------ lookup

    def index_of(self, qid: str) -> int | None:
        return self._index.get(qid)

    def stop(self, index: int) -> Stop:
        return self.stops[index]

    def answer(self, qid: str) -> Answer | None:
        return self.assessment.answers.get(qid)

    def value(self, qid: str) -> object:
        return self.assessment.value(qid)

    def _bank_reasons(self, bank: Bank) -> dict[str, str | None]:
        reasons = self._reasons.get(bank.id)
        if reasons is None:
            reasons = applicability(bank, self.assessment.answers)
            self._reasons[bank.id] = reasons
        return reasons

    def shown(self, index: int) -> bool:
        """Whether the question is asked: its ``when`` (if any) is true right now."""
        stop = self.stops[index]
        return self._bank_reasons(stop.bank).get(stop.qid) != EXCLUDED_WHEN

    def answered(self, index: int) -> bool:
        answer = self.answer(self.stops[index].qid)
        return answer is not None and answer.answered

    def changed(self) -> None:
        """Forget cached applicability (after any change to the answers)."""
        self._reasons.clear()

    # ------------------------------------------------------------ navigation

    def asked(self, qids: Iterable[str]) -> list[str]:
        """Those of ``qids`` the walk asks as things stand (a false `when` skips one)."""
        return [q for q in qids if (i := self._index.get(q)) is not None and self.shown(i)]

    def _universe(self, mode: str) -> list[int]:
        if mode == FOCUS:
            return [i for i in (self._index.get(q) for q in self.focus) if i is not None]
        return list(range(len(self.stops)))

    def first_unanswered(self) -> int | None:
        """Where to resume: the first shown question without an answer."""
        return next(
            (i for i in range(len(self.stops)) if self.shown(i) and not self.answered(i)), None
        )

    def first(self, mode: str = ALL, within: Section | None = None) -> int | None:
        """The first question of the walk in ``mode`` (optionally of one section)."""
        for i in self._universe(mode):
            if within is not None and self.stops[i].section is not within:
                continue
            if self.shown(i) and (mode != UNANSWERED or not self.answered(i)):
                return i
        return None

    def next_stop(self, index: int, mode: str = ALL) -> int | None:
        """The question after ``index`` in ``mode``, or None at the end of the walk."""
        for i in self._universe(mode):
            if i <= index or not self.shown(i):
                continue
            if mode == UNANSWERED and self.answered(i):
                continue
            return i
        return None

    def prev_stop(self, index: int, mode: str = ALL) -> int | None:
        """The shown question before ``index``, answered or not (to change it)."""
        universe = self._universe(FOCUS if mode == FOCUS else ALL)
        for i in reversed(universe):
            if i < index and self.shown(i):
                return i
        return None

    def counter(self, index: int, mode: str = ALL) -> tuple[int, int]:
        """(position, total) among the shown questions of the bank, or of the focus list."""
        if mode == FOCUS and self.stops[index].qid in self.focus:
            shown = [i for i in self._universe(FOCUS) if self.shown(i)]
        else:
            bank = self.stops[index].bank
            shown = [s.index for s in self.stops if s.bank is bank and self.shown(s.index)]
        if index not in shown:
            return (0, len(shown))
        return (shown.index(index) + 1, len(shown))

    # ------------------------------------------------------------ changes

    def record(
        self,
        qid: str,
        value: object,
        note: str | None = None,
        evidence: Iterable[str] = (),
    ) -> Answer:
        """Store an answer given now by the answering agency (value already normalized)."""
        answer = self.assessment.answer(qid)
        answer.value = value  # type: ignore[assignment]
        answer.note = note or None
        answer.evidence = [e for e in (x.strip() for x in evidence) if e]
        answer.by = self.agency
        answer.at = self.clock()
        if answer.review and is_upgrade_reason(answer.review_reason):
            answer.review = False
            answer.review_reason = None
        self.changed()
        return answer

    def record_value(self, qid: str, value: object) -> Answer:
        """Store a value given now by the answering agency, keeping its note and evidence.

        The walk records the value as soon as it is chosen (and saves), then asks for
        the note and evidence and stores them with ``annotate``.
        """
        answer = self.assessment.answers.get(qid)
        if answer is None:
            return self.record(qid, value)
        return self.record(qid, value, answer.note, list(answer.evidence))

    def annotate(self, qid: str, note: str | None, evidence: Iterable[str] = ()) -> Answer:
        """Set the note and evidence of an answer (its value, agency and time unchanged)."""
        answer = self.assessment.answer(qid)
        answer.note = note or None
        answer.evidence = [e for e in (x.strip() for x in evidence) if e]
        return answer

    def mark_review(self, qid: str, reason: str | None) -> Answer:
        answer = self.assessment.answer(qid)
        answer.review = True
        answer.review_reason = reason or None
        return answer

    def clear_review(self, qid: str) -> None:
        answer = self.assessment.answers.get(qid)
        if answer is None:
            return
        answer.review = False
        answer.review_reason = None
        if not answer.answered and not answer.note and not answer.evidence and not answer.responses:
            del self.assessment.answers[qid]

    def accept_previous(self, qids: Iterable[str]) -> list[str]:
        """Confirm last year's answers for ``qids`` as this year's (by the agency, now)."""
        done = []
        for qid in qids:
            old = self.previous.get(qid)
            index = self._index.get(qid)
            if old is None or not old.answered or index is None or self.answered(index):
                continue
            self.record(qid, old.value, old.note, old.evidence)
            done.append(qid)
        return done

    # ------------------------------------------------------------ progress

    def bank_result(self, bank: Bank) -> BankResult:
        return score_bank(bank, self.assessment.answers)

    def progress(self) -> list[BankProgress]:
        out = []
        for bank in self.banks:
            result = self.bank_result(bank)
            out.append(
                BankProgress(
                    bank=bank,
                    answered=result.answered,
                    applicable=result.applicable,
                    rag=result.rag,
                    provisional=result.provisional,
                    sections=tuple(
                        SectionProgress(s.section, s.answered, s.applicable, s.rag, s.provisional)
                        for s in result.sections
                    ),
                )
            )
        return out

    def scorecard(self, banks: Iterable[Bank] | None = None) -> ScoreCard:
        return score_assessment(self.assessment, list(banks) if banks else self.banks)

    def counts(self) -> tuple[int, int]:
        """(answered, shown) over the whole walk: what 'resume' has left to do."""
        shown = [i for i in range(len(self.stops)) if self.shown(i)]
        return (sum(1 for i in shown if self.answered(i)), len(shown))

    # ------------------------------------------------------------ performance figures

    def figure(self, mid: str) -> MeasureValue | None:
        return self.assessment.measures.get(mid)

    def figures_recorded(self) -> int:
        """How many of the loaded measures have a figure this year."""
        return sum(
            1 for m in self.measures if (f := self.figure(m.id)) is not None and f.value is not None
        )

    def record_figure(self, mid: str, value: int | float | None) -> MeasureValue | None:
        """Set this year's figure (its note and source kept); ``None`` removes the figure
        with its note and source."""
        if value is None:
            self.assessment.measures.pop(mid, None)
            return None
        figure = self.assessment.measures.setdefault(mid, MeasureValue())
        figure.value = value
        return figure

    def annotate_figure(self, mid: str, note: str | None, source: str | None) -> None:
        figure = self.assessment.measures.get(mid)
        if figure is not None:
            figure.note = note or None
            figure.source = source or None
