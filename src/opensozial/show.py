"""Showing a saved plan: it must belong to this event file before it is drawn.

A plan made for an earlier version of the file (a session, room or slot renamed or
removed) would otherwise show a grid with holes that look like free rooms.
"""

from __future__ import annotations

from pathlib import Path

from opensozial.check import check
from opensozial.errors import InputError, Location, Problem
from opensozial.model import Event
from opensozial.plan import Plan

_UNKNOWN = {"v_unknown_session": "session", "v_unknown_room": "room", "v_unknown_slot": "slot"}


def matching(event: Event, plan: Plan, path: Path) -> Plan:
    """The plan, if every session, room and slot it names is in the event; else an error."""
    unknown = sorted({str(v.params[_UNKNOWN[v.rule]]) for v in
                      check(event, plan, compare_metrics=False).violations if v.rule in _UNKNOWN})
    if unknown:
        raise InputError([Problem("show_other_event", {"ids": ", ".join(unknown[:8])},
                                  Location(path))])
    return plan
