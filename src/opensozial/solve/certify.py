"""A certified lower bound on conflicts, by Dantzig–Wolfe column generation.

The slot problem decomposes: in every slot some *configuration* runs — a set of items
(sessions, or pieces of multi-slot sessions) that fit the slot's rooms, at most one per
session and host. The master LP picks one configuration per slot (λ ≥ 0, Σ λ = 1 per
slot), covers every session once (or lets it wait, at most ``waiting`` sessions in all),
keeps the pieces of a multi-slot session in consecutive slots, and minimises the
configurations' conflicts. GLOP solves it over the columns found so far and gives duals;
the exact pricer (:mod:`opensozial.solve.pricing`) finds each slot's configurations of
least reduced cost.

Why the bound is true at every iteration: for any duals y of the covering and linking
rows, the Lagrangian L(y) = Σ y_cover − (the ``waiting`` largest positive y_cover) +
Σ_slots min_C (cost(C) − Σ_{items of C} w_i(y)) is a lower bound on the conflicts of every
grid placing all but at most ``waiting`` sessions (weak duality; each grid is one
configuration per slot). The pricer returns that minimum exactly, or a lower bound of it
when its node budget runs out, so the search can stop at any time with a proof. Duals are
smoothed toward the best ones so far (Wentges), which steadies the bound.

A day with many rooms per slot is too large to price whole; its sessions are then
certified in blocks and the blocks' bounds added up (``_block_bound`` says why that is
a bound).

The configurations relax the grid in one way only — a multi-slot session may change rooms
between its slots — so the bound holds for real grids. The planner proves first
(``prove``) and asks for grids later (``Proof.grids``), once its own grid is as good as
it gets. The generated columns give grids: a price-and-dive (``_Run.dive``) fixes one
slot's configuration after another where the LP leans most, then CP-SAT picks one column
per slot, covering every session, and a grid with fewer conflicts than the incumbent is
returned. The slots are priced side by side on the usable cores (the pricer releases
the GIL). Everything is counted in deterministic work (pricer nodes, LP size, CP-SAT's
deterministic time), so the same event gives the same certificate; the wall clock may end
it early, and then says so.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

import numpy as np
from ortools.linear_solver import pywraplp  # type: ignore[import-untyped]
from ortools.sat.python import cp_model

from opensozial.solve.bound import counting_bound
from opensozial.solve.clock import Clock
from opensozial.solve.cpsat import unions
from opensozial.solve.pricing import Priced, SlotItems, price
from opensozial.solve.problem import Choice, Instance
from opensozial.solve.runs import usable_cores

Grid = dict[str, tuple[str, ...]]  # session -> the slots it occupies
KEEP = 60  # columns kept per slot and pricing round
SMOOTHING = 0.5  # weight of the best duals so far in the duals priced (Wentges)
# Deterministic work units per second (pricer node × items, LP entries), measured on
# the project's machine (2 cores, idle) so that ``budget_seconds`` means roughly seconds
# there: 1.5e8 a second on one core, 1.9–2.1e8 with the slots priced side by side.
WORK_PER_SECOND = 2e8
FIRST_CAP = 2e7  # work per pricing call at first (see ``_Run.generate``)
LP_WORK = 20  # work per entry of the master LP and solve
GRID_SHARE = 0.25  # of the budget for CP-SAT over the generated columns
MEND_ROUNDS = 4  # pricing rounds per fixing in the dive (``_Run.dive``), at most
# Conflicts are whole numbers; an LP value within this of one (GLOP's rounding) counts as it.
TOLERANCE = 1e-4
FIRST_BOX = 1.0  # a block's artificials cost this at first: duals start within ±1 conflict
BLOCK_PER_SLOT = 6  # sessions per block and slot (``_block_bound``)
GIVE_UP_BATCH = 2  # slots priced at a time in the first round, which may give up
BOX_GROWTH = 4.0


@dataclass(frozen=True)
class Item:
    """A session's piece in a slot: its choice (start) and which of its slots this is."""

    session: str
    choice: Choice
    piece: int


@dataclass
class Certificate:
    """``bound``: every grid leaving at most ``figures['waiting']`` sessions without a slot
    has at least this many conflicts. ``proven_optimal``: the best grid known (the
    incumbent or ``grid``) reaches it. ``grid``: a grid with fewer conflicts than the
    incumbent, found among the columns, or None."""

    bound: int
    proven_optimal: bool
    grid: Grid | None
    figures: dict[str, float | int] = field(default_factory=dict)


@dataclass
class _Slot:
    id: str
    items: list[Item]
    data: SlotItems
    columns: list[tuple[int, ...]] = field(default_factory=list)
    costs: list[float] = field(default_factory=list)
    seen: set[tuple[int, ...]] = field(default_factory=set)
    variables: list[pywraplp.Variable] = field(default_factory=list)


