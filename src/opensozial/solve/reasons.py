"""Why a session found no place ("offene Enden"), in words a facilitator can act on."""

from __future__ import annotations

from opensozial.i18n import t
from opensozial.plan import Placed, Unscheduled
from opensozial.solve.problem import Instance


def why_unscheduled(problem: Instance, placed: dict[str, Placed], sid: str) -> Unscheduled:
    event = problem.event
    session = event.session_by_id[sid]
    taken = {(slot, p.room) for p in placed.values() for slot in p.slots}
    busy = {
        (host, slot)
        for other, p in placed.items()
        for host in event.session_by_id[other].person_hosts
        for slot in p.slots
    }
    room_free = [
        c for c in problem.choices[sid]
        if any(all((u, r) not in taken for u in c.slots) for r in c.rooms)
    ]
    if not room_free:
        code = "no_room"
    elif all(any((h, u) in busy for h in session.person_hosts for u in c.slots) for c in room_free):
        code = "host_busy"
    else:
        code = "not_placed"
    return Unscheduled(sid, t(f"reason_{code}", event.event.language), code)
