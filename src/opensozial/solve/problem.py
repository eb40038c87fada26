"""The event reduced to what the solver needs: choices, occupancy, people, rules.

Both solver models (the decomposed slot model and the joint slot×room model) and the
greedy heuristic read this one structure, so the rules are derived from the event once.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import astuple, dataclass, field

from opensozial.model import Event
from opensozial.placements import earliest_ends, placements
from opensozial.plan import Placed, drop_cost


@dataclass(frozen=True)
class Choice:
    """A session starting at a slot, with the rooms that fit it for its whole run."""

    session: str
    start: int
    slots: tuple[str, ...]
    rooms: frozenset[str]


@dataclass
class Instance:
    event: Event
    choices: dict[str, list[Choice]]
    demand: dict[str, int]
    length: dict[str, int]
    # Groups of people who want exactly the same sessions, with their head count.
    wish_groups: list[tuple[frozenset[str], int]]
    hosts: dict[str, list[str]]  # host -> sessions they run
    tracks: dict[str, list[str]]  # track -> sessions
    avoid_pairs: list[tuple[str, str]]
    pinned: set[str]
    room_capacity: dict[str, int]
    rooms_at: dict[str, frozenset[str]]  # slot id -> rooms open in that slot
    drop_cost: dict[str, int] = field(default_factory=dict)
    # Sessions in several parts: a later part -> the part it follows (``follows:``).
    follows: dict[str, str] = field(default_factory=dict)
    # Re-planning: where sessions were before (moving costs), and which may not move.
    previous: dict[str, Placed] = field(default_factory=dict)
    frozen: frozenset[str] = frozenset()


def build_instance(
    event: Event, previous: dict[str, Placed] | None = None, frozen: frozenset[str] = frozenset()
) -> Instance:
    """Derive the solver's view of ``event``.

    ``previous`` is the last plan's placement (re-planning); sessions in ``frozen`` keep
    exactly that placement — they are treated like pins with a room.
    """
    previous = {sid: p for sid, p in (previous or {}).items() if sid in event.session_by_id}
    frozen = frozenset(sid for sid in frozen if sid in previous)
    choices: dict[str, list[Choice]] = {}
    for session in event.sessions:
        by_start: dict[int, tuple[tuple[str, ...], set[str]]] = {}
        for p in placements(event, session):
            if session.id in frozen and (p.slots, p.room) != astuple(previous[session.id]):
                continue
            by_start.setdefault(p.start, (p.slots, set()))[1].add(p.room)
        choices[session.id] = [
            Choice(session.id, start, slots, frozenset(rooms))
            for start, (slots, rooms) in sorted(by_start.items())
        ]
    follows = {s.id: s.follows for s in event.sessions if s.follows in event.session_by_id}
    _after_earlier_parts(event, choices)
    wishes: dict[str, set[str]] = defaultdict(set)
    for session in event.sessions:
        for person in session.people:
            wishes[person].add(session.id)
    group_sizes: dict[frozenset[str], int] = defaultdict(int)
    for sessions in wishes.values():
        if len(sessions) >= 2:  # one wish can never clash
            group_sizes[frozenset(sessions)] += 1
    hosts: dict[str, list[str]] = defaultdict(list)
    tracks: dict[str, list[str]] = defaultdict(list)
    for session in event.sessions:
        for host in set(session.person_hosts):
            hosts[host].append(session.id)
        if session.track:
            tracks[session.track].append(session.id)
    pairs = sorted({tuple(sorted((s.id, o))) for s in event.sessions for o in s.avoid})
    demand = {s.id: s.demand for s in event.sessions}
    top = max(demand.values(), default=0) + 1
    return Instance(
        event=event,
        choices=choices,
        demand=demand,
        length={s.id: s.length for s in event.sessions},
        wish_groups=sorted(group_sizes.items(), key=lambda item: sorted(item[0])),
        hosts={h: s for h, s in hosts.items() if len(s) >= 2},
        tracks={t: s for t, s in tracks.items() if len(s) >= 2},
        avoid_pairs=[(a, b) for a, b in pairs],
        pinned={s.id for s in event.sessions if s.pinned is not None} | set(frozen),
        room_capacity={r.id: r.capacity for r in event.rooms},
        rooms_at={
            slot.id: frozenset(r.id for r in event.rooms if slot.id not in event.room_closed[r.id])
            for slot in event.session_slots
        },
        # Re-planning: dropping a session that had a slot is at least as bad as moving it.
        drop_cost={
            s.id: drop_cost(event.weights.unscheduled, top, s)
            + event.weights.move_slot * (s.id in previous)
            for s in event.sessions
        },
        follows=follows,
        previous=previous,
        frozen=frozen,
    )


def _after_earlier_parts(event: Event, choices: dict[str, list[Choice]]) -> None:
    """Keep only the starts a later part can take: after the earliest end of the part it
    follows (which runs first, or the later part waits too). The rule itself is a
    constraint of the model; this only spares the search starts that can never hold."""
    ends = earliest_ends(event)
    for sid in event.chains:
        first = event.session_by_id[sid].follows
        if first is not None:
            choices[sid] = [c for c in choices[sid] if first in ends and c.start > ends[first]]
