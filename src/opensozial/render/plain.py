"""User text on the terminal as plain text: never markup, never control sequences.

Titles, names, room labels and paths come from files anyone may edit. Printed as
rich markup, ``Barcamp [/r/selfhosted]`` crashes the output and ``[bold]`` or
``[link=…]`` changes it; printed raw, an escape sequence in a title clears the screen
or recolours the terminal. Every user text therefore goes through :func:`clean`
(escape sequences and control characters removed) and into a rich ``Text``, which
rich never parses as markup.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # rich loads on the first print: `--version` and error paths need not wait
    from rich.text import Text

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), and two-character ESC sequences.
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_LINE_BREAK = re.compile(r"[\t\n]+")

QUOTE_LIMIT = 80


def clean(text: object) -> str:
    """``text`` without terminal escape sequences and control characters (new lines stay)."""
    return _CONTROL.sub("", _ESCAPE.sub("", str(text)).replace("\t", " "))


def one_line(text: object) -> str:
    """A user text for a single line: cleaned, line breaks as spaces."""
    return clean(_LINE_BREAK.sub(" ", str(text))).strip()


def quote(text: object, limit: int = QUOTE_LIMIT) -> str:
    """A user text to quote in a message: one line, cut to ``limit`` characters."""
    line = one_line(text)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def plain(text: object, style: str = "") -> Text:
    """A rich ``Text`` of one line of user text: printed as it is, markup and all."""
    from rich.text import Text

    return Text(one_line(text), style=style)


def block(text: object, style: str = "") -> Text:
    """Like :func:`plain`, for text of several lines (an announcement, a list of changes)."""
    from rich.text import Text

    return Text(clean(text), style=style)
