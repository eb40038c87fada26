"""The event as the planner sees it: the YAML plus the sessions pitched and votes cast on phones.

``plan``, ``check``, ``export``, ``watch`` and ``serve`` all load the event through
:func:`opensozial.load.load_event`, which calls :func:`with_phones`, so they agree on
what was pitched and voted. The event file wins: a session in the YAML with a pitch's id
replaces the pitch (copy a pitch into the file to edit it). A pitch the file no longer
has room for (its length or needs fit nowhere after an edit) is left out rather than
breaking the plan; the admin page lists it. Votes for sessions that exist in neither
place are kept in the database, not counted.
"""

from __future__ import annotations

from pathlib import Path

from opensozial.inputs import phones_path
from opensozial.live.store import Ballot, Pitch, read_ballot
from opensozial.model import Event, Session
from opensozial.placements import placements


def pitched_session(pitch: Pitch) -> Session:
    fields = {"id": pitch.id, "title": pitch.title, "hosts": list(pitch.hosts),
              "length": pitch.length, "needs": list(pitch.needs)}
    return Session.model_validate(fields)


def unplaceable(event: Event, pitches: tuple[Pitch, ...] | list[Pitch]) -> list[Pitch]:
    """Pitches the event's rooms and slots cannot take at all."""
    return [p for p in pitches if not placements(event, pitched_session(p))]


def merge(event: Event, ballot: Ballot) -> Event:
    """``event`` with the ballot's pitches appended and its votes added (no one twice)."""
    in_file = set(event.session_by_id)
    nowhere = set(unplaceable(event, ballot.pitches))
    pitched = [
        pitched_session(p) for p in ballot.pitches if p.id not in in_file and p not in nowhere
    ]
    sessions = []
    for session in [*event.sessions, *pitched]:
        extra = ballot.votes.get(session.id, [])
        sessions.append(
            session.replaced(votes=list(dict.fromkeys([*session.votes, *extra])))
            if extra
            else session
        )
    return event.replaced(sessions=sessions) if pitched or ballot.votes else event


def with_phones(event: Event, event_path: Path) -> Event:
    """``event`` with the phones' database beside it merged in, if there is one."""
    ballot = read_ballot(phones_path(event_path))
    return event if ballot is None else merge(event, ballot)
