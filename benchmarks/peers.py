"""The baselines run beside opensozial: naive CP-SAT, greedy, and PyPI conference-scheduler.

Each returns a grid (session -> room, slots); ``run.py`` scores every grid with our
independent checker, so no method is judged by its own account.

``conference-scheduler`` (PyCon UK's ILP planner, 3.0.1; optional ``bench`` extra)
schedules events into (room, time) cells, every event exactly once, with capacities
and "unavailability" (cells, or other events that must not run at the same time). It
has no notion of attendees' votes, so it cannot minimise conflicts; we feed it what it
can take: demand vs room capacity (its objective: seats short), the cells a session may
not use (session unavailable, room lacks a needed feature, room closed), and as
"must not run together" the sessions sharing a host and declared ``avoid`` pairs. Its
model has no multi-slot events: a workshop is given one cell and, in the grid read
back, also takes the next slot in the same room when that cell is free (else it is
counted as unscheduled). More sessions than cells: the least-demanded are left out
first, as our planner would.
"""

from __future__ import annotations

import datetime as dt

from opensozial.model import Event
from opensozial.solve import SolveOptions, solve
from opensozial.solve.greedy import greedy
from opensozial.solve.problem import build_instance

Grid = dict[str, tuple[str, tuple[str, ...]]]


def ours(event: Event, seconds: float) -> tuple[Grid, dict]:
    return _ours(event, SolveOptions(time_limit=seconds))


def ours_budget_only(event: Event, seconds: float) -> tuple[Grid, dict]:
    """Ours with the deterministic budget alone (no wall-clock cap): the same grid on
    every machine, however busy, so objectives compare across runs."""
    return _ours(event, SolveOptions(time_limit=seconds, wall_limit=float("inf")))


def _ours(event: Event, options: SolveOptions) -> tuple[Grid, dict]:
    plan = solve(event, options)
    extra = {
        "bound": plan.bound,
        "objective": plan.objective,
        "conflicts_bound": plan.conflicts_bound,
        "status": plan.status,
        "stopped_by": plan.solver["stopped_by"],
        "conflicts": plan.metrics.conflicts,
    }
    return {a.session: (a.room, a.slots) for a in plan.assignments}, extra


def naive(event: Event, seconds: float, wall: float | None = None) -> tuple[Grid, dict]:
    """One boolean per session × slot × room, no hint, no LNS: the textbook CP-SAT model."""
    options = SolveOptions(time_limit=seconds, wall_limit=wall, joint=True, use_hint=False,
                           lns=False)
    plan = solve(event, options)
    if plan.solver["engine"] == "greedy":  # solve() fell back to the greedy grid
        raise RuntimeError("no grid in time")
    return {a.session: (a.room, a.slots) for a in plan.assignments}, {"objective": plan.objective}


def greedy_grid(event: Event, seconds: float) -> tuple[Grid, dict]:
    """Most demanded first, each into the slot where it adds the least cost."""
    placed = greedy(build_instance(event))
    return {sid: (p.room, p.slots) for sid, p in placed.items()}, {}


def conference_scheduler(event: Event, seconds: float) -> tuple[Grid, dict]:
    import pulp
    from conference_scheduler import scheduler
    from conference_scheduler.lp_problem import objective_functions
    from conference_scheduler.resources import Event as CsEvent
    from conference_scheduler.resources import Slot as CsSlot

    slots = [s for s in event.session_slots]
    cells = [(slot, room) for slot in slots for room in event.rooms]
    cs_slots = {
        (slot.id, room.id): CsSlot(
            venue=room.id,
            starts_at=dt.datetime.combine(event.slot_date(slot), slot.start),
            duration=_minutes(slot), capacity=room.capacity, session=slot.id)
        for slot, room in cells
    }
    keep = sorted(event.sessions, key=lambda s: (-s.demand, event.sessions.index(s)))[: len(cells)]
    keep = [s for s in event.sessions if s in keep]
    cs_events = {s.id: CsEvent(name=s.id, duration=min(_minutes(u) for u in slots), demand=s.demand)
                 for s in keep}
    for session in keep:
        for slot, room in cells:
            closed = slot.id in session.unavailable or slot.id in room.unavailable
            if closed or not set(session.needs) <= set(room.features):
                cs_events[session.id].add_unavailability(cs_slots[(slot.id, room.id)])
        for other in keep:
            if other.id != session.id and (
                set(session.hosts) & set(other.hosts)
                or other.id in session.avoid
                or session.id in other.avoid
            ):
                cs_events[session.id].add_unavailability(cs_events[other.id])
    events = list(cs_events.values())
    slot_list = list(cs_slots.values())
    # CBC reports "not solved" below about 3 s even on 19 sessions; give it at least that.
    solver = pulp.PULP_CBC_CMD(msg=False, timeLimit=max(3, round(seconds)), threads=1)
    found = scheduler.solution(
        events,
        slot_list,
        objective_function=objective_functions.efficiency_capacity_demand_difference,
        solver=solver,
    )
    key_of = {v: k for k, v in cs_slots.items()}
    grid: Grid = {}
    taken = set()
    for e, s in sorted(found):
        slot_id, room_id = key_of[slot_list[s]]
        grid[events[e].name] = (room_id, (slot_id,))
        taken.add((slot_id, room_id))
    for sid, (room_id, (slot_id,)) in list(grid.items()):
        session = event.session_by_id[sid]
        if session.length > 1:  # workshops: extend into the following slots if free
            run = event.runs(event.slot_by_id[slot_id], session.length)
            ids = tuple(u.id for u in run) if run else ()
            if run and all((u, room_id) not in taken for u in ids[1:]) \
                    and not any(u in session.unavailable for u in ids):
                grid[sid] = (room_id, ids)
                taken.update((u, room_id) for u in ids)
            else:
                del grid[sid]
    return grid, {}


def _minutes(slot) -> int:
    start = dt.datetime.combine(dt.date(2000, 1, 1), slot.start)
    end = dt.datetime.combine(dt.date(2000, 1, 1), slot.end)
    return int((end - start).total_seconds() // 60)


METHODS = {
    "ours": ours,
    "ours-budget": ours_budget_only,
    "naive-budget": lambda event, seconds: naive(event, seconds, float("inf")),
    "naive": naive,
    "greedy": greedy_grid,
    "conference-scheduler": conference_scheduler,
}
