"""Breaks and plenaries as programme items of their own, for calendars and conference apps.

The welcome, the keynote and the closing round are part of everyone's day; a calendar
or an app that shows only the sessions leaves holes where they are. Each becomes an
:class:`~opensozial.export.view.Item` whose "session" is the slot's title, speakers
(as hosts) and description, held in the largest room (where everyone fits), with a
UID and a frab number of its own that stay the same across re-plans.
"""

from __future__ import annotations

import uuid

from opensozial.export.view import Item, Programme, event_namespace
from opensozial.i18n.dates import clock_range
from opensozial.model import Session, Slot

NUMBERS = 2_000_000_000  # frab ids: the same range as the sessions'


def kind(item: Item) -> str | None:
    """"plenary" or "break" for a common item, None for a session."""
    slot = item.slots[0]
    if item.session.id != _id(slot):
        return None
    return "break" if slot.break_ is not None else "plenary"


def _id(slot: Slot) -> str:
    return f"slot:{slot.id}"


def common_items(programme: Programme) -> list[Item]:
    """Every break and plenary, in time order; numbers never collide with sessions'."""
    event = programme.event
    hall = max(programme.rooms, key=lambda room: room.capacity)  # with its distinct label
    taken = {item.number for item in programme.items}
    items = []
    for slot in event.slots:
        if slot.is_session_slot:
            continue
        key = _id(slot)
        guid = uuid.uuid5(event_namespace(event), "slot\n" + slot.id)
        number = guid.int % NUMBERS + 1
        while number in taken:
            number = number % NUMBERS + 1
        taken.add(number)
        session = Session.model_validate({"id": key, "title": slot.break_ or slot.plenary or "",
                                          "hosts": slot.speakers, "description": slot.description})
        items.append(Item(session, hall, (slot,), event.slot_start(slot), event.slot_end(slot),
                          guid, number, clock_range(slot.start, slot.end, programme.lang)))
    return sorted(items, key=lambda item: item.start)
