"""Simulated annealing over start slots: many cheap moves where CP-SAT makes few dear ones.

On a day-sized model every CP-SAT call pays for loading thousands of voter-group
constraints, so it tries a few hundred grids a minute. This search tries hundreds of
thousands: it moves one session to another start, or swaps two one-slot sessions, and
prices the change incrementally (per voter group and slot, a count of wanted sessions).
It optimises exactly the slot model's objective (conflicts, seat levels, tracks, avoid
pairs, re-planning moves) under the slot model's hard rules (hosts, room counts per
room set), with the set of dropped sessions fixed, so its grid is a valid hint for
CP-SAT, which then proves the bound and polishes.

Deterministic: a RNG seeded from the options, a fixed number of iterations.
"""

from __future__ import annotations

import math
import random
from collections import Counter, defaultdict

from opensozial.solve.cpsat import unions
from opensozial.solve.problem import Choice, Problem


class Annealer:
    def __init__(self, problem: Problem, chosen: dict[str, Choice], seed: int) -> None:
        self.p = problem
        self.rng = random.Random(seed)
        w = problem.event.weights
        self.slots = list(problem.rooms_at)
        self.u = {slot: i for i, slot in enumerate(self.slots)}
        self.chosen = dict(chosen)
        # Conflicts: wanted-session counts per voter group and slot.
        # Plain lists: a session touches a few dozen groups, where Python beats numpy's
        # per-call overhead.
        groups = problem.wish_groups if w.conflicts else []
        self.gw = [w.conflicts * count for _, count in groups]
        self.groups_of: dict[str, list[int]] = defaultdict(list)
        for g, (wanted, _) in enumerate(groups):
            for sid in wanted:
                self.groups_of[sid].append(g)
        self.n = [[0] * len(groups) for _ in self.slots]  # per slot, per group
        # Per slot: sessions there, seats (descending), room-set unions (Hall's condition).
        self.at: dict[str, set[str]] = {slot: set() for slot in self.slots}
        self.caps = {slot: sorted((problem.room_capacity[r] for r in rooms), reverse=True)
                     for slot, rooms in problem.rooms_at.items()}
        self.unions = {
            slot: unions({c.rooms & open_ for cs in problem.choices.values() for c in cs if slot in c.slots})
            for slot, open_ in problem.rooms_at.items()
        }
        self.host_of = {sid: [h for h, ss in problem.hosts.items() if sid in ss] for sid in problem.choices}
        self.busy: Counter[tuple[str, str]] = Counter()
        self.track_of = {s: t for t, ss in problem.tracks.items() for s in ss}
        self.avoid: dict[str, set[str]] = defaultdict(set)
        for a, b in problem.avoid_pairs:
            self.avoid[a].add(b)
            self.avoid[b].add(a)
        for sid, choice in self.chosen.items():
            self._place(sid, choice)
        self.cost_at = {slot: self.slot_cost(slot) for slot in self.slots}  # kept current
        self.movable = sorted(
            s for s in self.chosen if s not in problem.pinned and len(problem.choices[s]) > 1)
        self.single = [s for s in self.movable if problem.length[s] == 1]

    # -- state changes, each returning its change of conflict cost -----------------------
    def _place(self, sid: str, choice: Choice) -> int:
        delta = 0
        gs, gw = self.groups_of.get(sid, ()), self.gw
        for slot in choice.slots:
            counts = self.n[self.u[slot]]
            for g in gs:
                if counts[g]:
                    delta += gw[g]
                counts[g] += 1
            self.at[slot].add(sid)
            for h in self.host_of[sid]:
                self.busy[(h, slot)] += 1
        self.chosen[sid] = choice
        return delta

    def _lift(self, sid: str) -> int:
        delta = 0
        choice = self.chosen.pop(sid)
        gs, gw = self.groups_of.get(sid, ()), self.gw
        for slot in choice.slots:
            counts = self.n[self.u[slot]]
            for g in gs:
                counts[g] -= 1
                if counts[g]:
                    delta -= gw[g]
            self.at[slot].discard(sid)
            for h in self.host_of[sid]:
                self.busy[(h, slot)] -= 1
        return delta

    # -- the other terms and the hard rules, per slot ------------------------------------
    def slot_cost(self, slot: str) -> int:
        """Seat levels, track and avoid clashes, moves: the slot model's terms for one slot."""
        w, p = self.p.event.weights, self.p
        here = self.at[slot]
        cost = 0
        if w.overflow:
            demands = sorted((p.demand[s] for s in here), reverse=True)
            caps = self.caps[slot]
            cost += w.overflow * sum(max(0, d - c) for d, c in zip(demands, caps))
            cost += w.overflow * sum(demands[len(caps):])
        if self.track_of and w.track:
            tracks = Counter(self.track_of[s] for s in here if s in self.track_of)
            cost += w.track * sum(n - 1 for n in tracks.values() if n > 1)
        if self.avoid and w.avoid:
            cost += w.avoid * (sum(len(self.avoid[s] & here) for s in here) // 2)
        if p.previous and w.move_slot:
            cost += w.move_slot * sum(
                1 for s in here if s in p.previous and s not in p.frozen
                and self.chosen[s].slots[0] == slot and self.chosen[s].slots != p.previous[s].slots)
        return cost

    def feasible(self, slot: str) -> bool:
        here = self.at[slot]
        open_ = self.p.rooms_at[slot]
        sets = [self.chosen[s].rooms & open_ for s in here]
        if any(not rs for rs in sets):
            return False
        for union in self.unions[slot]:
            if sum(1 for rs in sets if rs <= union) > len(union):
                return False
        return all(self.busy[(h, slot)] <= 1 for s in here for h in self.host_of[s])

    def total(self) -> int:
        conflicts = sum(w * (c - 1) for counts in self.n for w, c in zip(self.gw, counts) if c > 1)
        return conflicts + sum(self.slot_cost(slot) for slot in self.slots)

    # -- the search ---------------------------------------------------------------------
    def _try(self, moves: list[tuple[str, Choice]], temperature: float) -> int | None:
        """Apply moves; keep them if feasible and accepted; return the cost change or None."""
        touched = sorted({slot for sid, new in moves for slot in (*self.chosen[sid].slots, *new.slots)})
        old = [(sid, self.chosen[sid]) for sid, _ in moves]
        delta = sum(self._lift(sid) for sid, _ in moves)
        delta += sum(self._place(sid, new) for sid, new in moves)
        if all(self.feasible(slot) for slot in touched):
            after = {slot: self.slot_cost(slot) for slot in touched}
            delta += sum(after[slot] - self.cost_at[slot] for slot in touched)
            if delta <= 0 or self.rng.random() < math.exp(-delta / temperature):
                self.cost_at.update(after)
                return delta
        for sid, _ in moves:
            self._lift(sid)
        for sid, choice in old:
            self._place(sid, choice)
        return None

    def iterations_for(self, micros: float) -> int:
        """Iterations that take about ``micros`` µs here: a move costs more the more voter
        groups a session touches (measured: ≈ 12 µs + 0.25 µs per group). Derived from the
        event only, so the count — and the result — is the same on every machine."""
        groups = sum(len(g) for g in self.groups_of.values()) / max(1, len(self.groups_of))
        return round(micros / (12 + 0.25 * groups))

    def run(self, iterations: int, hot: float, cold: float, chain: int | None = None, patience: int = 3
            ) -> tuple[dict[str, Choice], int]:
        """Anneal in chains, each restarting hot from the best grid.

        A chain gives every movable session a few hundred tries (10k–100k iterations), so a
        small day restarts often and a large one cools slowly. The search stops early after
        ``patience`` chains in a row without a better grid: counted in iterations, not
        seconds, so the early stop is as deterministic as the rest.
        """
        chain = chain or min(100_000, max(10_000, 400 * len(self.movable)))
        best, best_cost = dict(self.chosen), self.total()
        done = stale = 0
        while done < iterations and self.movable and stale < patience:
            length = min(chain, iterations - done)
            if self.chosen != best:
                for sid in list(self.chosen):
                    self._lift(sid)
                for sid, choice in best.items():
                    self._place(sid, choice)
                self.cost_at = {slot: self.slot_cost(slot) for slot in self.slots}
            grid, cost = self._chain(length, hot, cold, best_cost)
            done += length
            if cost < best_cost:
                best, best_cost, stale = grid, cost, 0
            else:
                stale += 1
        return best, best_cost

    def _chain(self, iterations: int, hot: float, cold: float, cost: int) -> tuple[dict[str, Choice], int]:
        best, best_cost = dict(self.chosen), cost
        ratio = (cold / hot) ** (1 / max(1, iterations))
        temperature = hot
        for _ in range(iterations):
            temperature *= ratio
            sid = self.rng.choice(self.movable)
            current = self.chosen[sid]
            if self.p.length[sid] == 1 and self.single and self.rng.random() < 0.6:
                other = self.rng.choice(self.single)
                mine, theirs = current, self.chosen[other]
                if other == sid or mine.slots == theirs.slots:
                    continue
                swap_mine = _at_start(self.p, sid, theirs.start)
                swap_theirs = _at_start(self.p, other, mine.start)
                if swap_mine is None or swap_theirs is None:
                    continue
                moves = [(sid, swap_mine), (other, swap_theirs)]
            else:
                new = self.rng.choice(self.p.choices[sid])
                if new.start == current.start:
                    continue
                moves = [(sid, new)]
            delta = self._try(moves, temperature)
            if delta is not None:
                cost += delta
                if cost < best_cost:
                    best, best_cost = dict(self.chosen), cost
        return best, best_cost


def _at_start(problem: Problem, sid: str, start: int) -> Choice | None:
    return next((c for c in problem.choices[sid] if c.start == start), None)
