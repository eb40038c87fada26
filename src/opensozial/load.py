"""YAML → validated :class:`~opensozial.model.Event`, with file:line on every error.

Why not ``yaml.safe_load``: PyYAML speaks YAML 1.1, where an unquoted ``10:30`` is the
base-60 integer 630 and duplicate keys silently overwrite each other, and it forgets
where each value stood. We compose the node tree ourselves, keep every node's line,
refuse duplicate keys, read ``10:30`` as text, and map pydantic's error locations back
to lines so that a non-programmer is told exactly where to look.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from opensozial.errors import InputError, Location, Problem
from opensozial.inputs import phones_path, read_text
from opensozial.model import Event, EventInfo, Pin, Room, Session, Slot, Weights
from opensozial.placements import earliest_ends, placements, why_nowhere

PathKey = tuple[str | int, ...]


class _Limits:
    """A loader with a cap on nesting and on what aliases may expand to.

    An "alias bomb" (nine anchors, each nine aliases of the one before) is a few lines
    of YAML that expand to 387 million values; ten thousand nested brackets exhaust
    Python's stack. Neither is an event file: both are refused at the line they occur.
    """

    def __init__(self, stream: str) -> None:
        super().__init__(stream)  # type: ignore[call-arg]  # the loader's that follows
        self.depth = 0
        self.visited: set[int] = set()  # nodes converted once; a second visit is an alias
        self.repeated = 0  # values reached again through aliases

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node | None:
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[attr-defined]
                raise _LimitError("yaml_too_deep", {"limit": MAX_DEPTH}, mark)
            # PyYAML's composer, next in each loader (passed None or a mapping's key node)
            return super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self.depth -= 1


class _Loader(_Limits, yaml.SafeLoader):
    """PyYAML written in Python: its messages and marks are the ones a syntax error shows."""


if yaml.__with_libyaml__:

    class _LibYaml(yaml.composer.Composer, yaml.CSafeLoader):
        """libyaml's parser, in C, under PyYAML's composer, in Python (not libyaml's), so
        that :class:`_Limits` sees every node."""

        def __init__(self, stream: str) -> None:
            yaml.CSafeLoader.__init__(self, stream)
            yaml.composer.Composer.__init__(self)

    class _FastLoader(_Limits, _LibYaml):
        """What reads an event file. Parsing in C is about five times faster: in Python it
        took a sixth of `check`'s time."""

else:  # PyYAML built without libyaml
    _FastLoader = _Loader  # type: ignore[assignment,misc]


for _loader in (_Loader, _FastLoader):  # integers exclude YAML 1.1's base 60: 10:30 stays text
    _loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:int"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    _loader.add_implicit_resolver(
        "tag:yaml.org,2002:int",
        re.compile(
            r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"
        ),
        list("-+0123456789"),
    )


class _LimitError(Exception):
    """The document is too deep or its aliases expand too far (see :class:`_Limits`)."""

    def __init__(self, key: str, params: dict[str, Any], mark: yaml.Mark) -> None:
        super().__init__(key)
        self.key, self.params, self.mark = key, params, mark


MAX_DEPTH = 40  # an event file nests 5 deep (sessions → session → pinned → slot)
MAX_REPEATED = 20_000  # values reached through aliases; a shared list of rooms is far below


