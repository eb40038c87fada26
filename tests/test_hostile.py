"""Hostile and sloppy input: a located message for each, nothing injected, nothing lost.

Every case runs through the command line as a facilitator (or a malicious participant)
would, and asserts the exit code, that no traceback or "internal error" appears, and
that the message names the file and line where the input has one. Sloppy input that
has one clear meaning (German times) is read, and the test checks the result.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from live_support import write
from typer.testing import CliRunner

from opensozial.cli import app
from opensozial.i18n import t

ROOT = Path(__file__).resolve().parent.parent
WIDE = {"COLUMNS": "400"}  # no wrapping inside a file:line

EVENT = """\
event: {name: "Open-Sozial-Tag Landkreis 2026", date: 2026-10-22, language: de}
rooms:
  - {id: saal, name: "Großer Saal (EG)", capacity: 40, features: [beamer]}
  - {id: r101, name: "Raum 101", capacity: 15}
slots:
  - {id: s1, start: "9:30", end: "10:15"}
  - {id: s2, start: "10:30", end: "11:15"}
  - {id: mittag, start: "12:00", end: "13:00", break: "Mittagsimbiss"}
  - {id: s3, start: "13:00", end: "13:45"}
sessions:
  - {id: pflege, title: "Pflegearbeit neu denken: Schichtplanungsverfahrensvereinfachung",
     hosts: ["N.N."], votes: [Anna, Ömer, "Zoë"]}
  - {id: digital, title: "Digitale Verwaltung (Landratsamt)", hosts: [Jörg Müller],
     votes: [Anna, "李明"]}
  - {id: jugend, title: "Jugendbeteiligung im ländlichen Raum", hosts: ["Caritas e.V."],
     votes: [Ömer]}
