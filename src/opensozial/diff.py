"""What changed between two plans, in words people at the event understand.

After a re-plan the facilitator has to tell the room what moved. ``diff_plans`` finds
the changes session by session; ``describe_changes`` says each in a full sentence for
the facilitator, ``announcement`` as a short text to read out or post on a channel.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from opensozial.i18n import t
from opensozial.model import Event
from opensozial.plan import Placed, Plan

Kind = Literal["new", "moved", "room_changed", "cancelled", "unscheduled"]
_ORDER: tuple[Kind, ...] = ("cancelled", "unscheduled", "moved", "room_changed", "new")


@dataclass(frozen=True)
class Change:
    """One session's change: placed anew, moved in time, moved to another room, cancelled
    (no longer in the event file) or unscheduled (still wanted, but without a slot)."""

    kind: Kind
    session: str
    title: str
    before: Placed | None
    after: Placed | None
    reason: str = ""  # why an unscheduled session found no slot


def diff_plans(event: Event, old: Plan, new: Plan) -> list[Change]:
    """Changes from ``old`` to ``new``; ``event`` (the current file) supplies titles and times.

    A session is cancelled when ``new`` neither places it nor lists it as unscheduled and
    the event file no longer has it (a plan lists every session of its event).

    Ordered by kind (bad news first: cancelled, unscheduled, moved, room changed, new),
    then by time and room, then id, so the same two plans always give the same list.
    """
    before = {a.session: Placed(a.slots, a.room) for a in old.assignments}
    after = {a.session: Placed(a.slots, a.room) for a in new.assignments}
    titles = {a.session: a.title for plan in (old, new) for a in plan.assignments if a.title}
    titles |= {s.id: s.title for s in event.sessions}
    reasons = {u.session: u.reason for u in new.unscheduled}
    was_open = {u.session for u in old.unscheduled}
    changes = []
    for sid in dict.fromkeys([*before, *was_open, *after, *reasons]):
        title = titles.get(sid, sid)
        was, now = before.get(sid), after.get(sid)
        if now is None and sid not in reasons and sid not in event.session_by_id:
            changes.append(Change("cancelled", sid, title, was, None))
        elif was is None and now is not None:
            changes.append(Change("new", sid, title, None, now))
        elif was is not None and now is None:
            changes.append(Change("unscheduled", sid, title, was, None, reasons.get(sid, "")))
        elif was is None and now is None and sid not in was_open:
            changes.append(Change("unscheduled", sid, title, None, None, reasons.get(sid, "")))
        elif was is not None and now is not None and was.slots != now.slots:
            changes.append(Change("moved", sid, title, was, now))
        elif was is not None and now is not None and was.room != now.room:
            changes.append(Change("room_changed", sid, title, was, now))
    return sorted(changes, key=lambda c: _sort_key(event, c))


def _sort_key(event: Event, change: Change) -> tuple[int, int, str, str]:
    place = change.after or change.before
    slot = event.slot_index.get(place.slots[0], len(event.slots)) if place and place.slots else len(event.slots)
    return (_ORDER.index(change.kind), slot, place.room if place else "", change.session)


def _when(event: Event, place: Placed) -> str:
    slot = event.slot_by_id.get(place.slots[0]) if place.slots else None
    if slot is None:
        return place.slots[0] if place.slots else "?"
    dates = {event.slot_date(s) for s in event.slots}
    return f"{event.slot_date(slot):%d.%m.} {slot.start:%H:%M}" if len(dates) > 1 else f"{slot.start:%H:%M}"


def _where(event: Event, place: Placed) -> str:
    room = event.room_by_id.get(place.room)
    return room.label if room else place.room


def _params(event: Event, change: Change) -> dict[str, str]:
    params = {"title": change.title, "reason": change.reason}
    for name, place in (("old", change.before), ("new", change.after)):
        if place is not None:
            params[f"{name}_time"] = _when(event, place)
            params[f"{name}_room"] = _where(event, place)
    return params


def _key(prefix: str, change: Change) -> str:
    if change.kind in ("cancelled", "unscheduled") and change.before is None:
        return f"{prefix}_{change.kind}_unplaced"
    return f"{prefix}_{change.kind}"


def describe_changes(event: Event, changes: list[Change], lang: str) -> list[str]:
    """One sentence per change, e.g. "Verschoben: »Pflege…« von 10:00 Raum 101 nach 14:30 Großer Saal"."""
    return [t(_key("change", c), lang, **_params(event, c)) for c in changes]


def announcement(event: Event, changes: list[Change], lang: str) -> str:
    """A short text to read out or post, e.g. "Neu: »…« um 14:30 in Raum 3"; empty if nothing changed."""
    if not changes:
        return ""
    lines = [t("announce_heading", lang, name=event.event.name)]
    lines += [t(_key("announce", c), lang, **_params(event, c)) for c in changes]
    return "\n".join(lines)
