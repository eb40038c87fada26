"""Votes from a form's CSV export: both layouts, delimiters, BOM, and errors with their line."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from opensozial.cli import app
from opensozial.errors import InputError
from opensozial.load import load_event

runner = CliRunner()

EVENT = """\
event: {name: Test, date: 2026-10-22, language: de}
votes_file: stimmen.csv
rooms: [{id: a, capacity: 20}, {id: b, capacity: 10}]
slots: [{id: s1, start: "10:00", end: "10:45"}, {id: s2, start: "11:00", end: "11:45"}]
sessions:
  - {id: pflege, title: "Pflege, Nähe und Zeit", votes: [Zora]}
  - {id: daten, title: Offene Daten}
  - {id: ki, title: KI im Amt}
"""


def load_with(write_event, tmp_path, csv_text: str, encoding: str = "utf-8"):
    (tmp_path / "stimmen.csv").write_bytes(csv_text.encode(encoding))
    return load_event(write_event(EVENT))


def votes(event):
    return {s.id: s.votes for s in event.sessions}


def test_column_layout_with_marks_semicolons_and_bom(write_event, tmp_path):
    text = ("Zeitstempel;Vorname;Nachname;Pflege, Nähe und Zeit;daten;KI im Amt\n"
            "2026-10-01;Anna;Berg;x;;ja\n"
            "2026-10-02;Ben;Kurz;;✓;\n"
            "\n"
            "2026-10-03;Zora;;1;nein;\n")
    event = load_with(write_event, tmp_path, "\ufeff" + text)
    assert votes(event) == {
        "pflege": ["Zora", "Anna Berg"],
        "daten": ["Ben Kurz"],
        "ki": ["Anna Berg"],
    }


def test_list_layout_with_commas_inside_titles(write_event, tmp_path):
    text = ('Timestamp,Name,Welche Sessions?\n'
            '1,Anna,"Pflege, Nähe und Zeit, KI im Amt"\n'
            '2,Ben,"daten; ki"\n'
            '3,Clara,\n')
    event = load_with(write_event, tmp_path, text)
    assert votes(event) == {"pflege": ["Zora", "Anna"], "daten": ["Ben"], "ki": ["Anna", "Ben"]}


@pytest.mark.parametrize(
    ("text", "line", "key", "words"),
    [
        (
            "Name;Pflege, Nähe und Zeit\nAnna;x\nBen;x\nanna;x\n",
            4,
            "votes_duplicate_person",
            ["'anna'", "line 2"],
        ),
        (
            "Name,Sessions\nAnna,Offene Datn\n",
            2,
            "votes_unknown_session",
            ["Offene Datn", "Did you mean 'Offene Daten'"],
        ),
        (
            "Name;daten;KI im Amt;Blockchain im Ehrenamt\nAnna;x;;x\n",
            1,
            "votes_unknown_column",
            ["Blockchain"],
        ),
        (
            "Name;daten;KI im Amt;Offene Datem\nAnna;x;;x\n",
            1,
            "votes_unknown_column",
            ["Did you mean 'Offene Daten'"],
        ),
        ("Wer;daten\nAnna;x\n", 1, "votes_no_name_column", ["Wer, daten"]),
        ("Name;daten\nAnna;x\n;x\n", 3, "votes_no_name", ["'Name'"]),
        ("Name;daten\nAnna;vielleicht\n", 2, "votes_cell_unclear", ["vielleicht", "'daten'"]),
        ("Name;Bemerkung\nAnna;gern\n", 1, "votes_no_votes_column", ["Name, Bemerkung"]),
    ],
)
def test_errors_name_the_csv_line_and_the_fix(write_event, tmp_path, text, line, key, words):
    with pytest.raises(InputError) as info:
        load_with(write_event, tmp_path, text)
    problem = info.value.problems[0]
    assert problem.key == key and problem.location.line == line
    assert problem.location.path.name == "stimmen.csv"
    result = runner.invoke(
        app, ["plan", str(tmp_path / "event.yaml"), "--lang", "en", "--time-limit", "0.5"]
    )
    output = " ".join(result.output.split())  # rich wraps long lines
    assert result.exit_code == 2 and f"stimmen.csv:{line}: " in output
    for word in words:
        assert word in output
    assert "Traceback" not in output


def test_missing_or_non_utf8_votes_file_is_explained(write_event, tmp_path):
    path = write_event(EVENT)
    result = runner.invoke(app, ["plan", str(path), "--time-limit", "0.5"])
    assert (
        result.exit_code == 2
        and "event.yaml:2:" in result.output
        and "stimmen.csv" in result.output
    )
    (tmp_path / "stimmen.csv").write_bytes("Name;daten\nJürgen;x\n".encode("cp1252"))
    result = runner.invoke(app, ["plan", str(path), "--time-limit", "0.5"])
    assert result.exit_code == 2 and "CSV UTF-8" in " ".join(result.output.split())


def test_the_shipped_form_example_reads_forty_people_into_twelve_sessions():
    from conftest import ROOT

    event = load_event(ROOT / "examples" / "afterwork-mit-formular.yaml")
    people = {person for s in event.sessions for person in s.votes}
    assert len(people) == 40 and len(event.sessions) == 12
    assert len(event.rooms) == 3 and len(event.session_slots) == 4
    assert all(s.votes for s in event.sessions)
    assert (ROOT / "examples" / "afterwork-formular.csv").read_text(encoding="utf-8").count(
        "\n"
    ) == 41
