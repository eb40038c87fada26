"""Each open end names its real cause, as a code with parameters, in the reader's language."""

from __future__ import annotations

import json

from conftest import make_event, solve_and_check
from typer.testing import CliRunner

from opensozial.cli import app

runner = CliRunner()


def reason_of(plan, sid):
    return next(u for u in plan.unscheduled if u.session == sid)


def test_a_busy_host_is_named_with_the_session_they_lead():
    event = make_event([("a", 10), ("b", 10)], ["s1"], [
        {"id": "chor", "title": "Chorprobe", "hosts": ["Jürgen Groß"], "votes": ["P1", "P2", "P3"]},
        {"id": "tanz", "title": "Tanz (für alle)", "hosts": ["Jürgen Groß"], "votes": ["P4"]},
    ])
    why = reason_of(solve_and_check(event), "tanz")
    assert why.reason_code == "host_busy"
    assert why.params == {"host": "Jürgen Groß", "other": "Chorprobe"}
    assert why.text("de") == ("Jürgen Groß leitet »Chorprobe«, "
                              "wann immer ein passender Raum frei ist")
    assert why.text("en") == "Jürgen Groß leads “Chorprobe” whenever a suitable room is free"


def test_a_free_room_without_the_needed_feature_is_not_called_full():
    event = make_event([("saal", 30, ["beamer"]), ("garten", 10)], ["s1"], [
        {"id": "vortrag", "title": "Vortrag", "needs": ["beamer"], "votes": ["A", "B", "C"]},
        {"id": "folien", "title": "Folien zeigen", "needs": ["beamer"], "votes": ["D"]},
    ])
    why = reason_of(solve_and_check(event), "folien")
    assert (why.reason_code, why.params) == ("no_feature", {"feature": "beamer"})
    assert "beamer" in why.text("de") and "belegt" not in why.text("de")


def test_a_place_held_by_a_pin_says_so_and_names_it():
    event = make_event([("a", 10)], ["s1"], [
        {"id": "fest", "title": "Begrüßung [fest]", "votes": ["A"],
         "pinned": {"slot": "s1", "room": "a"}},
        {"id": "frei", "title": "Frei", "votes": ["B", "C"]},
    ])
    why = reason_of(solve_and_check(event), "frei")
    assert (why.reason_code, why.params) == ("pinned", {"other": "Begrüßung [fest]"})


def test_full_rooms_are_reported_as_full():
    event = make_event([("a", 10)], ["s1"], [
        {"id": "x", "title": "X", "votes": ["A", "B"]}, {"id": "y", "title": "Y", "votes": ["C"]},
    ])
    assert reason_of(solve_and_check(event), "y").reason_code == "no_room"


PLAN = """\
event: {name: "Abend in Köln", date: 2026-10-22, language: de}
rooms: [{id: saal, name: "Großer Saal", capacity: 30, features: [beamer]}, {id: hof, capacity: 10}]
slots: [{id: s1, start: 18:00, end: 18:45}]
sessions:
  - {id: ki, title: "KI im Ehrenamt", needs: [beamer], votes: [Anna, Ben]}
  - {id: folien, title: "Folien für Vereine", needs: [beamer], votes: [Cem]}
"""


def test_lang_en_renders_the_plan_json_reason_in_english_and_keeps_code_and_params(write_event):
    path = write_event(PLAN)
    plan = ["plan", str(path), "-f", "json", "--no-history"]
    de = json.loads(runner.invoke(app, plan).stdout)
    en = json.loads(runner.invoke(app, [*plan, "--lang", "en"]).stdout)
    assert de["unscheduled"] == [{
        "session": "folien", "reason_code": "no_feature", "params": {"feature": "beamer"},
        "reason": "wann sie stattfinden könnte, sind Räume frei, aber keiner davon hat beamer"}]
    english = "rooms are free when it could run, but none of them has beamer"
    assert en["unscheduled"][0]["reason"] == english
    grid = runner.invoke(app, ["plan", str(path), "--no-history", "--lang", "en"]).output
    assert "none of them has beamer" in " ".join(grid.split())


def test_check_prints_metric_names_in_the_output_language(write_event, tmp_path):
    path, plan = write_event(PLAN), tmp_path / "plan.json"
    assert runner.invoke(app, ["plan", str(path), "-o", str(plan), "--no-history"]).exit_code == 0
    german = runner.invoke(app, ["check", str(path), str(plan)]).output
    english = runner.invoke(app, ["check", str(path), str(plan), "--lang", "en"]).output
    assert "Sessions ohne Slot: 1" in german and "fehlende Sitzplätze: 0" in german
    assert "sessions without a slot: 1" in english and "Sitzplätze" not in english
