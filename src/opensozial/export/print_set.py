"""The print set (FORMAT ``html``): wall poster, door sheets and handout as one folder.

Plain HTML with print CSS, everything inline (no fonts, scripts or images to fetch), so
it prints the same from any browser, offline, on the morning of the event. Font sizes
are computed from the grid's size so that each day fills one A3 page and stays readable
from two metres, and the handout fits one A4 page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined

from opensozial.export.view import ExportOptions, Item, Programme
from opensozial.i18n import t
from opensozial.i18n.dates import clock, long_date
from opensozial.model import Room

_ENV = Environment(
    loader=PackageLoader("opensozial.export", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
_ENV.filters["clock"] = clock


@dataclass(frozen=True)
class _DoorDay:
    title: str
    items: list[Item]


@dataclass(frozen=True)
class _Door:
    room: Room
    days: list[_DoorDay]
    count: int


def _clamp(low: float, value: float, high: float) -> int:
    return round(max(low, min(value, high)))


# Geometry of the A3 poster page (mm) and of type: a point is 0.353 mm, lines are 1.2 em,
# and a bold sans-serif letter is on average about 0.55 em wide.
_POSTER_WIDTH, _POSTER_HEIGHT, _TIME_COLUMN, _HEADER = 404, 276, 24, 30
_PT, _LINE, _LETTER = 0.3528, 1.2, 0.55


def _lines(text: str, size: float, width_mm: float) -> int:
    """Lines ``text`` takes at ``size`` pt in a column ``width_mm`` wide (word wrap)."""
    per_line = max(1, int(width_mm / (size * _PT * _LETTER)))
    lines, used = 1, 0
    for word in text.split():
        length = min(len(word), per_line)
        if used and used + 1 + length > per_line:
            lines, used = lines + 1, length
        else:
            used += length + (1 if used else 0)
    return lines


def _poster_fits(programme: Programme, title: float) -> bool:
    """Whether every day's grid fits one A3 page with titles at ``title`` pt."""
    column = (_POSTER_WIDTH - _TIME_COLUMN) / len(programme.event.rooms) - 4  # minus cell padding
    small = title * 0.75
    time_rows = 2 * title * 0.8 * _PT * _LINE + 3
    for day in programme.days:
        height = _HEADER + title * 1.1 * _PT * _LINE * 2 + 3  # page header, room names
        for row in day.rows:
            if row.kind != "session":
                label = _lines(row.label or "", title, column * len(programme.event.rooms))
                height += max(time_rows, label * title * _PT * _LINE + 3)
                continue
            needed = time_rows
            for cell in row.cells:
                if cell.item is None or not cell.first:
                    continue
                session = cell.item.session
                text = _lines(session.title, title, column) * title * _PT * _LINE
                extra = (bool(session.hosts) + bool(session.track)) * small * _PT * _LINE
                needed = max(needed, (text + extra + 4) / cell.span)
            height += needed
        if height > _POSTER_HEIGHT:
            return False
    return True


def _poster_sizes(programme: Programme) -> dict[str, int]:
    """Point sizes for the A3 poster: the largest (up to 24 pt) at which each day fits one page."""
    title = next((size for size in range(24, 8, -1) if _poster_fits(programme, size)), 8)
    return {
        "title": title,
        "hosts": _clamp(8, title * 0.75, 18),
        "room": _clamp(10, title * 1.1, 24),
        "time": _clamp(8, title * 0.8, 16),
    }


def _poster_rows(programme: Programme, sizes: dict[str, int]) -> list[dict[str, float]]:
    """Row heights (mm) per day: breaks and plenaries stay slim, session rows share the rest.

    Without them the table would stretch every row alike to fill the page, and a lunch
    break would look as long as three sessions.
    """
    special = round(2 * _mm(1, sizes["time"]) + 3, 1)
    available = _POSTER_HEIGHT - _HEADER - _mm(1, sizes["room"]) - 6
    heights = []
    for day in programme.days:
        sessions = sum(row.kind == "session" for row in day.rows)
        rest = available - special * (len(day.rows) - sessions)
        heights.append(
            {"special": special, "session": round(max(rest / max(sessions, 1), special), 1)}
        )
    return heights


def _mm(lines: int, size: float) -> float:
    """Height of ``lines`` lines of ``size`` pt type."""
    return lines * size * _PT * _LINE


# A4 door sheet: page height, the head (event line, room name at 40 pt, seats), title column.
_DOOR_HEIGHT, _DOOR_HEAD, _DOOR_TEXT = 268, 58, 186 - 4 - 42 - 8


def _door_sizes_for(title: int) -> dict[str, int]:
    return {
        "title": title,
        "hosts": _clamp(9, title * 0.7, 18),
        "time": _clamp(10, title * 0.8, 20),
        "day": _clamp(11, title, 20),
    }


