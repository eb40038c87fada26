"""The room step's CP-SAT model for a group of linked slots, and a search over room subsets.

One boolean per session and room; each session exactly one room, each room and slot at
most one session; the cost is what the rules price in a room (seats lacking, room moves)
plus parts of one group apart, all above the seats left empty (``rooms.py``).

With many groups in parts, one CP-SAT run over the whole week improves little on a good
start (TPAC 2023: a weak bound with parts and seats in one objective). Re-solving a few
rooms at a time, everything else fixed, is exact within those rooms and small: the
search frees the rooms of each group still apart together with each other room in turn.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

from opensozial.solve.clock import Clock
from opensozial.solve.problem import Choice

Pair = tuple[str, str, int]  # two sessions priced when they are not in one room
Prices = dict[tuple[str, str], int]  # (session, room) -> its cost there, waste included


class RoomModel:
    def __init__(self, chosen: dict[str, Choice], pairs: list[Pair], prices: Prices,
                 scale: int) -> None:
        """``prices`` per session and room; ``scale`` puts a pair apart above all waste."""
        self.pairs, self.prices, self.scale = pairs, prices, scale
        self.model = cp_model.CpModel()
        self.a: dict[tuple[str, str], cp_model.IntVar] = {}
        cell: dict[tuple[str, str], list[cp_model.IntVar]] = defaultdict(list)
        terms = []
        for sid, choice in sorted(chosen.items()):
            options = []
            for room in sorted(choice.rooms):
                var = self.model.new_bool_var(f"a[{sid},{room}]")
                self.a[(sid, room)] = var
                options.append(var)
                for slot in choice.slots:
                    cell[(slot, room)].append(var)
                terms.append(prices[(sid, room)] * var)
            self.model.add_exactly_one(options)
        for first, then, price in pairs:  # parts apart: price unless both share a room
            same = []
            for room in sorted(chosen[first].rooms & chosen[then].rooms):
                var = self.model.new_bool_var(f"same[{then},{room}]")
                self.model.add(var <= self.a[(first, room)])
                self.model.add(var <= self.a[(then, room)])
                same.append(var)
            terms.append(price * scale * (1 - cp_model.LinearExpr.sum(same)))
        for variables in cell.values():
            if len(variables) > 1:
                self.model.add_at_most_one(variables)
        self.model.minimize(sum(terms))

    def solve(self, seconds: float, seed: int, clock: Clock,
              hint: dict[str, str] | None = None) -> dict[str, str] | None:
        """The best rooms CP-SAT finds (None if none)."""
        self.model.clear_hints()
        if hint is not None:
            for (sid, room), var in self.a.items():
                self.model.add_hint(var, hint.get(sid) == room)
        solver = clock.solver(seconds, seed)
        status = solver.solve(self.model)
        clock.judge(solver, status)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        return {sid: room for (sid, room), var in self.a.items() if solver.boolean_value(var)}

    def cost(self, rooms: dict[str, str]) -> int:
        """What the model minimises, for given rooms (penalties scaled above all waste)."""
        apart = sum(price for a, b, price in self.pairs if rooms[a] != rooms[b])
        return sum(self.prices[(sid, room)] for sid, room in rooms.items()) + apart * self.scale

    def improve(self, rooms: dict[str, str], seconds: float, seed: int,
                clock: Clock) -> dict[str, str]:
        """Re-solve the rooms of the first group still apart with one other room at a time
        (two passes over the rooms), keeping every assignment that costs less."""
        others = sorted({room for _, room in self.a}) * 2
        for other in others:
            apart = [(a, b) for a, b, _ in self.pairs if rooms[a] != rooms[b]]
            if not apart or clock.ran_out():
                break
            first, then = apart[0]
            self._fix_outside(rooms, frozenset({rooms[first], rooms[then], other}))
            found = self.solve(seconds / len(others), seed, clock, hint=rooms)
            if found is not None and self.cost(found) < self.cost(rooms):
                rooms = found
        self._fix_outside(rooms, None)
        return rooms

    def _fix_outside(self, rooms: dict[str, str], free: frozenset[str] | None) -> None:
        """Fix every session outside the ``free`` rooms where it is (None: free them all)."""
        for (sid, room), var in self.a.items():
            domain = self.model.proto.variables[var.index].domain
            movable = free is None or (rooms[sid] in free and room in free)
            low = 0 if movable else int(rooms[sid] == room)
            domain[0], domain[1] = low, 1 if movable else low
