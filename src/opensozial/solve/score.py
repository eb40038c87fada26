"""Exact value of every soft rule for a finished placement (the solver's own account).

The CP-SAT model only bounds some terms from below (an excess variable may sit above
its true value in a non-optimal solution), so the plan's score and metrics are
evaluated here from the placement itself. ``check.py`` re-derives the same figures
independently from the event file; the tests hold the two to equality.
"""

from __future__ import annotations

from collections import Counter

from opensozial.solve.problem import Placed, Problem


def excess(counts: Counter[str]) -> int:
    return sum(max(0, n - 1) for n in counts.values())


def evaluate(problem: Problem, placed: dict[str, Placed]) -> dict[str, int]:
    """Raw counts per soft rule: conflicts, overflow, track, avoid, unscheduled."""
    event = problem.event
    at: dict[str, set[str]] = {}
    for sid, place in placed.items():
        for slot in place.slots:
            at.setdefault(slot, set()).add(sid)
    conflicts = conflict_count(problem, {sid: place.slots for sid, place in placed.items()})
    overflow = sum(
        len(p.slots) * max(0, problem.demand[sid] - problem.room_capacity[p.room]) for sid, p in placed.items()
    )
    track = 0
    for sessions in problem.tracks.values():
        track += excess(Counter(slot for sid in sessions if sid in placed for slot in placed[sid].slots))
    avoid = sum(
        len(set(placed[a].slots) & set(placed[b].slots))
        for a, b in problem.avoid_pairs
        if a in placed and b in placed
    )
    dropped = [s.id for s in event.sessions if s.id not in placed]
    moved = [sid for sid, before in problem.previous.items() if sid in placed]
    return {
        "moved_slot": sum(1 for sid in moved if placed[sid].slots != problem.previous[sid].slots),
        "moved_room": sum(
            1 for sid in moved
            if placed[sid].slots == problem.previous[sid].slots and placed[sid].room != problem.previous[sid].room
        ),
        "conflicts": conflicts,
        "overflow": overflow,
        "track": track,
        "avoid": avoid,
        "unscheduled": len(dropped),
        "unscheduled_cost": sum(problem.drop_cost[sid] for sid in dropped),
    }


def conflict_count(problem: Problem, slots: dict[str, tuple[str, ...]]) -> int:
    """Per person and slot, each wanted session beyond the first (rooms do not matter)."""
    conflicts = 0
    for session_set, count in problem.wish_groups:
        per_slot = Counter(slot for sid in session_set if sid in slots for slot in slots[sid])
        conflicts += count * excess(per_slot)
    return conflicts


def weighted(problem: Problem, raw: dict[str, int]) -> dict[str, int]:
    """The objective per rule, as the solver minimises it."""
    w = problem.event.weights
    return {
        "unscheduled": raw["unscheduled_cost"],
        "conflicts": w.conflicts * raw["conflicts"],
        "overflow": w.overflow * raw["overflow"],
        "track": w.track * raw["track"],
        "avoid": w.avoid * raw["avoid"],
        "moves": w.move_slot * raw["moved_slot"] + w.move_room * raw["moved_room"],
    }
