"""The "Disagreements to discuss" section of ``msht plan`` and ``msht report``.

``disagreements_table(items)`` returns a Markdown section listing the questions on
which partners' responses differ by two or more levels (found by
``msht_toolkit.analysis.disagreements``), or ``""`` when there are none, so callers can
append it unconditionally. Every piece of user text is escaped.

``disagreement_flags(found)`` gives the "partners disagree" flag shown on each such
question's actions and evidence gaps in the plan (the plan and the report show the
section itself from their document: ``render.documents.report_sections.disagreements_part``).
"""

from __future__ import annotations

from collections.abc import Mapping

from msht_toolkit import vocabulary
from msht_toolkit.analysis.disagreements import Disagreement
from msht_toolkit.render.markdown.text import escape, heading, table

TITLE = "Disagreements to discuss"


def _response(item: Disagreement, index: int) -> str:
    r = item.responses[index]
    text = f"{r.by or 'unnamed'}: {vocabulary.answer(item.question, r.value)}"
    if r.note:
        text += f" ({' '.join(r.note.split())})"
    return text


def disagreements_table(items: Mapping[str, Disagreement], level: int = 2) -> str:
    """The section for already-found disagreements; ``""`` when there are none."""
    if not items:
        return ""
    count = len(items)
    intro = (
        f"Partners' answers differ by two or more levels on {vocabulary.plural(count, 'question')}"
        ". The consolidated value follows the merge "
        "rule; the board should discuss each and agree the partnership's answer."
    )
    rows = [
        (
            item.id,
            item.question.text,
            "; ".join(_response(item, i) for i in range(len(item.responses))),
            vocabulary.answer(item.question, item.value),
        )
        for item in items.values()
    ]
    return (
        heading(level, TITLE)
        + "\n"
        + escape(intro)
        + "\n\n"
        + table(("Question", "Text", "Responses", "Consolidated"), rows)
    )


def disagreement_flags(items: Mapping[str, Disagreement]) -> dict[str, list[str]]:
    """Question id -> one flag, e.g. ``partners disagree (Police: level 3; Council: level 1)``."""
    return {
        qid: [
            "partners disagree ("
            + "; ".join(
                f"{r.by or 'unnamed'}: {vocabulary.answer(item.question, r.value)}"
                for r in item.responses
            )
            + ")"
        ]
        for qid, item in items.items()
    }

