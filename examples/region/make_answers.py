"""Write the region's answers files from Midshire's 2027/28 answers (fictional data).

    python examples/region/make_answers.py     # then, in examples/region:
    for f in *-answers.yaml; do msht assess "${f%-answers.yaml}.msht.yaml" --answers "$f"; done

Midshire keeps its own values; each other partnership moves some banks up or down one
step (and a few answers at random, from a fixed seed, so the files are the same every
run). Kingsmere leaves its supply chains unanswered. Answers are against the newest
bundled bank versions. Each partnership also gives its population and its performance
figures (``FIGURES``; Midshire's are its own 2027/28 figures): Southholm rates its
identification work highly but has the fewest NRM referrals per 100,000 residents, and
Kingsmere could not report two measures.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import yaml

from msht_toolkit.banks.model import Question
from msht_toolkit.banks.registry import load_bankset

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "midshire-2027.msht.yaml"
# file name, partnership, area, seed, step per bank, a bank left unanswered
PARTNERSHIPS: list[tuple[str, str, str, int, dict[str, int], str | None]] = [
    ("midshire", "Midshire Anti-Slavery Partnership", "Midshire", 0, {}, None),
    ("northmoor", "Northmoor Modern Slavery Network", "Northmoor", 11,
     {"identification": 1, "victim-support": 1, "pursue": -1}, None),
    ("wexley", "Wexley and District Anti-Slavery Partnership", "Wexley", 12,
     {"pursue": 1, "prevent": 1}, None),
    ("eastvale", "Eastvale Partnership Against Modern Slavery and Human Trafficking", "Eastvale",
     13, {"identification": -1, "prepare": -1, "supply-chain": -1}, None),
    ("southholm", "Southholm Anti-Exploitation Board", "Southholm", 14,
     {"protect": 1, "prepare": 1, "identification": 1, "victim-support": 1}, None),
    ("kingsmere", "Kingsmere Anti-Slavery Partnership", "Kingsmere", 15,
     {"pursue": -1, "prevent": -1}, "supply-chain"),
]  # fmt: skip


# population, then NRM-REFERRALS, DTN-SUBMISSIONS, MS-CRIMES, MS-CHARGES, MS-ORDERS,
# PEOPLE-SUPPORTED, STAFF-TRAINED, PANEL-CASES, REFERRAL-DAYS (None: not reported)
MEASURE_IDS = (
    "NRM-REFERRALS", "DTN-SUBMISSIONS", "MS-CRIMES", "MS-CHARGES", "MS-ORDERS",
    "PEOPLE-SUPPORTED", "STAFF-TRAINED", "PANEL-CASES", "REFERRAL-DAYS",
)  # fmt: skip
FIGURES: dict[str, tuple[int, tuple[int | None, ...]]] = {
    "northmoor": (640000, (41, 9, 35, 6, 3, 47, 71, 12, 10)),
    "wexley": (410000, (19, 3, 22, 2, 1, 21, 48, 6, 18)),
    "eastvale": (880000, (30, 5, 51, 4, 1, 35, 39, 7, 22)),
    "southholm": (530000, (12, 2, 14, 1, 0, 15, 80, 9, 14)),
    "kingsmere": (760000, (33, 6, 40, 3, 2, None, 55, None, 16)),
}  # fmt: skip


def moved(q: Question, value: Any, step: int, rnd: random.Random) -> Any:
    """``value`` moved ``step`` (plus a random -1/0/+1 now and then) along its scale."""
    d = step + rnd.choice([-1, 0, 0, 0, 1])
    if value in ("unknown", "na", None) or q.type == "text":
        return value
    if q.type == "scale":
        return max(0, min(3, int(value) + d))
    if q.type == "yesno":
        yes = value in (True, "yes")
        return "yes" if (yes or d > 0) and d >= 0 else "no"
    if q.type == "choice":
        ids = [o.id for o in sorted(q.options, key=lambda o: o.score)]
        i = ids.index(value) if value in ids else 0
        return ids[max(0, min(len(ids) - 1, i + d))]
    if q.type == "number":
        mins = sorted(t.min for t in q.thresholds)
        i = max((k for k, m in enumerate(mins) if m <= float(value)), default=0)
        m = mins[max(0, min(len(mins) - 1, i + d))]
        return int(m) if float(m).is_integer() else m
    return value


def main() -> None:
    banks = load_bankset([]).newest()
    source = yaml.safe_load(SOURCE.read_text(encoding="utf-8"))
    base = {k: v.get("value") if isinstance(v, dict) else v for k, v in source["answers"].items()}
    for key, name, area, seed, steps, skip in PARTNERSHIPS:
        rnd = random.Random(seed)
        answers = {}
        for bank in banks:
            if bank.id == skip:
                continue
            for q in bank.questions():
                if q.id in base:
                    step = steps.get(bank.id, 0)
                    value = base[q.id]
                    answers[q.id] = value if key == "midshire" else moved(q, value, step, rnd)
        day = str(source["assessed_on"]) if key == "midshire" else f"2028-03-{seed % 20 + 4:02d}"
        at = f"{day}T10:00:00+00:00"  # the meeting, not the day the file was made
        doc = {
            "partnership": name,
            "area": area,
            "period": "2027/28",
            "assessed_on": day,
            "answers": {qid: {"value": value, "at": at} for qid, value in answers.items()},
        }
        if key == "midshire":
            doc["population"] = source["population"]
            doc["measures"] = source["measures"]
        else:
            population, values = FIGURES[key]
            doc["population"] = population
            doc["measures"] = {
                mid: value
                for mid, value in zip(MEASURE_IDS, values, strict=True)
                if value is not None
            }
        head = (
            f"# {name} (fictional): answers for 2027/28, used with\n"
            f"#   msht assess {key}.msht.yaml --answers {key}-answers.yaml\n"
        )
        text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, width=100)
        (HERE / f"{key}-answers.yaml").write_text(head + text, encoding="utf-8")


if __name__ == "__main__":
    main()
