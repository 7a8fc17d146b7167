"""The interactive walk: menu, one question at a time, the review screen.

``Walker`` drives a ``WalkSession`` through the ``WalkUI`` protocol (``walk.ui``; the
rich and plain front ends are in ``cli/walk_ui.py``), so the walk logic is the same in
both modes. It saves through the ``save`` callback after every change. Ctrl-C
propagates as ``KeyboardInterrupt`` to the command, which saves and prints how to
resume.
"""

from __future__ import annotations

from collections.abc import Callable

from msht_toolkit.analysis.review import DONT_KNOW as REVIEW_DONT_KNOW
from msht_toolkit.analysis.review import MARKED as REVIEW_MARKED
from msht_toolkit.analysis.review import UNANSWERED as REVIEW_UNANSWERED
from msht_toolkit.analysis.review import review_items, totals
from msht_toolkit.assessment.values import ValueProblem, allowed_range, describe, normalize
from msht_toolkit.banks.model import NOT_APPLICABLE, UNKNOWN, Bank, Question
from msht_toolkit.scoring.scorer import UNRATED
from msht_toolkit.walk import prompts as p
from msht_toolkit.walk.figures import walk_figures
from msht_toolkit.walk.profile import ask_agency
from msht_toolkit.walk.prompts import Pick, QuestionView, question_view, split_evidence
from msht_toolkit.walk.session import ALL, FOCUS, UNANSWERED, WalkSession
from msht_toolkit.walk.ui import WalkUI

# walker states
RESUME, MENU, FOCUS_WALK, REVIEW, QUIT = "resume", "menu", "focus", "review", "quit"
NEXT = "next"
REVIEW_PAGE = 20


def rag_words(rag: str, provisional: bool) -> str:
    if rag == UNRATED:
        return "not rated yet"
    return f"{rag} (provisional)" if provisional else rag


def item_title(item_kinds: tuple[str, ...], qid: str, text: str, width: int = 60) -> str:
    short = text if len(text) <= width else text[: width - 1].rstrip() + "…"
    return f"Go to {qid} ({', '.join(item_kinds)}): {short}"


