"""The progress callback: told of every stage and every better grid, never changes the plan."""

from __future__ import annotations

from conftest import EXAMPLES

from opensozial.load import load_event
from opensozial.solve import Progress, SolveOptions, solve

# in the order they run
STAGES = ("drops", "cpsat", "prove", "anneal", "lns", "certify", "rooms", "bound")


def test_progress_reports_stages_in_order_and_leaves_the_plan_alone() -> None:
    event = load_event(next(p for p in EXAMPLES if "open-sozial" in p.name))
    heard: list[Progress] = []
    options = SolveOptions(time_limit=1, wall_limit=300)  # the budget alone: comparable plans
    told = solve(event, SolveOptions(time_limit=1, wall_limit=300, on_progress=heard.append))
    assert told.to_json() == solve(event, options).to_json()
    stages = [p.stage for p in heard]
    assert stages[0] == "drops" and stages[-1] == "bound" and set(stages) <= set(STAGES)
    assert stages == sorted(stages, key=STAGES.index)  # no stage comes back
    grids = [p for p in heard if p.objective is not None]
    assert grids and all(p.conflicts is not None for p in grids)
    objectives = [p.objective for p in grids]
    assert objectives == sorted(objectives, reverse=True)  # only better grids are reported
    assert grids[-1].conflicts == told.metrics.conflicts
