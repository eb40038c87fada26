"""Re-planning after a single change on the Open-Sozial county day (36 sessions, 7 rooms, \
96 people).

Plans the example once (cold), then re-plans from that grid after each of four typical
changes — a new session, a host ill (session removed), a room lost for the afternoon, a
session pinned to another slot — both before the day starts and at lunch (--now 12:30,
the morning frozen). Prints a Markdown table: solve seconds (the solver's own time, what
the < 1 s goal is about), wall seconds of the whole re-plan call, and what changed.

Usage: .venv/bin/python benchmarks/replan.py [--time-limit 10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from opensozial.check import check
from opensozial.diff import diff_plans
from opensozial.load import load_event
from opensozial.model import Event, Pin
from opensozial.plan import Plan
from opensozial.replan import parse_now, replan
from opensozial.solve import SolveOptions

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "open-sozial-tag.yaml"


def new_session(event: Event, base: Plan) -> Event:
    people = sorted({p for s in event.sessions for p in s.votes})[:12]
    extra = event.sessions[0].replaced(
        id="neu",
        title="KI in der Sozialberatung",
        hosts=["Neue Person"],
        votes=people,
        track=None,
        avoid=[],
        pinned=None,
    )
    return event.replaced(sessions=[*event.sessions, extra])


def host_ill(event: Event, base: Plan) -> Event:
    gone = _afternoon(event, base)[0]
    return event.replaced(sessions=[s for s in event.sessions if s.id != gone])


def room_lost(event: Event, base: Plan) -> Event:
    afternoon = [slot.id for slot in event.session_slots if slot.start.hour >= 13]
    rooms = [
        r.replaced(unavailable=sorted(set(r.unavailable) | set(afternoon))) if r.id == "r102" else r
        for r in event.rooms
    ]
    return event.replaced(rooms=rooms)


def pinned_elsewhere(event: Event, base: Plan) -> Event:
    sid = _afternoon(event, base)[0]
    here = base.assignment_of(sid)
    assert here is not None
    other = next(s.id for s in event.session_slots if s.start.hour >= 13 and (s.id,) != here.slots)
    return event.replaced(
        sessions=[s.replaced(pinned=Pin(slot=other)) if s.id == sid else s for s in event.sessions]
    )


def _afternoon(event: Event, base: Plan) -> list[str]:
    """Placed sessions that start after lunch, most demanded first (the hardest to move)."""
    late = [a.session for a in base.assignments if event.slot_by_id[a.slots[0]].start.hour >= 13]
    return sorted(late, key=lambda sid: (-event.session_by_id[sid].demand, sid))


CHANGES: dict[str, Callable[[Event, Plan], Event]] = {
    "new session": new_session,
    "host ill (session removed)": host_ill,
    "room lost for the afternoon": room_lost,
    "session pinned to another slot": pinned_elsewhere,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument("--repeat", type=int, default=3, help="runs per case; the median is shown")
    args = parser.parse_args()
    options = SolveOptions(time_limit=args.time_limit)
    event = load_event(EXAMPLE)
    began = time.perf_counter()
    base = replan(event, None, None, options)
    cold = time.perf_counter() - began
    voters = len({p for s in event.sessions for p in s.votes})
    print(
        f"{EXAMPLE.name}: {len(event.sessions)} sessions, {len(event.rooms)} rooms, "
        f"{voters} voters; "
        f"cold plan {base.elapsed:.2f} s solve ({cold:.2f} s wall), "
        f"time limit {args.time_limit:g} s\n"
    )
    print("| change | --now | solve s | wall s | moved | new | cancelled | newly unscheduled |")
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    worst = 0.0
    for name, change in CHANGES.items():
        changed = change(event, base)
        for clock in (None, "12:30"):
            now = parse_now(clock, event) if clock else None
            runs = []
            for _ in range(args.repeat):
                began = time.perf_counter()
                plan = replan(changed, base, now, options)
                runs.append((plan.elapsed, time.perf_counter() - began, plan))
            runs.sort(key=lambda run: run[0])
            solve_s, wall_s, plan = runs[len(runs) // 2]
            assert check(changed, plan).ok, name
            kinds = [c.kind for c in diff_plans(changed, base, plan)]
            worst = max(worst, solve_s)
            print(f"| {name} | {clock or '–'} | {solve_s:.3f} | {wall_s:.3f} | "
                  f"{kinds.count('moved') + kinds.count('room_changed')} | {kinds.count('new')} | "
                  f"{kinds.count('cancelled')} | {kinds.count('unscheduled')} |")
    print(f"\nslowest re-plan: {worst:.3f} s solve time (goal: < 1 s)")


if __name__ == "__main__":
    main()
