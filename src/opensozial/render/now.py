"""The "now and next" view during the event: what runs at a moment, and what follows.

The moment comes from the caller (``show --now 11:40``); nothing here reads the clock.
"""

from __future__ import annotations

import datetime as dt

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from opensozial.i18n import t
from opensozial.model import Event, Slot
from opensozial.plan import Plan
from opensozial.render.terminal import Cell, cells, describe_slot, session_line


def running_and_next(event: Event, moment: dt.datetime) -> tuple[Slot | None, Slot | None]:
    """The slot running at ``moment`` (start ≤ moment < end) and the first one after it."""
    running = next((s for s in event.slots
                    if event.slot_start(s) <= moment < event.slot_end(s)), None)
    later = [s for s in event.slots if event.slot_start(s) > moment]
    upcoming = min(later, key=event.slot_start, default=None)
    return running, upcoming


def _entries(event: Event, slot: Slot, placed: dict[tuple[str, str], Cell], lang: str
             ) -> list[RenderableType]:
    if not slot.is_session_slot:
        return [describe_slot(slot, lang)]
    return [Padding(session_line(room, placed[(slot.id, room.id)], seats=False), (0, 0, 0, 2))
            for room in event.rooms if (slot.id, room.id) in placed]


def now_and_next(event: Event, plan: Plan, moment: dt.datetime, lang: str) -> RenderableType:
    """Two short sections a facilitator reads off a laptop at the door."""
    running, upcoming = running_and_next(event, moment)
    placed = cells(event, plan, lang)
    parts: list[RenderableType] = []
    sections = ((t("now_running", lang, time=f"{moment:%H:%M}"), running, "nothing_now"),
                (t("up_next", lang), upcoming, "nothing_next"))
    for heading, slot, empty in sections:
        head = Text(heading, style="bold underline")
        if slot is not None:
            head.append(f"  {slot.start:%H:%M}–{slot.end:%H:%M}", style="bold")
        parts.append(head)
        if slot is None:
            parts.append(Text(t(empty, lang)))
        else:
            parts.extend(_entries(event, slot, placed, lang))
        parts.append(Text(""))
    return Group(*parts)
