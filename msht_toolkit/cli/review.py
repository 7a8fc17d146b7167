"""`msht review FILE`: marked, don't-know and unanswered questions, grouped by bank."""

from __future__ import annotations

import typer

from msht_toolkit.cli.common import (
    AssessmentFile,
    BankPaths,
    JsonFlag,
    console,
    handle_errors,
    load_banks,
    write_output,
)


@handle_errors
def review(
    file: AssessmentFile,
    bank: BankPaths = None,
    json: JsonFlag = False,
) -> None:
    """List what to look at before finishing: marked for review, don't know, not answered."""
    from msht_toolkit.analysis.review import DONT_KNOW, MARKED, UNANSWERED, review_items, totals
    from msht_toolkit.services.files import load_checked

    checked = load_checked(file, load_banks(bank))
    assessment = checked.assessment
    groups = review_items(assessment, list(checked.banks))
    if json:
        from msht_toolkit.render.json.review import review_json
        from msht_toolkit.render.json.score import dumps

        write_output(dumps(review_json(assessment, groups)))
        return
    from rich.text import Text

    out = console()
    title = " ".join(x for x in (assessment.partnership, assessment.period) if x)
    out.print(Text(f"Review: {title}" if title else "Review", style="bold"))
    if not groups:
        out.print(
            "Nothing to review: every question that applies has an answer, none is marked "
            "for review and none is answered don't know."
        )
        return
    t = totals(groups)
    out.print(
        f"{t[MARKED]} marked for review, {t[DONT_KNOW]} don't know, {t[UNANSWERED]} not answered."
    )
    for group in groups:
        out.print()
        out.print(
            Text(
                f"{group.bank.title} ({group.bank.id} {group.bank.version}): "
                f"{len(group.items)} to review",
                style="bold",
            )
        )
        for item in group.items:
            line = f"  {item.qid} [{item.section.title}]: {', '.join(item.kinds)}"
            if item.reason:
                line += f"; reason: {item.reason}"
            if item.by:
                line += f"; answered by {item.by}"
            out.print(Text(line))
            out.print(Text(f"      {' '.join(item.question.text.split())}", style="dim"))
    out.print()
    from msht_toolkit.cli.assess import resume_command

    command = resume_command(file, [str(p) for p in bank or []], plain=False)
    out.print(f"To go through them, run: {command}  (the walk ends on this review list)")


def register(app: typer.Typer) -> None:
    app.command("review")(review)
