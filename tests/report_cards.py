"""A small scored assessment for the report and plan renderers, with hostile user text."""

from __future__ import annotations

from bank_builder import answer, make_bank, q, score

from msht_toolkit.assessment.model import Participant, PlanEntry, Response, Target

NASTY = "Pipes | here # hash `tick` <script>alert(1)</script> [x](http://evil) *em* _u_ \x1b[2J"
SHOWN = "Pipes | here # hash `tick` <script>alert(1)</script> [x](http://evil) *em* _u_ ␛[2J"


def act(below: float, do: str, priority: str = "high", owner: str = "Police") -> dict:
    return {"below": below, "do": do, "priority": priority, "owner": owner}


def banks() -> list:
    return [
        make_bank(
            "alpha",
            {
                "s1": [
                    q(
                        "A-1",
                        critical=True,
                        evidence="Terms of reference",
                        actions=[act(1, "Fix it"), act(3, "Then keep it fixed", "low")],
                    ),
                    q("A-2", "yesno", actions=[act(1, "Say yes", "medium", "Council")]),
                    q("A-3", when="A-2 == yes"),
                ],
                "s2": [q("A-4", actions=[act(2, "Find out", "medium")]), q("A-5", "text")],
            },
            theme="prepare",
        ),
        make_bank(
            "beta",
            {
                "s1": [
                    q("B-1", actions=[act(3, "Keep going", "low")]),
                    q("B-2", actions=[act(2, "Drop me")]),
                ]
            },
            theme="pursue",
        ),
        make_bank("gamma", {"s1": [q("C-1")]}, theme="protect"),
    ]


def card(**extra: object) -> object:
    answers = {
        "A-1": answer(0, note=NASTY, evidence=[NASTY, "Plain doc v2"], by="<b>Agency</b> | x"),
        "A-2": answer("no"),
        "A-3": answer(3),  # stored, but its condition is false
        "A-4": answer(
            "unknown",
            note="ask",
            review=True,
            review_reason=NASTY,
            responses=[
                Response(by="Midshire Police", value=3),
                Response(by="Council | x", value=0),
            ],
        ),
        "A-5": answer("We meet monthly | `x`"),
        "B-1": answer(2, note="Good progress"),
        "B-2": answer(0),
    }
    profile = {
        "partnership": "Midshire Anti-Slavery Partnership",
        "area": "Midshire <i>",
        "assessed_on": "2027-03-14",
        "participants": [
            Participant(name=NASTY, agency="[Agency](javascript:alert(1))", role="Lead | #1"),
            Participant(name="A. Lead"),
        ],
        "targets": {"A-1": Target(level=2, by="2027-09-30"), "beta": Target(score=50)},
        "plan": {
            "A-1": PlanEntry(owner=NASTY, due="2027-06-30", status="agreed"),
            "B-2": PlanEntry(status="dropped", reason=f"Covered elsewhere {NASTY}"),
        },
    }
    profile.update(extra)
    return score(banks(), answers, **profile)
