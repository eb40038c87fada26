"""frab schedule XML and JSON (FORMATs ``frab-xml``, ``frab-json``) for conference apps.

Giggity, ConfClerk, EventFahrplan, pyfahrplan and the c3voc tools read these files; the
tests validate them against the c3voc XSD and JSON Schema. The two serialisations are
built from one description of the schedule (``_schedule``), so they cannot drift. What
the clients need is in ``shared/FORMATS.md`` (a): times with UTC offset, positive
integer ids, UUID guids, an acronym of at least four ``[a-z0-9_]``, empty abstract and
track elements, days cut like pretalx's (04:00 to 03:59), and — JSON only — a url per
session, which without ``--base-url`` is the session's ``urn:uuid:``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from lxml import etree

from opensozial import __version__
from opensozial.export.common import common_items, kind
from opensozial.export.view import ExportOptions, Item, Programme, event_namespace
from opensozial.model import Room
from opensozial.render.labels import part_line

DAY_CHANGE = dt.time(4, 0)  # a conference day runs from 04:00 to 03:59 the next morning
SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
SESSION_TYPE = "session"


def acronym(programme: Programme) -> str:
    """The event's short name for apps: lower-case letters, digits, underscores, ≥ 4."""
    info = programme.event.event
    text = re.sub(
        r"[^a-z0-9]+", "_", info.name.lower().translate(str.maketrans("äöüß", "aous"))
    ).strip("_")
    return text if len(text) >= 4 else f"{text}_{info.date.year}".strip("_")


def _guid(programme: Programme, kind: str, key: str) -> str:
    return str(uuid.uuid5(event_namespace(programme.event), f"{kind}\n{key}"))


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _version(programme: Programme) -> str:
    """A short fingerprint of the placements, so apps notice a changed schedule."""
    text = "\n".join(
        f"{i.session.id} {i.room.id} {' '.join(s.id for s in i.slots)}" for i in programme.items
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def _url(options: ExportOptions, item: Item) -> str | None:
    if options.base_url:
        return f"{options.base_url.rstrip('/')}/{item.session.id}"
    return None


def _schedule(programme: Programme) -> dict[str, Any]:
    """Everything both serialisations say, as plain data."""
    event, info = programme.event, programme.event.event
    zone = ZoneInfo(info.timezone)
    days = []
    for index, day in enumerate(programme.days, start=1):
        start = dt.datetime.combine(day.date, DAY_CHANGE, zone)
        end = dt.datetime.combine(day.date + dt.timedelta(days=1), DAY_CHANGE, zone) - dt.timedelta(
            minutes=1
        )
        rooms: dict[str, tuple[Room, list[Item]]] = {
            room.id: (room, []) for room in programme.rooms
        }
        common = [i for i in common_items(programme) if i.start.date() == day.date]
        for item in sorted([*day.items, *common], key=lambda i: i.start):
            rooms[item.room.id][1].append(item)
        days.append({"index": index, "date": day.date, "start": start, "end": end, "rooms": rooms})
    tracks = sorted({s.track for s in event.sessions if s.track})
    return {
        "title": info.name,
        "acronym": acronym(programme),
        "start": programme.days[0].date,
        "end": programme.days[-1].date,
        "time_zone_name": info.timezone,
        "language": info.language,
        "tracks": tracks,
        "days": days,
        "version": _version(programme),
    }


def _person_guid(programme: Programme, name: str) -> str:
    return _guid(programme, "person", name)


def _room_guid(programme: Programme, room: Room) -> str:
    """Keyed by the room's id: two rooms with one name are still two rooms."""
    return _guid(programme, "room-id", room.id)


# Characters XML 1.0 cannot hold at all (most C0 controls, U+FFFE/FFFF). YAML can carry
# them ("\x07" in a quoted string), so they are dropped here rather than crash the export.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _el(
    parent: etree._Element, tag: str, text: str | None = None, **attributes: str
) -> etree._Element:
    """A child element whose text and attributes are made XML-safe."""
    element = etree.SubElement(parent, tag, {k: _NOT_XML.sub("", v) for k, v in attributes.items()})
    if text is not None:
        element.text = _NOT_XML.sub("", text)
    return element


