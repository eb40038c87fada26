"""Every rule of README's "How the planner decides", declared once.

A rule is one declaration: its name (the plan's score key), its weight key(s), how
CP-SAT builds it (``cpsat.py``), how to count it exactly on a finished grid, how the
annealer prices it within one slot, how the greedy start prices adding a session, what
a session costs in a given room, and the open-end reason it stands for. The slot model
(``build``), the exact score (``score.py``), the annealer, the greedy start and the room
step read these lists; a
new rule is one more declaration here plus its tests. ``check.py`` stays an
independent re-computation on purpose.

Two soft rules are not priced per slot by the annealer: conflicts (it keeps a count per
voter group and slot, the one term that must be fast) and waiting sessions (the
annealer never changes which sessions wait).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from opensozial.model import Weights
from opensozial.plan import Placed
from opensozial.solve import cpsat
from opensozial.solve.cpsat import SlotModel
from opensozial.solve.problem import Choice, Instance, ends

if TYPE_CHECKING:
    from opensozial.solve.anneal import Annealer
    from opensozial.solve.greedy import Partial

Grid = dict[str, Placed]
Content = frozenset[tuple[str, int]]  # (session, start) pairs in one slot


@dataclass(frozen=True)
class HardRule:
    name: str
    add: Callable[[SlotModel], None]  # CP-SAT: the constraint
    reason: str | None  # the open-end reason code when it keeps a session out
    # The greedy start: of these rooms for this placement, the ones the rule still allows.
    admit: Callable[[Partial, str, Choice, frozenset[str]], frozenset[str]]


@dataclass(frozen=True)
class SoftRule:
    name: str  # the plan's score key
    weight_keys: tuple[str, ...]  # in the event file's ``weights``
    term: Callable[[SlotModel], None]  # CP-SAT: the named objective term (none at weight 0)
    count: Callable[[Instance, Grid], dict[str, int]]  # exact raw figures of a grid
    price: Callable[[Weights, dict[str, int]], int]  # those figures, weighted
    slot_cost: Callable[[Annealer, int, Content], int] | None  # the annealer's, weighted
    # The greedy start's price of adding one session (a choice and a room) to its grid.
    insert: Callable[[Partial, str, Choice, str], int] | None
    # The room step's price of one session (at its chosen slots) in one room.
    room: Callable[[Instance, str, Choice, str], int] | None
    # The room step's pairs of sessions priced when they are not in one room (a, b, price).
    apart: Callable[[Instance], list[tuple[str, str, int]]] | None = None


# -- hard rules ------------------------------------------------------------------------
def _rooms(sm: SlotModel) -> None:
    (cpsat.add_one_session_per_room_and_slot if sm.joint else cpsat.add_sessions_fit_rooms)(sm)


def _free_rooms(g: Partial, sid: str, choice: Choice, rooms: frozenset[str]) -> frozenset[str]:
    return frozenset(r for r in rooms if all((u, r) not in g.busy_room for u in choice.slots))


def _hosts_free(g: Partial, sid: str, choice: Choice, rooms: frozenset[str]) -> frozenset[str]:
    hosts = g.instance.event.session_by_id[sid].person_hosts
    busy = any((h, u) in g.busy_host for h in hosts for u in choice.slots)
    return frozenset() if busy else rooms


def _in_order(g: Partial, sid: str, choice: Choice, rooms: frozenset[str]) -> frozenset[str]:
    """A later part only after the part it follows (placed first: the greedy order), and
    a part only before a later part that is already placed (a pinned one)."""
    index, follows = g.instance.event.slot_index, g.instance.follows
    first = follows.get(sid)
    if first is not None and (
        first not in g.placed or index[g.placed[first].slots[-1]] >= choice.start
    ):
        return frozenset()
    for then, before in follows.items():
        if before == sid and then in g.placed and index[g.placed[then].slots[0]] <= ends(choice):
            return frozenset()
    return rooms


HARD: tuple[HardRule, ...] = (
    # (The greedy start tries each session once, so this rule admits every room there.)
    HardRule("each_session_once", cpsat.add_each_session_once, None, lambda g, s, c, r: r),
    HardRule("one_session_per_room", _rooms, "no_room", _free_rooms),
    HardRule("host_in_one_place", cpsat.add_host_in_one_place, "host_busy", _hosts_free),
    HardRule("parts_in_order", cpsat.add_parts_in_order, "part_order", _in_order),
)


# -- exact counts ------------------------------------------------------------------------
def excess(counts: Counter[str]) -> int:
    return sum(max(0, n - 1) for n in counts.values())


def conflicts_of(instance: Instance, slots: dict[str, tuple[str, ...]]) -> int:
    """Conflicts of a grid given only each placed session's slots (rooms do not matter)."""
    conflicts = 0
    for session_set, count in instance.wish_groups:
        per_slot = Counter(slot for sid in session_set if sid in slots for slot in slots[sid])
        conflicts += count * excess(per_slot)
    return conflicts


