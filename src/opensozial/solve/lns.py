"""Deterministic large-neighbourhood search over the slot model.

One CP-SAT run on the whole day finds a good grid fast and then stalls: it spends its
time proving, not improving. Re-optimising a small part of the grid with everything
else fixed is what moves a barcamp grid further (swapping the sessions of two slots,
re-seating the sessions that share voters). Each round frees one neighbourhood, fixes
the rest by narrowing variable domains in place, and lets a single-worker CP-SAT run
with a small *deterministic* budget improve it, warm-started from the current grid.

Deterministic by construction: neighbourhoods come from a RNG seeded with the options'
seed, every sub-solve is single-worker with a deterministic time limit, and the loop
stops on deterministic criteria — the budget of deterministic seconds is spent, or
``patience`` rounds in a row found nothing better, or the grid reaches the proven
bound — unless the wall-clock cap (``clock.py``) comes first.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from opensozial.solve.clock import Clock
from opensozial.solve.cpsat import Key, SlotModel, fix

ROUND_BUDGET = 0.2  # deterministic seconds per sub-solve


@dataclass
class Incumbent:
    """The best grid so far: the chosen variable of each placed session, its model value,
    and the value of every model variable (a complete hint for the next solve)."""

    chosen: dict[str, Key]
    objective: int
    values: list[int]


def current(sm: SlotModel, solver: cp_model.CpSolver) -> Incumbent:
    chosen = {key[0]: key for key, var in sm.x.items() if solver.boolean_value(var)}
    return Incumbent(chosen, round(solver.objective_value), list(solver.response_proto.solution))


def hint(sm: SlotModel, best: Incumbent) -> None:
    """Hint every variable: CP-SAT repairs a partial hint only within a few conflicts,
    and on a day-sized model it then often finds no grid at all in a short budget."""
    sm.model.clear_hints()
    proto = sm.model.proto
    proto.solution_hint.vars.extend(range(len(best.values)))
    proto.solution_hint.values.extend(best.values)


class Search:
    """The neighbourhoods and the fix-solve-restore step for one slot model."""

    def __init__(self, sm: SlotModel, seed: int, clock: Clock | None = None) -> None:
        self.sm = sm
        self.clock = clock or Clock()
        self.rng = random.Random(seed)
        self.keys: dict[str, list[Key]] = defaultdict(list)
        for key in sm.x:
            self.keys[key[0]].append(key)
        self.movable = sorted(s for s in self.keys if s not in sm.problem.pinned)
        self.slots = sorted(sm.problem.rooms_at, key=sm.problem.event.slot_index.__getitem__)
        self.neighbours = _co_voters(sm)
        self.used = 0.0  # deterministic seconds of the last step

    def neighbourhood(self, round_: int, best: Incumbent) -> set[str]:
        """Alternate three shapes: all sessions of a few slots, co-voted sessions, random ones."""
        kind = round_ % 3
        unplaced = {s for s in self.movable if s not in best.chosen}
        size = min(len(self.movable), 12 + round_ % 7)
        if kind == 0 and len(self.slots) >= 2:
            picked = set(self.rng.sample(self.slots, min(len(self.slots), 2 + round_ % 2)))
            free = {
                s
                for s, key in best.chosen.items()
                if s in self.keys and set(self.sm.choice_of[key].slots) & picked
            }
        elif kind == 1 and self.movable:
            seed_session = self.rng.choice(self.movable)
            free = {seed_session, *self.neighbours.get(seed_session, [])[: size - 1]}
        else:
            free = set(self.rng.sample(self.movable, size))
        return (free | unplaced) - self.sm.problem.pinned

    def complete(self, chosen: dict[str, Key], seed: int) -> Incumbent | None:
        """The model's full solution for a given grid (None if the grid breaks a rule).

        Not cut by the wall clock: every session is fixed, so this only reads off a grid
        already found (propagation, milliseconds) — annealing that the clock stopped must
        not lose its grid for want of these milliseconds."""
        partial = Incumbent(chosen, 0, [])
        self.sm.model.clear_hints()
        solver, status = self._solve_fixed(set(), partial, 1.0, seed, clock=Clock())
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        return current(self.sm, solver)

    def step(self, free: set[str], best: Incumbent, budget: float, seed: int) -> Incumbent | None:
        """Re-optimise the free sessions; return the better grid, or None."""
        hint(self.sm, best)
        solver, status = self._solve_fixed(free, best, budget, seed)
        if (
            status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
            and round(solver.objective_value) < best.objective
        ):
            return current(self.sm, solver)
        return None

    def _solve_fixed(
        self, free: set[str], best: Incumbent, budget: float, seed: int,
        clock: Clock | None = None,
    ) -> tuple[cp_model.CpSolver, cp_model.CpSolverStatus]:
        """Solve with every session outside ``free`` fixed to its place in ``best``
        (within ``clock``'s deadline, by default the search's)."""
        clock = clock or self.clock
        fixed: list[cp_model.IntVar] = []
        for sid, keys in self.keys.items():
            if sid in free:
                continue
            for key in keys:
                fix(self.sm, self.sm.x[key], int(best.chosen.get(sid) == key))
                fixed.append(self.sm.x[key])
        try:
            solver = clock.solver(budget, seed)
            status = solver.solve(self.sm.model)
        finally:
            for var in fixed:
                fix(self.sm, var, 0, 1)
        clock.judge(solver, status)
        self.used = solver.deterministic_time
        return solver, status


def improve(
    search: Search,
    best: Incumbent,
    bound: int,
    budget: float,
    seed: int,
    patience: int,
    on_better: Callable[[Incumbent], None] | None = None,
) -> tuple[Incumbent, dict[str, int | float]]:
    """Run LNS rounds until the deterministic ``budget`` is spent, ``patience`` rounds
    bring nothing, or the bound is reached. Returns the best grid and search figures."""
    spent, rounds, stale = 0.0, 0, 0
    if budget < ROUND_BUDGET:  # less than a round: on a large day loading the model
        return best, {"lns_rounds": 0, "lns_seconds": 0.0}  # alone costs more than it finds
    while spent < budget and stale < patience and best.objective > bound:
        if search.clock.ran_out():
            break
        free = search.neighbourhood(rounds, best)
        better = search.step(free, best, min(ROUND_BUDGET, budget - spent + 0.01), seed + rounds)
        spent += search.used
        rounds += 1
        if better is None:
            stale += 1
        else:
            best, stale = better, 0
            if on_better is not None:
                on_better(best)
    return best, {"lns_rounds": rounds, "lns_seconds": round(spent, 2)}


def _co_voters(sm: SlotModel) -> dict[str, list[str]]:
    """Per session, the other sessions ordered by how many people want both (most first)."""
    shared: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for wanted, count in sm.problem.wish_groups:
        ordered = sorted(wanted)
        for a in ordered:
            for b in ordered:
                if a != b:
                    shared[a][b] += count
    return {a: sorted(others, key=lambda b: (-others[b], b)) for a, others in shared.items()}
