"""The CP-SAT model: one boolean per session × start slot (× room in the joint model).

Two shapes share every rule:

* **decomposed** (default): a variable per session and start slot. Rooms enter only
  through counts: in every slot, each group of sessions must fit the rooms that suit
  them (Hall's condition over their room sets), and overflow is counted by seat level
  (at level *v*, the sessions with demand ≥ *v* beyond the rooms with ≥ *v* seats each
  lack one seat), which is exactly the best room assignment's overflow when no feature
  restricts. Rooms are then assigned per plan by :mod:`opensozial.solve.rooms`. Rooms
  that are alike no longer multiply the search, and the model's bound stays a true
  lower bound of the full problem because every constraint here is a relaxation.
* **joint**: a variable per session × start × room; used when the room step cannot keep
  a multi-slot session in one room, and by the benchmarks as the naive baseline.

Hard rules are ``add_*`` functions; soft rules are named terms, so the plan can show its
score rule by rule. Which of them make up the model is declared in ``rules.py``.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from ortools.sat.python import cp_model

from opensozial.solve.problem import Choice, Instance

Key = tuple[str, int, str | None]  # session, start, room (None in the decomposed model)


@dataclass
class SlotModel:
    problem: Instance
    joint: bool
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    x: dict[Key, cp_model.IntVar] = field(default_factory=dict)
    # Which variables make a session occupy a slot: (session, slot id) -> variables.
    occupies: dict[tuple[str, str], list[cp_model.IntVar]] = field(
        default_factory=lambda: defaultdict(list)
    )
    terms: dict[str, list[tuple[int, cp_model.LinearExprT]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    choice_of: dict[Key, Choice] = field(default_factory=dict)
    # Set once the fewest drops are proven: grids stay in the order's first tier (drops.py).
    tier: cp_model.IntVar | None = None

    def y(self, session: str, slot: str) -> cp_model.LinearExprT:
        return sum(self.occupies.get((session, slot), []))

    def can_occupy(self, session: str, slot: str) -> bool:
        return bool(self.occupies.get((session, slot)))

    def objective(self) -> cp_model.LinearExprT:
        return sum(coef * expr for items in self.terms.values() for coef, expr in items)


def fix(sm: SlotModel, var: cp_model.IntVar, low: int, high: int | None = None) -> None:
    """Narrow (or restore) a variable's domain in the model proto, in place: cheaper than
    a constraint, and undone by fixing it again."""
    domain = sm.model.proto.variables[var.index].domain
    domain[0], domain[1] = low, low if high is None else high


def proven_bound(solver: cp_model.CpSolver) -> int:
    """CP-SAT's proven lower bound on the objective, as an integer (0 if it has none)."""
    bound = solver.best_objective_bound
    return max(0, math.ceil(bound - 1e-6)) if math.isfinite(bound) else 0


def add_variables(sm: SlotModel) -> None:
    for sid, choices in sm.problem.choices.items():
        for choice in choices:
            rooms = sorted(choice.rooms) if sm.joint else [None]
            for room in rooms:
                var = sm.model.new_bool_var(f"x[{sid},{choice.slots[0]},{room or '*'}]")
                sm.x[(sid, choice.start, room)] = var
                sm.choice_of[(sid, choice.start, room)] = choice
                for slot in choice.slots:
                    sm.occupies[(sid, slot)].append(var)


def _session_vars(sm: SlotModel, sid: str) -> list[cp_model.IntVar]:
    return [var for (s, _, _), var in sm.x.items() if s == sid]


def add_each_session_once(sm: SlotModel) -> None:
    """A session takes at most one placement; a pinned session exactly one."""
    by_session: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    for (sid, _, _), var in sm.x.items():
        by_session[sid].append(var)
    for sid in sm.problem.choices:
        variables = by_session.get(sid, [])
        if sid in sm.problem.pinned:
            sm.model.add_exactly_one(variables)
        elif variables:
            sm.model.add_at_most_one(variables)


def add_one_session_per_room_and_slot(sm: SlotModel) -> None:
    """Joint model: each room holds at most one session per slot."""
    cell: dict[tuple[str, str | None], list[cp_model.IntVar]] = defaultdict(list)
    for key, var in sm.x.items():
        for slot in sm.choice_of[key].slots:
            cell[(slot, key[2])].append(var)
    for variables in cell.values():
        if len(variables) > 1:
            sm.model.add_at_most_one(variables)


