"""Sign-off: a digest of what was signed, and whether the file still matches.

The digest is ``"sha256:"`` and the SHA-256, in hex, of the assessment's *canonical
form*: the file's content as plain data (``assessment.writing.to_data``: every field the
file keeps, empty ones left out, values as ``check_answers`` stores them) without
``sign_off`` itself, written as JSON with sorted keys, no spaces
(``separators=(",", ":")``), UTF-8 text (``ensure_ascii=False``), dates and times as
ISO 8601 text. So the digest does not depend on key order, YAML quoting, flow or block
style, comments or line wrapping, and a load and save leaves it unchanged; any change
to what the file says (an answer, a note, a plan decision, a target, the profile)
changes it. Pure functions, no I/O.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from msht_toolkit.assessment.model import Assessment, SignOff

DIGEST_PREFIX = "sha256:"


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    raise TypeError(f"not plain data: {type(value).__name__}")


def canonical_content(assessment: Assessment) -> str:
    """The canonical JSON text of everything in the file except ``sign_off``."""
    from msht_toolkit.assessment.writing import to_data

    data = to_data(assessment)
    data.pop("sign_off", None)
    return json.dumps(
        data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_plain
    )


def content_digest(assessment: Assessment) -> str:
    """``sha256:<hex>`` of the canonical content."""
    text = canonical_content(assessment)
    return DIGEST_PREFIX + hashlib.sha256(text.encode("utf-8")).hexdigest()


def sign(assessment: Assessment, by: str, role: str | None, on: dt.date) -> SignOff:
    """Record the sign-off on ``assessment`` (replacing any earlier one) and return it."""
    record = SignOff(by=by, role=role, on=on.isoformat(), digest=content_digest(assessment))
    assessment.sign_off = record
    return record


@dataclass(frozen=True)
class SignOffState:
    """A file's sign-off as outputs show it."""

    by: str
    role: str | None
    on: str | None
    current: bool  # the content still matches the digest

    def sentence(self) -> str:
        """'Signed off by J. Arden (Partnership chair) on 2027-03-20', or, once anything
        changed, 'Changed since sign-off on 2027-03-20 (signed off by J. Arden ...)'."""
        who = self.by + (f" ({self.role})" if self.role else "")
        on = f" on {self.on}" if self.on else ""
        if self.current:
            return f"Signed off by {who}{on}"
        return f"Changed since sign-off{on} (signed off by {who})"


def sign_off_state(assessment: Assessment) -> SignOffState | None:
    """The file's sign-off and whether it is current; None where it was never signed."""
    record = assessment.sign_off
    if record is None:
        return None
    current = bool(record.digest) and record.digest == content_digest(assessment)
    return SignOffState(by=record.by, role=record.role, on=record.on, current=current)


def sign_off_line(assessment: Assessment) -> str | None:
    state = sign_off_state(assessment)
    return None if state is None else state.sentence()
