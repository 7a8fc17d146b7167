"""`msht sign FILE --by NAME [--role ROLE] [--on DATE]`: record who signed the assessment off."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from msht_toolkit.cli.common import AssessmentFile, BankPaths, handle_errors
from msht_toolkit.errors import UsageError

By = Annotated[
    str,
    typer.Option("--by", metavar="NAME", help="Who signs the assessment off.", show_default=False),
]
Role = Annotated[
    str | None,
    typer.Option(
        "--role", metavar="ROLE", help="Their role, e.g. Partnership chair.", show_default=False
    ),
]
On = Annotated[
    str | None,
    typer.Option(
        "--on",
        metavar="DATE",
        help="The date of the sign-off, year-month-day (default: today).",
        show_default=False,
    ),
]


def sign_date(text: str | None, today: dt.date | None = None) -> dt.date:
    """``--on`` as a date (today when not given); anything else is a usage error."""
    if text is None:
        return today or dt.date.today()
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f"--on must be a date written year-month-day, e.g. 2027-03-20, not {text!r}"
        ) from None


def clean_text(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    text = " ".join(value.split())
    if not text:
        raise UsageError(f"{option} must not be empty")
    return text


@handle_errors
def sign(
    file: AssessmentFile,
    by: By,
    role: Role = None,
    on: On = None,
    bank: BankPaths = None,
) -> None:
    """Record who signed the assessment off, with a digest of its content."""
    from msht_toolkit.assessment.lock import writer_lock
    from msht_toolkit.assessment.signoff import sign as record_sign_off
    from msht_toolkit.assessment.writing import save_assessment
    from msht_toolkit.cli.common import load_banks
    from msht_toolkit.services.files import load_checked

    day = sign_date(on)
    name = clean_text(by, "--by")
    assert name is not None
    role_text = clean_text(role, "--role")
    if not file.is_file():
        raise UsageError(f"{file}: no such assessment file")
    bankset = load_banks(bank)
    with writer_lock(file, "msht sign") as lock:
        # a file that does not load and check is never signed
        assessment = load_checked(lock.path, bankset).assessment
        earlier = assessment.sign_off
        record = record_sign_off(assessment, name, role_text, day)
        save_assessment(assessment, lock.path)
    if earlier is not None:
        typer.echo(f"Replaced the sign-off by {earlier.by} on {earlier.on or 'an unknown date'}.")
    who = record.by + (f" ({record.role})" if record.role else "")
    typer.echo(f"Signed off by {who} on {record.on}: {file} ({record.digest})")


def register(app: typer.Typer) -> None:
    app.command("sign")(sign)
