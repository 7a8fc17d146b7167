"""Terminal rendering: banks, score tables. RAG is always a word; colour is extra.

Built from ``render.terminal.text`` (drawn by rich on a terminal, or laid out the same
way as plain text off one, without importing rich: ``render.terminal.plain``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from msht_toolkit import vocabulary
from msht_toolkit.assessment.signoff import sign_off_line
from msht_toolkit.assessment.values import allowed_range
from msht_toolkit.banks.measures import MeasureFile
from msht_toolkit.banks.model import NOT_APPLICABLE, Bank, QuestionType
from msht_toolkit.render.terminal.text import Table, Text
from msht_toolkit.scoring.scorer import AMBER, GREEN, RED, BankResult, ScoreCard
from msht_toolkit.textsafe import safe_text

if TYPE_CHECKING:
    from rich.console import Console

RAG_STYLE = {RED: "bold red", AMBER: "bold yellow", GREEN: "bold green"}


def rag_text(rag: str, provisional: bool = False) -> Text:
    """The RAG word, coloured where colour is on; '(provisional)' where it applies."""
    text = Text(rag, style=RAG_STYLE.get(rag, "dim"))
    if provisional:
        text.append(" (provisional)", style="italic")
    return text


def titled_table(title: str, columns: Iterable[tuple[str, str]], **column_options: Any) -> Table:
    """A borderless table with a bold header and ``title`` on the left; ``columns`` are
    (name, justify) pairs, each added with ``column_options`` (e.g. ``overflow``)."""
    table = Table(title)
    for name, justify in columns:
        table.add_column(name, justify=justify, **column_options)
    return table


def print_measures(out: Console, mfile: MeasureFile, only: str | None = None) -> None:
    """A measures file (or one measure of it, ``only``), readably: each measure's unit,
    direction, bank and definition."""
    from msht_toolkit.textsafe import safe_text as safe

    out.print(Text(safe(mfile.title or f"Measures {mfile.id}"), style="bold"))
    out.print(safe(f"id {mfile.id}  version {mfile.version}  ({len(mfile.measures)} measures)"))
    if mfile.description and only is None:
        out.print(safe(mfile.description))
    for m in mfile.measures:
        if only is not None and m.id != only:
            continue
        out.print()
        facts = [f"unit: {m.unit}", f"better: {m.better}"]
        if m.per_population:
            facts.append("also per 100,000 residents")
        if m.bank:
            facts.append(f"evidences bank {m.bank}")
        out.print(Text(safe(f"{m.id}  {m.title}"), style="bold"))
        out.print(safe(f"    {'; '.join(facts)}"))
        if m.help:
            out.print(safe(f"    Definition: {m.help}"))


def print_bank(out: Console, bank: Bank) -> None:
    """A bank, readably: sections, questions, descriptors, options, actions."""
    out.print(Text(f"{bank.title}", style="bold"))
    out.print(
        f"id {bank.id}  version {bank.version}  theme {bank.theme}  weight {bank.weight:g}  "
        f"RAG thresholds green {bank.green:g} / amber {bank.amber:g}"
    )
    if bank.description:
        out.print(bank.description)
    for section in bank.sections:
        out.print()
        out.print(Text(f"== {section.title} ({section.id})", style="bold"))
        for q in section.questions:
            out.print()
            flags = [q.type]
            if q.weight != 1:
                flags.append(f"weight {q.weight:g}")
            if q.critical:
                flags.append("CRITICAL")
            out.print(Text(f"{q.id}  {q.text}", style="bold"), Text(f"  [{', '.join(flags)}]"))
            if q.when_text:
                out.print(f"    only when: {q.when_text}")
            for level, descriptor in enumerate(q.levels):
                out.print(f"    {level}  {descriptor}")
            for option in q.options:
                out.print(f"    - {option.id}: {option.label} (score {option.score:g})")
            if q.type == QuestionType.NUMBER and (q.min is not None or q.max is not None or q.unit):
                out.print(f"    Answer: a number {allowed_range(q)}")
            for threshold in q.thresholds:
                out.print(f"    - {threshold.min:g} or more: score {threshold.score:g}")
            if q.help:
                out.print(f"    Good looks like: {q.help}")
            if q.evidence:
                out.print(f"    Evidence: {q.evidence}")
            for action in q.actions:
                below = (
                    f"level below {action.below:g}"
                    if q.type == QuestionType.SCALE
                    else (f"score below {action.below:g}")
                )
                owner = f"; owner: {action.owner}" if action.owner else ""
                out.print(f"    Action ({action.priority}, when {below}{owner}): {action.do}")
            if q.replaces:
                out.print(f"    Replaces: {', '.join(q.replaces)}")
            if q.refs:
                out.print(f"    Refs: {'; '.join(q.refs)}")


def print_measures_table(
    out: Console, card: ScoreCard, last_year: ScoreCard | None = None, flags: Iterable[str] = ()
) -> None:
    """The file's performance figures (this year, last year where known, per 100,000),
    then each flag in words. Nothing when no measure has a figure."""

    rows = [r for r in card.measures if r.value is not None]
    before = {r.id: r for r in (last_year.measures if last_year else ())}
    if not rows and not before:
        return
    table = Table("Performance measures")
    table.add_column("measure")
    table.add_column("this year", justify="right")
    if last_year is not None:
        table.add_column("last year", justify="right")
    for row in card.measures:
        old = before.get(row.id)
        if row.value is None and (old is None or old.value is None):
            continue
        cells = [Text(safe_text(row.measure.title)),
                 Text(vocabulary.measure_value(row.measure, row.value, row.per_100k))]
        if last_year is not None:
            cells.append(
                Text(
                    vocabulary.measure_value(row.measure, old.value, old.per_100k)
                    if old
                    else vocabulary.NO_FIGURE
                )
            )
        table.add_row(*cells)
    out.print()
    out.print(table)
    for sentence in flags:
        line = Text("Check: ", style="bold")
        line.append(safe_text(sentence))
        out.print(line)


def print_scorecard(out: Console, card: ScoreCard, detail: bool = False) -> None:
    """Overall line, theme table, bank table; with ``detail`` section and question tables."""
    _print_overall(out, card)
    _print_themes(out, card)
    _print_banks(out, card)
    if card.assessment.targets:
        print_targets(out, card)
    if not detail:
        return
    for b in card.banks:
        _print_sections(out, b)
        _print_questions(out, b)
    out.print()
    out.print("* critical question")


def _print_overall(out: Console, card: ScoreCard) -> None:
    """The title, the overall line and the sign-off line."""
    a = card.assessment
    o = card.overall
    title = " — ".join(x for x in (a.partnership, a.period) if x)
    if title:
        out.print(Text(title, style="bold"))
    line = Text("Overall: ")
    line.append(vocabulary.score(o.score))
    line.append("  ")
    line.append_text(rag_text(o.rag, o.provisional))
    line.append(
        f"  completeness {vocabulary.percent(o.completeness)} "
        f"({o.answered}/{o.applicable} answered)"
    )
    out.print(line)
    signed = sign_off_line(a)
    if signed:
        out.print(Text(safe_text(signed)))


def _print_themes(out: Console, card: ScoreCard) -> None:
    themes = titled_table(
        "Themes", (("theme", "left"), ("score", "right"), ("RAG", "left"), ("banks", "left"))
    )
    for t in card.themes:
        themes.add_row(t.id, vocabulary.score(t.score), rag_text(t.rag), ", ".join(t.banks))
    out.print()
    out.print(themes)


def _print_banks(out: Console, card: ScoreCard) -> None:
    banks = titled_table(
        "Banks",
        (
            ("bank", "left"),
            ("version", "left"),
            ("theme", "left"),
            ("score", "right"),
            ("RAG", "left"),
            ("complete", "right"),
        ),
    )
    for b in card.banks:
        banks.add_row(
            b.bank.title,
            b.bank.version,
            b.bank.theme,
            vocabulary.score(b.score),
            rag_text(b.rag, b.provisional),
            vocabulary.percent(b.completeness),
        )
    out.print()
    out.print(banks)


def _print_sections(out: Console, b: BankResult) -> None:
    sections = titled_table(
        f"{b.bank.title}: sections",
        (
            ("section", "left"),
            ("score", "right"),
            ("RAG", "left"),
            ("complete", "right"),
            ("capped by", "left"),
        ),
    )
    for s in b.sections:
        sections.add_row(
            s.section.title,
            vocabulary.score(s.score),
            rag_text(s.rag, s.provisional),
            vocabulary.percent(s.completeness),
            s.capped_by or "",
        )
    out.print()
    out.print(sections)


def _print_questions(out: Console, b: BankResult) -> None:
    questions = titled_table(
        f"{b.bank.title}: questions",
        (
            ("id", "left"),
            ("question", "left"),
            ("answer", "left"),
            ("score", "right"),
            ("RAG", "left"),
        ),
        overflow="fold",
    )
    for q in b.questions():
        answer = vocabulary.answer(q.question, q.value if q.applicable else NOT_APPLICABLE)
        mark = " *" if q.critical else ""
        questions.add_row(
            q.id + mark, q.question.text, answer, vocabulary.score(q.score), rag_text(q.rag)
        )
    out.print()
    out.print(questions)


def print_targets(out: Console, card: ScoreCard) -> None:
    """Targets: gap to target and percent of the way, those below target first."""
    from msht_toolkit.analysis.targets import ordered, progress, summarise

    items = progress(card)
    if not items:
        return
    table = titled_table(
        "Targets",
        (
            ("target", "left"),
            ("for", "left"),
            ("aim", "left"),
            ("now", "left"),
            ("gap", "right"),
            ("done", "right"),
            ("by", "left"),
            ("status", "left"),
        ),
        overflow="fold",
    )
    for p in ordered(items):
        # long question texts are cut short here; `msht explain ID` shows them whole
        title = p.title if len(p.title) <= 32 else p.title[:31].rstrip() + "…"
        table.add_row(*p.row(title))
    out.print()
    out.print(table)
    out.print(summarise(items).sentence())
