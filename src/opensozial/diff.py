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
from opensozial.i18n.dates import short_date
from opensozial.model import Event
from opensozial.placements import placements
from opensozial.plan import Placed, Plan, Unscheduled
from opensozial.render.labels import shown_title

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

# Kinds that name a session (the others name a room or a plenary slot).
_OF_SESSIONS = frozenset(
    {"new", "moved", "room_changed", "cancelled", "unscheduled", "hosts", "retitled",
     "history_kept"}
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
    detail: tuple[tuple[str, str], ...] = ()  # old/new hosts, titles, names
    # Times by name ("old_time", "times"), each a list of (ISO date, "HH:MM"): written out
    # in the reader's language when the change is said ("12.09. 09:30" / "12 Sept 09:30").
    moments: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()
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
        elif was is not None and now_at is not None and not _same_time(event, was, now_at):
            changes.append(Change("moved", sid, title, was, now_at))
        elif was is not None and now_at is not None and was.room != now_at.room:
            changes.append(Change("room_changed", sid, title, was, now_at))
    return changes


def _times(event: Event, place: Placed) -> tuple[tuple[dt.datetime, dt.datetime] | str, ...]:
    """When a placement runs, slot by slot (a slot the file no longer has: its id)."""
    return tuple(
        (event.slot_start(event.slot_by_id[s]), event.slot_end(event.slot_by_id[s]))
        if s in event.slot_by_id
        else s
        for s in place.slots
    )


def _same_time(event: Event, was: Placed, now: Placed) -> bool:
    """Whether two placements run at the same times, even in slots of other ids.

    Comparing slot ids alone reported a session that only changed its room as "Moved: …
    from 12.09. 09:30 Magnolia to 12.09. 09:30 Giralda I".
    """
    return was.slots == now.slots or _times(event, was) == _times(event, now)


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
        closed_now = set(event.room_closed[rid]) if room else {s.id for s in event.slots}
        if room is not None and "parts" not in info:
            # Recorded before parts were: its "closed" held ``unavailable`` alone. Taking
            # today's parts as then's may miss a change of parts, never invent one.
            closed_before |= closed_now - set(room.unavailable)
        lost = [s for s in ahead if s.id in closed_now - closed_before]
        if room is not None and room.label != name:
            detail = (("old_name", name), ("new_name", room.label))
            changes.append(Change("room_renamed", rid, room.label, None, None, detail=detail))
        if lost:
            times = (("times", tuple(_slot_time(event, s.id) for s in lost)),)
            changes.append(Change("room_lost", rid, name, None, None,
                                  detail=(("old_name", name),), moments=times))
    return changes


def _plenaries(event: Event, old: Plan) -> list[Change]:
    """Plenaries at another time, no longer held, or new (plans that record them)."""
    known = old.context.get("plenaries")
    if not isinstance(known, dict):
        return []
    changes = []
    for sid, info in known.items():
        info = info if isinstance(info, dict) else {}
        title, old_time = str(info.get("title") or sid), _recorded_time(info)
        slot = event.slot_by_id.get(sid)
        if slot is None or slot.plenary is None:
            changes.append(Change("plenary_cancelled", sid, title, None, None,
                                  moments=(("old_time", (old_time,)),)))
            continue
        when = (event.slot_date(slot).isoformat(), f"{slot.start:%H:%M}", f"{slot.end:%H:%M}")
        if when != (info.get("date"), info.get("start"), info.get("end")):
            moved = (("old_time", (old_time,)), ("new_time", (_slot_time(event, sid),)))
            changes.append(Change("plenary_moved", sid, slot.plenary, None, None, moments=moved))
    for slot in event.slots:
        if slot.plenary is not None and slot.id not in known:
            new = (("new_time", (_slot_time(event, slot.id),)),)
            changes.append(Change("plenary_new", slot.id, slot.plenary, None, None, moments=new))
    return changes


def _recorded_time(info: dict[str, Any]) -> tuple[str, str]:
    """A plenary's time as an older plan recorded it: ("2026-10-22", "17:00")."""
    day = info.get("date")
    return (day if isinstance(day, str) else "", str(info.get("start") or "?"))


def _sort_key(event: Event, change: Change) -> tuple[int, int, str, str]:
    place = change.after or change.before or change.at
    if place and place.slots:
        slot = event.slot_index.get(place.slots[0], len(event.slots))
    else:
        slot = event.slot_index.get(change.session, len(event.slots))  # plenaries: their slot
    return (_ORDER.index(change.kind), slot, place.room if place else "", change.session)


def _slot_time(event: Event, slot_id: str) -> tuple[str, str]:
    """A slot's start as (ISO date, "HH:MM"): written in the reader's language by ``_clock``."""
    slot = event.slot_by_id[slot_id]
    return (event.slot_date(slot).isoformat(), f"{slot.start:%H:%M}")


def _clock(event: Event, when: tuple[str, str], lang: str) -> str:
    """"14:30" for a one-day event; with the day for a longer one: "12.09. 09:30" in
    German, "12 Sept 09:30" in English."""
    day, start = when
    if len({event.slot_date(s) for s in event.slots}) > 1 and day:
        try:
            return f"{short_date(dt.date.fromisoformat(day), lang)} {start}"
        except ValueError:
            return start
    return start


def _when(event: Event, place: Placed, lang: str, whole: bool = False) -> str:
    """When a placement starts; ``whole``: from its start to its end ("09:30–13:00")."""
    if not place.slots or place.slots[0] not in event.slot_by_id:
        return place.slots[0] if place.slots else "?"
    start = _clock(event, _slot_time(event, place.slots[0]), lang)
    last = event.slot_by_id.get(place.slots[-1])
    return f"{start}–{last.end:%H:%M}" if whole and last is not None else start


def _where(event: Event, place: Placed) -> str:
    room = event.room_by_id.get(place.room)
    return room.label if room else place.room


def _params(event: Event, change: Change, lang: str) -> dict[str, str]:
    title = change.title
    if change.kind in _OF_SESSIONS:  # "AG Klimaanpassung (2/3)": which part moved
        title = shown_title(event, change.session, change.title)
    params = {"title": title, "reason": change.why.text(lang) if change.why else ""}
    # A move that keeps its start (a longer or shorter stay) shows both whole times.
    whole = (change.kind == "moved" and change.before is not None and change.after is not None
             and change.before.slots[:1] == change.after.slots[:1])
    for name, place in (("old", change.before), ("new", change.after or change.at)):
        if place is not None:
            params[f"{name}_time"] = _when(event, place, lang, whole)
            params[f"{name}_room"] = _where(event, place)
    params |= dict(change.detail)
    params |= {key: ", ".join(_clock(event, when, lang) for when in moments)
               for key, moments in change.moments}
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


def _rooms_together(event: Event, changes: list[Change]) -> dict[str, list[Change]]:
    """Groups whose every part moved, at its own time, into one and the same other room.

    Keyed by the first part's id. People follow a group from part to part, so they hear
    one line for it ("Room change for all parts") instead of one per part. ``diff_plans``
    still lists each part: the board marks every one of them.
    """
    room_only = {c.session: c for c in changes if c.kind == "room_changed"}
    groups = {}
    for chain in dict.fromkeys(event.chains.values()):
        parts = [room_only.get(sid) for sid in chain]
        placed = [c for c in parts if c is not None and c.after is not None]
        if len(placed) == len(chain) and len({c.after.room for c in placed if c.after}) == 1:
            groups[chain[0]] = placed
    return groups


def _lines(event: Event, changes: list[Change], lang: str, prefix: str) -> list[str]:
    """One sentence per change, and one for a group's parts that changed room together."""
    together = _rooms_together(event, changes)
    in_group = {c.session for parts in together.values() for c in parts}
    lines = []
    for change in changes:
        if change.session in together:
            parts = together[change.session]
            params = _params(event, change, lang) | {
                "title": change.title,  # the group's title, without a part
                "old_room": ", ".join(
                    dict.fromkeys(_where(event, c.before) for c in parts if c.before)
                ),
            }
            lines.append(t(f"{prefix}_room_changed_all", lang, **params))
        elif change.session not in in_group or change.kind != "room_changed":
            lines.append(t(_key(prefix, change), lang, **_params(event, change, lang)))
    return lines


def describe_changes(event: Event, changes: list[Change], lang: str) -> list[str]:
    """One sentence per change, e.g. "Verschoben: »Pflege…« von 10:00 Raum 101 nach 14:30 Saal"."""
    return _lines(event, changes, lang, "change")


def announcement(event: Event, changes: list[Change], lang: str) -> str:
    """A short text to read out or post, e.g. "Neu: »…« um 14:30 in Raum 3"; empty if no change."""
    if all(c.kind == "history_kept" for c in changes):
        return ""
    lines = [t("announce_heading", lang, name=event.event.name)]
    # the room does not need to hear of history kept
    lines += _lines(event, [c for c in changes if c.kind != "history_kept"], lang, "announce")
    return "\n".join(lines)
