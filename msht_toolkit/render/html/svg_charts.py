"""Charts as hand-written inline SVG: pure functions that return one ``<svg>`` string.

Four fixed chart kinds, for the HTML outputs (no dependency; it prints exactly):

- ``bar_chart``: horizontal bars of scores 0..100 (themes, banks) against the AMBER and
  GREEN thresholds, each bar labelled with its score and RAG word; null is "unrated".
- ``line_chart``: scores over the periods (overall and each bank), one line per series
  with its own colour, dash pattern and marker, labelled directly at its right end.
- ``dumbbell_chart``: before and after per row (``diff``): hollow circle -> filled diamond.
- ``strip_chart``: per row, every partnership's score as a numbered dot, one highlighted,
  with the middle half (25th to 75th percentile) shaded and the median marked (``compare``).

Every chart: ``role="img"`` with a ``<title>`` and ``<desc>``; RAG always written as a
word (bars also carry a pattern per RAG, so black-and-white prints read); text escaped
as XML, control characters shown visibly (``textsafe.safe_text``); labels wrapped and,
where still too long, shortened with an ellipsis and the full text in a ``<title>``
tooltip. Layout is computed from the content: widths are estimated conservatively
(``text_width``: at least 0.6 em a character, wider for capitals and digits than DejaVu
Sans, the widest common sans), the chart grows taller rather than let direct labels
overlap, and nothing is drawn outside the viewBox. Output is deterministic: the same
input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
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


def _fit(word: str, width: float, size: float, bold: bool, suffix: str = "") -> str:
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
        head = _fit(word, width, size, bold) or word[:1]
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


def _f(value: float) -> str:
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


def _clamp_score(score: float) -> float:
    return min(max(score, 0.0), 100.0)


def _threshold_text(value: float) -> str:
    text = number(value)
    return text.removesuffix(".0")


def rag_name(rag: str) -> str:
    return rag if rag in (RED, AMBER, GREEN) else UNRATED


# ---------------------------------------------------------------- drawing

ROW_LINES = 3  # a row's label wraps to at most this many lines, then is shortened
LAYERS = ("back", "grid", "marks", "rules", "text")
HALO = 'stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke"'


@dataclass
class Canvas:
    """Collects SVG elements in layers (back to front); ``svg()`` adds the accessible root."""

    width: float
    prefix: str
    layers: dict[str, list[str]] = field(default_factory=lambda: {k: [] for k in LAYERS})
    defs: list[str] = field(default_factory=list)

    def add(self, element: str, layer: str = "marks") -> None:
        self.layers[layer].append(element)

    def text_element(
        self,
        x: float,
        y: float,
        content: str,
        *,
        size: float = SIZE,
        anchor: str = "start",
        bold: bool = False,
        fill: str = INK,
        italic: bool = False,
        halo: bool = False,
    ) -> str:
        attrs = f'x="{_f(x)}" y="{_f(y)}" font-size="{_f(size)}"'
        if anchor != "start":
            attrs += f' text-anchor="{anchor}"'
        if bold:
            attrs += ' font-weight="bold"'
        if italic:
            attrs += ' font-style="italic"'
        if fill != INK:
            attrs += f' fill="{fill}"'
        if halo:
            attrs += " " + HALO
        return f"<text {attrs}>{esc(content)}</text>"

    def text(
        self, x: float, y: float, content: str, *, tooltip: str | None = None, **kw: object
    ) -> None:
        """One line of text at baseline ``y``; ``tooltip`` adds a <title> (the full text)."""
        element = self.text_element(x, y, content, **kw)  # type: ignore[arg-type]
        if tooltip is not None:
            element = f"<g><title>{esc(tooltip)}</title>{element}</g>"
        self.add(element, "text")

    def label(
        self,
        x: float,
        y: float,
        lines: Sequence[str],
        line_height: float,
        *,
        tooltip: str | None = None,
        **kw: object,
    ) -> None:
        """Several lines of one label, first baseline at ``y``."""
        parts = "".join(
            self.text_element(x, y + i * line_height, line, **kw)  # type: ignore[arg-type]
            for i, line in enumerate(lines)
        )
        if tooltip is not None:
            parts = f"<g><title>{esc(tooltip)}</title>{parts}</g>"
        self.add(parts, "text")

    def line(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        *,
        stroke: str = INK,
        width: float = 1,
        dash: str = "",
        layer: str = "marks",
    ) -> None:
        extra = f' stroke-dasharray="{dash}"' if dash else ""
        self.add(
            f'<line x1="{_f(x1)}" y1="{_f(y1)}" x2="{_f(x2)}" y2="{_f(y2)}" '
            f'stroke="{stroke}" stroke-width="{_f(width)}"{extra}/>',
            layer,
        )

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: str,
        *,
        stroke: str = "",
        layer: str = "marks",
        tooltip: str | None = None,
    ) -> None:
        extra = f' stroke="{stroke}" stroke-width="0.8"' if stroke else ""
        element = (
            f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(max(w, 0))}" height="{_f(max(h, 0))}" '
            f'fill="{fill}"{extra}/>'
        )
        if tooltip is not None:
            element = f"<g><title>{esc(tooltip)}</title>{element}</g>"
        self.add(element, layer)

    def fill_for(self, rag: str) -> str:
        """The fill of a RAG mark: a pattern (readable in black and white) or grey."""
        if rag not in RAG_FILL:
            return "#9e9e9e"
        if not self.defs:
            self._patterns()
        return f"url(#{self.prefix}-{rag.lower()})"

    def _patterns(self) -> None:
        """GREEN solid, AMBER dark diagonal stripes, RED a white crosshatch."""
        p = self.prefix
        self.defs.append(
            f'<pattern id="{p}-green" width="6" height="6" patternUnits="userSpaceOnUse">'
            f'<rect width="6" height="6" fill="{RAG_FILL[GREEN]}"/></pattern>'
        )
        self.defs.append(
            f'<pattern id="{p}-amber" width="6" height="6" patternUnits="userSpaceOnUse" '
            f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{RAG_FILL[AMBER]}"/>'
            f'<line x1="1" y1="0" x2="1" y2="6" stroke="{INK}" stroke-width="1.6"/></pattern>'
        )
        self.defs.append(
            f'<pattern id="{p}-red" width="6" height="6" patternUnits="userSpaceOnUse">'
            f'<rect width="6" height="6" fill="{RAG_FILL[RED]}"/>'
            '<path d="M0 3H6M3 0V6" stroke="#ffffff" stroke-width="1.3"/></pattern>'
        )

    def svg(self, height: float, title: str, desc: str) -> str:
        p = self.prefix
        w, h = _f(self.width), _f(math.ceil(height))
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" '
            f'height="{h}" role="img" aria-labelledby="{p}-title {p}-desc" '
            f'font-family="{FONT}" class="chart">'
            f'<title id="{p}-title">{esc(title)}</title><desc id="{p}-desc">{esc(desc)}</desc>'
        )
        defs = f"<defs>{''.join(self.defs)}</defs>" if self.defs else ""
        body = "".join("".join(self.layers[k]) for k in LAYERS)
        return head + defs + body + "</svg>"


def _prefix(kind: str, *content: object) -> str:
    """A deterministic id prefix, distinct per chart: ids must be unique in one page."""
    digest = hashlib.sha1(repr((kind, content)).encode("utf-8", "replace")).hexdigest()
    return f"{kind}-{digest[:10]}"


def marker(
    shape: str, x: float, y: float, r: float, fill: str, stroke: str = INK, sw: float = 1.5
) -> str:
    """A point marker (circle, square, triangle or diamond) centred on (x, y)."""
    if shape == "circle":
        return (
            f'<circle cx="{_f(x)}" cy="{_f(y)}" r="{_f(r)}" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{_f(sw)}"/>'
        )
    if shape == "square":
        s = r * 0.9
        d = f"M{_f(x - s)} {_f(y - s)}H{_f(x + s)}V{_f(y + s)}H{_f(x - s)}Z"
    elif shape == "triangle":
        s = r * 1.15
        d = f"M{_f(x)} {_f(y - s)}L{_f(x + s)} {_f(y + s * 0.8)}L{_f(x - s)} {_f(y + s * 0.8)}Z"
    else:  # diamond
        s = r * 1.3
        d = f"M{_f(x)} {_f(y - s)}L{_f(x + s)} {_f(y)}L{_f(x)} {_f(y + s)}L{_f(x - s)} {_f(y)}Z"
    return f'<path d="{d}" fill="{fill}" stroke="{stroke}" stroke-width="{_f(sw)}"/>'


class _Scale:
    """Score 0..100 -> x between ``x0`` and ``x1``."""

    def __init__(self, x0: float, x1: float) -> None:
        self.x0, self.x1 = x0, x1

    def __call__(self, score: float) -> float:
        return self.x0 + min(max(score, 0.0), 100.0) / 100 * (self.x1 - self.x0)


def _threshold_labels(
    canvas: Canvas, x_of: _Scale, t: Thresholds, top: float, right: float
) -> float:
    """'AMBER ≥ 40' and 'GREEN ≥ 75' above the plot at their x (on two rows where they
    would overlap); returns the height used."""
    row_h = SMALL * 1.4
    spans: list[tuple[float, float, int]] = []
    for name, value in ((AMBER, t.amber), (GREEN, t.green)):
        label = f"{name} ≥ {_threshold_text(value)}"
        w = text_width(label, SMALL, bold=True)
        cx = min(max(x_of(value), PAD + w / 2), right - w / 2)
        a, b = cx - w / 2, cx + w / 2
        row = 0
        while any(r == row and a < bb + 6 and b > aa - 6 for aa, bb, r in spans):
            row += 1
        spans.append((a, b, row))
        canvas.text(cx, top + row * row_h + SMALL, label, size=SMALL, anchor="middle", bold=True)
    return (1 + max(r for _, _, r in spans)) * row_h + 2


def _vertical_rules(canvas: Canvas, x_of: _Scale, t: Thresholds, y1: float, y2: float) -> None:
    """Grid at 0, 25, .., 100 and the two threshold lines (AMBER dashed, GREEN dotted)."""
    for tick in (0, 25, 50, 75, 100):
        canvas.line(x_of(tick), y1, x_of(tick), y2, stroke=GRID, width=0.8, layer="grid")
    canvas.line(x_of(t.amber), y1 - 3, x_of(t.amber), y2, width=1.3, dash="6 3", layer="rules")
    canvas.line(x_of(t.green), y1 - 3, x_of(t.green), y2, width=1.3, dash="2 2", layer="rules")


def _axis(canvas: Canvas, x_of: _Scale, y: float) -> float:
    """Tick labels 0, 25, .., 100 under the plot at ``y``; returns the height used."""
    for tick in (0, 25, 50, 75, 100):
        canvas.text(x_of(tick), y + SMALL + 3, str(tick), size=SMALL, anchor="middle", fill=MUTED)
    return SMALL + 6


def _label_block(lines: Sequence[str], lh: float, size: float = SIZE) -> float:
    """Height of a block of ``lines`` from the top of the first to the bottom of the last."""
    return (len(lines) - 1) * lh + size * 1.05


def _row_label(
    canvas: Canvas, text: str, width: float, top: float, height: float, strong: bool
) -> None:
    """A row's label at the left, wrapped to two lines, centred on the row."""
    lh = SIZE * 1.3
    lines, cut = wrap(text, width, SIZE, bold=strong, max_lines=ROW_LINES)
    block = _label_block(lines, lh)
    first = top + (height - block) / 2 + SIZE * 0.8
    canvas.label(PAD, first, lines, lh, bold=strong, tooltip=text if cut else None)


