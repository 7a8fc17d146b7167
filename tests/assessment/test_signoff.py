"""Sign-off digests: over everything but ``sign_off``, in a canonical form
that survives load/save and does not depend on key order or YAML formatting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from msht_toolkit.assessment.model import PlanEntry, SignOff
from msht_toolkit.assessment.reading import load_assessment
from msht_toolkit.assessment.signoff import (
    canonical_content,
    content_digest,
    sign,
    sign_off_line,
    sign_off_state,
)
from msht_toolkit.assessment.writing import save_assessment

BLOCK = """\
schema: msht-assessment/1
partnership: Midshire Anti-Slavery Partnership
period: 2026/27
assessed_on: 2027-03-14
banks: {identification: "2026.1"}
answers:
  ID-NRM-01:
    value: 2
    note: "Leads named: 1:30 Off"
    evidence: [Partnership ToR v3]
  ID-NRM-02: {value: unknown}
plan:
  ID-NRM-01: {owner: Midshire County Council, due: 2027-09-30, status: agreed}
"""

# the same content: keys in another order, flow and block swapped, other quoting, comments
REORDERED = """\
# a comment the digest ignores
answers:
  ID-NRM-02:
    value: 'unknown'
  ID-NRM-01: {evidence: ['Partnership ToR v3'], note: 'Leads named: 1:30 Off', value: 2}
plan:
  ID-NRM-01:
    status: agreed
    due: '2027-09-30'
    owner: "Midshire County Council"
banks:
  identification: '2026.1'
assessed_on: '2027-03-14'
period: "2026/27"
partnership: Midshire Anti-Slavery Partnership
schema: "msht-assessment/1"
"""


def _load(tmp_path: Path, text: str, name: str = "a.msht.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_assessment(path)


def test_digest_is_sha256_hex() -> None:
    from msht_toolkit.assessment.model import Assessment

    digest = content_digest(Assessment(partnership="Midshire"))
    assert digest.startswith("sha256:") and len(digest) == len("sha256:") + 64
    int(digest.removeprefix("sha256:"), 16)


def test_canonical_form_is_sorted_compact_json() -> None:
    from msht_toolkit.assessment.model import Assessment

    text = canonical_content(Assessment(partnership="Midshire", period="2026/27"))
    assert text == (
        '{"answers":{},"banks":{},"participants":[],"partnership":"Midshire",'
        '"period":"2026/27","schema":"msht-assessment/1"}'
    )


def test_key_order_quoting_and_style_do_not_change_the_digest(tmp_path: Path) -> None:
    one = _load(tmp_path, BLOCK, "one.msht.yaml")
    two = _load(tmp_path, REORDERED, "two.msht.yaml")
    assert content_digest(one) == content_digest(two)


def test_a_load_and_save_round_trip_keeps_the_digest(tmp_path: Path) -> None:
    original = _load(tmp_path, BLOCK)
    sign(original, "J. Arden", "Partnership chair", dt.date(2027, 3, 20))
    path = tmp_path / "signed.msht.yaml"
    save_assessment(original, path)
    again = load_assessment(path)
    assert again.sign_off == original.sign_off
    assert sign_off_state(again).current
    save_assessment(again, path)  # and again
    assert sign_off_state(load_assessment(path)).current


def test_the_sign_off_itself_is_not_part_of_the_digest(tmp_path: Path) -> None:
    a = _load(tmp_path, BLOCK)
    before = content_digest(a)
    a.sign_off = SignOff(by="Someone else", role="Chair", on="2027-04-01", digest="sha256:0")
    assert content_digest(a) == before


def test_any_change_to_the_content_makes_it_changed(tmp_path: Path) -> None:
    changes = [
        lambda a: setattr(a.answers["ID-NRM-01"], "value", 3),
        lambda a: setattr(a.answers["ID-NRM-01"], "note", "Leads named: 1:30 Off."),
        lambda a: a.answers["ID-NRM-01"].evidence.append("Minutes"),
        lambda a: setattr(a.plan["ID-NRM-01"], "status", "done"),
        lambda a: a.plan.update({"ID-NRM-02": PlanEntry(status="dropped", reason="x")}),
        lambda a: setattr(a, "period", "2027/28"),
    ]
    for change in changes:
        a = _load(tmp_path, BLOCK)
        sign(a, "J. Arden", None, dt.date(2027, 3, 20))
        assert sign_off_state(a).current
        change(a)
        state = sign_off_state(a)
        assert not state.current
        assert sign_off_line(a) == "Changed since sign-off on 2027-03-20 (signed off by J. Arden)"


def test_sentences() -> None:
    from msht_toolkit.assessment.model import Assessment

    a = Assessment(partnership="Midshire")
    assert sign_off_state(a) is None and sign_off_line(a) is None
    sign(a, "J. Arden", "Partnership chair", dt.date(2027, 3, 20))
    assert sign_off_line(a) == "Signed off by J. Arden (Partnership chair) on 2027-03-20"
    a.sign_off.digest = None  # a hand-written sign-off without a digest is never current
    assert not sign_off_state(a).current


def test_sign_off_is_saved_on_one_line_and_refused_with_bad_keys(tmp_path: Path) -> None:
    import pytest

    from msht_toolkit.errors import MshtError

    a = _load(tmp_path, BLOCK)
    sign(a, "J. Arden", "Partnership chair", dt.date(2027, 3, 20))
    path = tmp_path / "signed.msht.yaml"
    save_assessment(a, path)
    lines = [line for line in path.read_text("utf-8").splitlines() if "sign_off" in line]
    assert lines == [
        "sign_off: {by: J. Arden, role: Partnership chair, 'on': 2027-03-20, "
        f"digest: '{a.sign_off.digest}'}}"
    ]
    for body, needle in (
        ("sign_off: {by: J. Arden, when: 2027-03-20}\n", "unknown key 'when'"),
        ("sign_off: {role: Chair}\n", "missing required key 'by'"),
        ("sign_off: {by: J. Arden, on: soon}\n", "'on' must be a date"),
    ):
        path = tmp_path / "bad.msht.yaml"
        path.write_text(BLOCK + body, encoding="utf-8")
        with pytest.raises(MshtError) as caught:
            load_assessment(path)
        message = "\n".join(caught.value.lines())
        assert needle in message and f"{path}:" in message


def test_the_spec_form_with_an_unquoted_on_key_loads(tmp_path: Path) -> None:
    """YAML 1.1 reads a bare ``on:`` key as true; msht writes it bare."""
    a = _load(
        tmp_path,
        BLOCK + "sign_off:\n  {by: J. Arden, role: Partnership chair, on: 2027-03-20, "
        'digest: "sha256:00"}\n',
    )
    assert a.sign_off == SignOff("J. Arden", "Partnership chair", "2027-03-20", "sha256:00")
    assert not sign_off_state(a).current
