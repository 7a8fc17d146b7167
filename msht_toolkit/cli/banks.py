"""`msht banks list | show | validate`: inspect and check question banks."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from msht_toolkit.cli import completion
from msht_toolkit.cli.common import (
    BankPaths,
    JsonFlag,
    console,
    handle_errors,
    load_banks,
    write_output,
)

banks_app = typer.Typer(
    help="Inspect and check question banks.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@banks_app.command("list")
@handle_errors
def list_banks(bank: BankPaths = None, json: JsonFlag = False) -> None:
    """Every loaded bank (id, version, title, theme, sections, questions), then the
    performance measures files."""
    bankset = load_banks(bank)
    mfiles = list(bankset.measure_files.values())
    if json:
        from msht_toolkit.render.json.banks import banks_list_json
        from msht_toolkit.render.json.score import dumps

        rows = [(b, bankset.current.get(b.id) is b) for b in bankset.all()]
        write_output(dumps(banks_list_json(rows, mfiles)))
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
    out = console()
    out.print(table)
    if mfiles:
        measures = Table(box=None, pad_edge=False, header_style="bold")
        for column in ("measures file", "version", "title", "measures", "source"):
            measures.add_column(column, justify="right" if column == "measures" else "left")
        for m in mfiles:
            measures.add_row(
                m.id,
                m.version,
                m.title or "",
                str(len(m.measures)),
                "bundled" if m.bundled else m.path,
            )
        out.print()
        out.print(measures)


@banks_app.command("show")
@handle_errors
def show_bank(
    bank_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="Bank id (identification), measures file id (core-measures) or measure id "
            "(NRM-REFERRALS).",
            autocompletion=completion.shown_ids,
        ),
    ],
    version: Annotated[
        str | None, typer.Option("--version", help="A version other than the current one.")
    ] = None,
    bank: BankPaths = None,
    json: JsonFlag = False,
) -> None:
    """One bank, readably: sections, questions, level descriptors and actions; or a
    measures file, or one measure, with its definition."""
    bankset = load_banks(bank)
    mfile = bankset.measure_files.get(bank_id)
    measure = bankset.measure(bank_id)
    if bank_id not in bankset.current and (mfile is not None or measure is not None):
        only = None
        if mfile is None:
            assert measure is not None
            mfile, only = bankset.measure_files[measure.file], measure.id
        if version is not None and version != mfile.version:
            from msht_toolkit.errors import NotFoundError

            raise NotFoundError(
                f"measures {mfile.id!r} version {version!r} is not available "
                f"(loaded version: {mfile.version})"
            )
        if json:
            from msht_toolkit.render.json.banks import measures_show_json
            from msht_toolkit.render.json.score import dumps

            write_output(dumps(measures_show_json(mfile, only)))
            return
        from msht_toolkit.render.terminal.tables import print_measures

        print_measures(console(), mfile, only)
        return
    shown = bankset.get(bank_id, version)
    if json:
        from msht_toolkit.render.json.banks import bank_show_json
        from msht_toolkit.render.json.score import dumps

        current = bankset.current.get(shown.id) is shown
        write_output(dumps(bank_show_json(shown, current)))
        return
    from msht_toolkit.render.terminal.tables import print_bank

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
    from msht_toolkit.errors import BankError, ProblemsFound

    try:
        bankset = load_banks(paths, source="banks validate")
    except BankError as exc:
        if json:
            from msht_toolkit.render.json.banks import validate_json
            from msht_toolkit.render.json.score import dumps

            write_output(dumps(validate_json(None, exc.problems)))
            raise ProblemsFound(len(exc.problems), say=False) from None
        write_output("".join(f"{line}\n" for line in exc.lines()))
        raise ProblemsFound(len(exc.problems)) from None
    mfiles = list(bankset.measure_files.values())
    if paths:
        chosen = {p.resolve() for p in expand_paths(paths, "banks validate")}
        checked = [b for b in bankset.all() if Path(b.path).resolve() in chosen]
        mfiles = [m for m in mfiles if Path(m.path).resolve() in chosen]
    else:
        checked = [b for b in bankset.all() if b.bundled]
        mfiles = [m for m in mfiles if m.bundled]
    if json:
        from msht_toolkit.render.json.banks import validate_json
        from msht_toolkit.render.json.score import dumps

        write_output(dumps(validate_json(checked, (), mfiles)))
        return
    from msht_toolkit.vocabulary import plural

    sections = sum(len(b.sections) for b in checked)
    questions = sum(b.question_count for b in checked)
    ids = len({b.id for b in checked})
    line = (
        f"OK: {plural(len(checked), 'bank file')} ({plural(ids, 'bank')}), "
        f"{plural(sections, 'section')}, {plural(questions, 'question')}"
    )
    if mfiles:
        count = sum(len(m.measures) for m in mfiles)
        line += f"; {plural(len(mfiles), 'measures file')} ({plural(count, 'measure')})"
    sys.stdout.write(line + "\n")


def register(app: typer.Typer) -> None:
    app.add_typer(banks_app, name="banks")
