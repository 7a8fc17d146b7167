"""The performance figures' small multiples (``render.html.measure_charts``): every text
inside the viewBox and none overlapping, zero and missing figures shown in words, long
titles shortened with the full text kept, user text escaped, the same bytes each time."""

from __future__ import annotations

from svg_check import check_chart, texts

from msht_toolkit.render.html.measure_charts import figure_text, measure_panels

PERIODS = ("2024/25", "2025/26", "2026/27")


def panels(series, periods=PERIODS) -> str:
    return measure_panels(periods, series, title="Performance figures", desc="Each measure.")


def test_zero_and_missing_figures_are_written_not_guessed() -> None:
    svg = panels([("Referrals", "count", "higher", (0, None, 0), False)])
    words = texts(check_chart(svg))
    assert words.count("0") == 2 and "none" in words
    assert "higher is better" in words


def test_scale_is_the_measures_own_and_a_percentage_runs_to_100() -> None:
    svg = panels(
        [
            ("Referrals", "count", "higher", (10, 20, 40), False),
            ("Trained", "percent", "higher", (50, 25, 100), True),
            ("Days", "days", "lower", (12.5, 1_250_000, 3), False),
        ]
    )
    root = check_chart(svg)
    words = texts(root)
    for label in ("40", "100%", "25%", "12.5", "1,250,000", "check", "lower is better"):
        assert label in words, label
    heights = sorted(
        float(r.get("height", 0))
        for r in root.iter("{http://www.w3.org/2000/svg}rect")
        if r.get("fill") in ("#0b4f82", "#9cc3e0")
    )
    assert heights[-1] == heights[-2]  # 40 of 40 and 100% of 100 are both full height


def test_many_measures_long_titles_and_hostile_text_stay_inside_and_apart() -> None:
    long = "Adults and children supported by the partnership's services " * 3
    series = [
        (f"{long}{i} <b>&\x1b[2J", "count", "neither", (i, i + 1, None), i == 2) for i in range(8)
    ]
    svg = panels(series)
    check_chart(svg)
    assert "<b>" not in svg and "\x1b" not in svg
    assert "…" in svg  # shortened, the full title kept in a tooltip
    assert svg == panels(series)  # deterministic


def test_figure_text() -> None:
    assert figure_text(None, "count") == "none"
    assert figure_text(44, "percent") == "44%"
    assert figure_text(1250, "money") == "1,250"


def test_lines_break_where_a_figure_is_missing_and_many_periods_stay_apart() -> None:
    periods = tuple(f"{y}/{(y + 1) % 100:02d}" for y in range(2019, 2028))
    values = (5, 6, None, 8, 9, 10, 0, 12, 13)
    svg = measure_panels(
        periods, [("Referrals", "count", "higher", values, False)], title="t", desc="d", lines=True
    )
    words = texts(check_chart(svg))  # nine periods in a narrow panel: no label overlaps
    assert "none" in words
    assert svg.count("<path") == 2  # the line is broken at the missing year
    assert "19/20" in words and "27/28" in words  # first and last always named, shortened
