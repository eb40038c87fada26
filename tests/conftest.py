"""Shared fixtures: small events written in the test itself, and the shipped examples."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

# The ``live`` fixture: watch/serve as subprocesses that are always stopped (live board).
pytest_plugins = ("live_support",)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture
def write_event(tmp_path: Path) -> Callable[[str], Path]:
    """Write a YAML event (dedented) to a temp file and return its path."""

    def write(text: str, name: str = "event.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    return write


def make_event(rooms, slots, sessions, **extra):
    """Build a validated Event from compact Python data (rooms: (id, capacity[, features]))."""
    from opensozial.model import Event

    return Event.model_validate(
        {
            "event": {"name": "Test", "date": "2026-10-22", "language": "en"},
            "rooms": [
                {"id": r[0], "capacity": r[1], "features": list(r[2]) if len(r) > 2 else []}
                if isinstance(r, tuple) else r
                for r in rooms
            ],
            "slots": [
                {"id": s, "start": f"{9 + i}:00", "end": f"{9 + i}:45"} if isinstance(s, str) else s
                for i, s in enumerate(slots)
            ],
            "sessions": sessions,
            **extra,
        }
    )


def solve_and_check(event, time_limit: float = 2.0):
    """Solve, then hold the plan to the independent checker: every rule, every metric."""
    from opensozial.check import check
    from opensozial.solve import SolveOptions, solve

    plan = solve(event, SolveOptions(time_limit=time_limit))
    result = check(event, plan)
    assert result.ok, [v.text("en") for v in result.violations]
    assert result.metrics == plan.metrics
    return plan
