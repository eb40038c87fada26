"""Re-planning during the event: change as little as possible; what has started is history.

At a barcamp the plan changes all day (a host falls ill, a topic is pitched at lunch, a
room is lost). People have read the wall, so a re-plan must keep the grid they know:

* sessions whose first slot has started by ``now`` are **history**: they stay where they
  ran, whatever the edited file says now (its room deleted or closed, its host replaced,
  the session deleted: :func:`with_history` keeps what they need), and no other session
  is put into a slot that has started. A change never refuses the file because of them;
* **first** every session stays where it was if its place still exists and is free, and
  only what is new or displaced gets placed (so an unchanged file gives the same grid,
  and one new session changes nothing else);
* **only if** that leaves a session without a slot that had one (or is new), all
  not-yet-started sessions may move; each move then costs ``weights.move_slot``
  (another time) or ``weights.move_room`` (another room). That result is taken only if
  it takes less from announced sessions;
* the **promise**: no announced session waits while a less-wanted announced one keeps a
  place it could take — the more-wanted one takes that place, the other waits
  (:func:`_keep_promise`), whatever the solver's weights or time budget made of it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from opensozial.errors import InfeasibleError, InputError, Problem
from opensozial.history import ran_before, started_slots, with_history
from opensozial.model import Event, Pin, parse_clock
from opensozial.placements import keeps_order, placements
from opensozial.plan import Placed, Plan, Unscheduled, drop_cost

if TYPE_CHECKING:  # the solver loads when planning, not when `show` reads a --now
    from opensozial.solve import SolveOptions


def parse_now(text: str, event: Event) -> dt.datetime:
    """``"11:40"`` (on the event's date) or ``"2026-10-22T11:40"`` → aware, in the event's zone."""
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
        params = {"value": text, "date": event.event.date.isoformat()}
        raise InputError([Problem("now_invalid", params)]) from None
    return moment.replace(tzinfo=zone) if moment.tzinfo is None else moment.astimezone(zone)


def replan(
    event: Event, previous: Plan | None, now: dt.datetime | None, options: SolveOptions
) -> Plan:
    """Plan ``event`` again, keeping as much of ``previous`` as the rules allow (see module doc)."""
    from opensozial.solve import solve  # here, not on import: `show --now` needs no solver

    event = with_history(event, previous, now)
    started = started_slots(event, now)
    before = {a.session: Placed(a.slots, a.room) for a in previous.assignments} if previous else {}
    frozen = frozenset(a.session for a in ran_before(event, previous, now))
    planning, stranded = _without_impossible_pins(_close_started_slots(event, started, frozen))
    if previous is None or not before:
        result = solve(planning, options)
    else:
        result = _minimal_change(
            planning, before, {u.session for u in previous.unscheduled}, frozen, options
        )
        result = _keep_promise(planning, result, before, frozen, options)
    result.unscheduled = [stranded.get(u.session, u) for u in result.unscheduled]
    result = _recorded(_too_late(result, event, planning), event)
    if now is not None or previous is not None:
        result.solver["replan"] = {
            "now": now.isoformat() if now is not None else None,
            "frozen": sorted(frozen, key=list(event.session_by_id).index),
        }
    return result


def _close_started_slots(event: Event, started: set[str], frozen: frozenset[str]) -> Event:
    """The event as the solver must see it: slots that have begun are closed to everything
    that is not already running there (a pin still decides for itself)."""
    if not started:
        return event
    closed = sorted(started, key=lambda slot: event.slot_index[slot])
    sessions = [
        s
        if s.id in frozen or s.pinned is not None
        else s.replaced(unavailable=list(dict.fromkeys([*s.unavailable, *closed])))
        for s in event.sessions
    ]
    return event.replaced(sessions=sessions)


def _without_impossible_pins(event: Event) -> tuple[Event, dict[str, Unscheduled]]:
    """Pinned sessions whose pin cannot hold any more (its room closed now) wait as open
    ends, with the pin as the reason, instead of making every grid impossible."""
    from opensozial.solve.reasons import nowhere

    stranded = {
        s.id: nowhere(event, s) for s in event.sessions if s.pinned and not placements(event, s)
    }
    if not stranded:
        return event, stranded
    closed = [slot.id for slot in event.slots]
    sessions = [
        s.replaced(pinned=None, unavailable=closed) if s.id in stranded else s
        for s in event.sessions
    ]
    return event.replaced(sessions=sessions), stranded


def _still_fitting(
    event: Event, before: dict[str, Placed], frozen: frozenset[str]
) -> frozenset[str]:
    """Previous placements that can stay exactly as they are: still allowed, and not in
    the way of each other, of a frozen session or of a pin that now claims the cell."""
    taken: set[tuple[str, str]] = set()
    busy: set[tuple[str, str]] = set()

    def claim(sid: str, place: Placed) -> None:
        taken.update((slot, place.room) for slot in place.slots)
        busy.update(
            (host, slot) for host in event.session_by_id[sid].person_hosts for slot in place.slots
        )

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
        allowed = any(
            (p.slots, p.room) == (place.slots, place.room) for p in placements(event, session)
        )
        cells = {(slot, place.room) for slot in place.slots}
        hosts = {(host, slot) for host in session.person_hosts for slot in place.slots}
        if allowed and not cells & taken and not hosts & busy:
            kept.add(session.id)
            claim(session.id, place)
    return frozenset(kept)


def _minimal_change(
    event: Event,
    before: dict[str, Placed],
    was_open: set[str],
    frozen: frozenset[str],
    options: SolveOptions,
) -> Plan:
    from opensozial.solve import solve

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
    better = min(
        (first, second), key=lambda plan: _losses(event, plan, before)
    )  # a tie keeps the first
    better.elapsed = elapsed
    better.bound = min(second.bound, better.objective)  # only the second searched every grid
    better.status = "optimal" if better is second and second.status == "optimal" else "feasible"
    return better


def _losses(event: Event, plan: Plan, before: dict[str, Placed]) -> tuple[int, int]:
    """How bad the open ends are: announced sessions losing their slot weigh most (people
    planned their day around them), then all open ends, by demand as the solver counts."""
    top = max((s.demand for s in event.sessions), default=0) + 1
    sessions = event.session_by_id
    cost = {
        u.session: drop_cost(event.weights.unscheduled, top, sessions[u.session])
        for u in plan.unscheduled
    }
    return sum(c for sid, c in cost.items() if sid in before), sum(cost.values())


def _keep_promise(
    event: Event,
    plan: Plan,
    before: dict[str, Placed],
    frozen: frozenset[str],
    options: SolveOptions,
) -> Plan:
    """No announced session waits while a less-wanted announced one keeps a place it could take.

    The solver weighs drops against moves, seats and clashes, and a short budget may stop
    it early; this promise holds regardless. Each waiting announced session, the most
    wanted first, takes the place of the least-wanted announced session that is neither
    running nor pinned nor followed by a placed part, if it fits there (the place suits
    it, its hosts are free then, and it keeps the order of its parts).
    Every other session then stays put, and the one that gave way gets any place left.
    """
    from opensozial.solve import solve
    from opensozial.solve.problem import build_instance
    from opensozial.solve.reasons import why_unscheduled

    placed = {a.session: Placed(a.slots, a.room) for a in plan.assignments}
    sessions = event.session_by_id
    gave_way: dict[str, str] = {}
    waiting = sorted(
        (u.session for u in plan.unscheduled if u.session in before),
        key=lambda sid: (-sessions[sid].demand, event.sessions.index(sessions[sid])),
    )
    for sid in waiting:
        session = sessions[sid]
        fits = {(p.slots, p.room) for p in placements(event, session)
                if keeps_order(event, sid, p.slots, placed)}
        busy = {
            (h, u): other
            for other, p in placed.items()
            for h in sessions[other].person_hosts
            for u in p.slots
        }
        givers = sorted(
            (
                other
                for other, p in placed.items()
                if other in before
                and other not in frozen
                and sessions[other].pinned is None
                and event.next_part(other) not in placed  # (its next part needs it)
                and sessions[other].demand < session.demand
                and (p.slots, p.room) in fits
                and all(
                    busy.get((h, u), other) == other for h in session.person_hosts for u in p.slots
                )
            ),
            key=lambda other: (sessions[other].demand, event.sessions.index(sessions[other])),
        )
        if givers:
            placed[sid] = placed.pop(givers[0])
            gave_way[givers[0]] = sid
    if not gave_way:
        return plan
    pinned = event.replaced(
        sessions=[
            s.replaced(pinned=Pin(slot=placed[s.id].slots[0], room=placed[s.id].room))
            if s.id in placed
            else s
            for s in event.sessions
        ]
    )
    kept = solve(pinned, replace(options, previous=before, frozen=frozen))
    found = {a.session: Placed(a.slots, a.room) for a in kept.assignments}
    problem = build_instance(event, before, frozen)  # reasons against the real rules, not the pins
    kept.unscheduled = [
        Unscheduled(
            u.session, reason_code="gave_way", params={"other": sessions[gave_way[u.session]].title}
        )
        if u.session in gave_way
        else why_unscheduled(problem, found, u.session)
        for u in kept.unscheduled
    ]
    kept.status = "feasible"  # the promise overrides the weights: optimal no longer applies
    kept.bound = min(plan.bound, kept.objective)
    kept.elapsed += plan.elapsed
    return kept


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


def _recorded(plan: Plan, event: Event) -> Plan:
    """Record what a later diff (and the history of a deleted session) needs: each session's
    title and hosts, each room's name, seats, parts and the slots it is closed (its
    ``unavailable`` and those outside its parts), each plenary's title and time."""
    sessions, closed = event.session_by_id, event.room_closed
    plan.assignments = [
        replace(a, title=sessions[a.session].title, hosts=tuple(sessions[a.session].hosts))
        if a.session in sessions
        else a
        for a in plan.assignments
    ]
    plan.context = {
        "rooms": {
            r.id: {"name": r.label, "capacity": r.capacity,
                   "closed": [s.id for s in event.slots if s.id in closed[r.id]],
                   "parts": list(r.parts)}
            for r in event.rooms
        },
        "plenaries": {
            s.id: {
                "title": s.plenary,
                "date": event.slot_date(s).isoformat(),
                "start": f"{s.start:%H:%M}",
                "end": f"{s.end:%H:%M}",
            }
            for s in event.slots
            if s.plenary is not None
        },
    }
    return plan
