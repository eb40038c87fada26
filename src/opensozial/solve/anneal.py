"""Simulated annealing over start slots: many cheap moves where CP-SAT makes few dear ones.

On a day-sized model every CP-SAT call pays for loading thousands of voter-group
constraints, so it tries a few hundred grids a minute. This search tries hundreds of
thousands: it moves one session to another start, or swaps two one-slot sessions, and
prices the change incrementally (per voter group and slot, a count of wanted sessions).
It optimises exactly the slot model's objective (conflicts, seat levels, tracks, avoid
pairs, re-planning moves) under the slot model's hard rules (hosts, room counts per
room set), with the set of dropped sessions fixed, so its grid is a valid hint for
CP-SAT, which then proves the bound and polishes.

The rules are the ones ``rules.py`` declares, in the forms declared there: each hard
rule's running state (``HardRule.anneal``: kept current on every placement, asked
read-only whether a move keeps the rule), a soft rule's cost of one slot's content
(``SoftRule.slot_cost``) or its running tally (``SoftRule.anneal``: conflicts). This
module owns the search and the bookkeeping they share: which sessions are in each slot,
each placement's footprint (``Cell``), the rooms' unions and seat levels per slot.

Speed is the point (the grid gets better with every extra move tried), so the state is
kept in flat lists indexed by slot, each placement's footprint is computed once, the
hard rules are asked only about what a move changes, and a slot's cost is remembered per
content.

Deterministic: a RNG seeded from the options, a fixed number of iterations.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

from opensozial.solve.clock import STOP_CHECK
from opensozial.solve.cpsat import unions
from opensozial.solve.problem import Choice, Instance
from opensozial.solve.rules import HARD, PER_SLOT, SOFT, HardTally, SoftTally, Step

MELT = 10  # the first chain starts this much hotter (see run)
MEMO_LIMIT = 200_000  # remembered slot costs (cleared when full: bounded memory)


@dataclass(frozen=True)
class Cell:
    """What a placement does to one of its slots: the slot's index, the unions of room
    sets its rooms lie in (Hall's condition), also as a bit mask, and those of them
    smaller than the open rooms as a bit mask (seat levels)."""

    slot: int
    within: tuple[int, ...]
    mask: int
    confined: int


class Annealer:
    def __init__(self, problem: Instance, chosen: dict[str, Choice], seed: int) -> None:
        self.p = problem
        self.rng = random.Random(seed)
        self.slots = list(problem.rooms_at)
        index = {slot: t for t, slot in enumerate(self.slots)}
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
        self.track_of = {s: t for t, ss in problem.tracks.items() for s in ss}
        self.avoid: dict[str, set[str]] = defaultdict(set)
        for a, b in problem.avoid_pairs:
            self.avoid[a].add(b)
            self.avoid[b].add(a)
        self.memo: dict[tuple[int, frozenset[tuple[str, int]]], int] = {}
        # Per slot, who is there and with which start: the key of the slot-cost memo.
        self.content: list[frozenset[tuple[str, int]]] = [frozenset() for _ in self.slots]
        self.chosen: dict[str, Choice] = {}
        # (a rule with nothing to watch in this event, parts without any, costs no call)
        tallies = (rule.anneal(self) for rule in HARD if rule.anneal)
        self.hard: list[HardTally] = [tally for tally in tallies if tally is not None]
        self.tallies: list[SoftTally] = [rule.anneal(self) for rule in SOFT if rule.anneal]
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
            cells.append(Cell(t, within, sum(1 << i for i in within), confined))
        return tuple(cells)

    # -- state changes, each returning its change of the tallied cost (conflicts) ---------
    def _place(self, sid: str, choice: Choice) -> int:
        for hard in self.hard:
            hard.place(sid, choice)
        delta = 0
        for tally in self.tallies:
            delta += tally.place(sid, choice)
        for cell in self.cells[(sid, choice.start)]:
            self.content[cell.slot] = self.content[cell.slot] | {(sid, choice.start)}
        self.chosen[sid] = choice
        return delta

    def _lift(self, sid: str) -> int:
        choice = self.chosen.pop(sid)
        for hard in self.hard:
            hard.lift(sid, choice)
        delta = 0
        for tally in self.tallies:
            delta += tally.lift(sid, choice)
        for cell in self.cells[(sid, choice.start)]:
            self.content[cell.slot] = self.content[cell.slot] - {(sid, choice.start)}
        return delta

    def steps(self, moves: list[tuple[str, Choice]]) -> list[Step]:
        """Each session of ``moves`` with the cells it leaves and the cells it takes."""
        cells, chosen = self.cells, self.chosen
        return [
            (sid, cells[(sid, chosen[sid].start)], cells[(sid, new.start)]) for sid, new in moves
        ]

    def allows(self, moves: list[tuple[str, Choice]]) -> bool:
        """Read-only: every hard rule holds after the moves (each session of ``moves`` leaves
        its place for the new one)."""
        steps = self.steps(moves)
        return all(hard.allows(steps) for hard in self.hard)

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
        tallied = sum(tally.total() for tally in self.tallies)
        return tallied + sum(self.slot_cost(t) for t in range(len(self.slots)))

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
        if not self.allows(moves):
            return None
        old = [(sid, self.chosen[sid]) for sid, _ in moves]
        touched = {cell.slot for sid, choice in old for cell in self.cells[(sid, choice.start)]}
        delta = sum(self._lift(sid) for sid, _ in moves)
        delta += sum(self._place(sid, new) for sid, new in moves)
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
        cells, chosen = self.cells, self.chosen
        sid, new = moves[0]
        steps = [(sid, cells[(sid, chosen[sid].start)], cells[(sid, new.start)])]
        if len(moves) == 2:
            other, back = moves[1]
            steps.append((other, cells[(other, chosen[other].start)], cells[(other, back.start)]))
        for hard in self.hard:
            if not hard.allows(steps):
                return None
        delta = 0
        for tally in self.tallies:
            delta += tally.shift(steps)
        a, b = steps[0][1][0].slot, steps[0][2][0].slot
        if len(moves) == 1:
            cost_a = self.slot_cost(a, self.content[a] - {(sid, self.chosen[sid].start)})
            cost_b = self.slot_cost(b, self.content[b] | {(sid, new.start)})
        else:
            other, back = moves[1]
            cost_a = self.slot_cost(
                a, self.content[a] - {(sid, self.chosen[sid].start)} | {(other, back.start)}
            )
            cost_b = self.slot_cost(
                b, self.content[b] - {(other, self.chosen[other].start)} | {(sid, new.start)}
            )
        delta += cost_a - self.cost_at[a] + cost_b - self.cost_at[b]
        return delta, [(a, cost_a), (b, cost_b)]

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
    """Iterations for ``micros`` µs of the budget: a move costs more the more voter groups
    a session touches and the more sessions share a slot (sized on the presets as
    ≈ 1 µs + 0.04 µs per group + 1.5 µs per session in a slot). Derived from the event
    only, so the count — and the result — is the same on every machine. Moves have since
    become dearer (2026-11-30, idle: 21, 34 and 51 µs on the opensozial, werkstatt and
    minnebar presets where this counts 10.7, 12.2 and 26.2), so annealing takes more wall
    time than its share; the runs on two cores make up about half of that."""
    groups = problem.wish_groups if problem.event.weights.conflicts else []
    voted = {sid for wanted, _ in groups for sid in wanted}
    per_session = sum(len(wanted) for wanted, _ in groups) / max(1, len(voted))
    per_slot = len(chosen) / max(1, len(problem.rooms_at))
    return round(micros / (1 + 0.04 * per_session + 1.5 * per_slot))


def _seats_at(problem: Instance, rooms: frozenset[str], top: int) -> list[int]:
    """Per level 0..top: how many of the rooms seat at least that many."""
    return [sum(1 for r in rooms if problem.room_capacity[r] >= level) for level in range(top + 1)]
