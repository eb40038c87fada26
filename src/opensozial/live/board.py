"""The public board page: what is on, where and when, built from the current snapshot.

The board hangs on a projector and opens on anyone's phone, so it shows only what the
wall shows: titles, rooms, times and hosts — never who voted for what. The page and its
update endpoint render from the same Jinja2 templates (autoescaped), so the first paint
and every live update look identical; everything (CSS, JS, the QR code) is inline, so
the page works without internet access.

A projector cannot scroll: on a wide screen the page shows one day (today's by the
viewer's clock) and sizes its type so that the grid fills the screen without scrolling,
also at 1280×720. ``?theme=dark`` or ``?theme=contrast`` (or the button in the header,
or the system's dark/high-contrast setting) switches the colours for dim rooms and weak
projectors. Long words carry soft hyphens (``export.hyphens``), since an offline browser
cannot hyphenate by itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from itertools import groupby

import jinja2

from opensozial.export.hyphens import hyphenate
from opensozial.export.qr import qr_svg
from opensozial.export.view import distinct_rooms
from opensozial.i18n import t
from opensozial.live.state import Snapshot
from opensozial.model import Event
from opensozial.plan import Plan
from opensozial.render.labels import shown_title, slot_label, slot_of

POLL_MS = 2000  # how often an open page asks whether the plan changed


@dataclass(frozen=True)
class Card:
    """One session in one slot, as the public may see it."""

    title: str
    hosts: str
    room: str
    part: str  # "1/2" for the first slot of a two-slot session, else "" (``slot_of``)
    start: str  # when the whole session runs (ISO 8601), so a spanning cell is "now" throughout
    end: str
    rows: int = 1  # slots it spans in the grid (its first slot only)
    changed: bool = False


@dataclass(frozen=True)
class Row:
    """A slot: either a session slot with one entry per room, or a break/plenary across."""

    time: str
    kind: str  # "session" | "break" | "plenary"
    start: str  # ISO 8601 with offset: the page marks the running slot by the viewer's clock
    end: str
    label: str = ""
    cells: tuple[Card | str | None, ...] = ()  # Card, "closed", "covered" (spanned), None (free)
    cards: tuple[Card, ...] = ()  # the list view: everything running in this slot


@dataclass(frozen=True)
class Day:
    date: str
    rows: tuple[Row, ...]


@dataclass
class Board:
    title: str
    rooms: list[str] = field(default_factory=list)
    days: list[Day] = field(default_factory=list)
    open_ends: list[tuple[str, str]] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    updating: bool = False  # the latest save failed; this is the last good plan
    language: str = "de"  # what titles and names are written in: the event's language


def _clock(event: Event, slot_id: str) -> str:
    slot = event.slot_by_id[slot_id]
    return f"{slot.start:%H:%M}–{slot.end:%H:%M}"


def _days(
    event: Event, plan: Plan, changed: set[str], rooms: dict[str, str], lang: str
) -> list[Day]:
    at: dict[tuple[str, str], tuple[Card, int]] = {}
    for a in plan.assignments:
        session = event.session_by_id[a.session]
        for index, slot_id in enumerate(a.slots):
            part = slot_of(index, len(a.slots), event.part_of(a.session) is not None, lang)
            first, last = event.slot_by_id[a.slots[0]], event.slot_by_id[a.slots[-1]]
            card = Card(
                shown_title(event, session.id),
                ", ".join(session.hosts),
                rooms[a.room],
                part,
                event.slot_start(first).isoformat(),
                event.slot_end(last).isoformat(),
                len(a.slots),
                a.session in changed,
            )
            at[(slot_id, a.room)] = (card, index)
    days = []
    for day, slots in groupby(event.slots, key=event.slot_date):
        rows = []
        for slot in slots:
            clock = _clock(event, slot.id)
            start, end = event.slot_start(slot).isoformat(), event.slot_end(slot).isoformat()
            if not slot.is_session_slot:
                kind = "break" if slot.break_ is not None else "plenary"
                rows.append(Row(clock, kind, start, end, slot_label(slot, lang)))
                continue
            cells: list[Card | str | None] = []
            for room in event.rooms:
                placed = at.get((slot.id, room.id))
                if placed is not None:
                    cells.append(placed[0] if placed[1] == 0 else "covered")
                else:
                    cells.append("closed" if slot.id in event.room_closed[room.id] else None)
            cards = tuple(at[(slot.id, r.id)][0] for r in event.rooms if (slot.id, r.id) in at)
            rows.append(Row(clock, "session", start, end, "", tuple(cells), cards))
        days.append(Day(day.isoformat(), tuple(rows)))
    return days


def board(snapshot: Snapshot) -> Board:
    """The public view of ``snapshot``: no voters, only what a printed plan would show."""
    lang, event, plan = snapshot.lang, snapshot.event, snapshot.plan
    if event is None or plan is None:
        return Board(title="opensozial", updating=snapshot.error is not None, language=lang)
    rooms = {room.id: room.label for room in distinct_rooms(event.rooms)}  # two "Saal"s differ
    return Board(
        title=t("board_title", lang, name=event.event.name),
        rooms=list(rooms.values()),
        days=_days(event, plan, set(snapshot.changed), rooms, lang),
        open_ends=[(shown_title(event, u.session), u.text(lang)) for u in plan.unscheduled],
        changes=list(snapshot.changes),
        updating=snapshot.error is not None,
        language=event.event.language,
    )


@cache
def _templates() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("opensozial.live", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["shy"] = hyphenate
    return environment


def _texts(lang: str) -> dict[str, str]:
    keys = (
        "board_time",
        "board_open_ends",
        "board_updating",
        "board_offline",
        "board_no_plan",
        "board_scan",
        "board_closed",
        "board_changes",
        "no_changes",
        "board_theme",
    )
    return {key: t(key, lang) for key in keys}


def body_html(snapshot: Snapshot) -> str:
    """The part of the page that changes with the plan (also sent to open pages)."""
    return (
        _templates()
        .get_template("board_body.html.j2")
        .render(
            board=board(snapshot),
            text=_texts(snapshot.lang),
            version=snapshot.version,
            ui_lang=snapshot.lang,
        )
    )


def page_html(snapshot: Snapshot, url: str) -> str:
    """The whole page: styles, the body, the QR code to ``url`` and the update script."""
    shown = board(snapshot)
    return (
        _templates()
        .get_template("board.html.j2")
        .render(
            lang=shown.language,
            ui_lang=snapshot.lang,
            title=shown.title,
            body=body_html(snapshot),
            qr=qr_svg(url),
            url=url,
            text=_texts(snapshot.lang),
            version=snapshot.version,
            poll_ms=POLL_MS,
        )
    )


def update_json(snapshot: Snapshot, known: int | None) -> str:
    """What a polling page gets: the version, and the new body only when it has changed."""
    data: dict[str, object] = {"version": snapshot.version}
    if known != snapshot.version:
        data["html"] = body_html(snapshot)
        data["title"] = board(snapshot).title
    return json.dumps(data, ensure_ascii=False)
