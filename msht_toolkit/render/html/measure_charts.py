"""Small multiples of performance measures as one inline SVG: a panel per measure.

Each panel has the measure's title (wrapped, shortened with an ellipsis and the full
text in a ``<title>`` tooltip), which way is better, and a column per period: its
height the figure on a scale from 0 to the largest figure of that measure (0 to 100 for
a percentage), the figure written above it, the period below. A period with no figure
says "none" where its column would stand; a figure of 0 is a flat line with "0" above
it. The latest period's column is dark, earlier ones light, so black-and-white prints
read. A flagged measure (its rating and its outcome disagree) is framed and says
"check" beside its title. Measures are not rated, so no RAG colour is used.

Built on ``svg_charts``' canvas and text helpers: the same accessible root (``role="img"``
with ``<title>`` and ``<desc>``), escaping and deterministic output.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence

from msht_toolkit.render.html.svg_charts import (
    GRID,
    INK,
    MUTED,
    PAD,
    SMALL,
    WIDTH,
    Canvas,
    esc,
    text_width,
    wrap,
)
from msht_toolkit.vocabulary import figure

COLUMNS = 3  # panels per row
GAP = 14.0  # between panels
PLOT_H = 52.0  # height of a panel's plot area
TITLE_SIZE = 11.0
TITLE_LINES = 3  # a title wraps to at most this many lines, then is shortened
LATEST = "#0b4f82"  # the latest period's column
EARLIER = "#9cc3e0"  # earlier periods' columns
FLAG = "#b3261e"
BETTER_WORDS = {
    "higher": "higher is better",
    "lower": "lower is better",
    "neither": "neither better nor worse",
}


def figure_text(value: float | None, unit: str) -> str:
    """A figure as a column's label: "46", "44%", "1,250", "none"."""
    if value is None:
        return "none"
    text = figure(value)
    return text + ("%" if unit == "percent" else "")


