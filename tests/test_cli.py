"""The command line end to end: grid, JSON, check, languages, exit codes, no tracebacks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from conftest import EXAMPLES
from typer.testing import CliRunner

from opensozial.cli import app

runner = CliRunner()

SMALL = """
event: {name: "Mini-Barcamp", date: 2026-10-22, language: de}
rooms:
  - {id: saal, name: "Großer Saal", capacity: 20, features: [beamer]}
  - {id: klein, name: "Kleiner Raum", capacity: 5}
slots:
  - {id: s1, start: 10:00, end: 10:45}
  - {id: lunch, start: 11:00, end: 12:00, break: "Mittagsimbiss"}
  - {id: s2, start: 12:00, end: 12:45}
sessions:
  - {id: pflege, title: "Pflegearbeit neu denken", hosts: [Meike], votes: [Anna, Ben, Clara]}
  - {id: digital, title: "Digitale Verwaltung", hosts: [Jonas], votes: [Anna, Ben]}
  - {id: garten, title: "Gemeinschaftsgarten", votes: [Clara]}
  - {id: repair, title: "Repair-Café", votes: [Dana]}
  - {id: chor, title: "Offener Chor", votes: []}
"""


def test_plan_prints_grid_open_ends_and_summary(write_event):
    result = runner.invoke(app, ["plan", str(write_event(SMALL)), "--time-limit", "2"])
    assert result.exit_code == 0, result.output
    for text in (
        "Pflegearbeit neu denken",
        "Großer Saal",
        "Mittagsimbiss",
        "Offene Enden",
        "Offener Chor",
        "Konflikte",
        "optimal",
    ):
        assert text in result.output


def test_plan_in_english_on_request(write_event):
    result = runner.invoke(
        app, ["plan", str(write_event(SMALL)), "--time-limit", "2", "--lang", "en"]
    )
    assert result.exit_code == 0
    assert "conflicts" in result.output and "topics without a slot" in result.output


def test_plan_json_has_the_contract_keys(write_event):
    result = runner.invoke(
        app, ["plan", str(write_event(SMALL)), "--format", "json", "--time-limit", "2"]
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["status"] in ("optimal", "feasible") and isinstance(data["bound"], int)
    assert {"session", "room", "slots"} <= data["assignments"][0].keys()
    assert {"session", "reason"} <= data["unscheduled"][0].keys()
    assert {"conflicts", "overflow_seats", "unscheduled_sessions", "votes_total"} <= data[
        "metrics"
    ].keys()
    assert data["metrics"]["unscheduled_sessions"] == 1 and data["metrics"]["votes_total"] == 7


def test_plan_output_file_then_check_it(write_event, tmp_path):
    event = write_event(SMALL)
    out = tmp_path / "sub" / "plan.json"
    result = runner.invoke(
        app, ["plan", str(event), "--format", "json", "-o", str(out), "--time-limit", "2"]
    )
    assert result.exit_code == 0 and out.exists()
    assert not list(out.parent.glob(".*.tmp"))  # atomic write left nothing behind
    checked = runner.invoke(app, ["check", str(event), str(out)])
    assert checked.exit_code == 0, checked.output
    assert "Konflikte: " in checked.output and "hält jede Regel ein" in checked.output
    assert "conflicts" not in checked.output  # metric names in the reader's language too


def test_check_reports_a_broken_hand_made_plan_with_exit_1(write_event, tmp_path):
    event = write_event(SMALL)
    plan = tmp_path / "hand.json"
    plan.write_text(json.dumps({"assignments": [
        {"session": "pflege", "room": "saal", "slots": ["s1"]},
        {"session": "digital", "room": "saal", "slots": ["s1"]},
        {"session": "garten", "room": "klein", "slots": ["lunch"]},
    ]}), encoding="utf-8")
    result = runner.invoke(app, ["check", str(event), str(plan), "--lang", "en"])
    assert result.exit_code == 1
    assert "Room 'saal' holds several sessions in 's1': pflege, digital" in result.output
    assert "a break or plenary" in result.output


def test_bad_input_exits_2_with_a_located_message_and_no_traceback(write_event):
    event = write_event(SMALL.replace("capacity: 5}", "capacity: 5, capcity: 3}"))
    result = runner.invoke(app, ["plan", str(event)])
    assert result.exit_code == 2
    assert f"{event}:4:" in result.output and "Meinten Sie 'capacity'" in result.output
    assert "Traceback" not in result.output


def test_missing_files_exit_2(tmp_path, write_event):
    assert runner.invoke(app, ["plan", str(tmp_path / "fehlt.yaml")]).exit_code == 2
    result = runner.invoke(app, ["check", str(write_event(SMALL)), str(tmp_path / "fehlt.json")])
    assert result.exit_code == 2 and "fehlt.json" in result.output


def test_broken_plan_json_exits_2(write_event, tmp_path):
    plan = tmp_path / "plan.json"
    plan.write_text('{"assignments": [', encoding="utf-8")
    result = runner.invoke(app, ["check", str(write_event(SMALL)), str(plan)])
    assert result.exit_code == 2 and f"{plan}:1:" in result.output


def test_impossible_pins_exit_3_naming_the_sessions(write_event):
    text = SMALL.replace(
        "votes: [Anna, Ben, Clara]}",
        "votes: [Anna, Ben, Clara], needs: [beamer], pinned: {slot: s1}}",
    )
    text = text.replace(
        "votes: [Anna, Ben]}", "votes: [Anna, Ben], needs: [beamer], pinned: {slot: s1}}"
    )
    result = runner.invoke(app, ["plan", str(write_event(text)), "--lang", "en"])
    assert result.exit_code == 3
    assert "pflege, digital" in result.output and "cannot all get a suitable room" in result.output


@pytest.mark.slow  # subprocesses
def test_python_dash_m_and_console_script_work(tmp_path):
    source = next(p for p in EXAMPLES if "afterwork" in p.name)
    example = str(tmp_path / source.name)  # a copy: the plan history is written next to it
    shutil.copy(source, example)
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "opensozial",
            "plan",
            example,
            "--format",
            "json",
            "--time-limit",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["assignments"]


def test_version_and_help():
    assert runner.invoke(app, ["--version"]).output.startswith("opensozial ")
    result = runner.invoke(app, ["plan", "--help"])
    assert result.exit_code == 0 and "--time-limit" in result.output


def test_a_hand_made_plan_with_status_but_no_metrics_is_only_rule_checked(write_event, tmp_path):
    plan = tmp_path / "hand.json"
    plan.write_text(json.dumps({"status": "feasible", "assignments": [
        {"session": "pflege", "room": "saal", "slots": ["s1"]}]}), encoding="utf-8")
    result = runner.invoke(app, ["check", str(write_event(SMALL)), str(plan)])
    assert result.exit_code == 0, result.output
    assert "Sessions ohne Slot: 4" in result.output


@pytest.mark.slow  # subprocesses
def test_the_same_plan_in_separate_processes_whatever_the_hash_seed(tmp_path):
    import os

    example = str(next(p for p in EXAMPLES if "open-sozial" in p.name))
    shutil.copy(example, tmp_path / "tag.yaml")  # a copy: the plan history is written next to it
    example = str(tmp_path / "tag.yaml")
    outputs = []
    # The deterministic budget alone: on a busy machine the 1-second wall-clock cap of
    # `plan --time-limit 1` would decide, and a plan the clock cut may differ.
    script = (
        "import sys; from opensozial.load import load_event; "
        "from opensozial.solve import SolveOptions, solve; "
        "print(solve(load_event(sys.argv[1]), "
        "SolveOptions(time_limit=1, wall_limit=300)).to_json())"
    )
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        result = subprocess.run(
            [sys.executable, "-c", script, example],
            capture_output=True, text=True, timeout=120, check=False, env=env,
        )
        assert result.returncode == 0, result.stderr
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
