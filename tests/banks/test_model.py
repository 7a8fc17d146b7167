"""The bank and measures models as plain data: one serialiser per model, used by the
cache, ``banks show --json`` and ``compare``'s JSON."""

from __future__ import annotations

import json

from msht_toolkit.banks import cache
from msht_toolkit.banks.registry import load_bankset
from msht_toolkit.render.json.banks import bank_show_json, measures_show_json


def test_a_banks_data_is_its_show_json_without_schema_and_source() -> None:
    bankset = load_bankset(environ={})
    for bank in bankset.banks.values():
        shown = bank_show_json(bank, current=True)
        assert {k: v for k, v in shown.items() if k not in ("schema", "source")} == bank.to_data()
        assert list(shown)[1:-1] == list(bank.to_data())


def test_every_question_field_a_user_wrote_is_in_its_data() -> None:
    bank = next(iter(load_bankset(environ={}).banks.values()))
    question = next(bank.questions())
    data = question.to_data()
    assert data["id"] == question.id and data["type"] == question.type
    assert "line" not in data  # where it stood is the file's fact, kept by the cache only
    assert json.loads(json.dumps(data)) == data


def test_the_cache_keeps_the_models_data_and_the_file_facts() -> None:
    bankset = load_bankset(environ={})
    bank = next(iter(bankset.banks.values()))
    entry = cache.bank_to_data(bank)
    assert {k: entry[k] for k in bank.to_data()} == bank.to_data()
    assert entry["lines"] == [q.line for q in bank.questions()]
    mfile = next(iter(bankset.measure_files.values()))
    m_entry = cache.measures_to_data(mfile)
    assert m_entry["measures"][0] == {
        **mfile.measures[0].to_data(),
        "file": mfile.measures[0].file,
        "line": mfile.measures[0].line,
    }


def test_a_measures_files_data_is_its_show_json() -> None:
    mfile = next(iter(load_bankset(environ={}).measure_files.values()))
    shown = measures_show_json(mfile)
    assert {k: v for k, v in shown.items() if k not in ("schema", "source")} == mfile.to_data()
    one = mfile.measures[0]
    assert measures_show_json(mfile, only=one.id)["measures"] == [one.to_data()]