def conflicts_of(problem: Instance, grid: Mapping[str, tuple[str, ...]]) -> int:
    """Conflicts of a grid: per person and slot, every wanted session beyond the first."""
    total = 0
    for wanted, count in problem.wish_groups:
        per_slot: dict[str, int] = {}
        for sid in wanted:
            for slot in grid.get(sid, ()):
                per_slot[slot] = per_slot.get(slot, 0) + 1
        total += count * sum(max(0, n - 1) for n in per_slot.values())
    return total


def certify(problem: Instance, *, budget_seconds: float, seed: int = 0,
            incumbent: Mapping[str, tuple[str, ...]] | None = None,
            clock: Clock | None = None, block_size: int | None = None) -> Certificate:
    """Bound the conflicts of every grid that leaves no more sessions waiting than
    ``incumbent`` (all placed without one), within about ``budget_seconds`` of work, and
    look among the columns for a better grid: ``prove``, then ``Proof.grids``."""
    proof = prove(problem, budget_seconds=budget_seconds, incumbent=incumbent, clock=clock,
                  block_size=block_size)
    return proof.grids(incumbent or {}, seed, clock or Clock())


@dataclass
class Proof:
    """The bound (``certificate``: no grid yet) and, where the whole event was priced,
    the column generation that found it (``run``), whose columns ``grids`` turns into
    grids later. Split in two so that the planner proves first and improves its grid
    after: a wall clock that runs out then cuts the search for grids, not the proof."""

    problem: Instance
    certificate: Certificate
    run: _Run | None
    budget_seconds: float
    # A day too large to price whole: its blocks' size and the work left for them.
    block_size: int | None = None
    work_left: float = 0.0

    def grids(self, incumbent: Mapping[str, tuple[str, ...]], seed: int,
              clock: Clock) -> Certificate:
        """The certificate with the best grid the columns give for ``incumbent`` (the best
        grid so far, placing at least as many sessions as the one proved for): a
        price-and-dive, then CP-SAT over all columns. Without ``run``, the bound alone,
        raised by the blocks where the day was too large to price whole."""
        run, problem = self.run, self.problem
        incumbent = dict(incumbent)
        best = conflicts_of(problem, incumbent) if incumbent else None
        if run is None:
            certificate = self._with_blocks(incumbent, clock)
            return replace(certificate, proven_optimal=best is not None
                           and certificate.bound >= best)
        run.clock = clock
        if incumbent:  # it may place more than the grid proved for; the grids follow it
            run.allow_waiting(sum(1 for sid in problem.choices if sid not in incumbent))
        figures = dict(self.certificate.figures)
        grid: Grid | None = None  # better than the incumbent
        value = best
        if (best is None or self.certificate.bound < best) and run.work < run.work_budget:
            run.columns_around(incumbent)
            # The incumbent's waiting sessions are the least wanted (the planner's order puts
            # that before conflicts): the dive lets no other session wait.
            dived = run.dive(run.work_budget - run.work, frozenset(incumbent))
            if dived is not None:
                figures["dive"] = conflicts_of(problem, dived)
                if value is None or figures["dive"] < value:
                    grid, value = dived, int(figures["dive"])
        run.add_grid(grid or incumbent)
        found_grid, found = run.best_grid(grid or incumbent, self.budget_seconds * GRID_SHARE,
                                          seed, value, clock)
        if found_grid is not None:
            grid, value = found_grid, found
        figures.update(columns=sum(len(s.columns) for s in run.slots),
                       work_seconds=round(run.work / WORK_PER_SECOND, 3))
        bound = self.certificate.bound
        return Certificate(bound, value is not None and bound >= value, grid, figures)

    def _with_blocks(self, incumbent: Grid, clock: Clock) -> Certificate:
        """The certificate with the blocks' summed bound, where it is higher."""
        if self.block_size is None:
            return self.certificate
        waiting = int(self.certificate.figures["waiting"])
        bound, blocks, spent = _block_bound(self.problem, incumbent, waiting, self.block_size,
                                            self.work_left, clock)
        figures = dict(self.certificate.figures)
        figures.update(blocks=blocks, work_seconds=round(
            float(figures["work_seconds"]) + spent / WORK_PER_SECOND, 3))
        return replace(self.certificate, bound=max(bound, self.certificate.bound),
                       figures=figures)


