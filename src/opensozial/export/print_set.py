"""The print set (FORMAT ``html``): wall poster, door sheets and handout as one folder.

Plain HTML with print CSS, everything inline (no fonts or images to fetch), so it prints
the same from any browser, offline, on the morning of the event. How large the type can
be is not guessed here: text width depends on the letters, the font and the browser.
Each sheet carries a small script (``fit.js.j2``) that lets the browser measure its own
layout before printing and picks the largest type at which each page holds its content
— one A3 page per day, one A4 page per room, one A4 handout — with long words broken
at soft hyphens (``hyphens``). With ``--base-url`` the poster and the door sheets carry
a QR code and the address of the live board.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from opensozial.export.hyphens import hyphenate
from opensozial.export.qr import qr_svg
from opensozial.export.view import ExportOptions, Item, Programme
from opensozial.i18n import t
from opensozial.i18n.dates import clock, long_date, weekday
from opensozial.model import Room
from opensozial.render.labels import shown_title

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


def _doors(programme: Programme) -> list[_Door]:
    doors = []
    for room in programme.rooms:
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


def continued_from(programme: Programme, item: Item) -> str:
    """For a later part, where the group was before: "Fortsetzung von 11:00".

    On the door sheet and the handout this tells people that the group they joined goes
    on here (the room is named only when the earlier part was elsewhere; the day only
    when it was another day). Empty for a first part or a session on its own.
    """
    earlier = programme.earlier_part(item)
    if earlier is None:
        return ""
    lang = programme.lang
    when = clock(earlier.start.time(), lang)
    if earlier.start.date() != item.start.date():
        when = f"{weekday(earlier.start.date(), lang)}, {when}"
    if earlier.room.id != item.room.id:
        return t("x_part_from_room", lang, when=when, room=earlier.room.label)
    return t("x_part_from", lang, when=when)


def ui_words(lang: str, content: str) -> Callable[..., Markup]:
    """``t`` for the page's own words, marked with their language when the content's differs.

    A German event exported with ``--lang en`` is a German page with English labels:
    screen readers and hyphenation must know which is which.
    """

    def ui(key: str, **params: object) -> Markup:
        text = escape(t(key, lang, **params))
        return text if lang == content else Markup(f'<span lang="{lang}">{text}</span>')

    return ui


def render(programme: Programme, options: ExportOptions) -> dict[str, bytes]:
    """The folder: index.html (with printing advice), poster.html, doors.html, handout.html."""
    lang, content = programme.lang, programme.language
    url = options.base_url
    common: dict[str, object] = {
        "lang": lang,
        "content_lang": content,
        "t": lambda key, **params: t(key, lang, **params),
        "ui": ui_words(lang, content),
        "shy": lambda text: hyphenate(text, content),
        "event": programme.event.event,
        "rooms": programme.rooms,
        "days": programme.days,
        "url": url,
        "qr": qr_svg(url) if url else None,
        "continued_from": lambda item: continued_from(programme, item),
        "shown": lambda session: shown_title(programme.event, session.id),
    }
    pages: dict[str, tuple[str, dict[str, object]]] = {
        "index.html": ("index.html.j2", {"dates": [day.title for day in programme.days]}),
        "poster.html": ("poster.html.j2", {}),
        "doors.html": ("doors.html.j2", {"doors": _doors(programme)}),
        "handout.html": ("handout.html.j2", {"unscheduled": programme.unscheduled}),
    }
    return {
        name: _ENV.get_template(template).render(**common, **extra).encode("utf-8")
        for name, (template, extra) in pages.items()
    }