def _f(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _prefix(*content: object) -> str:
    digest = hashlib.sha1(repr(("measures", content)).encode("utf-8", "replace")).hexdigest()
    return f"measures-{digest[:10]}"


def _top(values: Sequence[float | None], unit: str) -> float:
    """The top of a panel's scale: 100 for a percentage, else the largest figure."""
    if unit == "percent":
        return 100.0
    return max((v for v in values if v is not None), default=0.0) or 1.0


def period_labels(periods: Sequence[str], step: float) -> list[str]:
    """The periods as written under a panel: whole where they fit, "25/26" for
    "2025/26" where not, else only the first and the last."""
    room = step - 4

    def fits(texts: Sequence[str]) -> bool:
        return all(text_width(t, SMALL) <= room for t in texts)

    if fits(periods):
        return list(periods)
    short = [p[2:] if len(p) == 7 and p[4] == "/" and p[:4].isdigit() else p for p in periods]
    if fits(short):
        return short
    return [p if i in (0, len(periods) - 1) else "" for i, p in enumerate(short)]


def _tip(label: str, period: str, text: str, value: float | None) -> str:
    return f"{label}, {period}: {text if value is not None else 'no figure recorded'}"


def _height(value: float, top: float) -> float:
    return min(max(value, 0.0), top) / top * PLOT_H


def _columns(
    canvas: Canvas,
    xs: Sequence[float],
    base: float,
    step: float,
    top: float,
    periods: Sequence[str],
    label: str,
    unit: str,
    values: Sequence[float | None],
) -> None:
    """A column per period; the latest with a figure dark, the others light."""
    bar_w = min(30.0, step * 0.55)
    latest = max((i for i, v in enumerate(values) if v is not None), default=None)
    for i, cx in enumerate(xs):
        value = values[i] if i < len(values) else None
        text = figure_text(value, unit)
        if value is None:
            canvas.text(cx, base - 3, text, size=SMALL, anchor="middle", fill=MUTED, italic=True)
            continue
        h = _height(value, top)
        fill = LATEST if i == latest else EARLIER
        tip = _tip(label, periods[i], text, value)
        canvas.rect(cx - bar_w / 2, base - h, bar_w, h, fill, stroke=INK if h else "", tooltip=tip)
        if not h:
            canvas.line(cx - bar_w / 2, base, cx + bar_w / 2, base, stroke=INK, width=2)
        canvas.text(cx, base - h - 3, text, size=SMALL, anchor="middle", bold=i == latest)


def _lines(
    canvas: Canvas,
    xs: Sequence[float],
    base: float,
    step: float,
    top: float,
    periods: Sequence[str],
    label: str,
    unit: str,
    values: Sequence[float | None],
) -> None:
    """A line through the periods' figures, broken where one is missing; each point
    marked and its figure written above it."""
    runs: list[list[tuple[float, float]]] = [[]]
    for i, cx in enumerate(xs):
        value = values[i] if i < len(values) else None
        if value is None:
            runs.append([])
        else:
            runs[-1].append((cx, base - _height(value, top)))
    for run in runs:
        if len(run) > 1:
            d = "M" + "L".join(f"{_f(px)} {_f(py)}" for px, py in run)
            canvas.add(f'<path d="{d}" fill="none" stroke="{LATEST}" stroke-width="2"/>')
    for i, cx in enumerate(xs):
        value = values[i] if i < len(values) else None
        text = figure_text(value, unit)
        if value is None:
            canvas.text(cx, base - 3, text, size=SMALL, anchor="middle", fill=MUTED, italic=True)
            continue
        py = base - _height(value, top)
        tip = esc(_tip(label, periods[i], text, value))
        canvas.add(
            f'<g><title>{tip}</title><circle cx="{_f(cx)}" cy="{_f(py)}" r="3.5" '
            f'fill="{LATEST}" stroke="#ffffff" stroke-width="1"/></g>'
        )
        canvas.text(cx, py - 6, text, size=SMALL, anchor="middle", halo=True)


def _title(label: str, width: float, flagged: bool) -> tuple[list[str], bool]:
    flag_w = text_width("check", SMALL, True) + 6 if flagged else 0.0
    return wrap(label, width - flag_w - 4, TITLE_SIZE, bold=True, max_lines=TITLE_LINES)


def _panel(
    canvas: Canvas,
    x: float,
    y: float,
    width: float,
    periods: Sequence[str],
    label: str,
    unit: str,
    better: str,
    values: Sequence[float | None],
    flagged: bool,
    title_lines: int,
    as_line: bool = False,
) -> float:
    """One measure's panel with its top-left corner at (x, y), its plot below room for
    ``title_lines`` lines of title (the most in its row); returns its height."""
    lines, cut = _title(label, width, flagged)
    lh = TITLE_SIZE * 1.25
    canvas.label(
        x + 2, y + TITLE_SIZE, lines, lh, size=TITLE_SIZE, bold=True, tooltip=label if cut else None
    )
    if flagged:
        canvas.text(
            x + width - 2, y + TITLE_SIZE, "check", size=SMALL, bold=True, anchor="end", fill=FLAG
        )
    at = y + lh * title_lines + 2
    canvas.text(x + 2, at + SMALL * 0.8, BETTER_WORDS.get(better, better), size=SMALL, fill=MUTED)
    at += SMALL * 1.3 + SMALL * 1.2  # the better-words line, then room for the top figure
    base = at + PLOT_H
    top = _top(values, unit)
    n = max(len(periods), 1)
    step = (width - 8) / n
    xs = [x + 4 + step * (i + 0.5) for i in range(n)]
    canvas.line(x + 2, base, x + width - 2, base, stroke=GRID, width=1, layer="grid")
    marks = _lines if as_line else _columns
    marks(canvas, xs, base, step, top, periods, label, unit, values)
    for cx, text in zip(xs, period_labels(periods, step), strict=True):
        if text:
            canvas.text(cx, base + SMALL + 3, text, size=SMALL, anchor="middle", fill=MUTED)
    height = base + SMALL + 8 - y
    if flagged:
        canvas.add(
            f'<rect x="{_f(x - 4)}" y="{_f(y - 4)}" width="{_f(width + 8)}" '
            f'height="{_f(height + 6)}" fill="none" stroke="{FLAG}" stroke-width="1.5" '
            'stroke-dasharray="5 3"/>',
            "rules",
        )
    return height


def measure_panels(
    periods: Sequence[str],
    series: Sequence[tuple[str, str, str, Sequence[float | None], bool]],
    *,
    title: str,
    desc: str,
    width: float = WIDTH,
    lines: bool = False,
) -> str:
    """The panels, ``COLUMNS`` to a row; ``series`` is (label, unit, better, values per
    period, flagged) for each measure; ``lines`` draws a line through the periods
    instead of a column for each (``trend``)."""
    canvas = Canvas(width, _prefix(periods, series, title, desc, width, lines))
    panel_w = (width - 2 * PAD - GAP * (COLUMNS - 1)) / COLUMNS
    y = PAD + 4
    for start in range(0, len(series), COLUMNS):
        row = series[start : start + COLUMNS]
        most = max(len(_title(s[0], panel_w, s[4])[0]) for s in row)
        heights = []
        for k, (label, unit, better, values, flagged) in enumerate(row):
            x = PAD + k * (panel_w + GAP)
            heights.append(
                _panel(
                    canvas,
                    x,
                    y,
                    panel_w,
                    periods,
                    label,
                    unit,
                    better,
                    values,
                    flagged,
                    most,
                    lines,
                )
            )
        y += max(heights) + GAP
    return canvas.svg(math.ceil(y - GAP + PAD + 4), title, desc)