def prove(problem: Instance, *, budget_seconds: float,
          incumbent: Mapping[str, tuple[str, ...]] | None = None,
          clock: Clock | None = None, block_size: int | None = None) -> Proof:
    """Bound the conflicts of every grid that leaves no more sessions waiting than
    ``incumbent`` (all placed without one), within about ``budget_seconds`` of work.

    The whole event first; when its first pricing round already outgrows the pricer's
    cap (a day of many rooms per slot), the sessions are split into blocks instead
    (``_block_bound``). ``block_size`` forces the blocks (for the tests)."""
    incumbent = dict(incumbent or {})
    waiting = sum(1 for sid in problem.choices if sid not in incumbent) if incumbent else 0
    best = conflicts_of(problem, incumbent) if incumbent else None
    work_budget = budget_seconds * WORK_PER_SECOND
    clock = clock or Clock()
    run = _Run(problem, waiting, work_budget, clock)
    run.note_grid(incumbent)
    if block_size is None:
        run.generate(best, give_up=True)
    figures: dict[str, float | int] = {"waiting": waiting}
    if block_size is not None or run.gave_up:
        # Too large to price whole: the counting argument now, which sees every person
        # whole; the blocks lose the clashes between them and seldom beat it (minnebar:
        # never), so they wait until the grid has had its time (``Proof.grids``): run
        # first, they cost minnebar at the defaults 146 clashes (4849 instead of 4703).
        figures.update(work_seconds=round(run.work / WORK_PER_SECOND, 3))
        bound = counting_bound(problem, waiting)
        return Proof(problem, Certificate(bound, best is not None and bound >= best, None,
                                          figures), None, budget_seconds,
                     block_size or BLOCK_PER_SLOT * len(problem.rooms_at),
                     work_budget - run.work)
    figures.update(lp=round(run.lp_value, 3), iterations=run.iterations,
                   work_seconds=round(run.work / WORK_PER_SECOND, 3))
    # Not clamped to the grid's value: a bound above it would be a bug, and the tests
    # against exhaustive search must be able to see it.
    # An LP stopped early may still be below the counting argument.
    bound = max(run.bound, counting_bound(problem, waiting))
    return Proof(problem, Certificate(bound, best is not None and bound >= best, None, figures),
                 run, budget_seconds)


def _block_bound(problem: Instance, incumbent: Mapping[str, tuple[str, ...]], waiting: int,
                 size: int, work_budget: float, clock: Clock) -> tuple[int, int, float]:
    """The sum of the blocks' bounds, the number of blocks and the work spent.

    Why a sum is a bound: a person's clashes in a slot, max(0, k − 1) with k = k₁ + … of
    their wanted sessions there split over the blocks, are at least Σ max(0, k_b − 1). So
    any grid's conflicts are at least the sum of its conflicts within each block, and
    each block's are at least that block's certified bound: the block alone is a smaller
    event (its sessions, their voters' wishes among them, the same rooms, hosts and
    slots), of which the grid's part is one grid, leaving at most ``waiting`` of the
    block's sessions out. Blocks are grown from the most wanted session by the most
    shared voters, so that few clashes fall between blocks; a block of at most ``size``
    sessions keeps the configurations small enough to price exactly, and the duals start
    in a small box (``FIRST_BOX``), where the pricing is cheap. A block hands the work
    it leaves unspent on to the next (counted work: still deterministic)."""
    total, spent = 0, 0.0
    blocks = _blocks(problem, size)
    for k, block in enumerate(blocks):
        sub = _restricted(problem, block)
        run = _Run(sub, waiting, (work_budget - spent) / (len(blocks) - k), clock, FIRST_BOX)
        run.note_grid({sid: slots for sid, slots in incumbent.items() if sid in block})
        run.generate(None)
        total += run.bound
        spent += run.work
    return total, len(blocks), spent


def _blocks(problem: Instance, size: int) -> list[list[str]]:
    """Sessions in blocks of at most ``size``: each starts from the most wanted session
    left and takes, one by one, the session sharing the most voters with it so far."""
    sessions = list(problem.choices)
    position = {sid: k for k, sid in enumerate(sessions)}
    wants = np.zeros((len(problem.wish_groups), len(sessions)))
    for g, (wanted, count) in enumerate(problem.wish_groups):
        wants[g, [position[sid] for sid in wanted]] = math.sqrt(count)
    shared = wants.T @ wants  # voters in common (the diagonal: each session's voters)
    left = list(range(len(sessions)))
    blocks = []
    while left:
        first = max(left, key=lambda k: shared[k, k])
        block, mass = [first], shared[first].copy()
        left.remove(first)
        while left and len(block) < size:
            nearest = max(left, key=lambda k: mass[k])
            block.append(nearest)
            left.remove(nearest)
            mass += shared[nearest]
        blocks.append([sessions[k] for k in block])
    return blocks


