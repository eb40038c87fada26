"""The event file's nouns: Event, Room, Slot, Session, Weights.

The pydantic models are the single source of the file format: the loader validates
against them, ``opensozial schema`` prints their JSON Schema, and the solver, checker
and exports read them. Cross-references (a pinned room that must exist, ...) are checked
by the loader, which knows line numbers; the derived facts every consumer needs
(a session's people, its demand, slot order) live here so that they are defined once.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cached_property
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from opensozial.clock import ClockError, read_clock


def parse_clock(value: Any) -> Any:
    """Accept a time as text (``"10:30"``, ``"9.30 Uhr"``, see :mod:`opensozial.clock`) and
    the YAML 1.1 sexagesimal integer 630 for 10:30.

    PyYAML reads an unquoted ``10:30`` as the number 630 (base 60). Our loader avoids
    that, but events built by other tools may still hand us the integer. A float
    (``9.30`` read by YAML as 9.3) or a boolean is refused: it is never a time.
    """
    if isinstance(value, dt.time):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        if 0 <= value < 24 * 60:
            return dt.time(*divmod(value, 60))
        raise _clock_error("range", value)
    if isinstance(value, str):
        try:
            return read_clock(value)
        except ClockError as exc:
            raise _clock_error(exc.kind, value) from None
    raise _clock_error("unknown", value)


def _clock_error(kind: str, value: object) -> PydanticCustomError:
    return PydanticCustomError(
        f"clock_{kind}", "'{value}' is not a time of day like 10:30", {"value": str(value)}
    )


Clock = Annotated[
    dt.time,
    BeforeValidator(parse_clock),
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,2}:\d{2}$", "examples": ["10:30"]}),
]
# Caps far above any real event that keep every sum the solver forms within 64 bits.
MAX_COUNT = 100_000  # seats, raised hands
MAX_LENGTH = 100  # slots of one session
MAX_WEIGHT = 1_000_000

Id = Annotated[str, Field(min_length=1, description="A unique short name, e.g. 'saal' or 's1'.")]
# What a later part (``follows``) takes from the part it follows when it does not say it.
TAKEN_OVER = ("title", "hosts", "interest", "needs", "track", "description", "max_participants")


def _part_names(value: Any) -> Any:
    """Accept one part (``parts: Workshop``) or a list; a date (2026-10-22) names its day."""
    items = value if isinstance(value, list) else [value]
    return [item.isoformat() if isinstance(item, dt.date) else item for item in items]


Parts = Annotated[
    list[str],
    BeforeValidator(_part_names),
    WithJsonSchema({
        "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
        "description": "Parts (a slot's 'part') or dates (YYYY-MM-DD) this belongs to; "
                       "empty: all of the event.",
        "examples": [["Workshop"], ["2026-10-22"]],
    }),
]

# "N.N.", "N. N.", "NN", "N.N. (Caritas)", "t.b.a.": a name still to be found, not a person.
_PLACEHOLDER = re.compile(r"^\s*(n\.?\s?n\.?|t\.?\s?b\.?\s?[ad]\.?)(?=$|[\s(,])", re.IGNORECASE)


def is_placeholder(name: str) -> bool:
    """Whether a host's name stands for someone not yet known ("N.N.", "N.N. (Caritas)")."""
    return _PLACEHOLDER.match(name) is not None


class _Strict(BaseModel):
    """Unknown keys are errors (a typo must not silently drop a constraint)."""

    model_config = ConfigDict(
        extra="forbid", coerce_numbers_to_str=True, populate_by_name=True, frozen=True
    )

    def replaced(self, **changes: Any) -> Any:
        """A validated copy with some fields replaced.

        ``model_copy(update=...)`` skips validation and carries over the cached views
        (``session_by_id``, ``people``, ...) of the original, which would then be stale.
        """
        fields = {name: getattr(self, name) for name in type(self).model_fields}
        return type(self).model_validate({**fields, **changes})


class EventInfo(_Strict):
    name: str = Field(description="Name of the event, shown on every output.")
    date: dt.date = Field(description="Day of the event (YYYY-MM-DD); slots default to it.")
    timezone: str = Field("Europe/Berlin", description="IANA time zone, e.g. Europe/Berlin.")
    language: Literal["de", "en"] = Field("de", description="Language of all outputs.")

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise PydanticCustomError(
                "timezone", "unknown time zone '{value}' (use e.g. Europe/Berlin)", {"value": value}
            ) from None
        return value


