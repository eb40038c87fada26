"""Rooms for a chosen set of start slots: small assignment problems solved exactly.

Minimises seats lacking (and, when re-planning, room changes) first, then wasted seats (a small group in the big hall keeps
it from a popular session), and keeps a multi-slot session in one room. Slots are
independent except where a multi-slot session links them, so each group of linked
slots is its own tiny CP-SAT model (a 7×7 assignment proves optimal in milliseconds,
one model over the whole day does not). Returns None when no assignment exists (the
slot model's room counts are necessary, not always sufficient, for multi-slot sessions
and mixed features); the caller then solves the joint model instead.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from opensozial.solve.problem import Choice, Problem


def _linked_groups(chosen: dict[str, Choice]) -> list[list[str]]:
    """Sessions grouped so that no two groups share a slot (union-find over slots)."""
    parent: dict[str, str] = {}

    def find(slot: str) -> str:
        while parent.setdefault(slot, slot) != slot:
            parent[slot] = parent[parent[slot]]
            slot = parent[slot]
        return slot

    for choice in chosen.values():
        for slot in choice.slots[1:]:
            parent[find(slot)] = find(choice.slots[0])
    groups: dict[str, list[str]] = defaultdict(list)
    for sid, choice in sorted(chosen.items()):
        groups[find(choice.slots[0])].append(sid)
    return [groups[key] for key in sorted(groups)]


def assign_rooms(problem: Problem, chosen: dict[str, Choice], seconds: float, seed: int) -> dict[str, str] | None:
    rooms: dict[str, str] = {}
    for group in _linked_groups(chosen):
        part = _assign_group(problem, {sid: chosen[sid] for sid in group}, seconds, seed)
        if part is None:
            return None
        rooms.update(part)
    return rooms


def _assign_group(problem: Problem, chosen: dict[str, Choice], seconds: float, seed: int) -> dict[str, str] | None:
    model = cp_model.CpModel()
    a: dict[tuple[str, str], cp_model.IntVar] = {}
    cell: dict[tuple[str, str], list[cp_model.IntVar]] = defaultdict(list)
    cost_terms = []
    top = max(problem.room_capacity.values(), default=0) + 1
    big = top * (len(chosen) + 1)
    weights = problem.event.weights
    for sid, choice in sorted(chosen.items()):
        options = []
        for room in sorted(choice.rooms):
            var = model.new_bool_var(f"a[{sid},{room}]")
            a[(sid, room)] = var
            options.append(var)
            for slot in choice.slots:
                cell[(slot, room)].append(var)
            capacity, demand = problem.room_capacity[room], problem.demand[sid]
            short = max(0, demand - capacity) * len(choice.slots)
            before = problem.previous.get(sid)
            moved = before is not None and before.slots == choice.slots and before.room != room
            penalty = weights.overflow * short + weights.move_room * moved
            waste = max(0, capacity - demand)
            cost_terms.append((penalty * big + waste) * var)
        model.add_exactly_one(options)
    for variables in cell.values():
        if len(variables) > 1:
            model.add_at_most_one(variables)
    model.minimize(sum(cost_terms))
    solver = cp_model.CpSolver()
    solver.parameters.max_deterministic_time = seconds
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = seed
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return None
    return {sid: room for (sid, room), var in a.items() if solver.boolean_value(var)}
