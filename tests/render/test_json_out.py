"""dumps: JSON keeps file text exactly and escapes every control character."""

from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from msht_toolkit.render.json.score import COMPACT_ABOVE, dumps
from msht_toolkit.textsafe import safe_text

HOSTILE = "x\x1b[2J\x07\x7f\x85\x9b\x9d\u202e\u2066\ud800 é 中"


def test_c1_del_and_bidi_are_escaped_not_raw():
    text = dumps({"note": HOSTILE, HOSTILE: 1})
    for raw, escaped in [
        ("\x1b", "\\u001b"),
        ("\x7f", "\\u007f"),
        ("\x85", "\\u0085"),
        ("\x9b", "\\u009b"),
        ("\u202e", "\\u202e"),
        ("\ud800", "\\ud800"),
    ]:
        assert raw not in text and escaped in text
    assert "é 中" in text  # other text stays readable UTF-8
    assert json.loads(text) == {"note": HOSTILE, HOSTILE: 1}


@given(st.recursive(st.text(), lambda inner: st.dictionaries(st.text(), inner), max_leaves=8))
def test_json_reads_back_exactly_and_is_already_terminal_safe(value):
    text = dumps({"value": value})
    assert json.loads(text) == {"value": value}
    assert safe_text(text) == text  # write_output prints it unchanged


def test_documents_are_indented_for_a_reader() -> None:
    document = {"schema": "msht-score/1", "banks": [{"id": "pursue", "score": 54.9}]}
    assert dumps(document) == json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def test_a_very_large_document_is_the_same_document_written_compact() -> None:
    """Indenting a megabyte of JSON takes ~10x as long as writing it compact, and no
    one reads that much by eye: the same values, without the spaces and line breaks."""
    rows = [{"id": f"Q-{i:06d}", "value": "na", "score": None, "note": "é"} for i in range(6000)]
    document = {"schema": "msht-score/1", "questions": rows}
    text = dumps(document)
    assert len(text) > COMPACT_ABOVE
    assert json.loads(text) == document
    assert text == json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n"
    smaller = {"schema": "msht-score/1", "questions": rows[:100]}
    assert dumps(smaller).startswith('{\n  "schema": "msht-score/1",\n')
