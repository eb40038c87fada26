"""Simulated annealing over start slots: many cheap moves where CP-SAT makes few dear ones.

On a day-sized model every CP-SAT call pays for loading thousands of voter-group
constraints, so it tries a few hundred grids a minute. This search tries hundreds of
thousands: it moves one session to another start, or swaps two one-slot sessions, and
prices the change incrementally (per voter group and slot, a count of wanted sessions).
It optimises exactly the slot model's objective (conflicts, seat levels, tracks, avoid
pairs, re-planning moves) under the slot model's hard rules (hosts, room counts per
room set), with the set of dropped sessions fixed, so its grid is a valid hint for
CP-SAT, which then proves the bound and polishes.

Speed is the point (the grid gets better with every extra move tried), so the state is
kept in flat lists indexed by slot, each placement's footprint is computed once, the
hard rules are checked only where a move changed something, and a slot's cost is
remembered per content.

Deterministic: a RNG seeded from the options, a fixed number of iterations.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from opensozial.solve.clock import STOP_CHECK
from opensozial.solve.cpsat import unions
from opensozial.solve.problem import Choice, Instance
from opensozial.solve.rules import PER_SLOT

MELT = 10  # the first chain starts this much hotter (see run)
MEMO_LIMIT = 200_000  # remembered slot costs (cleared when full: bounded memory)


@dataclass(frozen=True)
class Cell:
    """What a placement does to one of its slots: the slot's index, the unions of room
    sets its rooms lie in (Hall's condition), and those of them smaller than the open
    rooms as a bit mask (seat levels)."""

    slot: int
    within: tuple[int, ...]
    confined: int


class Annealer:
    def __init__(self, problem: Instance, chosen: dict[str, Choice], seed: int) -> None:
        self.p = problem
        self.rng = random.Random(seed)
        w = problem.event.weights
        self.slots = list(problem.rooms_at)
        index = {slot: t for t, slot in enumerate(self.slots)}
        # Conflicts: wanted-session counts per voter group and slot. Plain lists: a
        # session touches a few dozen groups, where Python beats numpy's call overhead.
        groups = problem.wish_groups if w.conflicts else []
        self.gw = [w.conflicts * count for _, count in groups]
        self.groups_of: dict[str, list[int]] = defaultdict(list)
        for g, (wanted, _) in enumerate(groups):
            for sid in wanted:
                self.groups_of[sid].append(g)
        self.group_set = {sid: set(gs) for sid, gs in self.groups_of.items()} | {
            sid: set() for sid in problem.choices if sid not in self.groups_of
        }
        self.n = [[0] * len(groups) for _ in self.slots]
        # Rooms: per slot the unions of the room sets sessions may use there, how many
        # rooms each holds, and how many seats at each level (all rooms, then each union).
        opens = [problem.rooms_at[slot] for slot in self.slots]
        self.unions = [
            unions(
                {
                    c.rooms & opens[t]
                    for cs in problem.choices.values()
                    for c in cs
                    if slot in c.slots
                }
            )
            for t, slot in enumerate(self.slots)
        ]
        self.limit = [[len(u) for u in us] for us in self.unions]
        self.proper = [
            [i for i, u in enumerate(us) if u < opens[t]] for t, us in enumerate(self.unions)
        ]
        top = max(problem.demand.values(), default=0) + 1
        self.caps = [
            sorted((problem.room_capacity[r] for r in rooms), reverse=True) for rooms in opens
        ]
        self.seats = [_seats_at(problem, rooms, top) for rooms in opens]
        self.union_seats = [
            [_seats_at(problem, self.unions[t][i], top) for i in self.proper[t]]
            for t in range(len(self.slots))
        ]
        self.choice_at = {sid: {c.start: c for c in cs} for sid, cs in problem.choices.items()}
        self.cells = {
            (sid, c.start): self._cells(c, index, opens)
            for sid, cs in problem.choices.items()
            for c in cs
        }
        self.cell_at = {
            key: {cell.slot: cell for cell in cells} for key, cells in self.cells.items()
        }
        self.inside = [[0] * len(us) for us in self.unions]  # sessions per union, per slot
        self.host_of = {
            sid: [h for h, ss in problem.hosts.items() if sid in ss] for sid in problem.choices
        }
        self.busy: Counter[tuple[str, int]] = Counter()
        self.track_of = {s: t for t, ss in problem.tracks.items() for s in ss}
        self.avoid: dict[str, set[str]] = defaultdict(set)
        for a, b in problem.avoid_pairs:
            self.avoid[a].add(b)
            self.avoid[b].add(a)
        self.memo: dict[tuple[int, frozenset[tuple[str, int]]], int] = {}
        # Per slot, who is there and with which start: the key of the slot-cost memo.
        self.content: list[frozenset[tuple[str, int]]] = [frozenset() for _ in self.slots]
        self.chosen: dict[str, Choice] = {}
        for sid, choice in chosen.items():
            self._place(sid, choice)
        self.cost_at = [self.slot_cost(t) for t in range(len(self.slots))]  # kept current
        self.movable = movable(problem, self.chosen)
        self.single = [s for s in self.movable if problem.length[s] == 1]
        self.stopped = False  # the last run was ended by ``stop`` (the wall clock)

    def _cells(
        self, choice: Choice, index: dict[str, int], opens: list[frozenset[str]]
    ) -> tuple[Cell, ...]:
        cells = []
        for slot in choice.slots:
            t = index[slot]
            rooms = choice.rooms & opens[t]
            within = tuple(i for i, u in enumerate(self.unions[t]) if rooms <= u)
            confined = sum(1 << k for k, i in enumerate(self.proper[t]) if i in within)
            cells.append(Cell(t, within, confined))
        return tuple(cells)

    # -- state changes, each returning its change of conflict cost -----------------------
    def _place(self, sid: str, choice: Choice) -> int:
        delta = 0
        gs, gw = self.groups_of.get(sid, ()), self.gw
        for cell in self.cells[(sid, choice.start)]:
            counts = self.n[cell.slot]
            for g in gs:
                if counts[g]:
                    delta += gw[g]
                counts[g] += 1
            self.content[cell.slot] = self.content[cell.slot] | {(sid, choice.start)}
            inside = self.inside[cell.slot]
            for i in cell.within:
                inside[i] += 1
            for h in self.host_of[sid]:
                self.busy[(h, cell.slot)] += 1
        self.chosen[sid] = choice
        return delta

    def _lift(self, sid: str) -> int:
        delta = 0
        choice = self.chosen.pop(sid)
        gs, gw = self.groups_of.get(sid, ()), self.gw
        for cell in self.cells[(sid, choice.start)]:
            counts = self.n[cell.slot]
            for g in gs:
                counts[g] -= 1
                if counts[g]:
                    delta -= gw[g]
            self.content[cell.slot] = self.content[cell.slot] - {(sid, choice.start)}
            inside = self.inside[cell.slot]
            for i in cell.within:
                inside[i] -= 1
            for h in self.host_of[sid]:
                self.busy[(h, cell.slot)] -= 1
        return delta

    def _allowed(self, sid: str, choice: Choice) -> bool:
        """The hard rules where this placement landed: its room sets fit, its hosts are free."""
        for cell in self.cells[(sid, choice.start)]:
            inside, limit = self.inside[cell.slot], self.limit[cell.slot]
            if any(inside[i] > limit[i] for i in cell.within):
                return False
            if any(self.busy[(h, cell.slot)] > 1 for h in self.host_of[sid]):
                return False
        return True

    # -- the other terms, per slot -------------------------------------------------------
    def slot_cost(self, t: int, content: frozenset[tuple[str, int]] | None = None) -> int:
        """Seat levels, track and avoid clashes, moves: the slot model's terms for one slot,
        with its current content or the given one ((session, start) pairs).

        Remembered per slot and content: the search keeps returning to nearby grids, so
        most contents recur (about four lookups in five, measured)."""
        content = self.content[t] if content is None else content
        cost = self.memo.get((t, content))
        if cost is None:
            if len(self.memo) >= MEMO_LIMIT:
                self.memo.clear()
            cost = self.memo[(t, content)] = self._slot_cost(t, content)
        return cost

    def _slot_cost(self, t: int, content: frozenset[tuple[str, int]]) -> int:
        return sum(cost(self, t, content) for cost in PER_SLOT)

    def seats_short(self, t: int, content: frozenset[tuple[str, int]]) -> int:
        """The slot model's seat levels (see ``cpsat.term_overflow_levels``): per level, the
        most sessions any count proves short of a big enough room."""
        here = sorted(
            (
                (self.p.demand[sid], self.cell_at[(sid, start)][t].confined)
                for sid, start in content
            ),
            reverse=True,
        )
        caps = self.caps[t]
        if not any(mask for _, mask in here):  # nobody restricted: sorted matching is exact
            return sum(max(0, d - c) for (d, _), c in zip(here, caps, strict=False)) + sum(
                d for d, _ in here[len(caps) :]
            )
        seats, union_seats = self.seats[t], self.union_seats[t]
        sizes = [self.limit[t][i] for i in self.proper[t]]
        proper = range(len(sizes))
        confined = [sum(1 for _, mask in here if mask >> k & 1) for k in proper]
        confined_big = [0] * len(sizes)
        levels = sorted(
            {0, *(c for c in caps if c < here[0][0]), *(d for d, _ in here)}, reverse=True
        )
        short = big = 0
        for high, low in pairwise(levels):  # sweep down: the sessions with demand ≥ high
            while big < len(here) and here[big][0] >= high:
                mask = here[big][1]
                for k in proper:
                    confined_big[k] += mask >> k & 1
                big += 1
            worst = lacking = big - seats[high]
            for k in proper:
                room_seats = union_seats[k][high]
                # The confined sessions short of a big room; the big sessions pushed out by
                # the small confined ones that find no small room of their union.
                worst = max(
                    worst,
                    confined_big[k] - room_seats,
                    lacking + confined[k] - confined_big[k] - (sizes[k] - room_seats),
                )
            if worst > 0:
                short += (high - low) * worst
        return short

    def total(self) -> int:
        conflicts = sum(
            w * (c - 1) for counts in self.n for w, c in zip(self.gw, counts, strict=True) if c > 1
        )
        return conflicts + sum(self.slot_cost(t) for t in range(len(self.slots)))

    # -- the search ---------------------------------------------------------------------
    def _try(self, moves: list[tuple[str, Choice]], temperature: float) -> int | None:
        """Price the moves; apply them if allowed and accepted; return the cost change or None.

        Nearly every move is rejected (98 % on the ``opensozial`` preset), so the common
        ones — one session of one slot to another slot, or two such sessions swapped — are
        priced without touching the state; others are applied and undone if rejected."""
        if len(moves) <= 2 and all(self.p.length[sid] == 1 for sid, _ in moves):
            priced = self._price(moves)
            if priced is None:
                return None
            delta, after = priced
            if delta <= 0 or self.rng.random() < math.exp(-delta / temperature):
                for sid, _ in moves:
                    self._lift(sid)
                for sid, new in moves:
                    self._place(sid, new)
                for t, cost in after:
                    self.cost_at[t] = cost
                return delta
            return None
        old = [(sid, self.chosen[sid]) for sid, _ in moves]
        touched = {cell.slot for sid, choice in old for cell in self.cells[(sid, choice.start)]}
        delta = sum(self._lift(sid) for sid, _ in moves)
        delta += sum(self._place(sid, new) for sid, new in moves)
        if all(self._allowed(sid, new) for sid, new in moves):
            touched.update(cell.slot for sid, new in moves for cell in self.cells[(sid, new.start)])
            after = [(t, self.slot_cost(t)) for t in touched]
            delta += sum(cost - self.cost_at[t] for t, cost in after)
            if delta <= 0 or self.rng.random() < math.exp(-delta / temperature):
                for t, cost in after:
                    self.cost_at[t] = cost
                return delta
        for sid, _ in moves:
            self._lift(sid)
        for sid, choice in old:
            self._place(sid, choice)
        return None

    def _price(self, moves: list[tuple[str, Choice]]) -> tuple[int, list[tuple[int, int]]] | None:
        """Read-only: the cost change of moving a one-slot session to another slot, or of
        swapping two (each takes the other's slot), and the two slots' new costs; None if
        a hard rule breaks."""
        sid, new = moves[0]
        mine, theirs = self.cells[(sid, self.chosen[sid].start)][0], self.cells[(sid, new.start)][0]
        a, b = mine.slot, theirs.slot
        if len(moves) == 1:
            if not self._fits(sid, theirs, None, None):
                return None
            delta, gw, here, there = 0, self.gw, self.n[a], self.n[b]
            for g in self.groups_of.get(sid, ()):
                delta += gw[g] * ((there[g] > 0) - (here[g] > 1))
            cost_a = self.slot_cost(a, self.content[a] - {(sid, self.chosen[sid].start)})
            cost_b = self.slot_cost(b, self.content[b] | {(sid, new.start)})
        else:
            other, back = moves[1]
            their_old, their_new = (
                self.cells[(other, self.chosen[other].start)][0],
                self.cells[(other, back.start)][0],
            )
            if not (
                self._fits(sid, theirs, other, their_old)
                and self._fits(other, their_new, sid, mine)
            ):
                return None
            # Conflicts: a group wanting both keeps its counts in both slots.
            delta, gw, here, there = 0, self.gw, self.n[a], self.n[b]
            shared = self.group_set[other]
            for g in self.groups_of.get(sid, ()):
                if g not in shared:
                    delta += gw[g] * ((there[g] > 0) - (here[g] > 1))
            shared = self.group_set[sid]
            for g in self.groups_of.get(other, ()):
                if g not in shared:
                    delta += gw[g] * ((here[g] > 0) - (there[g] > 1))
            cost_a = self.slot_cost(
                a, self.content[a] - {(sid, self.chosen[sid].start)} | {(other, back.start)}
            )
            cost_b = self.slot_cost(
                b, self.content[b] - {(other, self.chosen[other].start)} | {(sid, new.start)}
            )
        delta += cost_a - self.cost_at[a] + cost_b - self.cost_at[b]
        return delta, [(a, cost_a), (b, cost_b)]

    def _fits(self, sid: str, cell: Cell, goer: str | None, goer_cell: Cell | None) -> bool:
        """Hard rules in ``cell``'s slot if ``sid`` arrives there and ``goer`` (if any) leaves."""
        inside, limit = self.inside[cell.slot], self.limit[cell.slot]
        for i in cell.within:
            if inside[i] + 1 - (goer_cell is not None and i in goer_cell.within) > limit[i]:
                return False
        gone = self.host_of[goer] if goer is not None else ()
        return not any(self.busy[(h, cell.slot)] - (h in gone) > 0 for h in self.host_of[sid])

    def run(
        self,
        iterations: int,
        hot: float,
        cold: float,
        chain: int | None = None,
        patience: int = 2,
        stop: Callable[[], bool] | None = None,
    ) -> tuple[dict[str, Choice], int]:
        """Anneal in chains, each restarting hot from the best grid; the first one starts
        ``MELT`` times hotter (when the run has room for two chains), so the run forgets
        its start: from a good CP-SAT grid, runs that did not melt it first mostly stayed
        in its basin (1.4 % above the best grid known on the ``opensozial`` preset;
        melted, 0.1 %).

        A chain gives every movable session some 800 tries (20k–200k iterations): shorter
        chains cool too fast and end in worse grids (measured on the ``opensozial`` preset:
        15k iterations a chain averaged 2 % above 30k). The search stops early after
        ``patience`` chains in a row without a better grid: counted in iterations, not
        seconds, so the early stop is as deterministic as the rest. ``stop`` (the wall-clock
        cap) is asked every ``STOP_CHECK`` iterations; when it says yes the run ends with
        its best grid and ``self.stopped`` is set.
        """
        chain = chain or chain_length(self.p, self.chosen)
        melt = iterations >= 2 * chain  # a shorter run has no time to settle again
        best, best_cost = dict(self.chosen), self.total()
        done = stale = 0
        self.stopped = False
        while done < iterations and self.movable and stale < patience and not self.stopped:
            length = min(chain, iterations - done)
            if self.chosen != best:
                for sid in list(self.chosen):
                    self._lift(sid)
                for sid, choice in best.items():
                    self._place(sid, choice)
                self.cost_at = [self.slot_cost(t) for t in range(len(self.slots))]
            grid, cost = self._chain(
                length, hot * (MELT if done == 0 and melt else 1), cold, best_cost, stop
            )
            done += length
            if cost < best_cost:
                best, best_cost, stale = grid, cost, 0
            else:
                stale += 1
        return best, best_cost

    def _chain(
        self,
        iterations: int,
        hot: float,
        cold: float,
        cost: int,
        stop: Callable[[], bool] | None = None,
    ) -> tuple[dict[str, Choice], int]:
        best, best_cost = dict(self.chosen), cost
        ratio = (cold / hot) ** (1 / max(1, iterations))
        temperature = hot
        rng, movable, single, length = self.rng, self.movable, self.single, self.p.length
        for step in range(iterations):
            if stop is not None and step % STOP_CHECK == 0 and stop():
                self.stopped = True
                break
            temperature *= ratio
            sid = rng.choice(movable)
            current = self.chosen[sid]
            if length[sid] == 1 and single and rng.random() < 0.6:
                other = rng.choice(single)
                theirs = self.chosen[other]
                if other == sid or current.start == theirs.start:
                    continue
                swap_mine = self.choice_at[sid].get(theirs.start)
                swap_theirs = self.choice_at[other].get(current.start)
                if swap_mine is None or swap_theirs is None:
                    continue
                moves = [(sid, swap_mine), (other, swap_theirs)]
            else:
                new = rng.choice(self.p.choices[sid])
                if new.start == current.start:
                    continue
                moves = [(sid, new)]
            delta = self._try(moves, temperature)
            if delta is not None:
                cost += delta
                if cost < best_cost:
                    best, best_cost = dict(self.chosen), cost
        return best, best_cost


def movable(problem: Instance, chosen: dict[str, Choice]) -> list[str]:
    """The placed sessions the search may move: not pinned, with more than one start."""
    return sorted(s for s in chosen if s not in problem.pinned and len(problem.choices[s]) > 1)


def chain_length(problem: Instance, chosen: dict[str, Choice]) -> int:
    """Iterations a chain: every movable session gets some 800 tries (20k–200k)."""
    return min(200_000, max(20_000, 800 * len(movable(problem, chosen))))


def iterations_for(problem: Instance, chosen: dict[str, Choice], micros: float) -> int:
    """Iterations that take about ``micros`` µs: a move costs more the more voter groups
    a session touches and the more sessions share a slot (measured on the presets:
    ≈ 1 µs + 0.04 µs per group + 1.5 µs per session in a slot). Derived from the event
    only, so the count — and the result — is the same on every machine."""
    groups = problem.wish_groups if problem.event.weights.conflicts else []
    voted = {sid for wanted, _ in groups for sid in wanted}
    per_session = sum(len(wanted) for wanted, _ in groups) / max(1, len(voted))
    per_slot = len(chosen) / max(1, len(problem.rooms_at))
    return round(micros / (1 + 0.04 * per_session + 1.5 * per_slot))


def _seats_at(problem: Instance, rooms: frozenset[str], top: int) -> list[int]:
    """Per level 0..top: how many of the rooms seat at least that many."""
    return [sum(1 for r in rooms if problem.room_capacity[r] >= level) for level in range(top + 1)]
