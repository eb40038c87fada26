"""Soft hyphens in long words, so that narrow columns break them where German breaks them.

CSS ``hyphens: auto`` needs the browser's hyphenation dictionaries, which an offline
Chromium (and many projector laptops) does not have: "Straßenverkehrszulassungsordnungen"
then either widens its column or is cut at an arbitrary letter. pyphen carries the
dictionaries itself, and a soft hyphen (U+00AD) is invisible unless a line breaks there.
"""

from __future__ import annotations

import re
from functools import cache

import pyphen  # type: ignore[import-untyped]  # (ships no type hints)

SOFT_HYPHEN = "\u00ad"
_SHORTEST = 7  # letters; shorter words fit any column we print
_WORD = re.compile(rf"\w{{{_SHORTEST},}}")
_DICTIONARIES = {"de": "de_DE", "en": "en_US"}


@cache
def _dictionary(lang: str) -> pyphen.Pyphen:
    return pyphen.Pyphen(lang=_DICTIONARIES.get(lang, "de_DE"), left=3, right=3)


def hyphenate(text: str, lang: str) -> str:
    """``text`` with soft hyphens at the break points of each long word in ``lang``."""
    dictionary = _dictionary(lang)
    return _WORD.sub(lambda m: dictionary.inserted(m.group(0), hyphen=SOFT_HYPHEN), text)
