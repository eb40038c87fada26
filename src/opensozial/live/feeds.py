"""What ``serve`` publishes besides the board: schedule.xml, schedule.json, schedule.ics, and
each person's own calendar.

Conference apps (Giggity, EventFahrplan) and calendar apps subscribe to these addresses
and update themselves after each re-plan. They are the export formats of
:mod:`opensozial.export`, rendered from the current snapshot with the plan history up to
it, so each session keeps its UID and its SEQUENCE rises with every move, exactly as in
``opensozial export``. Rendered once per plan version, since apps poll them.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import icalendar

from opensozial import export as exports
from opensozial.export.ical import render_personal
from opensozial.export.view import Programme
from opensozial.i18n import t
from opensozial.live.state import Snapshot

FEEDS = {  # address -> (export format, content type)
    "schedule.xml": ("frab-xml", "application/xml; charset=utf-8"),
    "schedule.json": ("frab-json", "application/json; charset=utf-8"),
    "schedule.ics": ("ics", "text/calendar; charset=utf-8"),
}


class Feeds:
    """The feeds of one event, cached by plan version."""

    def __init__(self, event_path: Path) -> None:
        self.event_path = event_path
        self._lock = threading.Lock()
        self._programme: tuple[int, Programme] | None = None
        self._rendered: dict[tuple[int, str], bytes] = {}

    def programme(self, snapshot: Snapshot) -> Programme | None:
        """The snapshot's plan as the exports see it (None before the first plan)."""
        if snapshot.event is None or snapshot.plan is None:
            return None
        with self._lock:
            if self._programme is None or self._programme[0] != snapshot.version:
                earlier = exports.earlier_plans(self.event_path, snapshot.saved)
                built = exports.programme_for(
                    snapshot.event, snapshot.plan, snapshot.lang, None, earlier
                )
                self._programme = (snapshot.version, built)
                self._rendered.clear()
            return self._programme[1]

    def feed(self, snapshot: Snapshot, name: str) -> bytes | None:
        """The public feed called ``name`` (a key of FEEDS) of the current plan."""
        programme = self.programme(snapshot)
        if programme is None:
            return None
        key = (snapshot.version, name)
        with self._lock:
            if key not in self._rendered:
                fmt = exports.resolve_format(FEEDS[name][0])
                rendered = fmt.render(programme, exports.options(snapshot.lang))
                assert isinstance(rendered, bytes)
                self._rendered[key] = rendered
            return self._rendered[key]


def personal_calendar(programme: Programme, person: str) -> bytes | None:
    """``person``'s own calendar, exactly as ``export --to ics --personal`` writes it.

    The export renders one calendar per person of the event; given only the sessions
    this person chose or hosts (and them as the only voter), it renders few, and theirs
    is the one named for them. None when they chose nothing.
    """
    event = programme.event
    mine = [s for s in event.sessions if person in s.people]
    if not mine:
        return None
    reduced = event.replaced(
        sessions=[s.replaced(votes=[person] if person in s.votes else []) for s in mine]
    )
    own = replace(
        programme,
        event=reduced,
        items=tuple(i for i in programme.items if person in i.session.people),
        unscheduled=tuple(s for s in programme.unscheduled if person in s.people),
    )
    wanted = t("ics_personal_name", programme.lang, event=event.event.name, person=person)
    for data in render_personal(own).values():
        if str(icalendar.Calendar.from_ical(data).get("X-WR-CALNAME")) == wanted:
            return data
    return None
