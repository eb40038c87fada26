"""Exact value of every soft rule for a finished placement (the solver's own account).

The CP-SAT model only bounds some terms from below (an excess variable may sit above
its true value in a non-optimal solution), so the plan's score and metrics are
evaluated here from the placement itself, rule by rule as ``rules.py`` declares them.
``check.py`` re-derives the same figures independently from the event file; the tests
hold the two to equality.
"""

from __future__ import annotations

from opensozial.plan import Placed
from opensozial.solve.problem import Instance
from opensozial.solve.rules import SOFT


def evaluate(instance: Instance, placed: dict[str, Placed]) -> dict[str, int]:
    """Raw figures per soft rule: conflicts, overflow, track, avoid, unscheduled, moves."""
    raw: dict[str, int] = {}
    for rule in SOFT:
        raw |= rule.count(instance, placed)
    return raw


def weighted(instance: Instance, raw: dict[str, int]) -> dict[str, int]:
    """The objective per rule, as the solver minimises it (the plan's ``score``)."""
    weights = instance.event.weights
    return {rule.name: rule.price(weights, raw) for rule in SOFT}
