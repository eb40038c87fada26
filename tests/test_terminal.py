"""The terminal: grid or list by width, breaks across, `show` with now and next, progress."""

from __future__ import annotations

import io
import json
import re

import pytest
from rich.console import Console
from typer.testing import CliRunner

from opensozial import cli
from opensozial.cli import app
from opensozial.load import load_event
from opensozial.render.progress import progress_display
from opensozial.solve import SolveOptions, solve
from opensozial.solve.progress import Progress

runner = CliRunner()

ROOMS = ["Großer Saal", "Foyer (barrierefrei)", "Raum 101", "Raum 102", "Werkstatt",
         "Gartenpavillon", "Bibliothek"]
TITLES = [
    "Pflegearbeit neu denken: Entlastungsangebote für pflegende Angehörige",
    "Digitale Verwaltung im Landkreis – was klappt schon?",
    "Ehrenamtskoordination [Workshop]",
    "Quartiersentwicklung mit Bürgerbeteiligung",
    "Integrationslotsinnen und -lotsen berichten",
    "Gemeinschaftsgarten anlegen",
    "Barrierefreiheitsberatung für Vereine",
    "Jugendbeteiligung: 한국어 und Deutsch im Jugendrat",
]


@pytest.fixture
def seven_rooms(write_event):
    rooms = "\n".join(f'  - {{id: r{i}, name: "{name}", capacity: {40 - 3 * i}}}'
                      for i, name in enumerate(ROOMS))
    sessions = "\n".join(
        f'  - {{id: t{i}, title: "{title}", hosts: ["{host}"], votes: [P{i}a, P{i}b]}}'
        for i, (title, host) in enumerate(zip(TITLES, ["Meike", "N.N.", "Jonas Weiß",
                                                        "Ayşe Yılmaz", "N.N. (Caritas)",
                                                        "김민준", "Björn", "Ola"], strict=True)))
    return write_event(f"""\
event: {{name: "Open-Sozial-Tag", date: 2026-10-22, language: de}}
rooms:
{rooms}
slots:
  - {{id: begruessung, start: 9:30, end: 10:00, plenary: "Begrüßung und Themenmarkt",
     speakers: [Landrätin Dr. Schäfer], description: "Wie der Tag läuft."}}
  - {{id: s1, start: 10:00, end: 10:45}}
  - {{id: mittag, start: 12:00, end: 13:00, break: "Mittagsimbiss"}}
  - {{id: s2, start: 13:00, end: 13:45}}
sessions:
{sessions}
""")


def _printed(monkeypatch, width: int, args: list[str]) -> str:
    monkeypatch.setattr(cli, "out", Console(width=width, file=io.StringIO(), record=True))
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return cli.out.export_text()


def _plan(path) -> list[str]:
    return ["plan", str(path), "--no-history", "--time-limit", "1"]


def _flat(text: str) -> str:
    """The text with the list's line breaks and indents folded: titles read whole."""
    return " ".join(text.split())


def test_seven_rooms_at_80_columns_become_a_list_with_every_title_whole(monkeypatch, seven_rooms):
    text = _printed(monkeypatch, 80, _plan(seven_rooms))
    assert "┬" not in text  # no grid columns
    for title in TITLES:
        assert title in _flat(text)
    assert "…" not in text
    assert max(len(line) for line in text.splitlines()) <= 80
    # each session's line says room, title, hosts and demand/seats
    rooms = "|".join(re.escape(room) for room in ROOMS)
    lines = re.findall(rf"(?:{rooms}): [^·]+ — [^·]+ · 3/\d+", _flat(text))
    assert len(lines) == len(TITLES)


def test_a_wide_terminal_gets_the_grid_and_layout_forces_either(monkeypatch, seven_rooms):
    plan = ["plan", str(seven_rooms), "--no-history", "--time-limit", "1"]
    assert "┬" in _printed(monkeypatch, 250, plan)
    assert "┬" not in _printed(monkeypatch, 250, [*plan, "--layout", "list"])
    forced = _printed(monkeypatch, 80, [*plan, "--layout", "grid"])
    assert "┬" in forced


