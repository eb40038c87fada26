"""Every rule of README's "How the planner decides", declared once.

A rule is one declaration; every engine reads it from these lists, field by field:

========================  =================================================================
``HardRule``              read by
========================  =================================================================
``add``                   the CP-SAT slot model and joint model (``build``)
``admit``                 the greedy start (``greedy.py``), and the open-end reasons
                          (``reasons.py``), which ask it about the finished grid
``reason``, ``explain``   the open-end reasons: the first rule whose ``admit`` leaves a
                          waiting session no start and room names why it waits
``anneal``                the annealer (``anneal.py``): the rule's running state, kept
                          current on every placement and asked read-only whether a move
                          keeps the rule (``HardTally``); None where its moves cannot
                          break the rule
========================  =================================================================

========================  =================================================================
``SoftRule``              read by
========================  =================================================================
``term``                  the CP-SAT models (``build``): the named objective term
``count``, ``price``      the exact score of a finished grid (``score.py``)
``slot_cost``             the annealer: the weighted cost of one slot's content
``anneal``                the annealer, for a rule cheaper to keep current than to recount
                          per slot (conflicts: per voter group and slot, its hot path):
                          a running tally (``SoftTally``)
``insert``                the greedy start: the price of adding one session
``room``                  the room step (``rooms.py``): one session in one room
========================  =================================================================

A field is None where what that engine decides cannot change the rule: the annealer
never changes which sessions wait (``unscheduled``) and chooses no rooms (a re-plan's
room moves are the room step's), the room step moves no session in time. A new rule is
one declaration here (a ``HardRule``, a ``SoftRule``, or one of each) and its tests, plus,
for a hard rule, its reason's text in ``i18n/reasons.py``. ``check.py`` re-computes every
rule independently on purpose, so a new rule is also added there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from opensozial.model import Weights
from opensozial.placements import keeps_order
from opensozial.plan import Placed
from opensozial.solve import cpsat
from opensozial.solve.cpsat import SlotModel
from opensozial.solve.problem import Choice, Instance

if TYPE_CHECKING:
    from opensozial.solve.anneal import Annealer, Cell
    from opensozial.solve.greedy import Partial

Grid = dict[str, Placed]
Content = frozenset[tuple[str, int]]  # (session, start) pairs in one slot


# The annealer's move of one session: it, the cells it leaves, the cells it takes.
Step = tuple[str, tuple["Cell", ...], tuple["Cell", ...]]
Cells = list[tuple[Choice, frozenset[str]]]  # a session's starts, each with rooms left


class HardTally(Protocol):
    """A hard rule's running state in one annealer (see ``HardRule.anneal``)."""

    def place(self, sid: str, choice: Choice) -> None: ...
    def lift(self, sid: str, choice: Choice) -> None: ...

    def allows(self, steps: list[Step]) -> bool:
        """Read-only: the rule holds once every session of ``steps`` has left its cells
        and taken its new ones (the grid before holds it)."""
        ...


class SoftTally(Protocol):
    """A soft rule's running cost in one annealer (see ``SoftRule.anneal``)."""

    def place(self, sid: str, choice: Choice) -> int: ...  # the change of cost
    def lift(self, sid: str, choice: Choice) -> int: ...
    def total(self) -> int: ...

    def shift(self, steps: list[Step]) -> int:
        """Read-only: the change of cost of the annealer's cheap moves, one-slot sessions
        only: one to another slot, or two trading slots."""
        ...


@dataclass(frozen=True)
class HardRule:
    name: str
    add: Callable[[SlotModel], None]  # CP-SAT: the constraint
    reason: str | None  # the open-end reason code when it keeps a session out
    # The greedy start: of these rooms for this placement, the ones the rule still allows.
    # With the finished grid as the ``Partial``, also the open-end test (``reasons.py``).
    admit: Callable[[Partial, str, Choice, frozenset[str]], frozenset[str]]
    # The open end's parameters when ``admit`` leaves the session no room, given the
    # starts and rooms left before this rule; with a code more telling than ``reason``
    # (``None``: the rule's ``reason``).
    explain: Callable[[Partial, str, Cells], tuple[str | None, dict[str, str]]] | None
    # The annealer's state for the rule (None: its moves keep the rule by construction;
    # the state None: nothing to watch in this event).
    anneal: Callable[[Annealer], HardTally | None] | None