class Room(_Strict):
    id: Id
    name: str | None = Field(None, description="Display name; defaults to the id.")
    capacity: int = Field(ge=0, le=MAX_COUNT, description="Seats (people the room holds).")
    features: list[str] = Field(default_factory=list, description="e.g. [beamer, barrierefrei]")
    unavailable: list[str] = Field(default_factory=list, description="Slot ids the room is closed.")
    parts: Parts = Field(default_factory=list, description="Parts or dates the room is open for.")
    reserved_for: list[str] = Field(
        default_factory=list,
        description="Features the room is kept for: it takes only sessions needing one of them, "
                    "e.g. [online].",
    )

    @property
    def label(self) -> str:
        return self.name or self.id


class Slot(_Strict):
    id: Id
    start: Clock
    end: Clock
    date: dt.date | None = Field(None, description="Defaults to event.date.")
    break_: str | None = Field(
        None, alias="break", description="Marks a break (e.g. lunch): no session runs."
    )
    plenary: str | None = Field(
        None, description="Marks a plenary (keynote, welcome): everyone together, no session."
    )
    speakers: list[str] = Field(default_factory=list, description="Who speaks in the plenary.")
    description: str | None = Field(None, description="What the plenary or break is about.")
    part: str | None = Field(None, description="The part of the event the slot belongs to, "
                                               "e.g. Workshop or Konferenz.")

    @property
    def is_session_slot(self) -> bool:
        return self.break_ is None and self.plenary is None


class Pin(_Strict):
    slot: Id
    room: Id | None = None


def _title_or_follows(schema: dict[str, Any]) -> None:
    """A part that follows another may leave out its title (it takes the first part's)."""
    schema["required"] = [key for key in schema.get("required", []) if key != "title"]
    schema["anyOf"] = [{"required": ["title"]}, {"required": ["follows"]}]


class Session(_Strict):
    model_config = ConfigDict(json_schema_extra=_title_or_follows)

    id: Id
    title: str
    hosts: list[str] = Field(default_factory=list, description="People running the session.")
    votes: list[str] = Field(default_factory=list, description="People who want to attend.")
    interest: int | None = Field(
        None, ge=0, le=MAX_COUNT, description="Head count of raised hands."
    )
    length: int = Field(1, ge=1, le=MAX_LENGTH, description="Consecutive slots in the same room.")
    needs: list[str] = Field(default_factory=list, description="Room features required.")
    unavailable: list[str] = Field(default_factory=list, description="Slot ids it cannot take.")
    pinned: Pin | None = Field(None, description="Fixed placement: {slot: s2, room: saal}.")
    track: str | None = Field(None, description="Theme; same-track sessions avoid clashing.")
    avoid: list[str] = Field(default_factory=list, description="Sessions not to run in parallel.")
    description: str | None = Field(
        None, description="What the session is about (handout, calendar).")
    parts: Parts = Field(default_factory=list, description="Parts or dates the session belongs to.")
    max_participants: int | None = Field(
        None, ge=1, description="Sign-up cap: the session takes at most this many people."
    )
    follows: Id | None = Field(
        None,
        description="The session this one continues (its next part, e.g. after lunch or the "
                    "next day): it runs later, in the same room where possible, and takes "
                    "the title, hosts and people of the part it follows.",
    )
    # Hosts the event file names as organisations (set by Event, which holds that list).
    _organisations: frozenset[str] = PrivateAttr(default=frozenset())

    @cached_property
    def person_hosts(self) -> list[str]:
        """Hosts who are one person each, and so can be in one place only.

        Placeholders ("N.N.", "N.N. (Caritas)") and organisations are not: two sessions
        run by "N.N." or by the same organisation may run at the same time.
        """
        return [h for h in self.hosts if not is_placeholder(h) and h not in self._organisations]

    @cached_property
    def people(self) -> frozenset[str]:
        """Everyone who wants to be there: voters and the hosts who are persons."""
        return frozenset(self.votes) | frozenset(self.person_hosts)

    @property
    def wanted(self) -> int:
        """Seats asked for: the larger of the raised hands and everyone named (all hosts sit)."""
        return max(self.interest or 0, len(set(self.votes) | set(self.hosts)))

    @property
    def demand(self) -> int:
        """Seats needed: what is asked for, but never more than the sign-up cap."""
        if self.max_participants is None:
            return self.wanted
        return min(self.wanted, self.max_participants)

    @property
    def full(self) -> bool:
        """A capped session that has as many sign-ups as places."""
        return self.max_participants is not None and self.wanted >= self.max_participants


