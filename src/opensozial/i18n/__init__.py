"""German and English texts for everything a user reads.

``t(key, lang, **params)`` looks a message up and fills it in. Each area keeps its own
catalogue module (``core``, ...) with an ``EN`` and a ``DE`` dict; they are merged here.
A test holds every catalogue to the same keys in both languages.
"""

from __future__ import annotations

from typing import Any

from opensozial.i18n import (
    board,
    core,
    diff,
    exports,
    inputs,
    live,
    metrics,
    phones,
    programme,
    reasons,
    solver,
)

CATALOGS = (core, live, board, exports, solver, inputs, programme, reasons, metrics, diff, phones)
LANGUAGES = ("de", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "en": {key: text for catalog in CATALOGS for key, text in catalog.EN.items()},
    "de": {key: text for catalog in CATALOGS for key, text in catalog.DE.items()},
}


def t(key: str, lang: str = "en", /, **params: Any) -> str:
    table = MESSAGES[lang if lang in MESSAGES else "en"]
    template = table.get(key) or MESSAGES["en"].get(key)
    if template is None:
        raise KeyError(f"no message '{key}'")
    return template.format(**params)
