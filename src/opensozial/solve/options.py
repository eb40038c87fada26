"""How a solve is asked for (``SolveOptions``) and how its budget is shared (``Tuning``).

``time_limit`` is one budget for the whole search, counted twice: in CP-SAT's
deterministic seconds and annealing iterations (so the same event gives the same plan
on every machine), and in wall seconds as a cap (a busy laptop must not take three
times as long). ``Tuning`` is a plain configuration: every figure in it is a share of
that budget or a count, chosen for barcamp days of any size, none for one preset.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from opensozial.plan import Placed
from opensozial.solve.progress import Progress

DEFAULT_TIME_LIMIT = 10.0


@dataclass(frozen=True)
class Tuning:
    """Shares of the budget per stage, and the counts that end a stage early.

    Shares a stage leaves unspent are not handed on (that would need the clock and break
    determinism). Annealing counts iterations, sized by the event (``anneal.iterations_for``).
    """

    drops: float = 0.1  # settling the fewest drops
    cpsat: float = 0.1  # the first full CP-SAT run (a re-plan gets 1 − drops)
    # ... but at least this many deterministic seconds for a fresh grid (a re-plan: half):
    # a mid-sized day's LP needs about one to give a bound at all.
    cpsat_min: float = 1.0
    anneal: float = 0.6
    lns: float = 0.1
    bound: float = 0.05  # the conflicts bound
    certify: float = 0.5  # the certified conflicts bound by column generation (certify.py)
    rooms: float = 0.05  # per group of linked slots in the room step
    anneal_runs: int = 4  # independent annealing runs at most (see runs.py)
    run_chains: float = 2.5  # chains a run needs at least to settle ...
    run_chains_max: int = 3  # ... and uses at most
    lns_patience: int = 6  # LNS rounds in a row without a better grid end it
    joint_proof_limit: int = 3000  # session × slot × room variables the joint proof may use


@dataclass(frozen=True)
class SolveOptions:
    time_limit: float = DEFAULT_TIME_LIMIT  # deterministic seconds, and the wall-clock cap
    seed: int = 0
    wall_limit: float | None = None  # a different wall-clock cap (None: ``time_limit``)
    workers: int = 1  # CP-SAT: >1 interleaved subsolvers (still deterministic, slower per step)
    joint: bool = False  # one variable per session × slot × room (the naive model)
    use_hint: bool = True
    # Re-planning: the last plan's placements, and the sessions that must stay put.
    previous: dict[str, Placed] | None = None
    frozen: frozenset[str] = frozenset()
    lns: bool = True  # large-neighbourhood search after the first solve (decomposed model)
    tuning: Tuning = field(default_factory=Tuning)
    # Told of every stage change and every better grid; it never changes the plan.
    on_progress: Callable[[Progress], None] | None = None
