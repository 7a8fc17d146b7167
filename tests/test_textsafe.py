"""safe_text: no file text can carry an escape sequence to a terminal."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from msht_toolkit.textsafe import safe_text

# What must never come out: C0 but tab, newline and a CR that ends a line, DEL, C1,
# bidi embeddings, overrides and isolates, lone surrogates.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]|\r(?!\n)"
)


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Midshire\x1b[2J\x1b[H", "Midshire␛[2J␛[H"),  # clear screen, cursor home
        ("\x1b]0;pwned\x07", "␛]0;pwned␇"),  # window title
        ("\x1b]52;c;cm0gLXJmIH4=\x07", "␛]52;c;cm0gLXJmIH4=␇"),  # clipboard: rm -rf ~
        ("\x9b2J", "\ufffd2J"),  # C1 CSI
        ("\x9d0;t\x9c", "\ufffd0;t\ufffd"),  # C1 OSC ... ST
        ("line\x85next", "line\ufffdnext"),  # NEL
        ("a\x00b\x7fc", "a␀b␡c"),
        ("back\x08\x08ok", "back␈␈ok"),
        ("GREEN\rRED  ", "GREEN␍RED  "),  # a lone CR overwrites what came before
        ("two\r\nlines", "two\r\nlines"),  # a line end (Windows, CSV) stays
        ("\r\r\n", "␍\r\n"),
        ("score 27.5\u202e RED", "score 27.5\ufffd RED"),  # right-to-left override
        ("\u2066isolated\u2069", "\ufffdisolated\ufffd"),
        ("lone \ud800 surrogate", "lone \ufffd surrogate"),
    ],
)
def test_controls_are_shown_visibly(raw: str, shown: str):
    assert safe_text(raw) == shown


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Midshire Anti-Slavery Partnership",
        "tab\tand\nnewline stay",
        "a Windows line end\r\nstays",
        "Ünïcödé, 中文, العربية, עברית, emoji 🙂, non-breaking\u00a0space",
        "marks stay: \u200e\u200f, and zero-width joiner \u200d",
        "looks like escapes but is text: \\x1b[2J \\e ^[",
        "control pictures already: ␛[2J ␍ \ufffd",
    ],
)
def test_plain_text_is_unchanged(text: str):
    assert safe_text(text) == text


def _forbidden_char(ch: str) -> bool:
    return bool(FORBIDDEN.match(ch)) or ch == "\r"


hostile = st.text(
    alphabet=st.one_of(
        st.characters(codec=None),
        st.sampled_from(
            ["\x1b", "\x9b", "\x9d", "\x07", "\r", "\n", "\t", "\x7f", "\u202e", "\ud800"]
        ),
    )
)


@given(hostile)
@example("\x1b]52;c;cm0gLXJmIH4=\x07\r\r\n\u202e\ud800")
def test_output_never_holds_a_control_and_is_idempotent(text: str):
    once = safe_text(text)
    assert not FORBIDDEN.search(once)
    assert safe_text(once) == once
    assert len(once) == len(text)  # one character for one: rich's spans stay aligned


@given(st.text(alphabet=st.characters(codec=None).filter(lambda c: not _forbidden_char(c))))
def test_text_without_controls_is_returned_unchanged(text: str):
    assert safe_text(text) == text


def test_every_replacement_is_printable():
    for code in [*range(0x00, 0x20), *range(0x7F, 0xA0), 0x202E, 0x2066]:
        shown = safe_text(chr(code))
        assert all(unicodedata.category(c)[0] not in "CZ" or c in "\t\n" for c in shown), code
