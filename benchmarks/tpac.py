"""W3C TPAC 2023 group meetings as an opensozial event whose groups meet on several days.

The upstream data (``benchmarks/data/w3c-tpac-breakouts/tpac2023.json``) lists 59 working
groups, 17 rooms (seats in the room name) and 16 slots over four days. Each group ticked
the slots it meets in and estimated its in-person participants. So:

* each run of consecutive ticked slots of a day becomes one session, pinned to its first
  slot (the group chose its times; the planner chooses rooms), ``length`` = the run;
* a group's later sessions ``follows:`` its earlier ones: one group, several parts,
  which should keep one room through the week;
* the estimate becomes ``interest``: the middle of its band (23, 40), 15 for "Less than
  15" (no room seats fewer) and 60 for "More than 50";
* no hosts: the GitHub author filed the issue for the group (one W3C staff member filed
  many groups that meet at the same time), so it names no chair.

Run it to convert and plan, with and without ``follows``, and print the figures:

    python benchmarks/tpac.py [--time-limit 10] [-o /tmp/tpac.yaml]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

import yaml

from opensozial.atomic import write_text_atomic
from opensozial.model import Event
from opensozial.plan import Plan

DATA = Path(__file__).resolve().parent / "data" / "w3c-tpac-breakouts" / "tpac2023.json"
BANDS = {"Less than 15": 15, "16-30": 23, "31-50": 40, "More than 50": 60}
DAYS = {"Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4}


def load_raw(path: Path = DATA) -> dict[str, Any]:
    return dict(json.loads(path.read_text(encoding="utf-8")))


def _slots(raw: dict[str, Any]) -> list[dict[str, Any]]:
    """'2023-09-11 09:30 - 11:00' → {id: mo1, date, start, end}, numbered per day."""
    slots, count = [], 0
    for k, label in enumerate(raw["slots"]):
        day, start, _, end = label.split()
        date = dt.date.fromisoformat(day)
        count = 1 if k == 0 or slots[-1]["date"] != date else count + 1
        slots.append({"id": f"{date:%a}{count}".lower(), "date": date, "start": start, "end": end})
    return slots


def _room_id(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def event_doc(raw: dict[str, Any], *, follows: bool = True) -> dict[str, Any]:
    slots = _slots(raw)
    by_tick = {(slot["date"].weekday(), slot["start"]): i for i, slot in enumerate(slots)}
    sessions = []
    for group in sorted(raw["sessions"], key=lambda s: s["number"]):
        body = group["body"]
        band = re.search(r"### Estimate of in-person participants\s+(.+)", body)
        ticked = sorted(by_tick[(DAYS[day], start)]
                        for day, start in re.findall(r"- \[[xX]\] (\w+), (\d\d:\d\d)", body))
        runs: list[list[int]] = []
        for index in ticked:
            same_run = runs and runs[-1][-1] == index - 1 and (
                slots[index]["date"] == slots[runs[-1][-1]]["date"])
            runs[-1].append(index) if same_run else runs.append([index])
        for k, run in enumerate(runs):
            entry: dict[str, Any] = {"id": f"g{group['number']:02d}-{k + 1}"}
            if k == 0 or not follows:
                entry |= {"title": group["title"],
                          "interest": BANDS.get(band.group(1).strip() if band else "", 15)}
            else:
                entry["follows"] = sessions[-1]["id"]
            entry |= {"length": len(run), "pinned": {"slot": slots[run[0]]["id"]}}
            sessions.append(entry)
    rooms = []
    for name in raw["rooms"]:
        label, seats = re.fullmatch(r"(.*) \((\d+)\)", name).groups()  # type: ignore[union-attr]
        rooms.append({"id": _room_id(label), "name": label, "capacity": int(seats)})
    return {
        "event": {"name": raw["metadata"]["meeting"], "date": slots[0]["date"],
                  "timezone": raw["metadata"]["timezone"], "language": "en"},
        "rooms": rooms,
        "slots": slots,
        "sessions": sessions,
    }


def event_yaml(raw: dict[str, Any], *, follows: bool = True) -> str:
    head = "# Converted by benchmarks/tpac.py from W3C TPAC 2023 (MIT, see benchmarks/data).\n"
    doc = event_doc(raw, follows=follows)
    return head + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000)


def groups_changing_room(event: Event, plan: Plan, groups: list[list[str]]) -> int:
    """Groups meeting on several days whose parts are not all in one room."""
    room = {a.session: a.room for a in plan.assignments}
    days = {a.session: {event.slot_date(event.slot_by_id[u]) for u in a.slots}
            for a in plan.assignments}
    several = [g for g in groups if len(set().union(*(days.get(s, set()) for s in g))) > 1]
    return sum(1 for g in several if len({room.get(s) for s in g}) > 1)


def several_days(event: Event, groups: list[list[str]]) -> int:
    days = [{event.slot_date(event.slot_by_id[s.pinned.slot])  # type: ignore[union-attr]
             for s in (event.session_by_id[sid] for sid in g)} for g in groups]
    return sum(1 for d in days if len(d) > 1)


def main(argv: list[str] | None = None) -> int:
    from opensozial.load import load_event
    from opensozial.solve import SolveOptions, solve

    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", type=Path, help="also write the event YAML here")
    parser.add_argument("--time-limit", type=float, default=10.0)
    args = parser.parse_args(argv)
    raw = load_raw()
    print("| conversion | sessions | groups on several days | of them changing room "
          "| seats lacking | waiting | status | solve s |")
    print("|---|---|---|---|---|---|---|---|")
    for follows in (True, False):
        text = event_yaml(raw, follows=follows)
        path = Path(f"/tmp/tpac-{'follows' if follows else 'plain'}.yaml")
        write_text_atomic(path, text)
        if follows and args.output:
            write_text_atomic(args.output, text)
        event = load_event(path)
        groups: dict[str, list[str]] = {}
        for session in event.sessions:
            groups.setdefault(session.id.split("-")[0], []).append(session.id)
        began = time.perf_counter()
        plan = solve(event, SolveOptions(time_limit=args.time_limit))
        took = time.perf_counter() - began
        chains = list(groups.values())
        print(f"| {'with follows' if follows else 'without follows'} | {len(event.sessions)} "
              f"| {several_days(event, chains)} | {groups_changing_room(event, plan, chains)} "
              f"| {plan.metrics.overflow_seats} | {plan.metrics.unscheduled_sessions} "
              f"| {plan.status} | {took:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