def _restricted(problem: Instance, block: list[str]) -> Instance:
    """The event of ``block``'s sessions alone, each voter wanting those of theirs."""
    kept = set(block)
    groups: dict[frozenset[str], int] = {}
    for wanted, count in problem.wish_groups:
        inside = wanted & kept
        if len(inside) >= 2:
            groups[inside] = groups.get(inside, 0) + count
    return replace(problem, choices={sid: problem.choices[sid] for sid in block},
                   wish_groups=list(groups.items()), pinned=problem.pinned & kept,
                   hosts={host: [sid for sid in sessions if sid in kept]
                          for host, sessions in problem.hosts.items()})


def objective_floor(problem: Instance, certificate: Certificate, drop_bound: int) -> int:
    """A lower bound on the whole objective from the certificate: a grid leaving at most
    ``waiting`` sessions out costs at least the proven drop cost plus the conflicts' weight
    times the bound (every other term is ≥ 0); one leaving more out costs at least its
    ``waiting + 1`` cheapest drops. Not for re-plans (moves are not counted here)."""
    waiting = int(certificate.figures["waiting"])
    within = drop_bound + problem.event.weights.conflicts * certificate.bound
    costs = sorted(problem.drop_cost[s] for s in problem.choices if s not in problem.pinned)
    return min(within, sum(costs[:waiting + 1])) if len(costs) > waiting else within


