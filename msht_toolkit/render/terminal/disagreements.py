"""Disagreements between partners (``msht_toolkit.analysis.disagreements``) in the terminal.

Called by ``msht score``; prints nothing when there are none.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from msht_toolkit import vocabulary
from msht_toolkit.analysis.disagreements import Disagreement
from msht_toolkit.render.terminal.text import Table, Text

if TYPE_CHECKING:
    from rich.console import Console


def responses_text(item: Disagreement) -> str:
    """``Agency: level 3``, one agency a line, in the order the responses were merged."""
    return "\n".join(
        f"{r.by or 'unnamed'}: {vocabulary.answer(item.question, r.value)}" for r in item.responses
    )


def print_disagreements(out: Console, items: Mapping[str, Disagreement]) -> None:
    """A table of the questions partners disagree on; nothing when there are none."""
    if not items:
        return
    table = Table(
        f"Disagreements to discuss ({len(items)}): partners differ by two or more levels"
    )
    for col in ("id", "question", "responses", "consolidated"):
        table.add_column(col, justify="left", overflow="fold")
    for item in items.values():
        table.add_row(
            item.id,
            item.question.text,
            responses_text(item),
            vocabulary.answer(item.question, item.value),
        )
    out.print()
    out.print(table)
    out.print(Text("Consolidated values follow the merge rule; the board should agree each one."))
