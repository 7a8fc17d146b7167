"""`msht banks list | show | validate`: inspect and check question banks."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from msht_toolkit.cli import completion
from msht_toolkit.cli.common import BankPaths, JsonFlag, console, handle_errors, load_banks

banks_app = typer.Typer(
    help="Inspect and check question banks.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@banks_app.command("list")
@handle_errors
def list_banks(bank: BankPaths = None, json: JsonFlag = False) -> None:
    """Every loaded bank: id, version, title, theme, sections and questions."""
    bankset = load_banks(bank)
    if json:
        from msht_toolkit.render.banks_json import banks_list_json
        from msht_toolkit.render.json_out import dumps

        rows = [(b, bankset.current.get(b.id) is b) for b in bankset.all()]
        typer.echo(dumps(banks_list_json(rows)), nl=False)
        return
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    for column in ("id", "version", "title", "theme", "sections", "questions", "source"):
        table.add_column(column, justify="right" if column in ("sections", "questions") else "left")
    for b in bankset.all():
        current = bankset.current.get(b.id) is b
        source = "bundled" if b.bundled else b.path
        if not current:
            source += " (older version)"
        table.add_row(
            b.id, b.version, b.title, b.theme, str(len(b.sections)), str(b.question_count), source
        )
    console().print(table)


@banks_app.command("show")
@handle_errors
def show_bank(
    bank_id: Annotated[
        str,
        typer.Argument(
            metavar="ID", help="Bank id, e.g. identification.", autocompletion=completion.bank_ids
        ),
    ],
    version: Annotated[
        str | None, typer.Option("--version", help="A version other than the current one.")
    ] = None,
    bank: BankPaths = None,
    json: JsonFlag = False,
) -> None:
    """One bank, readably: sections, questions, level descriptors and actions."""
    bankset = load_banks(bank)
    shown = bankset.get(bank_id, version)
    if json:
        from msht_toolkit.render.banks_json import bank_show_json
        from msht_toolkit.render.json_out import dumps

        current = bankset.current.get(shown.id) is shown
        typer.echo(dumps(bank_show_json(shown, current)), nl=False)
        return
    from msht_toolkit.render.terminal import print_bank

    print_bank(console(), shown)


@banks_app.command("validate")
@handle_errors
def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="[PATH]...",
            help="Bank files or folders to check (default: the bundled banks).",
            show_default=False,
            autocompletion=completion.yaml_files,
        ),
    ] = None,
    json: JsonFlag = False,
) -> None:
    """Check banks against every rule; print OK with counts, or one line per problem (exit 1)."""
    from msht_toolkit.banks.registry import expand_paths
    from msht_toolkit.errors import BankError

    try:
        bankset = load_banks(paths, source="banks validate")
    except BankError as exc:
        if json:
            from msht_toolkit.render.banks_json import validate_json
            from msht_toolkit.render.json_out import dumps

            typer.echo(dumps(validate_json(None, exc.problems)), nl=False)
            raise typer.Exit(1) from None
        for line in exc.lines():
            sys.stdout.write(f"{line}\n")
        count = len(exc.problems)
        sys.stderr.write(f"msht: {count} problem{'s' if count != 1 else ''} found\n")
        raise typer.Exit(1) from None
    if paths:
        chosen = {p.resolve() for p in expand_paths(paths, "banks validate")}
        checked = [b for b in bankset.all() if Path(b.path).resolve() in chosen]
    else:
        checked = [b for b in bankset.all() if b.bundled]
    if json:
        from msht_toolkit.render.banks_json import validate_json
        from msht_toolkit.render.json_out import dumps

        typer.echo(dumps(validate_json(checked)), nl=False)
        return
    sections = sum(len(b.sections) for b in checked)
    questions = sum(b.question_count for b in checked)
    ids = len({b.id for b in checked})
    sys.stdout.write(
        f"OK: {plural(len(checked), 'bank file')} ({plural(ids, 'bank')}), "
        f"{plural(sections, 'section')}, {plural(questions, 'question')}\n"
    )


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def register(app: typer.Typer) -> None:
    app.add_typer(banks_app, name="banks")
