"""Bad input to ``opensozial export``: a clear message in the user's language, exit 2,
no traceback, no input file touched, no half-written output."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from export_case import PLAN, write_case
from typer.testing import CliRunner

from opensozial.cli import app

runner = CliRunner()


def run(*args: str | Path):
    return runner.invoke(app, [str(a) for a in args])


def digest(*paths: Path) -> list[str]:
    return [hashlib.sha256(p.read_bytes()).hexdigest() for p in paths]


def assert_refused(result, *fragments: str) -> None:
    assert result.exit_code == 2, result.output
    text = " ".join(result.output.split())  # the console wraps long lines
    assert "Traceback" not in text
    for fragment in fragments:
        assert fragment in text, text


@pytest.mark.parametrize(
    ("lang", "text"), [("en", "Did you mean 'frab-xml'"), ("de", "Meinten Sie 'frab-xml'")]
)
def test_unknown_format_suggests_the_nearest(tmp_path, lang, text):
    event, plan = write_case(tmp_path, lang=lang)
    assert_refused(run("export", event, "--plan", plan, "--to", "frab-xm"), text, "markdown")


def test_plan_export_refuses_an_unknown_format_before_solving(write_event):
    from export_case import EVENT

    result = run("plan", write_event(EVENT), "--export", "docx", "--time-limit", "1")
    assert_refused(result, "'docx'")
    assert "Score" not in result.output  # no solving happened


@pytest.mark.parametrize(("lang", "text"), [("en", "does not exist"), ("de", "gibt es nicht")])
def test_missing_plan_file_says_how_to_make_one(tmp_path, lang, text):
    event, _ = write_case(tmp_path, lang=lang)
    assert_refused(
        run("export", event, "--plan", tmp_path / "nope.json", "--to", "ics"),
        text,
        "opensozial plan",
    )


@pytest.mark.parametrize(
    ("change", "text"),
    [
        (
            lambda p: p["assignments"].append(
                {"session": "fremd", "room": "saal", "slots": ["s2"]}
            ),
            "'fremd'",
        ),
        (lambda p: p["assignments"][0].update(room="keller"), "'keller'"),
        (lambda p: p["assignments"][0].update(slots=["s1", "s9"]), "'s9'"),
        (lambda p: p["assignments"].append(dict(p["assignments"][1])), "more than once"),
    ],
)
def test_plan_that_does_not_match_the_event_is_refused(tmp_path, change, text):
    plan = json.loads(json.dumps(PLAN))
    change(plan)
    event, plan_path = write_case(tmp_path, plan)
    out = tmp_path / "out.ics"
    assert_refused(
        run("export", event, "--plan", plan_path, "--to", "ics", "-o", out), text, "plan.json"
    )
    assert not out.exists()


def test_plan_for_another_event_is_one_paragraph_in_german(tmp_path):
    plan = {
        "assignments": [{"session": f"x{i}", "room": "saal", "slots": ["s1"]} for i in range(9)]
    }
    event, plan_path = write_case(tmp_path, plan, lang="de")
    result = run("export", event, "--plan", plan_path, "--to", "csv", "-o", tmp_path / "x.csv")
    assert_refused(result, "Veranstaltungsdatei", "(+3)")
    assert " ".join(result.output.split()).count("opensozial plan EVENT.yaml") == 1


def test_unwritable_output_is_explained(tmp_path):
    event, plan = write_case(tmp_path)
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert_refused(
        run("export", event, "--plan", plan, "--to", "csv", "-o", blocker / "out.csv"),
        "Cannot write",
    )


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write into a read-only folder")
def test_read_only_folder_is_explained(tmp_path):
    event, plan = write_case(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        assert_refused(
            run("export", event, "--plan", plan, "--to", "csv", "-o", locked / "o.csv"),
            "Cannot write",
        )
    finally:
        locked.chmod(0o700)


def test_folder_with_other_files_is_never_replaced(tmp_path):
    event, plan = write_case(tmp_path)
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "thesis.txt").write_text("do not lose me", encoding="utf-8")
    assert_refused(
        run("export", event, "--plan", plan, "--to", "html", "-o", precious), "other files"
    )
    assert sorted(p.name for p in precious.iterdir()) == ["thesis.txt"]


def test_single_file_format_onto_a_folder_is_refused(tmp_path):
    event, plan = write_case(tmp_path)
    assert_refused(
        run("export", event, "--plan", plan, "--to", "ics", "-o", tmp_path), "is a folder"
    )


def test_folder_format_onto_a_file_is_refused(tmp_path):
    event, plan = write_case(tmp_path)
    before = digest(plan)
    assert_refused(run("export", event, "--plan", plan, "--to", "html", "-o", plan), "is a file")
    result = run(
        "export", event, "--plan", plan, "--to", "ics", "--personal", "-o", plan, "--lang", "de"
    )
    assert_refused(result, "ist eine Datei")
    assert digest(plan) == before


def test_personal_only_with_ics(tmp_path):
    event, plan = write_case(tmp_path)
    assert_refused(run("export", event, "--plan", plan, "--to", "csv", "--personal"), "--personal")


def test_an_earlier_export_folder_is_replaced_whole_and_inputs_stay_untouched(tmp_path):
    event, plan = write_case(tmp_path)
    before = digest(event, plan)
    out = tmp_path / "print"
    assert run("export", event, "--plan", plan, "--to", "html", "-o", out).exit_code == 0
    (out / "stale.html").write_text("old", encoding="utf-8")
    assert run("export", event, "--plan", plan, "--to", "html", "-o", out).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == [
        ".opensozial-export",
        "doors.html",
        "handout.html",
        "index.html",
        "poster.html",
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "barcamp.yaml",
        "plan.json",
        "print",
    ]  # no temp left
    assert digest(event, plan) == before
