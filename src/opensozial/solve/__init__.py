"""Plan an event: greedy start, CP-SAT slot model, room assignment, exact score.

``solve(event)`` is the one entry point; it is pure (no printing, no clock in the
result) and deterministic: CP-SAT runs with a *deterministic* time budget and
interleaved workers, so the same event and options give the same plan on every run.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from opensozial.errors import InfeasibleError
from opensozial.errors import Problem as ProblemNote
from opensozial.model import Event
from opensozial.plan import Assignment, Metrics, Plan
from opensozial.solve.anneal import chain_length, iterations_for
from opensozial.solve.bound import conflicts_lower_bound
from opensozial.solve.cpsat import Key, SlotModel, build
from opensozial.solve.greedy import greedy
from opensozial.solve.lns import Incumbent, Search, current, hint, improve
from opensozial.solve.problem import Choice, Placed, Problem, build_problem
from opensozial.solve.reasons import why_unscheduled
from opensozial.solve.rooms import assign_rooms
from opensozial.solve.runs import best_of
from opensozial.solve.score import evaluate, weighted

DEFAULT_TIME_LIMIT = 10.0
# How the deterministic budget is shared: dropping phase, annealing, first full CP-SAT
# solve, LNS, the conflicts bound. Unspent shares are not moved around (that would need
# the clock). Annealing counts iterations, sized by the event (see anneal.iterations_for).
DROP_SHARE, ANNEAL_SHARE, INITIAL_SHARE, LNS_SHARE, BOUND_SHARE = 0.1, 0.6, 0.1, 0.1, 0.05
ANNEAL_RUNS = 4  # independent annealing runs at most (see runs.py)
RUN_CHAINS, RUN_CHAINS_MAX = 2.5, 3  # chains a run needs at least to settle, and uses at most
ROOM_SHARE = 0.05  # per group of linked slots in the room step
CERTIFY_SHARE = 0.3  # the certified conflicts bound by column generation (certify.py)
# The joint model proves small instances whose room counts the slot model only relaxes.
JOINT_PROOF_LIMIT = 3000  # session × slot × room variables


@dataclass(frozen=True)
class SolveOptions:
    time_limit: float = DEFAULT_TIME_LIMIT  # deterministic seconds of CP-SAT search
    seed: int = 0
    workers: int = 1  # >1: interleaved subsolvers (still deterministic, slower per step)
    joint: bool = False  # one variable per session × slot × room (the naive model)
    use_hint: bool = True
    # Re-planning: the last plan's placements, and the sessions that must stay put.
    previous: dict[str, Placed] | None = None
    frozen: frozenset[str] = frozenset()
    # Large-neighbourhood search after the first solve (decomposed model only), and how
    # many rounds in a row without improvement end it early (deterministic stop).
    lns: bool = True
    patience: int = 6


def _solver(options: SolveOptions, budget: float, *, presolve: bool = True, symmetry: bool = False
            ) -> cp_model.CpSolver:
    """A deterministic single-worker CP-SAT. Symmetry detection is off by default: with
    the seat-level constraints it left the LP without a usable objective bound."""
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.cp_model_presolve = presolve
    p.max_deterministic_time = max(budget, 0.05)
    p.random_seed = options.seed
    p.num_workers = max(1, options.workers)
    p.interleave_search = options.workers > 1
    p.log_search_progress = False
    p.symmetry_level = 2 if symmetry else 0
    return solver


def _read(sm: SlotModel, solver: cp_model.CpSolver) -> dict[str, tuple[Choice, str | None]]:
    return {
        key[0]: (sm.choice_of[key], key[2]) for key, var in sm.x.items() if solver.boolean_value(var)
    }


def solve(event: Event, options: SolveOptions = SolveOptions()) -> Plan:
    began = time.perf_counter()
    problem = build_problem(event, options.previous, options.frozen)
    start = greedy(problem)
    sm = build(problem, joint=options.joint)
    search = Search(sm, options.seed)
    start_keys = _keys(sm, start)
    if options.use_hint:
        picked = set(start_keys.values())
        for key, var in sm.x.items():
            sm.model.add_hint(var, key in picked)
    drop_status, first_grid, drop_bound = _drop_phase(sm, options)
    if drop_status == cp_model.INFEASIBLE:
        raise InfeasibleError(_infeasible_notes(problem))
    seed = None
    if options.use_hint:  # the greedy grid, or if it drops too much, the first phase's
        seed = search.complete(start_keys, options.seed) or (
            first_grid and search.complete(first_grid, options.seed))
    if seed is not None:
        hint(sm, seed)
    # A fresh grid: a short CP-SAT run (proves small events), then annealing and LNS. A
    # re-plan starts next to its answer (the previous grid) and CP-SAT, stopping when
    # optimal, settles it fastest; it gets the whole budget, as does the naive model.
    improving = options.lns and not options.joint and not problem.previous
    share = INITIAL_SHARE if improving else 1.0 - DROP_SHARE
    budget = options.time_limit * (share if drop_status == cp_model.OPTIMAL else 1.0)
    # A day too large to settle even its drop count in the first phase's budget skips the
    # short CP-SAT run: there it proves nothing, finds worse grids than annealing, and
    # loading the model alone takes seconds. Annealing and LNS start from the seed.
    too_large = improving and drop_status != cp_model.OPTIMAL and seed is not None
    status, solver_bound = cp_model.UNKNOWN, 0
    if not too_large:
        # Enough to prove a small event at once, and for a fresh mid-sized day's LP to give
        # the bound (werkstatt's needs about one deterministic second). Presolve is off for
        # a fresh grid: with the seat levels it left the LP without a usable bound there.
        solver = _solver(options, max(1.0 if improving else 0.5, budget), presolve=not improving)
        status = solver.solve(sm.model)
        solver_bound = math.ceil(solver.best_objective_bound - 1e-6)
    if status == cp_model.INFEASIBLE:
        raise InfeasibleError(_infeasible_notes(problem))
    engine = "joint" if options.joint else "decomposed"
    figures: dict[str, int | float] = {}
    certificate = None
    conflicts_bound = 0
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    if found or seed is not None:
        # Dropping alone costs at least the first phase's bound; on a large day that is
        # often the better of the two before the full model's LP has been solved.
        bound = max(0, drop_bound, solver_bound)
        best = current(sm, solver) if found else seed
        if seed is not None and seed.objective <= best.objective:
            best = seed  # CP-SAT may drop an equally good hint; keep the greedy grid's shape
        if improving and status != cp_model.OPTIMAL:
            # Not proven at once: anneal, then polish by LNS (small events stop above).
            best = _anneal(sm, search, seed or best, options, best)
            best, figures = improve(search, best, bound, options.time_limit * LNS_SHARE,
                                    options.seed, options.patience)
            engine += "+lns"
        # --- certified conflicts bound (issue #11; re-plans keep the cheap bound) ---
        if not problem.previous and not options.joint:
            # Imported here: numba takes half a second to import, which re-plans skip.
            from opensozial.solve.certify import certify, objective_floor

            placed_slots = {sid: sm.choice_of[key].slots for sid, key in best.chosen.items()}
            certificate = certify(problem, budget_seconds=options.time_limit * CERTIFY_SHARE,
                                  seed=options.seed, incumbent=placed_slots)
            best = _better_grid(search, problem, best, certificate.grid, options.seed)
        # --- end of issue #11 ---
        proven = status == cp_model.OPTIMAL or best.objective <= bound
        chosen = {sid: (sm.choice_of[key], key[2]) for sid, key in best.chosen.items()}
        bound_budget = max(0.5, options.time_limit * BOUND_SHARE)
        # Minimising conflicts alone, the seat levels are out of the objective, and the
        # symmetry between like slots is what proves a small day's bound (afterwork: 31, not 25).
        bound_solver = None if problem.previous else _solver(options, bound_budget, symmetry=True)
        drop_budget = drop_bound if drop_status == cp_model.OPTIMAL else None
        waiting = len(problem.choices) - len(best.chosen)
        if certificate is not None and (certificate.proven_optimal or waiting):
            # Issue #11: the certificate holds for every grid with at most ``waiting``
            # sessions left out; CP-SAT's bound only for those no costlier to drop, so it
            # is not mixed in when sessions wait (nor needed once the grid is proven).
            bound_solver = None
        conflicts_bound = conflicts_lower_bound(sm, best, bound_solver, drop_budget)
        if certificate is not None:  # issue #11
            conflicts_bound = max(conflicts_bound, certificate.bound)
            bound = max(bound, objective_floor(problem, certificate, drop_bound))
        if options.joint:
            placed = {sid: Placed(c.slots, room) for sid, (c, room) in chosen.items() if room}
        else:
            rooms = assign_rooms(problem, {sid: c for sid, (c, _) in chosen.items()},
                                 max(0.2, options.time_limit * ROOM_SHARE), options.seed)
            if rooms is None:  # rare: repair with the joint model, warm-started
                engine = "decomposed+joint-repair"
                placed = _joint_repair(problem, chosen, options)
            else:
                placed = {sid: Placed(c.slots, rooms[sid]) for sid, (c, _) in chosen.items()}
        model_value = best.objective
        if improving and proven and _objective(problem, placed) > model_value:
            # The slot model's room counts were not exact here (features, multi-slot
            # sessions); the joint model settles it when it is small enough to prove.
            # (Not for re-plans: their room moves are priced by the room step alone.)
            exact = _joint_proof(problem, placed, options)
            if exact is not None:
                placed, bound, model_value = exact
                engine = "decomposed+joint-proof"
    else:  # no solution in time: the greedy grid is still a valid plan
        placed, bound, model_value, engine, proven = start, 0, -1, "greedy", False
    raw = evaluate(problem, placed)
    if certificate is not None and raw["unscheduled"] > certificate.figures["waiting"]:
        conflicts_bound = 0  # issue #11: the proof covers no grid leaving this many waiting
    score = weighted(problem, raw)
    objective = sum(score.values())
    bound = min(bound, objective)
    optimal = proven and objective == model_value
    return Plan(
        status="optimal" if optimal else "feasible",
        bound=bound,
        objective=objective,
        assignments=[
            Assignment(s.id, placed[s.id].room, placed[s.id].slots) for s in event.sessions if s.id in placed
        ],
        unscheduled=[
            why_unscheduled(problem, placed, s.id) for s in event.sessions if s.id not in placed
        ],
        metrics=Metrics(
            conflicts=raw["conflicts"],
            overflow_seats=raw["overflow"],
            unscheduled_sessions=raw["unscheduled"],
            votes_total=sum(len(set(s.votes)) for s in event.sessions),
            track_clashes=raw["track"],
            avoid_clashes=raw["avoid"],
            wishes_unscheduled=sum(len(s.people) for s in event.sessions if s.id not in placed),
        ),
        score=score,
        solver={
            "engine": engine,
            "time_limit": options.time_limit,
            "seed": options.seed,
            **figures,
            **({"certify": certificate.figures} if certificate is not None else {}),  # issue #11
        },
        conflicts_bound=min(conflicts_bound, raw["conflicts"]),
        elapsed=time.perf_counter() - began,
    )


def _drop_phase(sm: SlotModel, options: SolveOptions) -> tuple[int, dict[str, Key], int]:
    """First settle how few (and which least-demanded) sessions must be dropped.

    Dropping dominates every other term by construction, so fixing its optimum first
    loses nothing; it keeps the large drop costs from drowning the conflict search.
    Leaves the model minimising the full objective; returns the status, the grid found
    and the proven bound on the drop cost (a bound on the whole objective too).
    """
    dropped = sum(coef * expr for coef, expr in sm.terms.get("unscheduled", []))
    first = _solver(options, max(0.2, options.time_limit * DROP_SHARE))
    sm.model.minimize(dropped)
    status = first.solve(sm.model)
    grid: dict[str, Key] = {}
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        grid = {key[0]: key for key, var in sm.x.items() if first.boolean_value(var)}
    if status == cp_model.OPTIMAL:
        sm.model.add(dropped <= round(first.objective_value))
    sm.model.minimize(sm.objective())
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    return status, grid, max(0, math.ceil(first.best_objective_bound - 1e-6)) if found else 0


def _anneal(sm: SlotModel, search: Search, seed: Incumbent, options: SolveOptions,
            incumbent: Incumbent) -> Incumbent:
    """Improve the starting grid by simulated annealing; return it if better than ``incumbent``.

    The budget goes to independent runs (see ``runs``), as many as give each at least a
    few chains, at most ``ANNEAL_RUNS``.
    """
    chosen = {sid: sm.choice_of[key] for sid, key in seed.chosen.items()}
    total = iterations_for(sm.problem, chosen, options.time_limit * ANNEAL_SHARE * 1e6)
    chain = chain_length(sm.problem, chosen)
    count = max(1, min(ANNEAL_RUNS, int(total / (RUN_CHAINS * chain))))
    count += count % 2 if 1 < count < ANNEAL_RUNS else 0  # pairs keep both cores busy (runs.py)
    length = min(total // count, int(RUN_CHAINS_MAX * chain))
    runs = [(options.seed * ANNEAL_RUNS + k, length) for k in range(count)]
    hot = max(1, sm.problem.event.weights.conflicts)  # one clash's worth, cooling to a twentieth
    grid, _ = best_of(sm.problem, chosen, runs, hot, hot / 20)
    better = search.complete({sid: (sid, c.start, None) for sid, c in grid.items()}, options.seed)
    return better if better is not None and better.objective < incumbent.objective else incumbent


def _better_grid(search: Search, problem: Problem, best: Incumbent,
                 grid: dict[str, tuple[str, ...]] | None, seed: int) -> Incumbent:
    """Issue #11: the certificate's grid (fewer conflicts), taken if the whole objective
    (seats, tracks, avoid pairs too) is lower than the incumbent's."""
    if grid is None:
        return best
    keys = {sid: (sid, next(c.start for c in problem.choices[sid] if c.slots == slots), None)
            for sid, slots in grid.items()}
    found = search.complete(keys, seed)
    return found if found is not None and found.objective < best.objective else best