def render_xml(programme: Programme, options: ExportOptions) -> bytes:
    data = _schedule(programme)
    root = etree.Element("schedule")
    _el(root, "generator", name="opensozial", version=__version__)
    _el(root, "version", data["version"])
    conference = _el(root, "conference")
    _el(conference, "title", data["title"])
    _el(conference, "acronym", data["acronym"])
    _el(conference, "start", data["start"].isoformat())
    _el(conference, "end", data["end"].isoformat())
    _el(conference, "days", str(len(data["days"])))
    _el(conference, "timeslot_duration", "00:05")
    if options.base_url:
        _el(conference, "base_url", options.base_url)
    _el(conference, "time_zone_name", data["time_zone_name"])
    for track in data["tracks"]:
        _el(conference, "track", track, name=track)
    for day in data["days"]:
        day_el = _el(
            root,
            "day",
            index=str(day["index"]),
            date=day["date"].isoformat(),
            start=day["start"].isoformat(),
            end=day["end"].isoformat(),
        )
        for room, items in day["rooms"].values():
            room_el = _el(day_el, "room", name=room.label, guid=_room_guid(programme, room))
            for item in items:
                _xml_event(room_el, programme, options, item, data["language"])
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _xml_event(
    parent: etree._Element, programme: Programme, options: ExportOptions, item: Item, language: str
) -> None:
    event = _el(parent, "event", id=str(item.number), guid=str(item.guid))
    fields = {
        "date": item.start.isoformat(),
        "start": f"{item.start:%H:%M}",
        "duration": _hhmm(item.minutes),
        "room": item.room.label,
        "title": item.session.title,
        **({"subtitle": part_line(item.part, programme.lang)} if item.part else {}),
        "type": kind(item) or SESSION_TYPE,
        "language": language,
        "abstract": item.session.description or "",
        "track": item.session.track or "",
    }
    for key, value in fields.items():
        _el(event, key, value)
    persons = _el(event, "persons")
    for host in item.session.hosts:
        _el(persons, "person", host, guid=_person_guid(programme, host))
    url = _url(options, item)
    if url:
        _el(event, "url", url)


def _json_person(programme: Programme, name: str) -> dict[str, str]:
    """A speaker as pretalx (``name``) and frab readers such as pyfahrplan (``public_name``)
    expect it: with only ``name``, frab readers show an empty speaker."""
    return {"name": name, "public_name": name, "guid": _person_guid(programme, name)}


def render_json(programme: Programme, options: ExportOptions) -> bytes:
    data = _schedule(programme)
    conference: dict[str, Any] = {
        "acronym": data["acronym"],
        "title": data["title"],
        "start": data["start"].isoformat(),
        "end": data["end"].isoformat(),
        "daysCount": len(data["days"]),
        "timeslot_duration": "00:05",
        "time_zone_name": data["time_zone_name"],
        "rooms": [
            {"name": room.label, "guid": _room_guid(programme, room)} for room in programme.rooms
        ],
        "tracks": [{"name": track} for track in data["tracks"]],
        "days": [
            {
                "index": day["index"],
                "date": day["date"].isoformat(),
                "day_start": day["start"].isoformat(),
                "day_end": day["end"].isoformat(),
                "rooms": {
                    room.label: [_json_event(programme, options, item, data) for item in items]
                    for room, items in day["rooms"].values()
                },
            }
            for day in data["days"]
        ],
    }
    if options.base_url:
        conference["url"] = options.base_url
    document = {
        "$schema": SCHEMA_URL,
        "generator": {"name": "opensozial", "version": __version__},
        "schedule": {"version": data["version"], "conference": conference},
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _json_event(
    programme: Programme, options: ExportOptions, item: Item, data: dict[str, Any]
) -> dict[str, Any]:
    return {
        "guid": str(item.guid),
        "id": item.number,
        "date": item.start.isoformat(),
        "start": f"{item.start:%H:%M}",
        "end": item.end.isoformat(),
        "duration": _hhmm(item.minutes),
        "room": item.room.label,
        "slug": f"{data['acronym']}-{item.number}",
        "url": _url(options, item) or item.guid.urn,
        "title": item.session.title,
        "subtitle": part_line(item.part, programme.lang) if item.part else None,
        "track": item.session.track,
        "type": kind(item) or SESSION_TYPE,
        "language": data["language"],
        "abstract": item.session.description,
        "description": None,
        "persons": [_json_person(programme, host) for host in item.session.hosts],
        "links": [],
    }
