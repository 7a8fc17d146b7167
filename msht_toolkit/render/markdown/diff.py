"""``msht diff -o DIFF.md``: the year-on-year comparison as Markdown (CommonMark + GFM tables).

The same content as the terminal view: a header with both periods, the overall scores
and RAG and the change in words; a bank table; then the lists (critical failures fixed
or newly failing first, RAG band moves, changes within a band, new and removed
questions). Every piece of user or bank text goes through ``render.markdown.text``.
"""

from __future__ import annotations

from msht_toolkit import vocabulary
from msht_toolkit.analysis.change import bank_side, question_side
from msht_toolkit.analysis.diff import Diff, QuestionChange
from msht_toolkit.render.markdown.text import bold, escape, heading, table

LIST_NOTES = {
    "new": "Scored this time but not last time: new in this bank version, or not "
    "answered or not applicable last time.",
    "removed": "Scored last time but not this time: dropped from the bank, or not "
    "answered or not applicable this time.",
}


def question_label(q: QuestionChange) -> str:
    """'ID-NRM-04 (was ID-NRM-03)', with ' (critical)' for critical questions."""
    label = q.id
    if q.renamed_from:
        label += f" (was {q.renamed_from})"
    if q.critical:
        label += " (critical)"
    return label


def question_rows(questions: list[QuestionChange]) -> list[list[str]]:
    return [
        [
            question_label(q),
            q.text,
            question_side(q.old),
            question_side(q.new),
            vocabulary.change(q.old_score, q.new_score, q.change),
        ]
        for q in questions
    ]


def measures_markdown(diff: Diff, old_label: str, new_label: str) -> list[str]:
    """The performance measures of both years and every flag in words (nothing when
    neither year recorded a figure)."""
    recorded = diff.recorded_measures()
    if not recorded:
        return []
    parts = [heading(2, "Performance measures")]
    for sentence in diff.flag_sentences():
        parts.append(f"{bold('Check:')} {escape(sentence)}\n")
    parts.append(
        table(
            ["Measure", old_label, new_label, "Change"],
            (
                [
                    m.measure.title,
                    vocabulary.measure_value(
                        m.measure, m.old_value, m.old.per_100k if m.old else None
                    ),
                    vocabulary.measure_value(
                        m.measure, m.new_value, m.new.per_100k if m.new else None
                    ),
                    vocabulary.measure_change(m.measure, m.old_value, m.new_value),
                ]
                for m in recorded
            ),
        )
    )
    return parts


def diff_markdown(diff: Diff) -> str:
    old_label, new_label = diff.labels()
    old_card, new_card = diff.old, diff.new
    parts: list[str] = [heading(1, "Year-on-year comparison")]
    partnership = new_card.assessment.partnership or old_card.assessment.partnership
    intro = f"{escape(old_label)} compared with {escape(new_label)}."
    if partnership:
        intro = f"{bold(partnership)}: {intro}"
    parts.append(intro + "\n")
    for warning in diff.warnings:
        parts.append(f"{bold('Warning:')} {escape(warning)}\n")
    o, n = old_card.overall, new_card.overall
    parts.append(
        f"{bold('Overall:')} {escape(vocabulary.rating(o.score, o.rag, o.provisional))} "
        f"({escape(old_label)}) → {escape(vocabulary.rating(n.score, n.rag, n.provisional))} "
        f"({escape(new_label)}): {escape(diff.headline)}.\n"
    )
    counts = diff.summary()
    parts.append(
        "Questions: "
        + ", ".join(f"{counts[key]} {key}" for key in counts)
        + ". Questions with no score in either year are left out.\n"
    )

    parts.append(heading(2, "Banks"))
    if diff.banks:
        parts.append(
            table(
                ["Bank", "Versions", old_label, new_label, "Change"],
                (
                    [
                        b.title,
                        b.versions,
                        bank_side(b.old),
                        bank_side(b.new),
                        vocabulary.change(b.old_score, b.new_score, b.change),
                    ]
                    for b in diff.banks
                ),
            )
        )
    else:
        parts.append("No bank has a score in either year.\n")

    parts.extend(measures_markdown(diff, old_label, new_label))

    for key, title, questions in diff.lists():
        parts.append(heading(2, f"{title} ({len(questions)})"))
        if key in LIST_NOTES:
            parts.append(escape(LIST_NOTES[key]) + "\n")
        if not questions:
            parts.append("None.\n")
            continue
        parts.append(
            table(["ID", "Question", old_label, new_label, "Change"], question_rows(questions))
        )
    return "\n".join(parts)
