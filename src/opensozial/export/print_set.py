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


def _door_sizes(doors: list[_Door], days: int) -> dict[str, int]:
    """Point sizes for the A4 door sheets, from the room with the most sessions."""
    lines = max([door.count for door in doors] + [1]) * 2.6 + (days if days > 1 else 0) * 2
    title = _clamp(12, 190 / (0.42 * lines), 26)
    return {
        "title": title,
        "hosts": _clamp(10, title * 0.7, 18),
        "time": _clamp(11, title * 0.8, 20),
        "day": _clamp(12, title, 20),
    }


def _handout_sizes(programme: Programme) -> dict[str, int]:
    """Point sizes for the one-page handout; two columns once the list gets long."""
    rows = sum(len(day.rows) for day in programme.days)
    # Title, host and room on one line wrap to about two lines in a column.
    lines = (
        rows * 1.6
        + len(programme.items) * 2.2
        + len(programme.days) * 2
        + len(programme.unscheduled) * 1.3
    )
    columns = 2 if lines > 40 else 1
    text = _clamp(6, 255 / (0.45 * lines / columns), 12)
    return {
        "text": text,
        "head": _clamp(12, text * 1.8, 22),
        "day": _clamp(8, text * 1.2, 14),
        "columns": columns,
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
    common = {
        "lang": lang,
        "t": lambda key, **params: t(key, lang, **params),
        "event": programme.event.event,
        "rooms": programme.event.rooms,
        "days": programme.days,
    }
    pages = {
        "index.html": ("index.html.j2", {"dates": [day.title for day in programme.days]}),
        "poster.html": ("poster.html.j2", {"sizes": _poster_sizes(programme)}),
        "doors.html": (
            "doors.html.j2",
            {"doors": doors, "sizes": _door_sizes(doors, len(programme.days))},
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
