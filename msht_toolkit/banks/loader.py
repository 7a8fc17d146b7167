"""Read one bank file and check it against every bank rule (keys, ids, levels, options,
thresholds, actions, ``when``).

``parse_bank`` collects every problem it can find (not only the first) and raises one
``BankError`` listing them, each as ``path:line:col: message``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from msht_toolkit.banks.model import (
    DEFAULT_AMBER,
    DEFAULT_GREEN,
    SCHEMA,
    THEMES,
    Bank,
    Question,
    Section,
)
from msht_toolkit.banks.questions import parse_question
from msht_toolkit.banks.reading import (
    KEBAB,
    check_file_schema,
    quoted_version,
    raise_problems,
    read_file,
    read_text,
    top_mapping,
)
from msht_toolkit.banks.when_checks import check_whens
from msht_toolkit.checking import Checker
from msht_toolkit.gcpause import paused_gc
from msht_toolkit.positions import Pos, YList, YMap

BANK_KEYS = {
    "schema",
    "id",
    "title",
    "version",
    "theme",
    "description",
    "weight",
    "rag",
    "sections",
}
BANK_REQUIRED = ("schema", "id", "title", "version", "theme", "sections")
SECTION_KEYS = {"id", "title", "questions"}
RAG_KEYS = {"green", "amber"}


def load_bank_file(path: Path, bundled: bool = False) -> Bank:
    """Load and check one bank file; raise ``BankError`` listing every problem."""
    return parse_bank(read_file(path, "bank file"), str(path), bundled=bundled)


def load_bank_text(text: str, path: str = "<bank>") -> Bank:
    return parse_bank(read_text(text, path, "bank file"), path)


@paused_gc()
def parse_bank(data: Any, path: str, bundled: bool = False) -> Bank:
    checker = Checker(path)
    data = top_mapping(data, path, "bank")
    check_file_schema(
        data,
        checker,
        SCHEMA,
        "question bank",
        f"bank is missing required key 'schema' (schema: {SCHEMA})",
    )
    checker.keys(data, BANK_KEYS, tuple(k for k in BANK_REQUIRED if k != "schema"), "bank")

    bank_id = checker.text(data, "id", "bank", required=True)
    if bank_id is not None and not KEBAB.match(bank_id):
        checker.add(
            data.vpos("id"), f"bank id {bank_id!r} must be kebab-case (e.g. victim-support)"
        )
    title = checker.text(data, "title", "bank", required=True)
    version = quoted_version(data, checker, "bank")
    theme = checker.text(data, "theme", "bank", required=True)
    if theme is not None and theme not in THEMES:
        checker.add(data.vpos("theme"), f"bank theme {theme!r} must be one of {', '.join(THEMES)}")
    description = checker.text(data, "description", "bank")
    weight = checker.number(data, "weight", "bank", 0, None, 1.0)
    green, amber = _rag(data, checker)
    sections = _Sections(checker)
    section_list = checker.seq(data, "sections", "bank", required=True)
    for s_index, raw_section in enumerate(section_list or []):
        node = checker.mapping(raw_section, section_list.ipos(s_index), "a section")
        if node is not None:
            sections.add(node)
    if not checker.problems:
        sections.check_links()

    raise_problems(checker)
    return Bank(
        id=bank_id or "",
        title=title or "",
        version=str(version),
        theme=theme or "",
        sections=tuple(sections.sections),
        description=description,
        weight=weight,
        green=green,
        amber=amber,
        path=path,
        bundled=bundled,
    )


def _rag(data: YMap, checker: Checker) -> tuple[float, float]:
    """The bank's ``rag:`` thresholds (green, amber); the defaults where not given."""
    green, amber = DEFAULT_GREEN, DEFAULT_AMBER
    if "rag" in data:
        rag = checker.mapping(data["rag"], data.vpos("rag"), "bank 'rag'")
        if rag is not None:
            checker.keys(rag, RAG_KEYS, (), "rag")
            green = checker.number(rag, "green", "rag", 0, 100, DEFAULT_GREEN)
            amber = checker.number(rag, "amber", "rag", 0, 100, DEFAULT_AMBER)
            if amber > green:
                checker.add(rag.pos, f"rag amber ({amber:g}) must not be above green ({green:g})")
    return green, amber


class _Sections:
    """The bank's sections as they are read, with what is checked across them: unique
    section and question ids, and (once all is read) ``when`` and ``replaces`` links."""

    def __init__(self, checker: Checker) -> None:
        self.checker = checker
        self.sections: list[Section] = []
        self.seen_sections: dict[str, Pos] = {}
        self.seen_questions: dict[str, Pos] = {}
        self.whens: list[tuple[Question, YMap]] = []
        self.replaces: list[tuple[str, str, Pos]] = []

    def add(self, node: YMap) -> None:
        checker = self.checker
        checker.keys(node, SECTION_KEYS, ("id", "title", "questions"), "section")
        section_id = checker.text(node, "id", "section", required=True)
        if section_id is not None:
            if not KEBAB.match(section_id):
                checker.add(node.vpos("id"), f"section id {section_id!r} must be kebab-case")
            elif section_id in self.seen_sections:
                checker.add(
                    node.vpos("id"),
                    f"duplicate section id {section_id!r} "
                    f"(first at line {self.seen_sections[section_id].line})",
                )
            else:
                self.seen_sections[section_id] = node.vpos("id")
        section_title = checker.text(node, "title", "section", required=True)
        questions: list[Question] = []
        question_list = checker.seq(node, "questions", "section", required=True)
        for q_index, raw_question in enumerate(question_list or []):
            qnode = checker.mapping(raw_question, question_list.ipos(q_index), "a question")
            question = self._question(qnode) if qnode is not None else None
            if question is not None:
                questions.append(question)
        self.sections.append(Section(section_id or "", section_title or "", tuple(questions)))

    def _question(self, qnode: YMap) -> Question | None:
        question = parse_question(qnode, self.checker)
        if question is None:
            return None
        if question.id in self.seen_questions:
            self.checker.add(
                qnode.vpos("id"),
                f"duplicate question id {question.id!r} "
                f"(first at line {self.seen_questions[question.id].line})",
            )
            return None
        self.seen_questions[question.id] = qnode.vpos("id")
        if question.when is not None:
            self.whens.append((question, qnode))
        for i, old in enumerate(question.replaces):
            items = qnode.get("replaces")
            pos = items.ipos(i) if isinstance(items, YList) else qnode.vpos("replaces")
            self.replaces.append((question.id, old, pos))
        return question

    def check_links(self) -> None:
        """``when`` names earlier questions sensibly; ``replaces`` names no current one."""
        check_whens(self.whens, self.sections, self.checker)
        for qid, old, pos in self.replaces:
            if old == qid:
                self.checker.add(pos, f"question {qid} cannot replace itself")
            elif old in self.seen_questions:
                self.checker.add(
                    pos,
                    f"{qid} replaces {old!r}, but {old} is still a question in this bank version",
                )
