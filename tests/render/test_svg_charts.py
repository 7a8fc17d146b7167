"""`render/svg_charts.py`: charts a board member can read, on screen and in black and white.

Every chart is parsed as XML: accessible title and description, every text inside the
viewBox, no two labels overlapping (long bank titles, eight and more series with close
values, close thresholds, scores at 0 and 100), RAG as a word, user text escaped, the
same bytes for the same input.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from msht_toolkit.render.html.svg_charts import (
    BarRow,
    Change,
    Heading,
    LineSeries,
    Strip,
    StripPoint,
    Thresholds,
    bar_chart,
    dumbbell_chart,
    esc,
    line_chart,
    series_styles,
    spread,
    strip_chart,
    text_width,
    wrap,
)
from tests.svg_check import SVG, check_chart, texts

LONG = "Victim support from first contact through recovery and reintegration"  # 70
SIXTY = "Identification and referral of potential victims in the area"  # 61
NASTY = "<script>alert(1)</script> & [x](http://evil) \x1b]52;c;aGk=\x07 \x00end"
TITLES = [
    "Overall",
    "Identification and referral",
    "Pursue",
    "Prevent",
    "Protect",
    "Partnership readiness",
    LONG,
    SIXTY,
    "Supply chains",
    NASTY,
]


def bars(**kw: object) -> str:
    rows = [
        Heading("4P themes"),
        BarRow("Overall", 61.34, "AMBER", strong=True),
        BarRow("Pursue", 30.0, "RED"),
        BarRow("Prepare", 100.0, "GREEN"),
        BarRow("Protect", 0.0, "RED"),
        Heading("Banks"),
        BarRow(SIXTY, 80.0, "GREEN", provisional=True),
        BarRow(LONG, None, "UNRATED"),
        BarRow(NASTY, 45.0, "AMBER"),
    ]
    return bar_chart(rows, title="Midshire: themes and banks", desc="Scores 0 to 100.", **kw)  # type: ignore[arg-type]


def lines(n: int = 10, **kw: object) -> str:
    series = [
        LineSeries(
            TITLES[i % len(TITLES)] + ("" if i < len(TITLES) else f" {i}"),
            [50 + i * 0.2, 51 + i * 0.1, None if i == 3 else 52 + i * 0.05],
            ["AMBER"] * 3,
            strong=i == 0,
        )
        for i in range(n)
    ]
    return line_chart(
        ["2025/26", "2026/27", "2027/28"], series, title="Scores over the years", desc="d", **kw
    )  # type: ignore[arg-type]


def dumbbell(**kw: object) -> str:
    rows = [
        Change("Overall", 52.0, 61.3, "AMBER", "AMBER", strong=True),
        Change(LONG, 80.0, 70.0, "GREEN", "AMBER"),
        Change(SIXTY, None, 30.0, "UNRATED", "RED"),
        Change("Prevent", 45.0, 45.0, "AMBER", "AMBER"),
        Change(NASTY, 10.0, None, "RED", "UNRATED"),
        Change("Nothing", None, None),
    ]
    return dumbbell_chart(
        rows, old_label="2025/26", new_label="2026/27", title="Before and after", desc="d", **kw
    )  # type: ignore[arg-type]


def strips(n: int = 14, highlight: int | None = 3, **kw: object) -> str:
    pts = [StripPoint(i + 1, f"Partnership {i + 1}", 30 + (i * 37) % 40, "AMBER") for i in range(n)]
    close = [StripPoint(p.index, p.name, 50 + p.index % 3 * 0.1, "AMBER") for p in pts]
    rows = [
        Strip("Overall", pts, 40, 50, 60, note="quartile 3", strong=True),
        Strip(LONG, close, 50, 50.1, 50.2),
        Strip(NASTY, [StripPoint(1, NASTY, 0.0), StripPoint(2, "B", 100.0)], None, None, None),
        Strip("Nobody rated", [StripPoint(3, "C", None)]),
    ]
    return strip_chart(
        rows,
        highlight=highlight,
        highlight_label="Midshire Anti-Slavery Partnership",
        title="Midshire among the partnerships",
        desc="d",
        **kw,  # type: ignore[arg-type]
    )


ALL = {"bars": bars, "lines": lines, "dumbbell": dumbbell, "strips": strips}


def test_every_chart_is_readable() -> None:
    for name, make in ALL.items():
        for width in (720, 480):
            check_chart(make(width=width)), name


def test_text_estimate_is_at_least_0_6_em_a_character() -> None:
    for text in ("iiii", "llll....", "MMMM", "Identification", "100.0 AMBER", "→ ≥", "0््"):
        assert text_width(text, 10) >= 0.6 * 10 * len(text)
        assert text_width(text, 10, bold=True) > text_width(text, 10)


def test_bars_say_score_and_rag_in_words_and_unrated() -> None:
    root = check_chart(bars())
    words = texts(root)
    for expected in (
        "61.3 AMBER",
        "30.0 RED",
        "100.0 GREEN",
        "0.0 RED",
        "80.0 GREEN (provisional)",
        "unrated",
        "AMBER ≥ 40",
        "GREEN ≥ 75",
    ):
        assert expected in words, expected


def test_bars_are_patterned_by_rag_for_black_and_white() -> None:
    root = ET.fromstring(bars())
    patterns = {p.get("id") for p in root.iter(f"{SVG}pattern")}
    fills = [
        r.get("fill") for r in root.iter(f"{SVG}rect") if (r.get("fill") or "").startswith("url(")
    ]
    used = {f[5:-1] for f in fills}
    assert used <= patterns
    assert len(used) == 3  # RED, AMBER, GREEN each its own pattern
    amber = next(p for p in root.iter(f"{SVG}pattern") if p.get("id", "").endswith("-amber"))
    assert amber.find(f"{SVG}line") is not None  # stripes, not only a colour


def test_threshold_labels_stay_apart_when_thresholds_are_close() -> None:
    for t in (Thresholds(40, 45), Thresholds(0, 100), Thresholds(74, 75)):
        for make in (bars, lines, dumbbell, strips):
            check_chart(make(thresholds=t))


def test_long_labels_are_shortened_with_the_full_text_as_a_tooltip() -> None:
    svg = bar_chart([BarRow(LONG + " " + LONG, 50, "AMBER")], title="t", desc="d", width=400)
    root = check_chart(svg)
    shown = [t for t in texts(root) if t.startswith("Victim")]
    assert shown and "…" in "".join(texts(root))
    tips = ["".join(t.itertext()) for g in root.iter(f"{SVG}g") for t in g.findall(f"{SVG}title")]
    assert LONG + " " + LONG in tips


def test_eight_and_more_series_with_close_values_never_overlap() -> None:
    for n in (1, 2, 8, 9, 12):
        root = check_chart(lines(n))
        assert len([t for t in texts(root) if "AMBER" in t]) >= n - 1


def test_twelve_series_with_identical_values_grow_the_chart_instead_of_overlapping() -> None:
    series = [LineSeries(f"{LONG} {i}", [61.3, 61.3], ["AMBER"] * 2) for i in range(12)]
    svg = line_chart(["2025/26", "2026/27"], series, title="t", desc="d")
    root = check_chart(svg)
    assert float(root.get("height", "0")) > 240


def test_series_look_distinct_without_colour() -> None:
    series = [LineSeries(str(i), [1.0], strong=i == 0) for i in range(10)]
    styles = series_styles(series)
    looks = {(s.dash, s.shape, s.hollow, s.width) for s in styles}
    assert len(looks) == 10


def test_lines_break_at_missing_periods_and_many_periods_stay_apart() -> None:
    periods = [f"20{y}/{y + 1}" for y in range(10, 26)]
    series = [
        LineSeries("Overall", [None if i % 5 == 2 else 40 + i for i in range(16)], strong=True),
        LineSeries("Never rated", [None] * 16),
    ]
    root = check_chart(line_chart(periods, series, title="t", desc="d", width=480))
    assert "Never rated unrated" in texts(root)


def test_dumbbell_writes_both_sides_and_the_change() -> None:
    words = " | ".join(texts(check_chart(dumbbell())))
    for expected in (
        "52.0 → 61.3",
        "up 9.3",
        "AMBER → AMBER",
        "GREEN → AMBER",
        "down 10.0",
        "unrated → 30.0",
        "newly scored",
        "no change",
        "no longer scored",
    ):
        assert expected in words, expected


def test_strip_numbers_every_partnership_and_marks_the_highlighted_one() -> None:
    root = check_chart(strips())
    words = texts(root)
    for i in range(1, 15):
        assert str(i) in words
    assert "Midshire Anti-Slavery Partnership" in words
    black = [
        c for c in root.iter(f"{SVG}circle") if c.get("fill") == "#1a1a1a" and c.get("r") == "8"
    ]
    assert len(black) == 2  # once per strip where partnership 3 has a score


def test_strip_without_highlight_and_with_many_partnerships() -> None:
    check_chart(strips(highlight=None))
    check_chart(strips(n=80))
    check_chart(strips(n=80, highlight=None))


def test_user_text_is_escaped_and_control_characters_shown_visibly() -> None:
    for make in ALL.values():
        svg = make()
        assert "<script" not in svg
        assert "\x1b" not in svg and "\x00" not in svg and "\x07" not in svg
        assert "␛]52" in svg  # shown, not obeyed (textsafe)
        root = ET.fromstring(svg)  # well-formed XML
        joined = "".join(root.itertext())
        assert "<script>alert(1)</script> & [x](http://evil)" in joined
    assert esc('a"b<c>&') == "a&quot;b&lt;c&gt;&amp;"


def test_same_input_same_bytes_and_distinct_ids_per_chart() -> None:
    for make in ALL.values():
        assert make() == make()
    ids = [re.findall(r'id="([^"]+)"', make()) for make in ALL.values()]
    flat = list(itertools.chain.from_iterable(ids))
    assert len(flat) == len(set(flat))  # four charts in one page never share an id
    assert bars(width=720) != bars(width=480)


def test_spread_keeps_order_bounds_and_gaps() -> None:
    tops = spread([100, 100, 100, 10], [20, 20, 20, 20], 0, 200, gap=3)
    boxes = sorted(zip(tops, [20] * 4, strict=True))
    for (a, h), (b, _) in itertools.pairwise(boxes):
        assert b >= a + h + 3 - 1e-9
    assert all(0 <= t <= 180 for t in tops)
    assert tops[3] == 10  # not disturbed by the cluster below it
    # a cluster pushed against the bottom moves up as a whole
    tops = spread([190, 190], [20, 20], 0, 200, gap=0)
    assert tops == [160, 180]


def test_wrap_breaks_long_words_and_shortens() -> None:
    lines, cut = wrap("x" * 200, 100)
    assert cut and len(lines) == 2 and lines[-1].endswith("…")
    assert all(text_width(line) <= 100 for line in lines)
    assert wrap("Short", 100) == (["Short"], False)


label = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=80)
score = st.one_of(st.none(), st.floats(min_value=0, max_value=100))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(label, score), min_size=1, max_size=12))
def test_any_bars_are_readable(rows: list[tuple[str, float | None]]) -> None:
    check_chart(
        bar_chart(
            [BarRow(t, s, "UNRATED" if s is None else "AMBER") for t, s in rows],
            title="t",
            desc="d",
        )
    )


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(label, st.lists(score, min_size=3, max_size=3)), min_size=1, max_size=10))
def test_any_lines_are_readable(rows: list[tuple[str, list[float | None]]]) -> None:
    series = [LineSeries(t, v, ["AMBER"] * 3, strong=i == 0) for i, (t, v) in enumerate(rows)]
    check_chart(line_chart(["2025/26", "2026/27", "2027/28"], series, title="t", desc="d"))


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(label, score, score), min_size=1, max_size=10))
def test_any_dumbbells_are_readable(rows: list[tuple[str, float | None, float | None]]) -> None:
    check_chart(
        dumbbell_chart(
            [Change(t, a, b, "RED", "GREEN") for t, a, b in rows],
            old_label="old",
            new_label="new",
            title="t",
            desc="d",
        )
    )


@settings(max_examples=25, deadline=None)
@given(st.lists(st.lists(score, min_size=0, max_size=30), min_size=1, max_size=6), label)
def test_any_strips_are_readable(rows: list[list[float | None]], name: str) -> None:
    strips_ = [
        Strip(f"Bank {i}", [StripPoint(j + 1, f"P{j}", s) for j, s in enumerate(r)], 40, 50, 60)
        for i, r in enumerate(rows)
    ]
    check_chart(strip_chart(strips_, highlight=1, highlight_label=name, title="t", desc="d"))


def test_combining_marks_count_as_wide_as_any_character() -> None:
    """Found by hypothesis: a label of a digit and two viramas ran past the right edge
    when combining marks were counted as zero width."""
    series = [LineSeries("", [None] * 3), LineSeries("0\u094d\u094d", [None] * 3)]
    check_chart(line_chart(["2025/26", "2026/27", "2027/28"], series, title="t", desc="d"))


def test_text_widths_are_exact_sums_so_every_python_draws_the_same_chart():
    """Python 3.12's sum() of floats is compensated and 3.11's is not: charts (and the
    committed example pages) must not depend on which one ran, so widths use math.fsum."""
    import math

    from msht_toolkit.render.html.svg_charts import char_em, text_width

    labels = [
        "Pursue - investigating, disrupting and prosecuting offenders",
        "Prevent - stopping people engaging in modern slavery crime",
        "Eastvale Partnership Against Modern Slavery and Human Trafficking",
        "Q3, above the median",
        "54.0 AMBER (provisional)",
    ]
    for label in labels:
        for size in (10, 11, 12):
            assert text_width(label, size) == math.fsum(char_em(ch) for ch in label) * size
