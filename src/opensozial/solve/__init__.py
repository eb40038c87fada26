"""Plan an event: settle who waits, CP-SAT slot model, annealing, LNS, rooms, exact score.

``solve(event, options)`` is the one entry point (its stages: ``stages.py``); it prints
nothing and, unless the wall-clock cap cuts it short, is deterministic: the same event
and options give the same plan on every run and machine.
"""

from opensozial.solve.options import DEFAULT_TIME_LIMIT, SolveOptions, Tuning
from opensozial.solve.progress import Progress
from opensozial.solve.stages import solve

__all__ = ["DEFAULT_TIME_LIMIT", "Progress", "SolveOptions", "Tuning", "solve"]