@dataclass(frozen=True)
class SoftRule:
    name: str  # the plan's score key
    weight_keys: tuple[str, ...]  # in the event file's ``weights``
    term: Callable[[SlotModel], None]  # CP-SAT: the named objective term (none at weight 0)
    count: Callable[[Instance, Grid], dict[str, int]]  # exact raw figures of a grid
    price: Callable[[Weights, dict[str, int]], int]  # those figures, weighted
    # The annealer prices a rule in one of two forms: the weighted cost of one slot's
    # content (remembered per content), or a running tally (for a rule that is cheaper
    # to keep current than to recount per slot). Neither: the annealer cannot change it.
    slot_cost: Callable[[Annealer, int, Content], int] | None
    # The greedy start's price of adding one session (a choice and a room) to its grid.
    insert: Callable[[Partial, str, Choice, str], int] | None
    # The room step's price of one session (at its chosen slots) in one room.
    room: Callable[[Instance, str, Choice, str], int] | None
    anneal: Callable[[Annealer], SoftTally] | None = None
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


def _explain_rooms(g: Partial, sid: str, cells: Cells) -> tuple[str | None, dict[str, str]]:
    """Every room the session could take is held: say so more tellingly where a free room
    lacks a feature it needs, or where pins hold them all."""
    problem, holder = g.instance, g.busy_room
    event = problem.event
    session = event.session_by_id[sid]
    lacking: set[str] = set()
    if session.needs and (session.pinned is None or session.pinned.room is None):
        for c, _ in cells:
            for room in event.rooms:
                open_then = all(room.id in problem.rooms_at.get(u, ()) for u in c.slots)
                free = all((u, room.id) not in holder for u in c.slots)
                if open_then and free and room.id not in c.rooms:
                    lacking |= set(session.needs) - set(room.features)
    if lacking:
        return "no_feature", {"feature": ", ".join(sorted(lacking))}
    holders = [
        holder[(u, room)]
        for c, rooms in cells
        for room in sorted(rooms)
        for u in c.slots
        if (u, room) in holder
    ]
    if holders and all(other in problem.pinned for other in holders):
        return "pinned", {"other": title(problem, holders[0])}
    return None, {}


def _explain_hosts(g: Partial, sid: str, cells: Cells) -> tuple[str | None, dict[str, str]]:
    """The first host busy where the session could go, and the session they lead then."""
    hosts = g.instance.event.session_by_id[sid].person_hosts
    host, other = next(
        (h, g.busy_host[(h, u)])
        for c, _ in cells
        for u in c.slots
        for h in hosts
        if (h, u) in g.busy_host
    )
    return None, {"host": host, "other": title(g.instance, other)}


def title(problem: Instance, sid: str) -> str:
    session = problem.event.session_by_id.get(sid)
    return session.title if session else sid


class _RoomCounts:
    """The slot model's room counts in the annealer: per slot, the sessions whose rooms
    all lie within a union of room sets never outnumber its rooms (Hall's condition;
    the unions and each placement's ``Cell`` come from the annealer). Kept as counts and,
    per slot, a bit mask of the unions that are full, so that a move is checked with a
    few bit operations (the annealer's hot path)."""

    def __init__(self, a: Annealer) -> None:
        self.a = a
        self.inside = [[0] * len(us) for us in a.unions]  # sessions per union, per slot
        self.full = [0] * len(a.unions)  # per slot: bit i set when union i has no room left

    def place(self, sid: str, choice: Choice) -> None:
        for cell in self.a.cells[(sid, choice.start)]:
            t = cell.slot
            inside, limit = self.inside[t], self.a.limit[t]
            for i in cell.within:
                inside[i] += 1
                if inside[i] >= limit[i]:
                    self.full[t] |= 1 << i

    def lift(self, sid: str, choice: Choice) -> None:
        for cell in self.a.cells[(sid, choice.start)]:
            t = cell.slot
            inside, limit = self.inside[t], self.a.limit[t]
            for i in cell.within:
                inside[i] -= 1
                if inside[i] < limit[i]:
                    self.full[t] &= ~(1 << i)

    def allows(self, steps: list[Step]) -> bool:
        """A session may arrive in a slot where no union it lies within is full, or where
        a session leaving lay within each full one (one arrival per slot; else counted)."""
        if len(steps) == 2:  # a swap: two arrivals in one slot only if both take it
            for c in steps[0][2]:
                for d in steps[1][2]:
                    if c.slot == d.slot:
                        return self._counted(steps)
        elif len(steps) > 2:
            taken = [c.slot for _, _, takes in steps for c in takes]
            if len(taken) > len(set(taken)):
                return self._counted(steps)
        full = self.full
        for _, _, takes in steps:
            for cell in takes:
                t = cell.slot
                blocked = cell.mask & full[t]
                if blocked:
                    for _, leaves, _ in steps:
                        for c in leaves:
                            if c.slot == t:
                                blocked &= ~c.mask
                    if blocked:
                        return False
        return True

    def _counted(self, steps: list[Step]) -> bool:
        """Several sessions arriving in one slot: count each union's sessions after."""
        for _, _, takes in steps:
            for cell in takes:
                t = cell.slot
                inside, limit = self.inside[t], self.a.limit[t]
                for i in cell.within:
                    n = inside[i] - limit[i]
                    for _, leaves, others in steps:
                        n += sum(c.slot == t and i in c.within for c in others)
                        n -= sum(c.slot == t and i in c.within for c in leaves)
                    if n > 0:
                        return False
        return True


