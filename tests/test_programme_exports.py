"""Plenaries, breaks and descriptions in every export; the private open-ends export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from icalendar import Calendar
from lxml import etree
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from opensozial import cli
from opensozial.cli import app
from opensozial.export import FORMATS

runner = CliRunner()
SCHEMAS = Path(__file__).parent / "schemas"
KEYNOTE = "Keynote: Pflege neu denken – Zeit für Zuwendung"
ABOUT = "Was braucht gute Pflege im Quartier? Ein Blick auf Buurtzorg."
VOTERS = ["Jörg Weiß", "Ayşe Yılmaz", "Zoë Ørsted", "김민준"]


def _event(write_event) -> tuple[Path, Path]:
    """A day with a keynote and a lunch, a described session, and one session too many."""
    votes = ", ".join(VOTERS)
    path = write_event(f"""\
event: {{name: "Fachtag Pflege", date: 2026-11-12, language: de}}
rooms:
  - {{id: saal, name: "Großer Saal", capacity: 90}}
slots:
  - id: keynote
    start: 9:00
    end: 9:45
    plenary: "{KEYNOTE}"
    speakers: [Prof. Dr. Ayşe Demir]
    description: "{ABOUT}"
  - {{id: s1, start: 10:00, end: 10:45}}
  - {{id: mittag, start: 12:00, end: 13:00, break: Mittagessen}}
sessions:
  - {{id: quartier, title: "Pflege im Quartier", hosts: [Tobias Brandt], votes: [Udo],
     description: "Nachbarschaftshilfe, Kommune und Pflegedienst an einem Tisch."}}
  - {{id: robotik, title: "Robotik [Hilfe oder Hype?]", hosts: ["N.N. (Caritas)"],
     votes: [{votes}], description: "Sensorik im Pflegeheim: was sie abnimmt."}}
