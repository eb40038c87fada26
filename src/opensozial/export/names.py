"""File names for people, rooms and tracks: readable ASCII, unique within one folder.

A facilitator hands out ``olga-ivanova.ics`` by name, so a file name must say whose it
is in every script: python-slugify transliterates Cyrillic, Arabic and Chinese (via
text-unidecode), and German umlauts become ``ae oe ue ss`` as Germans write them
without umlauts ("Größe" → ``groesse``, not ``groe``).
"""

from __future__ import annotations

from collections.abc import Iterable

from slugify import slugify

_GERMAN = [
    ["Ä", "Ae"],
    ["Ö", "Oe"],
    ["Ü", "Ue"],
    ["ä", "ae"],
    ["ö", "oe"],
    ["ü", "ue"],
    ["ß", "ss"],
]
_LONGEST = 60  # characters before the suffix; whole words are kept


def slug(text: str) -> str:
    """``text`` as lower-case ASCII words joined by hyphens ('' when nothing is left)."""
    return slugify(text, replacements=_GERMAN, max_length=_LONGEST, word_boundary=True)


def file_names(names: Iterable[str], fallback: str, suffix: str) -> dict[str, str]:
    """A distinct file name for each name, e.g. ``{"Иван Петров": "ivan-petrov.ics"}``.

    Names are taken in sorted order, so the same input always gives the same files; a
    second name with the same slug gets ``-2`` (and so on), a name with no letters that
    transliterate (only emoji, say) is called ``fallback``.
    """
    result: dict[str, str] = {}
    taken: set[str] = set()
    for name in sorted(set(names)):
        base = slug(name) or fallback
        candidate, n = base, 1
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        taken.add(candidate)
        result[name] = candidate + suffix
    return result
