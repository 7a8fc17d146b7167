"""Safe YAML reading with positions (msht_toolkit.yamlio, msht_toolkit.positions)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from msht_toolkit.errors import YamlFileError
from msht_toolkit.positions import YList, YMap
from msht_toolkit.yamlio import MAX_BYTES, load_yaml_file, load_yaml_text, read_text


def refused(text: str) -> str:
    with pytest.raises(YamlFileError) as caught:
        load_yaml_text(text, "f.yaml")
    (line,) = caught.value.lines()
    return line


# ------------------------------------------------------------------ positions


def test_positions_of_keys_values_and_items() -> None:
    data = load_yaml_text(
        "title: Test\nsections:\n  - id: a\n    questions: [x, 'y']\n  - id: b\n", "f.yaml"
    )
    assert isinstance(data, YMap)
    assert data.pos == (1, 1) and data.pos.line == 1 and data.pos.col == 1
    assert data.kpos("title") == (1, 1) and data.vpos("title") == (1, 8)
    sections = data["sections"]
    assert isinstance(sections, YList)
    assert sections.pos == (3, 3)
    assert sections.ipos(0) == (3, 5) and sections.ipos(1) == (5, 5)
    assert sections[0].kpos("questions") == (4, 5)
    assert sections[0]["questions"].item_pos == [(4, 17), (4, 20)]


def test_position_fallbacks() -> None:
    data = load_yaml_text("a: 1\nb: [1]\n", "f.yaml")
    assert data.kpos("missing") == data.pos  # a missing key points at its mapping
    assert data.vpos("missing") == data.pos
    assert data["b"].ipos(7) == data["b"].pos


def test_value_style_is_remembered() -> None:
    data = load_yaml_text("a: plain\nb: 'single'\nc: \"double\"\nd: |\n  block\n", "f.yaml")
    assert [data.vstyle(k) for k in "abcd"] == [None, "'", '"', "|"]


def test_aliases_to_plain_values_are_fine() -> None:
    data = load_yaml_text("a: &x [1, 2]\nb: *x\nc: &s word\nd: *s\n", "f.yaml")
    assert data["b"] == [1, 2] and data["d"] == "word"


# ------------------------------------------------------------------ YAML 1.1 values, as read


def test_yaml_1_1_scalars_are_read_as_pyyaml_reads_them() -> None:
    """The loader does not hide YAML 1.1: the bank and assessment checks catch coercions."""
    data = load_yaml_text(
        "a: yes\nb: no\nc: on\nd: 2027-03-14\ne: 1.10\nf: '1.10'\ng: 010\nh: ~\n"
        "i: 2027-03-14T10:42:00\nj: 0x1f\n",
        "f.yaml",
    )
    assert data["a"] is True and data["b"] is False and data["c"] is True
    assert data["d"] == dt.date(2027, 3, 14)
    assert data["e"] == 1.1 and data["f"] == "1.10"
    assert data["g"] == 8 and data["h"] is None and data["j"] == 31
    assert data["i"] == dt.datetime(2027, 3, 14, 10, 42)


def test_typed_plain_scalars_remember_their_text() -> None:
    """Text is text: free-text fields can get the characters back."""
    data = load_yaml_text(
        "a: 1:30\nb: 007\nc: Off\nd: ~\ne: 12.50\nf: words\ng: [NO, x, 2027-03-14]\n"
        "h: &n 010\ni: *n\nj:\nk: 2027-02-30\n",
        "f.yaml",
    )
    assert [data[k] for k in "abcde"] == [90, 7, False, None, 12.5]  # YAML 1.1 as before
    assert [data.text(k) for k in "abcdef"] == ["1:30", "007", "Off", "~", "12.50", "words"]
    assert [data["g"].text(i) for i in range(3)] == ["NO", "x", "2027-03-14"]
    assert (data["i"], data.text("h"), data.text("i")) == (8, "010", "010")  # through aliases
    assert data["j"] is None and data.text("j") == ""  # nothing written
    assert data["k"] == "2027-02-30"  # no such day: the text, not a refusal
    assert data.text("missing") is None


# ------------------------------------------------------------------ refusals


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "a: !!python/object/apply:os.system ['echo hi']\n",
            "f.yaml:1:4: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not "
            "allowed; plain data only",
        ),
        (
            "a: !!python/name:os.system\n",
            "f.yaml:1:4: YAML tag 'tag:yaml.org,2002:python/name:os.system' is not allowed; "
            "plain data only",
        ),
        ("a: !custom x\n", "f.yaml:1:4: YAML tag '!custom' is not allowed; plain data only"),
        (
            "a: !!binary aGk=\n",
            "f.yaml:1:4: YAML tag 'tag:yaml.org,2002:binary' is not allowed; plain data only",
        ),
        (
            "!!set {a, b}\n",
            "f.yaml:1:1: YAML tag 'tag:yaml.org,2002:set' is not allowed; plain data only",
        ),
        (
            "a: !!omap [{b: 1}]\n",
            "f.yaml:1:4: YAML tag 'tag:yaml.org,2002:omap' is not allowed; plain data only",
        ),
        ("a: 1\nb: 2\na: 3\n", "f.yaml:3:1: duplicate key 'a' (first at line 1)"),
        ("x:\n  - {k: 1, k: 2}\n", "f.yaml:2:12: duplicate key 'k' (first at line 2)"),
        ("a: &x {b: 1}\nc:\n  <<: *x\n", "f.yaml:3:3: YAML merge keys (<<) are not supported"),
        ("? [a, b]\n: 1\n", "f.yaml:1:3: mapping keys must be plain words"),
        (
            "a: 1\n---\nb: 2\n",
            "f.yaml:2:1: not valid YAML: a file holds one document, but found another",
        ),
        ("a: &x [*x]\n", "f.yaml:1:8: recursive YAML alias"),
        ("a: *nothing\n", "f.yaml:1:4: YAML alias *nothing names no anchor"),
        ("a: [1, 2\n", "f.yaml:2:1: not valid YAML: did not find expected ',' or ']'"),
        ("a:\n\tb: 1\n", "f.yaml:2:1: not valid YAML: found character that cannot start any token"),
        ("a: !!timestamp 2027-02-30\n", "f.yaml:1:4: bad value: day is out of range for month"),
        (
            "a: \x07\n",
            "f.yaml:1:4: not valid YAML: character U+0007: control characters are not allowed",
        ),
    ],
)
def test_refusals_are_one_line_with_position(text: str, expected: str) -> None:
    assert refused(text) == expected


def test_alias_bomb_is_refused() -> None:
    lines = ['a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    text = "\n".join(lines) + "\n"
    assert len(text) < 1000
    assert refused(text).endswith("too many YAML nodes once aliases are expanded (over 500,000)")


def big_string_bomb(path: Path) -> Path:
    """A 1 MB anchor repeated 300,000 times: few nodes, 300 GB of text once expanded."""
    body = "schema: msht-assessment/1\npartnership: &big " + "x" * 1_000_000 + "\nanswers:\n"
    body += "  ID-NRM-01: {value: 1, evidence: [" + ", ".join(["*big"] * 300_000) + "]}\n"
    path.write_text(body, encoding="utf-8")
    return path


def test_alias_bomb_of_one_big_string_is_refused_fast(tmp_path: Path) -> None:
    path = big_string_bomb(tmp_path / "bomb.msht.yaml")
    assert path.stat().st_size < MAX_BYTES  # under the size limit, and few nodes
    msht = Path(sys.executable).parent / "msht"
    started = time.monotonic()
    result = subprocess.run(
        [str(msht), "score", str(path)], capture_output=True, text=True, timeout=60
    )
    assert time.monotonic() - started < 30
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""
    assert result.stderr == (
        f"{path}:4:96: YAML aliases expand to too much text (over 10 million characters)\n"
    )


def test_many_plain_items_are_too_many_nodes_not_an_alias_problem() -> None:
    text = "[" + ",".join(["1"] * 600_000) + "]\n"
    message = refused(text)
    assert message == "f.yaml:1:1000000: too many YAML nodes (over 500,000); the file is too large"


@pytest.mark.parametrize(
    "text",
    ["[" * 100_000, "- " * 50_000 + "x", "{a: " * 30_000 + "1" + "}" * 30_000],
)
def test_deep_nesting_is_refused_not_a_crash(text: str) -> None:
    """Deep nesting once crashed the C composer (segfault); run in a child to be safe.

    Whether our own depth limit or libyaml's (PyYAML 6.0.4 and later) refuses first, the
    user gets the same one line naming the file; no library's wording is relied on.
    """
    code = (
        "import sys\n"
        "from msht_toolkit.yamlio import load_yaml_text\n"
        "from msht_toolkit.errors import YamlFileError\n"
        "try:\n"
        "    load_yaml_text(sys.stdin.read(), 'deep.yaml')\n"
        "except YamlFileError as exc:\n"
        "    print(exc)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], input=text, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-500:]
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("deep.yaml:")
    assert lines[0].endswith("YAML nesting is too deep")


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n  # and another\n"])
def test_empty_text_is_refused(text: str) -> None:
    with pytest.raises(YamlFileError) as caught:
        load_yaml_text(text, "f.yaml", "bank file")
    assert caught.value.lines() == ["f.yaml: bank file is empty"]


def test_text_that_cannot_be_utf8_is_refused() -> None:
    with pytest.raises(YamlFileError) as caught:
        load_yaml_text("a: \ud800\n", "f.yaml")
    assert caught.value.lines() == ["f.yaml: file is not UTF-8 text"]


# ------------------------------------------------------------------ reading files


def test_read_text_refusals(tmp_path: Path) -> None:
    def problem(path: Path) -> str:
        with pytest.raises(YamlFileError) as caught:
            read_text(path, "bank file")
        (line,) = caught.value.lines()
        return line

    assert problem(tmp_path / "missing.yaml") == f"{tmp_path / 'missing.yaml'}: no such bank file"
    assert problem(tmp_path) == f"{tmp_path}: is a folder, not a bank file"

    latin = tmp_path / "latin.yaml"
    latin.write_bytes(b"a: 1\nb: caf\xe9\n")
    assert problem(latin) == f"{latin}:2:7: bank file is not UTF-8 text"

    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"a: 1\x00\x00")
    assert problem(binary) == f"{binary}: bank file is binary, not YAML text"

    huge = tmp_path / "huge.yaml"
    huge.write_bytes(b"#" * (MAX_BYTES + 1))
    assert problem(huge) == f"{huge}: bank file is 5.2 MB; the limit is 5 MB"


def test_exactly_the_size_limit_is_allowed(tmp_path: Path) -> None:
    path = tmp_path / "limit.yaml"
    path.write_bytes(b"a: 1\n" + b"#" * (MAX_BYTES - 6) + b"\n")
    assert path.stat().st_size == MAX_BYTES
    assert load_yaml_file(path) == {"a": 1}


def test_bom_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbfa: 1\n")
    data = load_yaml_file(path)
    assert data == {"a": 1} and data.kpos("a") == (1, 1)


def test_unreadable_file_is_one_line(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read anything")
    path = tmp_path / "secret.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(YamlFileError) as caught:
        load_yaml_file(path)
    assert caught.value.lines() == [f"{path}: cannot read file: Permission denied"]


def test_endless_device_is_refused_not_read_forever() -> None:
    zero = Path("/dev/zero")
    if not zero.exists():
        pytest.skip("no /dev/zero here")
    with pytest.raises(YamlFileError) as caught:
        read_text(zero, "assessment file")
    assert caught.value.lines() == [
        "/dev/zero: is not a regular file (a pipe or device), not an assessment file"
    ]


def test_garbage_collector_state_is_restored() -> None:
    import gc

    assert gc.isenabled()
    load_yaml_text("a: [1, 2]\n", "f.yaml")
    assert gc.isenabled()
    with pytest.raises(YamlFileError):
        load_yaml_text("a: [1, 2\n", "f.yaml")
    assert gc.isenabled()
    gc.disable()
    try:
        load_yaml_text("a: 1\n", "f.yaml")
        assert not gc.isenabled()
    finally:
        gc.enable()