def _keys(sm: SlotModel, placed: dict[str, Placed]) -> dict[str, Key]:
    """The model variables that put each session where ``placed`` has it."""
    return {
        key[0]: key for key, choice in sm.choice_of.items()
        if key[0] in placed and placed[key[0]].slots == choice.slots and key[2] in (None, placed[key[0]].room)
    }


def _objective(problem: Problem, placed: dict[str, Placed]) -> int:
    return sum(weighted(problem, evaluate(problem, placed)).values())


def _joint_proof(problem: Problem, placed: dict[str, Placed], options: SolveOptions
                 ) -> tuple[dict[str, Placed], int, int] | None:
    """Prove a small instance optimal with the joint model, warm-started from ``placed``.

    Returns the joint optimum, its bound and value, or None when the model is too large
    or the proof does not finish within the budget.
    """
    size = sum(len(c.rooms) for choices in problem.choices.values() for c in choices)
    if size > JOINT_PROOF_LIMIT:
        return None
    sm = build(problem, joint=True)
    for key, var in sm.x.items():
        before = placed.get(key[0])
        sm.model.add_hint(var, before is not None and before.slots == sm.choice_of[key].slots
                          and before.room == key[2])
    solver = _solver(options, max(0.5, options.time_limit * INITIAL_SHARE))
    if solver.solve(sm.model) != cp_model.OPTIMAL:
        return None
    exact = {sid: Placed(c.slots, room) for sid, (c, room) in _read(sm, solver).items() if room}
    value = round(solver.objective_value)
    return exact, value, value


