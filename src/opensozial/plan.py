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

PLAN_FORMAT = "opensozial-plan/1"
REQUIRED_METRICS = frozenset({"conflicts", "overflow_seats", "unscheduled_sessions", "votes_total"})


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
    checker verifies its rules but has no claimed figures to hold it to.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise InputError([Problem("file_missing", {"path": str(path)}, Location(path))]) from None
    except json.JSONDecodeError as exc:
        loc = Location(path, exc.lineno, exc.colno)
        raise InputError([Problem("json_syntax", {"reason": exc.msg}, loc)]) from None
    except (OSError, UnicodeDecodeError) as exc:
        problem = Problem("file_unreadable", {"reason": str(exc)}, Location(path))
        raise InputError([problem]) from None
    try:
        assignments = [
            Assignment(str(a["session"]), str(a["room"]), tuple(str(s) for s in a["slots"]),
                       str(a.get("title") or ""), tuple(str(h) for h in a.get("hosts") or ()))
            for a in data["assignments"]
        ]
        unscheduled = [
            Unscheduled(str(u["session"]), str(u.get("reason", "")), str(u.get("reason_code", "")),
                        dict(u.get("params") or {}))
            for u in data.get("unscheduled", [])
        ]
        claimed = data.get("metrics") or {}
        complete = isinstance(claimed, dict) and REQUIRED_METRICS <= claimed.keys()
        known = Metrics.__dataclass_fields__
        metrics = (Metrics(**{k: int(v) for k, v in claimed.items() if k in known}) if complete
                   else Metrics(0, 0, 0, 0))
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise InputError([Problem("plan_shape", {"reason": str(exc)}, Location(path))]) from None
    return Plan(
        # Without a complete metrics block a plan claims nothing to compare: "unchecked".
        status=str(data.get("status", "unchecked")) if complete else "unchecked",
        bound=int(data.get("bound", 0) or 0),
        objective=int(data.get("objective", 0) or 0),
        assignments=assignments,
        unscheduled=unscheduled,
        metrics=metrics,
        score=dict(data.get("score") or {}),
        solver=dict(data.get("solver") or {}),
        conflicts_bound=int(data.get("conflicts_bound", 0) or 0),
        context=data["context"] if isinstance(data.get("context"), dict) else {},
    )