"""
# Line numbers in EVENT, for the assertions below.
LINE_ROOM_KLEIN, LINE_S1, LINE_S2, LINE_JUGEND, LINE_EXTRA = (
    4,
    6,
    7,
    16,
    17,
)  # jugend: its votes line


def run(*args: object, **env: str) -> tuple[int, str]:
    """Run the CLI in-process; the exit code and everything it printed, unwrapped."""
    result = CliRunner().invoke(app, [str(a) for a in args], env={**WIDE, **env})
    return result.exit_code, result.output


def refused(code: int, output: str, where: str | None, *words: str, exit_code: int = 2) -> str:
    """Assert a clean refusal: the exit code, no traceback, the place and the words."""
    text = " ".join(output.split())
    assert code == exit_code, output
    assert "Traceback" not in output and "internal error" not in output.lower(), output
    if where is not None:
        assert where in text, text
    for word in words:
        assert word in text, text
    return text


def planned(code: int, output: str) -> str:
    assert code == 0, output
    assert "Traceback" not in output and "internal error" not in output.lower(), output
    return output


@pytest.fixture
def event(tmp_path: Path):
    """Write the event file (EVENT with replacements) and return its path."""

    def make(*replacements: tuple[str, str], extra: str = "", name: str = "tag.yaml") -> Path:
        text = EVENT
        for old, new in replacements:
            assert old in text, old
            text = text.replace(old, new)
        path = tmp_path / name
        path.write_text(text + extra, encoding="utf-8")
        return path

    return make


def plan(path: Path, *more: object) -> tuple[int, str]:
    return run("plan", path, "--time-limit", "0.5", "--no-history", *more)


# --- Times as Germans write them (issue #9) ------------------------------------------


@pytest.mark.parametrize(
    "written", ["9.30", "09.30", "9:30", "9.30 Uhr", "9 Uhr 30", "9:30 uhr", "'09.30'"]
)
def test_german_times_are_read_from_the_text_as_written(event, written):
    path = event(('start: "9:30"', f"start: {written}"))
    output = planned(*plan(path))
    assert "09:30–10:15" in output
    assert "00:00" not in output  # never midnight by accident


def test_a_time_with_uhr_on_both_ends_and_a_full_hour(event):
    path = event(
        ('{id: s1, start: "9:30", end: "10:15"}', "{id: s1, start: 9 Uhr, end: 10.15 Uhr}")
    )
    assert "09:00–10:15" in planned(*plan(path))


@pytest.mark.parametrize(
    ("written", "words"),
    [
        ("9.3", ["'9.3'", "zwei Ziffern"]),  # 9:30 or 9:03? Refused, not guessed
        ("25:00", ["'25:00'", "0 bis 23"]),
        ("10:60", ["'10:60'", "00 bis 59"]),
        ("9:5", ["'9:5'", "zwei Ziffern"]),
        ("halb zehn", ["'halb zehn'", "keine Uhrzeit"]),
        ("930", ["'930'", "keine Uhrzeit"]),
        ("2026-10-22 09:30", ["keine Uhrzeit"]),
        ("yes", ["'slots[1].start'", '"yes"']),
        ("", ["'slots[1].start'"]),
    ],
)
def test_times_that_are_no_time_of_day_are_refused_at_their_line(event, written, words):
    path = event(('start: "9:30"', f"start: {written}"))
    refused(*plan(path), f"tag.yaml:{LINE_S1}:", *words)


def test_an_end_before_its_start_is_refused(event):
    path = event(('end: "10:15"', "end: 9.15"))
    refused(*plan(path), f"tag.yaml:{LINE_S1}:", "endet, bevor er beginnt")


def test_times_in_english_messages_too(event):
    path = event(('start: "9:30"', "start: 9.3"))
    refused(
        *plan(path, "--lang", "en"), f"tag.yaml:{LINE_S1}:", "'9.3' is not a time of day like 10:30"
    )


# --- Slots that overlap or are out of order --------------------------------------------


def test_overlapping_slots_are_refused_naming_both(event):
    path = event(
        ('{id: s2, start: "10:30", end: "11:15"}', '{id: s2, start: "10:00", end: "11:00"}')
    )
    text = refused(
        *plan(path, "--lang", "en"), f"tag.yaml:{LINE_S2}:", "'s2' (10:00–11:00) overlaps slot 's1'"
    )
    assert f"line {LINE_S1}" in text


def test_a_slot_overlapping_the_lunch_break_is_refused(event):
    path = event(
        ('{id: s3, start: "13:00", end: "13:45"}', '{id: s3, start: "12:30", end: "13:15"}')
    )
    refused(*plan(path), "tag.yaml:9:", "überschneidet sich mit Zeitslot 'mittag'")


def test_slots_out_of_time_order_are_refused(event):
    path = event(
        ('{id: s3, start: "13:00", end: "13:45"}', '{id: s3, start: "08:00", end: "08:45"}')
    )
    refused(*plan(path, "--lang", "en"), "tag.yaml:9:", "listed after slot 'mittag'", "time order")


def test_slots_that_touch_are_not_overlapping(event):
    path = event(
        ('{id: s2, start: "10:30", end: "11:15"}', '{id: s2, start: "10:15", end: "11:15"}')
    )
    planned(*plan(path))


def test_a_second_day_may_start_earlier_than_the_first_ended(event):
    path = event(
        (
            '{id: s3, start: "13:00", end: "13:45"}',
            '{id: s3, start: "09:30", end: "10:15", date: 2026-10-23}',
        )
    )
    planned(*plan(path))


# --- YAML 1.1 coercions: booleans as numbers, numbers as names -------------------------


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("capacity: 15}", "capacity: yes}", LINE_ROOM_KLEIN),
        ("capacity: 15}", "capacity: on}", LINE_ROOM_KLEIN),
        ("capacity: 15}", "capacity: true}", LINE_ROOM_KLEIN),
        ('name: "Raum 101"', "name: no", LINE_ROOM_KLEIN),
        ('hosts: ["Caritas e.V."]', "hosts: [off]", 15),
        ("votes: [Ömer]}", "votes: [Ömer], length: yes}", LINE_JUGEND),
    ],
)
def test_yaml_booleans_where_a_number_or_name_belongs_are_refused(event, old, new, line):
    path = event((old, new))
    refused(*plan(path), f"tag.yaml:{line}:", "ja/nein", "Anführungszeichen")


def test_numbers_written_as_names_keep_their_text(event):
    """``010`` would be the octal number 8, ``2.10`` the number 2.1: names keep their digits."""
    path = event(
        ("id: r101,", "id: 010,"),
        ('title: "Jugendbeteiligung im ländlichen Raum"', "title: 2.10"),
        ("votes: [Ömer]}", "votes: [Ömer], pinned: {slot: s2, room: 010}}"),
    )
    output = planned(*run("plan", path, "--time-limit", "0.5", "--no-history", "--format", "json"))
    placed = {a["session"]: a for a in json.loads(output)["assignments"]}
    assert placed["jugend"]["room"] == "010" and placed["jugend"]["title"] == "2.10"


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("capacity: 15}", "capacity: 99999999999999999999999}", ["höchstens 100000"]),
        ("capacity: 15}", "capacity: 12.5}", ["ganze Zahl"]),
        ("capacity: 15}", "capacity: .inf}", ["ganze Zahl"]),
        ("capacity: 15}", "capacity: 1e400}", ["ganze Zahl"]),
        ("capacity: 15}", "capacity: -3}", ["mindestens 0"]),
        ("votes: [Ömer]}", "votes: [Ömer], interest: 18446744073709551617}", ["höchstens 100000"]),
    ],
)
def test_numbers_beyond_any_event_are_refused(event, old, new, words):
    path = event((old, new))
    line = LINE_ROOM_KLEIN if "capacity" in new else LINE_JUGEND
    refused(*plan(path), f"tag.yaml:{line}:", *words)


@pytest.mark.parametrize("written", ["0", "20261022", "2026.1022"])
def test_a_number_where_a_date_belongs_is_refused(event, written):
    """pydantic would read ``date: 0`` as 1 January 1970, silently."""
    path = event(("date: 2026-10-22", f"date: {written}"))
    refused(*plan(path), "tag.yaml:1:", "'event.date'", "Datum wie 2026-10-22")


def test_weights_beyond_64_bits_are_refused(event):
    path = event(extra="weights: {conflicts: 99999999999999999999999999}\n")
    refused(*plan(path), f"tag.yaml:{LINE_EXTRA}:", "weights.conflicts", "höchstens 1000000")


@pytest.mark.parametrize("seed", ["99999999999999999999999", "-1"])
def test_a_seed_beyond_its_range_is_refused(event, seed):
    code, output = run("plan", event(), "--seed", seed, "--no-history")
    refused(code, output, None, "--seed")


# --- Resource exhaustion: alias bombs, deep nesting, huge files, devices -------------


def test_an_alias_bomb_is_refused_quickly_at_its_line(event):
    bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    bomb += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 9)]
    path = event(extra="bomb:\n" + "".join(f"  {line}\n" for line in bomb))
    start = time.monotonic()
    refused(*plan(path, "--lang", "en"), "tag.yaml:", "aliases")
    assert time.monotonic() - start < 10


def test_ten_thousand_levels_of_nesting_are_refused_at_their_line(event):
    path = event(extra="tief: " + "[" * 10_000 + "]" * 10_000 + "\n")
    refused(*plan(path, "--lang", "en"), f"tag.yaml:{LINE_EXTRA}:", "nests more than")


def test_a_huge_file_is_refused_before_it_is_parsed(event):
    path = event(extra="# Füllung\n" * 700_000)  # 7 MB
    start = time.monotonic()
    refused(*plan(path, "--lang", "en"), "tag.yaml", "up to 5 MB")
    assert time.monotonic() - start < 5


def test_an_event_file_that_is_a_named_pipe_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "tag.yaml"
    os.mkfifo(fifo)
    refused(*plan(fifo, "--lang", "en"), "tag.yaml", "not an ordinary file")


def test_an_event_file_that_is_a_device_is_refused(tmp_path):
    refused(*plan(Path("/dev/zero"), "--lang", "en"), "/dev/zero", "not an ordinary file")


def test_an_event_file_that_is_a_folder_is_refused(tmp_path):
    refused(*plan(tmp_path), str(tmp_path), "Ordner")


def test_an_event_file_in_another_encoding_names_the_line(tmp_path):
    path = tmp_path / "tag.yaml"
    path.write_bytes(EVENT.encode("utf-8").replace("Jörg".encode(), b"J\xf6rg"))  # one Latin-1 word
    refused(*plan(path), "tag.yaml:13", "UTF-8")


def test_an_empty_event_file_is_refused(tmp_path):
    path = tmp_path / "tag.yaml"
    path.write_text("", encoding="utf-8")
    refused(*plan(path), "tag.yaml:1", "leer")


# --- User text printed as plain text: no markup, no control sequences ----------------

ESC = "\\e[2J\\e[31m"  # clear screen, red: written as YAML escapes


def test_markup_in_names_and_titles_is_printed_literally(event):
    path = event(
        ("Open-Sozial-Tag Landkreis 2026", "Barcamp [/r/selfhosted]"),
        (
            "Digitale Verwaltung (Landratsamt)",
            "[bold]Fett[/] und [link=https://evil.example]klick[/link]",
        ),
        ("Raum 101", "Raum [red]101[/red]"),
        ("Jörg Müller", '"[blink]Jörg[/blink]"'),
    )
    output = planned(*plan(path))
    for literal in (
        "Barcamp [/r/selfhosted]",
        "[bold]Fett[/]",
        "[link=https://evil.example]klick[/link]",
        "[red]101[/red]",
        "[blink]Jörg[/blink]",
    ):
        assert literal in output, literal


def test_escape_sequences_in_titles_never_reach_the_terminal(event):
    path = event(
        ("Pflegearbeit neu denken", f"Pflege{ESC}arbeit"),
        ("Mittagsimbiss", f"Mittag{ESC}"),
        ("Großer Saal (EG)", f"Großer{ESC} Saal"),
        ('"N.N."', f'"N.N.{ESC}\\a\\b"'),
    )
    output = planned(*plan(path))
    assert "\x1b" not in output and "\x07" not in output and "\x08" not in output
    assert "Pflegearbeit" in output and "Mittag" in output


def test_markup_in_an_open_end_title_is_printed_literally(event):
    one_room = event(
        ('  - {id: r101, name: "Raum 101", capacity: 15}\n', ""),
        ('  - {id: s2, start: "10:30", end: "11:15"}\n', ""),
        ('  - {id: s3, start: "13:00", end: "13:45"}\n', ""),
        ("Jugendbeteiligung im ländlichen Raum", "[/] Offenes [Ende]"),
    )
    output = planned(*plan(one_room))
    assert "[/] Offenes [Ende]" in output and t("open_ends", "de")[:12] in output


def test_markup_and_escapes_in_an_error_are_quoted_plainly_and_cut(event):
    hostile = "[/x]" + "\\e[2J" + "A" * 500
    path = event(("votes: [Ömer]}", f'votes: [Ömer], pinned: {{slot: "{hostile}"}}}}'))
    text = refused(*plan(path, "--lang", "en"), f"tag.yaml:{LINE_JUGEND}:", "[/x]AAAA", "…")
    assert "\x1b" not in text and "A" * 100 not in text


def test_markup_in_the_event_file_name_does_not_crash_the_messages(tmp_path):
    folder = tmp_path / "[red]"
    folder.mkdir()
    path = folder / "tag [bold].yaml"
    path.write_text(EVENT, encoding="utf-8")
    output = planned(*run("plan", path, "--time-limit", "0.5", "-o", folder / "[x].json"))
    assert "[red]/[x].json" in output and "[red]/tag [bold].plans" in output


# --- check: plan JSON that lies about its types --------------------------------------


@pytest.fixture
def plan_json(event, tmp_path):
    """A real plan of the event, as text, to be spoiled by each test."""
    path = event()
    target = tmp_path / "plan.json"
    planned(*run("plan", path, "--time-limit", "0.5", "--no-history", "-o", target))
    return path, target, target.read_text(encoding="utf-8")


def _line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ('"bound": ', '"bound": "viel", "x": ', ["'bound'", "ganze Zahl"]),
        ('"bound": ', '"bound": NaN, "x": ', ["'bound'", "NaN"]),
        ('"bound": ', '"bound": [], "x": ', ["'bound'", "[]"]),
        ('"bound": ', '"bound": 1e400, "x": ', ["'bound'", "ganze Zahl"]),
        ('"bound": ', '"bound": 123456789012345678901234567890, "x": ', ["'bound'", "ganze Zahl"]),
        ('"conflicts": ', '"conflicts": Infinity, "x": ', ["'metrics.conflicts'"]),
        ('"conflicts": ', '"conflicts": true, "x": ', ["'metrics.conflicts'"]),
        ('"session": ', '"session": null, "x": ', ["'assignments[0].session'", "Text"]),
        ('"slots": ', '"slots": "s1", "x": ', ["'assignments[0].slots'", "Liste"]),
        ('"assignments": ', '"assignments": {}, "x": ', ["'assignments'", "Liste"]),
        ('"solver": ', '"solver": {"replan": {"now": 1140}}, "x": ', ["'solver.replan.now'"]),
    ],
)
def test_plan_json_with_wrong_kinds_of_values_is_refused_at_its_line(plan_json, old, new, words):
    path, target, text = plan_json
    spoiled = text.replace(old, new, 1)
    target.write_text(spoiled, encoding="utf-8")
    refused(*run("check", path, target), f"plan.json:{_line_of(spoiled, new[:12])}:", *words)


@pytest.mark.parametrize(
    ("content", "where", "words"),
    [
        ("[" * 10_000 + "]" * 10_000, "plan.json", ["tiefer verschachtelt"]),
        ("[]", "plan.json:1:1", ["kein Objekt"]),
        ("", "plan.json:1:1", ["kein gültiges JSON"]),
        ('{"assignments": [', "plan.json:1:", ["kein gültiges JSON"]),
    ],
)
def test_plan_json_that_is_no_plan_is_refused(plan_json, content, where, words):
    path, target, _ = plan_json
    target.write_text(content, encoding="utf-8")
    refused(*run("check", path, target), where, *words)


def test_a_plan_that_is_a_folder_or_a_pipe_is_refused(plan_json, tmp_path):
    path, _, _ = plan_json
    refused(*run("check", path, tmp_path), str(tmp_path), "Ordner")
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    refused(*run("check", path, fifo), "pipe.json", "keine gewöhnliche Datei")


# --- Output targets: only ordinary files are ever replaced ---------------------------


def test_plan_output_onto_a_named_pipe_is_refused_and_the_pipe_stays(event, tmp_path):
    fifo = tmp_path / "out.json"
    os.mkfifo(fifo)
    refused(*plan(event(), "-o", fifo), "out.json", "keine gewöhnliche Datei")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_plan_output_onto_a_device_is_refused(event):
    refused(*plan(event(), "-o", "/dev/null"), "/dev/null", "keine gewöhnliche Datei")
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)


def test_plan_output_onto_a_folder_is_refused(event, tmp_path):
    refused(
        *plan(event(), "-o", tmp_path, "--lang", "en"), str(tmp_path), "it is a folder", "plan.json"
    )


def test_plan_output_under_a_file_is_refused(event, tmp_path):
    blocker = tmp_path / "datei"
    blocker.write_text("x", encoding="utf-8")
    refused(
        *plan(event(), "-o", blocker / "plan.json", "--lang", "en"),
        "datei/plan.json",
        "is a file, not a folder",
    )
    assert blocker.read_text(encoding="utf-8") == "x"


def test_plan_output_onto_the_event_file_is_refused_and_the_file_stays(event):
    path = event()
    refused(*plan(path, "-o", path, "--lang", "en"), "tag.yaml", "input of this command")
    assert path.read_text(encoding="utf-8") == EVENT


def test_plan_output_onto_a_history_entry_is_refused(event):
    path = event()
    planned(*run("plan", path, "--time-limit", "0.5"))
    entry = path.parent / "tag.plans" / "0001.json"
    before = entry.read_bytes()
    refused(
        *run("plan", path, "--time-limit", "0.5", "-o", entry),
        "0001.json",
        "Eingabe dieses Befehls",
    )
    assert entry.read_bytes() == before


def test_plan_output_onto_the_phones_database_is_refused(event):
    from opensozial.inputs import phones_path
    from opensozial.live.store import Store

    path = event()
    database = phones_path(path)
    Store(database).close()
    before = database.read_bytes()
    refused(*plan(path, "-o", database), database.name, "Eingabe dieses Befehls")
    assert database.read_bytes() == before


def test_a_full_disk_while_saving_the_plan_is_a_message_and_leaves_nothing(
    event, tmp_path, monkeypatch
):
    path = event()
    target = tmp_path / "plan.json"
    target.write_text("alt", encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    refused(
        *run("plan", path, "--time-limit", "0.5", "--no-history", "-o", target, "--lang", "en"),
        "plan.json",
        "No space left on device",
        "nothing was changed",
    )
    assert target.read_text(encoding="utf-8") == "alt"
    assert not list(tmp_path.glob(".plan.json.*"))


def test_schema_onto_a_folder_is_refused(tmp_path):
    refused(*run("schema", "-o", tmp_path), str(tmp_path), "Ordner")


def test_export_onto_a_named_pipe_is_refused(plan_json, tmp_path):
    path, target, _ = plan_json
    fifo = tmp_path / "tag.csv"
    os.mkfifo(fifo)
    refused(*run("export", path, "--plan", target, "--to", "csv", "-o", fifo), "tag.csv")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


@pytest.mark.parametrize("which", ["event", "plan"])
def test_export_onto_its_own_inputs_is_refused(plan_json, which):
    path, target, _ = plan_json
    victim = path if which == "event" else target
    before = victim.read_bytes()
    refused(*run("export", path, "--plan", target, "--to", "csv", "-o", victim), victim.name)
    assert victim.read_bytes() == before


def test_export_of_a_plan_with_nan_names_the_line(plan_json):
    path, target, text = plan_json
    target.write_text(text.replace('"objective": ', '"objective": NaN, "x": ', 1), encoding="utf-8")
    refused(*run("export", path, "--plan", target, "--to", "markdown"), "plan.json:", "'objective'")


# --- Re-planning, diff and history against plans of another event -------------------


@pytest.fixture
def other_plan(tmp_path):
    """A plan of a different event (no session, no slot in common)."""
    other = tmp_path / "anders.yaml"
    other.write_text(
        "event: {name: Anderes, date: 2026-11-05}\nrooms: [{id: aula, capacity: 9}]\n"
        "slots: [{id: x1, start: 14:00, end: 15:00}]\n"
        "sessions: [{id: chor, title: Chorprobe}, {id: yoga, title: Yoga}]\n",
        encoding="utf-8",
    )
    target = tmp_path / "anders.json"
    planned(*run("plan", other, "--time-limit", "0.5", "--no-history", "-o", target))
    return target


def test_previous_plan_of_another_event_is_refused(event, other_plan):
    text = refused(
        *plan(event(), "--previous", other_plan, "--lang", "en"),
        "anders.json",
        "not a plan of this event file",
        "none of its 2 sessions",
    )
    assert "cancel" not in text.lower()


def test_previous_plan_using_slots_the_event_lacks_is_refused(plan_json):
    path, target, text = plan_json
    target.write_text(text.replace('"s1"', '"s9"'), encoding="utf-8")
    refused(*plan(path, "--previous", target, "--lang", "en"), "plan.json", "'s9'", "break")


def test_diff_against_a_plan_of_another_event_is_refused(plan_json, other_plan):
    path, target, _ = plan_json
    refused(*run("diff", target, other_plan, "--event", path), "anders.json", "gehört nicht zu")


def test_history_with_a_spoiled_entry_names_file_and_line(event):
    path = event()
    planned(*run("plan", path, "--time-limit", "0.5"))
    entry = path.parent / "tag.plans" / "0001.json"
    spoiled = entry.read_text(encoding="utf-8").replace(
        '"conflicts": ', '"conflicts": "viele", "x": ', 1
    )
    entry.write_text(spoiled, encoding="utf-8")
    refused(*run("history", path), f"0001.json:{_line_of(spoiled, 'viele')}:", "ganze Zahl")


def test_diff_of_an_unknown_history_number_is_refused(event):
    path = event()
    planned(*run("plan", path, "--time-limit", "0.5"))
    refused(*run("diff", "1", "7", "--event", path), "tag.yaml", "7")


# --- The votes CSV ---------------------------------------------------------------------


@pytest.fixture
def with_votes(event, tmp_path):
    """The event with ``votes_file: stimmen.csv``, the CSV holding ``content`` (text or bytes)."""

    def make(content: str | bytes, name: str = "stimmen.csv") -> Path:
        csv = tmp_path / name
        if isinstance(content, bytes):
            csv.write_bytes(content)
        else:
            csv.write_text(content, encoding="utf-8")
        return event(extra=f"votes_file: {name}\n")

    return make


def test_plan_export_never_replaces_the_votes_csv(with_votes):
    """``tag.yaml`` with ``votes_file: tag.csv``: the CSV export would be named ``tag.csv``."""
    path = with_votes("Name;Wunsch\nAnna;pflege\n", name="tag.csv")
    votes = path.parent / "tag.csv"
    before = votes.read_bytes()
    refused(*plan(path, "--export", "csv"), "tag.csv", "Eingabe dieses Befehls")
    assert votes.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "where", "words"),
    [
        ("", "stimmen.csv:1", ["leer"]),
        ("Name|Pflegearbeit\nAnna|x\n", "stimmen.csv:1", ["nur eine Spalte", "Name|Pflegearbeit"]),
        ("Name Wunsch\nAnna Pflege\n", "stimmen.csv:1", ["nur eine Spalte"]),
        ("Name\nAnna\n", "stimmen.csv:1", ["nur eine Spalte"]),
        (b"Name;Wunsch\nJ\xf6rg;pflege\n", "stimmen.csv:2", ["UTF-8"]),
        (
            "Name;Wunsch\nAnna;pflege\nBen;[bold]Gibt es nicht[/bold]\n",
            "stimmen.csv:3",
            ["[bold]Gibt es nicht[/bold]"],
        ),
        ("Name;Wunsch\n;pflege\n", "stimmen.csv:2", []),
        ("Name;Wunsch\nAnna;pflege\nanna;digital\n", "stimmen.csv:3", ["zuerst"]),
    ],
)
def test_broken_votes_csv_is_refused_at_its_line(with_votes, content, where, words):
    refused(*plan(with_votes(content)), where, *words)


def test_votes_file_pointing_at_a_system_file_is_refused_plainly(event, tmp_path):
    outside = tmp_path.parent / f"{tmp_path.name}-passwd"
    outside.write_text(
        "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/:/sbin/nologin\n", encoding="utf-8"
    )
    path = event(extra=f"votes_file: ../{outside.name}\n")
    refused(*plan(path), f"{outside.name}:1", "nur eine Spalte")


def test_votes_file_that_is_a_device_a_folder_or_missing_is_refused(event, tmp_path):
    refused(*plan(event(extra="votes_file: /dev/zero\n")), "/dev/zero", "keine gewöhnliche Datei")
    (tmp_path / "ordner").mkdir()
    refused(*plan(event(extra="votes_file: ordner\n")), "ordner", "Ordner")
    refused(*plan(event(extra="votes_file: fehlt.csv\n")), f"tag.yaml:{LINE_EXTRA}:", "fehlt.csv")


def test_a_huge_votes_csv_is_refused(with_votes):
    refused(*plan(with_votes("Name;Wunsch\n" + "Anna;pflege\n" * 600_000)), "stimmen.csv", "5 MB")


# --- watch: hostile saves are shown as located errors, the screen survives ------------


@pytest.mark.slow
def test_watch_shows_markup_titles_literally_and_a_hostile_save_as_a_located_error(tmp_path, live):
    path = tmp_path / "tag.yaml"
    write(path, EVENT.replace("Digitale Verwaltung (Landratsamt)", "[/r/selfhosted] Verwaltung"))
    watch = live("watch", "tag.yaml", "--time-limit", "0.5", "--now", "08:00")
    first = watch.wait_for(lambda out: t("watch_status", "de", path="tag.yaml") in out)
    assert "[/r/selfhosted] Verwaltung" in first

    mark = len(watch.output)
    write(path, EVENT.replace('start: "9:30"', "start: 9.3"))
    broken = watch.wait_for(
        lambda out: "'9.3'" in out and t("watch_status", "de", path="tag.yaml") in out, after=mark
    )
    assert f"tag.yaml:{LINE_S1}:" in broken and "'9.3'" in broken
    assert "[/r/selfhosted] Verwaltung" in broken  # the last good grid stays
    assert watch.stop() == 0
    assert "Traceback" not in watch.output and "internal" not in watch.output.lower()


# --- Interrupts and closed pipes: quiet, and no half-written file --------------------


def _planner(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **WIDE}
    return subprocess.Popen(
        [sys.executable, "-m", "opensozial", *args],
        cwd=cwd,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )


def _wait_until_planning(pid: int) -> None:
    """Until the solver is loaded (on a busy machine that takes seconds), then a moment more."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if "cp_model_helper" in Path(f"/proc/{pid}/maps").read_text(errors="replace"):
            break
        time.sleep(0.2)
    time.sleep(2)


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["ctrl-c", "sigterm"])
def test_an_interrupted_plan_ends_quietly_with_130_and_writes_nothing(tmp_path, signum):
    event_file = tmp_path / "tag.yaml"
    event_file.write_text(
        (ROOT / "examples" / "open-sozial-tag.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    planner = _planner(["plan", "tag.yaml", "--time-limit", "60", "-o", "plan.json"], tmp_path)
    _wait_until_planning(planner.pid)
    os.killpg(planner.pid, signum)  # the whole group, as Ctrl-C in a terminal does
    try:
        _, err = planner.communicate(timeout=20)
    finally:
        if planner.poll() is None:
            os.killpg(planner.pid, signal.SIGKILL)
    assert planner.returncode == 130, err
    assert "Traceback" not in err and "Error" not in err, err
    assert t("interrupted", "de") in err
    assert sorted(p.name for p in tmp_path.iterdir()) in (["tag.yaml"], ["tag.plans", "tag.yaml"])
    assert not list(tmp_path.rglob("*.tmp"))
    time.sleep(0.5)
    with pytest.raises(ProcessLookupError):  # the annealing worker went with it
        os.killpg(planner.pid, 0)


def test_a_closed_pipe_ends_quietly(tmp_path):
    """``opensozial plan ... --format json | head`` where the reader is gone before the plan."""
    event_file = tmp_path / "tag.yaml"
    event_file.write_text(EVENT, encoding="utf-8")
    args = ["plan", "tag.yaml", "--time-limit", "0.5", "--no-history", "--format", "json"]
    planner = _planner(args, tmp_path)
    assert planner.stdout is not None and planner.stderr is not None
    planner.stdout.close()
    err = planner.stderr.read()
    planner.wait(timeout=60)
    assert planner.returncode == 141, err  # 128 + SIGPIPE, as the shell's own tools end
    assert "Traceback" not in err and "internal error" not in err.lower(), err

STOP_SCRIPT = """
import os, signal, threading, time
from ortools.sat.python import cp_model
from opensozial import interrupt
from opensozial.solve.clock import Clock
interrupt.install()
model = cp_model.CpModel()
xs = [model.new_int_var(0, 1000, f"x{i}") for i in range(60)]
for a, b in zip(xs, xs[1:]):
    model.add(a != b)
model.add_all_different(xs[:40])
model.maximize(sum((i % 7) * x for i, x in enumerate(xs)))
solver = Clock().solver(30.0, 0)  # every CP-SAT search of the planner is made here
solver.parameters.max_time_in_seconds = 30
threading.Timer(1.0, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
start = time.monotonic()
try:
    solver.solve(model)
    print("finished", time.monotonic() - start)
except KeyboardInterrupt:
    print("interrupted", time.monotonic() - start)
"""


def test_ctrl_c_stops_a_running_cp_sat_search_at_once():
    """Without the wake-up helper, Ctrl-C would wait for the 30 s search (or CP-SAT would
    swallow it and planning would go on)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", STOP_SCRIPT], env=env, capture_output=True,
                          check=False, text=True, timeout=120)
    word, seconds = done.stdout.split()
    assert word == "interrupted" and float(seconds) < 10, done.stdout + done.stderr
