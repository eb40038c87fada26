"""One-line texts shared by the terminal, the print set and the board."""

from __future__ import annotations

from opensozial.i18n import t
from opensozial.model import Slot


def slot_label(slot: Slot, lang: str) -> str:
    """A break's or plenary's title, with its speakers: "Keynote: … — mit Dr. Ayşe Yılmaz"."""
    title = slot.break_ if slot.break_ is not None else slot.plenary or ""
    if slot.speakers:
        return f"{title} — {t('speakers', lang, names=', '.join(slot.speakers))}"
    return title
