"""iCalendar (FORMAT ``ics``): the programme in people's phones, via the ``icalendar`` package.

Every session keeps one UID across re-plans (see ``view.session_guid``), identical in
the public and in the personal calendars, and its SEQUENCE counts how often its time or
room changed in the plan history, so importing a newer export updates entries instead
of duplicating or ignoring them. DTSTAMP comes from the event file (the event's date),
never from the clock, so an unchanged plan exports to identical bytes. Times carry the
event's TZID with a matching VTIMEZONE written as yearly rules (see ``vtimezone``).

Besides the public calendar there are folders of calendars: one per participant
(``--personal``), one per room (FORMAT ``ics-rooms``, for a room's door tablet) and one
per track (FORMAT ``ics-tracks``, to subscribe to a theme). Their file names are
transliterated and unique (see ``names``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from functools import lru_cache

from icalendar import Calendar, Event, Timezone
from icalendar.enums import STATUS

from opensozial.errors import InputError, Problem
from opensozial.export.common import common_items
from opensozial.export.names import file_names
from opensozial.export.view import ExportOptions, Item, Programme, event_namespace
from opensozial.export.vtimezone import vtimezone
from opensozial.i18n import t
from opensozial.render.labels import part_line, shown_title

PRODID = "-//opensozial//opensozial export//EN"


def _stamp(programme: Programme) -> dt.datetime:
    """A DTSTAMP derived from the input: midnight UTC of the event's (first) date."""
    return dt.datetime.combine(programme.event.event.date, dt.time(0), dt.UTC)


def _vevent(
    programme: Programme, item: Item, notes: Iterable[str] = (), status: STATUS | None = None
) -> Event:
    lang = programme.lang
    # A part keeps the group's title (calendars show one series); its part leads the notes.
    lines = [part_line(item.part, lang)] if item.part else []
    if item.session.hosts:
        lines.append(t("ics_hosts", lang, hosts=", ".join(item.session.hosts)))
    if item.session.description:
        lines.append(item.session.description)
    lines += list(notes)
    return Event.new(
        summary=_one_line(item.session.title),
        start=item.start,
        end=item.end,
        location=_one_line(item.room.label),
        uid=str(item.guid),
        sequence=programme.changes.get(item.session.id, 0),
        stamp=_stamp(programme),
        categories=[item.session.track] if item.session.track else (),
        description="\n".join(lines) or None,
        status=status,
    )


def _calendar(
    programme: Programme,
    name: str,
    uid_key: str,
    events: list[Event],
    description: str | None = None,
) -> bytes:
    # icalendar writes the name and description also as X-WR-CALNAME / X-WR-CALDESC,
    # which it does not escape: they must be single lines.
    calendar = Calendar.new(
        name=_one_line(name),
        prodid=PRODID,
        uid=str(_calendar_uid(programme, uid_key)),
        description=_one_line(description) if description else None,
        subcomponents=[_zone(programme), *events],  # the zone first: some readers need it so
    )
    return calendar.to_ical()


def _zone(programme: Programme) -> Timezone:
    """The event's VTIMEZONE, made once per programme (a folder may hold hundreds)."""
    moments = [moment for item in programme.items for moment in (item.start, item.end)]
    return _zone_for(programme.event.event.timezone, tuple(moments or [_stamp(programme)]))


@lru_cache(maxsize=8)  # a serving process re-exports after every re-plan
def _zone_for(tzid: str, moments: tuple[dt.datetime, ...]) -> Timezone:
    return vtimezone(tzid, moments)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _calendar_uid(programme: Programme, key: str) -> uuid.UUID:
    return uuid.uuid5(event_namespace(programme.event), "calendar\n" + key)


def render(programme: Programme, options: ExportOptions) -> bytes | dict[str, bytes]:
    """The public calendar, or with ``options.personal`` one calendar per participant."""
    if options.personal:
        return render_personal(programme)
    items = sorted([*programme.items, *common_items(programme)], key=lambda item: item.start)
    events = [_vevent(programme, item) for item in items]
    return _calendar(programme, programme.event.event.name, "public", events)