def _row_height(text: str, width: float, strong: bool, minimum: float = 0.0) -> float:
    lines, _ = wrap(text, width, SIZE, bold=strong, max_lines=ROW_LINES)
    return max(_label_block(lines, SIZE * 1.3) + 10, minimum)


# ---------------------------------------------------------------- bars


@dataclass(frozen=True)
class BarRow:
    """One bar: a theme, a bank or the overall score (unrounded; rounded on output)."""

    label: str
    score: float | None
    rag: str
    provisional: bool = False
    strong: bool = False  # bold label (e.g. Overall)


@dataclass(frozen=True)
class Heading:
    """A heading row between groups of bars ('4P themes', 'Banks')."""

    text: str


def bar_chart(
    rows: Sequence[BarRow | Heading],
    *,
    title: str,
    desc: str,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    width: float = WIDTH,
) -> str:
    """Horizontal bars of scores 0..100 against the AMBER and GREEN thresholds.

    Each bar ends with its score and RAG word ('61.3 AMBER', '(provisional)' where so);
    a null score is written 'unrated' with no bar. Bars are filled by RAG with a pattern
    (GREEN solid, AMBER striped, RED crosshatched) as well as a colour.
    """
    canvas = Canvas(width, _prefix("bars", rows, title, desc, thresholds, width))
    bars = [r for r in rows if isinstance(r, BarRow)]
    longest = max([text_width(r.label, SIZE, r.strong) for r in bars] + [60.0])
    label_w = min(longest, width * 0.34)
    x0 = PAD + label_w + 14
    # As wide a scale as lets every bar's words end inside the chart.
    right = width - PAD
    span = right - x0 - text_width("100", SMALL) / 2
    for r in bars:
        w = text_width(score_words(r.score, r.rag, r.provisional), SIZE, bold=True) + 5
        share = _clamp_score(r.score or 0) / 100
        if r.score is None:
            w += 4
        if share > 0:
            span = min(span, (right - x0 - w) / share)
        span = min(span, right - x0 - w) if r.score is None else span
    x_of = _Scale(x0, x0 + max(span, 60.0))
    y = PAD + _threshold_labels(canvas, x_of, thresholds, PAD, width - PAD)
    plot_top = y
    lh = SIZE * 1.3
    for row in rows:
        if isinstance(row, Heading):
            lines, cut = wrap(row.text, width - 2 * PAD, SIZE, bold=True, max_lines=1)
            y += 6
            canvas.label(
                PAD, y + SIZE * 0.8, lines, lh, bold=True, tooltip=row.text if cut else None
            )
            y += SIZE * 1.05 + 3
            canvas.line(PAD, y, width - PAD, y, stroke=GRID, width=0.8, layer="grid")
            y += 3
            continue
        row_h = _row_height(row.label, label_w, row.strong, 26)
        _row_label(canvas, row.label, label_w, y, row_h, row.strong)
        centre = y + row_h / 2
        baseline = centre + SIZE * 0.35
        text = score_words(row.score, row.rag, row.provisional)
        if row.score is None:
            canvas.text(x_of.x0 + 4, baseline, text, italic=True, fill=MUTED, halo=True)
        else:
            end = x_of(row.score)
            canvas.rect(
                x_of.x0,
                centre - 8,
                end - x_of.x0,
                16,
                canvas.fill_for(row.rag),
                stroke=INK,
                tooltip=f"{row.label}: {text}",
            )
            canvas.text(end + 5, baseline, text, bold=True, halo=True)
        y += row_h
    _vertical_rules(canvas, x_of, thresholds, plot_top, y)
    y += _axis(canvas, x_of, y)
    return canvas.svg(y + PAD, title, desc)