""")
    plan = path.parent / "plan.json"
    result = runner.invoke(app, ["plan", str(path), "-o", str(plan), "--no-history",
                                 "--time-limit", "1"])
    assert result.exit_code == 0, result.output
    return path, plan


def _export(path: Path, plan: Path, fmt: str, out: Path) -> Path:
    result = runner.invoke(app, ["export", str(path), "--plan", str(plan), "--to", fmt,
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_the_keynote_and_the_lunch_are_in_the_calendar(write_event, tmp_path):
    path, plan = _event(write_event)
    calendar = Calendar.from_ical(_export(path, plan, "ics", tmp_path / "t.ics").read_bytes())
    events = {str(e["SUMMARY"]): e for e in calendar.walk("VEVENT")}
    keynote = events[KEYNOTE]
    assert "Prof. Dr. Ayşe Demir" in str(keynote["DESCRIPTION"])
    assert ABOUT in str(keynote["DESCRIPTION"])
    assert keynote.start.hour == 9 and keynote.end.minute == 45
    assert "Mittagessen" in events
    assert "Sensorik im Pflegeheim" in str(events["Robotik [Hilfe oder Hype?]"]["DESCRIPTION"])


def test_frab_carries_plenaries_and_descriptions_as_abstracts(write_event, tmp_path):
    path, plan = _event(write_event)
    xml = etree.parse(str(_export(path, plan, "frab-xml", tmp_path / "s.xml")))
    assert etree.XMLSchema(etree.parse(str(SCHEMAS / "schedule.xml.xsd"))).validate(xml)
    by_title = {e.findtext("title"): e for e in xml.iter("event")}
    keynote = by_title[KEYNOTE]
    assert keynote.findtext("type") == "plenary" and keynote.findtext("abstract") == ABOUT
    assert [p.text for p in keynote.iter("person")] == ["Prof. Dr. Ayşe Demir"]
    assert by_title["Mittagessen"].findtext("type") == "break"
    ids = [e.get("id") for e in xml.iter("event")]
    assert len(ids) == len(set(ids))
    data = json.loads(_export(path, plan, "frab-json", tmp_path / "s.json").read_text("utf-8"))
    events = [e for day in data["schedule"]["conference"]["days"]
              for room in day["rooms"].values() for e in room]
    robotik = next(e for e in events if e["title"] == "Robotik [Hilfe oder Hype?]")
    assert robotik["abstract"] == "Sensorik im Pflegeheim: was sie abnimmt."


def test_csv_markdown_and_handout_show_the_plenary(write_event, tmp_path):
    path, plan = _event(write_event)
    rows = list(csv.reader(io.StringIO(
        _export(path, plan, "csv", tmp_path / "t.csv").read_text("utf-8"))))
    assert [r[4] for r in rows[1:3]] == [KEYNOTE, rows[2][4]] and rows[1][1] == "09:00"
    assert "Mittagessen" in [r[4] for r in rows]
    markdown = _export(path, plan, "markdown", tmp_path / "t.md").read_text("utf-8")
    assert f"{KEYNOTE} — mit Prof. Dr. Ayşe Demir" in markdown
    folder = _export(path, plan, "html", tmp_path / "print")
    # The print set hyphenates long words with soft hyphens (U+00AD); the text is the same.
    handout = (
        (folder / "handout.html").read_text("utf-8").replace("\u00ad", "").replace("&shy;", "")
    )
    assert ABOUT in handout and "Prof. Dr. Ayşe Demir" in handout
    assert "Sensorik im Pflegeheim" in handout


def test_open_ends_name_who_wanted_them_and_say_they_are_personal(write_event, tmp_path):
    path, plan = _event(write_event)  # one slot, one room: one of the two waits
    saved = json.loads(plan.read_text(encoding="utf-8"))
    assert [u["session"] for u in saved["unscheduled"]] == ["quartier"]  # fewer wanted it
    out = _export(path, plan, "open-ends", tmp_path / "offen.md")
    text = out.read_text("utf-8")
    assert text.startswith("# Offene Enden von Fachtag Pflege")
    assert "PERSONENBEZOGENE DATEN" in text
    tokens = MarkdownIt().parse(text)
    headings = [tokens[i + 1].content for i, tok in enumerate(tokens)
                if tok.type == "heading_open" and tok.tag == "h2"]
    assert headings == ["Pflege im Quartier"]
    assert "Gewünscht von (1): Udo" in text and "Gastgebende: Tobias Brandt" in text
    # why it waits, rendered from the plan's reason code (the plan stores no reason text)
    reason = next(x for x in text.splitlines() if x.startswith("- Warum kein Slot: "))
    assert len(reason) > len("- Warum kein Slot: ") + 10
    # by default the file sits beside the event, its name says it is personal
    beside = runner.invoke(app, ["export", str(path), "--plan", str(plan), "--to", "open-ends"])
    assert beside.exit_code == 0
    assert (path.parent / "event.open-ends.personal.md").exists()


def test_open_ends_keep_voters_names_in_any_script(write_event, tmp_path):
    path, plan = _event(write_event)
    forced = json.loads(plan.read_text(encoding="utf-8"))
    forced["assignments"] = [{"session": "quartier", "room": "saal", "slots": ["s1"]}]
    forced["unscheduled"] = [{"session": "robotik", "reason": "Raum belegt"}]
    hand = tmp_path / "hand.json"
    hand.write_text(json.dumps(forced), encoding="utf-8")
    text = _export(path, hand, "open-ends", tmp_path / "offen.md").read_text("utf-8")
    assert "Robotik \\[Hilfe oder Hype?\\]" in text  # Markdown cannot make it a link
    line = next(x for x in text.splitlines() if x.startswith("- Gewünscht von"))
    assert line.startswith("- Gewünscht von (4): ") and all(v in line for v in VOTERS)
    rendered = MarkdownIt().render(text)
    assert "Robotik [Hilfe oder Hype?]" in rendered and "Raum belegt" in rendered


def test_the_help_lists_every_export_format():
    assert set(cli.FORMAT_NAMES) == set(FORMATS)
