"""Test data for the exports: a two-day event with a hand-made plan, and planned examples.

The hand-made plan pins every fact the export tests look at: a two-slot session, a
person with two wanted sessions at once, a host whose own session blocks a voted one,
an open end, a title full of HTML/Markdown/CSV metacharacters, and a voter ("Vera
Geheim") who hosts nothing, whose name must never appear in a public export.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import EXAMPLES
from jsonschema import Draft6Validator
from lxml import etree

# The frab validators: the c3voc XSD and JSON Schema, vendored in tests/schemas.
SCHEMAS = Path(__file__).parent / "schemas"
XSD = etree.XMLSchema(etree.parse(str(SCHEMAS / "schedule.xml.xsd")))
FRAB_JSON = Draft6Validator(
    json.loads((SCHEMAS / "schedule.schema.json").read_text(encoding="utf-8")),
    format_checker=Draft6Validator.FORMAT_CHECKER,
)

SECRET_VOTER = "Vera Geheim"
TRICKY_TITLE = 'Parallel <b>Talk</b> & "Co" | pipe, comma'

EVENT = """
event: {name: "Barcamp Teststadt 2026", date: 2026-10-22, timezone: Europe/Berlin, language: en}
rooms:
  - {id: saal, name: "Großer Saal", capacity: 30}
  - {id: klein, name: "Kleiner Raum", capacity: 10, unavailable: [d2b]}
slots:
  - {id: welcome, start: 9:00, end: 9:30, plenary: "Welcome and pitches"}
  - {id: s1, start: 9:30, end: 10:15}
  - {id: s2, start: 10:15, end: 11:00}
  - {id: lunch, start: 11:00, end: 12:00, break: "Lunch"}
  - {id: d2a, start: 10:00, end: 10:45, date: 2026-10-23}
  - {id: d2b, start: 11:00, end: 11:45, date: 2026-10-23}
sessions:
  - {id: werkstatt, title: "Zwei-Slot-Werkstatt", hosts: [Meike], votes: [Anna, Vera Geheim], \
length: 2, track: Pflege}
  - {id: parallel, title: 'Parallel <b>Talk</b> & "Co" | pipe, comma', hosts: [Jonas], \
votes: [Anna]}
  - {id: tag2, title: "Day two by Anna", hosts: [Anna], votes: [Ben]}
  - {id: blockiert, title: "Blocked for Anna", hosts: [Ben], votes: [Anna]}
  - {id: offen, title: "Open end topic", votes: [Clara]}
"""

PLAN = {
    "status": "unchecked",
    "assignments": [
        {"session": "werkstatt", "room": "saal", "slots": ["s1", "s2"]},
        {"session": "parallel", "room": "klein", "slots": ["s1"]},
        {"session": "tag2", "room": "saal", "slots": ["d2a"]},
        {"session": "blockiert", "room": "klein", "slots": ["d2a"]},
    ],
    "unscheduled": [{"session": "offen", "reason": "no room"}],
}


def moved_plan() -> dict:
    """A re-plan: 'parallel' moves to another time and room."""
    plan = json.loads(json.dumps(PLAN))
    plan["assignments"][1] = {"session": "parallel", "room": "saal", "slots": ["d2b"]}
    return plan


def write_case(folder: Path, plan: dict | None = None, lang: str = "en") -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    event = folder / "barcamp.yaml"
    event.write_text(EVENT.replace("language: en", f"language: {lang}").lstrip(), encoding="utf-8")
    plan_path = folder / "plan.json"
    plan_path.write_text(json.dumps(plan or PLAN), encoding="utf-8")
    return event, plan_path


@pytest.fixture(scope="session")
def example_plans(tmp_path_factory) -> dict[Path, Path]:
    """Each shipped example → a plan for it made by the solver (1 s each)."""
    from opensozial.load import load_event
    from opensozial.solve import SolveOptions, solve

    folder = tmp_path_factory.mktemp("example-plans")
    result = {}
    for example in EXAMPLES:
        plan = solve(load_event(example), SolveOptions(time_limit=1))
        plan_path = folder / f"{example.stem}.plan.json"
        plan_path.write_text(plan.to_json(), encoding="utf-8")
        result[example] = plan_path
    return result


def write_big_case(
    folder: Path, rooms: int = 8, days: int = 2, slots: int = 6
) -> tuple[Path, Path]:
    """A large event with every cell filled and long titles: the worst case for the print set."""
    folder.mkdir(parents=True, exist_ok=True)
    words = "Nachhaltige Quartiersentwicklung gemeinsam mit Nachbarschaft und Verwaltung gestalten"
    lines = ['event: {name: "Großes Barcamp", date: 2026-10-22, language: de}', "rooms:"]
    lines += [f"  - {{id: r{r}, name: 'Seminarraum {r}', capacity: 30}}" for r in range(rooms)]
    lines.append("slots:")
    for d in range(days):
        date = f"2026-10-{22 + d}"
        lines.append(f"  - {{id: d{d}p, start: 9:00, end: 9:30, date: {date}, plenary: Begrüßung}}")
        for s in range(slots):
            lines.append(
                f"  - {{id: d{d}s{s}, start: {10 + s}:00, end: {10 + s}:45, date: {date}}}"
            )
    lines.append("sessions:")
    assignments = []
    for d in range(days):
        for s in range(slots):
            for r in range(rooms):
                sid = f"x{d}{s}{r}"
                title = " ".join(words.split()[: 3 + (r + s) % 6])
                lines.append(f"  - {{id: {sid}, title: '{title} {sid}', hosts: [Host {sid}]}}")
                assignments.append({"session": sid, "room": f"r{r}", "slots": [f"d{d}s{s}"]})
    event = folder / "gross.yaml"
    event.write_text("\n".join(lines) + "\n", encoding="utf-8")
    plan = folder / "gross.plan.json"
    plan.write_text(json.dumps({"assignments": assignments}), encoding="utf-8")
    return event, plan
