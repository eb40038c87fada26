"""Dates and clock times in the reader's language, via Babel's CLDR data.

Weekday and month names, their order and punctuation differ per language
("Donnerstag, 22. Oktober 2026" / "Thursday 22 October 2026"); CLDR knows them, so we
never spell them by hand. English uses the British locale: the events are European
and their programmes use the 24-hour clock.
"""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date, format_time

LOCALES = {"de": "de_DE", "en": "en_GB"}


def _locale(lang: str) -> str:
    return LOCALES.get(lang, LOCALES["en"])


def long_date(day: dt.date, lang: str) -> str:
    """Weekday, day, month and year: the heading of a day on a poster or in a calendar."""
    return format_date(day, "full", locale=_locale(lang))


def clock(time: dt.time, lang: str) -> str:
    """A time of day as the language writes it (24-hour in both of ours)."""
    return format_time(time, "HH:mm", locale=_locale(lang))


def clock_range(start: dt.time, end: dt.time, lang: str) -> str:
    return f"{clock(start, lang)}–{clock(end, lang)}"


# Day and month only, for a time on another day ("12.09. 09:30" / "12 Sept 09:30"): German
# writes the numbers with their dots, English the month's short name, never "12.09.".
_SHORT_DATE = {"de": "dd.MM.", "en": "d MMM"}


def short_date(day: dt.date, lang: str) -> str:
    """Day and month: "12.09." in German, "12 Sept" in (British) English."""
    return format_date(day, _SHORT_DATE.get(lang, _SHORT_DATE["en"]), locale=_locale(lang))


def weekday(day: dt.date, lang: str) -> str:
    """The day's name: "Mittwoch" / "Wednesday"."""
    return format_date(day, "EEEE", locale=_locale(lang))
