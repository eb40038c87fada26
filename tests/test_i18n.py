"""Every message exists in German and English, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from opensozial.i18n import CATALOGS


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("catalog", CATALOGS, ids=[c.__name__ for c in CATALOGS])
def test_catalogue_has_both_languages_with_the_same_placeholders(catalog):
    assert catalog.EN.keys() == catalog.DE.keys()
    for key in catalog.EN:
        assert fields(catalog.EN[key]) == fields(catalog.DE[key]), key


def test_no_key_is_defined_twice_across_catalogues():
    keys = [key for catalog in CATALOGS for key in catalog.EN]
    assert len(keys) == len(set(keys))
