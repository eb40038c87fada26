"""One-line texts shared by the terminal, the print set, the board and the exports."""

from __future__ import annotations

from opensozial.i18n import t
from opensozial.model import Event, Slot


def slot_label(slot: Slot, lang: str) -> str:
    """A break's or plenary's title, with its speakers: "Keynote: … — mit Dr. Ayşe Yılmaz"."""
    title = slot.break_ if slot.break_ is not None else slot.plenary or ""
    if slot.speakers:
        return f"{title} — {t('speakers', lang, names=', '.join(slot.speakers))}"
    return title


def part_title(title: str, part: tuple[int, int] | None) -> str:
    """A title with its part, "AG Klimaanpassung (2/3)"; just the title for a lone session.

    The one place that writes a part into a title: grid, list, board, print set, Markdown,
    CSV and the diff all show a part this way. Calendars and frab keep the group's title
    as it is (one shared title per group) and name the part beside it (``part_line``).
    """
    return title if part is None else f"{title} ({part[0]}/{part[1]})"


def shown_title(event: Event, session_id: str, title: str | None = None) -> str:
    """The session's title as the programme shows it, with its part when it is one of several.

    ``title`` overrides the file's (a plan's recorded title for a session no longer in it).
    """
    session = event.session_by_id.get(session_id)
    if title is None:
        title = session.title if session is not None else session_id
    return part_title(title, event.part_of(session_id))


def part_line(part: tuple[int, int], lang: str) -> str:
    """"Teil 2 von 3" / "Part 2 of 3": the part in words, for calendars and conference apps."""
    return t("x_part_of", lang, number=part[0], total=part[1])


def slot_of(index: int, length: int, in_parts: bool, lang: str) -> str:
    """Which slot of a multi-slot session this is: "2/3"; "" for a session of one slot.

    A session that is itself one of several parts already carries "(1/2)" in its title;
    a second counter would read as nonsense ("(1/2) (2/2)"), so its first slot says
    nothing more and its later ones "Fortsetzung" / "continued".
    """
    if length == 1 or (in_parts and index == 0):
        return ""
    return t("x_continued", lang) if in_parts else f"{index + 1}/{length}"
