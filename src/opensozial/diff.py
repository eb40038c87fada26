"""What changed between two plans, in words people at the event understand.

After a re-plan the facilitator has to tell the room everything people need to hear:
which sessions moved, lost their slot or are new, and also who now leads a session, a
new title, a room renamed or no longer available, a plenary at another time (the door
sheets print hosts and titles, so those are news too). ``diff_plans`` finds the changes;
``describe_changes`` says each in a full sentence for the facilitator, ``announcement``
as a short text to read out or post on a channel. Plans record what they were made
against (titles, hosts, room names, plenaries) so any two of them can be compared.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Literal

from opensozial.history import recorded_now, started_slots
from opensozial.i18n import t
from opensozial.model import Event
from opensozial.placements import placements
from opensozial.plan import Placed, Plan, Unscheduled

Kind = Literal[
    "new",
    "moved",
    "room_changed",
    "cancelled",
    "unscheduled",
    "hosts",
    "retitled",
    "room_renamed",
    "room_lost",
    "plenary_moved",
    "plenary_cancelled",
    "plenary_new",
    "history_kept",
]
_ORDER: tuple[Kind, ...] = (
    "cancelled",
    "history_kept",
    "unscheduled",
    "room_lost",
    "plenary_cancelled",
    "plenary_moved",
    "moved",
    "room_changed",
    "hosts",
    "retitled",
    "room_renamed",
    "plenary_new",
    "new",
)


@dataclass(frozen=True)
class Change:
    """One change: a session placed anew, moved in time or room, cancelled (no longer in
    the event file) or unscheduled (still wanted, but without a slot); its hosts or title
    changed; a room renamed or closed; a plenary moved, cancelled or new.

    ``session`` is the session's id (the room's or the plenary slot's id for those kinds).
    """

    kind: Kind
    session: str
    title: str
    before: Placed | None
    after: Placed | None
    why: Unscheduled | None = None  # why an unscheduled session found no slot
    at: Placed | None = None  # where a session whose hosts or title changed is now
    detail: tuple[tuple[str, str], ...] = ()  # old/new hosts, titles, names, times
    later: bool = True  # unscheduled: a later slot could still take it ("postponed for now")


def diff_plans(event: Event, old: Plan, new: Plan, file: Event | None = None) -> list[Change]:
    """Changes from ``old`` to ``new``; ``event`` (the current file) supplies titles and times.

    A session is cancelled when ``new`` neither places it nor lists it as unscheduled and
    the event file no longer has it (a plan lists every session of its event). Given the
    ``file`` as loaded (``event`` being it plus the history), a session deleted from it
    after it started is named too: it stays in the plan as it ran.

    Ordered by kind (bad news first), then by time and room, then id, so the same two
    plans always give the same list.
    """
    now = recorded_now(new)
    changes = _sessions(event, old, new, now)
    changes += _people_and_titles(file or event, old, new)
    changes += _rooms(event, old, now)
    changes += _plenaries(event, old)
    if file is not None:
        changes += [
            Change(
                "history_kept",
                a.session,
                a.title or a.session,
                None,
                None,
                at=Placed(a.slots, a.room),
            )
            for a in new.assignments
            if a.session not in file.session_by_id
        ]
    return sorted(changes, key=lambda c: _sort_key(event, c))


def _sessions(event: Event, old: Plan, new: Plan, now: dt.datetime | None) -> list[Change]:
    before = {a.session: Placed(a.slots, a.room) for a in old.assignments}
    after = {a.session: Placed(a.slots, a.room) for a in new.assignments}
    titles = {a.session: a.title for plan in (old, new) for a in plan.assignments if a.title}
    titles |= {s.id: s.title for s in event.sessions}
    why = {u.session: u for u in new.unscheduled}
    was_open = {u.session for u in old.unscheduled}
    changes = []
    for sid in dict.fromkeys([*before, *was_open, *after, *why]):
        title = titles.get(sid, sid)
        was, now_at = before.get(sid), after.get(sid)
        if now_at is None and sid not in why and sid not in event.session_by_id:
            changes.append(Change("cancelled", sid, title, was, None))
        elif was is None and now_at is not None:
            changes.append(Change("new", sid, title, None, now_at))
        elif was is not None and now_at is None:
            later = _later_slot(event, sid, was, now)
            changes.append(Change("unscheduled", sid, title, was, None, why.get(sid), later=later))
        elif was is None and now_at is None and sid not in was_open:
            changes.append(Change("unscheduled", sid, title, None, None, why.get(sid)))
        elif was is not None and now_at is not None and was.slots != now_at.slots:
            changes.append(Change("moved", sid, title, was, now_at))
        elif was is not None and now_at is not None and was.room != now_at.room:
            changes.append(Change("room_changed", sid, title, was, now_at))
    return changes


def _later_slot(event: Event, sid: str, was: Placed, now: dt.datetime | None) -> bool:
    """Whether a slot after the lost one (and after ``now``) could still take the session."""
    session = event.session_by_id.get(sid)
    slot = event.slot_by_id.get(was.slots[0]) if was.slots else None
    if session is None or slot is None:
        return False
    after = max(event.slot_start(slot), now) if now is not None else event.slot_start(slot)
    return any(event.slot_start(event.slots[p.start]) > after for p in placements(event, session))


def _people_and_titles(event: Event, old: Plan, new: Plan) -> list[Change]:
    """Sessions still placed whose hosts or title changed (only plans that record them), as
    the file says (the history may count a host of two past sessions as a participant)."""
    if not old.context:
        return []  # a plan from before hosts were recorded: nothing to compare
    was = {a.session: a for a in old.assignments}
    changes = []
    for a in new.assignments:
        session, before = event.session_by_id.get(a.session), was.get(a.session)
        if session is None or before is None:
            continue
        here = Placed(a.slots, a.room)
        if tuple(before.hosts) != tuple(session.hosts):
            hosts = (
                ("old_hosts", ", ".join(before.hosts)),
                ("new_hosts", ", ".join(session.hosts)),
            )
            changes.append(
                Change("hosts", a.session, session.title, None, None, at=here, detail=hosts)
            )
        if before.title and before.title != session.title:
            titles = (("old_title", before.title),)
            changes.append(
                Change("retitled", a.session, session.title, None, None, at=here, detail=titles)
            )
    return changes


def _rooms(event: Event, old: Plan, now: dt.datetime | None) -> list[Change]:
    """Rooms renamed, and rooms closed (or deleted) for slots that have not started."""
    known = old.context.get("rooms")
    if not isinstance(known, dict):
        return []
    started = started_slots(event, now)
    ahead = [s for s in event.session_slots if s.id not in started]
    changes = []
    for rid, info in known.items():
        info = info if isinstance(info, dict) else {}
        name = str(info.get("name") or rid)
        closed_before = set(info.get("closed") or ())
        room = event.room_by_id.get(rid)
        closed_now = set(room.unavailable) if room else {s.id for s in event.slots}
        lost = [s for s in ahead if s.id in closed_now - closed_before]
        if room is not None and room.label != name:
            detail = (("old_name", name), ("new_name", room.label))
            changes.append(Change("room_renamed", rid, room.label, None, None, detail=detail))
        if lost:
            times = ", ".join(_clock(event, s.id) for s in lost)
            detail = (("old_name", name), ("times", times))
            changes.append(Change("room_lost", rid, name, None, None, detail=detail))
    return changes


def _plenaries(event: Event, old: Plan) -> list[Change]:
    """Plenaries at another time, no longer held, or new (plans that record them)."""
    known = old.context.get("plenaries")
    if not isinstance(known, dict):
        return []
    changes = []
    for sid, info in known.items():
        info = info if isinstance(info, dict) else {}
        title, old_time = str(info.get("title") or sid), _recorded_time(event, info)
        slot = event.slot_by_id.get(sid)
        if slot is None or slot.plenary is None:
            changes.append(
                Change(
                    "plenary_cancelled", sid, title, None, None, detail=(("old_time", old_time),)
                )
            )
            continue
        when = (event.slot_date(slot).isoformat(), f"{slot.start:%H:%M}", f"{slot.end:%H:%M}")
        if when != (info.get("date"), info.get("start"), info.get("end")):
            detail = (("old_time", old_time), ("new_time", _clock(event, sid)))
            changes.append(Change("plenary_moved", sid, slot.plenary, None, None, detail=detail))
    for slot in event.slots:
        if slot.plenary is not None and slot.id not in known:
            new = (("new_time", _clock(event, slot.id)),)
            changes.append(Change("plenary_new", slot.id, slot.plenary, None, None, detail=new))
    return changes


def _recorded_time(event: Event, info: dict[str, Any]) -> str:
    start = str(info.get("start") or "?")
    dates = {event.slot_date(s) for s in event.slots}
    day = info.get("date")
    if len(dates) > 1 and isinstance(day, str):
        try:
            return f"{dt.date.fromisoformat(day):%d.%m.} {start}"
        except ValueError:
            return start
    return start


def _sort_key(event: Event, change: Change) -> tuple[int, int, str, str]:
    place = change.after or change.before or change.at
    if place and place.slots:
        slot = event.slot_index.get(place.slots[0], len(event.slots))
    else:
        slot = event.slot_index.get(change.session, len(event.slots))  # plenaries: their slot
    return (_ORDER.index(change.kind), slot, place.room if place else "", change.session)


def _clock(event: Event, slot_id: str) -> str:
    slot = event.slot_by_id[slot_id]
    dates = {event.slot_date(s) for s in event.slots}
    return (
        f"{event.slot_date(slot):%d.%m.} {slot.start:%H:%M}"
        if len(dates) > 1
        else f"{slot.start:%H:%M}"
    )


def _when(event: Event, place: Placed) -> str:
    if not place.slots or place.slots[0] not in event.slot_by_id:
        return place.slots[0] if place.slots else "?"
    return _clock(event, place.slots[0])


def _where(event: Event, place: Placed) -> str:
    room = event.room_by_id.get(place.room)
    return room.label if room else place.room


def _params(event: Event, change: Change, lang: str) -> dict[str, str]:
    params = {"title": change.title, "reason": change.why.text(lang) if change.why else ""}
    for name, place in (("old", change.before), ("new", change.after or change.at)):
        if place is not None:
            params[f"{name}_time"] = _when(event, place)
            params[f"{name}_room"] = _where(event, place)
    params |= dict(change.detail)
    for key in ("old_hosts", "new_hosts"):
        if key in params and not params[key]:
            params[key] = t("nobody", lang)
    return params


def _key(prefix: str, change: Change) -> str:
    if change.kind in ("cancelled", "unscheduled") and change.before is None:
        return f"{prefix}_{change.kind}_unplaced"
    if prefix == "announce" and change.kind == "unscheduled" and not change.later:
        return "announce_unscheduled_final"  # no later slot: not "postponed"
    return f"{prefix}_{change.kind}"


def describe_changes(event: Event, changes: list[Change], lang: str) -> list[str]:
    """One sentence per change, e.g. "Verschoben: »Pflege…« von 10:00 Raum 101 nach 14:30 Saal"."""
    return [t(_key("change", c), lang, **_params(event, c, lang)) for c in changes]


def announcement(event: Event, changes: list[Change], lang: str) -> str:
    """A short text to read out or post, e.g. "Neu: »…« um 14:30 in Raum 3"; empty if no change."""
    if all(c.kind == "history_kept" for c in changes):
        return ""
    lines = [t("announce_heading", lang, name=event.event.name)]
    lines += [
        t(_key("announce", c), lang, **_params(event, c, lang))
        for c in changes
        if c.kind != "history_kept"
    ]  # the room does not need to hear it
    return "\n".join(lines)