class Walker:
    def __init__(self, ui: WalkUI, session: WalkSession, save: Callable[[], None]) -> None:
        self.ui = ui
        self.session = session
        self.save = save
        self._introduced: set[str] = set()

    # ------------------------------------------------------------ top level

    def run(self, start: str = RESUME) -> None:
        """Walk until the user saves and quits (Ctrl-C raises to the caller)."""
        state = start
        while state != QUIT:
            if state == RESUME:
                state = self.resume()
            elif state == FOCUS_WALK:
                first = self.session.first(FOCUS)
                if first is None:
                    self.ui.say("There is nothing left in that list to walk.")
                    state = MENU
                else:
                    state = self.walk(first, FOCUS)
            elif state == REVIEW:
                state = self.review_screen()
            else:
                state = self.menu()
        self.save()

    def resume(self) -> str:
        index = self.session.first_unanswered()
        if index is None:
            self.ui.say("Every question that applies has an answer.")
            return REVIEW
        answered, shown = self.session.counts()
        stop = self.session.stop(index)
        if answered:
            self.ui.say(
                f"Resuming at {stop.qid} in {stop.bank.title}: {answered} of {shown} "
                "questions answered so far."
            )
        return self.walk(index, UNANSWERED)

    # ------------------------------------------------------------ walking

    def walk(self, index: int | None, mode: str) -> str:
        """Ask questions from ``index`` on; returns the next state (menu or review)."""
        back_from: int | None = None
        while index is not None:
            outcome = self.ask(index, mode)
            if outcome == p.MENU:
                return MENU
            if outcome == p.BACK:
                previous = self.session.prev_stop(index, mode)
                if previous is None:
                    self.ui.say("This is the first question; there is nothing before it.")
                    continue
                back_from = index if back_from is None else max(back_from, index)
                index = previous
                continue
            if back_from is not None and index < back_from:
                # after going back, walk forward one by one to where we were
                index = self.session.next_stop(index, FOCUS if mode == FOCUS else ALL)
                if index is None or index >= back_from:
                    back_from = None
            else:
                index = self.session.next_stop(index, mode)
        self.ui.say("That is the end of this walk.")
        return REVIEW

    def intro(self, bank: Bank) -> None:
        if bank.id in self._introduced:
            return
        self._introduced.add(bank.id)
        self.ui.heading(f"{bank.title} (bank {bank.id}, version {bank.version})")
        if bank.description:
            self.ui.say(" ".join(bank.description.split()))

    def show(self, view: QuestionView) -> None:
        ui = self.ui
        ui.say()
        ui.say(f"{view.where}. {view.counter}, {view.qid}.", style="bold")
        for flag in view.flags:
            ui.say(flag, style="yellow")
        ui.say(view.text, style="bold")
        for line in view.current:
            ui.say(line)
        for line in view.previous:
            ui.say(line, style="cyan")

    def ask(self, index: int, mode: str) -> str:
        """One question: returns NEXT, BACK or MENU."""
        session = self.session
        stop = session.stop(index)
        question = stop.question
        self.intro(stop.bank)
        view = question_view(session, index, mode)
        self.show(view)
        while True:
            key = self.ui.choose(f"What is the answer to {question.id}?", view.picks, view.default)
            if key == p.HELP:
                self.ui.say()
                for line in view.help:
                    self.ui.say(line)
                self.ui.pause("Press any key to go back to the question.")
                self.show(view)  # the question again, right above its choices
                continue
            if key == p.SKIP:
                return NEXT
            if key in (p.BACK, p.MENU):
                return key
            if key == p.REVIEW:
                reason = self.ui.text(
                    f"Why should {question.id} be reviewed? Type a reason, or press Enter "
                    "alone to give none."
                )
                session.mark_review(question.id, reason.strip() or None)
                self.save()
                self.ui.say(f"{question.id} is marked for review.")
                view = question_view(session, index, mode)
                continue
            if key == p.UNREVIEW:
                session.clear_review(question.id)
                self.save()
                self.ui.say(f"The review mark on {question.id} is cleared.")
                view = question_view(session, index, mode)
                continue
            if key == p.ENTER:
                value: object = self.enter_value(question, view.entry_default)
            elif key == p.DONT_KNOW:
                value = UNKNOWN
            elif key == p.NOT_APPLIC:
                value = NOT_APPLICABLE
            else:
                value = view.values[key]
            # The value is on disk before the note is asked for, the note before the
            # evidence, the evidence before the walk moves on: Ctrl-C, SIGTERM, SIGHUP or
            # kill -9 at a prompt loses only what is being typed at that prompt.
            answer = session.record_value(question.id, value)
            self.save()
            note = self.ui.text(
                "Type a note for this answer and press Enter, or press Enter alone to skip it.",
                default=view.note_default,
                clearable=True,
            )
            note_now = note.strip() or None
            if note_now != answer.note:
                session.annotate(question.id, note_now, answer.evidence)
                self.save()
            evidence = self.ui.text(
                "List any evidence, separating items with semicolons, and press Enter, "
                "or press Enter alone to skip it.",
                default=view.evidence_default,
                clearable=True,
            )
            evidence_now = split_evidence(evidence)
            if evidence_now != answer.evidence:
                session.annotate(question.id, note_now, evidence_now)
                self.save()
            self.ui.say(f"Saved {question.id}: {describe(question, value).rstrip('.')}.")
            return NEXT

    def enter_value(self, question: Question, default: str) -> object:
        def check(raw: str) -> str | None:
            if not raw.strip():
                return "Please type an answer, or go back and choose don't know or skip."
            try:
                normalize(question, raw)
            except ValueProblem:
                if question.type != "number":
                    return "Please type an answer."
                if question.min is not None or question.max is not None:
                    return f"Please type a number {allowed_range(question)}."
                return "Please type a number, for example 12."
            return None

        kind = "answer"
        if question.type == "number":
            kind = "number"
            if question.min is not None or question.max is not None or question.unit:
                kind += f" ({allowed_range(question)})"
        raw = self.ui.text(
            f"Type the {kind} for {question.id} and press Enter.", default=default, validate=check
        )
        return normalize(question, raw)

    # ------------------------------------------------------------ menu

    def menu(self) -> str:
        session = self.session
        a = session.assessment
        progress = session.progress()
        answered, shown = session.counts()
        title = " ".join(x for x in (a.partnership, a.period) if x) or "Assessment"
        self.ui.heading(f"Menu: {title}")
        self.ui.say(
            f"Answering as {session.agency or 'no agency set'}. "
            f"{answered} of {p.count(shown, 'question')} answered, "
            f"in {p.count(len(progress), 'bank')}."
        )
        picks: list[Pick] = []
        first = session.first_unanswered()
        if first is not None:
            stop = session.stop(first)
            verb = "Resume where I left off" if answered else "Start at the first question"
            picks.append(Pick("resume", f"{verb} ({stop.qid}, {stop.bank.title})"))
        for i, bp in enumerate(progress):
            picks.append(
                Pick(
                    f"bank:{i}",
                    f"{bp.bank.title}: {bp.answered} of {bp.applicable} answered, "
                    f"{rag_words(bp.rag, bp.provisional)}",
                )
            )
        if session.focus:
            asked = len(session.asked(session.focus))
            picks.append(
                Pick("focus", f"Walk only {session.focus_label} ({p.count(asked, 'question')})")
            )
        if session.measures:
            recorded = session.figures_recorded()
            picks.append(Pick(p.FIGURES, p.figures_title(recorded, len(session.measures))))
        groups = review_items(a, session.banks)
        count = sum(len(g.items) for g in groups)
        picks.append(Pick("review", f"Review before finishing ({p.count(count, 'item')})"))
        picks.append(
            Pick("agency", f"Change the answering agency (now {session.agency or 'none'})")
        )
        picks.append(Pick("score", "Score now"))
        picks.append(Pick("quit", "Save and quit"))
        key = self.ui.choose("What would you like to do?", picks, picks[0].key)
        if key == "resume":
            return RESUME
        if key == "focus":
            return FOCUS_WALK
        if key == "review":
            return REVIEW
        if key == p.FIGURES:
            self.figures()
            return MENU
        if key == "agency":
            self.change_agency()
            return MENU
        if key == "score":
            self.ui.scorecard(session.scorecard())
            return MENU
        if key == "quit":
            return QUIT
        return self.bank_menu(progress[int(key.split(":", 1)[1])].bank)

    def bank_menu(self, bank: Bank) -> str:
        session = self.session
        progress = next(bp for bp in session.progress() if bp.bank is bank)
        self.ui.heading(f"{bank.title}: sections")
        picks = [
            Pick(
                f"section:{i}",
                f"{sp.section.title}: {sp.answered} of {sp.applicable} answered, "
                f"{rag_words(sp.rag, sp.provisional)}",
            )
            for i, sp in enumerate(progress.sections)
        ]
        picks.append(Pick("menu", "Back to the menu"))
        key = self.ui.choose("Which section do you want to walk?", picks, picks[0].key)
        if key == "menu":
            return MENU
        section = bank.sections[int(key.split(":", 1)[1])]
        first = session.first(ALL, within=section)
        if first is None:
            self.ui.say("No question in this section applies, given the answers so far.")
            return MENU
        return self.walk(first, ALL)

    def change_agency(self) -> None:
        self.session.agency = ask_agency(self.ui, self.session.assessment, self.session.agency)
        self.ui.say(f"Answers are now recorded as given by {self.session.agency}.")

    def figures(self) -> None:
        """The year's performance figures, one measure at a time (``walk.figures``)."""
        walk_figures(self.ui, self.session, self.save)

    # ------------------------------------------------------------ review

    def review_screen(self, page: int = 0) -> str:
        session = self.session
        groups = review_items(session.assessment, session.banks)
        self.ui.heading("Review before finishing")
        if not groups:
            self.ui.say(
                "Nothing to review: every question that applies has an answer, none is "
                "marked for review and none is answered don't know."
            )
        else:
            t = totals(groups)
            self.ui.say(
                f"{t[REVIEW_MARKED]} marked for review, {t[REVIEW_DONT_KNOW]} don't know, "
                f"{t[REVIEW_UNANSWERED]} not answered."
            )
            for group in groups:
                self.ui.say(f"{group.bank.title}:", style="bold")
                for item in group.items:
                    self.ui.say("  " + item_line(item.qid, item.kinds, item.reason, item.by))
        items = [item for group in groups for item in group.items]
        shown = items[page * REVIEW_PAGE : (page + 1) * REVIEW_PAGE]
        picks = [
            Pick(
                f"go:{item.qid}",
                item_title(item.kinds, item.qid, " ".join(item.question.text.split())),
            )
            for item in shown
        ]
        if len(items) > (page + 1) * REVIEW_PAGE:
            picks.append(Pick("more", "Show more review items"))
        picks.append(Pick("menu", "Back to the menu"))
        picks.append(Pick("quit", "Save and quit"))
        key = self.ui.choose("Which item do you want to look at?", picks, picks[0].key)
        if key == "menu":
            return MENU
        if key == "quit":
            return QUIT
        if key == "more":
            return self.review_screen(page + 1)
        index = session.index_of(key.split(":", 1)[1])
        assert index is not None
        outcome = self.ask(index, ALL)
        return MENU if outcome == p.MENU else REVIEW


def item_line(qid: str, kinds: tuple[str, ...], reason: str | None, by: str | None) -> str:
    parts = [f"{qid}: {', '.join(kinds)}"]
    if reason:
        parts.append(f"reason: {reason}")
    if by:
        parts.append(f"answered by {by}")
    return "; ".join(parts)
