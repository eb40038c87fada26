"""The result of planning: where each session goes, what was left out, and how good it is.

A plan is plain data (no solver objects) so that it can be written to JSON, read back,
hand-edited, checked, rendered and exported. The JSON keys are a contract with other
tools: extend, never rename.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from opensozial.errors import InputError, Location, Problem
from opensozial.i18n import t
from opensozial.inputs import read_text
from opensozial.jsonpos import position
from opensozial.model import Session

PLAN_FORMAT = "opensozial-plan/1"
REQUIRED_METRICS = frozenset({"conflicts", "overflow_seats", "unscheduled_sessions", "votes_total"})


@dataclass(frozen=True)
class Placed:
    """A session's place in a plan: its slots and its room."""

    slots: tuple[str, ...]
    room: str


def drop_cost(weight: int, top: int, session: Session) -> int:
    """A waiting session costs ``weight × (max demand + 1 + demand)`` in the score.

    ``top`` is the event's max demand + 1. Which sessions wait is decided before any
    cost is weighed (README, "How the planner decides"); this price puts the waiting
    sessions into the score and the objective, and, on days too large to settle the
    fewest drops, steers the search towards fewer and less demanded ones.
    """
    return weight * (top + session.demand)


@dataclass(frozen=True)
class Assignment:
    session: str
    room: str
    slots: tuple[str, ...]
    # The session's title when the plan was made, so that a later plan can still name a
    # session that has since been removed from the event file ("cancelled").
    title: str = field(default="", compare=False)
    # Its hosts then: a later diff tells who now leads it, and a session that had started
    # keeps them in the history even if it is deleted from the file.
    hosts: tuple[str, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class Unscheduled:
    """A session without a slot and why: a reason code and its parameters (who, which
    feature, how many seats), never text, so that every reader gets it in their language."""

    session: str
    reason: str = ""  # only a plan file's text, kept for a code this version does not know
    reason_code: str = "not_placed"
    params: dict[str, Any] = field(default_factory=dict, hash=False)

    def text(self, lang: str) -> str:
        """The reason in ``lang``, rendered from code and parameters."""
        try:
            return t(f"reason_{self.reason_code}", lang, **self.params)
        except (KeyError, IndexError):  # a code or parameter from another version's plan file
            return self.reason or self.reason_code


@dataclass(frozen=True)
class Metrics:
    """The figures the checker re-derives; see ``check.compute_metrics`` for definitions."""

    conflicts: int
    overflow_seats: int
    unscheduled_sessions: int
    votes_total: int
    track_clashes: int = 0
    avoid_clashes: int = 0
    wishes_unscheduled: int = 0
    room_changes: int = 0  # later parts ("follows") not in the room of the part before


@dataclass
class Plan:
    status: str  # "optimal" | "feasible" (| "unchecked" for hand-made plans)
    bound: int  # proven lower bound on ``objective``
    objective: int
    assignments: list[Assignment]
    unscheduled: list[Unscheduled]
    metrics: Metrics
    score: dict[str, int] = field(default_factory=dict)  # objective per soft rule
    solver: dict[str, Any] = field(default_factory=dict)
    # Proven lower bound on ``metrics.conflicts`` among grids that drop no more sessions
    # than needed ("143 conflicts, at least 118 unavoidable"); 0 when unknown.
    conflicts_bound: int = 0
    # Wall seconds of the solve; shown, never written (plans stay reproducible).
    elapsed: float = 0.0
    # What the plan was made against, for a later diff and for history: each room's name and
    # seats ({"rooms": {id: {"name", "capacity"}}}), each plenary's title and time
    # ({"plenaries": {slot id: {"title", "date", "start", "end"}}}).
    context: dict[str, Any] = field(default_factory=dict)

    def assignment_of(self, session_id: str) -> Assignment | None:
        return next((a for a in self.assignments if a.session == session_id), None)

    def to_json(self, lang: str = "en") -> str:
        """The plan as JSON; the open ends' ``reason`` is rendered in ``lang``."""
        data = {
            "format": PLAN_FORMAT,
            "status": self.status,
            "bound": self.bound,
            "conflicts_bound": self.conflicts_bound,
            "objective": self.objective,
            "assignments": [
                {"session": a.session, "room": a.room, "slots": list(a.slots)}
                | ({"title": a.title} if a.title else {})
                | ({"hosts": list(a.hosts)} if a.hosts else {})
                for a in self.assignments
            ],
            "unscheduled": [
                {"session": u.session, "reason": u.text(lang), "reason_code": u.reason_code,
                 "params": u.params}
                for u in self.unscheduled
            ],
            "metrics": asdict(self.metrics),
            "score": self.score,
            "solver": self.solver,
        } | ({"context": self.context} if self.context else {})
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def read_plan(path: Path | str) -> Plan:
    """Read a plan JSON (ours or hand-made: only ``assignments`` is required).

    A plan without a complete ``metrics`` block is read with status "unchecked", so the
    checker verifies its rules but has no claimed figures to hold it to. Every value is
    checked for its kind (a text, a whole number within 64 bits, a list, ...) and a
    wrong one is reported with the file's line, never passed on to crash a later step.
    """
    path = Path(path)
    text = read_text(path)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        loc = Location(path, exc.lineno, exc.colno)
        raise InputError([Problem("json_syntax", {"reason": exc.msg}, loc)]) from None
    except RecursionError:
        raise InputError([Problem("plan_too_deep", {}, Location(path))]) from None
    read = _PlanReader(path, text)
    root = read.mapping(data, ())
    claimed = read.mapping(root.get("metrics") or {}, ("metrics",))
    complete = REQUIRED_METRICS <= claimed.keys()
    known = Metrics.__dataclass_fields__
    figures = {k: read.number(v, ("metrics", k)) for k, v in claimed.items() if k in known}
    solver = read.mapping(root.get("solver") or {}, ("solver",))
    replanned = read.mapping(solver.get("replan") or {}, ("solver", "replan"))
    read.text(replanned.get("now"), ("solver", "replan", "now"))
    score = read.mapping(root.get("score") or {}, ("score",))
    status = read.text(root.get("status"), ("status",)) or "unchecked"
    return Plan(
        # Without a complete metrics block a plan claims nothing to compare: "unchecked".
        status=status if complete else "unchecked",
        bound=read.number(root.get("bound"), ("bound",)),
        objective=read.number(root.get("objective"), ("objective",)),
        assignments=[
            _assignment(read, item, ("assignments", i))
            for i, item in enumerate(read.mappings(root.get("assignments"), ("assignments",)))
        ],
        unscheduled=[
            _unscheduled(read, item, ("unscheduled", i))
            for i, item in enumerate(read.mappings(root.get("unscheduled", []), ("unscheduled",)))
        ],
        metrics=Metrics(**figures) if complete else Metrics(0, 0, 0, 0),
        score={k: read.number(v, ("score", k)) for k, v in score.items()},
        solver=solver,
        conflicts_bound=read.number(root.get("conflicts_bound"), ("conflicts_bound",)),
        context=read.mapping(root.get("context") or {}, ("context",)),
    )


Where = tuple[str | int, ...]  # the path of a value in the plan file


def _assignment(read: _PlanReader, item: dict[str, Any], where: Where) -> Assignment:
    slots = read.items(item.get("slots"), (*where, "slots"))
    return Assignment(
        read.name(item.get("session"), (*where, "session")),
        read.name(item.get("room"), (*where, "room")),
        tuple(read.name(slot, (*where, "slots", j)) for j, slot in enumerate(slots)),
        read.text(item.get("title"), (*where, "title")),
        tuple(read.name(host, (*where, "hosts", j))
              for j, host in enumerate(read.items(item.get("hosts") or [], (*where, "hosts")))),
    )


def _unscheduled(read: _PlanReader, item: dict[str, Any], where: Where) -> Unscheduled:
    return Unscheduled(
        read.name(item.get("session"), (*where, "session")),
        read.text(item.get("reason"), (*where, "reason")),
        read.text(item.get("reason_code"), (*where, "reason_code")),
        read.mapping(item.get("params") or {}, (*where, "params")),
    )


class _PlanReader:
    """Type checks for a plan file's values; each failure names the key and the line."""

    LIMIT = 2**63

    def __init__(self, path: Path, text: str) -> None:
        self.path, self.source = path, text

    def fail(self, value: Any, where: Where, expected: str) -> InputError:
        key = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in where).lstrip(".")
        shown = json.dumps(value, ensure_ascii=False)
        shown = shown if len(shown) <= 40 else shown[:39] + "…"
        line, column = position(self.source, where)
        params = {"key": key, "value": shown, "expected_msg": expected}
        return InputError([Problem("plan_value", params, Location(self.path, line, column))])

    def mapping(self, value: Any, where: Where) -> dict[str, Any]:
        if not isinstance(value, dict) and not where:
            raise InputError([Problem("plan_not_object", {}, Location(self.path, 1, 1))])
        if not isinstance(value, dict):
            raise self.fail(value, where, "plan_expect_object")
        return value

    def items(self, value: Any, where: Where) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(value, where, "plan_expect_list")
        return value

    def mappings(self, value: Any, where: Where) -> list[dict[str, Any]]:
        return [self.mapping(item, (*where, i)) for i, item in enumerate(self.items(value, where))]

    def name(self, value: Any, where: Where) -> str:
        """An id: a text, or a whole number standing for one (hand-made plans write ``1``)."""
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) < self.LIMIT:
            return str(value)
        if not isinstance(value, str) or not value:
            raise self.fail(value, where, "plan_expect_text")
        return value

    def text(self, value: Any, where: Where) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            raise self.fail(value, where, "plan_expect_text")
        return value

    def number(self, value: Any, where: Where) -> int:
        if value is None:
            return 0
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool) or abs(value) >= self.LIMIT:
            raise self.fail(value, where, "plan_expect_number")
        return value
