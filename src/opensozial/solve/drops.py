"""The order's first two keys: which sessions wait, settled before any cost is weighed.

README's order: every session the hard rules allow is placed; among grids placing
equally many, the least wanted wait (the least summed drop cost: demand, and in a
re-plan whether the session had a slot); only then the weighted sum. One CP-SAT run
minimises ``C × waiting + drop cost`` with ``C`` above any summed drop cost, which is
exactly that lexicographic order. Its result then restricts every later model: no more
sessions wait than there (always), and, once proven, no grid outside the first tier.
The second restriction hangs on a literal, so the conflicts bound can lift it and
speak of *every* grid that drops no more sessions than needed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ortools.sat.python import cp_model

from opensozial.solve.cpsat import Key, SlotModel, fix, proven_bound


@dataclass(frozen=True)
class Drops:
    proven: bool  # the fewest drops, and the least drop cost among them, are proven
    found: bool  # ``grid`` is a grid of the model
    grid: dict[str, Key]
    most: int | None  # no later grid drops more sessions (None: no grid yet)
    cost: int  # with ``proven``: the drop cost of every grid in the first tier
    cost_bound: int  # a proven lower bound on any grid's drop cost


def waiting(sm: SlotModel) -> tuple[cp_model.LinearExpr, cp_model.LinearExpr, list[int]]:
    """How many sessions wait, their summed drop cost, and each movable session's cost."""
    terms = sm.terms.get("unscheduled", [])
    count = cp_model.LinearExpr.sum([expr for _, expr in terms])
    costs = [coef for coef, _ in terms]
    return count, cp_model.LinearExpr.weighted_sum([expr for _, expr in terms], costs), costs


def settle(sm: SlotModel, solver: cp_model.CpSolver) -> tuple[cp_model.CpSolverStatus, Drops]:
    """Solve for the first two keys of the order; returns CP-SAT's status and the result."""
    count, cost, costs = waiting(sm)
    scale = sum(costs) + 1  # one more waiting session outweighs any drop cost
    sm.model.minimize(scale * count + cost)
    try:
        status = solver.solve(sm.model)
    finally:
        sm.model.minimize(sm.objective())
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    grid = {key[0]: key for key, var in sm.x.items() if solver.boolean_value(var)} if found else {}
    proven = status == cp_model.OPTIMAL
    # Whatever else is unknown, at least ``fewest`` sessions wait: the cheapest of them.
    floor = proven_bound(solver) if status != cp_model.INFEASIBLE else 0
    fewest = max(0, math.ceil((floor - (scale - 1)) / scale))
    bound = sum(sorted(costs)[:fewest])
    most = int(solver.value(count)) if found else None
    spent = int(solver.value(cost)) if found else 0
    return status, Drops(proven, found, grid, most, spent, spent if proven else bound)


def restrict(sm: SlotModel, drops: Drops) -> None:
    """Keep every later grid of ``sm`` within what ``drops`` settled (see module doc)."""
    if drops.most is None:
        return
    count, cost, _ = waiting(sm)
    sm.model.add(count <= drops.most)
    if drops.proven:
        sm.tier = sm.model.new_bool_var("first tier")
        sm.model.add(cost <= drops.cost).only_enforce_if(sm.tier)
        fix(sm, sm.tier, 1)
