"""The one format choice (cli/formats.py) and the renderer registry behind it."""

from __future__ import annotations

from pathlib import Path

import pytest

from msht_toolkit.cli.formats import OUTPUTS, choose_format
from msht_toolkit.errors import UsageError
from msht_toolkit.render.formats import resolve


@pytest.mark.parametrize("name", sorted(OUTPUTS))
def test_every_format_an_output_offers_has_a_renderer_that_imports(name: str) -> None:
    output = OUTPUTS[name]
    for fmt in {*output.offers, output.default, "json"} & set(output.renderers):
        assert callable(resolve(output.renderers[fmt].target)), (name, fmt)
    defaults = set() if output.required else {output.default}
    assert set(output.offers) | defaults <= set(output.renderers)


@pytest.mark.parametrize(
    ("output", "out", "want"),
    [
        ("report", "r.md", "md"),
        ("report", "r.HTM", "html"),
        ("plan", "p.json", "json"),
        ("plan", "p.markdown", "md"),
        ("diff", "d.html", "html"),
        ("diff", "d.md", "md"),
        ("trend", "t.txt", "text"),
        ("compare", "c.text", "text"),
        ("trend", "-", "terminal"),
        ("plan", "-", "md"),
    ],
)
def test_the_format_follows_the_suffix_of_o(output: str, out: str, want: str) -> None:
    assert choose_format(output, None, Path(out)).name == want


@pytest.mark.parametrize(
    ("output", "default"),
    [
        ("report", "md"),
        ("plan", "md"),
        ("diff", "terminal"),
        ("score", "terminal"),
        ("explain", "text"),
    ],
)
def test_without_format_or_o_each_output_prints_its_default(output: str, default: str) -> None:
    assert choose_format(output, None, None).name == default


def test_json_wins_and_may_go_to_any_name() -> None:
    assert choose_format("diff", None, Path("d.md"), json=True).name == "json"
    with pytest.raises(UsageError, match=r"^--json and --format cannot be used together$"):
        choose_format("trend", "html", None, json=True)


def test_an_alias_names_the_same_format_and_the_suffix_must_agree() -> None:
    assert choose_format("report", "Word", Path("r.docx")).name == "docx"
    assert choose_format("trend", "txt", None).name == "text"
    with pytest.raises(UsageError, match=r"does not match -o t\.md \(a Markdown name\); "):
        choose_format("trend", "plain", Path("t.md"))


def test_a_suffix_the_output_does_not_write_names_what_it_does() -> None:
    with pytest.raises(UsageError) as caught:
        choose_format("trend", None, Path("t.md"))
    assert str(caught.value) == (
        "-o t.md: cannot tell the format from .md; name a .txt or .html file, "
        "or give --format text|html"
    )


def test_export_needs_format_and_xlsx_needs_a_file() -> None:
    with pytest.raises(UsageError, match=r"^--format must be one of csv, xlsx, json$"):
        choose_format("export", None, Path("rows.csv"))  # never read from -o
    with pytest.raises(UsageError, match=r"^--format xlsx writes a file: add -o OUT\.xlsx$"):
        choose_format("export", "xlsx", None)
    assert choose_format("export", "csv", Path("rows.json")).name == "csv"


def test_a_binary_format_is_refused_on_a_terminal_before_any_work(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from msht_toolkit.cli import formats

    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.setattr(formats.sys, "stdout", Tty())
    with pytest.raises(UsageError, match=r"^an XLSX file is binary: write it with -o FILE\.xlsx"):
        choose_format("export", "xlsx", Path("-"))
    assert choose_format("export", "xlsx", Path("rows.xlsx")).name == "xlsx"