class _HostsBusy:
    """Hosts in one place in the annealer: how many sessions each host leads per slot."""

    def __init__(self, a: Annealer) -> None:
        self.a = a
        self.host_of = {
            sid: [h for h, ss in a.p.hosts.items() if sid in ss] for sid in a.p.choices
        }
        self.busy: Counter[tuple[str, int]] = Counter()

    def place(self, sid: str, choice: Choice) -> None:
        for cell in self.a.cells[(sid, choice.start)]:
            for h in self.host_of[sid]:
                self.busy[(h, cell.slot)] += 1

    def lift(self, sid: str, choice: Choice) -> None:
        for cell in self.a.cells[(sid, choice.start)]:
            for h in self.host_of[sid]:
                self.busy[(h, cell.slot)] -= 1

    def allows(self, steps: list[Step]) -> bool:
        host_of, busy = self.host_of, self.busy
        for sid, _, takes in steps:
            for h in host_of[sid]:  # (most sessions have no host of two sessions)
                for cell in takes:
                    t = cell.slot
                    n = busy[(h, t)]
                    for other, leaves, others in steps:
                        if h in host_of[other]:
                            n += sum(c.slot == t for c in others) - sum(c.slot == t for c in leaves)
                    if n > 1:
                        return False
        return True


def _in_order(g: Partial, sid: str, choice: Choice, rooms: frozenset[str]) -> frozenset[str]:
    """A later part only after the part it follows (placed first: the greedy order), and
    a part only before a later part that is already placed (a pinned one)."""
    return rooms if keeps_order(g.instance.event, sid, choice.slots, g.placed) else frozenset()


def _explain_order(g: Partial, sid: str, cells: Cells) -> tuple[str | None, dict[str, str]]:
    """A later part waits with the part it continues, or finds no start after it."""
    first = g.instance.follows[sid]
    return ("part_waits" if first not in g.placed else None), {"other": title(g.instance, first)}


class _PartsInOrder:
    """The order of parts in the annealer: each placed session's first and last slot
    (the annealer's slots are in time order); a move keeps every later part after the
    part it continues. Events without parts do without it."""

    def __init__(self, a: Annealer) -> None:
        self.a = a
        self.before = a.p.follows  # later part -> the part it continues
        self.after = {first: then for then, first in self.before.items()}
        self.span: dict[str, tuple[int, int]] = {}

    def place(self, sid: str, choice: Choice) -> None:
        slots = [cell.slot for cell in self.a.cells[(sid, choice.start)]]
        self.span[sid] = (min(slots), max(slots))

    def lift(self, sid: str, choice: Choice) -> None:
        self.span.pop(sid, None)

    def allows(self, steps: list[Step]) -> bool:
        moved = {sid: (min(c.slot for c in takes), max(c.slot for c in takes))
                 for sid, _, takes in steps}
        for sid in moved:
            for first, then in ((self.before.get(sid), sid), (sid, self.after.get(sid))):
                if first is None or then is None:
                    continue
                earlier, later = moved.get(first, self.span.get(first)), moved.get(
                    then, self.span.get(then))
                if earlier is not None and later is not None and earlier[1] >= later[0]:
                    return False
        return True


def _parts_in_order(a: Annealer) -> _PartsInOrder | None:
    return _PartsInOrder(a) if a.p.follows else None


