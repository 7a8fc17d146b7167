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

from msht_toolkit.render.html.svg.bars import (  # noqa: F401
    BarRow,
    Change,
    Heading,
    bar_chart,
    change_words,
    dumbbell_chart,
)
from msht_toolkit.render.html.svg.canvas import (  # noqa: F401
    HALO,
    LAYERS,
    ROW_LINES,
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
from msht_toolkit.render.html.svg.lines import (  # noqa: F401
    LineSeries,
    SeriesStyle,
    _stagger,
    line_chart,
    series_styles,
    spread,
)
from msht_toolkit.render.html.svg.strips import (  # noqa: F401
    MAX_LANES,
    MAX_NUMBERED,
    Strip,
    StripPoint,
    _lanes,
    strip_chart,
)
from msht_toolkit.render.html.svg.text import (  # noqa: F401
    _NEEDS_CLEANUP,
    _WIDE,
    _XML_CLEANUP,
    AMBER,
    DASHES,
    DEFAULT_THRESHOLDS,
    FONT,
    GREEN,
    GRID,
    INK,
    MUTED,
    PAD,
    PALETTE,
    RAG_FILL,
    RAG_TINT,
    RED,
    SHAPES,
    SIZE,
    SMALL,
    UNRATED,
    WIDTH,
    Thresholds,
    char_em,
    clamp_score,
    clean,
    esc,
    fit_word,
    number,
    px,
    rag_name,
    score_words,
    text_width,
    threshold_text,
    wrap,
    wrap_with_suffix,
)
