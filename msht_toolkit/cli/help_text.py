"""What ``msht --help`` and each ``msht COMMAND --help`` say beyond the options: a one-line
summary that fits the command list, and one or two examples (typer's epilog).

Every command has an entry here (a test checks it): a new command adds its summary and
examples in this table, in the same words the README's tour uses.
"""

from __future__ import annotations

from typing import Any

SUMMARY_WIDTH = 50  # what fits beside the command names in an 80-column `msht --help`

# command path (as typed after `msht`) -> (summary, examples)
HELP: dict[str, tuple[str, tuple[str, ...]]] = {
    "assess": (
        "Walk the banks and record answers (autosaved).",
        (
            "msht assess midshire-2026.msht.yaml",
            "msht assess midshire-2027.msht.yaml --from midshire-2026.msht.yaml",
        ),
    ),
    "review": (
        "Marked, don't-know and unanswered questions.",
        ("msht review midshire-2026.msht.yaml", "msht review midshire-2026.msht.yaml --json"),
    ),
    "explain": (
        "How a rating was reached, term by term.",
        (
            "msht explain midshire-2026.msht.yaml",
            "msht explain midshire-2026.msht.yaml identification/nrm",
        ),
    ),
    "score": (
        "RAG ratings per theme, bank and section.",
        (
            "msht score midshire-2026.msht.yaml --detail",
            "msht score midshire-2026.msht.yaml --json",
        ),
    ),
    "plan": (
        "The board's prioritised action plan.",
        (
            "msht plan midshire-2026.msht.yaml",
            "msht plan midshire-2026.msht.yaml --phases 3 -o plan.md",
            "msht plan midshire-2026.msht.yaml -o plan.docx",
        ),
    ),
    "report": (
        "The board report (--full: every answer).",
        (
            "msht report midshire-2026.msht.yaml -o board.html",
            "msht report midshire-2026.msht.yaml --full -o report.docx",
        ),
    ),
    "actions": (
        "Record the board's decision on each action.",
        ("msht actions midshire-2026.msht.yaml",),
    ),
    "sign": (
        "Record who signed the assessment off.",
        ('msht sign midshire-2026.msht.yaml --by "J. Arden" --role "Partnership chair"',),
    ),
    "diff": (
        "Year on year: improved, declined, new.",
        (
            "msht diff midshire-2025.msht.yaml midshire-2026.msht.yaml",
            "msht diff midshire-2025.msht.yaml midshire-2026.msht.yaml -o diff.md",
        ),
    ),
    "trend": (
        "Scores and RAG across several years.",
        ("msht trend midshire-2025.msht.yaml midshire-2026.msht.yaml midshire-2027.msht.yaml",),
    ),
    "merge": (
        "Consolidate agencies' separate answers.",
        ("msht merge police.msht.yaml council.msht.yaml -o partnership.msht.yaml",),
    ),
    "export": (
        "One row per question: CSV, XLSX or JSON.",
        (
            "msht export midshire-2026.msht.yaml --format csv -o midshire.csv",
            "msht export midshire-2026.msht.yaml --format xlsx -o midshire.xlsx",
        ),
    ),
    "compare": (
        "Many partnerships side by side, one period.",
        ("msht compare region/", "msht compare region/ --json"),
    ),
    "banks": ("List, show and check question banks.", ("msht banks list",)),
    "banks list": (
        "Every loaded bank and version.",
        ("msht banks list", "msht banks list --bank my-banks/"),
    ),
    "banks show": (
        "One bank: questions, levels and actions.",
        ("msht banks show identification", "msht banks show identification --version 2025.1"),
    ),
    "banks validate": (
        "Check bank files; one line per problem.",
        ("msht banks validate", "msht banks validate my-bank.yaml"),
    ),
}


ROOT_EXAMPLES = (
    "msht assess midshire-2026.msht.yaml",
    "msht report midshire-2026.msht.yaml -o report.md",
)


def epilog(path: str) -> str | None:
    """The examples block for a command, kept line by line (``\\b`` stops rewrapping)."""
    entry = HELP.get(path)
    if entry is None and path:
        return None
    examples = entry[1] if entry else ROOT_EXAMPLES
    lines = "\n".join(f"  {example}" for example in examples)
    return f"\b\nExamples:\n{lines}"


def apply(app: Any, prefix: str = "") -> None:
    """Give every registered command (and sub-app) of ``app`` its summary and examples."""
    if not prefix:
        app.info.epilog = epilog("")
    for info in app.registered_commands:
        path = f"{prefix}{info.name}"
        if path in HELP:
            info.short_help = HELP[path][0]
            info.epilog = epilog(path)
    for group in app.registered_groups:
        path = f"{prefix}{group.name}"
        sub = group.typer_instance
        if path in HELP and sub is not None:
            sub.info.short_help = HELP[path][0]
            sub.info.epilog = epilog(path)
        if sub is not None:
            apply(sub, f"{path} ")
