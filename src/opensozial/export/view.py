"""The programme as every export sees it: placed sessions with real times, by day.

Exports differ in syntax, not in facts. Which sessions run where and when, how days are
cut, what a session's stable identity is, and which names are public (hosts) and which
are private (voters) is decided here once, so a poster, a calendar and a frab file can
never disagree with each other.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby

from opensozial.i18n.dates import clock_range, long_date
from opensozial.model import Event, Room, Session, Slot
from opensozial.plan import Plan
from opensozial.render.labels import part_title, slot_label

# Root of all our identifiers; an event's namespace hangs below it (see ``event_namespace``).
OPENSOZIAL_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://opensozial.invalid/event")


def event_namespace(event: Event) -> uuid.UUID:
    """One namespace per event (name + date), so ids of two events never collide."""
    return uuid.uuid5(OPENSOZIAL_NAMESPACE, f"{event.event.name}\n{event.event.date.isoformat()}")


def session_guid(event: Event, session_id: str) -> uuid.UUID:
    """The session's identity for calendars and apps: unchanged when it moves in a re-plan.

    Calendar apps update an entry with a known UID instead of adding a duplicate, and
    Giggity keeps users' stars by guid; so it depends on the session id only.
    """
    return uuid.uuid5(event_namespace(event), session_id)


@dataclass(frozen=True)
class ExportOptions:
    """What the user asked for beyond the format."""

    lang: str
    personal: bool = False  # ics: one calendar per participant (personal data!)
    excel: bool = False  # csv: byte-order mark so that Excel reads UTF-8
    base_url: str | None = None  # frab: where session pages live online


@dataclass(frozen=True)
class Item:
    """One placed session: where, when, and its public facts."""

    session: Session
    room: Room
    slots: tuple[Slot, ...]
    start: dt.datetime  # aware, event time zone
    end: dt.datetime
    guid: uuid.UUID
    number: int  # positive, unique, deterministic (frab's legacy integer id)
    times: str  # "10:00–11:45" in the reader's language
    part: tuple[int, int] | None = None  # (2, 3): the second of three parts (``follows``)

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    @property
    def title(self) -> str:
        """The title as the printed programme shows it: "AG Klimaanpassung (2/3)"."""
        return part_title(self.session.title, self.part)


@dataclass(frozen=True)
class Cell:
    """A room in a slot row. ``span`` is how many rows the cell covers in a grid: a
    multi-slot session spans its rows from the first; the rows below then hold a 0."""

    room: Room
    item: Item | None
    first: bool  # the item starts in this slot
    span: int
    continued: bool  # a later slot of an item whose rows are not adjacent in the grid
    closed: bool  # the room is unavailable in this slot


@dataclass(frozen=True)
class Row:
    """One slot of a day's grid: a break/plenary across all rooms, or one cell per room."""

    slot: Slot
    times: str
    label: str | None  # break or plenary text; None for a session slot
    kind: str  # "session" | "break" | "plenary"
    cells: tuple[Cell, ...]  # one per room, in file order; empty for breaks and plenaries


@dataclass(frozen=True)
class Day:
    date: dt.date
    title: str  # "Donnerstag, 22. Oktober 2026"
    rows: tuple[Row, ...]
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Programme:
    event: Event
    plan: Plan
    lang: str
    rooms: tuple[Room, ...]  # the event's rooms, in file order, each with a distinct label
    items: tuple[Item, ...]  # by start time, then room order
    days: tuple[Day, ...]
    unscheduled: tuple[Session, ...]
    changes: Mapping[str, int]  # session id → times its room or time changed in the plan history

    def items_in(self, room: Room) -> list[Item]:
        return [item for item in self.items if item.room.id == room.id]

    def earlier_part(self, item: Item) -> Item | None:
        """The placed part right before ``item`` in its group (None for a first part)."""
        chain = self.event.chain(item.session.id)
        index = chain.index(item.session.id)
        if index == 0:
            return None
        return next((i for i in self.items if i.session.id == chain[index - 1]), None)

    @property
    def language(self) -> str:
        """The language the content (titles, names) is written in: the event's."""
        return self.event.event.language


def distinct_rooms(rooms: Sequence[Room]) -> tuple[Room, ...]:
    """The rooms with labels no two share: a shared name gets the room's id added.

    Two rooms called "Seminarraum" are two places; apps that key rooms by name (frab
    JSON does) would merge them, and a poster with two equal columns misleads.
    """
    count: dict[str, int] = {}
    for room in rooms:
        count[room.label] = count.get(room.label, 0) + 1
    taken: set[str] = set()
    result = []
    for room in rooms:
        label = room.label if count[room.label] == 1 else f"{room.label} ({room.id})"
        unique, n = label, 1
        while unique in taken:
            n += 1
            unique = f"{label} {n}"
        taken.add(unique)
        result.append(room if unique == room.label else room.replaced(name=unique))
    return tuple(result)


