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

from opensozial.errors import InfeasibleError, Problem as ProblemNote
from opensozial.model import Event
from opensozial.plan import Assignment, Metrics, Plan, Unscheduled
from opensozial.solve.cpsat import SlotModel, build
from opensozial.solve.greedy import greedy
from opensozial.solve.problem import Choice, Placed, Problem, build_problem
from opensozial.solve.reasons import why_unscheduled
from opensozial.solve.rooms import assign_rooms
from opensozial.solve.score import evaluate, weighted

DEFAULT_TIME_LIMIT = 10.0


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


def _solver(options: SolveOptions, budget: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    p = solver.parameters
    p.max_deterministic_time = max(budget, 0.05)
    p.random_seed = options.seed
    p.num_workers = max(1, options.workers)
    p.interleave_search = options.workers > 1
    p.log_search_progress = False
    return solver


def _hint(sm: SlotModel, start: dict[str, Placed]) -> None:
    for key, var in sm.x.items():
        sid, _, room = key
        place = start.get(sid)
        chosen = place is not None and place.slots == sm.choice_of[key].slots and room in (None, place.room)
        sm.model.add_hint(var, chosen)


def _read(sm: SlotModel, solver: cp_model.CpSolver) -> dict[str, tuple[Choice, str | None]]:
    return {
        key[0]: (sm.choice_of[key], key[2]) for key, var in sm.x.items() if solver.boolean_value(var)
    }


def solve(event: Event, options: SolveOptions = SolveOptions()) -> Plan:
    began = time.perf_counter()
    problem = build_problem(event, options.previous, options.frozen)
    start = greedy(problem)
    sm = build(problem, joint=options.joint)
    if options.use_hint:
        _hint(sm, start)
    status, solver = _solve_lexicographic(sm, options)
    if status == cp_model.INFEASIBLE:
        raise InfeasibleError(_infeasible_notes(problem))
    engine = "joint" if options.joint else "decomposed"
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        chosen = _read(sm, solver)
        if options.joint:
            placed = {sid: Placed(c.slots, room) for sid, (c, room) in chosen.items() if room}
        else:
            rooms = assign_rooms(problem, {sid: c for sid, (c, _) in chosen.items()}, 5.0, options.seed)
            if rooms is None:  # rare: repair with the joint model, warm-started
                engine = "decomposed+joint-repair"
                placed = _joint_repair(problem, chosen, options)
            else:
                placed = {sid: Placed(c.slots, rooms[sid]) for sid, (c, _) in chosen.items()}
        bound = math.ceil(solver.best_objective_bound - 1e-6)
        model_value = round(solver.objective_value)
    else:  # no solution in time: the greedy grid is still a valid plan
        placed, bound, model_value, engine = start, 0, -1, "greedy"
    raw = evaluate(problem, placed)
    score = weighted(problem, raw)
    objective = sum(score.values())
    bound = min(bound, objective)
    optimal = status == cp_model.OPTIMAL and objective == model_value
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
        },
        elapsed=time.perf_counter() - began,
    )


def _solve_lexicographic(sm: SlotModel, options: SolveOptions) -> tuple[int, cp_model.CpSolver]:
    """First settle how few (and which least-demanded) sessions must be dropped, then the rest.

    Dropping dominates every other term by construction, so fixing its optimum first
    loses nothing; it keeps the large drop costs from drowning the conflict search.
    """
    dropped = sum(coef * expr for coef, expr in sm.terms.get("unscheduled", []))
    first = _solver(options, max(0.2, options.time_limit * 0.1))
    sm.model.minimize(dropped)
    status = first.solve(sm.model)
    if status == cp_model.OPTIMAL:
        sm.model.add(dropped <= round(first.objective_value))
    elif status == cp_model.INFEASIBLE:
        return status, first
    sm.model.minimize(sm.objective())
    solver = _solver(options, options.time_limit * (0.9 if status == cp_model.OPTIMAL else 1.0))
    return solver.solve(sm.model), solver


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
