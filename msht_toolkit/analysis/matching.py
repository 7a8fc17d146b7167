"""Matching questions across two bank versions (``msht diff`` and ``trend``): by id, else
through ``replaces`` followed over every version given (see ``analysis.diff``)."""

from __future__ import annotations

from collections.abc import Iterable

from msht_toolkit.banks.model import Bank
from msht_toolkit.scoring.scorer import QuestionResult, ScoreCard


def replaces_map(banks: Iterable[Bank]) -> dict[str, tuple[str, ...]]:
    """Question id -> ids it directly replaces, over every bank version given."""
    out: dict[str, list[str]] = {}
    for bank in banks:
        for question in bank.questions():
            listed = out.setdefault(question.id, [])
            for old_id in question.replaces:
                if old_id not in listed and old_id != question.id:
                    listed.append(old_id)
    return {qid: tuple(ids) for qid, ids in out.items()}


def ancestors(qid: str, direct: dict[str, tuple[str, ...]]) -> list[str]:
    """Every id ``qid`` took over from, nearest first (``replaces`` followed transitively)."""
    seen = {qid}
    order: list[str] = []
    frontier = [qid]
    while frontier:
        following: list[str] = []
        for current in frontier:
            for old_id in direct.get(current, ()):
                if old_id not in seen:
                    seen.add(old_id)
                    order.append(old_id)
                    following.append(old_id)
        frontier = following
    return order


def _pick(candidates: list[str], results: dict[str, QuestionResult]) -> str:
    """The first candidate with a score, else the first."""
    return next((c for c in candidates if results[c].score is not None), candidates[0])


def pair_questions(
    old: dict[str, QuestionResult],
    new: dict[str, QuestionResult],
    direct: dict[str, tuple[str, ...]],
) -> tuple[list[tuple[str | None, str | None]], set[str], set[str]]:
    """(old id, new id) pairs, plus the old and new ids used by a ``replaces`` pair.

    Same id first; then a question with no same-id partner is paired with its nearest
    ``replaces`` ancestor on the other side, from either side (whichever file holds the
    newer version), so that swapping the files swaps the pairs.
    """
    pairs: list[tuple[str | None, str | None]] = [(q, q) for q in new if q in old]
    only_old = [q for q in old if q not in new]
    only_new = [q for q in new if q not in old]
    used_old: set[str] = set()
    used_new: set[str] = set()
    for qid in only_new:
        candidates = [a for a in ancestors(qid, direct) if a in old and a not in new]
        if candidates:
            pairs.append((_pick(candidates, old), qid))
            used_old.update(candidates)
            used_new.add(qid)
    for qid in only_old:
        candidates = [a for a in ancestors(qid, direct) if a in new and a not in old]
        if candidates:
            pairs.append((qid, _pick(candidates, new)))
            used_new.update(candidates)
            used_old.add(qid)
    pairs += [(None, q) for q in only_new if q not in used_new]
    pairs += [(q, None) for q in only_old if q not in used_old]
    return pairs, used_old, used_new


def bank_order(old: ScoreCard, new: ScoreCard) -> list[str]:
    ids = [b.id for b in new.banks]
    ids += [b.id for b in old.banks if b.id not in ids]
    return ids


def question_order(
    pairs: list[tuple[str | None, str | None]],
    old: dict[str, QuestionResult],
    new: dict[str, QuestionResult],
    bank_ids: list[str],
) -> list[tuple[str | None, str | None]]:
    """Bank by bank; inside a bank, the new file's order, then questions it no longer has."""
    new_pos = {qid: i for i, qid in enumerate(new)}
    old_pos = {qid: i for i, qid in enumerate(old)}
    bank_rank = {bank_id: i for i, bank_id in enumerate(bank_ids)}

    def key(pair: tuple[str | None, str | None]) -> tuple[int, int, int, int]:
        old_id, new_id = pair
        if new_id is not None:
            result = new[new_id]
            return (bank_rank[result.bank_id], 0, new_pos[new_id], old_pos.get(old_id or "", -1))
        assert old_id is not None
        return (bank_rank[old[old_id].bank_id], 1, old_pos[old_id], 0)

    return sorted(pairs, key=key)
