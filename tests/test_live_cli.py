"""The live commands end to end: history numbers, diff, announce, JSON mode, bad input."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from opensozial.cli import app

runner = CliRunner()

EVENT = """\
event: {name: Abendcamp, date: 2026-10-22, language: de}
rooms: [{id: saal, name: Saal, capacity: 30}, {id: kueche, name: Küche, capacity: 8},
        {id: hof, capacity: 9}]
slots:
  - {id: s1, start: "18:00", end: "18:40"}
  - {id: s2, start: "18:45", end: "19:25"}
sessions:
  - {id: kochen, title: Gemeinsam kochen, hosts: [Ida], votes: [Anna, Ben]}
  - {id: rad, title: Radwege im Viertel, hosts: [Jo], votes: [Anna, Cem, Dana]}
  - {id: garten, title: Gemeinschaftsgarten, hosts: [Kim], votes: [Ben]}
"""


def flat(text: str) -> str:
    return " ".join(text.split())


def test_plans_go_to_the_history_and_identical_runs_give_identical_files(write_event):
    path = write_event(EVENT)
    for _ in range(2):
        result = runner.invoke(app, ["plan", str(path), "--time-limit", "1", "-f", "json"])
        assert result.exit_code == 0
        json.loads(result.stdout)  # stdout is the plan alone
    first, second = sorted((path.parent / "event.plans").iterdir())
    assert first.read_bytes() == second.read_bytes()
    assert "event.plans/0002.json" in flat(result.stderr)


def test_replan_in_json_mode_prints_the_plan_and_the_diff_apart(write_event, tmp_path):
    path = write_event(EVENT)
    assert runner.invoke(app, ["plan", str(path), "--time-limit", "1"]).exit_code == 0
    write_event(EVENT + "  - {id: quiz, title: Kneipenquiz, hosts: [Lu], votes: [Dana]}\n")
    result = runner.invoke(
        app, ["plan", str(path), "--previous", "last", "--now", "18:10", "-f", "json", "--announce"]
    )
    assert result.exit_code == 0, result.output
    plan = json.loads(result.stdout)
    quiz = next(a for a in plan["assignments"] if a["session"] == "quiz")
    assert quiz["slots"] == ["s2"] and quiz["title"] == "Kneipenquiz"
    assert plan["solver"]["replan"]["now"] == "2026-10-22T18:10:00+02:00"
    assert "Neu: »Kneipenquiz« um 18:45 in" in flat(result.stderr)
    assert "Änderungen im Plan von Abendcamp:" in result.stderr


def test_a_session_added_when_the_day_is_over_says_it_is_too_late(write_event):
    path = write_event(EVENT)
    assert runner.invoke(app, ["plan", str(path), "--time-limit", "1"]).exit_code == 0
    write_event(EVENT + "  - {id: quiz, title: Kneipenquiz, votes: [Dana]}\n")
    result = runner.invoke(
        app, ["plan", str(path), "--previous", "1", "--now", "19:00", "-f", "json", "--lang", "en"]
    )
    plan = json.loads(result.stdout)
    reason = "every slot it could take has already started"  # the output language, not the file's
    expected = {"session": "quiz", "reason": reason, "reason_code": "too_late", "params": {}}
    assert plan["unscheduled"][-1] == expected
    assert "Without a slot: “Kneipenquiz”" in flat(result.stderr)


def test_diff_and_history_commands(write_event):
    path = write_event(EVENT)
    runner.invoke(app, ["plan", str(path), "--time-limit", "1"])
    write_event(
        EVENT.replace(
            "  - {id: garten, title: Gemeinschaftsgarten, hosts: [Kim], votes: [Ben]}\n", ""
        )
    )
    result = runner.invoke(app, ["plan", str(path), "--time-limit", "1", "--previous", "last"])
    assert "Abgesagt: »Gemeinschaftsgarten«" in flat(result.output)
    diff = runner.invoke(app, ["diff", "1", "2", "--event", str(path), "--announce"])
    assert diff.exit_code == 0 and "Fällt aus: »Gemeinschaftsgarten«" in flat(diff.output)
    same = runner.invoke(app, ["diff", "2", "last", "--event", str(path), "--lang", "en"])
    assert "No changes: every session stays where it was." in flat(same.output)
    listing = runner.invoke(app, ["history", str(path)])
    assert (
        listing.exit_code == 0 and "0001.json" in listing.output and "0002.json" in listing.output
    )


def test_bad_live_input_is_explained_with_exit_2(write_event, tmp_path):
    path = write_event(EVENT)
    cases = [
        (["plan", str(path), "--previous", "last"], "noch kein Plan gespeichert"),
        (["plan", str(path), "--now", "18:10"], "--previous last"),
        (["history", str(path)], None),
        (["diff", "1", str(tmp_path / "nope.json"), "--event", str(path)], "keinen Plan Nummer 1"),
    ]
    for args, words in cases:
        result = runner.invoke(app, args)
        if words is None:
            assert result.exit_code == 0 and "noch kein Plan gespeichert" in flat(result.output)
            continue
        assert result.exit_code == 2 and words in flat(result.output), (args, result.output)
        assert "Traceback" not in result.output
    runner.invoke(app, ["plan", str(path), "--time-limit", "1"])
    result = runner.invoke(app, ["plan", str(path), "--previous", "last", "--now", "halb acht"])
    assert result.exit_code == 2 and "2026-10-22T11:40" in flat(result.output)
    result = runner.invoke(app, ["diff", "1", str(tmp_path / "nope.json"), "--event", str(path)])
    assert result.exit_code == 2 and "nope.json" in flat(result.output)


def test_a_read_only_folder_is_explained_and_no_history_skips_saving(write_event, tmp_path):
    import os

    path = write_event(EVENT)
    (tmp_path / "event.plans").write_text(
        "not a folder", encoding="utf-8"
    )  # blocks the history like a read-only disk
    result = runner.invoke(app, ["plan", str(path), "--time-limit", "1"])
    assert (
        result.exit_code == 2
        and "--no-history" in flat(result.output)
        and "Traceback" not in result.output
    )
    output = str(tmp_path / "p.json")
    result = runner.invoke(
        app, ["plan", str(path), "--time-limit", "1", "--no-history", "-o", output]
    )
    assert result.exit_code == 0 and "Verlauf" not in result.output
    assert os.path.isfile(tmp_path / "event.plans") and (tmp_path / "p.json").is_file()
