"""``msht diff`` in the terminal (rich): header, bank table, then the lists of changes.

RAG is always written as a word; colour is extra. User text is passed as ``Text`` so
markup in a note or a partnership name is never interpreted.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from msht_toolkit import vocabulary
from msht_toolkit.analysis.change import bank_side, question_side
from msht_toolkit.analysis.diff import Diff, QuestionChange
from msht_toolkit.render.markdown.diff import LIST_NOTES, question_label
from msht_toolkit.render.terminal.tables import RAG_STYLE

if TYPE_CHECKING:
    from rich.console import Console


def rag_words(text: str) -> Text:
    """'61.3 AMBER' with the RAG word coloured where colour is on."""
    out = Text()
    for i, word in enumerate(text.split(" ")):
        if i:
            out.append(" ")
        out.append(word, style=RAG_STYLE.get(word, ""))
    return out


def _table(title: str, columns: list[tuple[str, str]]) -> Table:
    table = Table(title=Text(title), box=None, header_style="bold", title_justify="left")
    for name, justify in columns:
        table.add_column(Text(name), justify=justify, overflow="fold")  # type: ignore[arg-type]
    return table


def print_measure_changes(out: Console, diff: Diff, old_label: str, new_label: str) -> None:
    """Both years' performance figures, and each flag in words."""
    recorded = diff.recorded_measures()
    if not recorded:
        return
    table = _table(
        "Performance measures",
        [("measure", "left"), (old_label, "right"), (new_label, "right"), ("change", "left")],
    )
    for m in recorded:
        table.add_row(
            Text(m.measure.title),
            Text(
                vocabulary.measure_value(m.measure, m.old_value, m.old.per_100k if m.old else None)
            ),
            Text(
                vocabulary.measure_value(m.measure, m.new_value, m.new.per_100k if m.new else None)
            ),
            Text(vocabulary.measure_change(m.measure, m.old_value, m.new_value)),
        )
    out.print()
    out.print(table)
    for sentence in diff.flag_sentences():
        line = Text("Check: ", style="bold")
        line.append(sentence)
        out.print(line)


def print_diff(out: Console, diff: Diff) -> None:
    old_label, new_label = diff.labels()
    _print_heading(out, diff)
    _print_banks(out, diff)
    print_measure_changes(out, diff, old_label, new_label)
    for key, title, questions in diff.lists():
        _print_question_list(out, key, title, questions, old_label, new_label)


def _print_heading(out: Console, diff: Diff) -> None:
    """The title, the overall line, the headline change and the question counts."""
    old_label, new_label = diff.labels()
    o, n = diff.old.overall, diff.new.overall
    partnership = diff.new.assessment.partnership or diff.old.assessment.partnership
    title = f"{partnership}: " if partnership else ""
    out.print(Text(f"{title}{old_label} → {new_label}", style="bold"))
    line = Text("Overall: ")
    line.append_text(rag_words(vocabulary.rating(o.score, o.rag, o.provisional)))
    line.append(f" ({old_label}) → ")
    line.append_text(rag_words(vocabulary.rating(n.score, n.rag, n.provisional)))
    line.append(f" ({new_label})")
    out.print(line)
    out.print(Text(f"Change: {diff.headline}", style="bold"))
    counts = diff.summary()
    out.print("Questions: " + ", ".join(f"{counts[key]} {key}" for key in counts))


def _print_banks(out: Console, diff: Diff) -> None:
    old_label, new_label = diff.labels()
    banks = _table(
        "Banks",
        [
            ("bank", "left"),
            ("versions", "left"),
            (old_label, "left"),
            (new_label, "left"),
            ("change", "left"),
        ],
    )
    for b in diff.banks:
        banks.add_row(
            Text(b.title),
            Text(b.versions),
            rag_words(bank_side(b.old)),
            rag_words(bank_side(b.new)),
            Text(vocabulary.change(b.old_score, b.new_score, b.change)),
        )
    out.print()
    if diff.banks:
        out.print(banks)
    else:
        out.print("No bank has a score in either year.")


def _print_question_list(
    out: Console,
    key: str,
    title: str,
    questions: Sequence[QuestionChange],
    old_label: str,
    new_label: str,
) -> None:
    """One list of questions (improved, slipped, new ...) and its note."""
    out.print()
    if not questions:
        out.print(Text(f"{title}: none", style="bold"))
        return
    table = _table(
        f"{title} ({len(questions)})",
        [
            ("id", "left"),
            ("question", "left"),
            (old_label, "left"),
            (new_label, "left"),
            ("change", "left"),
        ],
    )
    for q in questions:
        table.add_row(
            Text(question_label(q)),
            Text(q.text),
            rag_words(question_side(q.old)),
            rag_words(question_side(q.new)),
            Text(vocabulary.change(q.old_score, q.new_score, q.change)),
        )
    out.print(table)
    if key in LIST_NOTES:
        out.print(Text(LIST_NOTES[key], style="italic"))
