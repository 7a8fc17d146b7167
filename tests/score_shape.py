"""A strict validator for the ``msht score --json`` document (``msht-score/1``).

``score_shape_problems(doc)`` returns a list of human-readable problems (empty when the
document has exactly its published shape): the exact key sets at every level, value types,
scores rounded to one decimal in 0..100, completeness rounded to three decimals in 0..1,
RAG words, ``null`` score exactly where the rag is ``UNRATED``, ``capped_by`` naming a
question of its own section.
"""

from __future__ import annotations

from typing import Any

RAGS = {"RED", "AMBER", "GREEN", "UNRATED"}
THEMES = {"pursue", "prevent", "protect", "prepare", "cross-cutting"}
TOP_KEYS = {
    "schema",
    "partnership",
    "period",
    "overall",
    "themes",
    "banks",
    "sign_off",
    "measures",
}
SIGN_OFF_KEYS = {"by", "role", "on", "current"}
MEASURE_KEYS = {"id", "title", "unit", "bank", "value", "per_100k"}
UNITS = {"count", "percent", "days", "money"}
OVERALL_KEYS = {"score", "rag", "completeness", "provisional"}
THEME_KEYS = {"id", "score", "rag"}
BANK_KEYS = {
    "id",
    "version",
    "theme",
    "score",
    "rag",
    "completeness",
    "provisional",
    "sections",
}
SECTION_KEYS = {
    "id",
    "score",
    "rag",
    "completeness",
    "provisional",
    "capped_by",
    "questions",
}
QUESTION_KEYS = {"id", "value", "critical", "score", "rag"}


def _is_num(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _Check:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def keys(self, obj: Any, expected: set[str], where: str) -> bool:
        if not isinstance(obj, dict):
            self.fail(where, f"expected an object, got {type(obj).__name__}")
            return False
        if set(obj) != expected:
            missing = sorted(expected - set(obj))
            extra = sorted(set(obj) - expected)
            self.fail(where, f"keys differ: missing {missing}, unexpected {extra}")
            return False
        return True

    def score_rag(self, obj: dict[str, Any], where: str) -> None:
        score, rag = obj["score"], obj["rag"]
        if rag not in RAGS:
            self.fail(where, f"rag {rag!r} is not a RAG word")
        if score is None:
            if rag != "UNRATED":
                self.fail(where, f"null score but rag {rag!r}")
            return
        if not _is_num(score):
            self.fail(where, f"score {score!r} is not a number")
            return
        if not 0 <= score <= 100:
            self.fail(where, f"score {score} outside 0..100")
        if round(score, 1) != score:
            self.fail(where, f"score {score} not rounded to one decimal")
        if rag == "UNRATED":
            self.fail(where, "a score but rag UNRATED")

    def completeness(self, obj: dict[str, Any], where: str) -> None:
        value = obj["completeness"]
        if not _is_num(value) or not 0 <= value <= 1:
            self.fail(where, f"completeness {value!r} is not a number 0..1")
        elif round(value, 3) != value:
            self.fail(where, f"completeness {value} not rounded to three decimals")
        if not isinstance(obj["provisional"], bool):
            self.fail(where, "provisional is not true/false")


def score_shape_problems(doc: Any) -> list[str]:
    c = _Check()
    if not c.keys(doc, TOP_KEYS, "document"):
        return c.problems
    if doc["schema"] != "msht-score/1":
        c.fail("schema", f"{doc['schema']!r} is not 'msht-score/1'")
    for key in ("partnership", "period"):
        if doc[key] is not None and not isinstance(doc[key], str):
            c.fail(key, "must be text or null")
    sign_off = doc["sign_off"]
    if sign_off is not None and c.keys(sign_off, SIGN_OFF_KEYS, "sign_off"):
        if not isinstance(sign_off["by"], str) or not isinstance(sign_off["current"], bool):
            c.fail("sign_off", "by must be text and current true/false")
        for key in ("role", "on"):
            if sign_off[key] is not None and not isinstance(sign_off[key], str):
                c.fail("sign_off", f"{key} must be text or null")
    if c.keys(doc["overall"], OVERALL_KEYS, "overall"):
        c.score_rag(doc["overall"], "overall")
        c.completeness(doc["overall"], "overall")
    if not isinstance(doc["themes"], list):
        c.fail("themes", "must be a list")
    else:
        for i, theme in enumerate(doc["themes"]):
            where = f"themes[{i}]"
            if c.keys(theme, THEME_KEYS, where):
                if theme["id"] not in THEMES:
                    c.fail(where, f"unknown theme {theme['id']!r}")
                c.score_rag(theme, where)
    if not isinstance(doc["measures"], list):
        c.fail("measures", "must be a list")
    else:
        for i, measure in enumerate(doc["measures"]):
            where = f"measures[{i}]"
            if not c.keys(measure, MEASURE_KEYS, where):
                continue
            if measure["unit"] not in UNITS:
                c.fail(where, f"unknown unit {measure['unit']!r}")
            for key in ("value", "per_100k"):
                if measure[key] is not None and (not _is_num(measure[key]) or measure[key] < 0):
                    c.fail(where, f"{key} must be a number 0 or more, or null")
            rate = measure["per_100k"]
            if rate is not None and round(rate, 1) != rate:
                c.fail(where, "per_100k must be rounded to one decimal")
            if rate is not None and measure["value"] is None:
                c.fail(where, "a rate without a value")
    if not isinstance(doc["banks"], list):
        c.fail("banks", "must be a list")
        return c.problems
    bank_themes = set()
    seen_questions: set[str] = set()
    for i, bank in enumerate(doc["banks"]):
        where = f"banks[{i}]"
        if not c.keys(bank, BANK_KEYS, where):
            continue
        bank_themes.add(bank["theme"])
        if not isinstance(bank["id"], str) or not isinstance(bank["version"], str):
            c.fail(where, "id and version must be text")
        c.score_rag(bank, where)
        c.completeness(bank, where)
        for j, section in enumerate(bank["sections"]):
            swhere = f"{where}.sections[{j}]"
            if not c.keys(section, SECTION_KEYS, swhere):
                continue
            c.score_rag(section, swhere)
            c.completeness(section, swhere)
            ids = []
            for k, question in enumerate(section["questions"]):
                qwhere = f"{swhere}.questions[{k}]"
                if not c.keys(question, QUESTION_KEYS, qwhere):
                    continue
                ids.append(question["id"])
                if question["id"] in seen_questions:
                    c.fail(qwhere, f"question {question['id']} listed twice")
                seen_questions.add(question["id"])
                if not isinstance(question["critical"], bool):
                    c.fail(qwhere, "critical is not true/false")
                value = question["value"]
                if value is not None and not isinstance(value, str | int | float):
                    c.fail(qwhere, f"value {value!r} has an unexpected type")
                c.score_rag(question, qwhere)
            capped = section["capped_by"]
            if capped is not None:
                if capped not in ids:
                    c.fail(swhere, f"capped_by {capped!r} is not a question of this section")
                if section["rag"] != "RED":
                    c.fail(swhere, "capped_by set but the section is not RED")
    theme_ids = [t["id"] for t in doc["themes"] if isinstance(t, dict) and "id" in t]
    if set(theme_ids) != bank_themes or len(theme_ids) != len(set(theme_ids)):
        c.fail("themes", f"lists {theme_ids}, but the banks' themes are {sorted(bank_themes)}")
    return c.problems