class SourceMap:
    """Where each value of the document stood, by its path of keys and indices."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.values: dict[PathKey, yaml.Node] = {}
        self.keys: dict[PathKey, yaml.Node] = {}

    def locate(self, key: PathKey, *, at_key: bool = False) -> Location:
        """The closest known place for ``key``: the node itself or its nearest parent."""
        table = self.keys if at_key else self.values
        probe = tuple(key)
        while probe:
            node = table.get(probe) or self.values.get(probe)
            if node is not None:
                return Location(self.path, node.start_mark.line + 1, node.start_mark.column + 1)
            probe = probe[:-1]
        return Location(self.path, 1)


def _to_python(
    node: yaml.Node, loader: _Loader | _FastLoader, key: PathKey, smap: SourceMap, mark: yaml.Mark
) -> Any:
    """Plain data from ``node``; ``mark`` is where it is written (an alias: where it is used)."""
    if id(node) in loader.visited:
        loader.repeated += 1
        if loader.repeated > MAX_REPEATED:
            raise _LimitError("yaml_alias_budget", {"limit": MAX_REPEATED}, mark)
    loader.visited.add(id(node))
    smap.values[key] = node
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            name = loader.construct_object(key_node, deep=True)
            if not isinstance(name, (str, int, float, bool)) or name is None:
                raise _problem("yaml_bad_key", smap, key, {})
            name = str(name)
            if name in result:
                at = key_node.start_mark
                loc = Location(smap.path, at.line + 1, at.column + 1)
                first = smap.keys[(*key, name)].start_mark.line + 1
                params = {"key": name, "first": first}
                raise InputError([Problem("yaml_duplicate_key", params, loc)])
            smap.keys[(*key, name)] = key_node
            result[name] = _to_python(value_node, loader, (*key, name), smap, key_node.start_mark)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _to_python(item, loader, (*key, i), smap, node.start_mark)
            for i, item in enumerate(node.value)
        ]
    try:
        return loader.construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError):
        return node.value  # e.g. the impossible date 2026-13-01: validation names it, with its line


def _problem(message: str, smap: SourceMap, key: PathKey, params: dict[str, Any]) -> InputError:
    return InputError([Problem(message, params, smap.locate(key))])


def read_yaml(path: Path) -> tuple[Any, SourceMap]:
    """Parse a YAML file into plain Python data plus a map from paths to lines."""
    text = read_text(path)
    try:
        try:
            return _parse(text, path, _FastLoader)
        except yaml.YAMLError:  # read again for PyYAML's message, which libyaml words otherwise
            return _parse(text, path, _Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        column = mark.column + 1 if mark else None
        reason = exc.problem or exc.context or "syntax error"
        raise InputError(
            [Problem("yaml_syntax", {"reason": reason}, Location(path, line, column))]
        ) from None
    except _LimitError as exc:
        where = Location(path, exc.mark.line + 1, exc.mark.column + 1)
        raise InputError([Problem(exc.key, exc.params, where)]) from None


def _parse(text: str, path: Path, kind: type[_Loader | _FastLoader]) -> tuple[Any, SourceMap]:
    smap = SourceMap(path)
    loader = kind(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise InputError([Problem("file_empty", {}, Location(path, 1))])
        return _to_python(node, loader, (), smap, node.start_mark), smap
    finally:
        loader.dispose()


# Known keys per nesting level, for "did you mean" hints on unknown keys.
_MODEL_AT: dict[str, type[BaseModel]] = {
    "": Event,
    "event": EventInfo,
    "rooms": Room,
    "slots": Slot,
    "sessions": Session,
    "pinned": Pin,
    "weights": Weights,
}


def _known_keys(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def _model_for(loc: PathKey) -> type[BaseModel]:
    names = [part for part in loc if isinstance(part, str)]
    return _MODEL_AT.get(names[-1] if names else "", Event)


def _field(loc: PathKey) -> FieldInfo | None:
    """The model field a value at ``loc`` fills (a list's items fill the list's field)."""
    names = [i for i, part in enumerate(loc) if isinstance(part, str)]
    if not names:
        return None
    model = _model_for(loc[: names[-1]])
    fields = {field.alias or name: field for name, field in model.model_fields.items()}
    return fields.get(str(loc[names[-1]]))


def _kinds(annotation: Any) -> set[Any]:
    """The plain types an annotation admits: ``list[str] | None`` → {str, NoneType}."""
    if get_origin(annotation) is Literal:
        return {type(arg) for arg in get_args(annotation)}
    args = get_args(annotation)
    if not args:
        return {annotation}
    if get_origin(annotation) is Annotated:
        return _kinds(args[0])
    return {kind for arg in args for kind in _kinds(arg)}


def _typed_by_source(data: Any, smap: SourceMap, loc: PathKey = ()) -> tuple[Any, list[Problem]]:
    """Read each value as the field it fills expects, from the text the user wrote.

    YAML 1.1 guesses types from the text alone: ``9.30`` becomes the number 9.3 (a
    time of a few seconds after midnight), ``010`` the number 8, ``yes`` and ``off``
    become booleans and then the seat count 1. So where the model expects text or a
    time, a number or date keeps its source text; a boolean where no boolean is
    expected is refused with the fix (quotes for a name, digits for a number), and so is
    a number where a date belongs (validation would read ``date: 0`` as 1 January 1970).
    """
    problems: list[Problem] = []
    if isinstance(data, dict):
        for name, value in data.items():
            data[name], found = _typed_by_source(value, smap, (*loc, name))
            problems += found
        return data, problems
    if isinstance(data, list):
        for i, value in enumerate(data):
            data[i], found = _typed_by_source(value, smap, (*loc, i))
            problems += found
        return data, problems
    field, node = _field(loc), smap.values.get(loc)
    if field is None or not isinstance(node, yaml.ScalarNode):
        return data, problems
    if data is None or isinstance(data, str):
        return data, problems
    kinds = _kinds(field.annotation)
    if isinstance(data, bool):
        if bool not in kinds:
            params = {"key": _describe(loc), "value": node.value}
            problems.append(Problem("yaml_boolean", params, smap.locate(loc)))
        return data, problems
    if kinds & {str, dt.time} and not kinds & {type(data), dt.date}:
        return node.value, problems
    if dt.date in kinds and isinstance(data, (int, float)):  # pydantic would take 0 as 1970-01-01
        params = {"key": _describe(loc), "value": node.value, "reason": "",
                  "reason_type": "date_type"}
        problems.append(Problem("bad_value", params, smap.locate(loc)))
    return data, problems


def _pydantic_problems(error: ValidationError, smap: SourceMap) -> list[Problem]:
    problems = []
    params: dict[str, Any]
    for item in error.errors(include_url=False):
        loc: PathKey = tuple(item["loc"])
        if item["type"] == "extra_forbidden":
            unknown = str(loc[-1])
            known = _known_keys(_model_for(loc[:-1]))
            close = difflib.get_close_matches(unknown, known, n=1, cutoff=0.5)
            params = {
                "key": unknown,
                "known": ", ".join(known),
                "suggestion": close[0] if close else "",
            }
            problems.append(Problem("unknown_key", params, smap.locate(loc, at_key=True)))
        elif item["type"] == "missing":
            params = {"key": str(loc[-1]), "where": _describe(loc[:-1])}
            # A session without a title may be a later part that forgot its ``follows``.
            code = "missing_title" if loc[0] == "sessions" and loc[-1] == "title" else "missing_key"
            problems.append(Problem(code, params, smap.locate(loc[:-1])))
        else:
            value, node = item.get("input"), smap.values.get(loc)
            shown = value if isinstance(value, (str, int, float, bool)) else type(value).__name__
            if isinstance(node, yaml.ScalarNode):
                shown = node.value  # as written: 'yes', not True; '1e400', not inf
            context = {k: str(v) for k, v in (item.get("ctx") or {}).items()}
            params = {"key": _describe(loc), "value": shown, "reason": item["msg"],
                      "reason_type": item["type"], "context": context}
            problems.append(Problem("bad_value", params, smap.locate(loc)))
    return problems


def _describe(loc: PathKey) -> str:
    """``('sessions', 3, 'length')`` → ``sessions[4].length`` (1-based, like people count)."""
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "the file"


def load_event(path: Path | str, *, first_plan: bool = True) -> Event:
    """Read, validate and cross-check an event file; raise :class:`InputError` with lines.

    A session that fits nowhere is an error in a first plan; when re-planning it is an
    open end with its reason (its only room closed now must not stop the rest of the day).
    """
    path = Path(path)
    data, smap = read_yaml(path)
    if not isinstance(data, dict):
        raise _problem("not_a_mapping", smap, (), {})
    data, typing_problems = _typed_by_source(data, smap)
    if typing_problems:
        raise InputError(typing_problems)
    try:
        event = Event.model_validate(data)
    except ValidationError as exc:
        raise InputError(_pydantic_problems(exc, smap)) from None
    problems = [*_reference_problems(event, smap), *_follows_problems(event, smap),
                *_slot_order_problems(event, smap), *_programme_problems(event, smap)]
    if not problems and event.votes_file:
        from opensozial.votes_csv import merge_votes, read_votes

        where = smap.locate(("votes_file",))
        event = merge_votes(event, read_votes(path.parent / event.votes_file, event, where))
    if not problems and phones_path(path).is_file():  # pitches and votes from phones (serve)
        from opensozial.live.merge import with_phones  # SQLite loads only for such an event

        event = with_phones(event, path)
    if not problems:
        problems = list(_placement_problems(event, smap, first_plan))
    if problems:
        raise InputError(problems)
    return event


def _duplicates(
    items: Iterable[tuple[int, str]], section: str, smap: SourceMap
) -> Iterable[Problem]:
    seen: dict[str, int] = {}
    for index, ident in items:
        if ident in seen:
            first = smap.locate((section, seen[ident], "id")).line
            yield Problem("duplicate_id", {"id": ident, "section": section, "first": first},
                          smap.locate((section, index, "id")))
        else:
            seen[ident] = index


def _unknown(kind: str, ident: str, known: Iterable[str], loc: Location) -> Problem:
    known = list(known)
    close = difflib.get_close_matches(ident, known, n=1, cutoff=0.5)
    return Problem(f"unknown_{kind}", {"id": ident, "suggestion": close[0] if close else "",
                                       "known": ", ".join(known[:12])}, loc)


def _reference_problems(event: Event, smap: SourceMap) -> Iterable[Problem]:
    """Unique ids and existing references; each problem at the line that is wrong."""
    yield from _duplicates(enumerate(r.id for r in event.rooms), "rooms", smap)
    yield from _duplicates(enumerate(s.id for s in event.slots), "slots", smap)
    yield from _duplicates(enumerate(s.id for s in event.sessions), "sessions", smap)
    slot_ids, room_ids, session_ids = event.slot_by_id, event.room_by_id, event.session_by_id
    for i, slot in enumerate(event.slots):
        if slot.end <= slot.start:
            yield Problem(
                "slot_ends_before_start", {"id": slot.id}, smap.locate(("slots", i, "end"))
            )
        if slot.break_ is not None and slot.plenary is not None:
            yield Problem("slot_break_and_plenary", {"id": slot.id}, smap.locate(("slots", i)))
    if not event.session_slots:
        yield Problem("no_session_slots", {}, smap.locate(("slots",)))
    for i, room in enumerate(event.rooms):
        for j, sid in enumerate(room.unavailable):
            if sid not in slot_ids:
                yield _unknown("slot", sid, slot_ids, smap.locate(("rooms", i, "unavailable", j)))
    for i, session in enumerate(event.sessions):
        for j, sid in enumerate(session.unavailable):
            if sid not in slot_ids:
                yield _unknown(
                    "slot", sid, slot_ids, smap.locate(("sessions", i, "unavailable", j))
                )
        for j, other in enumerate(session.avoid):
            if other not in session_ids:
                yield _unknown(
                    "session", other, session_ids, smap.locate(("sessions", i, "avoid", j))
                )
            elif other == session.id:
                yield Problem("avoid_self", {"id": other}, smap.locate(("sessions", i, "avoid", j)))
        for role in ("hosts", "votes"):
            names = Counter(getattr(session, role))
            for name, count in names.items():
                if count > 1:
                    j = getattr(session, role).index(name)
                    yield Problem("duplicate_person", {"name": name, "role": role},
                                  smap.locate(("sessions", i, role, j)))
        if session.follows is not None and session.follows not in session_ids:
            yield _unknown("session", session.follows, session_ids,
                           smap.locate(("sessions", i, "follows")))
        if session.pinned is not None:
            pin = session.pinned
            if pin.slot not in slot_ids:
                yield _unknown(
                    "slot", pin.slot, slot_ids, smap.locate(("sessions", i, "pinned", "slot"))
                )
            if pin.room is not None and pin.room not in room_ids:
                yield _unknown(
                    "room", pin.room, room_ids, smap.locate(("sessions", i, "pinned", "room"))
                )


def _follows_problems(event: Event, smap: SourceMap) -> Iterable[Problem]:
    """Parts of a group form one chain with a first part: no circle, no fork."""
    index = {s.id: i for i, s in enumerate(event.sessions)}
    follows = {s.id: s.follows for s in event.sessions if s.follows in index}
    taken: dict[str, str] = {}  # a part -> the first session that follows it
    for session in event.sessions:
        first = follows.get(session.id)
        if first is None:
            continue
        where = smap.locate(("sessions", index[session.id], "follows"))
        if first in taken:
            yield Problem("follows_twice", {"id": session.id, "other": taken[first],
                                            "first": first}, where)
        taken.setdefault(first, session.id)
        chain: list[str] = [session.id]
        ahead: str | None = first
        while ahead is not None and ahead not in chain:
            chain.append(ahead)
            ahead = follows.get(ahead)
        if ahead == session.id:
            yield Problem("follows_cycle",
                          {"id": session.id, "chain": " → ".join([*chain, session.id])}, where)


def _slot_order_problems(event: Event, smap: SourceMap) -> Iterable[Problem]:
    """Slots in file order must follow each other in time, without overlapping.

    The planner reads "consecutive" and "at the same time" from the file order: a slot
    listed out of time order would split a two-slot workshop across the day, and two
    overlapping slots would let a host or a room be in both at once.
    """
    latest: tuple[int, Slot] | None = None  # the slot that ends last so far
    for i, slot in enumerate(event.slots):
        if slot.end <= slot.start:
            continue  # reported as ending before it starts
        if latest is not None:
            j, other = latest
            params = {"id": slot.id, "time": _span(event, slot), "other": other.id,
                      "other_time": _span(event, other), "line": smap.locate(("slots", j)).line}
            if (event.slot_date(slot), slot.start) < (event.slot_date(other), other.start):
                yield Problem("slot_out_of_order", params, smap.locate(("slots", i, "start")))
                continue
            if event.slot_date(slot) == event.slot_date(other) and slot.start < other.end:
                yield Problem("slot_overlap", params, smap.locate(("slots", i, "start")))
        if latest is None or event.slot_end(slot) > event.slot_end(latest[1]):
            latest = (i, slot)


def _span(event: Event, slot: Slot) -> str:
    day = f"{slot.date:%d.%m.} " if slot.date and slot.date != event.event.date else ""
    return f"{day}{slot.start:%H:%M}–{slot.end:%H:%M}"


def _programme_problems(event: Event, smap: SourceMap) -> Iterable[Problem]:
    """Parts that no slot names, reserved features a room lacks, plenary details on a
    session slot, and organisations that host nothing (a typo would make them a person)."""
    known = list(dict.fromkeys([*(s.part for s in event.slots if s.part),
                                *(event.slot_date(s).isoformat() for s in event.slots)]))
    sections: tuple[tuple[str, Sequence[Room | Session]], ...] = (
        ("rooms", event.rooms), ("sessions", event.sessions))
    for section, items in sections:
        for i, item in enumerate(items):
            for j, part in enumerate(item.parts):
                if part not in known:
                    yield _unknown("part", part, known, smap.locate((section, i, "parts", j)))
    for i, room in enumerate(event.rooms):
        for j, feature in enumerate(room.reserved_for):
            if feature not in room.features:
                yield Problem("reserved_not_feature", {"room": room.id, "feature": feature},
                              smap.locate(("rooms", i, "reserved_for", j)))
    for i, slot in enumerate(event.slots):
        extra = [("speakers", slot.plenary is None and bool(slot.speakers)),
                 ("description", slot.is_session_slot and slot.description is not None)]
        for key, wrong in extra:
            if wrong:
                yield Problem("slot_details_without_plenary", {"id": slot.id, "key": key},
                              smap.locate(("slots", i, key)))
    hosts = {host for session in event.sessions for host in session.hosts}
    for j, name in enumerate(event.organisations):
        if name not in hosts:
            yield _unknown("organisation", name, sorted(hosts), smap.locate(("organisations", j)))


def _placement_problems(event: Event, smap: SourceMap, first_plan: bool) -> Iterable[Problem]:
    """Sessions that fit nowhere, and pins that contradict each other (exit 2, with lines)."""
    pinned_runs: list[tuple[int, Session, set[str], str | None]] = []
    ends_by = earliest_ends(event)
    for i, session in enumerate(event.sessions):
        options = placements(event, session)
        if not options and first_plan:
            key, params = why_nowhere(event, session)
            at: PathKey = ("sessions", i, "pinned") if key == "pin_impossible" else ("sessions", i)
            yield Problem(key, {"id": session.id, **params}, smap.locate(at))
        elif first_plan and session.follows in ends_by and session.id not in ends_by:
            yield Problem("follows_too_early", {"id": session.id, "first": session.follows},
                          smap.locate(("sessions", i, "follows")))
        elif options and session.pinned is not None:
            pinned_runs.append((i, session, set(options[0].slots), session.pinned.room))
    for n, (i, session, slots, room) in enumerate(pinned_runs):
        for j, other, other_slots, other_room in pinned_runs[:n]:
            shared = sorted(slots & other_slots, key=lambda slot: event.slot_index[slot])
            if not shared:
                continue
            where = smap.locate(("sessions", i, "pinned"))
            common = sorted(set(session.person_hosts) & set(other.person_hosts))
            if common:
                yield Problem(
                    "host_pinned_twice",
                    {"host": common[0], "id": session.id, "other": other.id, "slot": shared[0]},
                    where,
                )
            if room is not None and room == other_room:
                yield Problem(
                    "pin_room_collision",
                    {"id": session.id, "other": other.id, "room": room, "slot": shared[0]},
                    where,
                )


_LANGUAGE_LINE = re.compile(
    r"(?:^|[{,])\s*language:\s*[\"']?(de|en)\b", re.MULTILINE
)  # block or flow style


def sniff_language(path: Path) -> str | None:
    """The language an event file asks for, even when the file is otherwise broken.

    Error messages should already speak the user's language, before the file validates.
    """
    try:
        match = _LANGUAGE_LINE.search(Path(path).read_text(encoding="utf-8-sig", errors="replace"))
    except OSError:
        return None
    return match[1] if match else None
