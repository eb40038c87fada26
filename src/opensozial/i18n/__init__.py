"""German and English texts for everything a user reads.

``t(key, lang, **params)`` looks a message up in the catalogue and fills it in. The
catalogue is plain Python (one dict per language) so that a missing translation is a
test failure, not a runtime surprise.
"""

from __future__ import annotations

from typing import Any

from opensozial.i18n.catalog import MESSAGES

LANGUAGES = ("de", "en")


def t(key: str, lang: str = "en", /, **params: Any) -> str:
    table = MESSAGES[lang if lang in MESSAGES else "en"]
    template = table.get(key) or MESSAGES["en"].get(key)
    if template is None:
        raise KeyError(f"no message '{key}'")
    return template.format(**params)