def _count_unscheduled(instance: Instance, placed: Grid) -> dict[str, int]:
    dropped = [s.id for s in instance.event.sessions if s.id not in placed]
    return {
        "unscheduled": len(dropped),
        "unscheduled_cost": sum(instance.drop_cost[sid] for sid in dropped),
    }


def _count_conflicts(instance: Instance, placed: Grid) -> dict[str, int]:
    return {"conflicts": conflicts_of(instance, {sid: p.slots for sid, p in placed.items()})}


def _count_overflow(instance: Instance, placed: Grid) -> dict[str, int]:
    capacity, demand = instance.room_capacity, instance.demand
    return {
        "overflow": sum(
            len(p.slots) * max(0, demand[sid] - capacity[p.room]) for sid, p in placed.items()
        )
    }


def _count_track(instance: Instance, placed: Grid) -> dict[str, int]:
    return {
        "track": sum(
            excess(Counter(slot for sid in sessions if sid in placed for slot in placed[sid].slots))
            for sessions in instance.tracks.values()
        )
    }


def _count_avoid(instance: Instance, placed: Grid) -> dict[str, int]:
    return {
        "avoid": sum(
            len(set(placed[a].slots) & set(placed[b].slots))
            for a, b in instance.avoid_pairs
            if a in placed and b in placed
        )
    }


def _count_moves(instance: Instance, placed: Grid) -> dict[str, int]:
    before = instance.previous
    moved = [sid for sid in before if sid in placed]
    return {
        "moved_slot": sum(1 for sid in moved if placed[sid].slots != before[sid].slots),
        "moved_room": sum(
            1
            for sid in moved
            if placed[sid].slots == before[sid].slots and placed[sid].room != before[sid].room
        ),
    }


def _count_room_change(instance: Instance, placed: Grid) -> dict[str, int]:
    return {
        "room_change": sum(
            1
            for then, first in instance.follows.items()
            if then in placed and first in placed and placed[then].room != placed[first].room
        )
    }


def _apart_parts(instance: Instance) -> list[tuple[str, str, int]]:
    weight = instance.event.weights.room_change
    return [(first, then, weight) for then, first in sorted(instance.follows.items()) if weight]


# -- the annealer's price within one slot ------------------------------------------------
def _anneal_overflow(a: Annealer, t: int, content: Content) -> int:
    w = a.p.event.weights.overflow
    return w * a.seats_short(t, content) if w and content else 0


def _anneal_track(a: Annealer, t: int, content: Content) -> int:
    w = a.p.event.weights.track
    if not (w and a.track_of):
        return 0
    tracks = Counter(a.track_of[s] for s, _ in content if s in a.track_of)
    return w * sum(n - 1 for n in tracks.values() if n > 1)