class _Run:
    """One column generation: the slots' items, the master LP, the duals and the bound."""

    def __init__(self, problem: Instance, waiting: int, work_budget: float,
                 clock: Clock | None = None, box: float = math.inf) -> None:
        self.problem = problem
        self.clock = clock or Clock()
        self.box = box
        self.gave_up = False
        self.waiting = waiting
        self.work_budget = work_budget
        self.work = 0.0
        self.iterations = 0
        self.bound = 0
        self.lp_value = 0.0
        self.sessions = list(problem.choices)
        self.droppable = [s for s in self.sessions if s not in problem.pinned]
        self.slots = [self._slot(slot) for slot in problem.rooms_at]
        self.start_columns: dict[str, tuple[int, ...]] = {}
        # Master rows: cover per session, link per later piece of a multi-slot choice.
        self.links = sorted({(it.session, it.choice.start, it.piece)
                             for s in self.slots for it in s.items if it.piece > 0})
        self._build_master()

    # --- slots and their pricing data -------------------------------------------------

    def _slot(self, slot: str) -> _Slot:
        problem = self.problem
        open_rooms = problem.rooms_at[slot]
        items = [Item(sid, c, c.slots.index(slot)) for sid, choices in problem.choices.items()
                 for c in choices if slot in c.slots and c.rooms & open_rooms]
        classes = sorted({c.choice.rooms & open_rooms for c in items}, key=sorted)
        closure = unions(set(classes)) if classes else []
        inside = np.array([[c <= u for c in classes] for u in closure], dtype=np.bool_
                          ).reshape(len(closure), len(classes))
        by_session: dict[str, list[int]] = {}
        for i, it in enumerate(items):
            by_session.setdefault(it.session, []).append(i)
        # Same session or a shared host: one matrix product instead of n² set checks.
        runs = np.zeros((len(items), len(problem.hosts) + len(by_session)))
        for k, members in enumerate(by_session.values()):
            runs[members, k] = 1.0
        for k, sessions in enumerate(problem.hosts.values(), start=len(by_session)):
            for sid in sessions:
                runs[by_session.get(sid, []), k] = 1.0
        incompatible = (runs @ runs.T) > 0
        groups = []
        for wanted, count in problem.wish_groups:
            present = [by_session[sid] for sid in wanted if sid in by_session]
            if len(present) >= 2:
                groups.append((sorted(i for members in present for i in members), count))
        item_groups: list[list[int]] = [[] for _ in items]
        for g, (members, _) in enumerate(groups):
            for i in members:
                item_groups[i].append(g)
        data = SlotItems(
            rooms=len(open_rooms),
            room_class=np.array([classes.index(it.choice.rooms & open_rooms) for it in items],
                                dtype=np.int64),
            inside=inside,
            capacity=np.array([len(u) for u in closure], dtype=np.int64),
            incompatible=incompatible,
            item_groups=_csr(item_groups),
            group_items=_csr([members for members, _ in groups]),
            group_count=np.array([float(count) for _, count in groups]),
        )
        data.neighbours  # built here, not by the pricing threads  # noqa: B018
        return _Slot(slot, items, data)

    # --- the master LP ----------------------------------------------------------------

    def _build_master(self) -> None:
        lp = pywraplp.Solver.CreateSolver("GLOP")
        self.lp = lp
        self.convexity = [lp.Constraint(1.0, 1.0) for _ in self.slots]
        self.cover = {sid: lp.Constraint(1.0, 1.0) for sid in self.sessions}
        self.link = {key: lp.Constraint(0.0, 0.0) for key in self.links}
        # Waiting sessions: at most ``waiting`` in all. Artificials (±1 in every cover and
        # link row) keep the master feasible and box its duals to ±2·(the most a session's
        # groups can cost in a slot): at the degenerate first vertices the LP's duals are
        # otherwise wild. Extra variables only widen the LP, so its value stays a bound.
        self.drop_row = lp.Constraint(-lp.infinity(), float(self.waiting))
        most = {sid: 0.0 for sid in self.sessions}
        for wanted, count in self.problem.wish_groups:
            for sid in wanted:
                most[sid] += count
        objective = lp.Objective()
        rows = [(sid, self.cover[sid]) for sid in self.sessions]
        rows += [(key[0], self.link[key]) for key in self.links]
        self.artificials: list[tuple[pywraplp.Variable, float]] = []
        for sid, row in rows:
            for sign in (1.0, -1.0):
                artificial = lp.NumVar(0.0, lp.infinity(), "")
                row.SetCoefficient(artificial, sign)
                self.artificials.append((artificial, 2 * most[sid] + 1.0))
        self._set_box()
        self.waits: dict[str, pywraplp.Variable] = {}
        for sid in self.sessions:
            if sid in self.droppable and self.waiting:
                self.waits[sid] = lp.NumVar(0.0, 1.0, "")
                self.cover[sid].SetCoefficient(self.waits[sid], 1.0)
                self.drop_row.SetCoefficient(self.waits[sid], 1.0)
        objective.SetMinimization()
        for index in range(len(self.slots)):
            self._add_column(index, (), 0.0)

    def _set_box(self) -> None:
        objective = self.lp.Objective()
        for artificial, full in self.artificials:
            objective.SetCoefficient(artificial, min(self.box, full))

    def _widen_box(self) -> bool:
        """Box-step stabilisation: the artificials' cost (the box on the duals) starts
        small and grows fourfold whenever the LP is optimal inside it while still using an
        artificial. Small duals keep the early pricing cheap; the LP of every box is a
        relaxation (more variables), so its value is a bound too."""
        widest = max((full for _, full in self.artificials), default=0.0)
        if self.box >= widest or not any(a.solution_value() > 1e-9
                                          for a, _ in self.artificials):
            return False
        self.box *= BOX_GROWTH
        self._set_box()
        return True

    def _add_column(self, index: int, column: tuple[int, ...], cost: float) -> bool:
        slot = self.slots[index]
        if column in slot.seen:
            return False
        slot.seen.add(column)
        slot.columns.append(column)
        slot.costs.append(cost)
        var = self.lp.NumVar(0.0, self.lp.infinity(), "")
        slot.variables.append(var)
        self.convexity[index].SetCoefficient(var, 1.0)
        self.lp.Objective().SetCoefficient(var, cost)
        for i in column:
            it = slot.items[i]
            if it.piece == 0:
                self.cover[it.session].SetCoefficient(var, 1.0)
                for k in range(1, len(it.choice.slots)):
                    self.link[(it.session, it.choice.start, k)].SetCoefficient(var, -1.0)
            else:
                self.link[(it.session, it.choice.start, it.piece)].SetCoefficient(var, 1.0)
        return True

    def allow_waiting(self, waiting: int) -> None:
        """At most ``waiting`` sessions may wait from now on (grids only: the LP then no
        longer relaxes every grid the bound speaks of, so ``bound`` stays as it is)."""
        if waiting < self.waiting:
            self.waiting = waiting
            self.drop_row.SetUb(float(waiting))

    def note_grid(self, grid: Mapping[str, tuple[str, ...]]) -> None:
        """The incumbent's configuration per slot. They are not the master's first columns:
        its vertex is so degenerate that the LP stalled there for a dozen rounds (werkstatt:
        bound 189 against 211 from the artificials alone in the same work)."""
        for slot in self.slots:
            self.start_columns[slot.id] = _column_of(slot, grid)

    def add_grid(self, grid: Mapping[str, tuple[str, ...]]) -> None:
        """A grid's configurations as columns, so that CP-SAT over the columns starts
        from a known grid."""
        for index, slot in enumerate(self.slots):
            column = _column_of(slot, grid)
            if column:
                self._add_column(index, column, self._cost(slot, column))

    def _cost(self, slot: _Slot, column: tuple[int, ...]) -> float:
        sessions = {slot.items[i].session for i in column}
        return float(sum(count * max(0, len(wanted & sessions) - 1)
                         for wanted, count in self.problem.wish_groups))

    def _duals(self) -> np.ndarray:
        """Duals in one vector: cover rows, link rows, convexity rows."""
        rows = [*self.cover.values(), *self.link.values(), *self.convexity]
        return np.array([row.dual_value() for row in rows])

    def _weights(self, duals: np.ndarray, slot: _Slot) -> np.ndarray:
        cover = dict(zip(self.sessions, duals[:len(self.sessions)], strict=True))
        link = dict(zip(self.links, duals[len(self.sessions):len(self.sessions) + len(self.links)],
                        strict=True))
        weight = np.empty(len(slot.items))
        for i, it in enumerate(slot.items):
            if it.piece == 0:
                weight[i] = cover[it.session] - sum(
                    link[(it.session, it.choice.start, k)] for k in range(1, len(it.choice.slots)))
            else:
                weight[i] = link[(it.session, it.choice.start, it.piece)]
        return weight

    def _lagrangian(self, duals: np.ndarray, minima: list[float]) -> float:
        cover = duals[:len(self.sessions)]
        positive = sorted((y for sid, y in zip(self.sessions, cover, strict=True)
                           if sid in self.droppable and y > 0), reverse=True)
        return float(cover.sum()) - sum(positive[:self.waiting]) + sum(minima)

    # --- column generation ------------------------------------------------------------

    def generate(self, best: int | None, give_up: bool = False) -> None:
        """Price until the LP is optimal, the bound meets ``best``, or the work is spent;
        with ``give_up``, stop at once (``gave_up``) when the first round outgrows the cap.

        Each pricing call may do at most ``cap`` work: early duals are wild and an exact
        search there is costly and useless, so the cap grows only when the capped
        searches stop finding columns. Stopped searches still give valid (weaker) bounds.
        """
        # The first stability centre shares each slot's conflicts of the incumbent among
        # the sessions causing them: duals of the right size, where the LP's first duals
        # (at a highly degenerate vertex) are wild. (Zero duals without an incumbent.)
        center = self._shares()
        center_value = -math.inf
        cap = FIRST_CAP
        while self.work < self.work_budget and not self.clock.ran_out():
            self.iterations += 1
            self._solve_lp()
            self.lp_value = self.lp.Objective().Value()
            current = self._duals()
            alpha = SMOOTHING
            while True:
                duals = alpha * center + (1 - alpha) * current
                priced = self._price_all(duals, cap, give_up and self.iterations == 1)
                if priced is None:
                    return
                value = self._lagrangian(duals, [p.lower_bound for p in priced])
                if value > center_value:
                    center, center_value = duals, value
                    self.bound = max(self.bound, math.ceil(value - TOLERANCE))
                if self._add_priced(priced, current):
                    break
                if alpha > 0.0:
                    alpha = 0.0  # mispricing: the smoothed duals found nothing; price the LP's
                elif all(p.exact for p in priced):
                    # No column has a negative reduced cost: the LP is optimal (in its box).
                    self.bound = max(self.bound, math.ceil(self.lp_value - TOLERANCE))
                    if not self._widen_box():
                        return
                    break
                else:
                    cap *= 8
            if best is not None and self.bound >= best:
                return

    def _solve_lp(self) -> None:
        """Solve the master LP and count its work (its size: columns × rows)."""
        self.lp.Solve()
        self.work += LP_WORK * self.lp.NumVariables() * (len(self.cover) + len(self.link))

    def _shares(self) -> np.ndarray:
        duals = np.zeros(len(self.cover) + len(self.link) + len(self.slots))
        position = {sid: k for k, sid in enumerate(self.sessions)}
        for slot in self.slots:
            placed = {slot.items[i].session for i in self.start_columns.get(slot.id, ())
                      if slot.items[i].piece == 0}
            for wanted, count in self.problem.wish_groups:
                clash = wanted & placed
                for sid in clash if len(clash) > 1 else ():
                    duals[position[sid]] += count * (len(clash) - 1) / len(clash)
        return duals

    def _price_all(self, duals: np.ndarray, cap: float, give_up: bool = False,
                   starts: Mapping[str, int] | None = None, skip: frozenset[int] = frozenset()
                   ) -> list[Priced] | None:
        """Every slot's pricing at ``duals``; None when the work is spent, or (with
        ``give_up``, setting ``gave_up``) as soon as one slot outgrows ``cap``. A dive's
        settled sessions (``starts``: id → start) are priced out of the slots where they
        no longer may run, and its fixed slots (``skip``) are not priced."""
        left = self.work_budget - self.work
        todo = [k for k in range(len(self.slots)) if k not in skip]
        if left <= 0:
            return None
        # Each slot gets the same limit, so the result does not depend on which thread
        # finishes first; together they stay within what is left.
        limit = max(1000, int(min(cap, left / max(1, len(todo)))))

        def one(index: int) -> Priced:
            slot = self.slots[index]
            weight = self._weights(duals, slot)
            if starts:
                weight[[i for i, it in enumerate(slot.items)
                        if starts.get(it.session, it.choice.start) != it.choice.start]] = -math.inf
            sigma = duals[len(self.sessions) + len(self.links) + index]
            return price(slot.data, weight, sigma, KEEP, limit)

        # The pricer releases the GIL: the slots are priced side by side on the usable cores.
        # Where the search may give up, a few slots at a time, so that a day too large to
        # price whole learns it from the first few (a fixed count: the work counted must
        # not depend on the machine's cores).
        batch = GIVE_UP_BATCH if give_up else len(todo)
        done: dict[int, Priced] = {}
        with ThreadPoolExecutor(max(1, min(usable_cores(), len(todo)))) as pool:
            for first in range(0, len(todo), batch):
                part = todo[first:first + batch]
                found = dict(zip(part, pool.map(one, part), strict=True))
                done.update(found)
                self.work += sum(p.work for p in found.values())
                if give_up and not all(p.exact for p in found.values()):
                    self.gave_up = True
                    return None
        return [done.get(k, Priced([], [], [], 0.0, True, 0)) for k in range(len(self.slots))]

    def _add_priced(self, priced: list[Priced], duals: np.ndarray,
                    skip: frozenset[int] = frozenset()) -> int:
        """Add the columns of negative reduced cost at the LP's own duals (not to the
        slots in ``skip``: a dive's fixed ones)."""
        added = 0
        for index, (slot, p) in enumerate(zip(self.slots, priced, strict=True)):
            if index in skip:
                continue
            weight = self._weights(duals, slot)
            sigma = duals[len(self.sessions) + len(self.links) + index]
            for column, cost in zip(p.columns, p.costs, strict=True):
                if column and cost - weight[list(column)].sum() - sigma < -1e-7:
                    added += self._add_column(index, column, cost)
        return added

    # --- grids from the columns -------------------------------------------------------

    def columns_around(self, grid: Mapping[str, tuple[str, ...]]) -> None:
        """One pricing round at the duals that share each slot's conflicts of ``grid``
        among the sessions causing them, its columns added whatever the LP thinks of them.
        The proof started from an earlier grid and generated columns around that one; the
        dive finds its grids among the columns, and near the grid it is to beat they serve
        it better (werkstatt, ``--time-limit 10``, seed 0: dive 238 instead of 247, plan 237
        conflicts instead of 241)."""
        self.note_grid(grid)
        center = self._shares()
        priced = self._price_all(center, FIRST_CAP)
        if priced is not None:
            self._add_priced(priced, center)

    def dive(self, work_budget: float, placed: frozenset[str] = frozenset()) -> Grid | None:
        """A grid by price-and-dive: fix in one slot the configuration the LP leans on most,
        let the pricing mend the other slots around it, and repeat until every slot is
        fixed. The LP of a converged column generation is fractional but near the best
        grids (werkstatt: LP 231.4, CP-SAT over its columns alone found no grid under
        241); fixing one slot at a time turns it into one. Its columns stay for
        ``best_grid``. Sessions in ``placed`` may not wait. After a fixing the LP no
        longer relaxes the event, so nothing here touches ``bound``; the LP is left as the
        dive ends (certify needs it no more)."""
        self.work_budget = self.work + work_budget
        self.box = math.inf
        self._set_box()
        for sid in placed & self.waits.keys():  # the planner's order: these do not wait
            self.waits[sid].SetUb(0.0)
        fixed: dict[int, int] = {}  # slot index -> column index
        starts: dict[str, int] = {}  # session -> the start its fixed piece settles
        while len(fixed) < len(self.slots):
            if not self._mend(frozenset(fixed), starts):
                return None
            # Every slot whose configuration the LP already takes whole, else the one it
            # leans on most (ties: the earlier slot and column, for determinism).
            used = {(k, c): var.solution_value() for k, slot in enumerate(self.slots)
                    if k not in fixed for c, var in enumerate(slot.variables)}
            whole = [kc for kc, value in used.items() if value > 1 - TOLERANCE]
            for index, column in whole or [min(used, key=lambda kc: (-used[kc], kc))]:
                slot = self.slots[index]
                slot.variables[column].SetLb(1.0)
                fixed[index] = column
                for i in slot.columns[column]:
                    starts[slot.items[i].session] = slot.items[i].choice.start
        return self._fixed_grid(fixed)

    def _mend(self, fixed: frozenset[int], starts: Mapping[str, int]) -> bool:
        """Column generation with ``fixed`` slots kept as they are, until no column of
        negative reduced cost is left or ``MEND_ROUNDS`` rounds are done (False when the
        work or the wall clock is spent)."""
        cap = FIRST_CAP
        for _ in range(MEND_ROUNDS):
            if self.work >= self.work_budget or self.clock.ran_out():
                return False
            self._solve_lp()
            duals = self._duals()
            priced = self._price_all(duals, cap, starts=starts, skip=fixed)
            if priced is None:
                return False
            if not self._add_priced(priced, duals, skip=fixed):
                if all(p.exact for p in priced):
                    return True
                cap *= 8
        self._solve_lp()  # over the last columns too
        return True  # mended enough for a heuristic: the LP's choice is near its best

    def _fixed_grid(self, fixed: Mapping[int, int]) -> Grid | None:
        """The grid of the fixed columns, if it is one: every session's pieces each in
        their own slot, at most ``waiting`` sessions left out (none of them pinned)."""
        pieces: dict[tuple[str, tuple[str, ...]], set[int]] = {}
        for index, column in fixed.items():
            slot = self.slots[index]
            for i in slot.columns[column]:
                it = slot.items[i]
                pieces.setdefault((it.session, it.choice.slots), set()).add(it.piece)
        grid: Grid = {}
        for (sid, slots), got in pieces.items():
            if sid in grid or got != set(range(len(slots))):
                return None
            grid[sid] = slots
        left_out = [sid for sid in self.sessions if sid not in grid]
        if len(left_out) > self.waiting or any(s not in self.droppable for s in left_out):
            return None
        return grid


    def best_grid(self, incumbent: Grid, seconds: float, seed: int, best: int | None,
                  clock: Clock) -> tuple[Grid | None, int]:
        """CP-SAT over the generated columns: one per slot, every session covered once
        (at most ``waiting`` left out), pieces linked. Returns a grid with fewer conflicts
        than ``best`` (None if it finds none) and its conflicts."""
        if best is not None and self.bound >= best:
            return None, best
        model = cp_model.CpModel()
        chosen: list[list[cp_model.IntVar]] = []
        cover: dict[str, list[cp_model.IntVar]] = {sid: [] for sid in self.sessions}
        link: dict[tuple[str, int, int], list[tuple[int, cp_model.IntVar]]] = {
            key: [] for key in self.links}
        objective = []
        for slot in self.slots:
            row = []
            hinted = _column_of(slot, incumbent)
            for column, cost in zip(slot.columns, slot.costs, strict=True):
                var = model.new_bool_var("")
                row.append(var)
                objective.append(int(cost) * var)
                model.add_hint(var, column == hinted)
                for i in column:
                    it = slot.items[i]
                    if it.piece == 0:
                        cover[it.session].append(var)
                        for k in range(1, len(it.choice.slots)):
                            link[(it.session, it.choice.start, k)].append((-1, var))
                    else:
                        link[(it.session, it.choice.start, it.piece)].append((1, var))
            model.add_exactly_one(row)
            chosen.append(row)
        waits = []
        for sid, variables in cover.items():
            if sid in self.droppable and self.waiting:
                wait = model.new_bool_var("")
                waits.append(wait)
                model.add(sum(variables) + wait == 1)
            else:
                model.add(sum(variables) == 1)
        if waits:
            model.add(sum(waits) <= self.waiting)
        for terms in link.values():
            model.add(sum(coef * var for coef, var in terms) == 0)
        model.minimize(sum(objective))
        solver = clock.solver(max(0.1, seconds), seed)  # the plan's one CP-SAT set-up
        status = solver.solve(model)
        clock.judge(solver, status)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None, best if best is not None else 0
        if best is not None and solver.objective_value >= best:
            return None, best
        grid: Grid = {}
        for slot, row in zip(self.slots, chosen, strict=True):
            column = next(c for c, var in zip(slot.columns, row, strict=True)
                          if solver.boolean_value(var))
            for i in column:
                grid[slot.items[i].session] = slot.items[i].choice.slots
        return grid, conflicts_of(self.problem, grid)


def _column_of(slot: _Slot, grid: Mapping[str, tuple[str, ...]]) -> tuple[int, ...]:
    """The configuration ``grid`` runs in ``slot``: its items there, as a column."""
    return tuple(i for i, it in enumerate(slot.items) if grid.get(it.session) == it.choice.slots)


def _csr(rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    pointer = np.zeros(len(rows) + 1, dtype=np.int64)
    pointer[1:] = np.cumsum([len(r) for r in rows])
    flat = np.array([i for r in rows for i in r], dtype=np.int64)
    return pointer, flat
