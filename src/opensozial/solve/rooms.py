"""Rooms for a chosen set of start slots: small assignment problems, solved exactly where
they can be.

Minimises seats lacking (and, when re-planning, room changes) first, then wasted seats
(a small group in the big hall keeps it from a popular session), and keeps a multi-slot
session in one room. Slots are independent except where a multi-slot session links
them. A slot on its own is a minimum-cost assignment (OR-Tools' linear sum assignment,
exact in microseconds). A group of linked slots starts from the workshops' rooms chosen
greedily and every slot matched exactly around them, and CP-SAT then improves on that
within its budget. Returns None when no assignment exists (the slot model's room counts
are necessary, not always sufficient, for multi-slot sessions and mixed features); the
caller then solves the joint model instead.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.graph.python import linear_sum_assignment

from opensozial.solve.clock import Clock
from opensozial.solve.problem import Choice, Instance
from opensozial.solve.room_model import Pair, RoomModel
from opensozial.solve.room_parts import parts_first
from opensozial.solve.rules import APART, IN_ROOM


def _find(parent: dict[str, str], item: str) -> str:
    """Union-find: the group's representative (halving the path on the way)."""
    while parent.setdefault(item, item) != item:
        parent[item] = parent[parent[item]]
        item = parent[item]
    return item


def _union(parent: dict[str, str], a: str, b: str) -> None:
    parent[_find(parent, a)] = _find(parent, b)


def _linked_groups(chosen: dict[str, Choice], pairs: list[Pair]) -> list[list[str]]:
    """Sessions grouped so that no two groups share a slot or a priced pair (union-find:
    a multi-slot session links its slots, a pair links both sessions' slots)."""
    parent: dict[str, str] = {}
    for choice in chosen.values():
        for slot in choice.slots[1:]:
            _union(parent, slot, choice.slots[0])
    for a, b, _ in pairs:
        _union(parent, chosen[a].slots[0], chosen[b].slots[0])
    groups: dict[str, list[str]] = defaultdict(list)
    for sid, choice in sorted(chosen.items()):
        groups[_find(parent, choice.slots[0])].append(sid)
    return [groups[key] for key in sorted(groups)]


def assign_rooms(
    problem: Instance,
    chosen: dict[str, Choice],
    seconds: float,
    seed: int,
    clock: Clock | None = None,
) -> dict[str, str] | None:
    pairs = [(a, b, price) for apart in APART for a, b, price in apart(problem)
             if a in chosen and b in chosen]
    rooms: dict[str, str] = {}
    for group in _linked_groups(chosen, pairs):
        part = {sid: chosen[sid] for sid in group}
        mine = [pair for pair in pairs if pair[0] in part]
        if len({u for c in part.values() for u in c.slots}) == 1:
            found = _match(problem, part, frozenset())
        else:
            start = parts_first(problem, part, mine) if mine else _workshops_first(problem, part)
            found = _assign_group(problem, part, mine, seconds, seed, clock, hint=start)
        if found is None:
            return None
        rooms.update(found)
    return rooms


def _workshops_first(problem: Instance, chosen: dict[str, Choice]) -> dict[str, str] | None:
    """A good assignment for a group that multi-slot sessions link across slots.

    Two-slot workshops chain a large day's slots into one group of 60–90 sessions, where
    CP-SAT alone finds only poor assignments in its budget (huge preset: 6,000 seats
    lacking where 80 were possible). So the workshops go first, most demanded first,
    each into the room that costs least counting its own seats and the exact matching
    of the one-slot sessions left in each of its slots (a room that leaves a slot
    unmatchable is never taken); then every slot is matched exactly around them. The
    group's CP-SAT starts from this, and is kept only if it does better.
    """
    singles: dict[str, dict[str, Choice]] = defaultdict(dict)
    for sid, choice in chosen.items():
        if len(choice.slots) == 1:
            singles[choice.slots[0]][sid] = choice
    taken: dict[str, set[str]] = defaultdict(set)  # slot -> rooms of workshops placed

    def around(slot: str, extra: str | None = None) -> dict[str, str] | None:
        return _match(
            problem, singles[slot], frozenset(taken[slot] | ({extra} if extra else set()))
        )

    rooms: dict[str, str] = {}
    workshops = sorted(
        (s for s, c in chosen.items() if len(c.slots) > 1), key=lambda s: (-problem.demand[s], s)
    )
    for sid in workshops:
        choice = chosen[sid]
        best: tuple[tuple[int, int], str] | None = None
        for room in sorted(choice.rooms):
            if any(room in taken[u] for u in choice.slots):
                continue
            matches = [m for m in (around(u, room) for u in choice.slots) if m is not None]
            if len(matches) < len(choice.slots):
                continue  # this room leaves a slot unmatchable
            sessions, placed = {sid: choice}, {sid: room}
            for u, match in zip(choice.slots, matches, strict=True):
                sessions.update(singles[u])
                placed.update(match)
            cost = _cost(problem, sessions, placed)
            if best is None or cost < best[0]:
                best = (cost, room)
        if best is None:
            return None
        rooms[sid] = best[1]
        for u in choice.slots:
            taken[u].add(best[1])
    for slot in sorted(singles):
        part = around(slot)
        if part is None:
            return None
        rooms.update(part)
    return rooms


