"""Independent checker: re-derive every rule and metric from the event file and a plan.

Deliberately shares no code with the solver (not ``placements``, not ``solve.*``): a
mistake in the model must not be able to hide itself by being repeated here. Used by
``opensozial check``, by the tests for every plan the solver makes, and by hand-made
plans.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

from opensozial.i18n import t
from opensozial.model import Event
from opensozial.plan import REQUIRED_METRICS, Metrics, Plan


@dataclass(frozen=True)
class Violation:
    rule: str  # message key, e.g. "v_room_double_booked"
    params: dict[str, object] = field(default_factory=dict)

    def text(self, lang: str) -> str:
        return t(self.rule, lang, **self.params)


@dataclass
class CheckResult:
    violations: list[Violation]
    metrics: Metrics

    @property
    def ok(self) -> bool:
        return not self.violations


def check(event: Event, plan: Plan, *, compare_metrics: bool = True) -> CheckResult:
    violations = list(_rule_violations(event, plan))
    valid = [a for a in plan.assignments if _usable(event, a.session, a.room, a.slots)]
    metrics = compute_metrics(event, {a.session: (a.room, a.slots) for a in valid})
    if compare_metrics and plan.status != "unchecked":
        given, computed = asdict(plan.metrics), asdict(metrics)
        for name in sorted(REQUIRED_METRICS):
            if given[name] != computed[name]:
                violations.append(
                    Violation(
                        "v_metric", {"name": name, "given": given[name], "computed": computed[name]}
                    )
                )
    return CheckResult(violations, metrics)


def _usable(event: Event, session: str, room: str, slots: tuple[str, ...]) -> bool:
    return session in event.session_by_id and room in event.room_by_id and all(
        s in event.slot_by_id for s in slots
    )


def _rule_violations(event: Event, plan: Plan) -> Iterator[Violation]:
    seen: set[str] = set()
    cells: dict[tuple[str, str], list[str]] = defaultdict(list)
    host_at: dict[tuple[str, str], list[str]] = defaultdict(list)
    order = {slot.id: i for i, slot in enumerate(event.slots)}
    for a in plan.assignments:
        if a.session not in event.session_by_id:
            yield Violation("v_unknown_session", {"session": a.session})
            continue
        if a.session in seen:
            yield Violation("v_twice", {"session": a.session})
            continue
        seen.add(a.session)
        if a.room not in event.room_by_id:
            yield Violation("v_unknown_room", {"session": a.session, "room": a.room})
            continue
        unknown = [s for s in a.slots if s not in event.slot_by_id]
        if unknown:
            yield Violation("v_unknown_slot", {"session": a.session, "slot": unknown[0]})
            continue
        session, room = event.session_by_id[a.session], event.room_by_id[a.room]
        slots = [event.slot_by_id[s] for s in a.slots]
        if len(slots) != session.length:
            yield Violation(
                "v_length", {"session": a.session, "length": session.length, "count": len(slots)}
            )
        indices = [order[s.id] for s in slots]
        dates = {s.date or event.event.date for s in slots}
        if not slots:
            yield Violation(
                "v_length", {"session": a.session, "length": session.length, "count": 0}
            )
            continue
        if indices != list(range(indices[0], indices[0] + len(indices))) or len(dates) > 1:
            yield Violation("v_not_consecutive", {"session": a.session})
        for slot in slots:
            if slot.break_ is not None or slot.plenary is not None:
                yield Violation("v_in_break", {"session": a.session, "slot": slot.id})
            if slot.id in session.unavailable or not event.in_parts(slot, session.parts):
                yield Violation("v_session_unavailable", {"session": a.session, "slot": slot.id})
            if slot.id in room.unavailable or not event.in_parts(slot, room.parts):
                yield Violation(
                    "v_room_unavailable", {"session": a.session, "room": a.room, "slot": slot.id}
                )
            cells[(slot.id, a.room)].append(a.session)
            for host in set(session.person_hosts):
                host_at[(host, slot.id)].append(a.session)
        missing = sorted(set(session.needs) - set(room.features))
        if missing:
            yield Violation(
                "v_needs", {"session": a.session, "room": a.room, "features": ", ".join(missing)}
            )
        if room.reserved_for and not set(room.reserved_for) & set(session.needs):
            yield Violation("v_room_reserved", {"session": a.session, "room": a.room,
                                                "features": ", ".join(room.reserved_for)})
        pin = session.pinned
        if pin is not None and (a.slots[:1] != (pin.slot,) or (pin.room and pin.room != a.room)):
            yield Violation(
                "v_pin", {"session": a.session, "slot": pin.slot, "room": pin.room or "-"}
            )
    for (slot_id, room_id), sessions in cells.items():
        if len(sessions) > 1:
            yield Violation(
                "v_room_double_booked",
                {"room": room_id, "slot": slot_id, "sessions": ", ".join(sessions)},
            )
    for (host, slot_id), sessions in host_at.items():
        if len(sessions) > 1:
            yield Violation(
                "v_host_twice", {"host": host, "slot": slot_id, "sessions": ", ".join(sessions)}
            )
    for session in event.sessions:
        if session.pinned is not None and session.id not in seen:
            yield Violation("v_pin_dropped", {"session": session.id})
    yield from _part_violations(event, plan, order)


def _part_violations(event: Event, plan: Plan, order: dict[str, int]) -> Iterator[Violation]:
    """A later part ("follows") runs only after the part before it has ended."""
    slots_of = {a.session: a.slots for a in plan.assignments
                if a.slots and all(s in order for s in a.slots)}
    for session in event.sessions:
        first = session.follows
        if first is None or session.id not in slots_of:
            continue
        if first not in slots_of:
            yield Violation("v_part_alone", {"session": session.id, "first": first})
        elif order[slots_of[session.id][0]] <= order[slots_of[first][-1]]:
            yield Violation("v_part_early", {"session": session.id, "first": first})


def compute_metrics(event: Event, placed: dict[str, tuple[str, tuple[str, ...]]]) -> Metrics:
    """The plan's figures, from first principles (definitions in README, 'Metrics').

    conflicts: for each person (voters and hosts who are persons, not "N.N." or an
    organisation) and slot, each wanted session beyond the first that runs in that slot;
    overflow_seats: for each placed session and each slot it occupies, people beyond the
    room's seats (never more people than its sign-up cap); track_clashes: per track and slot,
    same-track sessions beyond the first; avoid_clashes: slots an avoid pair shares;
    room_changes: later parts placed in another room than the part they follow.
    """
    wanted: dict[str, list[str]] = defaultdict(list)
    for session in event.sessions:
        for person in set(session.votes) | set(session.person_hosts):
            wanted[person].append(session.id)
    conflicts = 0
    for sessions in wanted.values():
        per_slot = Counter(slot for sid in sessions if sid in placed for slot in placed[sid][1])
        conflicts += sum(n - 1 for n in per_slot.values() if n > 1)
    overflow = 0
    for sid, (room, slots) in placed.items():
        session = event.session_by_id[sid]
        demand = max(session.interest or 0, len(set(session.votes) | set(session.hosts)))
        if session.max_participants is not None:
            demand = min(demand, session.max_participants)
        overflow += len(slots) * max(0, demand - event.room_by_id[room].capacity)
    tracks: dict[str, Counter[str]] = defaultdict(Counter)
    for sid, (_, slots) in placed.items():
        track = event.session_by_id[sid].track
        if track:
            tracks[track].update(slots)
    track_clashes = sum(n - 1 for counter in tracks.values() for n in counter.values() if n > 1)
    pairs = {frozenset((s.id, other)) for s in event.sessions for other in s.avoid if other != s.id}
    avoid_clashes = 0
    for pair in pairs:
        a, b = sorted(pair)
        if a in placed and b in placed:
            avoid_clashes += len(set(placed[a][1]) & set(placed[b][1]))
    dropped = [s for s in event.sessions if s.id not in placed]
    room_changes = sum(1 for s in event.sessions if s.id in placed and s.follows in placed
                       and placed[s.id][0] != placed[s.follows][0])
    return Metrics(
        conflicts=conflicts,
        overflow_seats=overflow,
        unscheduled_sessions=len(dropped),
        votes_total=sum(len(set(s.votes)) for s in event.sessions),
        track_clashes=track_clashes,
        avoid_clashes=avoid_clashes,
        wishes_unscheduled=sum(len(set(s.votes) | set(s.person_hosts)) for s in dropped),
        room_changes=room_changes,
    )
