"""Exports of hard content, read by the clients that read them in the wild.

The event (tests/hard_case.py) has 140 sessions over two days across the end of summer
time, two rooms called "Seminarraum", people named in Cyrillic, Arabic and Chinese,
and titles with markup, formulas and an attempted calendar injection. Calendars are
read by icalendar, recurring-ical-events, vobject and ``ics``; frab by lxml against the
XSD and jsonschema; CSV by the csv module; Markdown by markdown-it (CommonMark).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import recurring_ical_events
import vobject
from export_case import FRAB_JSON, XSD
from hard_case import FORMULA, INJECTION, MARKUP, PEOPLE, SPECIAL_TITLES, write_hard_case
from icalendar import Calendar, Event
from lxml import etree
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from opensozial.cli import app

runner = CliRunner()
BERLIN = ZoneInfo("Europe/Berlin")
# Each of the two days opens with a welcome plenary and has a lunch break: programme items
# of their own in calendars, frab and CSV, beside the 140 sessions.
COMMON = 4
COMMON_TYPES = ("plenary", "break")


@pytest.fixture(scope="module")
def hard(tmp_path_factory) -> tuple[Path, Path]:
    return write_hard_case(tmp_path_factory.mktemp("hard"))


def export(hard: tuple[Path, Path], fmt: str, out: Path, *extra: str) -> Path:
    event, plan = hard
    result = runner.invoke(
        app, ["export", str(event), "--plan", str(plan), "--to", fmt, "-o", str(out), *extra]
    )
    assert result.exit_code == 0, result.output
    return out


def one_line(text: str) -> str:
    return " ".join(text.split())


# --- Calendars ---------------------------------------------------------------------------


def test_every_calendar_client_reads_140_events_and_the_injection_stays_one_title(hard, tmp_path):
    data = export(hard, "ics", tmp_path / "hart.ics").read_bytes()
    calendar = Calendar.from_ical(data)
    assert len(list(calendar.walk("VEVENT"))) == 140 + COMMON
    titles = {str(e["SUMMARY"]) for e in calendar.walk("VEVENT")}
    assert one_line(INJECTION) in titles and "Eingeschleust" not in titles

    found = recurring_ical_events.of(calendar).between(dt.date(2026, 10, 1), dt.date(2026, 11, 1))
    assert len(found) == 140 + COMMON

    parsed = vobject.readOne(data.decode("utf-8"))
    vevents = parsed.contents["vevent"]
    assert len(vevents) == 140 + COMMON
    assert one_line(INJECTION) in {v.summary.value for v in vevents}


def test_the_ics_package_reads_a_room_calendar_with_the_injection(hard, tmp_path):
    """``ics`` 0.7.3 recurses on long files (a bug of its own), so it reads one room's."""
    import ics

    folder = export(hard, "ics-rooms", tmp_path / "rooms")
    text = (folder / "seminarraum-sem2.ics").read_text(encoding="utf-8")  # has the injection
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, 10000))
    try:
        events = ics.Calendar(text).events
    finally:
        sys.setrecursionlimit(limit)
    assert len(events) == 20
    assert one_line(INJECTION) in {e.name for e in events}


def test_times_on_both_sides_of_the_clock_change_are_right(hard, tmp_path):
    calendar = Calendar.from_ical(export(hard, "ics", tmp_path / "hart.ics").read_bytes())
    starts = sorted(e.decoded("DTSTART") for e in calendar.walk("VEVENT"))
    assert starts[0].utcoffset() == dt.timedelta(hours=2)  # Saturday: summer time
    assert starts[-1].utcoffset() == dt.timedelta(hours=1)  # Sunday: winter time
    assert starts[0] == dt.datetime(2026, 10, 24, 8, 30, tzinfo=BERLIN)  # the welcome