def add_sessions_fit_rooms(sm: SlotModel) -> None:
    """Decomposed model: in every slot, every group of sessions fits the rooms that suit it.

    For each union U of the distinct room sets that sessions in the slot may use, at most
    |U| of the sessions whose rooms lie inside U run (Hall's condition). With few
    distinct room sets (the usual case: all rooms, projector rooms, a pinned room) this
    is exact for single-slot sessions; the room step repairs the rest.
    """
    for slot, open_rooms in sm.problem.rooms_at.items():
        users: list[tuple[frozenset[str], cp_model.IntVar]] = []
        for key, var in sm.x.items():
            choice = sm.choice_of[key]
            if slot in choice.slots:
                users.append((choice.rooms & open_rooms, var))
        for union in unions({rooms for rooms, _ in users}):
            inside = [var for rooms, var in users if rooms <= union]
            if len(inside) > len(union):
                sm.model.add(sum(inside) <= len(union))


def unions(sets: set[frozenset[str]], limit: int = 256) -> list[frozenset[str]]:
    """All unions of the given sets (closure), or the sets and their total when too many."""
    if len(sets) > 8:
        return sorted(sets | {frozenset().union(*sets)}, key=sorted)
    closure: set[frozenset[str]] = set()
    for item in sets:
        closure |= {item} | {item | other for other in closure}
        if len(closure) > limit:
            return sorted(sets | {frozenset().union(*sets)}, key=sorted)
    return sorted(closure, key=sorted)


def add_host_in_one_place(sm: SlotModel) -> None:
    """No host runs two sessions at once."""
    for sessions in sm.problem.hosts.values():
        for slot in sm.problem.rooms_at:
            present = [sm.y(s, slot) for s in sessions if sm.can_occupy(s, slot)]
            if len(present) > 1:
                sm.model.add(sum(present) <= 1)


def add_parts_in_order(sm: SlotModel) -> None:
    """A later part runs only after the part it follows has ended (so not without it)."""
    by_session: dict[str, list[tuple[Choice, cp_model.IntVar]]] = defaultdict(list)
    for key, var in sm.x.items():
        by_session[key[0]].append((sm.choice_of[key], var))
    for then, first in sorted(sm.problem.follows.items()):
        for choice, var in by_session.get(then, []):
            earlier = [v for c, v in by_session.get(first, [])
                       if c.start + len(c.slots) <= choice.start]
            sm.model.add(var <= sum(earlier))


def term_room_change(sm: SlotModel) -> None:
    """Joint model: a later part in another room than the part it follows counts 1.

    The decomposed model has no rooms; there the room step keeps the parts together.
    """
    weight = sm.problem.event.weights.room_change
    if not (sm.joint and weight):
        return
    in_room: dict[tuple[str, str], list[cp_model.IntVar]] = defaultdict(list)
    for (sid, _, room), var in sm.x.items():
        in_room[(sid, room or "")].append(var)
    for then, first in sorted(sm.problem.follows.items()):
        same = []
        for room in sorted({r for (s, r) in in_room if s == then and (first, r) in in_room}):
            var = sm.model.new_bool_var(f"same[{then},{room}]")
            sm.model.add(var <= sum(in_room[(then, room)]))
            sm.model.add(var <= sum(in_room[(first, room)]))
            same.append(var)
        placed = sum(v for (s, _), variables in in_room.items() if s == then for v in variables)
        sm.terms["room_change"].append((weight, placed - sum(same)))


def term_unscheduled(sm: SlotModel) -> None:
    """Dropping a session costs its drop cost (see ``problem.drop_cost``)."""
    for sid in sm.problem.choices:
        if sid in sm.problem.pinned:
            continue
        variables = _session_vars(sm, sid)
        sm.terms["unscheduled"].append((sm.problem.drop_cost[sid], 1 - sum(variables)))


def _excess(
    sm: SlotModel, present: list[cp_model.LinearExprT], allowed: int, name: str
) -> cp_model.IntVar:
    """A variable ≥ max(0, Σ present − allowed); minimisation makes it equal."""
    var = sm.model.new_int_var(0, len(present) - allowed, name)
    sm.model.add(var >= sum(present) - allowed)
    return var


def term_conflicts(sm: SlotModel) -> None:
    """Per person and slot, each wanted session beyond the first counts 1.

    People who want exactly the same sessions are one group weighted by head count.
    """
    weight = sm.problem.event.weights.conflicts
    if not weight:
        return
    for index, (wanted, count) in enumerate(sm.problem.wish_groups):
        for slot in sm.problem.rooms_at:
            present = [sm.y(s, slot) for s in sorted(wanted) if sm.can_occupy(s, slot)]
            if len(present) > 1:
                sm.terms["conflicts"].append(
                    (weight * count, _excess(sm, present, 1, f"c{index},{slot}"))
                )


