"""Autosave: the walk's saver (ordered background writes) and the fast YAML emitter path."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from msht_toolkit.assessment import writing
from msht_toolkit.assessment.autosave import Saver
from msht_toolkit.assessment.model import Answer, Assessment, Participant
from msht_toolkit.assessment.reading import load_assessment
from msht_toolkit.assessment.writing import dump_assessment
from msht_toolkit.errors import MshtError


def sample(note: str = "Leads named", by: str = "Midshire Police") -> Assessment:
    return Assessment(
        partnership="Midshire Anti-Slavery Partnership",
        period="2026/27",
        assessed_on="2027-03-14",
        banks={"identification": "2026.1"},
        participants=[Participant("A. Lead", "Midshire Police", "DCI, MSHT lead")],
        answers={
            "ID-NRM-01": Answer(
                value=2, note=note, evidence=[note, "ToR v3"], by=by, at="2027-03-14T10:42:00"
            ),
            "ID-NRM-02": Answer(value="unknown", by=by),
        },
    )


def test_saver_writes_in_order_and_wait_means_on_disk(tmp_path: Path):
    path = tmp_path / "m.msht.yaml"
    assessment = sample()
    saver = Saver(assessment, path)
    for level in range(4):
        assessment.answers["ID-NRM-01"].value = level
        saver()
    saver.wait()
    assert load_assessment(path).answers["ID-NRM-01"].value == 3
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert saver.written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.msht.yaml"]


def test_saver_snapshot_is_taken_when_called(tmp_path: Path):
    path = tmp_path / "m.msht.yaml"
    assessment = sample()
    saver = Saver(assessment, path)
    saver()
    assessment.answers["ID-NRM-01"].value = 0  # changed after the save was asked for
    saver.wait()
    assert load_assessment(path).answers["ID-NRM-01"].value == 2


def test_saver_reports_a_write_failure_as_one_line_at_once(tmp_path: Path):
    # The rename happens before the walk moves on, so a failure is reported by the
    # save itself, not later.
    saver = Saver(sample(), tmp_path / "missing" / "m.msht.yaml")
    with pytest.raises(MshtError) as caught:
        saver()
    assert "cannot write" in str(caught.value) and "\n" not in str(caught.value)
    assert not saver.written


def test_saved_answer_is_in_the_file_before_the_disk_flush_finishes(tmp_path: Path):
    # What kill -9 relies on: the file on disk is complete as soon as the save returns.
    path = tmp_path / "m.msht.yaml"
    assessment = sample()
    saver = Saver(assessment, path)
    saver()
    assert load_assessment(path).partnership == assessment.partnership
    saver.wait()


def test_saver_without_a_path_does_nothing():
    saver = Saver(sample(), None)
    saver.sync()
    assert not saver.written


printable = st.text(
    alphabet=st.one_of(
        st.characters(whitelist_categories=("L", "M", "N", "P", "S", "Zs"), max_codepoint=0xFFFF),
        st.sampled_from(["\n", " ", "#", ":", "-", "|", "'", '"', "[", "/", "]", "`"]),
    ),
    max_size=120,
)


@settings(max_examples=200, deadline=None)
@given(note=printable, by=printable)
def test_fast_emitter_writes_exactly_what_the_python_emitter_writes(note, by):
    assessment = sample(note, by)
    fast = dump_assessment(assessment)
    original = writing._c_emits_same
    try:
        writing._c_emits_same = lambda data: False
        slow = dump_assessment(assessment)
    finally:
        writing._c_emits_same = original
    assert fast == slow


def test_text_beyond_the_basic_plane_keeps_the_readable_python_emitter(tmp_path: Path):
    assessment = sample("Agreed 👍 by all", "Midshire Police")
    text = dump_assessment(assessment)
    assert "Agreed 👍 by all" in text  # not escaped as \U0001F44D
    path = tmp_path / "m.msht.yaml"
    path.write_text(text, encoding="utf-8")
    assert load_assessment(path).answers["ID-NRM-01"].note == "Agreed 👍 by all"


# ---------------------------------------------------------------- changed under the walk


def claimed(tmp_path: Path) -> tuple[Path, Assessment, Saver]:
    path = tmp_path / "m.msht.yaml"
    assessment = sample()
    writing.save_assessment(assessment, path)
    saver = Saver(assessment, None)
    saver.claim(path)
    saver.written = True
    return path, assessment, saver


def test_a_file_touched_but_not_changed_is_still_written(tmp_path: Path):
    path, assessment, saver = claimed(tmp_path)
    try:
        os.utime(path, ns=(1, 1))  # same bytes, new time: a backup tool, `touch`
        assessment.answers["ID-NRM-01"].value = 3
        saver.sync()
        assert load_assessment(path).answers["ID-NRM-01"].value == 3
    finally:
        saver.release()


@pytest.mark.parametrize("how", ["edited", "removed", "replaced"])
def test_a_file_changed_under_the_walk_is_never_overwritten(tmp_path: Path, how: str):
    from msht_toolkit.errors import FileChangedError

    path, assessment, saver = claimed(tmp_path)
    try:
        if how == "edited":
            path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
        elif how == "removed":
            path.unlink()
        else:
            other = tmp_path / "other"
            other.write_bytes(path.read_bytes().replace(b"Leads named", b"Leads named!"))
            os.replace(other, path)
        after = path.read_bytes() if path.exists() else None
        assessment.answers["ID-NRM-01"].note = "typed in the walk"
        with pytest.raises(FileChangedError) as caught:
            saver()
        message = str(caught.value)
        assert "\n" not in message and caught.value.exit_code == 2
        side = Path(message.rsplit(" are in ", 1)[1])
        assert side.parent == tmp_path and side.name.startswith("m.msht.unsaved-")
        assert stat.S_IMODE(side.stat().st_mode) == 0o600
        assert load_assessment(side).answers["ID-NRM-01"].note == "typed in the walk"
        assert (path.read_bytes() if path.exists() else None) == after
        saver.sync()  # after the stop, nothing more is written to the file
        assert (path.read_bytes() if path.exists() else None) == after
    finally:
        saver.release()


def test_a_file_that_appears_where_the_walk_expected_none_is_not_overwritten(tmp_path: Path):
    from msht_toolkit.errors import FileChangedError

    path = tmp_path / "new.msht.yaml"
    saver = Saver(sample(), None)
    saver.claim(path)
    try:
        path.write_text("schema: msht-assessment/1\n", encoding="utf-8")
        with pytest.raises(FileChangedError, match="was created by another program"):
            saver()
        assert path.read_text(encoding="utf-8") == "schema: msht-assessment/1\n"
    finally:
        saver.release()


def test_saving_through_a_symbolic_link_keeps_the_link(tmp_path: Path):
    real = tmp_path / "shared" / "m.msht.yaml"
    real.parent.mkdir()
    writing.save_assessment(sample(), real)
    link = tmp_path / "m.msht.yaml"
    link.symlink_to(real)
    assessment = load_assessment(link)
    saver = Saver(assessment, None)
    saver.claim(link)
    try:
        assessment.answers["ID-NRM-01"].value = 3
        saver.sync()
        assessment.answers["ID-NRM-01"].value = 1
        saver.sync()  # the second save sees its own first save, not a change
    finally:
        saver.release()
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert load_assessment(real).answers["ID-NRM-01"].value == 1
    assert sorted(p.name for p in real.parent.iterdir()) == ["m.msht.yaml"]
