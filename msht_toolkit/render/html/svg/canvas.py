"""The drawing surface of the SVG charts: layered elements, markers, the 0..100 scale,
threshold rules, the axis, row labels and the legend.

Part of the SVG charts (see ``render.html.svg_charts`` for what every chart keeps to).
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from msht_toolkit.render.html.svg.text import (
    AMBER,
    FONT,
    GREEN,
    GRID,
    INK,
    MUTED,
    PAD,
    RAG_FILL,
    RED,
    SIZE,
    SMALL,
    Thresholds,
    esc,
    px,
    text_width,
    threshold_text,
    wrap,
)

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
        attrs = f'x="{px(x)}" y="{px(y)}" font-size="{px(size)}"'
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
            f'<line x1="{px(x1)}" y1="{px(y1)}" x2="{px(x2)}" y2="{px(y2)}" '
            f'stroke="{stroke}" stroke-width="{px(width)}"{extra}/>',
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
            f'<rect x="{px(x)}" y="{px(y)}" width="{px(max(w, 0))}" height="{px(max(h, 0))}" '
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
        w, h = px(self.width), px(math.ceil(height))
        head = (
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" '
            f'height="{h}" role="img" aria-labelledby="{p}-title {p}-desc" '
            f'font-family="{FONT}" class="chart">'
            f'<title id="{p}-title">{esc(title)}</title><desc id="{p}-desc">{esc(desc)}</desc>'
        )
        defs = f"<defs>{''.join(self.defs)}</defs>" if self.defs else ""
        body = "".join("".join(self.layers[k]) for k in LAYERS)
        return head + defs + body + "</svg>"


def id_prefix(kind: str, *content: object) -> str:
    """A deterministic id prefix, distinct per chart: ids must be unique in one page."""
    digest = hashlib.sha1(repr((kind, content)).encode("utf-8", "replace")).hexdigest()
    return f"{kind}-{digest[:10]}"


def marker(
    shape: str, x: float, y: float, r: float, fill: str, stroke: str = INK, sw: float = 1.5
) -> str:
    """A point marker (circle, square, triangle or diamond) centred on (x, y)."""
    if shape == "circle":
        return (
            f'<circle cx="{px(x)}" cy="{px(y)}" r="{px(r)}" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{px(sw)}"/>'
        )
    if shape == "square":
        s = r * 0.9
        d = f"M{px(x - s)} {px(y - s)}H{px(x + s)}V{px(y + s)}H{px(x - s)}Z"
    elif shape == "triangle":
        s = r * 1.15
        d = f"M{px(x)} {px(y - s)}L{px(x + s)} {px(y + s * 0.8)}L{px(x - s)} {px(y + s * 0.8)}Z"
    else:  # diamond
        s = r * 1.3
        d = f"M{px(x)} {px(y - s)}L{px(x + s)} {px(y)}L{px(x)} {px(y + s)}L{px(x - s)} {px(y)}Z"
    return f'<path d="{d}" fill="{fill}" stroke="{stroke}" stroke-width="{px(sw)}"/>'


class Scale:
    """Score 0..100 -> x between ``x0`` and ``x1``."""

    def __init__(self, x0: float, x1: float) -> None:
        self.x0, self.x1 = x0, x1

    def __call__(self, score: float) -> float:
        return self.x0 + min(max(score, 0.0), 100.0) / 100 * (self.x1 - self.x0)


def threshold_labels(canvas: Canvas, x_of: Scale, t: Thresholds, top: float, right: float) -> float:
    """'AMBER ≥ 40' and 'GREEN ≥ 75' above the plot at their x (on two rows where they
    would overlap); returns the height used."""
    row_h = SMALL * 1.4
    spans: list[tuple[float, float, int]] = []
    for name, value in ((AMBER, t.amber), (GREEN, t.green)):
        label = f"{name} ≥ {threshold_text(value)}"
        w = text_width(label, SMALL, bold=True)
        cx = min(max(x_of(value), PAD + w / 2), right - w / 2)
        a, b = cx - w / 2, cx + w / 2
        row = 0
        while any(r == row and a < bb + 6 and b > aa - 6 for aa, bb, r in spans):
            row += 1
        spans.append((a, b, row))
        canvas.text(cx, top + row * row_h + SMALL, label, size=SMALL, anchor="middle", bold=True)
    return (1 + max(r for _, _, r in spans)) * row_h + 2


def vertical_rules(canvas: Canvas, x_of: Scale, t: Thresholds, y1: float, y2: float) -> None:
    """Grid at 0, 25, .., 100 and the two threshold lines (AMBER dashed, GREEN dotted)."""
    for tick in (0, 25, 50, 75, 100):
        canvas.line(x_of(tick), y1, x_of(tick), y2, stroke=GRID, width=0.8, layer="grid")
    canvas.line(x_of(t.amber), y1 - 3, x_of(t.amber), y2, width=1.3, dash="6 3", layer="rules")
    canvas.line(x_of(t.green), y1 - 3, x_of(t.green), y2, width=1.3, dash="2 2", layer="rules")


def draw_axis(canvas: Canvas, x_of: Scale, y: float) -> float:
    """Tick labels 0, 25, .., 100 under the plot at ``y``; returns the height used."""
    for tick in (0, 25, 50, 75, 100):
        canvas.text(x_of(tick), y + SMALL + 3, str(tick), size=SMALL, anchor="middle", fill=MUTED)
    return SMALL + 6


def label_block(lines: Sequence[str], lh: float, size: float = SIZE) -> float:
    """Height of a block of ``lines`` from the top of the first to the bottom of the last."""
    return (len(lines) - 1) * lh + size * 1.05


def row_label(
    canvas: Canvas, text: str, width: float, top: float, height: float, strong: bool
) -> None:
    """A row's label at the left, wrapped to two lines, centred on the row."""
    lh = SIZE * 1.3
    lines, cut = wrap(text, width, SIZE, bold=strong, max_lines=ROW_LINES)
    block = label_block(lines, lh)
    first = top + (height - block) / 2 + SIZE * 0.8
    canvas.label(PAD, first, lines, lh, bold=strong, tooltip=text if cut else None)


def row_height(text: str, width: float, strong: bool, minimum: float = 0.0) -> float:
    lines, _ = wrap(text, width, SIZE, bold=strong, max_lines=ROW_LINES)
    return max(label_block(lines, SIZE * 1.3) + 10, minimum)


def draw_legend(canvas: Canvas, items: Sequence[tuple[str, str]], y: float, width: float) -> float:
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
        canvas.add(symbol.format(x=px(x + 7), y=px(cy)), "text")
        canvas.text(x + 18, cy + SIZE * 0.35, lines[0], tooltip=text if cut else None)
        x += w + 18
    return (row + 1) * row_h
