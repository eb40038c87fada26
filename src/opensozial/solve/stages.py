"""``solve()``: the named stages from an event to a plan, in the order they run.

1. **start** – the solver's view of the event, a greedy grid, the slot model.
2. **drops** – settle which sessions must wait (``drops.py``): the order's first keys.
3. **cpsat** – a short CP-SAT run on the full objective: proves small events, gives the
   bound. A day too large to settle its drops in the budget skips it.
4. **prove** – a fresh grid's conflicts bound by column generation (``certify.py``):
   first, so that a wall clock running out cuts the grid's search, not the proof.
5. **anneal**, **lns** – improve a fresh grid that is not proven yet.
   **certify** – the proof's columns may give a better grid still.
6. **rooms** – rooms for the chosen slots; a joint model repairs or proves where the
   slot model's room counts were not exact.
7. **bound** – the conflicts bound; then the plan, scored exactly.

Every stage shares the one budget as ``Tuning`` says, stops at the wall-clock cap
(``clock.py``) and tells ``on_progress`` where it is; none of that changes the plan.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

from opensozial.errors import InfeasibleError, Problem
from opensozial.model import Event
from opensozial.plan import Assignment, Metrics, Placed, Plan
from opensozial.solve.anneal import chain_length, iterations_for
from opensozial.solve.bound import conflicts_lower_bound, counting_bound
from opensozial.solve.clock import Clock
from opensozial.solve.cpsat import Key, SlotModel, proven_bound
from opensozial.solve.drops import Drops, restrict, settle
from opensozial.solve.greedy import greedy
from opensozial.solve.lns import Incumbent, Search, current, hint, improve
from opensozial.solve.options import SolveOptions
from opensozial.solve.problem import Choice, Instance, build_instance
from opensozial.solve.progress import Progress
from opensozial.solve.reasons import why_unscheduled
from opensozial.solve.rooms import assign_rooms
from opensozial.solve.rules import build, conflicts_of
from opensozial.solve.runs import best_of
from opensozial.solve.score import evaluate, weighted

if TYPE_CHECKING:  # certify.py loads numba: only fresh plans import it (in ``certify``)
    from opensozial.solve.certify import Certificate, Proof


def solve(event: Event, options: SolveOptions | None = None) -> Plan:
    """Plan ``event``: pure (no printing) and, unless the wall clock cuts it, deterministic."""
    began = time.perf_counter()
    run = Stages(event, options or SolveOptions())
    run.settle_drops()
    run.first_cpsat()
    run.prove()
    run.improve()
    run.certify()
    placed = run.rooms()
    return run.plan(placed, time.perf_counter() - began)


@dataclass
class Stages:
    """One solve's state, passed from stage to stage."""

    event: Event
    options: SolveOptions
    clock: Clock = field(init=False)
    instance: Instance = field(init=False)
    start: dict[str, Placed] = field(init=False)  # the greedy grid
    sm: SlotModel = field(init=False)
    search: Search = field(init=False)
    drops: Drops = field(init=False)
    tier_proven: bool = False  # who waits is proven (the order's steps 1–2)
    best: Incumbent | None = None
    status: cp_model.CpSolverStatus = cp_model.UNKNOWN  # of the first full CP-SAT run
    bound: int = 0  # proven lower bound on the objective of the order's best grid
    engine: str = ""
    figures: dict[str, int | float] = field(default_factory=dict)
    proof: Proof | None = None
    certificate: Certificate | None = None
    overtaken: Incumbent | None = None  # the grid the certificate's replaced (see ``rooms``)

    def __post_init__(self) -> None:
        wall = self.options.wall_limit
        self.clock = Clock(self.options.time_limit if wall is None else wall)
        self.instance = build_instance(self.event, self.options.previous, self.options.frozen)
        self.start = greedy(self.instance)
        self.sm = build(self.instance, joint=self.options.joint)
        self.search = Search(self.sm, self.options.seed, self.clock)
        self.engine = "joint" if self.options.joint else "decomposed"
        if self.options.use_hint:
            picked = set(_keys(self.sm, self.start).values())
            for key, var in self.sm.x.items():
                self.sm.model.add_hint(var, key in picked)

    @property
    def improving(self) -> bool:
        """A fresh grid on the slot model: annealing and LNS follow the first CP-SAT run.
        A re-plan starts next to its answer (the previous grid) and CP-SAT, stopping when
        optimal, settles it fastest; it gets the whole budget, as does the naive model."""
        return self.options.lns and not self.options.joint and not self.instance.previous

    def report(self, stage: str, best: Incumbent | None = None) -> None:
        if self.options.on_progress is None:
            return
        best = best or self.best
        conflicts = None if best is None else conflicts_of(self.instance, self._slots(best))
        self.options.on_progress(
            Progress(stage, conflicts, None if best is None else best.objective)
        )

    # -- stage 2 -------------------------------------------------------------------------
    def settle_drops(self) -> None:
        self.report("drops")
        tuning = self.options.tuning
        solver = _solver(self.options, self.clock, max(0.2, self.options.time_limit * tuning.drops))
        status, self.drops = settle(self.sm, solver)
        self.clock.judge(solver, status)
        if status == cp_model.INFEASIBLE:
            raise InfeasibleError(_infeasible_notes(self.instance))
        restrict(self.sm, self.drops)
        self.tier_proven = self.drops.proven
        self.bound = self.drops.cost_bound
        if self.options.use_hint:  # the greedy grid, or if it drops too much, this stage's
            start = _keys(self.sm, self.start)
            self.best = (
                self.search.complete(start, self.options.seed)
                or (self.drops.found and self.search.complete(self.drops.grid, self.options.seed))
                or None
            )
        if self.best is not None:
            hint(self.sm, self.best)

    # -- stage 3 -------------------------------------------------------------------------
    def first_cpsat(self) -> None:
        # A day too large to settle even its drops in their share skips this run: there it
        # proves nothing, finds worse grids than annealing, and loading the model alone
        # takes seconds. Annealing and LNS start from the seed.
        if self.improving and not self.drops.proven and self.best is not None:
            return
        self.report("cpsat")
        tuning, limit = self.options.tuning, self.options.time_limit
        share = tuning.cpsat if self.improving else 1.0 - tuning.drops
        budget = limit * (share if self.drops.proven else 1.0)
        # Enough to prove a small event at once, and for a fresh mid-sized day's LP to give
        # the bound. Presolve is off for a fresh grid: with the seat levels it left the LP
        # without a usable bound there.
        least = tuning.cpsat_min if self.improving else tuning.cpsat_min / 2
        solver = _solver(self.options, self.clock, max(least, budget), presolve=not self.improving)
        self.status = solver.solve(self.sm.model)
        self.clock.judge(solver, self.status)
        if self.status == cp_model.INFEASIBLE:
            raise InfeasibleError(_infeasible_notes(self.instance))
        self.bound = max(self.bound, proven_bound(solver))
        if self.status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            found = current(self.sm, solver)
            # CP-SAT may drop an equally good hint; keep the greedy grid's shape then.
            if self.best is None or found.objective < self.best.objective:
                self.best = found
        self.report("cpsat")

    # -- stage 4 -------------------------------------------------------------------------
    def improve(self) -> None:
        if self.best is None or not self.improving or self.status == cp_model.OPTIMAL:
            return
        self.report("anneal")
        self.best = self._anneal(self.best)
        self.report("lns")
        tuning = self.options.tuning
        self.best, self.figures = improve(
            self.search,
            self.best,
            self.bound,
            self.options.time_limit * tuning.lns,
            self.options.seed,
            tuning.lns_patience,
            lambda better: self.report("lns", better),
        )
        self.engine += "+lns"

    def _anneal(self, seed: Incumbent) -> Incumbent:
        """Improve ``seed`` by simulated annealing; return it if nothing better is found.

        The budget goes to independent runs (see ``runs``), as many as give each at least
        a few chains, at most ``tuning.anneal_runs``.
        """
        tuning, instance = self.options.tuning, self.instance
        chosen = {sid: self.sm.choice_of[key] for sid, key in seed.chosen.items()}
        total = iterations_for(instance, chosen, self.options.time_limit * tuning.anneal * 1e6)
        chain = chain_length(instance, chosen)
        count = max(1, min(tuning.anneal_runs, int(total / (tuning.run_chains * chain))))
        length = min(total // count, int(tuning.run_chains_max * chain))
        runs = [(self.options.seed * tuning.anneal_runs + k, length) for k in range(count)]
        hot = max(1, instance.event.weights.conflicts)  # one clash's worth, cooling to a twentieth
        grid, _, cut = best_of(instance, chosen, runs, hot, hot / 20, self.clock.deadline)
        self.clock.decided |= cut
        keys: dict[str, Key] = {sid: (sid, c.start, None) for sid, c in grid.items()}
        better = self.search.complete(keys, self.options.seed)
        return better if better is not None and better.objective < seed.objective else seed

    def prove(self) -> None:
        """Prove how close a fresh grid's conflicts can come to the fewest possible, before
        the grid is improved: the bound holds for every grid, so it need not wait for the
        last one, and a wall clock running out then cuts the search for a better grid
        rather than the proof (werkstatt at the defaults on this machine: the annealing
        used the whole 10 s, and the plan proved 124 where the certificate proves 232).
        Re-plans keep the cheap bound: they must answer within a second."""
        if self.best is None or self.options.joint or self.instance.previous:
            return
        if self.clock.ran_out():
            return
        from opensozial.solve.certify import objective_floor, prove  # numba: fresh plans only

        self.report("prove")
        self.proof = prove(
            self.instance,
            budget_seconds=self.options.time_limit * self.options.tuning.certify,
            incumbent=self._slots(self.best),
            clock=self.clock,
        )
        self.certificate = self.proof.certificate
        self.bound = max(self.bound, objective_floor(
            self.instance, self.certificate, self.drops.cost_bound))

    def certify(self) -> None:
        """Look among the proof's columns for a better grid (``Proof.grids``) and take it
        where its whole score is lower."""
        if self.proof is None or self.best is None or self.clock.ran_out():
            return
        self.report("certify")
        self.certificate = self.proof.grids(self._slots(self.best), self.options.seed, self.clock)
        grid = self.certificate.grid
        if grid is not None:
            keys: dict[str, Key] = {
                sid: (sid, next(c.start for c in self.instance.choices[sid] if c.slots == slots),
                      None)
                for sid, slots in grid.items()
            }
            found = self.search.complete(keys, self.options.seed)
            if found is not None and found.objective >= self.best.objective:
                # The columns weigh conflicts alone; around their grid, LNS weighs the
                # rest too (seats, tracks), and often ends below the incumbent.
                tuning = self.options.tuning
                found, _ = improve(self.search, found, self.bound,
                                   self.options.time_limit * tuning.lns, self.options.seed,
                                   tuning.lns_patience)
            if found is not None and found.objective < self.best.objective:
                self.overtaken, self.best = self.best, found
                self.report("certify")

    # -- stage 5 -------------------------------------------------------------------------
    def rooms(self) -> dict[str, Placed]:
        """Rooms for the best grid; the greedy grid when no grid was found in time."""
        if self.best is None:
            self.engine = "greedy"
            return self.start
        self.report("rooms")
        chosen = {sid: (self.sm.choice_of[key], key[2]) for sid, key in self.best.chosen.items()}
        if self.options.joint:
            return {sid: Placed(c.slots, room) for sid, (c, room) in chosen.items() if room}
        placed = self._with_rooms(self.best)
        if self.overtaken is not None:
            # The certificate's grid won on the slot model's seat count, which is not
            # always exact: with rooms assigned, the grid it replaced may still be better.
            before = self._with_rooms(self.overtaken)
            if before is not None and (placed is None or _objective(self.instance, before)
                                       < _objective(self.instance, placed)):
                self.best, placed = self.overtaken, before
        if placed is None:  # rare: the slot model's room counts were not enough; repair
            return self._joint(
                {sid: (c.slots, None) for sid, (c, _) in chosen.items()}, repair=True
            )
        if (
            self.improving
            and self.proven
            and _objective(self.instance, placed) > self.best.objective
        ):
            # The slot model's room counts were not exact here (features, multi-slot
            # sessions); the joint model settles it when it is small enough to prove.
            # (Not for re-plans: their room moves are priced by the room step alone.)
            size = sum(len(c.rooms) for cs in self.instance.choices.values() for c in cs)
            if size <= self.options.tuning.joint_proof_limit:
                hints: dict[str, tuple[tuple[str, ...], str | None]] = {
                    sid: (p.slots, p.room) for sid, p in placed.items()
                }
                return self._joint(hints, repair=False) or placed
        return placed

    def _with_rooms(self, grid: Incumbent) -> dict[str, Placed] | None:
        """``grid`` with the room step's rooms; None when its room counts do not fit."""
        chosen = {sid: self.sm.choice_of[key] for sid, key in grid.chosen.items()}
        rooms = assign_rooms(
            self.instance,
            chosen,
            max(0.2, self.options.time_limit * self.options.tuning.rooms),
            self.options.seed,
            self.clock,
        )
        if rooms is None:
            return None
        return {sid: Placed(c.slots, rooms[sid]) for sid, c in chosen.items()}

    @property
    def proven(self) -> bool:
        """The best grid is the order's best grid in the slot model."""
        return (
            self.best is not None
            and self.tier_proven
            and (self.status == cp_model.OPTIMAL or self.best.objective <= self.bound)
        )

    def _joint(
        self, hints: dict[str, tuple[tuple[str, ...], str | None]], *, repair: bool
    ) -> dict[str, Placed]:
        """The joint model, warm-started from ``hints`` (slots, room or None), with its
        own drop step.

        ``repair``: the room step found no rooms; the joint grid (or, if none in time, the
        greedy one) is the plan. Otherwise a proof: the joint optimum replaces the plan
        only if proven; {} if not.
        """
        sm = build(self.instance, joint=True)
        for key, var in sm.x.items():
            slots, room = hints.get(key[0], ((), None))
            sm.model.add_hint(var, slots == sm.choice_of[key].slots and room in (None, key[2]))
        limit, tuning = self.options.time_limit, self.options.tuning
        budget = limit if repair else max(0.5, limit * tuning.cpsat)
        first = _solver(self.options, self.clock, max(0.2, limit * tuning.drops))
        status, drops = settle(sm, first)
        self.clock.judge(first, status)
        if status == cp_model.INFEASIBLE:
            raise InfeasibleError(_infeasible_notes(self.instance))
        restrict(sm, drops)
        solver = _solver(self.options, self.clock, budget)
        status = solver.solve(sm.model)
        self.clock.judge(solver, status)
        if status == cp_model.INFEASIBLE:
            raise InfeasibleError(_infeasible_notes(self.instance))
        placed = {
            sid: Placed(c.slots, room) for sid, (c, room) in _read(sm, solver).items() if room
        }
        if repair:
            self.engine = "decomposed+joint-repair"
            # The slot model's drop limit stays (the conflicts bound checks against it);
            # the joint model's drop step decides what is proven now.
            self.tier_proven, self.status = drops.proven, status
            self.bound = max(drops.cost_bound, proven_bound(solver))
            if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                return self.start
            if self.best is not None:
                self.best = Incumbent(
                    self.best.chosen, round(solver.objective_value), self.best.values
                )
            return placed
        if status != cp_model.OPTIMAL or not drops.proven:
            return {}
        self.engine = "decomposed+joint-proof"
        self.bound = round(solver.objective_value)
        if self.best is not None:
            self.best = Incumbent(self.best.chosen, self.bound, self.best.values)
        return placed

    # -- stage 6 -------------------------------------------------------------------------
    def plan(self, placed: dict[str, Placed], elapsed: float) -> Plan:
        instance, event = self.instance, self.event
        raw = evaluate(instance, placed)
        score = weighted(instance, raw)
        objective = sum(score.values())
        optimal = self.proven and self.best is not None and objective == self.best.objective
        self.report("bound")
        conflicts_bound = self._conflicts_bound(raw["unscheduled"])
        return Plan(
            status="optimal" if optimal else "feasible",
            bound=self.bound,
            objective=objective,
            assignments=[
                Assignment(s.id, placed[s.id].room, placed[s.id].slots)
                for s in event.sessions
                if s.id in placed
            ],
            unscheduled=[
                why_unscheduled(instance, placed, s.id)
                for s in event.sessions
                if s.id not in placed
            ],
            metrics=Metrics(
                conflicts=raw["conflicts"],
                overflow_seats=raw["overflow"],
                unscheduled_sessions=raw["unscheduled"],
                votes_total=sum(len(set(s.votes)) for s in event.sessions),
                track_clashes=raw["track"],
                avoid_clashes=raw["avoid"],
                wishes_unscheduled=sum(len(s.people) for s in event.sessions if s.id not in placed),
                room_changes=raw["room_change"],
            ),
            score=score,
            solver={
                "engine": self.engine,
                "time_limit": self.options.time_limit,
                "seed": self.options.seed,
                **self.figures,
                **({"certify": self.certificate.figures} if self.certificate else {}),
                "stopped_by": self.clock.stopped_by,
            },
            conflicts_bound=conflicts_bound,
            elapsed=elapsed,
        )

    def _conflicts_bound(self, dropped: int) -> int:
        """At least this many conflicts in every grid that drops no more sessions than
        needed (``bound.py``), and the certificate's bound where it covers as many waiting."""
        certified = self.certificate
        if certified is not None and dropped <= certified.figures["waiting"]:
            if certified.proven_optimal:  # nothing CP-SAT could add
                return certified.bound
            return max(certified.bound, self._solver_bound(dropped))
        return self._solver_bound(dropped)

    def _solver_bound(self, dropped: int) -> int:
        if self.best is None:
            return counting_bound(self.instance, dropped) if self.event.weights.conflicts else 0
        budget = max(0.5, self.options.time_limit * self.options.tuning.bound)
        # Minimising conflicts alone, the seat levels are out of the objective, and the
        # symmetry between like slots is what proves a small day's bound (afterwork: 31, not 25).
        solver = (
            None
            if self.instance.previous
            else _solver(self.options, self.clock, budget, symmetry=True)
        )
        return conflicts_lower_bound(self.sm, self.best, solver, dropped, self.drops.most)

    def _slots(self, best: Incumbent) -> dict[str, tuple[str, ...]]:
        return {sid: self.sm.choice_of[key].slots for sid, key in best.chosen.items()}


def _solver(
    options: SolveOptions,
    clock: Clock,
    budget: float,
    *,
    presolve: bool = True,
    symmetry: bool = False,
) -> cp_model.CpSolver:
    """The clock's CP-SAT with the options' workers. Symmetry detection is off by default:
    with the seat-level constraints it left the LP without a usable
    objective bound."""
    solver = clock.solver(max(budget, 0.05), options.seed)
    p = solver.parameters
    p.cp_model_presolve = presolve
    p.num_workers = max(1, options.workers)
    p.interleave_search = options.workers > 1
    p.symmetry_level = 2 if symmetry else 0
    return solver


def _read(sm: SlotModel, solver: cp_model.CpSolver) -> dict[str, tuple[Choice, str | None]]:
    return {
        key[0]: (sm.choice_of[key], key[2])
        for key, var in sm.x.items()
        if solver.boolean_value(var)
    }


def _keys(sm: SlotModel, placed: dict[str, Placed]) -> dict[str, Key]:
    """The model variables that put each session where ``placed`` has it."""
    return {
        key[0]: key
        for key, choice in sm.choice_of.items()
        if key[0] in placed
        and placed[key[0]].slots == choice.slots
        and key[2] in (None, placed[key[0]].room)
    }


def _objective(instance: Instance, placed: dict[str, Placed]) -> int:
    return sum(weighted(instance, evaluate(instance, placed)).values())


def _infeasible_notes(instance: Instance) -> list[Problem]:
    """Name the pinned sessions that collide: per slot, those that cannot all get a room."""
    notes = []
    by_slot: dict[str, list[str]] = {}
    for sid in sorted(instance.pinned, key=list(instance.choices).index):
        for choice in instance.choices[sid]:
            for slot in choice.slots:
                by_slot.setdefault(slot, []).append(sid)
    for slot, sessions in by_slot.items():
        rooms = frozenset().union(*(c.rooms for s in sessions for c in instance.choices[s]))
        if len(sessions) > 1 and len(rooms & instance.rooms_at.get(slot, frozenset())) < len(
            sessions
        ):
            notes.append(
                Problem("infeasible_pins", {"slot": slot, "sessions": ", ".join(sessions)})
            )
    return notes or [
        Problem("infeasible_general", {"sessions": ", ".join(sorted(instance.pinned))})
    ]