def test_breaks_and_plenaries_span_the_whole_grid(monkeypatch, seven_rooms):
    text = _printed(monkeypatch, 250, _plan(seven_rooms))
    lines = text.splitlines()
    table_top = next(line for line in lines if line.startswith("┌─") and "┬" in line)
    for label in ("Begrüßung und Themenmarkt — mit Landrätin Dr. Schäfer", "Mittagsimbiss"):
        row = next(i for i, line in enumerate(lines) if label in line)
        # one box across: as wide as the grid, no column rule inside it
        assert len(lines[row]) == len(table_top.rstrip())
        assert lines[row].count("│") == 2
    assert "Wie der Tag läuft." in text


def test_a_room_closed_all_day_is_left_out_of_that_days_grid(monkeypatch, write_event):
    path = write_event("""\
event: {name: "Dialogreihe", date: 2026-11-12, language: de}
rooms:
  - {id: kassel, name: "Rathaus Kassel", capacity: 40, parts: [2026-11-12]}
  - {id: fulda, name: "Bürgerhaus Fulda", capacity: 40, parts: [2026-11-19]}
slots:
  - {id: a1, start: 18:00, end: 19:00}
  - {id: b1, start: 18:00, end: 19:00, date: 2026-11-19}
sessions:
  - {id: ks, title: "Dialog Kassel", parts: [2026-11-12]}
  - {id: fd, title: "Dialog Fulda", parts: [2026-11-19]}
""")
    text = _printed(monkeypatch, 120, ["plan", str(path), "--no-history", "--time-limit", "1"])
    first, second = text.split("19. November 2026")
    assert "Rathaus Kassel" in first and "Bürgerhaus Fulda" not in first
    assert "Bürgerhaus Fulda" in second and "Rathaus Kassel" not in second


def test_show_prints_the_saved_plan_without_planning_again(monkeypatch, seven_rooms):
    planned = _printed(monkeypatch, 100, ["plan", str(seven_rooms), "--time-limit", "1"])
    shown = _printed(monkeypatch, 100, ["show", str(seven_rooms)])
    assert shown.strip() and shown in planned  # the same grid and open ends, no summary
    saved = json.loads((seven_rooms.parent / "event.plans" / "0001.json").read_text("utf-8"))
    assert saved["assignments"]  # and it read that file: no second plan was saved
    assert not (seven_rooms.parent / "event.plans" / "0002.json").exists()


def test_show_now_and_next(monkeypatch, seven_rooms):
    _printed(monkeypatch, 100, ["plan", str(seven_rooms), "--time-limit", "1"])
    saved = json.loads((seven_rooms.parent / "event.plans" / "0001.json").read_text("utf-8"))
    in_s1 = {a["session"] for a in saved["assignments"] if a["slots"] == ["s1"]}
    text = _flat(_printed(monkeypatch, 120, ["show", str(seven_rooms), "--now", "10:20"]))
    now, following = text.split("Als Nächstes")
    assert "Jetzt (10:20) 10:00–10:45" in now
    for i, title in enumerate(TITLES):
        assert (title in now) == (f"t{i}" in in_s1)
    assert "12:00–13:00 Mittagsimbiss" in following
    late = _flat(_printed(monkeypatch, 120, ["show", str(seven_rooms),
                                             "--now", "2026-10-22T18:00"]))
    assert "Gerade läuft nichts." in late and "Danach folgt nichts mehr." in late
    early = _flat(_printed(monkeypatch, 120, ["show", str(seven_rooms), "--now", "8:00"]))
    assert "Als Nächstes 09:30–10:00 Begrüßung und Themenmarkt" in early


def test_show_refuses_a_plan_of_another_event(seven_rooms, tmp_path):
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"assignments": [{"session": "gibtsnicht", "room": "r0",
                                                  "slots": ["s1"]}]}), encoding="utf-8")
    result = runner.invoke(app, ["show", str(seven_rooms), "--plan", str(other), "--lang", "en"])
    assert result.exit_code == 2
    assert "gibtsnicht" in result.output and "another version" in _flat(result.output)
    none_yet = runner.invoke(app, ["show", str(seven_rooms)])
    assert none_yet.exit_code == 2 and "Traceback" not in none_yet.output