def _overlap(a: Item, b: Item) -> bool:
    return a.start < b.end and b.start < a.end


def personal_items(
    programme: Programme, person: str
) -> tuple[list[tuple[Item, list[Item]]], list[Item]]:
    """What ``person`` can attend, each with the sessions it clashes with, and what they cannot.

    Sessions they host are theirs for sure. A session they voted for is left out when it
    runs at the same time as one they host (they cannot be there); two voted sessions
    at the same time both stay, marked as a clash, for the person to choose.
    """
    hosted = [item for item in programme.items if person in item.session.hosts]
    voted = [
        item
        for item in programme.items
        if person in item.session.votes and person not in item.session.hosts
    ]
    blocked = [item for item in voted if any(_overlap(item, own) for own in hosted)]
    attendable = hosted + [item for item in voted if item not in blocked]
    attendable.sort(key=lambda item: (item.start, item.session.id))
    clashes = [
        (item, [other for other in attendable if other is not item and _overlap(item, other)])
        for item in attendable
    ]
    return clashes, blocked


def render_personal(programme: Programme) -> dict[str, bytes]:
    """One ``.ics`` per participant (voters and hosts), named after them."""
    lang, event_name = programme.lang, programme.event.event.name
    people = sorted({person for session in programme.event.sessions for person in session.people})
    names = file_names(people, "person", ".ics")
    files: dict[str, bytes] = {}
    for person in people:
        wanted, blocked = personal_items(programme, person)
        events = []
        for item, others in wanted:
            notes = (
                [t("ics_clash", lang, titles=", ".join(o.title for o in others))]
                if others
                else []
            )
            hosting = person in item.session.hosts
            events.append(
                _vevent(
                    programme,
                    item,
                    notes,
                    STATUS.TENTATIVE if others and not hosting else STATUS.CONFIRMED,
                )
            )
        events += [_vevent(programme, item) for item in common_items(programme)]
        description = [t("ics_personal_description", lang, person=person, event=event_name)]
        if blocked:
            description.append(
                t("ics_blocked_by_own", lang, titles=", ".join(i.title for i in blocked))
            )
        unplaced = [
            shown_title(programme.event, s.id) for s in programme.unscheduled if person in s.people
        ]
        if unplaced:
            description.append(t("ics_wished_unplaced", lang, titles=", ".join(unplaced)))
        name = t("ics_personal_name", lang, event=event_name, person=person)
        files[names[person]] = _calendar(
            programme, name, "person\n" + person, events, " ".join(description)
        )
    return files


def render_rooms(programme: Programme, options: ExportOptions) -> dict[str, bytes]:
    """One calendar per room (rooms keyed by id: two rooms of one name are two calendars)."""
    lang, event_name = programme.lang, programme.event.event.name
    names = file_names([room.label for room in programme.rooms], "room", ".ics")
    return {
        names[room.label]: _calendar(
            programme,
            t("ics_room_name", lang, event=event_name, room=room.label),
            "room\n" + room.id,
            [_vevent(programme, item) for item in programme.items_in(room)],
        )
        for room in programme.rooms
    }


def render_tracks(programme: Programme, options: ExportOptions) -> dict[str, bytes]:
    """One calendar per track, to subscribe to a theme; sessions without a track are in none."""
    lang, event_name = programme.lang, programme.event.event.name
    tracks = sorted({s.track for s in programme.event.sessions if s.track})
    if not tracks:
        raise InputError([Problem("export_no_tracks", {})])
    names = file_names(tracks, "track", ".ics")
    return {
        names[track]: _calendar(
            programme,
            t("ics_track_name", lang, event=event_name, track=track),
            "track\n" + track,
            [_vevent(programme, item) for item in programme.items if item.session.track == track],
        )
        for track in tracks
    }