def _match(
    problem: Instance, chosen: dict[str, Choice], taken: frozenset[str]
) -> dict[str, str] | None:
    """One slot's sessions into its free rooms, exactly: a minimum-cost assignment
    (OR-Tools' linear sum assignment; rooms left over are matched to dummy sessions)."""
    sessions = sorted(chosen)
    rooms = sorted(frozenset().union(*(c.rooms for c in chosen.values())) - taken)
    if len(sessions) > len(rooms):
        return None
    index = {room: k for k, room in enumerate(rooms)}
    big = _big(problem, chosen)
    assignment = linear_sum_assignment.SimpleLinearSumAssignment()
    for i, sid in enumerate(sessions):
        for room in sorted(chosen[sid].rooms - taken):
            penalty, waste = _price(problem, sid, chosen[sid], room)
            assignment.add_arc_with_cost(i, index[room], penalty * big + waste)
    for dummy in range(len(sessions), len(rooms)):
        for k in range(len(rooms)):
            assignment.add_arc_with_cost(dummy, k, 0)
    if assignment.solve() != assignment.OPTIMAL:
        return None
    return {sid: rooms[assignment.right_mate(i)] for i, sid in enumerate(sessions)}


def _price(problem: Instance, sid: str, choice: Choice, room: str) -> tuple[int, int]:
    """A session in a room: what the rules price there (seats lacking over its slots, a
    room move when re-planning), then the seats it leaves empty."""
    penalty = sum(price(problem, sid, choice, room) for price in IN_ROOM)
    return penalty, max(0, problem.room_capacity[room] - problem.demand[sid])


def _big(problem: Instance, chosen: dict[str, Choice]) -> int:
    """A weight that puts any penalty above all the waste these sessions can leave."""
    return (max(problem.room_capacity.values(), default=0) + 1) * (len(chosen) + 1)


def _cost(problem: Instance, chosen: dict[str, Choice], rooms: dict[str, str]) -> tuple[int, int]:
    """Penalty (seats lacking, room moves), then waste, summed: compared in that order."""
    prices = [_price(problem, sid, choice, rooms[sid]) for sid, choice in chosen.items()]
    return sum(p for p, _ in prices), sum(w for _, w in prices)


def _assign_group(
    problem: Instance,
    chosen: dict[str, Choice],
    pairs: list[Pair],
    seconds: float,
    seed: int,
    clock: Clock | None,
    *,
    hint: dict[str, str] | None = None,
) -> dict[str, str] | None:
    """The best rooms for a linked group by CP-SAT, starting from ``hint`` and never worse
    than it; groups in parts then search room by room (``room_model``) with half the
    budget. None only when neither CP-SAT nor the hint has an assignment."""
    big = _big(problem, chosen)
    prices = {}
    for sid, choice in chosen.items():
        for room in choice.rooms:
            penalty, waste = _price(problem, sid, choice, room)
            prices[(sid, room)] = penalty * big + waste
    model = RoomModel(chosen, pairs, prices, big)
    clock = clock or Clock()
    share = seconds / 2 if pairs else seconds
    found = model.solve(share, seed, clock, hint=hint)
    if found is None or (hint is not None and model.cost(hint) < model.cost(found)):
        found = hint
    if found is None or not pairs:
        return found
    return model.improve(found, share, seed, clock)
