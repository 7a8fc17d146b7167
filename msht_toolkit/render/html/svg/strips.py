"""Strip charts: every partnership a numbered dot per row (``compare``).

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
    SIZE,
    SMALL,
    UNRATED,
    WIDTH,
    Thresholds,
    esc,
    number,
    px,
    score_words,
    text_width,
)

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
        width,
        id_prefix("strip", strips, highlight, highlight_label, title, desc, thresholds, width),
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
    x_of = Scale(PAD + label_w + 14 + r_numbered, width - PAD - value_w - 14 - r_numbered)
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
    y = PAD + draw_legend(canvas, legend, PAD, width)
    y += threshold_labels(canvas, x_of, thresholds, y, x_of.x1 + r_numbered + 12)
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
            row_height(s.label, label_w, s.strong, 2 * (SMALL + 1) * 1.3 + 10),
            first_lane + count * lane_h + 10,
        )
        row_label(canvas, s.label, label_w, y, row_h, s.strong)
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
                f'<circle cx="{px(x)}" cy="{px(cy)}" r="{px(radius)}" '
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
    vertical_rules(canvas, x_of, thresholds, plot_top, y)
    y += draw_axis(canvas, x_of, y)
    return canvas.svg(y + PAD, title, desc)