def _weight(default: int, description: str, low: int = 0) -> Any:
    """A weight of the objective: a whole number from ``low`` to MAX_WEIGHT."""
    return Field(default=default, ge=low, le=MAX_WEIGHT, description=description)


class Weights(_Strict):
    """Objective weights; see README 'How the planner decides'."""

    unscheduled: int = _weight(100, "Dropping a session (scaled by demand).", low=1)
    conflicts: int = _weight(10, "Per person per extra wanted session in a slot.")
    overflow: int = _weight(2, "Per person more than the room seats.")
    track: int = _weight(3, "Per extra same-track session in a slot.")
    avoid: int = _weight(30, "Per slot an 'avoid' pair runs in parallel.")
    move_slot: int = _weight(200, "Re-planning: moving a session to another time.")
    move_room: int = _weight(40, "Re-planning: moving a session to another room.")
    room_change: int = _weight(50, "A later part ('follows') in another room than the part "
                                   "before it (above move_room, so that parts move together).")


class Event(_Strict):
    """A whole event file."""

    model_config = ConfigDict(
        extra="forbid",
        coerce_numbers_to_str=True,
        populate_by_name=True,
        frozen=True,
        json_schema_extra={"title": "opensozial event file"},
    )

    event: EventInfo
    rooms: list[Room] = Field(min_length=1)
    slots: list[Slot] = Field(min_length=1)
    sessions: list[Session] = Field(default_factory=list)
    weights: Weights = Field(default_factory=Weights)
    votes_file: str | None = Field(
        None,
        description="CSV export of an online form with more votes (path relative to this file).",
    )
    organisations: list[str] = Field(
        default_factory=list,
        description="Host names that are organisations, not one person (may host in parallel).",
    )

    @model_validator(mode="before")
    @classmethod
    def _parts_take_over(cls, data: Any) -> Any:
        """A later part takes what it does not say itself from the part it follows.

        Works on the file's mappings, before the fields are validated, so that a part
        may leave out even its (required) title. Only keys the part does not have are
        filled; a reference that leads nowhere or in a circle is left for the loader to
        report with its line (the title is then borrowed from the reference itself, so
        that the reader sees that error and not a missing title).
        """
        if not isinstance(data, dict) or not isinstance(data.get("sessions"), list):
            return data
        # (a malformed id or session is the fields' error to report, with its line)
        named = [s for s in data["sessions"]
                 if isinstance(s, dict) and isinstance(s.get("id"), str)]
        raw = {s["id"]: s for s in named}
        filled: dict[str, dict[str, Any]] = {}

        def fill(item: dict[str, Any], seen: frozenset[str]) -> dict[str, Any]:
            ahead, ident = item.get("follows"), item["id"]
            if ident in filled or not isinstance(ahead, str):
                return filled.get(ident, item)
            before = raw.get(ahead)
            if before is None or ahead in seen:
                source: dict[str, Any] = {"title": ahead}
            else:
                source = fill(before, seen | {ahead})
            item = {**{k: source[k] for k in TAKEN_OVER if k in source and k not in item},
                    **item}
            filled[ident] = item
            return item

        sessions = [fill(s, frozenset({s["id"]})) if any(s is n for n in named) else s
                    for s in data["sessions"]]
        return {**data, "sessions": sessions}

    @model_validator(mode="after")
    def _first_part_people(self) -> Event:
        """People of the first part are people of every part; a later part may add its own.

        Done on the validated sessions (not the file's mappings) because votes also arrive
        later, from a form's CSV and from phones, always through a validated copy.
        """
        by_id = {s.id: s for s in self.sessions}
        sessions = []
        for session in self.sessions:
            first = by_id.get(self.chain(session.id)[0], session)
            votes = list(dict.fromkeys([*first.votes, *session.votes]))
            sessions.append(session.replaced(votes=votes) if votes != session.votes else session)
        object.__setattr__(self, "sessions", sessions)
        return self

    @model_validator(mode="after")
    def _mark_organisations(self) -> Event:
        """Tell each session which of its hosts are organisations.

        A session shared with another event (``replaced`` keeps instances) is copied
        rather than changed, so each event's sessions answer for that event's list.
        """
        names = frozenset(self.organisations)
        sessions = []
        for session in self.sessions:
            if session._organisations != names:
                session = session.replaced()
                session._organisations = names
            sessions.append(session)
        object.__setattr__(self, "sessions", sessions)
        return self

    # Derived views, computed once; the model is frozen so they never go stale.
    @cached_property
    def room_by_id(self) -> dict[str, Room]:
        return {room.id: room for room in self.rooms}

    @cached_property
    def slot_by_id(self) -> dict[str, Slot]:
        return {slot.id: slot for slot in self.slots}

    @cached_property
    def session_by_id(self) -> dict[str, Session]:
        return {session.id: session for session in self.sessions}

    @cached_property
    def slot_index(self) -> dict[str, int]:
        return {slot.id: index for index, slot in enumerate(self.slots)}

    @cached_property
    def chains(self) -> dict[str, tuple[str, ...]]:
        """Per session that is one of several parts (``follows``), all parts in order.

        A reference that leads nowhere or in a circle ends the chain there (the loader
        refuses such files; the guard only keeps this view finite).
        """
        known = {s.id for s in self.sessions}
        after = {s.follows: s.id for s in self.sessions if s.follows in known}
        chains: dict[str, tuple[str, ...]] = {}
        for session in self.sessions:
            if session.follows in known or session.id not in after:
                continue  # not a first part
            chain = [session.id]
            while chain[-1] in after and after[chain[-1]] not in chain:
                chain.append(after[chain[-1]])
            for sid in chain:
                chains[sid] = tuple(chain)
        return chains

    def chain(self, session_id: str) -> tuple[str, ...]:
        """All parts of the session's group in order (just itself when it has no parts)."""
        return self.chains.get(session_id, (session_id,))

    def next_part(self, session_id: str) -> str | None:
        """The part that continues this session (``follows:`` it), if any."""
        chain = self.chain(session_id)
        at = chain.index(session_id)
        return chain[at + 1] if at + 1 < len(chain) else None

    def part_of(self, session_id: str) -> tuple[int, int] | None:
        """(2, 3) for the second of three parts; None for a session on its own."""
        chain = self.chains.get(session_id)
        return None if chain is None else (chain.index(session_id) + 1, len(chain))

    def in_parts(self, slot: Slot, parts: list[str]) -> bool:
        """Whether a slot lies in one of the named parts or dates (no parts: everywhere)."""
        return not parts or slot.part in parts or self.slot_date(slot).isoformat() in parts

    def _closed(self, unavailable: list[str], parts: list[str]) -> frozenset[str]:
        return frozenset(unavailable) | {s.id for s in self.slots if not self.in_parts(s, parts)}

    @cached_property
    def room_closed(self) -> dict[str, frozenset[str]]:
        """Per room, the slots it is closed: its ``unavailable`` and those outside its parts."""
        return {room.id: self._closed(room.unavailable, room.parts) for room in self.rooms}

    @cached_property
    def session_closed(self) -> dict[str, frozenset[str]]:
        """Per session, the slots it cannot take: ``unavailable`` and those outside its parts."""
        return {s.id: self.closed_for(s) for s in self.sessions}

    def closed_for(self, session: Session) -> frozenset[str]:
        """The slots ``session`` cannot take, also for one not (yet) in the file (a pitch)."""
        return self._closed(session.unavailable, session.parts)

    @staticmethod
    def room_takes(room: Room, session: Session) -> bool:
        """A reserved room takes only sessions needing one of the features it is kept for."""
        return not room.reserved_for or bool(set(room.reserved_for) & set(session.needs))

    def slot_date(self, slot: Slot) -> dt.date:
        return slot.date or self.event.date

    def slot_start(self, slot: Slot) -> dt.datetime:
        """Aware start time in the event's time zone."""
        return dt.datetime.combine(self.slot_date(slot), slot.start, ZoneInfo(self.event.timezone))

    def slot_end(self, slot: Slot) -> dt.datetime:
        end = dt.datetime.combine(self.slot_date(slot), slot.end, ZoneInfo(self.event.timezone))
        return end if slot.end > slot.start else end + dt.timedelta(days=1)

    @cached_property
    def session_slots(self) -> list[Slot]:
        """Slots that can hold sessions (not breaks, not plenaries), in file order."""
        return [slot for slot in self.slots if slot.is_session_slot]

    def runs(self, start: Slot, length: int) -> list[Slot] | None:
        """The ``length`` consecutive slots starting at ``start``, or None if there are none.

        Consecutive means next in the file's slot order on the same date; a break or a
        plenary in between ends the run (no multi-slot session spans it).
        """
        first = self.slot_index[start.id]
        run = self.slots[first : first + length]
        if len(run) < length:
            return None
        day = self.slot_date(start)
        if any(not slot.is_session_slot or self.slot_date(slot) != day for slot in run):
            return None
        return run
