"""The diff and --announce tell everything people need to hear: hosts, titles, rooms
renamed or lost, plenaries moved, and "postponed" only where a later slot exists."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT
from typer.testing import CliRunner

from opensozial.cli import app
from opensozial.diff import announcement, diff_plans
from opensozial.load import load_event
from opensozial.plan import Metrics, Plan, Unscheduled, read_plan

runner = CliRunner()
SOURCE = ROOT / "tests" / "data" / "dialogtag.yaml"


def flat(text: str) -> str:
    return " ".join(text.split())


def morning_then(tmp_path: Path, edit, *args: str) -> str:
    """Plan the morning, apply ``edit`` to the file, re-plan with --announce; the output."""
    path = tmp_path / "dialogtag.yaml"
    path.write_text(SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    assert runner.invoke(app, ["plan", str(path), "--time-limit", "1"]).exit_code == 0
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    result = runner.invoke(
        app, ["plan", str(path), "--previous", "last", "--announce", "--time-limit", "1", *args]
    )
    assert result.exit_code == 0, result.output
    return flat(result.output)


def test_a_host_swap_is_in_the_diff_and_the_announcement(tmp_path):
    out = morning_then(tmp_path, lambda text: text.replace("[Lea Nguyễn]", "[Σοφία Παππά, Jan Ö.]"))
    assert "Neue Leitung: »Reparaturcafé gründen« um" in out
    assert "jetzt Σοφία Παππά, Jan Ö. (vorher Lea Nguyễn)" in out
    announced = out.split("Änderungen im Plan von")[1]
    assert (
        ": Σοφία Παππά, Jan Ö." in announced and "Keine Änderungen anzusagen" not in out
    )


def test_a_new_title_is_announced_with_the_old_one(tmp_path):
    out = morning_then(
        tmp_path,
        lambda text: text.replace(
            '"Rufbus statt Linienbus?"', '"Rufbus statt Linienbus? (mit Kreisverwaltung)"'
        ),
        "--lang",
        "en",
    )
    assert (
        "New title: “Rufbus statt Linienbus?” at" in out
        and "is now called “Rufbus statt Linienbus? (mit Kreisverwaltung)”" in out
    )


def test_a_renamed_room_and_a_room_lost_for_the_afternoon(tmp_path):
    def edit(text: str) -> str:
        text = text.replace('name: "Raum Eiche"', 'name: "Eichensaal (1. OG)"')
        return text.replace("capacity: 20}", "capacity: 20, unavailable: [s4, s5]}")

    out = morning_then(tmp_path, edit)
    assert "Raum umbenannt: »Raum Eiche« heißt jetzt »Eichensaal (1. OG)«" in out
    assert "Raum nicht mehr verfügbar: »Werkstatt« (14:00, 16:00)" in out


def test_a_room_kept_for_the_morning_part_is_lost_for_the_afternoon(tmp_path):
    """A room closed by its ``parts`` (not by ``unavailable``) is news too."""

    def edit(text: str) -> str:
        text = text.replace("{id: s1, start: 10:00, end: 10:45}",
                            "{id: s1, start: 10:00, end: 10:45, part: Vormittag}")
        for slot in ("s4, start: 14:00, end: 14:45", "s5, start: 16:00, end: 16:45"):
            text = text.replace(f"{{id: {slot}}}", f"{{id: {slot}, part: Nachmittag}}")
        return text.replace("capacity: 20}", "capacity: 20, parts: [Vormittag]}")

    out = morning_then(tmp_path, edit)
    assert "Raum nicht mehr verfügbar: »Werkstatt« (14:00, 16:00)" in out
    assert "Keine Änderungen anzusagen" not in out


def test_a_room_closed_by_its_parts_all_along_is_no_news(tmp_path):
    """Planned and re-planned with the same parts: nothing about the room to announce, also
    against a plan recorded before rooms' parts were (its "closed": ``unavailable`` alone)."""
    path = tmp_path / "dialogtag.yaml"
    text = SOURCE.read_text(encoding="utf-8").replace(
        "{id: s1, start: 10:00, end: 10:45}", "{id: s1, start: 10:00, end: 10:45, part: Vormittag}"
    ).replace("capacity: 20}", "capacity: 20, parts: [Vormittag]}")
    path.write_text(text, encoding="utf-8")
    assert runner.invoke(app, ["plan", str(path), "--time-limit", "1"]).exit_code == 0
    saved = tmp_path / "dialogtag.plans" / "0001.json"
    old = read_plan(saved)
    closed = old.context["rooms"]["werkstatt"]["closed"]
    assert {"s4", "s5"} <= set(closed) and "s1" not in closed
    event = load_event(path)
    assert not [c for c in diff_plans(event, old, old) if c.kind == "room_lost"]
    for info in old.context["rooms"].values():
        info.pop("parts")
        info["closed"] = []
    assert not [c for c in diff_plans(event, old, old) if c.kind == "room_lost"]


def test_a_moved_plenary_is_announced(tmp_path):
    out = morning_then(
        tmp_path,
        lambda text: text.replace(
            "{id: abschluss, start: 17:00, end: 17:30", "{id: abschluss, start: 17:15, end: 17:45"
        ),
    )
    assert "Plenum verschoben: »Abschlussrunde« jetzt um 17:15 (statt 17:00)" in out
    assert (
        "Plenum verschoben: »Abschlussrunde« jetzt um 17:15"
        in out.split("Änderungen im Plan von")[1]
    )


def _lost_slot(event, now: str):
    """The 14:00 'Rufbus' session loses its slot in a re-plan made at ``now``."""
    old = read_plan(ROOT / "tests" / "data" / "dialogtag-1240.json")
    new = Plan(
        "feasible",
        0,
        0,
        [a for a in old.assignments if a.session != "nahverkehr"],
        [Unscheduled("nahverkehr", reason_code="no_room")],
        Metrics(0, 0, 1, 0),
        solver={"replan": {"now": f"2026-10-22T{now}:00+02:00"}},
    )
    return announcement(event, diff_plans(event, old, new), "de")


def test_postponed_only_where_a_later_slot_exists():
    event = load_event(SOURCE)
    assert "Vorerst verschoben: »Rufbus statt Linienbus?« (war um 14:00)" in _lost_slot(
        event, "13:00"
    )
    assert "Vorerst verschoben: »Rufbus statt Linienbus?« (war um 14:00)" in _lost_slot(
        event, "15:50"
    )
    after_last = _lost_slot(event, "16:10")  # the last session slot (16:00) has started
    assert "Entfällt heute: »Rufbus statt Linienbus?« (war um 14:00)" in after_last
    assert "Vorerst" not in after_last
    closed = event.replaced(
        sessions=[
            s.replaced(unavailable=["s5"]) if s.id == "nahverkehr" else s for s in event.sessions
        ]
    )
    assert "Entfällt heute: »Rufbus" in _lost_slot(closed, "13:00")  # no later slot it may take