# ---------------------------------------------------------------- lines over the years


@dataclass(frozen=True)
class LineSeries:
    """One line: a score per period (None where there is none), and optionally its RAG."""

    label: str
    values: Sequence[float | None]
    rags: Sequence[str] = ()
    strong: bool = False  # drawn thick and black (e.g. Overall)


@dataclass(frozen=True)
class SeriesStyle:
    colour: str
    dash: str
    shape: str
    hollow: bool
    width: float


def series_styles(series: Sequence[LineSeries]) -> list[SeriesStyle]:
    """A distinct look per series: colour, dash pattern and marker (filled, then hollow)
    all change, so no two of the first 24 look alike even in black and white."""
    out = []
    k = 0
    for s in series:
        if s.strong:
            out.append(SeriesStyle(INK, "", "circle", False, 3.0))
            continue
        out.append(
            SeriesStyle(
                PALETTE[k % len(PALETTE)],
                DASHES[k % len(DASHES)],
                SHAPES[k % len(SHAPES)],
                (k // len(SHAPES)) % 2 == 1,
                2.0,
            )
        )
        k += 1
    return out


def spread(
    desired: Sequence[float], heights: Sequence[float], lo: float, hi: float, gap: float = 3.0
) -> list[float]:
    """Tops for boxes of ``heights`` stacked in one column: each as near its desired top
    as it can be, none overlapping (``gap`` apart), all within ``lo``..``hi`` where they
    fit. Boxes keep the order of their desired tops (ties: input order). Overlapping
    boxes are merged into clusters placed at their members' mean offset."""
    n = len(desired)
    order = sorted(range(n), key=lambda i: (desired[i], i))
    clusters: list[tuple[list[int], float]] = []

    def extent(members: list[int]) -> float:
        return math.fsum(heights[i] for i in members) + gap * (len(members) - 1)

    def place(members: list[int]) -> float:
        offsets, at = [], 0.0
        for i in members:
            offsets.append(desired[i] - at)
            at += heights[i] + gap
        top = math.fsum(offsets) / len(offsets)
        return min(max(top, lo), max(lo, hi - extent(members)))

    for i in order:
        clusters.append(([i], place([i])))
        while len(clusters) > 1:
            (pm, pt), (cm, ct) = clusters[-2], clusters[-1]
            if pt + extent(pm) + gap <= ct + 1e-9:
                break
            merged = pm + cm
            clusters[-2:] = [(merged, place(merged))]
    tops = [0.0] * n
    for members, top in clusters:
        at = top
        for i in members:
            tops[i] = at
            at += heights[i] + gap
    return tops


def _stagger(
    canvas: Canvas, items: Sequence[tuple[float, str]], y: float, size: float, right: float
) -> float:
    """Labels centred at their x on as many rows as keep them apart; returns height."""
    row_h = size * 1.35
    spans: list[tuple[float, float, int]] = []
    for cx, text in items:
        w = text_width(text, size)
        cx = min(max(cx, PAD + w / 2), right - w / 2)
        a, b = cx - w / 2, cx + w / 2
        row = 0
        while any(r == row and a < bb + 6 and b > aa - 6 for aa, bb, r in spans):
            row += 1
        spans.append((a, b, row))
        canvas.text(cx, y + row * row_h + size, text, size=size, anchor="middle")
    return (1 + max((r for _, _, r in spans), default=0)) * row_h


def line_chart(
    periods: Sequence[str],
    series: Sequence[LineSeries],
    *,
    title: str,
    desc: str,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    width: float = WIDTH,
    height: float = 240,
) -> str:
    """Scores 0..100 over the periods, one line per series, labelled at its right end.

    Each direct label is the series' name with its latest score and RAG word, beside a
    key of the line's dash and marker; labels are pushed apart (the plot grows taller
    where they need more room) and joined to their line's last point by a thin leader.
    The RAG bands are shaded and the thresholds drawn and labelled.
    """
    canvas = Canvas(width, _prefix("lines", periods, series, title, desc, thresholds, width))
    styles = series_styles(series)
    lh = SIZE * 1.3
    suffixes = []
    lasts: list[int | None] = []
    for s in series:
        last = max((i for i, v in enumerate(s.values) if v is not None), default=None)
        lasts.append(last)
        if last is None:
            suffixes.append(" unrated")
        else:
            rag = s.rags[last] if last < len(s.rags) else ""
            suffixes.append(f" {number(s.values[last])}" + (f" {rag}" if rag else ""))
    longest = max(
        [text_width(s.label + x, SIZE, s.strong) for s, x in zip(series, suffixes, strict=True)]
        + [60.0]
    )
    label_w = min(longest, width * 0.33)
    key_w = 28
    x0 = PAD + text_width("100", SMALL) + 6
    x1 = width - PAD - label_w - key_w - 14
    labels = [
        wrap_with_suffix(s.label, x, label_w, SIZE, s.strong, max_lines=3)
        for s, x in zip(series, suffixes, strict=True)
    ]
    heights = [_label_block(lines, lh) + 2 for lines, _ in labels]
    gap = 3.0
    needed = math.fsum(heights) + gap * max(len(heights) - 1, 0)
    top = PAD + 4
    plot_h = max(height - 2 * PAD - 40, needed)
    bottom = top + plot_h

    def y_of(v: float) -> float:
        return bottom - _clamp_score(v) / 100 * plot_h

    n = max(len(periods), 1)
    step = (x1 - x0) / n
    xs = [x0 + step * (i + 0.5) for i in range(n)]

    # RAG bands, grid, thresholds
    t = thresholds
    for lo_v, hi_v, rag in ((0, t.amber, RED), (t.amber, t.green, AMBER), (t.green, 100, GREEN)):
        canvas.rect(x0, y_of(hi_v), x1 - x0, y_of(lo_v) - y_of(hi_v), RAG_TINT[rag], layer="back")
    for tick in (0, 25, 50, 75, 100):
        canvas.line(x0, y_of(tick), x1, y_of(tick), stroke=GRID, width=0.8, layer="grid")
        canvas.text(
            x0 - 4, y_of(tick) + SMALL * 0.35, str(tick), size=SMALL, anchor="end", fill=MUTED
        )
    canvas.line(x0, y_of(t.amber), x1, y_of(t.amber), width=1.2, dash="6 3", layer="grid")
    canvas.line(x0, y_of(t.green), x1, y_of(t.green), width=1.2, dash="2 2", layer="grid")
    green_y = y_of(t.green) - 4
    amber_y = y_of(t.amber) - 4
    if amber_y - green_y < SMALL * 1.2:  # close thresholds: AMBER's label under its line
        amber_y = y_of(t.amber) + SMALL + 2
    canvas.text(
        x0 + 4, green_y, f"GREEN ≥ {_threshold_text(t.green)}", size=SMALL, bold=True, halo=True
    )
    canvas.text(
        x0 + 4, amber_y, f"AMBER ≥ {_threshold_text(t.amber)}", size=SMALL, bold=True, halo=True
    )

    # lines and markers (the strong series last, on top)
    drawing = sorted(range(len(series)), key=lambda i: (series[i].strong, i))
    for i in drawing:
        s, st = series[i], styles[i]
        dash = f' stroke-dasharray="{st.dash}"' if st.dash else ""
        runs: list[list[tuple[float, float]]] = [[]]
        for j, v in enumerate(s.values[:n]):
            if v is None:
                runs.append([])
            else:
                runs[-1].append((xs[j], y_of(v)))
        for run in runs:
            if len(run) > 1:
                d = "M" + "L".join(f"{_f(x)} {_f(y)}" for x, y in run)
                canvas.add(
                    f'<path d="{d}" fill="none" stroke="{st.colour}" '
                    f'stroke-width="{_f(st.width)}" stroke-linejoin="round"{dash}/>'
                )
        for j, v in enumerate(s.values[:n]):
            if v is None:
                continue
            rag = s.rags[j] if j < len(s.rags) else ""
            tip = f"{s.label}, {periods[j]}: {number(v)}" + (f" {rag}" if rag else "")
            fill = "#ffffff" if st.hollow else st.colour
            canvas.add(
                f"<g><title>{esc(tip)}</title>"
                f"{marker(st.shape, xs[j], y_of(v), 4.5 if s.strong else 4, fill, st.colour)}</g>"
            )

    # direct labels at the right, pushed apart
    desired = []
    for s, last in zip(series, lasts, strict=True):
        anchor = bottom if last is None else y_of(s.values[last])  # type: ignore[arg-type]
        desired.append(anchor - SIZE * 0.55)
    tops = spread(desired, heights, top, bottom, gap)
    key_x = x1 + 12
    text_x = key_x + key_w
    for i, s in enumerate(series):
        st = styles[i]
        lines, cut = labels[i]
        baseline = tops[i] + SIZE * 0.8 + 1
        mid = baseline - SIZE * 0.35
        last = lasts[i]
        if last is not None:
            px, py = xs[last], y_of(s.values[last])  # type: ignore[arg-type]
            canvas.line(px + 5, py, key_x - 2, mid, stroke=st.colour, width=0.8, layer="grid")
        dash = f' stroke-dasharray="{st.dash}"' if st.dash else ""
        canvas.add(
            f'<path d="M{_f(key_x)} {_f(mid)}H{_f(key_x + key_w - 6)}" stroke="{st.colour}" '
            f'stroke-width="{_f(st.width)}"{dash}/>'
        )
        fill = "#ffffff" if st.hollow else st.colour
        canvas.add(marker(st.shape, key_x + (key_w - 6) / 2, mid, 4, fill, st.colour))
        canvas.label(text_x, baseline, lines, lh, bold=s.strong, tooltip=s.label if cut else None)

    y = bottom + 6
    y += _stagger(canvas, list(zip(xs, periods, strict=False)), y, SMALL + 1, x1 + 20)
    return canvas.svg(y + PAD, title, desc)


# ---------------------------------------------------------------- before and after


@dataclass(frozen=True)
class Change:
    """One row of a before/after chart (scores unrounded; None where there is none)."""

    label: str
    old: float | None
    new: float | None
    old_rag: str = UNRATED
    new_rag: str = UNRATED
    strong: bool = False


def change_words(old: float | None, new: float | None) -> str:
    """'up 9.3', 'down 2.0', 'no change', 'newly scored', 'no longer scored'."""
    if old is None and new is None:
        return "no score"
    if old is None:
        return "newly scored"
    if new is None:
        return "no longer scored"
    delta = round(new - old, 1)
    if abs(new - old) < 1e-9:
        return "no change"
    if abs(delta) < 0.1:
        return "up less than 0.1" if new > old else "down less than 0.1"
    return f"up {abs(delta):.1f}" if delta > 0 else f"down {abs(delta):.1f}"


def _legend(canvas: Canvas, items: Sequence[tuple[str, str]], y: float, width: float) -> float:
    """A row (or rows) of legend items: (symbol markup with {x} {y} placeholders, text).

    Returns the height used. Each item is a 14-unit symbol then its text (one line,
    shortened with a tooltip where needed)."""
    row_h = SIZE * 1.5
    x = PAD
    row = 0
    max_text = width - 2 * PAD - 20
    for symbol, text in items:
        lines, cut = wrap(text, max_text, SIZE, max_lines=1)
        w = 20 + text_width(lines[0], SIZE)
        if x > PAD and x + w > width - PAD:
            row += 1
            x = PAD
        cy = y + row * row_h + SIZE * 0.5
        canvas.add(symbol.format(x=_f(x + 7), y=_f(cy)), "text")
        canvas.text(x + 18, cy + SIZE * 0.35, lines[0], tooltip=text if cut else None)
        x += w + 18
    return (row + 1) * row_h


def dumbbell_chart(
    rows: Sequence[Change],
    *,
    old_label: str,
    new_label: str,
    title: str,
    desc: str,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    width: float = WIDTH,
) -> str:
    """Before and after per row: a hollow circle (old) joined to a filled diamond (new),
    with both scores, their RAG words and the change written at the right."""
    canvas = Canvas(
        width, _prefix("dumbbell", rows, old_label, new_label, title, desc, thresholds, width)
    )
    vsize = SMALL + 1
    vlh = vsize * 1.3
    texts = []
    for r in rows:
        old = number(r.old) if r.old is not None else "unrated"
        new = number(r.new) if r.new is not None else "unrated"
        texts.append((f"{old} → {new}", change_words(r.old, r.new)))
    rag_lines = [f"{rag_name(r.old_rag)} → {rag_name(r.new_rag)}" for r in rows]
    widest = [text_width(f"{a}, {b}", vsize) for a, b in texts]
    widest += [text_width(t, vsize) for t in rag_lines]
    value_w = min(max([*widest, 40.0]), width * 0.3)
    blocks = []
    for (numbers, change), rags in zip(texts, rag_lines, strict=True):
        joined = f"{numbers}, {change}"
        lines = [joined] if text_width(joined, vsize) <= value_w else [numbers, change]
        blocks.append((lines, rags))
    longest = max([text_width(r.label, SIZE, r.strong) for r in rows] + [60.0])
    label_w = min(longest, width * 0.3)
    x_of = _Scale(PAD + label_w + 14, width - PAD - value_w - 16)
    old_symbol = marker("circle", 0, 0, 5, "#ffffff").replace('cx="0" cy="0"', 'cx="{x}" cy="{y}"')
    new_symbol = (
        '<path d="M{x} {y}m0 -6.5l6.5 6.5l-6.5 6.5l-6.5 -6.5z" fill="#1a1a1a" '
        'stroke="#1a1a1a" stroke-width="1.5"/>'
    )
    y = PAD + _legend(canvas, [(old_symbol, old_label), (new_symbol, new_label)], PAD, width)
    y += _threshold_labels(canvas, x_of, thresholds, y, x_of.x1 + 12)
    plot_top = y
    vx = width - PAD - value_w
    for r, (lines, rags) in zip(rows, blocks, strict=True):
        shown = [*lines, rags]
        block = _label_block(shown, vlh, vsize)
        row_h = _row_height(r.label, label_w, r.strong, block + 10)
        _row_label(canvas, r.label, label_w, y, row_h, r.strong)
        c = y + row_h / 2
        first = y + (row_h - block) / 2 + vsize * 0.8
        for i, line in enumerate(shown):
            fitted, cut = wrap(line, value_w, vsize, max_lines=1)
            canvas.text(
                vx,
                first + i * vlh,
                fitted[0],
                size=vsize,
                fill=MUTED if i == len(shown) - 1 else INK,
                tooltip=line if cut else None,
            )
        first, second = ", ".join(lines), rags
        tip = f"{r.label}: {first}, {second}"
        if r.old is not None and r.new is not None:
            canvas.line(x_of(r.old), c, x_of(r.new), c, stroke="#777777", width=3)
        marks = ""
        if r.old is not None:
            marks += marker("circle", x_of(r.old), c, 5, "#ffffff")
        if r.new is not None:
            colour = RAG_FILL.get(r.new_rag, "#9e9e9e")
            marks += marker("diamond", x_of(r.new), c, 5, colour)
        if marks:
            canvas.add(f"<g><title>{esc(tip)}</title>{marks}</g>")
        else:
            canvas.text(x_of.x0 + 4, c + SIZE * 0.35, "unrated", italic=True, fill=MUTED)
        y += row_h
    _vertical_rules(canvas, x_of, thresholds, plot_top, y)
    y += _axis(canvas, x_of, y)
    return canvas.svg(y + PAD, title, desc)


# ---------------------------------------------------------------- strips (compare)


@dataclass(frozen=True)
class StripPoint:
    """One partnership on one strip: its number in the table, name and score."""

    index: int
    name: str
    score: float | None
    rag: str = UNRATED


@dataclass(frozen=True)
class Strip:
    """One row: every partnership's score for the overall score or a bank."""

    label: str
    points: Sequence[StripPoint]
    q1: float | None = None
    median: float | None = None
    q3: float | None = None
    note: str = ""  # said of the highlighted partnership, e.g. 'quartile 3'
    strong: bool = False


MAX_NUMBERED = 60  # above this many partnerships on a strip, dots are not numbered
MAX_LANES = 6


def _lanes(xs: Sequence[float], r: float, limit: int) -> list[int] | None:
    """A lane per dot (``xs`` in ascending order) so no two dots in one lane touch;
    None if that needs more than ``limit`` lanes."""
    last: list[float] = []  # the rightmost dot of each lane so far
    out = []
    for x in xs:
        for k, right in enumerate(last):
            if x - right >= 2 * r + 1:
                last[k] = x
                out.append(k)
                break
        else:
            if len(last) >= limit:
                return None
            last.append(x)
            out.append(len(last) - 1)
    return out


def strip_chart(
    strips: Sequence[Strip],
    *,
    title: str,
    desc: str,
    highlight: int | None = None,
    highlight_label: str = "",
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    width: float = WIDTH,
) -> str:
    """Per row, every partnership's score as a dot numbered as in the table beside the
    chart (dots stacked so they never overlap), the middle half (25th to 75th percentile)
    shaded and the median drawn; the ``highlight`` partnership's dot is black, and its
    score and RAG word (and the strip's ``note``) are written at the right."""
    canvas = Canvas(
        width, _prefix("strip", strips, highlight, highlight_label, title, desc, thresholds, width)
    )
    most = max((len(s.points) for s in strips), default=0)
    numbered = most <= MAX_NUMBERED
    r_numbered, r_small = 8.0, 3.5
    texts = []
    for s in strips:
        mine = next((p for p in s.points if p.index == highlight), None)
        median = f"median {number(s.median)}"
        if highlight is not None:
            words = (
                "unrated"
                if mine is None or mine.score is None
                else score_words(mine.score, mine.rag)
            )
            texts.append((words, s.note or median))
        else:
            rated = sum(1 for p in s.points if p.score is not None)
            texts.append((median, f"{rated} rated"))
    value_w = min(
        max(
            [text_width(a, SMALL + 1, bold=True) for a, _ in texts]
            + [text_width(b, SMALL + 1) for _, b in texts]
            + [40.0]
        ),
        width * 0.26,
    )
    longest = max([text_width(s.label, SIZE, s.strong) for s in strips] + [60.0])
    label_w = min(longest, width * 0.3)
    x_of = _Scale(PAD + label_w + 14 + r_numbered, width - PAD - value_w - 14 - r_numbered)
    legend = []
    if highlight is not None:
        legend.append(
            (
                '<circle cx="{x}" cy="{y}" r="6" fill="#1a1a1a" stroke="#1a1a1a"/>',
                highlight_label or f"partnership {highlight}",
            )
        )
    legend.append(
        (
            '<circle cx="{x}" cy="{y}" r="6" fill="#ffffff" stroke="#1a1a1a" stroke-width="1.2"/>',
            "other partnerships, numbered as in the table" if numbered else "other partnerships",
        )
    )
    legend.append(
        (
            '<rect x="{x}" y="{y}" transform="translate(-7 -6)" width="14" height="12" '
            'fill="#dcdcdc"/><path d="M{x} {y}m0 -6v12" stroke="#1a1a1a" stroke-width="2"/>',
            "middle half of the partnerships (25th to 75th percentile) and the median",
        )
    )
    y = PAD + _legend(canvas, legend, PAD, width)
    y += _threshold_labels(canvas, x_of, thresholds, y, x_of.x1 + r_numbered + 12)
    plot_top = y
    vx = width - PAD - value_w
    for s, (first, second) in zip(strips, texts, strict=True):
        points = sorted(
            (p for p in s.points if p.score is not None), key=lambda p: (p.score, p.index)
        )
        mine_points = [p for p in points if p.index == highlight]
        others = [p for p in points if p.index != highlight]
        # The highlighted dot sits alone in the bottom lane, numbered and full size; the
        # others are numbered dots in lanes above it, or small plain dots where too many
        # crowd together to keep numbered dots apart.
        xs = [x_of(p.score) for p in others]  # type: ignore[arg-type]
        r = r_numbered if numbered else r_small
        numbered_here = numbered
        lanes = _lanes(xs, r, MAX_LANES)
        if lanes is None and numbered:
            numbered_here, r = False, r_small
            lanes = _lanes(xs, r, MAX_LANES)
        if lanes is None:  # too crowded to keep apart: small dots may overlap
            lanes = [i % MAX_LANES for i in range(len(others))]
        lane_h = 2 * r + 2
        first_lane = 2 * r_numbered + 2 if mine_points else 0.0
        count = max(lanes, default=-1) + 1
        row_h = max(
            _row_height(s.label, label_w, s.strong, 2 * (SMALL + 1) * 1.3 + 10),
            first_lane + count * lane_h + 10,
        )
        _row_label(canvas, s.label, label_w, y, row_h, s.strong)
        base = y + row_h - 5
        if s.q1 is not None and s.q3 is not None:
            canvas.rect(
                x_of(s.q1), y + 3, x_of(s.q3) - x_of(s.q1), row_h - 6, "#dcdcdc", layer="back"
            )
        if s.median is not None:
            canvas.line(
                x_of(s.median), y + 3, x_of(s.median), y + row_h - 3, width=2, layer="rules"
            )
        canvas.line(
            x_of.x0, y + row_h, width - PAD, y + row_h, stroke=GRID, width=0.6, layer="grid"
        )
        placed = [
            (p, x_of(p.score or 0.0), base - r_numbered - 1, r_numbered, True) for p in mine_points
        ]
        placed += [
            (p, x, base - first_lane - r - 1 - lane * lane_h, r, numbered_here)
            for p, x, lane in zip(others, xs, lanes, strict=True)
        ]
        dots = []
        for p, x, cy, radius, with_number in placed:
            mine = p.index == highlight
            tip = f"{p.index}. {p.name}: {score_words(p.score, p.rag)}"
            circle = (
                f'<circle cx="{_f(x)}" cy="{_f(cy)}" r="{_f(radius)}" '
                f'fill="{INK if mine else "#ffffff"}" stroke="{INK}" stroke-width="1.2"/>'
            )
            label = ""
            if with_number:
                size = 9 if p.index < 100 else 7
                label = canvas.text_element(
                    x,
                    cy + size * 0.35,
                    str(p.index),
                    size=size,
                    anchor="middle",
                    bold=mine,
                    fill="#ffffff" if mine else INK,
                )
            dots.append((mine, f"<g><title>{esc(tip)}</title>{circle}{label}</g>"))
        # the highlighted dot last, on top
        canvas.add("".join(d for m, d in dots if not m) + "".join(d for m, d in dots if m), "text")
        c = y + row_h / 2
        canvas.text(vx, c - 2, first, size=SMALL + 1, bold=highlight is not None)
        canvas.text(vx, c - 2 + (SMALL + 1) * 1.3, second, size=SMALL + 1, fill=MUTED)
        y += row_h
    _vertical_rules(canvas, x_of, thresholds, plot_top, y)
    y += _axis(canvas, x_of, y)
    return canvas.svg(y + PAD, title, desc)