def _joint_repair(problem: Problem, chosen: dict[str, tuple[Choice, str | None]], options: SolveOptions) -> dict[str, Placed]:
    sm = build(problem, joint=True)
    for key, var in sm.x.items():
        picked = chosen.get(key[0])
        sm.model.add_hint(var, picked is not None and picked[0].start == key[1])
    solver = _solver(options, options.time_limit)
    status = solver.solve(sm.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise InfeasibleError(_infeasible_notes(problem))
    return {sid: Placed(c.slots, room) for sid, (c, room) in _read(sm, solver).items() if room}


def _infeasible_notes(problem: Problem) -> list[ProblemNote]:
    """Name the pinned sessions that collide: per slot, those that cannot all get a room."""
    notes = []
    by_slot: dict[str, list[str]] = {}
    for sid in sorted(problem.pinned, key=list(problem.choices).index):
        for choice in problem.choices[sid]:
            for slot in choice.slots:
                by_slot.setdefault(slot, []).append(sid)
    for slot, sessions in by_slot.items():
        rooms = frozenset().union(*(c.rooms for s in sessions for c in problem.choices[s]))
        if len(sessions) > 1 and len(rooms & problem.rooms_at.get(slot, frozenset())) < len(sessions):
            notes.append(ProblemNote("infeasible_pins", {"slot": slot, "sessions": ", ".join(sessions)}))
    return notes or [ProblemNote("infeasible_general", {"sessions": ", ".join(sorted(problem.pinned))})]
