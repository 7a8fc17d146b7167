"""Time from an answer being confirmed to the next question being drawn (target < 50 ms).

Two measurements on a generated 100-question bank (10 sections of 10 questions, with
`when` conditions, mixed types) and an assessment already half answered:

1. in-process: record the answer, autosave (the YAML is made and the file renamed
   into place at once, so the answer survives kill -9; only the fsync to the physical
   disk runs on the saver's helper thread), find the next question, build its screen
   and the questionary prompt for it (no terminal); and, separately, the time until
   the file is fsync'd;
2. end-to-end: the installed `msht assess` in a pseudo-terminal (pexpect); the time
   from pressing Enter on the last prompt of one question (evidence) to the next
   question's choices appearing on screen.

Run: .venv/bin/python benchmarks/bench_walk.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml
from benchenv import installed_like_env

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SECTIONS = 10
PER_SECTION = 10


def make_bank(folder: Path) -> Path:
    sections = []
    for s in range(SECTIONS):
        questions = []
        for q in range(PER_SECTION):
            qid = f"BW-S{s:02d}-{q + 1:02d}"
            question: dict[str, object] = {
                "id": qid,
                "text": f"Question {q + 1} of section {s}: does the partnership do thing {q}?",
                "help": "Good looks like a written, agreed and tested arrangement. " * 3,
                "evidence": "Terms of reference; minutes; audit",
            }
            if q % 5 == 3:
                question["type"] = "yesno"
            else:
                question["levels"] = [f"Level {n} descriptor for {qid}, " * 4 for n in range(4)]
            if q % 5 == 4:
                question["when"] = f"BW-S{s:02d}-{q:02d} == yes"
            question["actions"] = [
                {"below": 1 if q % 5 == 3 else 2, "do": "Act.", "priority": "high"}
            ]
            questions.append(question)
        sections.append({"id": f"s{s}", "title": f"Section {s}", "questions": questions})
    bank = {
        "schema": "msht-bank/1",
        "id": "bench-walk",
        "title": "Benchmark bank",
        "version": "1.0",
        "theme": "cross-cutting",
        "description": "Generated for benchmarks/bench_walk.py.",
        "sections": sections,
    }
    path = folder / "bench-walk.yaml"
    path.write_text(yaml.safe_dump(bank, sort_keys=False), encoding="utf-8")
    return path


def make_assessment(folder: Path, bank_path: Path, answered: int) -> Path:
    from msht_toolkit.banks.loader import load_bank_file

    bank = load_bank_file(bank_path)
    answers: dict[str, object] = {}
    for question in list(bank.questions())[:answered]:
        value: object = "yes" if question.type == "yesno" else 2
        answers[question.id] = {
            "value": value,
            "note": "A note of a realistic length, saying who does what and where it is written.",
            "evidence": ["Terms of reference v3", "Minutes of March meeting"],
            "by": "Midshire Police",
            "at": "2027-03-14T10:42:00",
        }
    data = {
        "schema": "msht-assessment/1",
        "partnership": "Midshire Anti-Slavery Partnership",
        "area": "Midshire",
        "period": "2026/27",
        "assessed_on": "2027-03-14",
        "banks": {"bench-walk": "1.0"},
        "participants": [{"name": "A. Lead", "agency": "Midshire Police", "role": "DCI"}],
        "answers": answers,
    }
    path = folder / "bench.msht.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    os.chmod(path, 0o600)
    return path


def in_process(folder: Path, bank_path: Path, rounds: int = 40) -> list[float]:
    import questionary

    from msht_toolkit.cli.walk_ui import share_default_key_bindings

    share_default_key_bindings()

    from msht_toolkit.assessment.autosave import Saver
    from msht_toolkit.assessment.check import check_answers
    from msht_toolkit.assessment.reading import load_assessment
    from msht_toolkit.banks.registry import load_bankset
    from msht_toolkit.walk.prompts import question_view
    from msht_toolkit.walk.session import UNANSWERED, WalkSession

    path = make_assessment(folder, bank_path, answered=50)
    bankset = load_bankset([bank_path], environ={})
    assessment = load_assessment(path)
    banks = check_answers(assessment, bankset)
    session = WalkSession(assessment, banks, agency="Midshire Police")
    saver = Saver(assessment, path)
    saver.claim(path)  # as the walk does: its lock, and the file as it is now
    index = session.first_unanswered()
    times = []
    durable = []
    for _ in range(rounds):
        if index is None:
            break
        question = session.stop(index).question
        value = "yes" if question.type == "yesno" else 1
        start = time.perf_counter()
        session.record(question.id, value, "A note typed in the meeting.", ["Minutes"])
        saver()
        index = session.next_stop(index, UNANSWERED)
        if index is not None:
            view = question_view(session, index, UNANSWERED)
            choices = [questionary.Choice(p.title, value=p.key) for p in view.picks]
            questionary.select("What is the answer?", choices=choices, default=view.default)
        times.append((time.perf_counter() - start) * 1000)
        saver.wait()
        durable.append((time.perf_counter() - start) * 1000)
    saver.release()
    report("in-process answer -> file on disk (fsync'd)", durable, target=False)
    return times


def end_to_end(folder: Path, bank_path: Path, rounds: int = 15) -> list[float]:
    import pexpect

    msht = shutil.which("msht", path=str(Path(sys.executable).parent)) or "msht"
    path = make_assessment(folder, bank_path, answered=50)
    env = installed_like_env(PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm")
    env.pop("MSHT_BANKS", None)
    child = pexpect.spawn(
        msht,
        [
            "assess",
            str(path),
            "--bank",
            str(bank_path),
            "--bank",
            "bench-walk",
            "--agency",
            "Midshire Police",
        ],
        env=env,
        dimensions=(50, 160),
        encoding="utf-8",
        timeout=10,
    )
    child.delaybeforesend = None
    times = []
    child.expect("What is the answer to")
    child.expect("Back to the menu")
    for _ in range(rounds):
        child.send("\r")  # the default choice
        child.expect("Type a note")
        child.send("\r")
        child.expect("List any evidence")
        start = time.perf_counter()
        child.send("\r")
        child.expect("What is the answer to")
        child.expect("Back to the menu")  # the last choice drawn
        times.append((time.perf_counter() - start) * 1000)
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    return times


def report(name: str, times: list[float], target: bool = True) -> None:
    times = sorted(times)
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    print(
        f"{name}: n={len(times)} median {statistics.median(times):.1f} ms, "
        f"p95 {p95:.1f} ms, max {times[-1]:.1f} ms" + (" (target < 50 ms)" if target else "")
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        bank_path = make_bank(folder)
        report(
            "in-process answer -> next question ready (100-question bank)",
            in_process(folder, bank_path),
        )
        report(
            "pseudo-terminal Enter -> next question drawn (100-question bank)",
            end_to_end(folder, bank_path),
        )


if __name__ == "__main__":
    main()