def test_the_time_zone_is_whole_so_vobject_keeps_other_calendars_right(hard, tmp_path):
    """vobject caches the first Europe/Berlin it sees; ours must hold in July, too."""
    ours = export(hard, "ics", tmp_path / "hart.ics").read_bytes()
    text = ours.decode("utf-8")
    zone = text[text.index("BEGIN:VTIMEZONE") : text.index("END:VTIMEZONE")]
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in zone
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10" in zone
    assert "RDATE" not in zone

    vobject.readOne(text)  # as a calendar server would: ours first ...
    july = Calendar.new(
        subcomponents=[
            Event.new(
                summary="Sommerfest",
                start=dt.datetime(2027, 7, 14, 18, 0, tzinfo=BERLIN),
                end=dt.datetime(2027, 7, 14, 20, 0, tzinfo=BERLIN),
                uid="sommer@example.invalid",
                stamp=dt.datetime(2027, 1, 1, tzinfo=dt.UTC),
            )
        ]
    )
    july.add_missing_timezones()
    other = vobject.readOne(july.to_ical().decode("utf-8"))  # ... then another app's event
    start = other.vevent.dtstart.value
    assert start.utcoffset() == dt.timedelta(hours=2)
    assert start.astimezone(dt.UTC).hour == 16


def test_room_and_track_calendars_have_distinct_recognisable_files(hard, tmp_path):
    rooms = export(hard, "ics-rooms", tmp_path / "rooms")
    names = sorted(p.name for p in rooms.glob("*.ics"))
    assert "seminarraum-sem1.ics" in names and "seminarraum-sem2.ics" in names
    assert "grosser-veranstaltungssaal-im-erdgeschoss.ics" in names and len(names) == 7
    total = 0
    for path in rooms.glob("*.ics"):
        calendar = Calendar.from_ical(path.read_bytes())
        events = list(calendar.walk("VEVENT"))
        assert len(events) == 20
        assert len({str(e["LOCATION"]) for e in events}) == 1  # one room per calendar
        total += len(events)
    assert total == 140
    tracks = export(hard, "ics-tracks", tmp_path / "tracks")
    assert sorted(p.name for p in tracks.glob("*.ics")) == [
        "klima.ics",
        "kultur-kunst-medien.ics",
        "stadt.ics",
    ]
    culture = Calendar.from_ical((tracks / "kultur-kunst-medien.ics").read_bytes())
    assert {tuple(e["CATEGORIES"].cats) for e in culture.walk("VEVENT")} == {
        ("Kultur, Kunst & Medien",)
    }
    assert str(culture["X-WR-CALNAME"]) == "Barcamp Zeitumstellung 2026 – Kultur, Kunst & Medien"


def test_track_calendars_without_tracks_say_how_to_add_them(tmp_path):
    from export_case import write_case

    event, plan = write_case(tmp_path)
    text = event.read_text(encoding="utf-8").replace(", track: Pflege", "")
    event.write_text(text, encoding="utf-8")
    result = runner.invoke(
        app, ["export", str(event), "--plan", str(plan), "--to", "ics-tracks", "-o", "x"]
    )
    assert result.exit_code == 2 and "track:" in result.output
    assert "Traceback" not in result.output


def test_personal_calendars_are_named_readably_in_every_script(hard, tmp_path):
    folder = export(hard, "ics", tmp_path / "people", "--personal")
    names = {p.name for p in folder.glob("*.ics")}
    assert {
        "ivan-petrov.ics",
        "mhmd-ly.ics",
        "wang-xiao-ming.ics",
        "groesse.ics",
        "zoe-celik-stadtwerke-gmbh.ics",
        "juergen-mueller-luedenscheidt.ics",
    } <= names
    assert "n-n.ics" not in names  # "N.N." is a host still to be found, not a person
    ivan = Calendar.from_ical((folder / "ivan-petrov.ics").read_bytes())
    assert "Иван Петров" in str(ivan["X-WR-CALNAME"])


def test_names_with_one_slug_get_distinct_files():
    from opensozial.export.names import file_names

    names = file_names(["Anna Müller", "Anna Mueller", "🙂", "🎉"], "person", ".ics")
    assert sorted(names.values()) == [
        "anna-mueller-2.ics",
        "anna-mueller.ics",
        "person-2.ics",
        "person.ics",
    ]


# --- frab --------------------------------------------------------------------------------


