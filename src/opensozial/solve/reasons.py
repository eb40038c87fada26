"""Why a session found no place ("offene Enden"): the real cause, as a code and its
parameters, so the facilitator can act on it (free a host, open a room, move a pin).

A session that fits no place of the event at all gets the loader's reason. Otherwise the
hard rules of ``rules.py`` are asked in their declared order, each with the finished
grid, which of the session's starts and rooms it still allows (``HardRule.admit``, the
greedy start's test): the first rule that leaves none is the cause, named by its
``reason`` (and ``explain``: a host and the session they lead, a free room lacking a
feature, a pin). With a place every rule allows, only "the solver stopped" is left. Each
is a fact about the final grid.
"""

from __future__ import annotations

from opensozial.model import Event, Session
from opensozial.placements import placements, why_nowhere
from opensozial.plan import Placed, Unscheduled
from opensozial.solve.greedy import Partial
from opensozial.solve.problem import Instance
from opensozial.solve.rules import HARD, Cells, title

# why_nowhere's message key -> reason code (a session that fits no place of the file at all)
_NOWHERE = {
    "fits_nowhere_feature": "feature_gone",
    "fits_nowhere_feature_combo": "feature_gone",
    "fits_nowhere_length": "too_long",
    "pin_impossible": "pin_closed",
    "fits_nowhere_unavailable": "slots_closed",
}


def why_unscheduled(problem: Instance, placed: dict[str, Placed], sid: str) -> Unscheduled:
    """The reason ``sid`` has no place in the grid ``placed``."""
    event = problem.event
    choices = problem.choices[sid]
    first = problem.follows.get(sid)
    if first is not None and (first not in placed or (
            not choices and placements(event, event.session_by_id[sid]))):
        # the group waits together; or no start comes after the part it continues
        code = "part_waits" if first not in placed else "part_order"
        return Unscheduled(sid, reason_code=code, params={"other": title(problem, first)})
    if not choices:
        return nowhere(event, event.session_by_id[sid])
    grid = Partial(problem)
    for other, place in placed.items():
        grid.add(other, place)
    left: Cells = [(c, c.rooms) for c in choices]
    for rule in HARD:
        allowed = [(c, rule.admit(grid, sid, c, rooms)) for c, rooms in left]
        if rule.reason is not None and not any(rooms for _, rooms in allowed):
            told, params = rule.explain(grid, sid, left) if rule.explain else (None, {})
            return Unscheduled(sid, reason_code=told or rule.reason, params=params)
        left = [(c, rooms) for c, rooms in allowed if rooms]
    # A place every rule allows: the drop phase places every such session, so only a search
    # that stopped early leaves it out (too small a room is never a reason to drop).
    return Unscheduled(sid, reason_code="not_placed")


def nowhere(event: Event, session: Session) -> Unscheduled:
    """The reason for a session that fits no place of ``event`` at all (re-planning only:
    in a first plan the loader refuses the file)."""
    key, params = why_nowhere(event, session)
    return Unscheduled(
        session.id, reason_code=_NOWHERE[key], params={k: str(v) for k, v in params.items()}
    )
