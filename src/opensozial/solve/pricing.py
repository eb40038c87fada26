"""Exact pricing for the column generation of :mod:`opensozial.solve.certify`.

Given the weight the master's duals put on every *item* of one slot (a session, or one
piece of a multi-slot session, that may run in the slot), find the configurations — sets
of items that may run together in the slot — of least value ``cost − Σ weights``, where
cost counts every person's wanted sessions beyond the first. A configuration takes each
session once, no two sessions of one host, and fits the slot's rooms (Hall's condition
over the unions of the items' room sets; exact while the union closure is small).

CP-SAT needs seconds per slot for this; a depth-first branch-and-bound over the items,
compiled by numba, needs milliseconds. Why it is exact: a person's cost of adding an
item only grows as the configuration grows (the first wanted session is free, every
further one costs), so the marginal costs at a node bound those of every descendant; a
subtree is pruned when its node value plus its best ``rooms left`` marginal values
cannot beat what is kept. When the work budget runs out, the search returns a lower
bound instead (the least bound of every unexplored subtree), so the certificate built on
it stays true; ``tests/test_certify.py`` checks both against brute force.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numba
import numpy as np
import numpy.typing as npt

F64 = npt.NDArray[np.float64]
I64 = npt.NDArray[np.int64]
EPS = 1e-9


@dataclass(frozen=True)
class SlotItems:
    """One slot's pricing data (built once per slot, reused every iteration).

    ``incompatible[i, j]``: same session or a shared host. ``room_class[i]``: index of the
    item's room set; ``inside[u, c]``: class c's rooms lie inside union u, which has
    ``capacity[u]`` rooms. Groups of people are in CSR form both ways (item → groups,
    group → items) with their head counts.
    """

    rooms: int
    room_class: I64
    inside: npt.NDArray[np.bool_]
    capacity: I64
    incompatible: npt.NDArray[np.bool_]
    item_groups: tuple[I64, I64]
    group_items: tuple[I64, I64]
    group_count: F64

    @property
    def size(self) -> int:
        return len(self.room_class)

    @cached_property
    def neighbours(self) -> tuple[I64, I64]:
        """``incompatible`` as lists (CSR): adding an item visits only the items it
        blocks, not all of them."""
        rows, columns = np.nonzero(self.incompatible)
        pointer = np.zeros(self.size + 1, dtype=np.int64)
        np.add.at(pointer, rows + 1, 1)
        return np.cumsum(pointer), columns.astype(np.int64)


@dataclass(frozen=True)
class Priced:
    """The best configurations found (item index tuples, values ``cost − weight``, costs),
    a lower bound on every configuration's value (exact when ``exact``), and the work
    done (nodes, candidates scanned, marginal costs updated: what its time is
    proportional to)."""

    columns: list[tuple[int, ...]]
    values: list[float]
    costs: list[float]
    lower_bound: float
    exact: bool
    work: int


def price(items: SlotItems, weight: F64, cutoff: float, keep: int, work_limit: int) -> Priced:
    """Configurations of value below ``max(cutoff, 0)``, the ``keep`` best; the empty one
    (value 0) is always among the candidates, so the least value is never above 0."""
    ptr, idx = items.item_groups
    gptr, gidx = items.group_items
    vals, costs, sets, found, lower, work, exact = _search(
        items.rooms, np.ascontiguousarray(weight, dtype=np.float64), items.room_class,
        items.inside, items.capacity, *items.neighbours, ptr, idx, gptr, gidx,
        items.group_count, float(cutoff), int(keep), int(work_limit))
    columns = [tuple(sorted(int(i) for i in sets[k] if i >= 0)) for k in range(found)]
    return Priced(columns, [float(v) for v in vals[:found]], [float(c) for c in costs[:found]],
                  float(lower), bool(exact), int(work))

@numba.njit(cache=True)
def _prepare(depth, source, first, count, addable, marginal, cand, cnum, suf, suf1, top):
    """Candidates of a node (the addable items of ``source[first:count]``) and, for every
    suffix of them, the sum of the ``rooms left`` most negative marginal values (``suf``)
    and of one fewer (``suf1``): the most any further items can take off."""
    m = 0
    for k in range(first, count):
        i = source[k]
        if addable[i]:
            cand[depth, m] = i
            m += 1
    cnum[depth] = m
    c = len(top)
    suf[depth, m] = 0.0
    suf1[depth, m] = 0.0
    for k in range(m - 1, -1, -1):
        v = marginal[cand[depth, k]]
        if c > 0 and v < top[c - 1]:
            j = c - 1
            while j > 0 and top[j - 1] > v:
                top[j] = top[j - 1]
                j -= 1
            top[j] = v
        total = 0.0
        for j in range(c - 1):
            total += top[j]
        suf1[depth, k] = total
        suf[depth, k] = total + (top[c - 1] if c > 0 else 0.0)


@numba.njit(cache=True, nogil=True)
def _search(rooms, weight, room_class, inside, capacity, nptr, nidx, ptr, idx, gptr, gidx,
            group_count, cutoff, keep, work_limit):  # pragma: no cover - compiled
    n = len(weight)
    width = max(rooms, 1)
    order = np.argsort(-weight, kind="mergesort")
    delta = np.zeros(n)  # each item's marginal cost given the chosen ones
    hits = np.zeros(len(group_count), dtype=np.int64)
    blocked = np.zeros(n, dtype=np.int64)
    used = np.zeros(len(capacity), dtype=np.int64)
    best_vals = np.full(keep, np.inf)
    best_costs = np.zeros(keep)
    best_sets = np.full((keep, width), -1, dtype=np.int64)
    found = 0
    chosen = np.full(width, -1, dtype=np.int64)
    cand = np.empty((width + 1, n), dtype=np.int64)
    cnum = np.zeros(width + 1, dtype=np.int64)
    nxt = np.zeros(width + 1, dtype=np.int64)
    suf = np.zeros((width + 1, n + 1))
    suf1 = np.zeros((width + 1, n + 1))
    addable = np.zeros(n, dtype=np.bool_)
    marginal = np.zeros(n)
    value, cost, depth, work = 0.0, 0.0, 0, 0
    lower = np.inf
    aborted = False
    entered = True
    while True:
        if entered:  # a new node: keep it if good enough, list its candidates
            entered = False
            work += 1
            ceiling = max(cutoff, 0.0)
            if found == keep:
                ceiling = min(ceiling, best_vals[keep - 1])
            if value < ceiling - EPS or depth == 0:
                j = min(found, keep - 1)
                while j > 0 and best_vals[j - 1] > value:
                    best_vals[j] = best_vals[j - 1]
                    best_costs[j] = best_costs[j - 1]
                    best_sets[j] = best_sets[j - 1]
                    j -= 1
                best_vals[j] = value
                best_costs[j] = cost
                best_sets[j] = -1
                best_sets[j, :depth] = chosen[:depth]
                found = min(found + 1, keep)
            cnum[depth] = 0
            nxt[depth] = 0
            if depth < rooms:
                if depth == 0:
                    source, first, count = order, 0, n
                else:
                    source, first, count = cand[depth - 1], nxt[depth - 1], cnum[depth - 1]
                work += count - first
                for k in range(first, count):
                    i = source[k]
                    marginal[i] = delta[i] - weight[i]
                    # An item that adds nothing here never helps below either (its
                    # marginal cost only grows): leaving it out is at least as good.
                    addable[i] = marginal[i] < -EPS and _addable(i, blocked, room_class, inside,
                                                                  capacity, used)
                _prepare(depth, source, first, count, addable, marginal, cand, cnum, suf, suf1,
                         np.zeros(rooms - depth))
                work += cnum[depth] * (rooms - depth)
        ceiling = max(cutoff, 0.0)
        if found == keep:
            ceiling = min(ceiling, best_vals[keep - 1])
        k = nxt[depth]
        if not aborted and k < cnum[depth] and value + suf[depth, k] < ceiling - EPS:
            if work >= work_limit:
                aborted = True
            else:
                i = cand[depth, k]
                nxt[depth] = k + 1
                if value + delta[i] - weight[i] + suf1[depth, k + 1] < ceiling - EPS:
                    cost += delta[i]
                    value += delta[i] - weight[i]
                    work += _apply(i, 1, delta, hits, blocked, used, room_class, inside,
                                   nptr, nidx, ptr, idx, gptr, gidx, group_count)
                    chosen[depth] = i
                    depth += 1
                    entered = True
                continue
        if aborted and k < cnum[depth]:
            lower = min(lower, value + suf[depth, k])
        if depth == 0:
            break
        depth -= 1
        i = chosen[depth]
        work += _apply(i, -1, delta, hits, blocked, used, room_class, inside, nptr, nidx,
                       ptr, idx, gptr, gidx, group_count)
        cost -= delta[i]
        value -= delta[i] - weight[i]
        chosen[depth] = -1
    return (best_vals, best_costs, best_sets, found, min(lower, best_vals[0]), work,
            not aborted)


@numba.njit(cache=True)
def _addable(i, blocked, room_class, inside, capacity, used):  # pragma: no cover - compiled
    if blocked[i] > 0:
        return False
    c = room_class[i]
    for u in range(len(capacity)):
        if inside[u, c] and used[u] >= capacity[u]:
            return False
    return True


@numba.njit(cache=True)
def _apply(i, sign, delta, hits, blocked, used, room_class, inside, nptr, nidx, ptr, idx,
           gptr, gidx, group_count):  # pragma: no cover - compiled
    """Add (sign 1) or remove (sign −1) item i: marginal costs, blocks, room use.
    Returns the steps taken (the work it counts)."""
    steps = nptr[i + 1] - nptr[i] + len(used) + ptr[i + 1] - ptr[i]
    for k in range(nptr[i], nptr[i + 1]):
        blocked[nidx[k]] += sign
    c = room_class[i]
    for u in range(len(used)):
        if inside[u, c]:
            used[u] += sign
    for k in range(ptr[i], ptr[i + 1]):
        g = idx[k]
        if sign > 0:
            hits[g] += 1
            if hits[g] == 1:
                steps += gptr[g + 1] - gptr[g]
                for q in range(gptr[g], gptr[g + 1]):
                    delta[gidx[q]] += group_count[g]
        else:
            hits[g] -= 1
            if hits[g] == 0:
                steps += gptr[g + 1] - gptr[g]
                for q in range(gptr[g], gptr[g + 1]):
                    delta[gidx[q]] -= group_count[g]
    return steps
