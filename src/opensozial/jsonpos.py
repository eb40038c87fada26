"""Where a value stands in a JSON text, so that a plan file's errors name their line.

``json`` forgets positions once it has parsed. Errors in a plan are rare, so instead of
a second parser we walk the (already valid) text again along the value's path, using
``json``'s own decoder to step over the values in between.
"""

from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def position(text: str, path: tuple[str | int, ...]) -> tuple[int, int]:
    """Line and column (1-based) of the value at ``path`` in the valid JSON ``text``;
    the deepest part of the path that exists, if the rest does not."""
    index = _skip(text, 0)
    for part in path:
        found = _child(text, index, part)
        if found is None:
            break
        index = found
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _skip(text: str, index: int) -> int:
    match = _SPACE.match(text, index)
    return match.end() if match else index


def _child(text: str, index: int, part: str | int) -> int | None:
    """Start of member ``part`` of the object or array starting at ``index``."""
    opener = text[index : index + 1]
    if opener not in ("{", "[") or isinstance(part, str) != (opener == "{"):
        return None
    index = _skip(text, index + 1)
    count = 0
    while text[index : index + 1] not in ("}", "]", ""):
        if opener == "{":
            key, index = scanstring(text, index + 1)
            index = _skip(text, _skip(text, index) + 1)  # past ':'
            if key == part:
                return index
        elif count == part:
            return index
        _, index = _DECODER.raw_decode(text, index)
        index = _skip(text, index)
        if text[index : index + 1] == ",":
            index = _skip(text, index + 1)
        count += 1
    return None
