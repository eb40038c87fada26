"""A fast greedy grid: most demanded first, each into its least costly free placement.

It gives CP-SAT a complete starting solution (a hint), is the fallback when the solver
finds nothing in time, and is the "greedy" baseline of the benchmarks.
"""

from __future__ import annotations

from collections import defaultdict

from opensozial.plan import Placed
from opensozial.solve.problem import Instance


def room_preference(demand: int, capacity: int) -> tuple[int, int]:
    """Rooms that seat everyone first, the tightest of them; else the largest."""
    return (max(0, demand - capacity), abs(capacity - demand))


def greedy(problem: Instance) -> dict[str, Placed]:
    event, w = problem.event, problem.event.weights
    people = {s.id: s.people for s in event.sessions}
    track = {s.id: s.track for s in event.sessions}
    avoid = defaultdict(set)
    for a, b in problem.avoid_pairs:
        avoid[a].add(b)
        avoid[b].add(a)
    busy_room: set[tuple[str, str]] = set()
    busy_host: set[tuple[str, str]] = set()
    wanted_at: dict[tuple[str, str], int] = defaultdict(int)  # (person, slot) -> sessions
    at_slot: dict[str, set[str]] = defaultdict(set)
    placed: dict[str, Placed] = {}
    previous = problem.previous
    order = sorted(
        event.sessions,
        key=lambda s: (
            s.id not in problem.pinned,
            s.id not in previous,
            -s.demand,
            -s.length,
            event.sessions.index(s),
        ),
    )
    for session in order:
        best: tuple[tuple[int, int, int], Placed] | None = None
        for choice in problem.choices[session.id]:
            if any((h, u) in busy_host for h in session.person_hosts for u in choice.slots):
                continue
            free = [r for r in choice.rooms if all((u, r) not in busy_room for u in choice.slots)]
            if not free:
                continue
            before = previous.get(session.id)
            room = min(
                free,
                key=lambda r: (
                    before is None or before.room != r,
                    room_preference(session.demand, problem.room_capacity[r]),
                    r,
                ),
            )
            cost = 0
            if before is not None:
                cost += (
                    w.move_slot
                    if before.slots != choice.slots
                    else w.move_room * (before.room != room)
                )
            for u in choice.slots:
                cost += w.conflicts * sum(1 for p in people[session.id] if wanted_at[(p, u)])
                others = at_slot[u]
                if track[session.id]:
                    cost += w.track * any(track[o] == track[session.id] for o in others)
                cost += w.avoid * len(avoid[session.id] & others)
            cost += (
                w.overflow
                * len(choice.slots)
                * max(0, session.demand - problem.room_capacity[room])
            )
            # Ties go to the least busy slot: evenly loaded slots leave room everywhere for
            # sessions pitched later in the day, and keep parallel choice moderate.
            load = max(len(at_slot[u]) for u in choice.slots)
            candidate = ((cost, load, choice.start), Placed(choice.slots, room))
            if best is None or candidate[0] < best[0]:
                best = candidate
        if best is None:
            continue
        place = best[1]
        placed[session.id] = place
        for u in place.slots:
            busy_room.add((u, place.room))
            at_slot[u].add(session.id)
            for h in session.person_hosts:
                busy_host.add((h, u))
            for p in people[session.id]:
                wanted_at[(p, u)] += 1
    return placed
