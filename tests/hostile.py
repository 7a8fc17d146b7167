"""A hostile bank and hostile assessments: escape sequences in every free-text field.

The YAML reader refuses raw C0 controls in plain scalars, but double-quoted escapes
(``"\\e[2J"``, ``"\\x9b"``) and JSON-form files get any character through, so the files
are written as JSON (JSON is YAML): ``json.dumps`` writes ``"\\u001b[2J"``, which the
loader reads back as a real ESC.

``PAYLOAD`` holds what a hostile partner would try: clear the screen and home the
cursor, retitle the window (OSC 0 and 2), write ``rm -rf ~`` into the clipboard (OSC 52),
the same in 8-bit C1 form (CSI U+009B, OSC U+009D, ST U+009C), NEL, DEL, backspaces, a
lone carriage return and a right-to-left override.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

CLEAR = "\x1b[2J\x1b[H"
TITLE = "\x1b]0;pwned\x07\x1b]2;pwned\x1b\\"
CLIPBOARD = "\x1b]52;c;cm0gLXJmIH4=\x07"  # base64 of "rm -rf ~"
C1 = "\x9b2J\x9d0;pwned\x9c\x85"
PAYLOAD = f"{CLEAR}{TITLE}{CLIPBOARD}{C1}\x7f\x08\x08\rGREEN\u202e"

# Must never reach an output: C0 but tab and newline (a CR only as part of CRLF, a
# CSV line end), DEL, C1, and the bidi embeddings/overrides/isolates.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # the control characters alone
# With colour on, rich's own styling is SGR (CSI ... m) and nothing else.
SGR = re.compile(r"\x1b\[[0-9;]*m")
INJECTED = (CLEAR, "\x1b]0;", "\x1b]2;", "\x1b]52;", "\x9b", "\x9d")


def h(label: str) -> str:
    """A field's text: a readable label, then the payload."""
    return f"{label} {PAYLOAD}"


def unsafe_in(text: str, colour: bool = False, bidi: bool = True) -> list[str]:
    """Each forbidden character found in ``text`` (after CRLF line ends and, with
    ``colour``, rich's SGR sequences are taken out), with a little context; without
    ``bidi``, the control characters alone."""
    text = text.replace("\r\n", "\n")
    if colour:
        text = SGR.sub("", text)
    pattern = FORBIDDEN if bidi else CONTROLS
    return [repr(text[max(0, m.start() - 12) : m.end() + 12]) for m in pattern.finditer(text)]


LEVELS = [h(f"Level {n} descriptor") for n in range(4)]


def bank_data() -> dict[str, Any]:
    """A user bank (``--bank``) with the payload in every text field of every kind."""
    action = {"below": 2, "do": h("Action do"), "owner": h("Action owner"), "priority": "high"}
    return {
        "schema": "msht-bank/1",
        "id": "hostile",
        "title": h("Bank title"),
        "version": "1.0",
        "theme": "prepare",
        "description": h("Bank description"),
        "sections": [
            {
                "id": "lead",
                "title": h("Section title"),
                "questions": [
                    {
                        "id": "HX-LEAD-01",
                        "text": h("Question text"),
                        "help": h("Question help"),
                        "evidence": h("Question evidence"),
                        "type": "scale",
                        "critical": True,
                        "levels": LEVELS,
                        "actions": [action, {**action, "below": 3}],
                        "refs": [h("Ref")],
                    },
                    {
                        "id": "HX-LEAD-02",
                        "text": h("Yes/no text"),
                        "type": "yesno",
                        "actions": [{**action, "below": 1}],
                    },
                    {
                        "id": "HX-LEAD-03",
                        "text": h("Choice text"),
                        "type": "choice",
                        "options": [
                            {"id": "none", "label": h("Option none"), "score": 0},
                            {"id": "some", "label": h("Option some"), "score": 0.5},
                            {"id": "all", "label": h("Option all"), "score": 1},
                        ],
                        "actions": [{**action, "below": 1}],
                    },
                ],
            },
            {
                "id": "data",
                "title": h("Second section title"),
                "questions": [
                    {
                        "id": "HX-DAT-01",
                        "text": h("Number text"),
                        "type": "number",
                        "thresholds": [{"min": 0, "score": 0}, {"min": 10, "score": 1}],
                    },
                    {"id": "HX-DAT-02", "text": h("Free text question"), "type": "text"},
                    {"id": "HX-DAT-03", "text": h("Unanswered question"), "type": "yesno"},
                ],
            },
        ],
    }


def answer(value: Any, who: str) -> dict[str, Any]:
    return {
        "value": value,
        "note": h(f"Note by {who}"),
        "evidence": [h(f"Evidence by {who}")],
        "by": h(who),
        "review": True,
        "review_reason": h(f"Review reason by {who}"),
    }


def assessment_data(
    period: str = "2026/27", agency: str = "Midshire Police", levels: tuple[int, int] = (1, 0)
) -> dict[str, Any]:
    """An assessment against the hostile bank, the payload in every free-text field."""
    return {
        "schema": "msht-assessment/1",
        "partnership": h("Midshire Anti-Slavery Partnership"),
        "area": h("Midshire"),
        "period": period,
        "assessed_on": "2027-03-14",
        "banks": {"hostile": "1.0"},
        "participants": [
            {"name": h("A. Lead"), "agency": h(agency), "role": h("Role")},
        ],
        "answers": {
            "HX-LEAD-01": answer(levels[0], agency),
            "HX-LEAD-02": answer("no", agency),
            "HX-LEAD-03": answer(["none", "some"][levels[1]], agency),
            "HX-DAT-01": answer(4, agency),
            "HX-DAT-02": answer(h("Free text answer"), agency),
        },
        "plan": {
            "HX-LEAD-01": {"owner": h("Plan owner"), "due": "2027-09-30", "status": "agreed"},
            "HX-LEAD-02": {"status": "dropped", "note": h("Plan reason")},
        },
        "targets": {
            "HX-LEAD-01": {"level": 3, "by": "2028-03-31"},
            "hostile": {"score": 75, "by": "2028-03-31"},
        },
    }


def write(path: Path, data: dict[str, Any]) -> Path:
    """Write ``data`` as JSON (which YAML reads): every control character escaped."""
    path.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path
