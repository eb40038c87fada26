"""Stand-in for re-planning, diff and history until the ``live`` branch lands.

Mirrors the agreed interface (``replan``, ``diff_plans``/``describe_changes``,
``history.save``/``latest``) in the smallest honest form, so that the watcher and the
board can be built and tested now; it is replaced by imports after the merge.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from opensozial.atomic import write_text_atomic
from opensozial.errors import InputError, Problem
from opensozial.model import Event
from opensozial.plan import Plan, read_plan
from opensozial.solve import SolveOptions, solve
from opensozial.solve.problem import Placed


def replan(event: Event, previous: Plan | None, now: dt.datetime | None, options: SolveOptions) -> Plan:
    """Plan again, keeping sessions that have started by ``now`` exactly where they were."""
    placed = {}
    if previous is not None:
        placed = {
            a.session: Placed(a.slots, a.room)
            for a in previous.assignments
            if a.session in event.session_by_id
            and all(s in event.slot_by_id for s in a.slots)
            and a.room in event.room_by_id
        }
    frozen = frozenset(
        sid for sid, p in placed.items()
        if now is not None and event.slot_start(event.slot_by_id[p.slots[0]]) <= now
    )
    return solve(event, SolveOptions(
        time_limit=options.time_limit, seed=options.seed, previous=placed or None, frozen=frozen,
    ))


def describe_changes(event: Event, old: Plan | None, new: Plan, lang: str) -> list[str]:
    """One line per session that appeared, moved, changed room or lost its place."""
    if old is None:
        return []
    before = {a.session: a for a in old.assignments}
    after = {a.session: a for a in new.assignments}
    lines = []
    for sid in sorted(before.keys() | after.keys()):
        title = event.session_by_id[sid].title if sid in event.session_by_id else sid
        a, b = before.get(sid), after.get(sid)
        if a is None:
            lines.append(f"+ {title} ({b.slots[0]}, {b.room})")
        elif b is None:
            lines.append(f"- {title}")
        elif a.slots != b.slots or a.room != b.room:
            lines.append(f"~ {title}: {a.slots[0]}, {a.room} → {b.slots[0]}, {b.room}")
    return lines


def _folder(event_path: Path) -> Path:
    return event_path.parent / f"{event_path.stem}.plans"


def save(event_path: Path, plan: Plan) -> Path:
    """Write the plan as the next numbered file next to the event (never overwriting)."""
    folder = _folder(event_path)
    folder.mkdir(exist_ok=True)
    numbers = [int(m[1]) for p in folder.glob("*.json") if (m := re.match(r"(\d+)", p.name))]
    target = folder / f"{max(numbers, default=0) + 1:03d}.json"
    write_text_atomic(target, plan.to_json())
    return target


def latest(event_path: Path) -> Path | None:
    files = sorted(_folder(event_path).glob("[0-9]*.json"))
    return files[-1] if files else None


def load_latest(event_path: Path) -> Plan | None:
    path = latest(event_path)
    return read_plan(path) if path else None


def parse_now(text: str, event: Event) -> dt.datetime:
    """``11:40`` (on the event's first day) or ``2026-10-22T11:40``, in the event's time zone."""
    zone = event.slot_start(event.slots[0]).tzinfo
    try:
        if re.fullmatch(r"\d{1,2}:\d{2}", text.strip()):
            clock = dt.time.fromisoformat(text.strip().zfill(5))
            return dt.datetime.combine(event.slot_date(event.slots[0]), clock, zone)
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise InputError([Problem("now_invalid", {"text": text})]) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=zone)
