"""A proven lower bound on conflicts: how many clashes no grid can avoid.

The plan's ``bound`` covers the whole weighted objective, which a facilitator cannot
read. "143 conflicts (at least 118 unavoidable)" needs a bound on the conflict count
alone, so the slot model is re-solved with conflicts as its only objective and CP-SAT's
proven objective bound is taken. The model keeps every hard rule and no more waiting
sessions than the drop step allowed (``drops.py``) — at least the fewest the rules
force — but not *which* sessions wait. So the figure reads: *every grid that drops no
more sessions than needed has at least this many conflicts* (the plan itself is one of
them). Its LP relaxation already contains the counting argument "someone who wants more
sessions than there are slots must clash", and the search adds what propagation proves
beyond it.
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from opensozial.solve.cpsat import SlotModel, fix, proven_bound
from opensozial.solve.lns import Incumbent
from opensozial.solve.problem import Instance


def counting_bound(problem: Instance, droppable: int | None) -> int:
    """Someone who wants more session-slots than their sessions can spread over must clash.

    Per voter group: the slots any of their sessions may use, and the slots their sessions
    fill, for grids in which at most ``droppable`` sessions wait (None: any number); we
    assume the longest of the group's sessions are the ones waiting. Weak on a relaxed
    day, but it needs no search: on a day too large for CP-SAT's LP in the budget it is
    the bound.
    """
    if droppable is None:
        droppable = len(problem.choices)
    total = 0
    for wanted, count in problem.wish_groups:
        usable = {slot for sid in wanted for c in problem.choices[sid] for slot in c.slots}
        units = sorted((problem.length[sid] for sid in wanted), reverse=True)
        total += count * max(0, sum(units[droppable:]) - len(usable))
    return total


def conflicts_lower_bound(
    sm: SlotModel, best: Incumbent, solver: cp_model.CpSolver | None, dropped: int, most: int | None
) -> int:
    """Fewest conflicts of any grid dropping no more sessions than needed.

    ``dropped``: the sessions the plan drops (it is such a grid, so at least the fewest
    needed); ``most``: the limit the slot model keeps. Solves for conflicts alone
    (warm-started from ``best``, the first-tier literal lifted) and restores the full
    objective; never below the counting bound. Without a solver (a re-plan, which must
    answer within a second), or when the plan drops more than the model allows (the room
    step had to repair an inexact slot model), the counting bound alone.
    """
    weight = sm.problem.event.weights.conflicts
    terms = sm.terms.get("conflicts", [])
    if not weight or not terms:
        return 0
    floor = counting_bound(sm.problem, dropped)
    if solver is None or most is None or dropped > most:
        return floor
    sm.model.clear_hints()
    for key, var in sm.x.items():
        sm.model.add_hint(var, best.chosen.get(key[0]) == key)
    sm.model.minimize(sum((coef // weight) * var for coef, var in terms))
    if sm.tier is not None:
        fix(sm, sm.tier, 0)
    try:
        status = solver.solve(sm.model)
    finally:
        sm.model.minimize(sm.objective())
        if sm.tier is not None:
            fix(sm, sm.tier, 1)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return floor
    return max(floor, proven_bound(solver))
