"""The phones' pages: the participation page (name, vote, pitch, one's own day) and the admin page.

Plain HTML forms that work without JavaScript, on old phones and with screen readers
(labels, fieldsets, headings, a live status line). Everything is inline: no internet.
Names appear only on the person's own page and behind the admin key, never on the
board, the feeds or any other public page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from opensozial.export.view import Programme
from opensozial.i18n import MESSAGES, t
from opensozial.live.board import _templates  # one template environment for all live pages
from opensozial.live.merge import unplaceable
from opensozial.live.store import PITCH_LIMIT, Person, Pitch, Store, name_key
from opensozial.model import Event
from opensozial.render.labels import shown_title


@dataclass(frozen=True)
class Choice:
    """A session one can vote for."""

    id: str
    title: str
    hosts: str
    description: str
    length: int
    chosen: bool


@dataclass(frozen=True)
class Entry:
    """A placed session in someone's day, marked when it is theirs."""

    times: str
    room: str
    title: str
    hosts: str
    chosen: bool
    hosting: bool


@dataclass(frozen=True)
class Status:
    text: str
    error: bool = False


def _texts(lang: str, prefix: str) -> dict[str, Any]:
    """The page's texts; those with parameters stay callable (``text.p_by(hosts=…)``)."""
    return {
        key: (lambda key=key, **params: t(key, lang, **params)) if "{" in value else value
        for key, value in MESSAGES[lang].items()
        if key.startswith(prefix)
    }


def hidden_ids(store: Store) -> set[str]:
    return {p.id for p in store.pitches() if p.hidden}


def choices(event: Event | None, store: Store, chosen: set[str]) -> list[Choice]:
    """Every session one can vote for now: the event's (as last planned) and new pitches."""
    hidden = hidden_ids(store)
    pitches = {p.id: p for p in store.pitches()}
    found: list[Choice] = []
    known: set[str] = set()
    sessions = event.sessions if event is not None else []
    titles = {s.id: shown_title(event, s.id) for s in sessions} if event is not None else {}
    for s in sessions:
        if s.id not in hidden:
            description = pitches[s.id].description if s.id in pitches else ""
            found.append(
                Choice(s.id, titles[s.id], ", ".join(s.hosts), description, s.length,
                       s.id in chosen)
            )
            known.add(s.id)
    nowhere = set(unplaceable(event, list(pitches.values()))) if event else set()
    for p in pitches.values():
        if p.id not in known and not p.hidden and p not in nowhere:
            found.append(
                Choice(p.id, p.title, ", ".join(p.hosts), p.description, p.length, p.id in chosen)
            )
    return found


def day_of(programme: Programme | None, name: str | None, chosen: set[str]) -> list[Entry]:
    """The plan in time order, with this person's sessions (chosen or hosted) marked."""
    if programme is None:
        return []
    key = name_key(name) if name else None
    return [
        Entry(
            item.times,
            item.room.label,
            item.title,
            ", ".join(item.session.hosts),
            item.session.id in chosen,
            key is not None and any(name_key(h) == key for h in item.session.hosts),
        )
        for item in programme.items
    ]


def participation_html(
    *,
    event: Event | None,
    store: Store,
    lang: str,
    person: Person | None,
    programme: Programme | None,
    busy: bool,
    status: Status | None = None,
    name: str = "",
) -> str:
    """The whole participation page for one device."""
    chosen = store.votes_of(person) if person is not None else set()
    planned = store.setting("closed_once", "") == "1"
    planning = planned and busy
    return (
        _templates()
        .get_template("participate.html.j2")
        .render(
            lang=lang,
            other="en" if lang == "de" else "de",
            text=_texts(lang, "p_"),
            title=t("p_title", lang, name=event.event.name if event else "opensozial"),
            person=person,
            status=status,
            name=name,
            voting_open=store.voting_open,
            pitching_open=store.pitching_open,
            choices=choices(event, store, chosen),
            day=day_of(programme, person.name if person else None, chosen)
            if planned and not planning
            else [],
            planned=planned and not planning,
            planning=planning,
            features=sorted({f for room in event.rooms for f in room.features}) if event else [],
            lengths=_lengths(event),
        )
    )


def _lengths(event: Event | None) -> list[int]:
    """Session lengths that fit at least one run of slots."""
    if event is None:
        return [1]
    longest = 1
    for slot in event.slots:
        while event.runs(slot, longest + 1) is not None:
            longest += 1
    return list(range(1, min(longest, 4) + 1))


def admin_html(
    *,
    event: Event | None,
    store: Store,
    lang: str,
    key: str,
    data_path: str,
    status: Status | None = None,
) -> str:
    """The facilitator's page: voting, pitching, spam, people (names only here)."""
    in_file = set(event.session_by_id) if event else set()
    pitches: list[tuple[Pitch, str]] = []
    nowhere = set(unplaceable(event, store.pitches())) if event else set()
    for p in store.pitches():
        note = "admin_hidden" if p.hidden else "admin_nowhere" if p in nowhere else ""
        if not note and p.id in in_file and event and event.session_by_id[p.id].title != p.title:
            note = "admin_in_file"
        pitches.append((p, t(note, lang) if note else ""))
    known = {c.id for c in choices(event, store, set())}
    people = store.people()
    aside = sum(1 for person, _ in people for s in store.votes_of(person) if s not in known)
    return (
        _templates()
        .get_template("admin.html.j2")
        .render(
            lang=lang,
            text=_texts(lang, "admin_"),
            p=_texts(lang, "p_"),
            title=t("admin_title", lang, name=event.event.name if event else "opensozial"),
            key=key,
            status=status,
            voting_open=store.voting_open,
            pitching_open=store.pitching_open,
            people=people,
            votes=store.vote_count(),
            pitches=pitches,
            aside=aside,
            data=t("admin_data", lang, path=data_path),
            lengths=_lengths(event),
            features=sorted({f for room in event.rooms for f in room.features}) if event else [],
            limit=PITCH_LIMIT,
        )
    )


def denied_html(lang: str) -> str:
    return (
        _templates().get_template("denied.html.j2").render(lang=lang, text=t("admin_denied", lang))
    )


def warm() -> None:
    """Compile every page's template now, before phones arrive: the first requests after a
    restart come all at once (every phone tapped again) and must not each wait for it."""
    for name in ("participate.html.j2", "admin.html.j2", "denied.html.j2", "board.html.j2",
                 "board_body.html.j2"):
        _templates().get_template(name)
