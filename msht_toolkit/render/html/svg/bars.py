"""Bar charts (scores against the thresholds) and before-and-after dumbbells (``diff``).

Part of the SVG charts (see ``render.html.svg_charts`` for what every chart keeps to).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from msht_toolkit.render.html.svg.canvas import (
    Canvas,
    Scale,
    draw_axis,
    draw_legend,
    id_prefix,
    label_block,
    marker,
    row_height,
    row_label,
    threshold_labels,
    vertical_rules,
)
from msht_toolkit.render.html.svg.text import (
    DEFAULT_THRESHOLDS,
    GRID,
    INK,
    MUTED,
    PAD,
    RAG_FILL,
    SIZE,
    SMALL,
    UNRATED,
    WIDTH,
    Thresholds,
    clamp_score,
    esc,
    number,
    rag_name,
    score_words,
    text_width,
    wrap,
)

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
    canvas = Canvas(width, id_prefix("bars", rows, title, desc, thresholds, width))
    bars = [r for r in rows if isinstance(r, BarRow)]
    longest = max([text_width(r.label, SIZE, r.strong) for r in bars] + [60.0])
    label_w = min(longest, width * 0.34)
    x0 = PAD + label_w + 14
    # As wide a scale as lets every bar's words end inside the chart.
    right = width - PAD
    span = right - x0 - text_width("100", SMALL) / 2
    for r in bars:
        w = text_width(score_words(r.score, r.rag, r.provisional), SIZE, bold=True) + 5
        share = clamp_score(r.score or 0) / 100
        if r.score is None:
            w += 4
        if share > 0:
            span = min(span, (right - x0 - w) / share)
        span = min(span, right - x0 - w) if r.score is None else span
    x_of = Scale(x0, x0 + max(span, 60.0))
    y = PAD + threshold_labels(canvas, x_of, thresholds, PAD, width - PAD)
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
        row_h = row_height(row.label, label_w, row.strong, 26)
        row_label(canvas, row.label, label_w, y, row_h, row.strong)
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
    vertical_rules(canvas, x_of, thresholds, plot_top, y)
    y += draw_axis(canvas, x_of, y)
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
        width, id_prefix("dumbbell", rows, old_label, new_label, title, desc, thresholds, width)
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
    x_of = Scale(PAD + label_w + 14, width - PAD - value_w - 16)
    old_symbol = marker("circle", 0, 0, 5, "#ffffff").replace('cx="0" cy="0"', 'cx="{x}" cy="{y}"')
    new_symbol = (
        '<path d="M{x} {y}m0 -6.5l6.5 6.5l-6.5 6.5l-6.5 -6.5z" fill="#1a1a1a" '
        'stroke="#1a1a1a" stroke-width="1.5"/>'
    )
    y = PAD + draw_legend(canvas, [(old_symbol, old_label), (new_symbol, new_label)], PAD, width)
    y += threshold_labels(canvas, x_of, thresholds, y, x_of.x1 + 12)
    plot_top = y
    vx = width - PAD - value_w
    for r, (lines, rags) in zip(rows, blocks, strict=True):
        shown = [*lines, rags]
        block = label_block(shown, vlh, vsize)
        row_h = row_height(r.label, label_w, r.strong, block + 10)
        row_label(canvas, r.label, label_w, y, row_h, r.strong)
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
    vertical_rules(canvas, x_of, thresholds, plot_top, y)
    y += draw_axis(canvas, x_of, y)
    return canvas.svg(y + PAD, title, desc)