def _numbers(event: Event) -> dict[str, int]:
    """A positive integer per session id, from a hash (stable when sessions are added).

    Collisions are astronomically rare but must not produce duplicate ids: the later
    session in file order then takes the next free number.
    """
    taken: set[int] = set()
    numbers = {}
    for session in event.sessions:
        digest = hashlib.sha256(session.id.encode("utf-8")).digest()
        number = int.from_bytes(digest[:4], "big") % 2_000_000_000 + 1
        while number in taken:
            number = number % 2_000_000_000 + 1
        taken.add(number)
        numbers[session.id] = number
    return numbers


def placement_changes(plans: Sequence[Plan]) -> dict[str, int]:
    """How often each session's room or slots changed from one plan to the next, oldest first.

    A calendar entry's SEQUENCE: apps apply a changed time or room only when it grows.
    A session dropped and later placed again where it was does not count as a change.
    """
    where: dict[str, tuple[str, tuple[str, ...]]] = {}
    changes: dict[str, int] = {}
    for plan in plans:
        for a in plan.assignments:
            now = (a.room, tuple(a.slots))
            if a.session in where and where[a.session] != now:
                changes[a.session] = changes.get(a.session, 0) + 1
            where[a.session] = now
    return changes


def build(event: Event, plan: Plan, lang: str, history: Sequence[Plan] = ()) -> Programme:
    """Join event and plan; the plan must already have been checked against the event.

    ``history`` holds the plans before this one (oldest first), for ``changes``.
    """
    numbers = _numbers(event)
    rooms = distinct_rooms(event.rooms)
    room_by_id = {room.id: room for room in rooms}
    room_order = {room.id: i for i, room in enumerate(rooms)}
    items = []
    for a in plan.assignments:
        slots = tuple(
            sorted((event.slot_by_id[s] for s in a.slots), key=lambda s: event.slot_index[s.id])
        )
        items.append(
            Item(
                session=event.session_by_id[a.session],
                room=room_by_id[a.room],
                slots=slots,
                start=event.slot_start(slots[0]),
                end=event.slot_end(slots[-1]),
                guid=session_guid(event, a.session),
                number=numbers[a.session],
                times=clock_range(slots[0].start, slots[-1].end, lang),
                part=event.part_of(a.session),
            )
        )
    items.sort(key=lambda i: (i.start, room_order[i.room.id], i.session.id))
    placed = {item.session.id for item in items}
    unscheduled = tuple(s for s in event.sessions if s.id not in placed)
    days = tuple(_days(event, rooms, items, lang))
    changes = placement_changes([*history, plan])
    return Programme(event, plan, lang, rooms, tuple(items), days, unscheduled, changes)


def _days(event: Event, rooms: Sequence[Room], items: list[Item], lang: str) -> list[Day]:
    at: dict[tuple[str, str], tuple[Item, bool]] = {}
    for item in items:
        for index, slot in enumerate(item.slots):
            at[(slot.id, item.room.id)] = (item, index == 0)
    ordered = sorted(
        event.slots, key=lambda s: (event.slot_date(s), s.start, event.slot_index[s.id])
    )
    days = []
    for date, group in groupby(ordered, key=event.slot_date):
        slots = list(group)
        position = {slot.id: i for i, slot in enumerate(slots)}
        rows = []
        for slot in slots:
            times = clock_range(slot.start, slot.end, lang)
            if not slot.is_session_slot:
                kind = "break" if slot.break_ is not None else "plenary"
                rows.append(Row(slot, times, slot_label(slot, lang), kind, ()))
                continue
            cells = tuple(
                _cell(room, slot, at.get((slot.id, room.id)), position,
                      slot.id in event.room_closed[room.id])
                for room in rooms
            )
            rows.append(Row(slot, times, None, "session", cells))
        day_items = tuple(item for item in items if item.start.date() == date)
        days.append(Day(date, long_date(date, lang), tuple(rows), day_items))
    return days


def _cell(
    room: Room, slot: Slot, placed: tuple[Item, bool] | None, position: dict[str, int],
    closed: bool,
) -> Cell:
    if placed is None:
        return Cell(room, None, False, 1, False, closed)
    item, first = placed
    rows = [position.get(s.id, -1) for s in item.slots]  # -1: the slot is on another day
    adjacent = -1 not in rows and rows == list(range(rows[0], rows[0] + len(rows)))
    if first:
        return Cell(room, item, True, len(rows) if adjacent else 1, False, False)
    return Cell(room, item, False, 0 if adjacent else 1, not adjacent, False)