def _door_fits(door: _Door, sizes: dict[str, int]) -> bool:
    height: float = _DOOR_HEAD
    for day in door.days:
        height += _mm(1, sizes["day"]) + 6
        for item in day.items:
            text = _mm(_lines(item.session.title, sizes["title"], _DOOR_TEXT), sizes["title"])
            if item.session.hosts:
                hosts = ", ".join(item.session.hosts)
                text += _mm(_lines(hosts, sizes["hosts"], _DOOR_TEXT - 10), sizes["hosts"])
            height += max(text, _mm(1, sizes["time"])) + 4.5
    return height <= _DOOR_HEIGHT


def _door_sizes(doors: list[_Door]) -> dict[str, int]:
    """Point sizes for the A4 door sheets: the largest at which every room fits its page."""
    for title in range(26, 8, -1):
        sizes = _door_sizes_for(title)
        if all(_door_fits(door, sizes) for door in doors):
            return sizes
    return _door_sizes_for(8)


# A4 handout: page height, width, gap between columns; columns are not filled perfectly
# evenly (a slot is never split), hence some slack.
_HANDOUT_HEIGHT, _HANDOUT_WIDTH, _HANDOUT_GAP, _COLUMN_FILL = 270, 186, 6, 0.9


def _handout_fits(programme: Programme, text: int, columns: int) -> bool:
    width = (_HANDOUT_WIDTH - _HANDOUT_GAP * (columns - 1)) / columns
    head = _mm(_lines(programme.event.event.name, text * 1.8, _HANDOUT_WIDTH), text * 1.8) + 4
    height = 0.0
    for day in programme.days:
        height += _mm(1, text * 1.2) + 2
        for row in day.rows:
            height += _mm(_lines(f"{row.times} {row.label or ''}", text, width), text) + 2
            if row.kind != "session" and row.slot.description:
                height += _mm(_lines(row.slot.description, text * 0.9, width), text * 0.9) + 0.8
            for cell in row.cells:
                if cell.item is not None and cell.first:
                    session = cell.item.session
                    line = f"{cell.room.label}: {session.title} ({', '.join(session.hosts)}) {cell.item.times}"
                    height += _mm(_lines(line, text, width), text) + 0.8
                    if session.description:
                        height += _mm(_lines(session.description, text * 0.9, width), text * 0.9)
    if programme.unscheduled:
        height += _mm(1, text * 1.2) + 4
        height += sum(_mm(_lines(s.title, text, width), text) + 0.8 for s in programme.unscheduled)
    return height <= (_HANDOUT_HEIGHT - head) * columns * (_COLUMN_FILL if columns > 1 else 1)


def _handout_sizes(programme: Programme) -> dict[str, int]:
    """Point sizes for the one-page handout: the largest type that fits, in one or two columns."""
    fits = [
        (text, -columns)
        for columns in (1, 2)
        for text in range(12, 5, -1)
        if _handout_fits(programme, text, columns)
    ]
    text, columns = max(fits) if fits else (6, -2)
    return {
        "text": text,
        "head": _clamp(12, text * 1.8, 22),
        "day": _clamp(8, text * 1.2, 14),
        "columns": -columns,
    }


def _doors(programme: Programme) -> list[_Door]:
    doors = []
    for room in programme.event.rooms:
        items = programme.items_in(room)
        by_day: dict[dt.date, list[Item]] = {day.date: [] for day in programme.days}
        for item in items:
            by_day[item.start.date()].append(item)
        days = [
            _DoorDay(long_date(date, programme.lang), day_items)
            for date, day_items in by_day.items()
        ]
        doors.append(_Door(room, days, len(items)))
    return doors


def render(programme: Programme, options: ExportOptions) -> dict[str, bytes]:
    """The folder: index.html (with printing advice), poster.html, doors.html, handout.html."""
    lang = programme.lang
    doors = _doors(programme)
    poster = _poster_sizes(programme)
    common: dict[str, object] = {
        "lang": lang,
        "t": lambda key, **params: t(key, lang, **params),
        "event": programme.event.event,
        "rooms": programme.event.rooms,
        "days": programme.days,
    }
    pages: dict[str, tuple[str, dict[str, object]]] = {
        "index.html": ("index.html.j2", {"dates": [day.title for day in programme.days]}),
        "poster.html": (
            "poster.html.j2",
            {"sizes": poster, "heights": _poster_rows(programme, poster)},
        ),
        "doors.html": (
            "doors.html.j2",
            {"doors": doors, "sizes": _door_sizes(doors)},
        ),
        "handout.html": (
            "handout.html.j2",
            {"sizes": _handout_sizes(programme), "unscheduled": programme.unscheduled},
        ),
    }
    return {
        name: _ENV.get_template(template).render(**common, **extra).encode("utf-8")
        for name, (template, extra) in pages.items()
    }
