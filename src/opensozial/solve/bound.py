"""A proven lower bound on conflicts: how many clashes no grid can avoid.

The plan's ``bound`` covers the whole weighted objective, which a facilitator cannot
read. "143 conflicts (at least 118 unavoidable)" needs a bound on the conflict count
alone, so the slot model is re-solved with conflicts as its only objective and CP-SAT's
proven objective bound is taken. The model keeps every hard rule and the limit on
dropped sessions fixed by the first phase, so the figure reads: *every grid that drops
no more sessions than this one has at least this many conflicts*. Its LP relaxation
already contains the counting argument "someone who wants more sessions than there are
slots must clash", and the search adds what propagation proves beyond it.
"""

from __future__ import annotations

import math

from ortools.sat.python import cp_model

from opensozial.solve.cpsat import SlotModel
from opensozial.solve.lns import Incumbent


def conflicts_lower_bound(sm: SlotModel, best: Incumbent, solver: cp_model.CpSolver) -> int:
    """Solve for conflicts alone (warm-started from ``best``); restores the full objective."""
    weight = sm.problem.event.weights.conflicts
    terms = sm.terms.get("conflicts", [])
    if not weight or not terms:
        return 0
    sm.model.clear_hints()
    for key, var in sm.x.items():
        sm.model.add_hint(var, best.chosen.get(key[0]) == key)
    sm.model.minimize(sum((coef // weight) * var for coef, var in terms))
    try:
        status = solver.solve(sm.model)
    finally:
        sm.model.minimize(sm.objective())
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return 0
    return max(0, math.ceil(solver.best_objective_bound - 1e-6))
