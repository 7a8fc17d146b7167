"""Text from files made safe to show in a terminal or write into a text file.

A bank or an assessment may come from anyone (a partner agency, a shared drive), and
YAML's double-quoted escapes (``"\\e[2J"``, ``"\\x9b"``) or a JSON-form file can put any
character into a title, a name or a note. Printed raw, an escape sequence clears the
screen, retitles the window or writes to the clipboard (OSC 52). ``safe_text`` is the one
function every output path calls on file text; the rules, and why:

- **C0 controls** (U+0000–U+001F) other than tab and newline, and **DEL** (U+007F), are
  shown as their Unicode *control pictures* (ESC becomes ``␛``, NUL ``␀``, DEL ``␡``):
  the reader sees that something odd was there and what it was (``␛[2J``), and the
  escape sequence is dead. Showing is kinder than silent deletion, which would hide
  an attack and could join two words.
- **CR**: a lone CR is shown as ``␍``: it moves the cursor back to the start of the
  line, where the text after it overwrites what was printed before (a rating
  disguised). A CR before a newline (a Windows line end, and the line end of RFC 4180
  CSV) is a line end like the newline itself, and stays.
- **C1 controls** (U+0080–U+009F: CSI U+009B, OSC U+009D, NEL U+0085 ...) have no
  control pictures; each becomes U+FFFD (``�``), the usual sign of a character that
  cannot be shown.
- **Bidi embeddings, overrides and isolates** (U+202A–U+202E, U+2066–U+2069) are not
  control characters, but an unclosed right-to-left override reverses the rest of a
  line on a terminal that lays out bidirectional text, so a score of 27.5 reads as 5.72
  and RED as DER ("Trojan Source"). Right-to-left names display correctly without them
  (the Unicode bidi algorithm orders them by their letters), so each becomes ``�`` as
  well. The invisible marks U+200E/U+200F, which can reorder nothing, stay.
- **Lone surrogates** (``"\\ud800"`` in a JSON-form file) cannot be written as UTF-8 at
  all; each becomes ``�``.

Everything else (letters of every script, emoji, tabs, newlines) is returned unchanged,
and a safe string is returned as it is (``safe_text`` is idempotent). Each character is
replaced by exactly one character, so the text keeps its length (rich's ``Text`` spans
stay aligned). Files themselves are never changed: only what is shown.
JSON output keeps the characters, escaped as ``\\uXXXX`` (``render.json.score.dumps``).
"""

from __future__ import annotations

import re

__all__ = ["safe_text"]

_REPLACEMENT = 0xFFFD
_BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))

_TABLE: dict[int, int] = {code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)}
_TABLE[0x7F] = 0x2421  # ␡
_TABLE.update(dict.fromkeys(range(0x80, 0xA0), _REPLACEMENT))
_TABLE.update(dict.fromkeys(_BIDI, _REPLACEMENT))
_TABLE.update(dict.fromkeys(range(0xD800, 0xE000), _REPLACEMENT))

# every character of _TABLE, but a CR only where no newline follows it
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]|\r(?!\n)"
)


def safe_text(text: str) -> str:
    """``text`` with every control character shown visibly (see the module docstring).

    No C0 control but tab, newline and a CR that ends a line, no DEL, no C1 control, no
    bidi override or isolate and no lone surrogate survives, so no escape sequence can
    reach a terminal.
    """
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE.sub(lambda found: chr(_TABLE[ord(found[0])]), text)
