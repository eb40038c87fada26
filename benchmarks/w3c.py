"""W3C Breakouts Day 2024 as an opensozial event, plus the grid W3C actually used.

The upstream data (``benchmarks/data/w3c-tpac-breakouts``) has no attendee votes: the
conflicts that matter there are the ones proposers declared ("Other sessions where we
should avoid scheduling conflicts: #19, #20") and people chairing two sessions. So:

* session author and "additional session chairs" → ``hosts`` (never double-booked);
* declared conflicts → ``avoid`` (only sessions that exist in the data);
* ``tracks`` → ``track`` (same-track sessions should not run in parallel);
* rooms are online meeting rooms: no seat limit is known, so each gets 100 seats;
* the four one-hour slots are kept, in UTC.

``actual_plan`` returns the grid that was used, as a plan our checker can score.

    python benchmarks/w3c.py -o /tmp/w3c.yaml --actual /tmp/w3c-actual.json
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import yaml

from opensozial.atomic import write_text_atomic
from opensozial.plan import Assignment, Metrics, Plan

DATA = Path(__file__).resolve().parent / "data" / "w3c-tpac-breakouts" / "breakouts-day-2024.json"
SEATS = 100


def _field(body: str, heading: str) -> str:
    """The text under a '### heading' of a GitHub issue form ('' for '_No response_')."""
    match = re.search(rf"### {re.escape(heading)}[^\n]*\n(.*?)(?=\n###|\Z)", body, re.DOTALL)
    text = match.group(1).strip() if match else ""
    return "" if text == "_No response_" else text


def _slot_id(label: str) -> str:
    return "h" + label.split()[1][:2]  # "2024-03-12 13:00-14:00" -> "h13"


def _session_id(number: int | str) -> str:
    return f"w{int(number):02d}"


def load_raw(path: Path = DATA) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def event_yaml(raw: dict) -> str:
    meta = raw["metadata"]
    numbers = {s["number"] for s in raw["sessions"]}
    slots = []
    for label in raw["slots"]:
        start, end = label.split()[1].split("-")
        slots.append({"id": _slot_id(label), "start": start, "end": end})
    sessions = []
    for s in sorted(raw["sessions"], key=lambda s: s["number"]):
        body = s["body"]
        chairs = re.findall(r"@([\w-]+)", _field(body, "Additional session chairs"))
        avoid = [
            int(n)
            for n in re.findall(r"#(\d+)", _field(body, "Other sessions where we should avoid"))
        ]
        entry: dict = {"id": _session_id(s["number"]), "title": s["title"],
                       "hosts": list(dict.fromkeys([s["author"], *chairs]))}
        if s.get("tracks"):
            entry["track"] = s["tracks"][0]
        kept = [_session_id(n) for n in avoid if n in numbers and n != s["number"]]
        if kept:
            entry["avoid"] = kept
        sessions.append(entry)
    doc = {
        "event": {
            "name": meta["meeting"],
            "date": meta["date"],
            "timezone": meta["timezone"],
            "language": "en",
        },
        "rooms": [{"id": room.lower(), "name": room, "capacity": SEATS} for room in raw["rooms"]],
        "slots": slots,
        "sessions": sessions,
    }
    head = (
        "# Converted by benchmarks/w3c.py from W3C Breakouts Day 2024 (MIT, see benchmarks/data).\n"
    )
    return head + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000)


def actual_plan(raw: dict) -> Plan:
    """The grid W3C used, as an unchecked plan (our checker computes its figures)."""
    by_start = {
        label.split()[0] + " " + label.split()[1].split("-")[0]: _slot_id(label)
        for label in raw["slots"]
    }
    assignments = [
        Assignment(_session_id(s["number"]), s["room"].lower(), (by_start[s["slot"]],))
        for s in sorted(raw["sessions"], key=lambda s: s["number"])
    ]
    return Plan("unchecked", 0, 0, assignments, [], Metrics(0, 0, 0, 0))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-o", "--output", type=Path, required=True, help="event YAML to write")
    parser.add_argument("--actual", type=Path, help="also write the grid W3C used, as plan JSON")
    args = parser.parse_args(argv)
    raw = load_raw()
    write_text_atomic(args.output, event_yaml(raw))
    if args.actual:
        write_text_atomic(args.actual, actual_plan(raw).to_json())
    return 0


if __name__ == "__main__":
    sys.exit(main())
