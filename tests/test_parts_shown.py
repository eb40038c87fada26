"""Sessions in several parts (``follows``), as every view shows them (issue #16).

A working group that goes on after lunch and a two-day workshop series: the grid, the
list, the board, the print set, Markdown and CSV show a part as "(2/3)"; the door sheet
and the handout say where the group was before ("Fortsetzung von 11:00"); calendars and
frab carry one entry per part with the group's title and the part beside it ("Teil 2
von 3"); the diff says "Raumwechsel" when only the room changed, one line when all parts
changed room together, and writes dates the reader's way.
"""

from __future__ import annotations

import csv
import io
import json
import textwrap
from pathlib import Path

import pytest
from export_case import FRAB_JSON, XSD
from icalendar import Calendar
from lxml import etree
from rich.console import Console
from typer.testing import CliRunner

from opensozial.cli import app
from opensozial.diff import announcement, describe_changes, diff_plans
from opensozial.export import print_set
from opensozial.export.view import ExportOptions, build
from opensozial.live.board import body_html
from opensozial.live.state import Snapshot
from opensozial.load import load_event
from opensozial.plan import Assignment, Metrics, Plan, Unscheduled
from opensozial.render import terminal
from opensozial.render.labels import part_title, shown_title

runner = CliRunner()
AG = "AG Klimaanpassung: Hitzeschutzpläne für Großwohnsiedlungen"
SERIES = "Werkstattreihe Quartiersarbeit"
SHY = "\u00ad"  # soft hyphens in printed and projected titles

EVENT = """
event: {name: "Zukunftswerkstatt Quartier 2026", date: 2026-09-11, timezone: Europe/Berlin,
        language: de}
rooms:
  - {id: eiche, name: "Raum Eiche", capacity: 25}
  - {id: linde, name: "Lindensaal (Erdgeschoss)", capacity: 60}
  - {id: buche, name: "Buchenzimmer", capacity: 15}
slots:
  - {id: f1, start: 9:30, end: 10:30}
  - {id: f2, start: 11:00, end: 12:00}
  - {id: mittag, start: 12:00, end: 13:00, break: "Mittagessen"}
  - {id: f3, start: 13:00, end: 14:00}
  - {id: f4, start: 14:15, end: 15:15}
  - {id: t1, date: 2026-09-12, start: 9:30, end: 10:30}
  - {id: t2, date: 2026-09-12, start: 11:00, end: 12:00}
sessions:
  - {id: ag, title: "AG Klimaanpassung: Hitzeschutzpläne für Großwohnsiedlungen",
     hosts: [Ana Müller-Lüdenscheidt], votes: [Bo Ørsted, Cem Yılmaz, Dörte Weiß]}
  - {id: ag2, follows: ag}          # nach dem Mittagessen, gleicher Titel
  - {id: ag3, follows: ag2}
  - {id: ws1, title: "Werkstattreihe Quartiersarbeit", hosts: ["N.N."], length: 2,
     votes: [Ümit Kaya, Jörg Schäfer]}
  - {id: ws2, follows: ws1}         # am zweiten Tag
  - {id: bar, title: "Barrierefreiheitsüberprüfungsverfahren öffentlicher Gebäude",
     hosts: [Σοφία Παππά], votes: [Bo Ørsted]}
  - {id: ehr, title: "Ehrenamtskoordinierung im Stadtteil", hosts: [Jan Ö.]}
"""

PLACES = {  # every part of a group in one room; the series' first part spans two slots
    "ag": ("eiche", ("f2",)),
    "ag2": ("eiche", ("f3",)),
    "ag3": ("eiche", ("f4",)),
    "ws1": ("linde", ("f1", "f2")),
    "ws2": ("linde", ("t1",)),
    "bar": ("buche", ("f1",)),
    "ehr": ("buche", ("t2",)),
}


def make_plan(places=None, unscheduled=()) -> Plan:
    places = PLACES if places is None else places
    return Plan(
        "feasible", 0, 0,
        [Assignment(sid, room, slots) for sid, (room, slots) in places.items()],
        [Unscheduled(sid, reason_code="no_room") for sid in unscheduled],
        Metrics(0, 0, len(unscheduled), 0),
    )


@pytest.fixture
def event_file(tmp_path: Path) -> Path:
    path = tmp_path / "zukunftswerkstatt.yaml"
    path.write_text(textwrap.dedent(EVENT).lstrip(), encoding="utf-8")
    return path


@pytest.fixture
def event(event_file: Path):
    return load_event(event_file)