def term_overflow_levels(sm: SlotModel) -> None:
    """Decomposed model: seats lacking per slot, counted level by level (see module doc).

    Rooms with a feature (a projector in only some rooms) sharpen the count. For each
    union *U* of room sets smaller than the open rooms (as in Hall's condition), at
    level *v* also: the sessions confined to *U* with demand ≥ *v*, beyond *U*'s rooms
    with ≥ *v* seats, lack a seat; and the confined sessions with demand < *v* that find
    no small room in *U* take big ones, pushing as many big sessions out. Every count is
    a true lower bound, so the model's bound stays valid.
    """
    demand, capacity = sm.problem.demand, sm.problem.room_capacity
    weight = sm.problem.event.weights.overflow
    for slot, open_rooms in sm.problem.rooms_at.items() if weight else ():
        users = [
            (demand[key[0]], sm.choice_of[key].rooms & open_rooms, var)
            for key, var in sm.x.items()
            if slot in sm.choice_of[key].slots
        ]
        proper = [u for u in unions({rooms for _, rooms, _ in users}) if u < open_rooms]
        top = max((d for d, _, _ in users), default=0)
        levels = sorted(
            {0, *(capacity[r] for r in open_rooms if capacity[r] < top), *(d for d, _, _ in users)}
        )
        for low, high in pairwise(levels):
            big = [var for d, _, var in users if d >= high]
            seats = sum(1 for r in open_rooms if capacity[r] >= high)
            excess = [(big, seats)]
            for union in proper:
                union_seats = sum(1 for r in union if capacity[r] >= high)
                excess.append(
                    ([var for d, rooms, var in users if d >= high and rooms <= union], union_seats)
                )
                pushed = [var for d, rooms, var in users if d < high and rooms <= union]
                excess.append((big + pushed, seats + len(union) - union_seats))
            excess = [(present, allowed) for present, allowed in excess if len(present) > allowed]
            if excess:
                var = sm.model.new_int_var(0, max(len(p) - a for p, a in excess), f"o{slot},{high}")
                for present, allowed in excess:
                    sm.model.add(var >= sum(present) - allowed)
                sm.terms["overflow"].append((weight * (high - low), var))


def term_overflow_joint(sm: SlotModel) -> None:
    """Joint model: each placement's overflow is known exactly."""
    weight = sm.problem.event.weights.overflow
    for (sid, _, room), var in sm.x.items():
        if room is None:
            continue  # (the joint model always names the room)
        short = max(0, sm.problem.demand[sid] - sm.problem.room_capacity[room])
        if short and weight:
            sm.terms["overflow"].append((weight * short * sm.problem.length[sid], var))


def term_track(sm: SlotModel) -> None:
    """Per track and slot, each same-track session beyond the first counts 1."""
    weight = sm.problem.event.weights.track
    if not weight:
        return
    for track, sessions in sorted(sm.problem.tracks.items()):
        for slot in sm.problem.rooms_at:
            present = [sm.y(s, slot) for s in sessions if sm.can_occupy(s, slot)]
            if len(present) > 1:
                sm.terms["track"].append((weight, _excess(sm, present, 1, f"t{track},{slot}")))


def term_avoid(sm: SlotModel) -> None:
    """Each slot in which an ``avoid`` pair runs in parallel counts 1."""
    weight = sm.problem.event.weights.avoid
    if not weight:
        return
    for a, b in sm.problem.avoid_pairs:
        for slot in sm.problem.rooms_at:
            if sm.can_occupy(a, slot) and sm.can_occupy(b, slot):
                present = [sm.y(a, slot), sm.y(b, slot)]
                sm.terms["avoid"].append((weight, _excess(sm, present, 1, f"a{a},{b},{slot}")))


def term_moves(sm: SlotModel) -> None:
    """Re-planning: moving a session to another time costs more than to another room.

    The decomposed model sees only times; the room step prices room changes.
    """
    slot_weight, room_weight = (
        sm.problem.event.weights.move_slot,
        sm.problem.event.weights.move_room,
    )
    for key, var in sm.x.items():
        before = sm.problem.previous.get(key[0])
        if before is None or key[0] in sm.problem.frozen:
            continue
        if sm.choice_of[key].slots != before.slots:
            weight = slot_weight
        else:
            weight = room_weight if sm.joint and key[2] != before.room else 0
        if weight:
            sm.terms["moves"].append((weight, var))
