"""A VTIMEZONE for the event's zone written as rules (RRULE), the way Thunderbird does.

Calendar servers built on vobject (Radicale, ...) keep the first definition of a TZID
they meet for the whole process. A zone cut to the event's few days, or spelt out as a
list of dates, then shifts every other calendar's events outside those days by an hour.
So the zone is written whole: one STANDARD and one DAYLIGHT part, each repeating every
year, read from the rule the zone database itself ends with (the POSIX TZ string in the
TZif file, e.g. ``CET-1CEST,M3.5.0,M10.5.0/3``).

Rules that RRULE cannot say as simply (times outside the day, Julian day numbers) and
zones whose current rule does not give the event's own times (the rule changed since)
fall back to icalendar's own generator over 1970–2037, which is exact but long.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from collections.abc import Iterable
from pathlib import Path

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

_EPOCH_YEAR = 1970
# std name, std offset, [dst name, [dst offset], ",start[/time],end[/time]"]
_NAME = r"(<[^>]+>|[A-Za-z]{3,})"
_OFFSET = r"([+-]?\d{1,2}(?::\d{2}){0,2})"
_POSIX = re.compile(
    rf"^{_NAME}{_OFFSET}(?:{_NAME}{_OFFSET}?,M(\d+)\.(\d)\.(\d)(?:/{_OFFSET})?,"
    rf"M(\d+)\.(\d)\.(\d)(?:/{_OFFSET})?)?$"
)
_DAYS = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")
Rule = tuple[str, str, str, str | None]  # POSIX Mm.w.d[/time]: month, week, weekday, time


def _posix_rule(tzid: str) -> str | None:
    """The zone's closing POSIX TZ string, from the same database ``zoneinfo`` reads."""
    for base in zoneinfo.TZPATH:
        path = Path(base, *tzid.split("/"))
        if path.is_file():
            return _footer(path.read_bytes())
    try:
        from importlib.resources import files

        return _footer(files("tzdata").joinpath("zoneinfo", *tzid.split("/")).read_bytes())
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return None


def _footer(data: bytes) -> str | None:
    if not data.startswith(b"TZif") or data[4:5] < b"2":
        return None
    footer = data.rstrip(b"\n").rsplit(b"\n", 1)[-1]
    return footer.decode("ascii", "replace") or None


def _seconds(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    parts = [int(p) for p in text.lstrip("+-").split(":")] + [0, 0]
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])


def _delta(seconds: int) -> dt.timedelta:
    return dt.timedelta(seconds=seconds)


def _first(year: int, month: int, week: int, weekday: int, at: int) -> dt.datetime:
    """The POSIX ``Mm.w.d`` day in ``year`` at ``at`` seconds (week 5 = the last)."""
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(weekday - (first.isoweekday() % 7)) % 7)
    day += dt.timedelta(weeks=week - 1)
    while day.month != month:
        day -= dt.timedelta(weeks=1)
    return dt.datetime.combine(day, dt.time()) + _delta(at)


def _part(
    kind: type[TimezoneStandard | TimezoneDaylight],
    name: str,
    offset_from: int,
    offset_to: int,
    rule: Rule | None,
) -> TimezoneStandard | TimezoneDaylight:
    part = kind()
    part.add("TZNAME", name.strip("<>"))
    part.add("TZOFFSETFROM", _delta(offset_from))
    part.add("TZOFFSETTO", _delta(offset_to))
    if rule is None:
        part.add("DTSTART", dt.datetime(_EPOCH_YEAR, 1, 1))
        return part
    month, week, weekday = int(rule[0]), int(rule[1]), int(rule[2])
    part.add("DTSTART", _first(_EPOCH_YEAR, month, week, weekday, _at(rule[3])))
    nth = -1 if week == 5 else week
    part.add(
        "RRULE", vRecur({"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": f"{nth}{_DAYS[weekday]}"})
    )
    return part


def _at(text: str | None) -> int:
    return 7200 if text is None else _seconds(text)


def rule_based(tzid: str) -> Timezone | None:
    """The zone as STANDARD/DAYLIGHT rules, or None when RRULE cannot say it simply."""
    posix = _posix_rule(tzid)
    match = _POSIX.match(posix or "")
    if match is None:
        return None
    std_name, std_off, dst_name, dst_off = match.group(1, 2, 3, 4)
    std = -_seconds(std_off)  # POSIX counts west of Greenwich as positive
    zone = Timezone()
    zone.add("TZID", tzid)
    if dst_name is None:
        zone.add_component(_part(TimezoneStandard, std_name, std, std, None))
        return zone
    dst = -_seconds(dst_off) if dst_off else std + 3600
    start: Rule = (match[5], match[6], match[7], match[8])
    end: Rule = (match[9], match[10], match[11], match[12])
    if any(not 0 <= _at(rule[3]) < 86400 for rule in (start, end)):
        return None
    zone.add_component(_part(TimezoneDaylight, dst_name, std, dst, start))
    zone.add_component(_part(TimezoneStandard, std_name, dst, std, end))
    return zone


def vtimezone(tzid: str, moments: Iterable[dt.datetime]) -> Timezone:
    """The VTIMEZONE for ``tzid``, checked to give each of ``moments`` its true offset."""
    zone = rule_based(tzid)
    if zone is not None and _agrees(zone, tzid, moments):
        return zone
    fallback = Timezone.from_tzid(
        tzid, first_date=dt.date(1970, 1, 1), last_date=dt.date(2037, 12, 31)
    )
    fallback.pop("COMMENT", None)  # icalendar's English "only works from ... to ..." note
    return fallback


def _agrees(zone: Timezone, tzid: str, moments: Iterable[dt.datetime]) -> bool:
    ours, truth = zone.to_tz(), zoneinfo.ZoneInfo(tzid)
    for moment in moments:
        local = moment.astimezone(truth).replace(tzinfo=None)
        if local.replace(tzinfo=ours).utcoffset() != local.replace(tzinfo=truth).utcoffset():
            return False
    return True
