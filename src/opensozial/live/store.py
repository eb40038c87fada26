"""Votes and pitches from phones, kept in SQLite beside the event file (``tag.phones.sqlite``).

Why a database and not the YAML: 150 phones voting in the same two minutes, a server
killed mid-morning and a facilitator editing the event file meanwhile must not lose a
single vote, and the event file must stay the facilitator's, edited by hand and never
rewritten by a program. SQLite in WAL mode gives one durable transaction per vote
(``synchronous=FULL``: a vote acknowledged to a phone survives a killed process and a
power cut) while readers never wait for writers.

Votes name sessions by id. A vote for a session that is no longer in the event file is
kept, only not counted ("kept aside"): if the session comes back, so do its votes.
People are known by name (the planner needs names to see who wants what) and by a
random per-device token, stored only as a hash, so nobody can change another person's
votes from another phone.
"""

from __future__ import annotations

import hashlib
import json
import re
import secrets
import sqlite3
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from opensozial.errors import InputError, Location, Problem

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS people (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE,
    token_hash TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS votes (
    person INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE, session TEXT NOT NULL,
    PRIMARY KEY (person, session));
CREATE TABLE IF NOT EXISTS pitches (
    seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL, hosts TEXT NOT NULL,
    description TEXT NOT NULL, length INTEGER NOT NULL, needs TEXT NOT NULL,
    device TEXT NOT NULL, at REAL NOT NULL, hidden INTEGER NOT NULL DEFAULT 0);
"""

PITCH_LIMIT = 3  # pitches one phone may enter ...
PITCH_WINDOW_S = 600.0  # ... within ten minutes (the admin is not limited)
ADMIN_DEVICE = "admin"


def name_key(name: str) -> str:
    """Spellings one person would not tell apart ("anna  müller", "Anna Müller") are one name."""
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


def clean_name(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split())


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def slug(title: str) -> str:
    """An id for a pitched session, readable in the YAML: "Größe & Maß" → "groesse-mass"."""
    text = (
        title.casefold().replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    )
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:40].strip("-") or "pitch"


@dataclass(frozen=True)
class Person:
    id: int
    name: str


@dataclass(frozen=True)
class Pitch:
    id: str
    title: str
    hosts: tuple[str, ...]
    description: str
    length: int
    needs: tuple[str, ...]
    hidden: bool


@dataclass(frozen=True)
class Ballot:
    """Everything the planner reads: visible pitches, and voters' names per session id."""

    pitches: tuple[Pitch, ...]
    votes: dict[str, list[str]]


class NameTaken(Exception):
    """Another device already uses this name."""


class RateLimited(Exception):
    """This device pitched too often in the last minutes."""


def _unreadable(path: Path, exc: Exception) -> InputError:
    return InputError(
        [Problem("phones_db_unreadable", {"path": str(path), "reason": str(exc)}, Location(path))]
    )


class Store:
    """The phones' database of one event, shared by all request threads of ``serve``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            self._db = sqlite3.connect(
                path, check_same_thread=False, isolation_level=None, timeout=10
            )
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(SCHEMA)
        except sqlite3.Error as exc:
            raise _unreadable(path, exc) from None

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One transaction, committed (and on disk) before the caller answers the phone."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def _read(self, sql: str, *args: object) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    # --- settings ---------------------------------------------------------------------

    def setting(self, key: str, default: str) -> str:
        rows = self._read("SELECT value FROM meta WHERE key = ?", key)
        return str(rows[0][0]) if rows else default

    def put(self, key: str, value: str) -> None:
        with self._write() as db:
            db.execute(
                "INSERT INTO meta VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    def admin_secret(self) -> str:
        """The admin page's key: made once, kept (a restart must not lock the facilitator out)."""
        with self._write() as db:
            rows = db.execute("SELECT value FROM meta WHERE key = 'admin'").fetchall()
            if rows:
                return str(rows[0][0])
            secret = secrets.token_urlsafe(12)
            db.execute("INSERT INTO meta VALUES ('admin', ?)", (secret,))
            return secret

    @property
    def voting_open(self) -> bool:
        return self.setting("voting", "open") == "open"

    @property
    def pitching_open(self) -> bool:
        return self.setting("pitching", "closed") == "open"

    # --- people and votes ------------------------------------------------------------

    def person(self, token: str | None) -> Person | None:
        if not token:
            return None
        rows = self._read("SELECT id, name FROM people WHERE token_hash = ?", token_hash(token))
        return Person(int(rows[0][0]), str(rows[0][1])) if rows else None

    def join(self, name: str) -> tuple[Person, str]:
        """A new person with a fresh device token; :class:`NameTaken` if the name is in use."""
        token = secrets.token_urlsafe(24)
        shown = clean_name(name)
        try:
            with self._write() as db:
                cursor = db.execute(
                    "INSERT INTO people (name, name_key, token_hash) VALUES (?, ?, ?)",
                    (shown, name_key(shown), token_hash(token)),
                )
        except sqlite3.IntegrityError:
            raise NameTaken(shown) from None
        return Person(int(cursor.lastrowid or 0), shown), token

    def votes_of(self, person: Person) -> set[str]:
        return {
            str(row[0])
            for row in self._read("SELECT session FROM votes WHERE person = ?", person.id)
        }

    def set_votes(self, person: Person, sessions: set[str], known: set[str]) -> None:
        """Replace ``person``'s choice among the ``known`` sessions; votes for others stay aside."""
        with self._write() as db:
            for session in known - sessions:
                db.execute(
                    "DELETE FROM votes WHERE person = ? AND session = ?", (person.id, session)
                )
            db.executemany(
                "INSERT OR IGNORE INTO votes VALUES (?, ?)",
                [(person.id, session) for session in sorted(sessions & known)],
            )

    def forget(self, person: Person) -> None:
        """Delete a person's name and every vote (their right, at any time)."""
        with self._write() as db:
            db.execute("DELETE FROM people WHERE id = ?", (person.id,))

    def people(self) -> list[tuple[Person, int]]:
        rows = self._read(
            "SELECT p.id, p.name, COUNT(v.session) FROM people p "
            "LEFT JOIN votes v ON v.person = p.id GROUP BY p.id ORDER BY p.id"
        )
        return [(Person(int(i), str(n)), int(c)) for i, n, c in rows]

    def vote_count(self) -> int:
        return int(self._read("SELECT COUNT(*) FROM votes")[0][0])

    # --- pitches ---------------------------------------------------------------------

    def pitch(
        self,
        title: str,
        hosts: list[str],
        description: str,
        length: int,
        needs: list[str],
        device: str,
        now: float,
        taken: set[str],
    ) -> Pitch:
        """Store a pitched session under a fresh id; :class:`RateLimited` past the limit."""
        with self._write() as db:
            if device != ADMIN_DEVICE:
                recent = db.execute(
                    "SELECT COUNT(*) FROM pitches WHERE device = ? AND at > ?",
                    (device, now - PITCH_WINDOW_S),
                ).fetchone()[0]
                if recent >= PITCH_LIMIT:
                    raise RateLimited()
            used = taken | {str(row[0]) for row in db.execute("SELECT id FROM pitches")}
            base = slug(title)
            ident = (
                base
                if base not in used
                else next(
                    f"{base}-{n}" for n in range(2, len(used) + 3) if f"{base}-{n}" not in used
                )
            )
            db.execute(
                "INSERT INTO pitches (id, title, hosts, description, length, needs, device, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    ident,
                    title,
                    json.dumps(hosts, ensure_ascii=False),
                    description,
                    length,
                    json.dumps(needs, ensure_ascii=False),
                    device,
                    now,
                ),
            )
        return Pitch(ident, title, tuple(hosts), description, length, tuple(needs), False)

    def hide(self, pitch_id: str, hidden: bool) -> None:
        with self._write() as db:
            db.execute("UPDATE pitches SET hidden = ? WHERE id = ?", (int(hidden), pitch_id))

    def pitches(self) -> list[Pitch]:
        return _pitches(self._read(_PITCHES))


_PITCHES = "SELECT id, title, hosts, description, length, needs, hidden FROM pitches ORDER BY seq"
_VOTES = (
    "SELECT v.session, p.name FROM votes v JOIN people p ON p.id = v.person "
    "ORDER BY p.id, v.session"
)


def _pitches(rows: list[tuple]) -> list[Pitch]:
    return [
        Pitch(str(i), str(t), tuple(json.loads(h)), str(d), int(n), tuple(json.loads(f)), bool(x))
        for i, t, h, d, n, f, x in rows
    ]


def read_ballot(path: Path) -> Ballot | None:
    """The database's pitches and votes, read-only (``plan`` never writes it); None if absent."""
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10)
        try:
            pitches = _pitches(db.execute(_PITCHES).fetchall())
            votes: dict[str, list[str]] = {}
            for session, name in db.execute(_VOTES):
                votes.setdefault(str(session), []).append(str(name))
        finally:
            db.close()
    except (sqlite3.Error, ValueError) as exc:
        raise _unreadable(path, exc) from None
    return Ballot(tuple(p for p in pitches if not p.hidden), votes)
