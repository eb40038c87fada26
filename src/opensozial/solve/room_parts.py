"""A first room assignment for sessions in several parts (``follows:``): one room each group.

A group that meets on three days should find its room where it was yesterday. Tried on
TPAC 2023 (59 groups, 98 parts, 17 rooms), CP-SAT alone found poor assignments in its
budget (a weak bound with parts and seats in one objective), while taking the groups
whole, biggest first, each into the smallest room free for all its parts (best fit
decreasing) kept every group in one room with few seats lacking. A group no room is
free for throughout moves the sessions in its way to other free rooms where they can go;
where that fails too, it is placed part by part, each part preferring the room of the
part before. The room step's CP-SAT then starts from this and keeps it
unless it does better.
"""

from __future__ import annotations

from collections.abc import Iterable

from opensozial.solve.problem import Choice, Instance
from opensozial.solve.room_model import Pair


def parts_first(
    problem: Instance, chosen: dict[str, Choice], pairs: list[Pair]
) -> dict[str, str] | None:
    """Rooms for ``chosen`` keeping each group of ``pairs`` together; None if stuck."""
    return _Rooms(problem, chosen).fill(_units(problem, chosen, pairs))


def _units(problem: Instance, chosen: dict[str, Choice], pairs: list[Pair]) -> list[list[str]]:
    """The groups (all parts in order) and every other session alone, biggest first."""
    linked = {sid for a, b, _ in pairs for sid in (a, b)}
    groups = {tuple(s for s in problem.event.chain(sid) if s in chosen) for sid in linked}
    units = [list(group) for group in groups] + [[s] for s in sorted(chosen) if s not in linked]
    return sorted(units, key=lambda unit: (-max(problem.demand[s] for s in unit),
                                           -sum(len(chosen[s].slots) for s in unit), unit))


class _Rooms:
    def __init__(self, problem: Instance, chosen: dict[str, Choice]) -> None:
        self.problem, self.chosen = problem, chosen
        self.room: dict[str, str] = {}
        self.holder: dict[tuple[str, str], str] = {}  # (slot, room) -> session

    def fill(self, units: list[list[str]]) -> dict[str, str] | None:
        for unit in units:
            whole = self._free_rooms(unit)
            if whole:
                self._put(unit, self._best(unit, whole))
                continue
            if len(unit) > 1 and self._make_room(unit):
                continue
            for sid in unit:  # no room for all parts: part by part
                if not self._place_part(sid, unit):
                    return None
        return self.room

    def _make_room(self, unit: list[str]) -> bool:
        """One room for all parts, moving the sessions in their way where it must."""
        rooms = frozenset.intersection(*(self.chosen[s].rooms for s in unit))
        for room in sorted(rooms, key=lambda r: self._fit(unit, r)):
            done: list[str] = []
            for sid in unit:
                if not (room in self._free_rooms([sid]) or self._clear(sid, room)):
                    self._take(done)
                    break
                self._put([sid], room)
                done.append(sid)
            else:
                return True
        return False

    def _place_part(self, sid: str, unit: list[str]) -> bool:
        before = [self.room[s] for s in unit[: unit.index(sid)] if s in self.room]
        free = self._free_rooms([sid])
        if free:
            keep = before[-1] if before and before[-1] in free else None
            self._put([sid], keep or self._best([sid], free))
            return True
        for room in sorted(self.chosen[sid].rooms, key=lambda r: self._fit([sid], r)):
            if self._clear(sid, room):
                self._put([sid], room)
                return True
        return False

    def _clear(self, sid: str, room: str) -> bool:
        """Move the sessions holding ``room`` in ``sid``'s slots to other free rooms; all
        or nothing."""
        saved = (dict(self.room), dict(self.holder))
        blockers = sorted({self.holder[(u, room)] for u in self.chosen[sid].slots
                           if (u, room) in self.holder})
        for other in blockers:
            self._take([other])
            free = [r for r in self._free_rooms([other]) if r != room]
            if not free:
                self.room, self.holder = saved
                return False
            self._put([other], self._best([other], free))
        return True

    def _free_rooms(self, unit: Iterable[str]) -> list[str]:
        unit = list(unit)
        rooms = frozenset.intersection(*(self.chosen[s].rooms for s in unit))
        return sorted(r for r in rooms
                      if all((u, r) not in self.holder for s in unit for u in self.chosen[s].slots))

    def _fit(self, unit: list[str], room: str) -> tuple[int, int, str]:
        """Best fit: fewest seats lacking, then fewest seats left empty."""
        demand = max(self.problem.demand[s] for s in unit)
        seats = self.problem.room_capacity[room]
        return (max(0, demand - seats), max(0, seats - demand), room)

    def _best(self, unit: list[str], rooms: list[str]) -> str:
        return min(rooms, key=lambda r: self._fit(unit, r))

    def _put(self, unit: list[str], room: str) -> None:
        for sid in unit:
            self.room[sid] = room
            for u in self.chosen[sid].slots:
                self.holder[(u, room)] = sid

    def _take(self, unit: list[str]) -> None:
        for sid in unit:
            room = self.room.pop(sid)
            for u in self.chosen[sid].slots:
                del self.holder[(u, room)]
