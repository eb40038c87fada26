"""What the planner reports while it searches (for a live progress display)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    """The stage the search is in and the best grid so far (None: no grid yet)."""

    stage: str  # "drops", "cpsat", "prove", "anneal", "lns", "certify", "rooms", "bound"
    conflicts: int | None
    objective: int | None
