"""Where each session may go at all: the hard rules that do not depend on other sessions.

A placement is a start slot plus a room such that the session's ``length`` consecutive
slots exist (same date, no break or plenary in between), none is unavailable to the
session or the room (or outside the parts they belong to), the room has every needed
feature, a reserved room is kept for one of them, and a pin (if any) holds.
The loader uses this to reject sessions that fit nowhere before any solving starts; the
solver builds its variables only over these placements.

The order of a session's parts (``follows:``) is the one rule here that looks at other
sessions: ``earliest_ends`` (the loader's error, the solver's pruning) and
``keeps_order`` (the greedy start, the open-end reasons and the re-plan promise).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from opensozial.model import Event, Room, Session, Slot
from opensozial.plan import Placed


@dataclass(frozen=True)
class Placement:
    start: int  # index into event.slots
    slots: tuple[str, ...]
    room: str


def _room_fits(event: Event, room: Room, session: Session, run: list[Slot]) -> bool:
    closed = event.room_closed[room.id]
    return (set(session.needs) <= set(room.features) and event.room_takes(room, session)
            and not any(slot.id in closed for slot in run))


def placements(event: Event, session: Session) -> list[Placement]:
    """Every (start, room) the session could take on an otherwise empty grid, in file order."""
    pin = session.pinned
    closed = event.closed_for(session)  # also for a pitch not (yet) in the file
    result = []
    for index, slot in enumerate(event.slots):
        if pin is not None and slot.id != pin.slot:
            continue
        run = event.runs(slot, session.length)
        if run is None or any(s.id in closed for s in run):
            continue
        ids = tuple(s.id for s in run)
        for room in event.rooms:
            if pin is not None and pin.room is not None and room.id != pin.room:
                continue
            if _room_fits(event, room, session, run):
                result.append(Placement(index, ids, room.id))
    return result


def why_nowhere(event: Event, session: Session) -> tuple[str, dict[str, object]]:
    """Explain (message key, params) why a session has no placement at all."""
    features = set().union(*(room.features for room in event.rooms))
    missing = sorted(set(session.needs) - features)
    if missing:
        return "fits_nowhere_feature", {"features": ", ".join(missing)}
    if not any(set(session.needs) <= set(room.features) for room in event.rooms):
        return "fits_nowhere_feature_combo", {"features": ", ".join(session.needs)}
    if not any(set(session.needs) <= set(room.features) and event.room_takes(room, session)
               for room in event.rooms):
        return "fits_nowhere_reserved", {}
    runs = [event.runs(slot, session.length) for slot in event.slots]
    if not any(runs):
        longest = _longest_run(event)
        return "fits_nowhere_length", {"length": session.length, "longest": longest}
    if session.pinned is not None:
        return "pin_impossible", {"slot": session.pinned.slot, "room": session.pinned.room or "-"}
    if not any(event.in_parts(slot, session.parts) for slot in event.session_slots):
        return "fits_nowhere_parts", {"parts": ", ".join(session.parts)}
    return "fits_nowhere_unavailable", {}


def _longest_run(event: Event) -> int:
    best = 0
    for slot in event.slots:
        length = 0
        while event.runs(slot, length + 1) is not None:
            length += 1
        best = max(best, length)
    return best


def earliest_ends(event: Event) -> dict[str, int]:
    """Per part (``follows:``) that can run after all the parts before it, the index of the
    earliest slot it can end in. A later part missing here can never run: the loader
    refuses that in a first plan, the solver leaves it no start."""
    ends: dict[str, int] = {}
    for chain in dict.fromkeys(event.chains.values()):
        after = -1
        for sid in chain:
            runs = [p.start + len(p.slots) - 1 for p in placements(event, event.session_by_id[sid])
                    if p.start > after]
            if not runs:
                break
            after = ends[sid] = min(runs)
    return ends


def keeps_order(event: Event, sid: str, slots: tuple[str, ...], placed: Mapping[str, Placed]
                ) -> bool:
    """Whether ``sid`` in ``slots`` keeps the order of its parts among ``placed``: after
    the part it continues, which must be placed, and before its next part if placed."""
    index = event.slot_index
    first, then = event.session_by_id[sid].follows, event.next_part(sid)
    if first is not None and (first not in placed
                              or index[placed[first].slots[-1]] >= index[slots[0]]):
        return False
    return then is None or then not in placed or index[slots[-1]] < index[placed[then].slots[0]]
