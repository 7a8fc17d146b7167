"""Text and numbers for the SVG charts: the palette and thresholds, escaping, width
estimates, wrapping, and scores in words.

Part of the SVG charts (see ``render.html.svg_charts`` for what every chart keeps to).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from xml.sax.saxutils import escape

from msht_toolkit.banks.model import DEFAULT_AMBER, DEFAULT_GREEN
from msht_toolkit.scoring.scorer import AMBER, GREEN, RED, UNRATED
from msht_toolkit.textsafe import safe_text

FONT = "'DejaVu Sans', Verdana, Arial, Helvetica, sans-serif"
INK = "#1a1a1a"
MUTED = "#555555"
GRID = "#d0d0d0"
SIZE = 12  # font size of labels, in viewBox units (px at 100%)
SMALL = 10
PAD = 8
WIDTH = 720

RAG_FILL = {RED: "#c62828", AMBER: "#f2a900", GREEN: "#2e7d32"}
RAG_TINT = {RED: "#fbeaea", AMBER: "#fff4dc", GREEN: "#e8f3e9"}

# Series styles for line charts: Okabe-Ito colours (safe for colour-blind readers),
# without yellow (too light on white) and black (kept for the strong series).
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#7f7f7f")
DASHES = ("", "7 3", "2 3")
SHAPES = ("circle", "square", "triangle", "diamond")


@dataclass(frozen=True)
class Thresholds:
    amber: float = DEFAULT_AMBER
    green: float = DEFAULT_GREEN


DEFAULT_THRESHOLDS = Thresholds()


# ---------------------------------------------------------------- text


def clean(text: object) -> str:
    """Text safe to place in XML: ``textsafe.safe_text`` (control characters shown as
    visible pictures, bidi overrides and lone surrogates replaced), then tabs and
    newlines as spaces (a chart label is one line that we wrap ourselves) and the two
    non-characters XML cannot hold (U+FFFE, U+FFFF) removed."""
    shown = safe_text(str(text))
    return shown.translate(_XML_CLEANUP) if _NEEDS_CLEANUP.search(shown) else shown


_XML_CLEANUP = {0x09: " ", 0x0A: " ", 0xFFFE: None, 0xFFFF: None}
_NEEDS_CLEANUP = re.compile("[\t\n\ufffe\uffff]")


def esc(text: object) -> str:
    """Cleaned and escaped for XML text and double-quoted attribute values."""
    return escape(clean(text), {'"': "&quot;"})


_WIDE = set("mwMW%&@…—→←↑↓≥≤<>©®")


def char_em(ch: str) -> float:
    """A conservative advance width of one character, in em: never below 0.6 (a
    combining mark included, which a font without it draws on a dotted circle)."""
    if ch in _WIDE or unicodedata.east_asian_width(ch) in ("W", "F") or ord(ch) > 0x2000:
        return 1.0
    if ch.isupper():
        return 0.8
    if ch.isdigit():
        return 0.66
    return 0.62


def text_width(text: str, size: float = SIZE, bold: bool = False) -> float:
    """Estimated width of ``text`` in viewBox units: never less than 0.6 em a character."""
    width = math.fsum(char_em(ch) for ch in text) * size
    return width * 1.1 if bold else width


def fit_word(word: str, width: float, size: float, bold: bool, suffix: str = "") -> str:
    """The longest start of ``word`` that fits in ``width`` with ``suffix`` after it."""
    out = ""
    for ch in word:
        if text_width(out + ch + suffix, size, bold) > width:
            break
        out += ch
    return out


def wrap(
    text: str, width: float, size: float = SIZE, bold: bool = False, max_lines: int = 2
) -> tuple[list[str], bool]:
    """Lines of at most ``width``, at most ``max_lines``; (lines, shortened?).

    Breaks at spaces; a word wider than a line is broken inside. What does not fit in
    ``max_lines`` is cut and the last line ends with an ellipsis.
    """
    words = clean(text).split()
    lines: list[str] = []
    current = ""
    queue = list(words)
    while queue:
        word = queue.pop(0)
        trial = f"{current} {word}" if current else word
        if text_width(trial, size, bold) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
            current = ""
            queue.insert(0, word)
            continue
        head = fit_word(word, width, size, bold) or word[:1]
        lines.append(head)
        rest = word[len(head) :]
        if rest:
            queue.insert(0, rest)
    if current:
        lines.append(current)
    if not lines:
        return [""], False
    if len(lines) <= max_lines:
        return lines, False
    kept = lines[:max_lines]
    last = kept[-1]
    while last and text_width(last + "…", size, bold) > width:
        last = last[:-1]
    kept[-1] = last.rstrip() + "…"
    return kept, True


def number(score: float | None) -> str:
    """A score as shown: one decimal ('61.3'); '-' for null."""
    if score is None:
        return "-"
    return f"{round(score + 0.0, 1):.1f}"


def score_words(score: float | None, rag: str, provisional: bool = False) -> str:
    """'61.3 AMBER', '61.3 AMBER (provisional)', or 'unrated'."""
    if score is None:
        return "unrated"
    text = f"{number(score)} {rag}"
    return f"{text} (provisional)" if provisional else text


def px(value: float) -> str:
    """A coordinate: at most two decimals, no trailing zeros (deterministic)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def wrap_with_suffix(
    text: str, suffix: str, width: float, size: float = SIZE, bold: bool = False, max_lines: int = 2
) -> tuple[list[str], bool]:
    """``wrap(text)`` with ``suffix`` (e.g. ' 61.3 AMBER') kept whole at the end: on the
    last line where it fits, else on a line of its own, else after a shortened text."""
    lines, cut = wrap(text, width, size, bold, max_lines)
    if not suffix:
        return lines, cut
    last = lines[-1]
    if text_width(last + suffix, size, bold) <= width:
        return [*lines[:-1], last + suffix], cut
    if len(lines) < max_lines and text_width(suffix.strip(), size, bold) <= width:
        return [*lines, suffix.strip()], cut
    last = last.removesuffix("…")
    while last and text_width(last + "…" + suffix, size, bold) > width:
        last = last[:-1]
    return [*lines[:-1], last.rstrip() + "…" + suffix], True


def clamp_score(score: float) -> float:
    return min(max(score, 0.0), 100.0)


def threshold_text(value: float) -> str:
    text = number(value)
    return text.removesuffix(".0")


def rag_name(rag: str) -> str:
    return rag if rag in (RED, AMBER, GREEN) else UNRATED