HARD: tuple[HardRule, ...] = (
    # (The greedy start tries each session once, so this rule admits every room there;
    # the annealer moves a session, never copies it.)
    HardRule(
        "each_session_once", cpsat.add_each_session_once, None,
        admit=lambda g, s, c, r: r,
        explain=None,
        anneal=None,
    ),
    HardRule(  # (before the rooms: a part waiting with its first part says so)
        "parts_in_order", cpsat.add_parts_in_order, "part_order",
        admit=_in_order,
        explain=_explain_order,
        anneal=_parts_in_order,
    ),
    HardRule(
        "one_session_per_room", _rooms, "no_room",
        admit=_free_rooms,
        explain=_explain_rooms,
        anneal=_RoomCounts,
    ),
    HardRule(
        "host_in_one_place", cpsat.add_host_in_one_place, "host_busy",
        admit=_hosts_free,
        explain=_explain_hosts,
        anneal=_HostsBusy,
    ),
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


class _Conflicts:
    """Conflicts in the annealer, kept current (its hot path): per slot, how many sessions
    each voter group wants there. Plain lists: a session touches a few dozen groups,
    where Python beats numpy's call overhead."""

    def __init__(self, a: Annealer) -> None:
        self.a = a
        w = a.p.event.weights.conflicts
        groups = a.p.wish_groups if w else []
        self.gw = [w * count for _, count in groups]
        self.groups_of: dict[str, list[int]] = {sid: [] for sid in a.p.choices}
        for g, (wanted, _) in enumerate(groups):
            for sid in wanted:
                self.groups_of[sid].append(g)
        self.group_set = {sid: set(gs) for sid, gs in self.groups_of.items()}
        self.n = [[0] * len(groups) for _ in a.slots]

    def place(self, sid: str, choice: Choice) -> int:
        delta, gs, gw = 0, self.groups_of[sid], self.gw
        for cell in self.a.cells[(sid, choice.start)]:
            counts = self.n[cell.slot]
            for g in gs:
                if counts[g]:
                    delta += gw[g]
                counts[g] += 1
        return delta

    def lift(self, sid: str, choice: Choice) -> int:
        delta, gs, gw = 0, self.groups_of[sid], self.gw
        for cell in self.a.cells[(sid, choice.start)]:
            counts = self.n[cell.slot]
            for g in gs:
                counts[g] -= 1
                if counts[g]:
                    delta -= gw[g]
        return delta

    def total(self) -> int:
        return sum(
            w * (c - 1) for counts in self.n for w, c in zip(self.gw, counts, strict=True) if c > 1
        )

    def shift(self, steps: list[Step]) -> int:
        gw, delta = self.gw, 0
        sid, leaves, takes = steps[0]
        here, there = self.n[leaves[0].slot], self.n[takes[0].slot]
        if len(steps) == 1:
            for g in self.groups_of[sid]:
                delta += gw[g] * ((there[g] > 0) - (here[g] > 1))
            return delta
        # Two trading slots: a group wanting both keeps its counts in both slots.
        other = steps[1][0]
        shared = self.group_set[other]
        for g in self.groups_of[sid]:
            if g not in shared:
                delta += gw[g] * ((there[g] > 0) - (here[g] > 1))
        shared = self.group_set[sid]
        for g in self.groups_of[other]:
            if g not in shared:
                delta += gw[g] * ((here[g] > 0) - (there[g] > 1))
        return delta


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


def _per(name: str) -> Callable[[Weights, dict[str, int]], int]:
    """The price of a rule whose weight key and raw figure share its name."""
    return lambda w, raw: getattr(w, name) * raw[name]


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
        price=_per("conflicts"),
        slot_cost=None,
        insert=_insert_conflicts,
        room=None,
        anneal=_Conflicts,  # per voter group and slot, kept current: the annealer's hot path
    ),
    SoftRule(
        "overflow", ("overflow",),
        term=_term_overflow,
        count=_count_overflow,
        price=_per("overflow"),
        slot_cost=_anneal_overflow,
        insert=lambda g, sid, choice, room: _room_overflow(g.instance, sid, choice, room),
        room=_room_overflow,
    ),
    SoftRule(
        "track", ("track",),
        term=cpsat.term_track,
        count=_count_track,
        price=_per("track"),
        slot_cost=_anneal_track,
        insert=_insert_track,
        room=None,
    ),
    SoftRule(
        "avoid", ("avoid",),
        term=cpsat.term_avoid,
        count=_count_avoid,
        price=_per("avoid"),
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
        price=_per("room_change"),
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
