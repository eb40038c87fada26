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

import itertools
import math

import numpy as np
from ortools.sat.python import cp_model

from opensozial.solve.cpsat import SlotModel, fix, proven_bound
from opensozial.solve.lns import Incumbent
from opensozial.solve.problem import Instance

# The counting bound tries every waiting set exactly while that takes at most this many
# steps (group × set); a re-plan, which must answer within a second, asks for it too.
EXACT_STEPS = 5e7


def counting_bound(problem: Instance, droppable: int | None) -> int:
    """Someone who wants more session-slots than their sessions can spread over must clash.

    Per voter group: its *excess* e = the slots its wanted sessions fill (a two-slot
    session fills two) − the slots any of them may use; each person of the group clashes
    at least e times in every grid placing them all. A grid may leave up to ``droppable``
    sessions waiting (None: any number), the *same* sessions for everyone: dropping a set D
    lowers a group's excess by the slots its sessions in D would fill. So the bound is the
    least, over the sets D the grid may drop, of Σ count · max(0, e − fill(D)): exactly,
    trying every D, while there are few of them; otherwise from below, by
    max(0, e − fill(D)) ≥ e − Σ_{i ∈ D} min(e, fill(i)) for e > 0, which lets the
    ``droppable`` sessions that lower it most be taken one by one. (The earlier form let
    every group drop its own longest sessions: minnebar 1201 where this gives 2465.) Weak
    on a relaxed day, but it needs no search: on a day too large for CP-SAT's LP in the
    budget it is the bound.
    """
    sessions = list(problem.choices)
    movable = [k for k, sid in enumerate(sessions) if sid not in problem.pinned]
    position = {sid: k for k, sid in enumerate(sessions)}
    excess = np.zeros(len(problem.wish_groups))
    counts = np.zeros(len(problem.wish_groups))
    fills = np.zeros((len(problem.wish_groups), len(sessions)))
    for g, (wanted, count) in enumerate(problem.wish_groups):
        usable = {slot for sid in wanted for c in problem.choices[sid] for slot in c.slots}
        excess[g] = sum(problem.length[sid] for sid in wanted) - len(usable)
        counts[g] = count
        for sid in wanted:
            fills[g, position[sid]] = problem.length[sid]
    size = len(movable) if droppable is None else min(droppable, len(movable))
    if size == 0:
        return round(float(counts @ np.maximum(0, excess)))
    if math.comb(len(movable), size) * len(counts) <= EXACT_STEPS:
        least = math.inf
        for first in itertools.combinations(range(len(movable)), size - 1):
            left = excess - fills[:, [movable[k] for k in first]].sum(axis=1)
            # The last session for all at once (vectorised); each set once.
            last = movable[first[-1] + 1:] if first else movable
            if last:
                least = min(least, float((counts @ np.maximum(0, left[:, None] - fills[:, last]))
                                         .min()))
        return round(least)
    relief = (counts * (excess > 0)) @ np.minimum(excess[:, None], fills)
    largest = np.sort(relief[movable])[::-1][:size].sum()
    return max(0, round(float(counts @ np.maximum(0, excess) - largest)))


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