def plan_file(tmp_path: Path, plan: Plan, name: str = "plan.json") -> Path:
    path = tmp_path / name
    path.write_text(plan.to_json("de"), encoding="utf-8")
    return path


def export(event_file: Path, plan: Path, fmt: str, *extra: str) -> Path:
    out = event_file.parent / f"out-{fmt}{''.join(extra).replace('-', '')}"
    result = runner.invoke(
        app, ["export", str(event_file), "--plan", str(plan), "--to", fmt, "-o", str(out), *extra]
    )
    assert result.exit_code == 0, result.output
    return out


# --- one place for the part in a title -------------------------------------------------


def test_a_part_is_its_title_with_number_and_count(event):
    assert part_title(AG, (2, 3)) == f"{AG} (2/3)"
    assert part_title(AG, None) == AG
    assert shown_title(event, "ag3") == f"{AG} (3/3)"
    assert shown_title(event, "bar").startswith("Barrierefreiheitsüberprüfungsverfahren")
    assert shown_title(event, "weg", "Fällt weg") == "Fällt weg"  # no longer in the file


# --- terminal ----------------------------------------------------------------------------


def render(renderable, width: int) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None)
    console.print(renderable)
    return " ".join(console.file.getvalue().split())


def test_grid_and_list_show_each_part_and_the_slots_of_a_part(event):
    listed = render(terminal.grid(event, make_plan(), "de", "list"), 140)
    assert f"Raum Eiche: {AG} (2/3) — Ana Müller-Lüdenscheidt" in listed
    assert f"Raum Eiche: {AG} (3/3)" in listed
    # a two-slot first part: "(1/2)" is the part; its second slot says it goes on
    assert f"Lindensaal (Erdgeschoss): {SERIES} (1/2) — N.N." in listed
    assert f"{SERIES} (1/2) – Fortsetzung — N.N." in listed
    assert f"{SERIES} (2/2) — N.N." in listed
    assert "(1/2) (2/2)" not in listed
    english = render(terminal.grid(event, make_plan(), "en", "list"), 140)
    assert f"{SERIES} (1/2) – continued" in english
    grid = render(terminal.grid(event, make_plan(), "de", "grid"), 200)
    assert "(2/3)" in grid and "(3/3)" in grid


def test_an_open_end_that_is_a_part_says_which(event):
    places = {k: v for k, v in PLACES.items() if k != "ag3"}
    table = render(terminal.open_ends(event, make_plan(places, ["ag3"]), "de"), 200)
    assert f"{AG} (3/3)" in table


