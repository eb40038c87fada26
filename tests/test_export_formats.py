"""Exports end to end through the CLI: calendars, frab XML/JSON, CSV, Markdown, JSON.

Each format is produced from the hand-made two-day case (every edge case pinned down)
and from every shipped example, validated the way its consumers read it: iCalendar
parsed back with ``icalendar``, frab against the c3voc XSD and JSON Schema (vendored
in tests/schemas), CSV with the csv module.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from export_case import (  # noqa: F401
    FRAB_JSON,
    PLAN,
    SCHEMAS,
    SECRET_VOTER,
    TRICKY_TITLE,
    XSD,
    example_plans,
    moved_plan,
    write_case,
)
from icalendar import Calendar
from lxml import etree
from typer.testing import CliRunner

from opensozial.cli import app
from opensozial.load import load_event

runner = CliRunner()


def export(event: Path, plan: Path | str, fmt: str, out: Path, *extra: str) -> Path:
    result = runner.invoke(
        app, ["export", str(event), "--plan", str(plan), "--to", fmt, "-o", str(out), *extra]
    )
    assert result.exit_code == 0, result.output
    assert out.exists()
    return out


def events_of(path: Path) -> list:
    calendar = Calendar.from_ical(path.read_bytes())
    return list(calendar.walk("VEVENT"))


# --- iCalendar ---------------------------------------------------------------------------


def test_ics_has_one_event_per_placed_session_with_room_and_zone(tmp_path):
    event, plan = write_case(tmp_path)
    path = export(event, plan, "ics", tmp_path / "out.ics")
    calendar = Calendar.from_ical(path.read_bytes())
    vevents = list(calendar.walk("VEVENT"))
    # Every placed session, and the welcome and the lunch (everyone's programme too).
    assert sorted(str(e["SUMMARY"]) for e in vevents) == sorted(
        ["Zwei-Slot-Werkstatt", TRICKY_TITLE, "Day two by Anna", "Blocked for Anna",
         "Welcome and pitches", "Lunch"]
    )
    werkstatt = next(e for e in vevents if e["SUMMARY"] == "Zwei-Slot-Werkstatt")
    # The two-slot session is one event from the first slot's start to the second's end.
    assert werkstatt.start == dt.datetime(2026, 10, 22, 9, 30, tzinfo=werkstatt.start.tzinfo)
    assert werkstatt.end - werkstatt.start == dt.timedelta(minutes=90)
    assert str(werkstatt["LOCATION"]) == "Großer Saal"
    assert werkstatt["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert [tz.tz_name for tz in calendar.timezones] == ["Europe/Berlin"]
    assert calendar.get_missing_tzids() == set()
    assert werkstatt.start.utcoffset() == dt.timedelta(hours=2)  # CEST on 22 October 2026
    assert werkstatt.categories == ["Pflege"]
    assert "Meike" in str(werkstatt["DESCRIPTION"])
    assert str(calendar["PRODID"]) == "-//opensozial//opensozial export//EN"
    assert str(calendar["X-WR-CALNAME"]) == "Barcamp Teststadt 2026"


def test_ics_uids_survive_a_replan_and_stamps_come_from_the_input(tmp_path):
    event, plan = write_case(tmp_path)
    first = events_of(export(event, plan, "ics", tmp_path / "a.ics"))
    plan.write_text(json.dumps(moved_plan()), encoding="utf-8")
    second = events_of(export(event, plan, "ics", tmp_path / "b.ics"))
    by_uid = {str(e["UID"]): e for e in second}
    assert {str(e["UID"]) for e in first} == set(by_uid)  # same sessions, same UIDs
    moved = next(e for e in first if e["SUMMARY"] == TRICKY_TITLE)
    again = by_uid[str(moved["UID"])]
    assert again.start != moved.start and str(again["LOCATION"]) == "Großer Saal"
    assert {e["DTSTAMP"].dt for e in first} == {dt.datetime(2026, 10, 22, tzinfo=dt.UTC)}
    calendars = [Calendar.from_ical((tmp_path / name).read_bytes()) for name in ("a.ics", "b.ics")]
    assert (
        calendars[0]["UID"] == calendars[1]["UID"]
    )  # the calendar's own UID is passed, not random


def test_personal_calendars_hold_what_each_person_can_attend_and_note_clashes(tmp_path):
    event, plan = write_case(tmp_path)
    folder = export(event, plan, "ics", tmp_path / "people", "--personal")
    names = sorted(p.name for p in folder.glob("*.ics"))
    assert names == [
        "anna.ics",
        "ben.ics",
        "clara.ics",
        "jonas.ics",
        "meike.ics",
        "vera-geheim.ics",
    ]
    anna = {str(e["SUMMARY"]): e for e in events_of(folder / "anna.ics")}
    # Anna hosts "Day two" — her vote for "Blocked", at the same time, cannot be attended.
    # ... and everyone's welcome and lunch.
    assert set(anna) == {"Zwei-Slot-Werkstatt", TRICKY_TITLE, "Day two by Anna",
                         "Welcome and pitches", "Lunch"}
    assert str(anna["Zwei-Slot-Werkstatt"]["STATUS"]) == "TENTATIVE"
    assert TRICKY_TITLE in str(anna["Zwei-Slot-Werkstatt"]["DESCRIPTION"])
    assert str(anna["Day two by Anna"]["STATUS"]) == "CONFIRMED"
    calendar = Calendar.from_ical((folder / "anna.ics").read_bytes())
    assert "Blocked for Anna" in str(calendar["DESCRIPTION"])
    public_uids = {
        str(e["UID"]) for e in events_of(export(event, plan, "ics", tmp_path / "all.ics"))
    }
    assert {str(e["UID"]) for e in anna.values()} <= public_uids
    clara = Calendar.from_ical((folder / "clara.ics").read_bytes())
    # Clara's only wish has no slot: she keeps the welcome and the lunch, and the note.
    assert sorted(str(e["SUMMARY"]) for e in clara.walk("VEVENT")) == [
        "Lunch",
        "Welcome and pitches",
    ]
    assert "Open end topic" in str(clara["DESCRIPTION"])
    # A personal calendar names its owner, and nobody else who voted.
    assert SECRET_VOTER not in (folder / "anna.ics").read_text(encoding="utf-8")


def test_personal_calendars_in_german(tmp_path):
    event, plan = write_case(tmp_path, lang="de")
    folder = export(event, plan, "ics", tmp_path / "people", "--personal")
    text = (folder / "anna.ics").read_text(encoding="utf-8").replace("\r\n ", "")
    assert "Läuft zeitgleich mit" in text and "Gastgebende: Meike" in text


# --- frab --------------------------------------------------------------------------------


def test_frab_xml_is_valid_against_the_xsd_with_both_days(tmp_path):
    event, plan = write_case(tmp_path)
    path = export(
        event, plan, "frab-xml", tmp_path / "schedule.xml", "--base-url", "https://example.org/bc"
    )
    doc = etree.parse(str(path))
    assert XSD.validate(doc), XSD.error_log
    days = doc.findall("day")
    assert [d.get("date") for d in days] == ["2026-10-22", "2026-10-23"]
    assert days[0].get("start") == "2026-10-22T04:00:00+02:00"
    werkstatt = doc.xpath("//event[title='Zwei-Slot-Werkstatt']")[0]
    assert werkstatt.findtext("duration") == "01:30" and werkstatt.findtext("start") == "09:30"
    assert werkstatt.findtext("date") == "2026-10-22T09:30:00+02:00"
    assert werkstatt.findtext("url") == "https://example.org/bc/werkstatt"
    assert [p.text for p in werkstatt.iter("person")] == ["Meike"]
    assert doc.findtext("conference/acronym") == "barcamp_teststadt_2026"


def test_frab_xml_validation_catches_a_broken_file(tmp_path):
    """The XSD check is real: the same file with an id of 0 is refused."""
    event, plan = write_case(tmp_path)
    doc = etree.parse(str(export(event, plan, "frab-xml", tmp_path / "schedule.xml")))
    doc.find("day/room/event").set("id", "0")
    assert not XSD.validate(doc)


def test_frab_json_is_valid_against_the_json_schema(tmp_path):
    event, plan = write_case(tmp_path)
    data = json.loads(
        export(event, plan, "frab-json", tmp_path / "schedule.json").read_text(encoding="utf-8")
    )
    assert not [e.message for e in FRAB_JSON.iter_errors(data)]
    conference = data["schedule"]["conference"]
    assert conference["daysCount"] == 2 and conference["time_zone_name"] == "Europe/Berlin"
    events = [e for day in conference["days"] for room in day["rooms"].values() for e in room]
    # four sessions, the welcome and the lunch, each with its own guid and id
    assert len({e["guid"] for e in events}) == len({e["id"] for e in events}) == 6
    assert sorted(e["type"] for e in events).count("session") == 4
    assert all(e["url"].startswith("urn:uuid:") for e in events)  # no --base-url: still a valid URI
    data["schedule"]["conference"]["days"][0]["day_start"] = "22.10.2026"
    assert list(FRAB_JSON.iter_errors(data))  # the schema check is real


def test_frab_guids_match_the_calendar_uids(tmp_path):
    event, plan = write_case(tmp_path)
    doc = etree.parse(str(export(event, plan, "frab-xml", tmp_path / "s.xml")))
    uids = {str(e["UID"]) for e in events_of(export(event, plan, "ics", tmp_path / "c.ics"))}
    assert {e.get("guid") for e in doc.iter("event")} == uids


def test_bad_base_url_is_refused(tmp_path):
    event, plan = write_case(tmp_path)
    result = runner.invoke(
        app,
        [
            "export",
            str(event),
            "--plan",
            str(plan),
            "--to",
            "frab-json",
            "-o",
            str(tmp_path / "s.json"),
            "--base-url",
            "example.org",
        ],
    )
    assert result.exit_code == 2 and "https://" in result.output


# --- CSV, Markdown, JSON -----------------------------------------------------------------


def test_csv_one_row_per_session_in_both_languages_and_excel_bom(tmp_path):
    event, plan = write_case(tmp_path)
    raw = export(event, plan, "csv", tmp_path / "en.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
    assert rows[0][:5] == ["Date", "Start", "End", "Room", "Title"]
    assert len(rows) == 1 + len(PLAN["assignments"]) + 2  # and the welcome and the lunch
    assert [
        "2026-10-22",
        "09:30",
        "10:15",
        "Kleiner Raum",
        TRICKY_TITLE,
        "Jonas",
        "",
        "parallel",
    ] in rows
    event_de, plan_de = write_case(tmp_path / "de", lang="de")
    raw = export(event_de, plan_de, "csv", tmp_path / "de.csv", "--excel").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert (
        raw.decode("utf-8-sig")
        .splitlines()[0]
        .startswith("Datum;Beginn;Ende;Raum;Titel;Gastgebende")  # German Excel: semicolons
    )


def test_markdown_has_days_breaks_and_open_ends_in_both_languages(tmp_path):
    event, plan = write_case(tmp_path)
    text = export(event, plan, "markdown", tmp_path / "en.md").read_text(encoding="utf-8")
    assert "## Thursday, 22 October 2026" in text and "## Friday, 23 October 2026" in text
    assert "| 11:00–12:00 | | *Lunch* | |" in text
    assert "| 09:30–11:00 | Großer Saal | **Zwei-Slot-Werkstatt** | Meike |" in text
    assert "pipe, comma" in text and "\\| pipe" in text  # a | in a title cannot break the table
    assert "- Open end topic" in text
    event_de, plan_de = write_case(tmp_path / "de", lang="de")
    text = export(event_de, plan_de, "markdown", tmp_path / "de.md").read_text(encoding="utf-8")
    assert (
        "## Donnerstag, 22. Oktober 2026" in text
        and "Offene Enden" in text
        and "| Zeit | Raum |" in text
    )


def test_lang_option_overrides_the_event_language(tmp_path):
    event, plan = write_case(tmp_path, lang="de")
    text = export(event, plan, "markdown", tmp_path / "x.md", "--lang", "en").read_text(
        encoding="utf-8"
    )
    assert "Thursday" in text and "Donnerstag" not in text


def test_json_export_is_the_plan_file(tmp_path):
    event, plan = write_case(tmp_path)
    data = json.loads(export(event, plan, "json", tmp_path / "p.json").read_text(encoding="utf-8"))
    assert data["format"] == "opensozial-plan/1"
    assert [a["session"] for a in data["assignments"]] == [
        a["session"] for a in PLAN["assignments"]
    ]


# --- Every format, every example: valid, deterministic, private --------------------------

PUBLIC = ("html", "ics", "ics-rooms", "ics-tracks", "frab-xml", "frab-json", "csv", "markdown")


def _texts(path: Path) -> str:
    """All text of an export, with calendar lines unfolded and soft hyphens removed, so a
    leaked name cannot hide behind a line fold or a hyphenation point."""
    files = sorted(path.rglob("*")) if path.is_dir() else [path]
    text = "\n".join(f.read_text(encoding="utf-8-sig") for f in files if f.is_file())
    return text.replace("\r\n ", "").replace("\u00ad", "")


def _voters_only(event_path: Path) -> set[str]:
    from opensozial.load import load_event

    event = load_event(event_path)
    hosts = {h for s in event.sessions for h in s.hosts}
    return {v for s in event.sessions for v in s.votes} - hosts


@pytest.mark.slow  # plans every example
def test_every_example_exports_every_format_validly_and_without_voters(tmp_path, example_plans):  # noqa: F811
    for event, plan in example_plans.items():
        voters = _voters_only(event)
        assert voters
        tracked = any(s.track for s in load_event(event).sessions)
        for fmt in PUBLIC:
            if fmt == "ics-tracks" and not tracked:
                continue  # no track, no track calendars (a located message, tested elsewhere)
            out = export(event, plan, fmt, tmp_path / event.stem / fmt)
            text = _texts(out)
            leaked = sorted(v for v in voters if v in text)
            assert not leaked, (event.stem, fmt, leaked[:3])
        xml = etree.parse(str(tmp_path / event.stem / "frab-xml"))
        assert XSD.validate(xml), XSD.error_log
        data = json.loads((tmp_path / event.stem / "frab-json").read_text(encoding="utf-8"))
        assert not list(FRAB_JSON.iter_errors(data))
        calendar = Calendar.from_ical((tmp_path / event.stem / "ics").read_bytes())
        plan_data = json.loads(plan.read_text(encoding="utf-8"))
        common = sum(not s.is_session_slot for s in load_event(event).slots)  # breaks, plenaries
        assert len(list(calendar.walk("VEVENT"))) == len(plan_data["assignments"]) + common


def test_exports_are_byte_identical_when_repeated(tmp_path):
    event, plan = write_case(tmp_path)
    for fmt in PUBLIC + ("json",):
        first, second = (
            export(event, plan, fmt, tmp_path / "1" / fmt),
            export(event, plan, fmt, tmp_path / "2" / fmt),
        )
        assert _texts(first) == _texts(second), fmt


def test_plan_can_export_right_away_beside_the_event_file(write_event, tmp_path):
    from export_case import EVENT

    event = write_event(EVENT)
    result = runner.invoke(
        app,
        [
            "plan",
            str(event),
            "--time-limit",
            "1",
            "--export",
            "ics",
            "--export",
            "markdown",
            "--export",
            "html",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "event.ics").is_file() and (tmp_path / "event.md").is_file()
    assert (tmp_path / "event-print" / "poster.html").is_file()
    out = tmp_path / "exports"
    result = runner.invoke(
        app, ["plan", str(event), "--time-limit", "1", "-x", "csv", "--export-dir", str(out)]
    )
    assert result.exit_code == 0 and (out / "event.csv").is_file()


def test_calendar_sequence_counts_moves_in_the_plan_history(write_event, tmp_path):
    """Re-plan with a moved session: its SEQUENCE grows, so calendar apps apply the change."""
    from export_case import EVENT

    jonas = "hosts: [Jonas], votes: [Anna]}"
    event = write_event(EVENT.replace(jonas, jonas[:-1] + ", pinned: {slot: s1, room: klein}}"))
    assert runner.invoke(app, ["plan", str(event), "--time-limit", "1"]).exit_code == 0
    event.write_text(
        event.read_text(encoding="utf-8").replace("slot: s1, room: klein", "slot: d2b, room: saal"),
        encoding="utf-8",
    )
    result = runner.invoke(
        app, ["plan", str(event), "--previous", "last", "--time-limit", "1", "--export", "ics"]
    )
    assert result.exit_code == 0, result.output
    sequence = {str(e["SUMMARY"]): int(e["SEQUENCE"]) for e in events_of(tmp_path / "event.ics")}
    assert sequence[TRICKY_TITLE] == 1
    # 'export' reads the newest saved plan by default, and any earlier one by number.
    latest = {
        str(e["SUMMARY"]): int(e["SEQUENCE"])
        for e in events_of(export(event, "last", "ics", tmp_path / "l.ics"))
    }
    assert latest == sequence
    first = events_of(export(event, "1", "ics", tmp_path / "1.ics"))
    assert {int(e["SEQUENCE"]) for e in first} == {0}


def test_a_session_dropped_and_placed_again_where_it_was_has_not_changed():
    from opensozial.export.view import placement_changes
    from opensozial.plan import Assignment, Metrics, Plan

    def plan(*assignments: Assignment) -> Plan:
        return Plan("unchecked", 0, 0, list(assignments), [], Metrics(0, 0, 0, 0))

    a, moved, b = (
        Assignment("a", "saal", ("s1",)),
        Assignment("a", "klein", ("s1",)),
        Assignment("b", "saal", ("s2",)),
    )
    assert placement_changes([plan(a, b), plan(b), plan(a, b)]) == {}
    assert placement_changes([plan(a, b), plan(moved, b), plan(a, b)]) == {"a": 2}
