"""Times of day as Germans write them: ``9:30``, ``09.30``, ``9.30 Uhr``, ``9 Uhr 30``.

The loader hands this module the text the facilitator typed (never the number YAML
made of ``9.30``, which is 9.3 and would end up as a few seconds after midnight).
Anything that is not clearly one time of day is refused with a reason that says how
to write it, so no time silently becomes midnight.
"""

from __future__ import annotations

import datetime as dt
import re

# "9:30", "09.30", "9.30 Uhr", "9:30h"  |  "9 Uhr", "9 Uhr 30", "9h30", "9h"
_HOUR_MINUTE = re.compile(r"^(\d{1,2})\s*[:.]\s*(\d{1,2})\s*(?:uhr|h)?$", re.IGNORECASE)
_HOUR_UHR = re.compile(r"^(\d{1,2})\s*(?:uhr|h)(?:\s*(\d{1,2}))?$", re.IGNORECASE)


class ClockError(ValueError):
    """Why a text is not a time of day: ``kind`` is a message key suffix, ``text`` the input."""

    def __init__(self, kind: str, text: str) -> None:
        super().__init__(f"{text!r} is not a time of day ({kind})")
        self.kind = kind
        self.text = text


def read_clock(text: str) -> dt.time:
    """The time of day ``text`` names; :class:`ClockError` if it names none or is unclear.

    ``9.3`` is refused rather than guessed: it may mean 09:30 or 09:03. Hours run to 23
    and minutes to 59 (``25:00`` and ``10:60`` are typing errors, not times).
    """
    value = " ".join(text.split())
    match = _HOUR_MINUTE.match(value) or _HOUR_UHR.match(value)
    if match is None:
        raise ClockError("unknown", text)
    hours, minutes = match[1], match[2] or "00"
    if len(minutes) != 2:
        raise ClockError("ambiguous", text)
    if int(hours) > 23 or int(minutes) > 59:
        raise ClockError("range", text)
    return dt.time(int(hours), int(minutes))
