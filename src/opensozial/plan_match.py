"""Whether an earlier plan belongs to an event file, before re-planning or diffing against it.

A plan of another event would otherwise be taken at its word: every one of its sessions
announced as cancelled, every session of this file as new. During the day sessions are
deleted from the file (cancelled) and rooms are lost, so those may differ; but a plan
sharing no session with the file, or using slots the file does not have, is another
event's (the slots are the day's skeleton: a closed slot stays, as a break).
"""

from __future__ import annotations

from pathlib import Path

from opensozial.errors import InputError, Location, Problem
from opensozial.model import Event
from opensozial.plan import Plan

SHOWN = 6


def belongs_to(plan: Plan, event: Event, path: Path) -> None:
    """Raise :class:`InputError` if ``plan`` (read from ``path``) is not of ``event``."""
    where = Location(path)
    sessions = [a.session for a in plan.assignments] + [u.session for u in plan.unscheduled]
    if sessions and not any(sid in event.session_by_id for sid in sessions):
        params = {"plan": str(path), "count": len(set(sessions))}
        raise InputError([Problem("plan_other_event_sessions", params, where)])
    unknown = sorted({s for a in plan.assignments for s in a.slots if s not in event.slot_by_id})
    if unknown:
        shown = ", ".join(f"'{s}'" for s in unknown[:SHOWN]) + (
            " …" if len(unknown) > SHOWN else ""
        )
        raise InputError(
            [Problem("plan_other_event_slots", {"plan": str(path), "slots": shown}, where)]
        )
