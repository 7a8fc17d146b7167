"""Consolidating several agencies' answers to one assessment (``msht merge``).
Pure functions: no printing, no files.

How a merge works
-----------------
Each agency answers its own copy of the partnership's assessment. ``merge`` keeps every
agency's answer to a question as a ``Response`` (by, value, note, evidence, at) in the
answer's ``responses`` list and sets the consolidated ``value`` by a rule:

- ``lowest`` (the default), ``median`` or ``highest`` over the responses ordered by
  their score; text is kept whole; ``na`` only when every agency said ``na``
  (``analysis.consolidate`` holds the rules and their detail).

Who answered (``by``) is the answer's own ``by``, else the agency of the file's
participants when they all share one, else the file name.

Merging a file that is itself a merge *flattens* it: its responses are taken one by one
(the consolidated value it held is recomputed by the rule). A response that appears
twice, identical in every field (merging a merged file with one of its own sources), is
kept once. One merged file merged on its own is re-consolidated by another rule. The same
agency answering one question differently in two files keeps both responses (a warning
names the agency). A value set by hand on a merged answer is replaced by the rule's.

The consolidated answer also carries the union of every response's evidence, any
``review`` marks (reasons joined), and the own note of a merged input's answer.

Profile and decisions
---------------------
- ``partnership`` and ``period`` must agree (case and spacing aside; a missing value
  agrees with anything). Otherwise the merge is refused with one line, unless
  ``force``: then the first file's value is kept and a warning says so. ``area`` and
  ``carried_from`` keep the first non-empty value (warning when they differ);
  ``assessed_on`` is the latest date among the files.
- ``banks``: the union of the files' bank scopes (always written as an explicit map,
  so the merged file pins the versions it was merged under). A bank answered in different
  versions is refused unless ``force``: then the newest version is used, and responses
  to questions that version lacks (or whose value does not fit it) are dropped with a
  warning.
- ``participants``: the union, in order of first appearance, one per name and agency.
- ``plan``, ``targets`` and ``measures`` (the year's figures): merged field by field; a
  field set in one file and empty in another is filled in. ``population`` must agree
  where given, like a field. Two different values for the same field are a conflict: refused
  unless ``force``, which keeps the first file's value with a warning.

The questions on which the agencies disagree are found by ``analysis.disagreements``.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from msht_toolkit.analysis.consolidate import DEFAULT_RULE, check_rule, consolidate
from msht_toolkit.assessment.model import (
    Answer,
    Assessment,
    Participant,
    Response,
    fold,
)
from msht_toolkit.assessment.values import (
    ValueProblem,
    normalize,
)
from msht_toolkit.banks.model import (
    Bank,
    Question,
    version_key,
)
from msht_toolkit.errors import MergeConflictError

# ---------------------------------------------------------------- merging


@dataclass(frozen=True)
class Source:
    """One input of a merge: a loaded, checked assessment and its bank scope."""

    assessment: Assessment
    banks: Sequence[Bank]
    label: str = ""  # how messages name it (the file name)

    @property
    def name(self) -> str:
        if self.label:
            return self.label
        return Path(self.assessment.path).name if self.assessment.path else "assessment"


@dataclass(frozen=True)
class MergeResult:
    assessment: Assessment
    banks: tuple[Bank, ...]  # the merged file's scope, in display order
    warnings: tuple[str, ...]
    responses: int  # responses kept in all


def _file_agency(source: Source) -> str:
    agencies = {p.agency for p in source.assessment.participants if p.agency}
    if len(agencies) == 1:
        return next(iter(agencies))
    return source.name


@dataclass
class _Merger:
    sources: Sequence[Source]
    rule: str
    force: bool
    warnings: list[str] = field(default_factory=list)

    def conflict(self, message: str, outcome: str) -> None:
        """Refuse with one line, or (``force``) record a warning saying what was kept."""
        if not self.force:
            raise MergeConflictError(f"cannot merge: {message} (use --force to merge anyway)")
        self.warnings.append(f"{message}; {outcome}")

    # -- profile

    def agreed_text(self, attr: str, what: str, strict: bool) -> str | None:
        """First non-empty value of ``attr``; a different one is a conflict or a warning."""
        first: tuple[str, str] | None = None
        for source in self.sources:
            value = getattr(source.assessment, attr)
            if not value:
                continue
            if first is None:
                first = (value, source.name)
            elif fold(value) != fold(first[0]):
                message = (
                    f"{first[1]} is for {what} {first[0]!r} but {source.name} is for {value!r}"
                )
                if strict:
                    self.conflict(message, f"kept {first[0]!r}")
                else:
                    self.warnings.append(f"{message}; kept {first[0]!r}")
        return first[0] if first else None

    # -- banks

    def choose_banks(self) -> dict[str, Bank]:
        seen: dict[str, dict[str, list[str]]] = {}  # bank id -> version -> file names
        banks: dict[tuple[str, str], Bank] = {}
        for source in self.sources:
            for bank in source.banks:
                seen.setdefault(bank.id, {}).setdefault(bank.version, []).append(source.name)
                banks[bank.key] = bank
        chosen: dict[str, Bank] = {}
        for bank_id, versions in seen.items():
            newest = max(versions, key=version_key)
            if len(versions) > 1:
                listed = "; ".join(f"{v} in {', '.join(names)}" for v, names in versions.items())
                self.conflict(
                    f"bank {bank_id!r} was answered in different versions ({listed})",
                    f"merged into version {newest}",
                )
            chosen[bank_id] = banks[(bank_id, newest)]
        return chosen

    # -- answers

    def responses_of(self, source: Source, answer: Answer) -> list[Response]:
        if answer.responses:
            return [dataclasses.replace(r, evidence=list(r.evidence)) for r in answer.responses]
        if answer.value is None and not answer.note and not answer.evidence:
            return []
        return [
            Response(
                by=answer.by or _file_agency(source),
                value=answer.value,
                note=answer.note,
                evidence=list(answer.evidence),
                at=answer.at,
            )
        ]

    def merge_answers(self, chosen: dict[str, Bank]) -> dict[str, Answer]:
        index: dict[str, Question] = {}
        order: list[str] = []
        for bank in chosen.values():
            for question in bank.questions():
                index[question.id] = question
                order.append(question.id)
        collected: dict[str, list[Response]] = {}
        own_notes: dict[str, list[str]] = {}
        own_evidence: dict[str, list[str]] = {}
        reviews: dict[str, list[str]] = {}
        dropped: list[str] = []
        unfit: list[str] = []
        repeats: Counter[str] = Counter()
        for source in self.sources:
            for qid, answer in source.assessment.answers.items():
                question = index.get(qid)
                if question is None:
                    dropped.append(f"{qid} ({source.name})")
                    continue
                kept = collected.setdefault(qid, [])
                for response in self.responses_of(source, answer):
                    try:
                        response.value = normalize(question, response.value)
                    except ValueProblem:
                        unfit.append(f"{qid} by {response.by} ({source.name})")
                        continue
                    if response in kept:
                        continue  # the same response met again: a merged file's source
                    if response.by and any(r.by == response.by for r in kept):
                        repeats[response.by] += 1
                    kept.append(response)
                if answer.responses:
                    if answer.note:
                        _add(own_notes.setdefault(qid, []), [answer.note])
                    _add(own_evidence.setdefault(qid, []), answer.evidence)
                if answer.review:
                    reason = answer.review_reason or ""
                    if answer.by and reason:
                        reason = f"{answer.by}: {reason}"
                    reviews.setdefault(qid, []).append(reason)
        if dropped:
            self.warnings.append(
                f"dropped {len(dropped)} answer(s) to questions not in the merged bank "
                f"versions: {', '.join(dropped)}"
            )
        if unfit:
            self.warnings.append(
                f"dropped {len(unfit)} response(s) whose value does not fit the merged bank "
                f"version: {', '.join(unfit)}"
            )
        for agency, count in repeats.items():
            self.warnings.append(
                f"{agency} gave different answers to {count} question(s) in more than one "
                "file; every one is kept as a response"
            )
        out: dict[str, Answer] = {}
        for qid in order:
            responses = collected.get(qid)
            if not responses:
                continue
            question = index[qid]
            evidence: list[str] = []
            for response in responses:
                _add(evidence, response.evidence)
            _add(evidence, own_evidence.get(qid, []))
            notes = own_notes.get(qid, [])
            reasons = [r for r in reviews.get(qid, []) if r]
            out[qid] = Answer(
                value=consolidate(question, responses, self.rule),
                note="\n".join(notes) if notes else None,
                evidence=evidence,
                review=qid in reviews,
                review_reason="; ".join(dict.fromkeys(reasons)) or None,
                responses=responses,
            )
        return out

    # -- plan and targets

    def merge_records(self, attr: str, what: str, fields: tuple[str, ...]) -> dict[str, Any]:
        merged: dict[str, Any] = {}
        origin: dict[tuple[str, str], str] = {}
        for source in self.sources:
            for key, record in getattr(source.assessment, attr).items():
                if key not in merged:
                    merged[key] = dataclasses.replace(record)
                    for name in fields:
                        if getattr(record, name) is not None:
                            origin[(key, name)] = source.name
                    continue
                current = merged[key]
                for name in fields:
                    new = getattr(record, name)
                    old = getattr(current, name)
                    if new is None or new == old:
                        continue
                    if old is None:
                        setattr(current, name, new)
                        origin[(key, name)] = source.name
                        continue
                    self.conflict(
                        f"{what} {key} {name} is {old!r} in {origin[(key, name)]} but {new!r} "
                        f"in {source.name}",
                        f"kept {old!r}",
                    )
        return merged

    def agreed_population(self) -> int | None:
        """The files' population: one value, or a conflict (the first file's is kept)."""
        kept: tuple[int, str] | None = None
        for source in self.sources:
            population = source.assessment.population
            if population is None:
                continue
            if kept is None:
                kept = (population, source.name)
            elif population != kept[0]:
                self.conflict(
                    f"population is {kept[0]} in {kept[1]} but {population} in {source.name}",
                    f"kept {kept[0]}",
                )
        return kept[0] if kept else None

    # -- participants

    def participants(self) -> list[Participant]:
        out: list[Participant] = []
        seen: dict[tuple[str, str], Participant] = {}
        for source in self.sources:
            for p in source.assessment.participants:
                key = (fold(p.name), fold(p.agency))
                if key in seen:
                    if seen[key].role is None and p.role:
                        seen[key].role = p.role
                    continue
                copy = dataclasses.replace(p)
                seen[key] = copy
                out.append(copy)
        return out


def _add(target: list[str], items: Iterable[str]) -> None:
    for item in items:
        if item and item not in target:
            target.append(item)


def merge(sources: Sequence[Source], rule: str = DEFAULT_RULE, force: bool = False) -> MergeResult:
    """Merge several agencies' assessments of one partnership (see module doc).

    Every source must already be checked (``assessment.check.check_answers``), with its
    scope in ``banks``. Raises ``MergeConflictError`` (one line) on a conflict unless
    ``force``, and when there is nothing to merge.
    """
    check_rule(rule)
    if not sources:
        raise MergeConflictError("nothing to merge: name at least one assessment file")
    m = _Merger(sources, rule, force)
    result = Assessment()
    result.partnership = m.agreed_text("partnership", "partnership", strict=True) or ""
    result.period = m.agreed_text("period", "period", strict=True)
    chosen = m.choose_banks()
    result.area = m.agreed_text("area", "area", strict=False)
    result.carried_from = m.agreed_text("carried_from", "carried_from", strict=False)
    dates = [s.assessment.assessed_on for s in sources if s.assessment.assessed_on]
    result.assessed_on = max(dates) if dates else None
    result.participants = m.participants()
    result.plan = m.merge_records(
        "plan", "plan entry", ("owner", "due", "status", "reason", "note")
    )
    result.targets = m.merge_records("targets", "target", ("level", "score", "by"))
    result.measures = m.merge_records("measures", "measure", ("value", "note", "source"))
    result.population = m.agreed_population()
    order = {bank_id: i for i, bank_id in enumerate(_display_order(sources))}
    banks = tuple(sorted(chosen.values(), key=lambda b: order.get(b.id, len(order))))
    result.banks = {b.id: b.version for b in banks}
    result.answers = m.merge_answers({b.id: b for b in banks})
    count = sum(len(a.responses) for a in result.answers.values())
    return MergeResult(result, banks, tuple(m.warnings), count)


def _display_order(sources: Sequence[Source]) -> list[str]:
    ids: list[str] = []
    for source in sources:
        for bank in source.banks:
            if bank.id not in ids:
                ids.append(bank.id)
    return ids
