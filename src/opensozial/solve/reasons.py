"""Why a session found no place ("offene Enden"): the real cause, as a code and its
parameters, so the facilitator can act on it (free a host, open a room, move a pin).

The causes are tried from the hardest to the softest: the session fits nowhere at all,
every cell it could take is held (a room lacking a feature is free, or pins and running
sessions hold them all, or just anyone), its host is busy wherever it could go, and only
then "the solver stopped". Each is a fact about the final grid.
"""

from __future__ import annotations

from opensozial.model import Event, Session
from opensozial.placements import placements, why_nowhere
from opensozial.plan import Placed, Unscheduled
from opensozial.solve.problem import Choice, Instance

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
    session = event.session_by_id[sid]
    choices = problem.choices[sid]
    first = problem.follows.get(sid)
    if first is not None:  # a later part: only with, and after, the part it follows
        named = {"other": _title(problem, first)}
        if first not in placed:
            return Unscheduled(sid, reason_code="part_waits", params=named)
        ended = event.slot_index[placed[first].slots[-1]]
        choices = [c for c in choices if c.start > ended]
        if not choices and placements(event, session):
            return Unscheduled(sid, reason_code="part_order", params=named)
    if not choices:
        return nowhere(event, session)
    holder = {(slot, p.room): other for other, p in placed.items() for slot in p.slots}
    cells = [(c, room) for c in choices for room in sorted(c.rooms)]
    free = [(c, room) for c, room in cells if all((u, room) not in holder for u in c.slots)]
    if not free:
        return _all_taken(problem, sid, choices, cells, holder)
    busy = {
        (host, slot): other
        for other, p in placed.items()
        for host in event.session_by_id[other].person_hosts
        for slot in p.slots
    }
    if all(_host_clash(session.person_hosts, c, busy) for c, _ in free):
        host, other = next(
            (h, busy[(h, u)])
            for c, _ in free
            for u in c.slots
            for h in session.person_hosts
            if (h, u) in busy
        )
        params = {"host": host, "other": _title(problem, other)}
        return Unscheduled(sid, reason_code="host_busy", params=params)
    # A free cell its hosts could take: the drop phase places every such session, so only a
    # search that stopped early leaves it out (too small a room is never a reason to drop).
    return Unscheduled(sid, reason_code="not_placed")


def nowhere(event: Event, session: Session) -> Unscheduled:
    """The reason for a session that fits no place of ``event`` at all (re-planning only:
    in a first plan the loader refuses the file)."""
    key, params = why_nowhere(event, session)
    return Unscheduled(
        session.id, reason_code=_NOWHERE[key], params={k: str(v) for k, v in params.items()}
    )


def _host_clash(hosts: list[str], choice: Choice, busy: dict[tuple[str, str], str]) -> bool:
    return any((host, u) in busy for host in hosts for u in choice.slots)


def _all_taken(
    problem: Instance,
    sid: str,
    choices: list[Choice],
    cells: list[tuple[Choice, str]],
    holder: dict[tuple[str, str], str],
) -> Unscheduled:
    """Every cell the session could take is held: by a pin, or a room lacking a feature is
    free, or simply every suitable room is full."""
    event = problem.event
    session = event.session_by_id[sid]
    lacking: set[str] = set()
    if session.needs and (session.pinned is None or session.pinned.room is None):
        for c in choices:
            for room in event.rooms:
                open_then = all(room.id in problem.rooms_at.get(u, ()) for u in c.slots)
                free = all((u, room.id) not in holder for u in c.slots)
                if open_then and free and room.id not in c.rooms:
                    lacking |= set(session.needs) - set(room.features)
    if lacking:
        params = {"feature": ", ".join(sorted(lacking))}
        return Unscheduled(sid, reason_code="no_feature", params=params)
    holders = [holder[(u, room)] for c, room in cells for u in c.slots if (u, room) in holder]
    if holders and all(other in problem.pinned for other in holders):
        return Unscheduled(sid, reason_code="pinned", params={"other": _title(problem, holders[0])})
    return Unscheduled(sid, reason_code="no_room")


def _title(problem: Instance, sid: str) -> str:
    session = problem.event.session_by_id.get(sid)
    return session.title if session else sid
