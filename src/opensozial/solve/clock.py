"""The wall-clock cap: whichever ends first, the deterministic budget or the wall seconds.

The deterministic budget makes a plan reproducible, but deterministic seconds are not
wall seconds (a busy laptop took 27 s for 5 of them). So every stage also stops when
the wall clock runs out, and the clock remembers whether it ever cut a stage short:
only such a plan may differ between machines, and the plan says so.
"""

from __future__ import annotations

import math
import time
from typing import Any

from ortools.sat.python import cp_model

from opensozial.interrupt import stoppable


class _StoppableSolver(cp_model.CpSolver):
    """CP-SAT that stops its search at once on Ctrl-C or SIGTERM (``interrupt.stoppable``);
    the signal's handler then raises KeyboardInterrupt as usual."""

    def solve(self, *args: Any, **kwargs: Any) -> cp_model.CpSolverStatus:
        with stoppable(self.stop_search):
            return super().solve(*args, **kwargs)


STOP_CHECK = 4096  # annealing iterations between looks at the clock (a few ms)


class Clock:
    def __init__(self, seconds: float = math.inf) -> None:
        self.deadline = time.monotonic() + seconds
        self.decided = False  # the wall clock cut a stage short

    def left(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def expired(self) -> bool:
        return time.monotonic() >= self.deadline

    def ran_out(self) -> bool:
        """Whether a stage must stop for the wall clock; if so, the clock notes that it,
        not the budget, decided (the plan may then differ between machines)."""
        if not self.expired():
            return False
        self.decided = True
        return True

    def solver(self, budget: float, seed: int) -> cp_model.CpSolver:
        """A deterministic single-worker CP-SAT that also stops at the deadline.

        It leaves Ctrl-C to Python: CP-SAT's own handler resets SIGINT to the default
        when a solve ends, after which Ctrl-C would kill the planner without cleanup.
        """
        solver = _StoppableSolver()
        p = solver.parameters
        p.max_deterministic_time = budget
        p.num_workers = 1
        p.random_seed = seed
        p.catch_sigint_signal = False
        if math.isfinite(self.deadline):
            p.max_time_in_seconds = max(0.001, self.left())
        return solver

    def judge(self, solver: cp_model.CpSolver, status: cp_model.CpSolverStatus) -> None:
        """Note whether the clock, not the deterministic budget, ended this solve."""
        finished = status in (cp_model.OPTIMAL, cp_model.INFEASIBLE)
        budget = solver.parameters.max_deterministic_time
        if not finished and self.expired() and solver.deterministic_time < 0.99 * budget:
            self.decided = True

    @property
    def stopped_by(self) -> str:
        return "wall_clock" if self.decided else "budget"
