"""Dates are localised by Babel (CLDR), not spelled by hand."""

from __future__ import annotations

import datetime as dt

from opensozial.i18n.dates import clock, clock_range, long_date

DAY = dt.date(2026, 10, 22)


def test_long_date_in_german_and_english():
    assert long_date(DAY, "de") == "Donnerstag, 22. Oktober 2026"
    assert long_date(DAY, "en") == "Thursday, 22 October 2026"


def test_24_hour_clock_in_both_languages():
    assert clock(dt.time(9, 5), "en") == clock(dt.time(9, 5), "de") == "09:05"
    assert clock_range(dt.time(9, 5), dt.time(13, 30), "de") == "09:05–13:30"
