"""The event file's nouns: Event, Room, Slot, Session, Weights.

The pydantic models are the single source of the file format: the loader validates
against them, ``opensozial schema`` prints their JSON Schema, and the solver, checker
and exports read them. Cross-references (a pinned room that must exist, ...) are checked
by the loader, which knows line numbers; the derived facts every consumer needs
(a session's people, its demand, slot order) live here so that they are defined once.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema, field_validator
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

    @property
    def is_session_slot(self) -> bool:
        return self.break_ is None and self.plenary is None


class Pin(_Strict):
    slot: Id
    room: Id | None = None


class Session(_Strict):
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

    @cached_property
    def people(self) -> frozenset[str]:
        """Everyone who wants to be there: voters and hosts (hosts attend their own)."""
        return frozenset(self.votes) | frozenset(self.hosts)

    @property
    def demand(self) -> int:
        """Seats needed: the larger of the raised hands and the named people."""
        return max(self.interest or 0, len(self.people))


class Weights(_Strict):
    """Objective weights; see README 'How the planner decides'."""

    unscheduled: int = Field(
        100, ge=1, le=MAX_WEIGHT, description="Dropping a session (scaled by demand)."
    )
    conflicts: int = Field(
        10, ge=0, le=MAX_WEIGHT, description="Per person per extra wanted session in a slot."
    )
    overflow: int = Field(
        2, ge=0, le=MAX_WEIGHT, description="Per person more than the room seats."
    )
    track: int = Field(
        3, ge=0, le=MAX_WEIGHT, description="Per extra same-track session in a slot."
    )
    avoid: int = Field(
        30, ge=0, le=MAX_WEIGHT, description="Per slot an 'avoid' pair runs in parallel."
    )
    move_slot: int = Field(
        200, ge=0, le=MAX_WEIGHT, description="Re-planning: moving a session to another time."
    )
    move_room: int = Field(
        40, ge=0, le=MAX_WEIGHT, description="Re-planning: moving a session to another room."
    )


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
        None, description="CSV export of an online form with more votes (path relative to this file)."
    )

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