def test_show_prints_the_parts(event_file, tmp_path):
    plan = plan_file(tmp_path, make_plan())
    result = runner.invoke(app, ["show", str(event_file), "--plan", str(plan),
                                 "--layout", "list"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert f"{AG} (2/3)" in " ".join(result.output.split())


# --- board and phones --------------------------------------------------------------------


def test_the_board_shows_parts_in_grid_and_list(event):
    html = body_html(Snapshot(version=1, event=event, plan=make_plan(), lang="de")).replace(SHY, "")
    assert html.count(f"{AG} (2/3)") == 2  # the grid cell and the phone list
    assert html.count(f"{SERIES} (2/2)") == 2
    # the phone list's second slot of the two-slot first part: no second counter
    assert "Lindensaal (Erdgeschoss) · Fortsetzung</span>" in html and "· 2/2" not in html
    lone = body_html(Snapshot(version=1, event=event,
                              plan=make_plan({k: v for k, v in PLACES.items() if k != "ws2"},
                                             ["ws2"]), lang="en")).replace(SHY, "")
    assert f"{SERIES} (2/2)</span> <span" in lone  # the open ends name the part


# --- print set ---------------------------------------------------------------------------


def sheets(event, plan: Plan, lang: str) -> dict[str, str]:
    pages = print_set.render(build(event, plan, lang), ExportOptions(lang))
    return {name: page.decode("utf-8").replace(SHY, "") for name, page in pages.items()}


def test_poster_doors_and_handout_show_the_part_and_where_it_went_on(event):
    pages = sheets(event, make_plan(), "de")
    for name in ("poster.html", "doors.html", "handout.html"):
        assert f"{AG} (2/3)" in pages[name], name
        assert f"{SERIES} (2/2)" in pages[name], name
    for name in ("doors.html", "handout.html"):
        assert "Fortsetzung von 11:00</" in pages[name]  # ag2 after lunch, same room
        assert "Fortsetzung von 13:00</" in pages[name]
        assert "Fortsetzung von Freitag, 09:30</" in pages[name]  # the series' second day
    assert "Fortsetzung von" not in pages["poster.html"]  # the column is the room already
    english = sheets(event, make_plan(), "en")
    assert '<span class="part" lang="en">continued from 11:00</span>' in english["handout.html"]
    assert "continued from Friday, 09:30" in english["doors.html"]


def test_a_part_in_another_room_names_the_room_it_came_from(event):
    places = {**PLACES, "ag2": ("buche", ("f3",))}
    pages = sheets(event, make_plan(places), "de")
    assert "Fortsetzung von 11:00 in Raum Eiche" in pages["doors.html"]
    assert "Fortsetzung von 13:00 in Buchenzimmer" in pages["handout.html"]


def test_a_part_without_a_slot_is_named_with_its_part_on_the_handout(event):
    places = {k: v for k, v in PLACES.items() if k != "ag3"}
    pages = sheets(event, make_plan(places, ["ag3"]), "de")
    assert f"<li>{AG} (3/3)</li>" in pages["handout.html"]


# --- Markdown and CSV --------------------------------------------------------------------


def test_markdown_and_csv_show_the_part(event_file, tmp_path):
    plan = plan_file(tmp_path, make_plan())
    markdown = export(event_file, plan, "markdown").read_text(encoding="utf-8")
    assert "**AG Klimaanpassung: Hitzeschutzpläne für Großwohnsiedlungen (2/3)**" in markdown
    rows = list(csv.DictReader(io.StringIO(export(event_file, plan, "csv").read_text("utf-8"))))
    titles = {row["Session-ID"]: row["Titel"] for row in rows}
    assert titles["ag2"] == f"{AG} (2/3)" and titles["ws2"] == f"{SERIES} (2/2)"
    assert titles["bar"] == "Barrierefreiheitsüberprüfungsverfahren öffentlicher Gebäude"


# --- calendars ---------------------------------------------------------------------------


def vevents(path: Path) -> list:
    return [c for c in Calendar.from_ical(path.read_bytes()).walk("VEVENT")]


def test_the_calendar_has_one_entry_per_part_with_the_shared_title(event_file, tmp_path):
    plan = plan_file(tmp_path, make_plan())
    entries = [e for e in vevents(export(event_file, plan, "ics"))
               if str(e["SUMMARY"]) == AG]
    assert len(entries) == 3 and len({str(e["UID"]) for e in entries}) == 3
    assert [e.decoded("DTSTART").strftime("%H:%M") for e in entries] == ["11:00", "13:00", "14:15"]
    assert {str(e["LOCATION"]) for e in entries} == {"Raum Eiche"}
    assert [str(e["DESCRIPTION"]).splitlines()[0] for e in entries] == [
        "Teil 1 von 3", "Teil 2 von 3", "Teil 3 von 3"]
    assert str(entries[1]["DESCRIPTION"]).splitlines()[1] == "Gastgebende: Ana Müller-Lüdenscheidt"
    series = [e for e in vevents(export(event_file, plan, "ics", "--lang", "en"))
              if str(e["SUMMARY"]) == SERIES]
    assert [str(e["DESCRIPTION"]) for e in series] == [
        "Part 1 of 2\nHosts: N.N.", "Part 2 of 2\nHosts: N.N."]
    lone = next(e for e in vevents(export(event_file, plan, "ics"))
                if str(e["SUMMARY"]).startswith("Ehrenamt"))
    assert str(lone["DESCRIPTION"]) == "Gastgebende: Jan Ö."  # no part line


def test_room_and_personal_calendars_carry_every_part(event_file, tmp_path):
    plan = plan_file(tmp_path, make_plan())
    rooms = export(event_file, plan, "ics-rooms")
    eiche = [e for e in vevents(next(rooms.glob("*eiche*.ics"))) if str(e["SUMMARY"]) == AG]
    assert len(eiche) == 3
    personal = export(event_file, plan, "ics", "--personal")
    dorte = vevents(next(personal.glob("*rte*.ics")))  # votes for part 1 count for every part
    assert [str(e["DESCRIPTION"]).splitlines()[0] for e in dorte if str(e["SUMMARY"]) == AG] == [
        "Teil 1 von 3", "Teil 2 von 3", "Teil 3 von 3"]


# --- frab --------------------------------------------------------------------------------


def test_frab_xml_and_json_have_one_valid_event_per_part(event_file, tmp_path):
    plan = plan_file(tmp_path, make_plan())
    document = etree.parse(str(export(event_file, plan, "frab-xml")))
    XSD.assertValid(document)
    parts = [e for e in document.iter("event") if e.findtext("title") == AG]
    assert [e.findtext("subtitle") for e in parts] == ["Teil 1 von 3", "Teil 2 von 3",
                                                       "Teil 3 von 3"]
    assert len({e.get("guid") for e in parts}) == 3 and len({e.get("id") for e in parts}) == 3
    assert {e.findtext("room") for e in parts} == {"Raum Eiche"}
    lone = next(e for e in document.iter("event") if e.findtext("title").startswith("Ehrenamt"))
    assert lone.find("subtitle") is None

    data = json.loads(export(event_file, plan, "frab-json", "--lang", "en").read_text("utf-8"))
    FRAB_JSON.validate(data)
    events = [e for day in data["schedule"]["conference"]["days"]
              for room in day["rooms"].values() for e in room]
    series = [e for e in events if e["title"] == SERIES]
    assert [e["subtitle"] for e in series] == ["Part 1 of 2", "Part 2 of 2"]
    assert next(e for e in events if e["title"].startswith("Ehrenamt"))["subtitle"] is None


# --- the diff ----------------------------------------------------------------------------


def moved(**places) -> Plan:
    return make_plan({**PLACES, **places})


def test_all_parts_in_another_room_are_one_line(event):
    new = moved(ag=("buche", ("f2",)), ag2=("buche", ("f3",)), ag3=("buche", ("f4",)))
    changes = diff_plans(event, make_plan(), new)
    assert [c.session for c in changes] == ["ag", "ag2", "ag3"]  # the board marks every part
    assert describe_changes(event, changes, "de") == [
        f"Raumwechsel für alle Teile: »{AG}« jetzt in Buchenzimmer (vorher Raum Eiche)"]
    assert describe_changes(event, changes, "en") == [
        f"Room change for all parts: “{AG}” now in Buchenzimmer (was Raum Eiche)"]
    assert announcement(event, changes, "de").splitlines()[1:] == [
        f"Anderer Raum für alle Teile: »{AG}« jetzt in Buchenzimmer"]
    assert announcement(event, changes, "en").splitlines()[1:] == [
        f"Other room for all parts: “{AG}” now in Buchenzimmer"]


def test_one_part_in_another_room_is_named_with_its_part(event):
    changes = diff_plans(event, make_plan(), moved(ag2=("buche", ("f3",))))
    assert describe_changes(event, changes, "de") == [
        f"Raumwechsel: »{AG} (2/3)« um 11.09. 13:00 jetzt in Buchenzimmer statt Raum Eiche"]
    assert describe_changes(event, changes, "en") == [
        f"Room changed: “{AG} (2/3)” at 11 Sept 13:00 now in Buchenzimmer instead of Raum Eiche"]


def test_parts_that_part_ways_or_move_in_time_are_said_one_by_one(event):
    apart = moved(ag=("buche", ("f2",)), ag2=("linde", ("f3",)), ag3=("buche", ("f4",)))
    lines = describe_changes(event, diff_plans(event, make_plan(), apart), "de")
    assert len(lines) == 3 and all(line.startswith("Raumwechsel: »AG") for line in lines)
    later = moved(ag=("buche", ("f2",)), ag2=("buche", ("f3",)), ag3=("buche", ("t2",)),
                  ehr=("buche", ("t1",)))
    lines = describe_changes(event, diff_plans(event, make_plan(), later), "de")
    assert lines[:2] == [  # in the order of their new times
        ("Verschoben: »Ehrenamtskoordinierung im Stadtteil« von 12.09. 11:00 Buchenzimmer "
        "nach 12.09. 09:30 Buchenzimmer"),
        f"Verschoben: »{AG} (3/3)« von 11.09. 14:15 Raum Eiche nach 12.09. 11:00 Buchenzimmer",
    ]
    assert f"Raumwechsel: »{AG} (1/3)« um 11.09. 11:00 jetzt in Buchenzimmer statt Raum Eiche" \
        in lines


def test_a_two_day_series_in_another_room_on_both_days(event):
    new = moved(ws1=("eiche", ("f1", "f2")), ws2=("eiche", ("t1",)), ag=("linde", ("f2",)))
    lines = describe_changes(event, diff_plans(event, make_plan(), new), "en")
    assert f"Room change for all parts: “{SERIES}” now in Raum Eiche " \
           "(was Lindensaal (Erdgeschoss))" in lines
    assert f"Room changed: “{AG} (1/3)” at 11 Sept 11:00 now in Lindensaal (Erdgeschoss) " \
           "instead of Raum Eiche" in lines


def test_only_the_room_changed_even_in_a_slot_of_another_id():
    """The TPAC re-plan said "Moved: … from 12.09. 09:30 Magnolia to 12.09. 09:30 Giralda I"."""
    from conftest import make_event

    tpac = make_event(
        [{"id": "magnolia", "name": "Magnolia", "capacity": 40},
         {"id": "giralda", "name": "Giralda I", "capacity": 40}],
        [{"id": "mon", "date": "2023-09-11", "start": "9:30", "end": "11:00"},
         {"id": "tue-a", "date": "2023-09-12", "start": "9:30", "end": "11:00", "part": "A"},
         {"id": "tue-b", "date": "2023-09-12", "start": "9:30", "end": "11:00", "part": "B"}],
        [{"id": "wc", "title": "Web Components Community Group"}],
    )

    def at(room: str, slot: str) -> Plan:
        return Plan("feasible", 0, 0, [Assignment("wc", room, (slot,))], [], Metrics(0, 0, 0, 0))

    changes = diff_plans(tpac, at("magnolia", "tue-a"), at("giralda", "tue-b"))
    assert [c.kind for c in changes] == ["room_changed"]
    assert describe_changes(tpac, changes, "de") == [
        ("Raumwechsel: »Web Components Community Group« um 12.09. 09:30 jetzt in Giralda I "
        "statt Magnolia")]
    assert describe_changes(tpac, changes, "en") == [
        ("Room changed: “Web Components Community Group” at 12 Sept 09:30 now in Giralda I "
        "instead of Magnolia")]
    assert diff_plans(tpac, at("magnolia", "tue-a"), at("magnolia", "tue-b")) == []
    moved_day = describe_changes(tpac, diff_plans(tpac, at("magnolia", "mon"),
                                                  at("giralda", "tue-b")), "en")
    assert moved_day == [("Moved: “Web Components Community Group” from 11 Sept 09:30 Magnolia "
                         "to 12 Sept 09:30 Giralda I")]


def test_the_diff_command_says_it_in_both_languages(event_file, tmp_path):
    old = plan_file(tmp_path, make_plan(), "alt.json")
    new = plan_file(tmp_path, moved(ag=("buche", ("f2",)), ag2=("buche", ("f3",)),
                                    ag3=("buche", ("f4",)), ehr=("buche", ("t1",))), "neu.json")
    for lang, lines in (
        ("de", [f"Raumwechsel für alle Teile: »{AG}« jetzt in Buchenzimmer (vorher Raum Eiche)",
                ("Verschoben: »Ehrenamtskoordinierung im Stadtteil« jetzt um 12.09. 09:30 in "
                "Buchenzimmer")]),
        ("en", [f"Room change for all parts: “{AG}” now in Buchenzimmer (was Raum Eiche)",
                ("Moved: “Ehrenamtskoordinierung im Stadtteil” now at 12 Sept 09:30 in "
                "Buchenzimmer")]),
    ):
        result = runner.invoke(app, ["diff", str(old), str(new), "--event", str(event_file),
                                     "--announce", "--lang", lang])
        assert result.exit_code == 0, result.output
        out = " ".join(result.output.split())
        assert all(line in out for line in lines), out
        assert "12.09." not in out if lang == "en" else "12 Sept" not in out


@pytest.mark.slow  # prints in a real Chromium
def test_printed_sheets_keep_their_pages_with_parts_and_continuations(event_file, tmp_path):
    from test_export_print import check_print_set, export_html, print_pdf, squeeze

    plan = plan_file(tmp_path, make_plan())
    folder = export_html(event_file, plan, tmp_path / "print")
    check_print_set(tmp_path, event_file, plan, folder)  # one page per day, per room, one handout
    doors = print_pdf(tmp_path, folder / "doors.html")
    eiche = squeeze(doors.pages[0].extract_text())
    assert squeeze(f"{AG} (2/3)") in eiche and squeeze("Fortsetzung von 13:00") in eiche
    linde = squeeze(doors.pages[1].extract_text())
    assert squeeze("Fortsetzung von Freitag, 09:30") in linde
    handout = squeeze(print_pdf(tmp_path, folder / "handout.html").pages[0].extract_text())
    assert squeeze(f"{AG} (3/3)") in handout and squeeze("Fortsetzung von 11:00") in handout