def test_the_solver_reports_its_stages_and_best_grid(write_event):
    # Four sessions Ana wants, two slots, two rooms: she misses two whatever the grid.
    path = write_event("""\
event: {name: "Werkstatt", date: 2026-10-22}
rooms: [{id: a, capacity: 10}, {id: b, capacity: 10}]
slots: [{id: s1, start: 10:00, end: 11:00}, {id: s2, start: 11:00, end: 12:00}]
sessions:
  - {id: w, title: "Wärmepumpe", votes: [Ana, Bo]}
  - {id: x, title: "Xylophon", votes: [Ana]}
  - {id: y, title: "Yoga", votes: [Ana, Bo]}
  - {id: z, title: "Zither", votes: [Ana]}
""")
    seen: list[Progress] = []
    plan = solve(load_event(path), SolveOptions(time_limit=1, on_progress=seen.append))
    assert seen[0] == Progress("drops", None, None)
    graded = [p for p in seen if p.conflicts is not None]  # reports that carry a grid
    assert graded and graded[-1].conflicts == plan.metrics.conflicts >= 2
    assert all((p.conflicts is None) == (p.objective is None) for p in seen)
    assert {p.stage for p in seen} <= {"drops", "cpsat", "prove", "anneal", "lns", "certify",
                                       "rooms", "bound"}


def test_the_progress_display_draws_only_on_an_interactive_terminal(seven_rooms):
    event = load_event(seven_rooms)
    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=100)
    with progress_display(terminal, event, "en") as update:
        assert update is not None
        update(Progress("anneal", None, 340))
        terminal.print("")  # let the live line render at least once
    assert "improving the grid (annealing)" in screen.getvalue()
    assert "score 340" in screen.getvalue()
    with progress_display(Console(file=io.StringIO()), event, "en") as update:
        assert update is None  # a pipe or a file: nothing drawn
    result = runner.invoke(app, ["plan", str(seven_rooms), "--no-history", "--time-limit", "1"])
    assert "annealing" not in result.output and "Annealing" not in result.output


def test_the_help_states_the_real_default_time_limit():
    from opensozial.solve import DEFAULT_TIME_LIMIT

    result = runner.invoke(app, ["plan", "--help"], env={"COLUMNS": "200"})
    assert f"default {DEFAULT_TIME_LIMIT:g} " in _flat(result.output)


def test_show_reads_a_replan_whose_started_session_left_the_file(write_event):
    """A session that ran and was then deleted from the file stays in the re-plan's history;
    ``show`` draws that plan as check, diff and export read it, not as another event's."""
    head = """\
event: {name: "Werkstatt", date: 2026-10-22}
rooms: [{id: a, capacity: 10}, {id: b, capacity: 10}]
slots: [{id: s1, start: "10:00", end: "11:00"}, {id: s2, start: "11:00", end: "12:00"}]
sessions:
"""
    lines = {"w": '  - {id: w, title: "Wärmepumpe (Förderung)", hosts: [Ana]}\n',
             "x": '  - {id: x, title: "Xylophon-Werkstatt", hosts: [Ana]}\n'}
    path = write_event(head + "".join(lines.values()))
    first = CliRunner().invoke(app, ["plan", str(path), "--time-limit", "1", "-f", "json"])
    assert first.exit_code == 0, first.output
    placed = json.loads(first.stdout)["assignments"]
    ran = next(a["session"] for a in placed if a["slots"] == ["s1"])
    kept = next(sid for sid in lines if sid != ran)
    path.write_text(head + lines[kept], encoding="utf-8")  # the session that ran is deleted
    again = CliRunner().invoke(
        app, ["plan", str(path), "--previous", "last", "--now", "10:30", "--time-limit", "1"]
    )
    assert again.exit_code == 0, again.output
    shown = CliRunner().invoke(app, ["show", str(path), "--layout", "list"])
    assert shown.exit_code == 0, shown.output
    assert {"Wärmepumpe (Förderung)", "Xylophon-Werkstatt"} <= set(
        re.findall(r"Wärmepumpe \(Förderung\)|Xylophon-Werkstatt", shown.output)
    )
