"""Re-planning during the event: change as little as possible, never touch what has started.

At a barcamp the plan changes all day (a host falls ill, a topic is pitched at lunch, a
room is lost). People have read the wall, so a re-plan must keep the grid they know:

* sessions whose first slot has started by ``now`` are **frozen**: never moved, never
  dropped; if the event file no longer allows their place, that is an error to fix;
* no session is put into a slot that has already started;
* **first** every session stays where it was if its place still exists and is free, and
  only what is new or displaced gets placed (so an unchanged file gives the same grid,
  and one new session changes nothing else);
* **only if** that leaves a session without a slot that had one (or is new), all
  not-yet-started sessions may move; each move then costs ``weights.move_slot``
  (another time) or ``weights.move_room`` (another room), so the solver makes the
  fewest, cheapest moves. That result is taken only if it takes fewer slots away from
  announced sessions (or, equally many, leaves less demand without a slot): a session
  pitched at lunch never pushes out one that people already planned their day around.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from zoneinfo import ZoneInfo

from opensozial.errors import InfeasibleError, InputError, Problem
from opensozial.i18n import t
from opensozial.model import Event, parse_clock
from opensozial.placements import placements
from opensozial.plan import Plan, Unscheduled
from opensozial.solve import SolveOptions, solve
from opensozial.solve.problem import Placed, drop_cost


def parse_now(text: str, event: Event) -> dt.datetime:
    """``"11:40"`` (on the event's date) or ``"2026-10-22T11:40"`` → aware time in the event's zone."""
    zone = ZoneInfo(event.event.timezone)
    value = text.strip()
    try:
        clock = parse_clock(value)
    except ValueError:
        clock = None
    if isinstance(clock, dt.time):
        return dt.datetime.combine(event.event.date, clock, zone)
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InputError([Problem("now_invalid", {"value": text, "date": event.event.date.isoformat()})]) from None
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def replan(event: Event, previous: Plan | None, now: dt.datetime | None, options: SolveOptions) -> Plan:
    """Plan ``event`` again, keeping as much of ``previous`` as the rules allow (see module doc)."""
    started = {slot.id for slot in event.slots if now is not None and event.slot_start(slot) <= now}
    before = {a.session: Placed(a.slots, a.room) for a in previous.assignments} if previous else {}
    frozen = _frozen(event, previous, before, started)
    planning = _close_started_slots(event, started, frozen)
    if previous is None or not before:
        result = solve(planning, options)
    else:
        result = _minimal_change(planning, before, {u.session for u in previous.unscheduled}, frozen, options)
    result = _titled(_too_late(result, event, planning), event)
    if now is not None or previous is not None:
        result.solver["replan"] = {
            "now": now.isoformat() if now is not None else None,
            "frozen": sorted(frozen, key=list(event.session_by_id).index),
        }
    return result


def _frozen(event: Event, previous: Plan | None, before: dict[str, Placed], started: set[str]) -> frozenset[str]:
    """Sessions of the previous plan that have started; each must still fit where it is."""
    frozen = {sid for sid, place in before.items() if place.slots and place.slots[0] in started}
    problems = []
    titles = {a.session: a.title for a in previous.assignments} if previous else {}
    for sid in sorted(frozen, key=lambda s: event.slot_index[before[s].slots[0]]):
        place = before[sid]
        params = {
            "id": sid,
            "title": titles.get(sid) or sid,
            "time": f"{event.slot_by_id[place.slots[0]].start:%H:%M}",
            "room": event.room_by_id[place.room].label if place.room in event.room_by_id else place.room,
        }
        session = event.session_by_id.get(sid)
        if session is None:
            problems.append(Problem("frozen_removed", params))
        elif not any((p.slots, p.room) == (place.slots, place.room) for p in placements(event, session)):
            problems.append(Problem("frozen_impossible", params))
    if problems:
        raise InputError(problems)
    return frozenset(frozen)


def _close_started_slots(event: Event, started: set[str], frozen: frozenset[str]) -> Event:
    """The event as the solver must see it: slots that have begun are closed to everything
    that is not already running there (a pin still decides for itself)."""
    if not started:
        return event
    closed = sorted(started, key=lambda slot: event.slot_index[slot])
    sessions = [
        s if s.id in frozen or s.pinned is not None
        else s.replaced(unavailable=list(dict.fromkeys([*s.unavailable, *closed])))
        for s in event.sessions
    ]
    return event.replaced(sessions=sessions)


def _still_fitting(event: Event, before: dict[str, Placed], frozen: frozenset[str]) -> frozenset[str]:
    """Previous placements that can stay exactly as they are: still allowed, and not in
    the way of each other, of a frozen session or of a pin that now claims the cell."""
    taken: set[tuple[str, str]] = set()
    busy: set[tuple[str, str]] = set()

    def claim(sid: str, place: Placed) -> None:
        taken.update((slot, place.room) for slot in place.slots)
        busy.update((host, slot) for host in event.session_by_id[sid].hosts for slot in place.slots)

    for sid in frozen:
        claim(sid, before[sid])
    for session in event.sessions:  # pins that moved reserve their new cell
        pin = session.pinned
        if pin is None or pin.room is None or session.id in frozen:
            continue
        run = event.runs(event.slot_by_id[pin.slot], session.length) or []
        if before.get(session.id) != Placed(tuple(s.id for s in run), pin.room):
            taken.update((slot.id, pin.room) for slot in run)
    kept = set(frozen)
    for session in event.sessions:
        place = before.get(session.id)
        if place is None or session.id in frozen:
            continue
        allowed = any((p.slots, p.room) == (place.slots, place.room) for p in placements(event, session))
        cells = {(slot, place.room) for slot in place.slots}
        hosts = {(host, slot) for host in session.hosts for slot in place.slots}
        if allowed and not cells & taken and not hosts & busy:
            kept.add(session.id)
            claim(session.id, place)
    return frozenset(kept)


def _minimal_change(
    event: Event, before: dict[str, Placed], was_open: set[str], frozen: frozenset[str], options: SolveOptions
) -> Plan:
    kept = _still_fitting(event, before, frozen)
    try:
        first: Plan | None = solve(event, replace(options, previous=before, frozen=kept))
    except InfeasibleError:  # a kept session blocks a pin or a host: let everything move
        first = None
    if first is not None and all(u.session in was_open for u in first.unscheduled):
        return first  # nothing new is left out: no reason to move anything
    second = solve(event, replace(options, previous=before, frozen=frozen))
    if first is None:
        return second
    elapsed = first.elapsed + second.elapsed
    better = min((first, second), key=lambda plan: _losses(event, plan, before))  # a tie keeps the first
    better.elapsed = elapsed
    return better


def _losses(event: Event, plan: Plan, before: dict[str, Placed]) -> tuple[int, int]:
    """How bad the open ends are: announced sessions losing their slot weigh most (people
    planned their day around them), then all open ends, by demand as the solver counts."""
    top = max((s.demand for s in event.sessions), default=0) + 1
    sessions = event.session_by_id
    cost = {u.session: drop_cost(event.weights.unscheduled, top, sessions[u.session]) for u in plan.unscheduled}
    return sum(c for sid, c in cost.items() if sid in before), sum(cost.values())


def _too_late(plan: Plan, event: Event, planning: Event) -> Plan:
    """Open ends that would fit the day but not its rest: say so, rather than "rooms full"."""
    def too_late(sid: str) -> bool:
        fits_rest = placements(planning, planning.session_by_id[sid])
        return not fits_rest and bool(placements(event, event.session_by_id[sid]))

    plan.unscheduled = [
        Unscheduled(u.session, reason_code="too_late") if too_late(u.session) else u
        for u in plan.unscheduled
    ]
    return plan


def _titled(plan: Plan, event: Event) -> Plan:
    """Record each session's title in the plan (for naming it after it is removed)."""
    plan.assignments = [
        replace(a, title=event.session_by_id[a.session].title) if a.session in event.session_by_id else a
        for a in plan.assignments
    ]
    return plan

