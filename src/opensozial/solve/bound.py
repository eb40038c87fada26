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
from opensozial.solve.problem import Problem


def counting_bound(problem: Problem, drop_budget: int | None) -> int:
    """Someone who wants more session-slots than their sessions can spread over must clash.

    Per voter group: the slots any of their sessions may use, and the slots their sessions
    fill; the plan may drop sessions only within ``drop_budget`` (the proven minimum drop
    cost; None: unknown), so at most the cheapest-to-drop that many go, and we assume the
    longest of the group's sessions are the ones dropped. Weak on a relaxed day, but it
    needs no search: on a day too large for CP-SAT's LP in the budget it is the bound.
    """
    movable = sorted(problem.drop_cost[s] for s in problem.choices if s not in problem.pinned)
    if drop_budget is None:
        droppable = len(movable)
    else:
        spent, droppable = 0, 0
        while droppable < len(movable) and spent + movable[droppable] <= drop_budget:
            spent += movable[droppable]
            droppable += 1
    total = 0
    for wanted, count in problem.wish_groups:
        usable = {slot for sid in wanted for c in problem.choices[sid] for slot in c.slots}
        units = sorted((problem.length[sid] for sid in wanted), reverse=True)
        total += count * max(0, sum(units[droppable:]) - len(usable))
    return total


def conflicts_lower_bound(sm: SlotModel, best: Incumbent, solver: cp_model.CpSolver | None,
                          drop_budget: int | None) -> int:
    """Solve for conflicts alone (warm-started from ``best``); restores the full objective.
    Never below the counting bound; without a solver (a re-plan, which must answer within
    a second), the counting bound alone."""
    weight = sm.problem.event.weights.conflicts
    terms = sm.terms.get("conflicts", [])
    if not weight or not terms:
        return 0
    floor = counting_bound(sm.problem, drop_budget)
    if solver is None:
        return floor
    sm.model.clear_hints()
    for key, var in sm.x.items():
        sm.model.add_hint(var, best.chosen.get(key[0]) == key)
    sm.model.minimize(sum((coef // weight) * var for coef, var in terms))
    try:
        status = solver.solve(sm.model)
    finally:
        sm.model.minimize(sm.objective())
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return floor
    return max(floor, math.ceil(solver.best_objective_bound - 1e-6))
