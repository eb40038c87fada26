"""A fast greedy grid: most demanded first, each into its least costly free placement.

It gives CP-SAT a complete starting solution (a hint), is the fallback when the solver
finds nothing in time, and is the "greedy" baseline of the benchmarks. Where a session
may go is what each hard rule's ``admit`` leaves, what it costs each soft rule's
``insert`` price (``rules.py``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from opensozial.model import Session
from opensozial.plan import Placed
from opensozial.solve.problem import Instance
from opensozial.solve.rules import HARD, INSERT


def room_preference(demand: int, capacity: int) -> tuple[int, int]:
    """Rooms that seat everyone first, the tightest of them; else the largest."""
    return (max(0, demand - capacity), abs(capacity - demand))


@dataclass
class Partial:
    """The grid so far, as the rules' ``admit`` and ``insert`` read it (and the open-end
    reasons, for a finished grid)."""

    instance: Instance
    people: dict[str, frozenset[str]] = field(init=False)
    track_of: dict[str, str] = field(init=False)
    avoid: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    wanted_at: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    at_slot: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    busy_room: dict[tuple[str, str], str] = field(default_factory=dict)  # (slot, room) -> who
    busy_host: dict[tuple[str, str], str] = field(default_factory=dict)  # (host, slot) -> whose
    placed: dict[str, Placed] = field(default_factory=dict)

    def __post_init__(self) -> None:
        sessions = self.instance.event.sessions
        self.people = {s.id: s.people for s in sessions}
        self.track_of = {s.id: s.track for s in sessions if s.track}
        for a, b in self.instance.avoid_pairs:
            self.avoid[a].add(b)
            self.avoid[b].add(a)

    def add(self, sid: str, place: Placed) -> None:
        self.placed[sid] = place
        hosts = self.instance.event.session_by_id[sid].person_hosts
        for u in place.slots:
            self.busy_room[(u, place.room)] = sid
            self.at_slot[u].add(sid)
            for h in hosts:
                self.busy_host[(h, u)] = sid
            for p in self.people[sid]:
                self.wanted_at[(p, u)] += 1


def greedy(instance: Instance) -> dict[str, Placed]:
    event, previous = instance.event, instance.previous
    grid = Partial(instance)

    def rank(s: Session) -> tuple[bool, bool, int, int, int]:
        return (s.id not in instance.pinned, s.id not in previous, -s.demand, -s.length,
                event.sessions.index(s))

    # A group's parts go together, in order, where its first part would go.
    order = sorted(event.sessions, key=lambda s: (
        rank(event.session_by_id[event.chain(s.id)[0]]), event.chain(s.id).index(s.id)))
    for session in order:
        best: tuple[tuple[int, int, int], Placed] | None = None
        before = previous.get(session.id)
        first = grid.placed.get(instance.follows.get(session.id, ""))
        for choice in instance.choices[session.id]:
            free = choice.rooms
            for rule in HARD:
                free = rule.admit(grid, session.id, choice, free)
            if not free:
                continue
            room = min(free, key=lambda r: (
                before is None or before.room != r,
                first is not None and first.room != r,
                room_preference(session.demand, instance.room_capacity[r]),
                r,
            ))
            cost = sum(price(grid, session.id, choice, room) for price in INSERT)
            # Ties go to the least busy slot: evenly loaded slots leave room everywhere for
            # sessions pitched later in the day, and keep parallel choice moderate.
            load = max(len(grid.at_slot[u]) for u in choice.slots)
            candidate = ((cost, load, choice.start), Placed(choice.slots, room))
            if best is None or candidate[0] < best[0]:
                best = candidate
        if best is not None:
            grid.add(session.id, best[1])
    return grid.placed