def _anneal_avoid(a: Annealer, t: int, content: Content) -> int:
    w = a.p.event.weights.avoid
    if not (w and a.avoid):
        return 0
    here = {sid for sid, _ in content}
    return w * (sum(len(a.avoid[s] & here) for s in here) // 2)


def _anneal_moves(a: Annealer, t: int, content: Content) -> int:
    """A session moved to another time counts once, in its first slot (rooms come later)."""
    p, w = a.p, a.p.event.weights.move_slot
    if not (p.previous and w):
        return 0
    return w * sum(
        1
        for sid, start in content
        if sid in p.previous
        and sid not in p.frozen
        and a.cells[(sid, start)][0].slot == t
        and a.choice_at[sid][start].slots != p.previous[sid].slots
    )


# -- the greedy start's price of adding one session ----------------------------------------
def _insert_conflicts(g: Partial, sid: str, choice: Choice, room: str) -> int:
    w = g.instance.event.weights.conflicts
    return w * sum(1 for u in choice.slots for p in g.people[sid] if g.wanted_at[(p, u)])


def _room_overflow(instance: Instance, sid: str, choice: Choice, room: str) -> int:
    short = max(0, instance.demand[sid] - instance.room_capacity[room])
    return instance.event.weights.overflow * len(choice.slots) * short


def _room_moves(instance: Instance, sid: str, choice: Choice, room: str) -> int:
    """Re-planning: the same slots in another room (other moves are not the room step's)."""
    before = instance.previous.get(sid)
    moved = before is not None and before.slots == choice.slots and before.room != room
    return instance.event.weights.move_room * moved


def _insert_track(g: Partial, sid: str, choice: Choice, room: str) -> int:
    mine = g.track_of.get(sid)
    if mine is None:
        return 0
    clashes = sum(any(g.track_of.get(o) == mine for o in g.at_slot[u]) for u in choice.slots)
    return g.instance.event.weights.track * clashes


def _insert_avoid(g: Partial, sid: str, choice: Choice, room: str) -> int:
    clashes = sum(len(g.avoid[sid] & g.at_slot[u]) for u in choice.slots)
    return g.instance.event.weights.avoid * clashes


def _insert_moves(g: Partial, sid: str, choice: Choice, room: str) -> int:
    before, w = g.instance.previous.get(sid), g.instance.event.weights
    if before is not None and before.slots != choice.slots:
        return w.move_slot
    return _room_moves(g.instance, sid, choice, room)


# -- soft rules ------------------------------------------------------------------------
def _term_overflow(sm: SlotModel) -> None:
    (cpsat.term_overflow_joint if sm.joint else cpsat.term_overflow_levels)(sm)


SOFT: tuple[SoftRule, ...] = (
    SoftRule(
        "unscheduled", ("unscheduled",),
        term=cpsat.term_unscheduled,
        count=_count_unscheduled,
        price=lambda w, raw: raw["unscheduled_cost"],
        slot_cost=None,  # the annealer keeps the waiting sessions as they are
        insert=None,  # the greedy start places what it can
        room=None,
    ),
    SoftRule(
        "conflicts", ("conflicts",),
        term=cpsat.term_conflicts,
        count=_count_conflicts,
        price=lambda w, raw: w.conflicts * raw["conflicts"],
        slot_cost=None,  # the annealer counts per voter group and slot (its hot path)
        insert=_insert_conflicts,
        room=None,
    ),
    SoftRule(
        "overflow", ("overflow",),
        term=_term_overflow,
        count=_count_overflow,
        price=lambda w, raw: w.overflow * raw["overflow"],
        slot_cost=_anneal_overflow,
        insert=lambda g, sid, choice, room: _room_overflow(g.instance, sid, choice, room),
        room=_room_overflow,
    ),
    SoftRule(
        "track", ("track",),
        term=cpsat.term_track,
        count=_count_track,
        price=lambda w, raw: w.track * raw["track"],
        slot_cost=_anneal_track,
        insert=_insert_track,
        room=None,
    ),
    SoftRule(
        "avoid", ("avoid",),
        term=cpsat.term_avoid,
        count=_count_avoid,
        price=lambda w, raw: w.avoid * raw["avoid"],
        slot_cost=_anneal_avoid,
        insert=_insert_avoid,
        room=None,
    ),
    SoftRule(
        "moves", ("move_slot", "move_room"),
        term=cpsat.term_moves,
        count=_count_moves,
        price=lambda w, raw: w.move_slot * raw["moved_slot"] + w.move_room * raw["moved_room"],
        slot_cost=_anneal_moves,
        insert=_insert_moves,
        room=_room_moves,
    ),
    SoftRule(
        "room_change", ("room_change",),
        term=cpsat.term_room_change,
        count=_count_room_change,
        price=lambda w, raw: w.room_change * raw["room_change"],
        slot_cost=None,  # the annealer sees no rooms
        insert=None,  # the greedy start prefers the part's room when it picks one
        room=None,
        apart=_apart_parts,
    ),
)
PER_SLOT = tuple(rule.slot_cost for rule in SOFT if rule.slot_cost is not None)
INSERT = tuple(rule.insert for rule in SOFT if rule.insert is not None)
IN_ROOM = tuple(rule.room for rule in SOFT if rule.room is not None)
APART = tuple(rule.apart for rule in SOFT if rule.apart is not None)


def build(instance: Instance, *, joint: bool = False) -> SlotModel:
    """The CP-SAT model of every rule: one boolean per session × start (× room if joint)."""
    sm = SlotModel(instance, joint)
    cpsat.add_variables(sm)
    for hard in HARD:
        hard.add(sm)
    for soft in SOFT:
        soft.term(sm)
    sm.model.minimize(sm.objective())
    return sm