def test_frab_keeps_two_rooms_of_one_name_apart_and_stays_valid(hard, tmp_path):
    doc = etree.parse(str(export(hard, "frab-xml", tmp_path / "s.xml")))
    assert XSD.validate(doc), XSD.error_log
    for day in doc.findall("day"):
        rooms = day.findall("room")
        assert len(rooms) == 7 and len({r.get("guid") for r in rooms}) == 7
        assert len({r.get("name") for r in rooms}) == 7
        for room in rooms:  # one event per slot and room, never two at once
            starts = [e.findtext("start") for e in room.findall("event")
                      if e.findtext("type") not in COMMON_TYPES]
            assert len(starts) == len(set(starts)) == 10
    assert {"Seminarraum (sem1)", "Seminarraum (sem2)"} <= {r.get("name") for r in doc.iter("room")}
    sunday = doc.findall("day")[1].find("room/event")
    assert sunday.findtext("date").endswith("+01:00")

    data = json.loads(export(hard, "frab-json", tmp_path / "s.json").read_text(encoding="utf-8"))
    assert not [e.message for e in FRAB_JSON.iter_errors(data)]
    conference = data["schedule"]["conference"]
    assert len({r["guid"] for r in conference["rooms"]}) == 7
    events = [e for day in conference["days"] for room in day["rooms"].values() for e in room]
    assert len(events) == len({e["guid"] for e in events}) == 140 + COMMON
    assert sum(e["type"] in COMMON_TYPES for e in events) == COMMON


def test_frab_json_persons_carry_public_name_for_frab_readers(hard, tmp_path):
    data = json.loads(export(hard, "frab-json", tmp_path / "s.json").read_text(encoding="utf-8"))
    days = data["schedule"]["conference"]["days"]
    persons = [
        p for day in days for room in day["rooms"].values() for e in room for p in e["persons"]
    ]
    assert persons and all(p["public_name"] == p["name"] for p in persons)
    assert {p["public_name"] for p in persons} == set(PEOPLE)


# --- CSV and Markdown --------------------------------------------------------------------


def test_csv_cells_that_spreadsheets_would_run_are_text(hard, tmp_path):
    raw = export(hard, "csv", tmp_path / "hart.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(raw)))
    assert len(rows) == 1 + 140 + COMMON
    titles = [row[4] for row in rows[1:]]
    assert "'" + FORMULA in titles and FORMULA not in titles
    assert not [
        cell for row in rows for cell in row if cell[:1] in ("=", "+", "-", "@", "\t", "\r")
    ]
    assert "'+49 Ideen für Vereine" in titles and "'@alle: Treffpunkt" in titles


def test_csv_for_excel_uses_semicolons_and_a_byte_order_mark(hard, tmp_path):
    raw = export(hard, "csv", tmp_path / "excel.csv", "--excel").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert (
        text.splitlines()[0] == "Datum;Beginn;Ende;Raum;Titel;Gastgebende;Themenstrang;Session-ID"
    )
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 1 + 140 + COMMON and {len(row) for row in rows} == {8}
    assert ["Kultur, Kunst & Medien"] == sorted({r[6] for r in rows[1:] if "," in r[6]})


def _text_of(html: str) -> str:
    return (
        re.sub(r"<[^>]+>", "", html)
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", '"')
        .replace("&amp;", "&")
    )


def test_markdown_prints_titles_as_typed_never_as_markup(hard, tmp_path):
    text = export(hard, "markdown", tmp_path / "hart.md").read_text(encoding="utf-8")
    html = MarkdownIt("commonmark").enable("table").enable("strikethrough").render(text)
    assert "<a " not in html and "<code>" not in html
    assert html.count("<em>") == 4  # the two plenaries and two lunches, in italics: ours
    assert "<b>" not in html and "<script" not in html
    assert html.count("<table>") == 2 and html.count("<h1>") == 1 and html.count("<h2>") == 2
    assert html.count("<ol") == 0 and "<ul" not in html  # no open ends: no list at all
    cells = _text_of(html)
    for title in SPECIAL_TITLES:
        assert one_line(title) in cells, title
    assert MARKUP in cells


def test_markdown_escaping_is_real():
    """Without the escapes the same renderer makes markup of the same text."""
    from opensozial.export.markdown import escape

    raw = MARKUP.replace("javascript:alert(1)", "https://example.invalid") + " # x"
    plain = MarkdownIt("commonmark").render(raw)
    assert "<a " in plain and "<em>" in plain and "<code>" in plain and "<b>" in plain
    escaped = MarkdownIt("commonmark").render(escape(raw))
    assert _text_of(escaped).strip() == raw
    assert "<a " not in escaped and "<em>" not in escaped and "<b>" not in escaped
