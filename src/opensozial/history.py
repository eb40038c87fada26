"""Every plan kept, numbered, next to the event file: ``event.yaml`` → ``event.plans/0001.json``.

A facilitator must be able to go back to any earlier grid and compare two, so plans are
never overwritten. Each entry is written completely under a temporary name and then
hard-linked to its number: the link fails if the number exists (like ``O_EXCL``), so two
processes saving at once (``watch`` and a manual ``plan``) take different numbers, and
nobody ever reads half a file. Where a file system has no hard links, the number is
reserved with ``O_EXCL`` and the finished file renamed over it.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from opensozial.errors import InputError, Location, Problem
from opensozial.inputs import phones_path
from opensozial.model import Event, Room, Session
from opensozial.plan import Assignment, Plan

_ENTRY = re.compile(r"^(\d{4,})\.json$")
LATEST = ("last", "latest", "letzter", "letzte")


def folder(event_path: Path | str) -> Path:
    """The history folder of an event file: ``tag.yaml`` → ``tag.plans``."""
    path = Path(event_path)
    return path.with_name(f"{path.stem}.plans")


def event_inputs(event_path: Path, event: Event) -> list[Path]:
    """Every file a command reads for ``event``: the event file, its votes CSV, the phones'
    database and the saved plans. An output (``-o``, ``--export``) never replaces one."""
    votes = [event_path.parent / event.votes_file] if event.votes_file else []
    return [event_path, *votes, phones_path(event_path), *entries(event_path)]


def entries(event_path: Path | str) -> list[Path]:
    """The saved plans, oldest first."""
    base = folder(event_path)
    if not base.is_dir():
        return []
    found = [(int(m[1]), p) for p in base.iterdir() if (m := _ENTRY.match(p.name)) and p.is_file()]
    return [p for _, p in sorted(found)]


def number(entry: Path) -> int:
    return int(Path(entry).stem)


def latest(event_path: Path | str) -> Path | None:
    found = entries(event_path)
    return found[-1] if found else None


def save(event_path: Path | str, plan: Plan, lang: str = "en") -> Path:
    """Store ``plan`` (its texts in ``lang``) under the next free number and return its path."""
    base = folder(event_path)
    try:
        base.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".new-", suffix=".tmp", dir=base)
    except OSError as exc:
        params = {"folder": str(base), "reason": exc.strerror or str(exc)}
        raise InputError([Problem("history_unwritable", params, Location(base))]) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(plan.to_json(lang).encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        last = latest(event_path)
        candidate = number(last) + 1 if last else 1
        while True:
            target = base / f"{candidate:04d}.json"
            try:
                _claim(tmp, target)
                return target
            except FileExistsError:
                candidate += 1
    finally:
        Path(tmp).unlink(missing_ok=True)


def _claim(tmp: str, target: Path) -> None:
    """Give the finished file ``tmp`` the name ``target``; FileExistsError if it is taken."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:  # no hard links (FAT on a USB stick): reserve the name, then rename over it
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        os.replace(tmp, target)


def resolve(event_path: Path | str, ref: str) -> Path:
    """A plan named by the user: ``last``, a history number (``3``, ``0003``) or a file path."""
    text = ref.strip()
    if text.lower() in LATEST:
        last = latest(event_path)
        if last is None:
            params = {"folder": str(folder(event_path))}
            raise InputError([Problem("history_empty", params, Location(Path(event_path)))])
        return last
    if text.isdigit():
        for entry in entries(event_path):
            if number(entry) == int(text):
                return entry
        known = ", ".join(str(number(e)) for e in entries(event_path)) or "-"
        params = {"ref": text, "folder": str(folder(event_path)), "known": known}
        raise InputError([Problem("history_unknown", params, Location(Path(event_path)))])
    return Path(text)


# --- What has started is history: the event as the sessions that ran need it ----------------


def started_slots(event: Event, now: dt.datetime | None) -> set[str]:
    """The slots that have begun by ``now`` (none without a ``now``)."""
    return {slot.id for slot in event.slots if now is not None and event.slot_start(slot) <= now}


def ran_before(event: Event, previous: Plan | None, now: dt.datetime | None) -> list[Assignment]:
    """The previous plan's sessions that have started (in slots the file still has)."""
    started = started_slots(event, now)
    return (
        [
            a
            for a in previous.assignments
            if a.slots and a.slots[0] in started and all(u in event.slot_by_id for u in a.slots)
        ]
        if previous
        else []
    )


