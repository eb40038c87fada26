"""For any text people type (titles, names, rooms, event names), every export stays valid.

Titles come from sticky notes: umlauts, emoji, quotes, ``<``, ``|``, line breaks and
the odd control character. Each machine-read format must still parse and validate.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from jsonschema import Draft6Validator
from lxml import etree

from opensozial.export import FORMATS, programme_for
from opensozial.export.view import ExportOptions
from opensozial.model import Event
from opensozial.plan import Assignment, Metrics, Plan

SCHEMAS = Path(__file__).parent / "schemas"
XSD = etree.XMLSchema(etree.parse(str(SCHEMAS / "schedule.xml.xsd")))
FRAB_JSON = Draft6Validator(
    json.loads((SCHEMAS / "schedule.schema.json").read_text(encoding="utf-8")),
    format_checker=Draft6Validator.FORMAT_CHECKER,
)
# Anything a YAML file can hold: YAML itself excludes most C0 controls and surrogates.
TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=40,
)


@st.composite
def cases(draw) -> tuple[Event, Plan]:
    rooms = [
        {"id": f"r{i}", "name": draw(TEXT), "capacity": 10} for i in range(draw(st.integers(1, 3)))
    ]
    slots = [{"id": f"s{j}", "start": f"{9 + j}:00", "end": f"{9 + j}:45"} for j in range(3)]
    sessions = [
        {
            "id": f"x{k}",
            "title": draw(TEXT),
            "hosts": draw(st.lists(TEXT, max_size=2, unique=True)),
            "votes": draw(st.lists(TEXT, max_size=3, unique=True)),
            "track": draw(st.none() | TEXT),
        }
        for k in range(draw(st.integers(1, 4)))
    ]
    event = Event.model_validate(
        {
            "event": {
                "name": draw(TEXT),
                "date": "2026-03-29",
                "language": draw(st.sampled_from(["de", "en"])),
            },
            "rooms": rooms,
            "slots": slots,
            "sessions": sessions,
        }
    )
    cells = [(s["id"], r["id"]) for s in slots for r in rooms]
    chosen = draw(st.permutations(cells))[: len(sessions)]
    assignments = [
        Assignment(s["id"], room, (slot,))
        for s, (slot, room) in zip(sessions, chosen, strict=False)
    ]
    return event, Plan("unchecked", 0, 0, assignments, [], Metrics(0, 0, 0, 0))


@pytest.mark.slow  # many cases
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_machine_read_exports_stay_valid_for_any_text(case):
    event, plan = case
    options = ExportOptions(event.event.language)
    programme = programme_for(event, plan, options.lang)
    render = {
        name: FORMATS[name].render(programme, options)
        for name in ("ics", "frab-xml", "frab-json", "csv")
    }

    calendar = Calendar.from_ical(render["ics"])
    summaries = sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT"))
    # A title is one line in a calendar: line breaks become spaces.
    titles = (" ".join(event.session_by_id[a.session].title.split()) for a in plan.assignments)
    assert summaries == sorted(titles)

    doc = etree.fromstring(render["frab-xml"])
    assert XSD.validate(doc), XSD.error_log
    assert not [e.message for e in FRAB_JSON.iter_errors(json.loads(render["frab-json"]))]

    rows = list(csv.reader(io.StringIO(render["csv"].decode("utf-8"), newline="")))
    assert len(rows) == 1 + len(plan.assignments)

    personal = FORMATS["ics"].render(programme, ExportOptions(options.lang, personal=True))
    people = {person for session in event.sessions for person in session.people}
    assert len(personal) == len(people)
    for data in personal.values():
        Calendar.from_ical(data)
    pages = FORMATS["html"].render(programme, options)
    assert all(page.decode("utf-8") for page in pages.values())
    assert FORMATS["markdown"].render(programme, options).decode("utf-8")
