"""Line charts: scores over the periods, one styled line per series (``trend``).

Part of the SVG charts (see ``render.html.svg_charts`` for what every chart keeps to).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from msht_toolkit.render.html.svg.canvas import (
    Canvas,
    id_prefix,
    label_block,
    marker,
)
from msht_toolkit.render.html.svg.text import (
    AMBER,
    DASHES,
    DEFAULT_THRESHOLDS,
    GREEN,
    GRID,
    INK,
    MUTED,
    PAD,
    PALETTE,
    RAG_TINT,
    RED,
    SHAPES,
    SIZE,
    SMALL,
    WIDTH,
    Thresholds,
    clamp_score,
    esc,
    number,
    px,
    text_width,
    threshold_text,
    wrap_with_suffix,
)

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
    canvas = Canvas(width, id_prefix("lines", periods, series, title, desc, thresholds, width))
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
    heights = [label_block(lines, lh) + 2 for lines, _ in labels]
    gap = 3.0
    needed = math.fsum(heights) + gap * max(len(heights) - 1, 0)
    top = PAD + 4
    plot_h = max(height - 2 * PAD - 40, needed)
    bottom = top + plot_h

    def y_of(v: float) -> float:
        return bottom - clamp_score(v) / 100 * plot_h

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
        x0 + 4, green_y, f"GREEN ≥ {threshold_text(t.green)}", size=SMALL, bold=True, halo=True
    )
    canvas.text(
        x0 + 4, amber_y, f"AMBER ≥ {threshold_text(t.amber)}", size=SMALL, bold=True, halo=True
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
                d = "M" + "L".join(f"{px(x)} {px(y)}" for x, y in run)
                canvas.add(
                    f'<path d="{d}" fill="none" stroke="{st.colour}" '
                    f'stroke-width="{px(st.width)}" stroke-linejoin="round"{dash}/>'
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
            end_x, end_y = xs[last], y_of(s.values[last])  # type: ignore[arg-type]
            canvas.line(end_x + 5, end_y, key_x - 2, mid, stroke=st.colour, width=0.8, layer="grid")
        dash = f' stroke-dasharray="{st.dash}"' if st.dash else ""
        canvas.add(
            f'<path d="M{px(key_x)} {px(mid)}H{px(key_x + key_w - 6)}" stroke="{st.colour}" '
            f'stroke-width="{px(st.width)}"{dash}/>'
        )
        fill = "#ffffff" if st.hollow else st.colour
        canvas.add(marker(st.shape, key_x + (key_w - 6) / 2, mid, 4, fill, st.colour))
        canvas.label(text_x, baseline, lines, lh, bold=s.strong, tooltip=s.label if cut else None)

    y = bottom + 6
    y += _stagger(canvas, list(zip(xs, periods, strict=False)), y, SMALL + 1, x1 + 20)
    return canvas.svg(y + PAD, title, desc)