def with_history(event: Event, previous: Plan | None, now: dt.datetime | None) -> Event:
    """The edited file plus what the sessions that have started need to stay as they ran.

    A started session keeps its room (a deleted room comes back, closed for everything
    else), its slots, its length and its hosts (a deleted session comes back with the
    title and hosts the previous plan recorded); a host now listed for two sessions that
    both ran at once is counted as a participant of the later one. Plan, diff, grid and
    exports all read this event, so a started session never refuses the file.
    """
    ran = ran_before(event, previous, now)
    if not ran:
        return event
    rooms = {room.id: room for room in event.rooms}
    sessions = {session.id: session for session in event.sessions}
    known = (previous.context.get("rooms") if previous else None) or {}
    order = [slot.id for slot in event.slots]
    demand: dict[str, int] = {}  # seats a deleted room needed then, if the plan did not record them
    for a in ran:
        ran_there = sessions.get(a.session)
        demand[a.room] = max(demand.get(a.room, 0), ran_there.demand if ran_there else 0)
    for a in ran:
        if a.room not in rooms:
            recorded = known.get(a.room) if isinstance(known, dict) else None
            was: dict[str, Any] = recorded if isinstance(recorded, dict) else {}
            rooms[a.room] = Room.model_validate(
                {
                    "id": a.room,
                    "name": str(was.get("name") or a.room),
                    "capacity": _count(
                        was.get("capacity"), demand[a.room]
                    ),  # unknown: no made-up lack
                    "unavailable": order,
                }
            )
        room = rooms[a.room]
        rooms[a.room] = room.replaced(unavailable=[u for u in room.unavailable if u not in a.slots])
        session = sessions.get(a.session) or Session.model_validate(
            {"id": a.session, "title": a.title or a.session, "hosts": list(a.hosts)}
        )
        pin = session.pinned
        keeps_pin = pin is not None and pin.slot == a.slots[0] and pin.room in (None, a.room)
        sessions[a.session] = session.replaced(
            length=len(a.slots),
            needs=[n for n in session.needs if n in rooms[a.room].features],
            unavailable=[u for u in session.unavailable if u not in a.slots],
            pinned=pin if keeps_pin else None,
        )
    sessions |= _hosts_once(ran, sessions)
    back = [room for rid, room in rooms.items() if rid not in event.room_by_id]
    kept_rooms = [rooms[r.id] for r in event.rooms] + back
    listed = [sessions[s.id] for s in event.sessions]
    extra = [sessions[a.session] for a in ran if a.session not in event.session_by_id]
    return event.replaced(rooms=kept_rooms, sessions=listed + extra)


def recorded_now(plan: Plan) -> dt.datetime | None:
    """The ``--now`` a re-planned plan was made at (None for a first plan)."""
    replan = plan.solver.get("replan")
    text = replan.get("now") if isinstance(replan, dict) else None
    try:
        return dt.datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def history_of(event: Event, plan: Plan) -> Event:
    """The event a saved plan was made for: the file plus the history it kept at its ``--now``
    (for ``check`` and ``export`` of a re-planned plan whose started sessions the file lost)."""
    return with_history(event, plan, recorded_now(plan))


def _count(value: object, unknown: int) -> int:
    """A seat count recorded in a plan file, or ``unknown`` if it is missing or malformed."""
    valid = isinstance(value, int) and not isinstance(value, bool) and value >= 0
    return value if valid and isinstance(value, int) else unknown


def _hosts_once(ran: list[Assignment], sessions: dict[str, Session]) -> dict[str, Session]:
    """Started sessions whose host also led another started session at the same time (the
    file was edited afterwards): that host attends the later one, so the past stays possible."""
    busy: set[tuple[str, str]] = set()
    fixed = {}
    for a in ran:
        session = sessions[a.session]
        # Only persons can be in one place at a time ("N.N." and organisations are not).
        twice = [h for h in session.person_hosts if any((h, u) in busy for u in a.slots)]
        busy |= {(h, u) for h in session.person_hosts if h not in twice for u in a.slots}
        if twice:
            fixed[a.session] = session.replaced(
                hosts=[h for h in session.hosts if h not in twice],
                votes=list(dict.fromkeys([*session.votes, *twice])),
            )
    return fixed
