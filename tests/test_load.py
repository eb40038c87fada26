"""Every kind of bad input gets a located, actionable error — and good input loads."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from conftest import EXAMPLES

from opensozial.errors import InputError
from opensozial.load import load_event, read_yaml
from opensozial.render.errors import describe_error

BASE = """
event: {name: Test, date: 2026-10-22, language: en}
rooms:
  - {id: saal, name: "Großer Saal", capacity: 80, features: [beamer]}
  - {id: klein, capacity: 10}
slots:
  - {id: s1, start: 10:00, end: 10:45}
  - {id: s2, start: 11:00, end: 11:45}
  - {id: lunch, start: 12:00, end: 13:00, break: Mittag}
sessions:
  - {id: a, title: A, hosts: [Meike], votes: [Anna, Ben]}
"""


def errors_of(path: Path, lang: str = "en") -> list[str]:
    with pytest.raises(InputError) as caught:
        load_event(path)
    return describe_error(caught.value, lang)


def test_valid_event_loads_with_derived_facts(write_event):
    event = load_event(write_event(BASE))
    assert event.slots[0].start == dt.time(10, 0)
    assert event.slots[2].break_ == "Mittag"
    assert event.sessions[0].people == {"Meike", "Anna", "Ben"}
    assert event.sessions[0].demand == 3
    assert [s.id for s in event.session_slots] == ["s1", "s2"]


def test_unquoted_times_are_not_read_as_base_60_numbers(write_event):
    data, _ = read_yaml(write_event(BASE))
    assert data["slots"][0]["start"] == "10:00"  # YAML 1.1 would give 600


def test_quoted_and_single_digit_times_work(write_event):
    event = load_event(write_event(BASE.replace("start: 10:00", 'start: "9:05"')))
    assert event.slots[0].start == dt.time(9, 5)


def test_missing_file_is_named(tmp_path):
    (message,) = errors_of(tmp_path / "nope.yaml")
    assert "nope.yaml" in message and "does not exist" in message


def test_yaml_syntax_error_points_at_the_line(write_event):
    path = write_event(
        BASE.replace("  - {id: klein, capacity: 10}", "  - {id: klein, capacity: 10")
    )
    (message,) = errors_of(path)
    assert f"{path}:" in message and "not valid YAML" in message


def test_wrong_type_names_key_line_and_value(write_event):
    path = write_event(BASE.replace("capacity: 10}", "capacity: zehn}"))
    (message,) = errors_of(path)
    assert message.startswith(f"{path}:4:")
    assert "rooms[2].capacity" in message and "zehn" in message


def test_unknown_key_suggests_the_nearest_known_key(write_event):
    path = write_event(BASE.replace("capacity: 10}", "capacty: 10}"))
    messages = errors_of(path)
    assert any(
        "capacty" in m and "Did you mean 'capacity'" in m and f"{path}:4:" in m for m in messages
    )


def test_unknown_key_in_german(write_event):
    path = write_event(BASE.replace("capacity: 10}", "capacity: 10, feature: [beamer]}"))
    (message,) = errors_of(path, "de")
    assert "Unbekannter Schlüssel 'feature'" in message and "Meinten Sie 'features'" in message


def test_duplicate_id_names_both_lines(write_event):
    path = write_event(BASE + "  - {id: a, title: B}\n")
    (message,) = errors_of(path)
    assert f"{path}:11:" in message and "'a'" in message and "line 10" in message


def test_duplicate_key_is_refused(write_event):
    path = write_event(
        BASE.replace("{id: klein, capacity: 10}", "{id: klein, capacity: 10, capacity: 12}")
    )
    (message,) = errors_of(path)
    assert "appears twice" in message and f"{path}:4:" in message


@pytest.mark.parametrize(
    ("addition", "expected"),
    [
        ("    pinned: {slot: s9}\n", "no slot with the id 's9'"),
        ("    pinned: {slot: s1, room: sal}\n", "Did you mean 'saal'"),
        ("    unavailable: [s3]\n", "no slot with the id 's3'"),
        ("    avoid: [b]\n", "no session with the id 'b'"),
    ],
)
def test_dangling_references_are_located(write_event, addition, expected):
    path = write_event(BASE + "  - id: x\n    title: X\n" + addition)
    messages = errors_of(path)
    assert any(expected in m and f"{path}:1" in m for m in messages), messages


def test_room_unavailable_slot_must_exist(write_event):
    path = write_event(BASE.replace("capacity: 10}", "capacity: 10, unavailable: [s7]}"))
    (message,) = errors_of(path)
    assert "s7" in message and f"{path}:4:" in message


def test_session_that_needs_a_missing_feature_fits_nowhere(write_event):
    path = write_event(BASE + "  - {id: x, title: X, needs: [rampe]}\n")
    (message,) = errors_of(path)
    assert "'x' needs rampe, which no room has" in message and f"{path}:11:" in message


def test_session_longer_than_any_run_fits_nowhere(write_event):
    path = write_event(BASE + "  - {id: x, title: X, length: 3}\n")
    (message,) = errors_of(path)
    assert "3 consecutive slots" in message and "at most 2" in message


def test_multi_slot_session_cannot_span_a_break(write_event):
    text = (
        BASE.replace("  - {id: s2, start: 11:00, end: 11:45}\n", "")
        + "  - {id: x, title: X, length: 2}\n"
    )
    text = text.replace("break: Mittag}", "break: Mittag}\n  - {id: s3, start: 13:00, end: 13:45}")
    (message,) = errors_of(write_event(text))
    assert "consecutive" in message


def test_pin_into_a_break_is_impossible(write_event):
    path = write_event(BASE + "  - {id: x, title: X, pinned: {slot: lunch}}\n")
    (message,) = errors_of(path)
    assert "pinned to slot 'lunch'" in message


def test_host_in_two_pinned_sessions_at_once(write_event):
    text = BASE.replace("votes: [Anna, Ben]}", "votes: [Anna, Ben], pinned: {slot: s1}}")
    path = write_event(text + "  - {id: b, title: B, hosts: [Meike], pinned: {slot: s1}}\n")
    (message,) = errors_of(path)
    assert "Meike hosts both 'b' and 'a'" in message and f"{path}:11:" in message


def test_two_sessions_pinned_into_the_same_room_and_slot(write_event):
    text = BASE.replace(
        "votes: [Anna, Ben]}", "votes: [Anna, Ben], pinned: {slot: s1, room: saal}}"
    )
    path = write_event(text + "  - {id: b, title: B, pinned: {slot: s1, room: saal}}\n")
    (message,) = errors_of(path)
    assert "both pinned to room 'saal'" in message


def test_missing_required_key(write_event):
    path = write_event(BASE.replace("  - {id: klein, capacity: 10}", "  - {id: klein}"))
    (message,) = errors_of(path)
    assert "needs the key 'capacity'" in message and f"{path}:4:" in message


def test_missing_title_points_to_follows_for_a_later_part(write_event):
    """A facilitator who writes a second part without ``follows`` learns both fixes."""
    path = write_event(BASE.replace("{id: a, title: A,", "{id: a,"))
    (message,) = errors_of(path)
    assert "needs a 'title'" in message and "follows: <id of the part before>" in message
    assert f"{path}:10:" in message
    (german,) = errors_of(path, "de")
    assert "braucht einen 'title'" in german and "follows: <id des vorigen Teils>" in german


def test_slot_ending_before_it_starts(write_event):
    path = write_event(BASE.replace("start: 11:00, end: 11:45", "start: 11:45, end: 11:00"))
    (message,) = errors_of(path)
    assert "ends before it starts" in message and f"{path}:7:" in message


def test_bad_time_zone_and_language(write_event):
    path = write_event(BASE.replace("language: en}", "language: fr, timezone: Mars/Olympus}"))
    messages = errors_of(path)
    assert any("Mars/Olympus" in m for m in messages) and any("language" in m for m in messages)


def test_empty_file_and_non_mapping(write_event):
    assert "empty" in errors_of(write_event(""))[0]
    assert "must start with the sections" in errors_of(write_event("- a\n- b\n"))[0]


def test_input_file_is_never_modified(write_event):
    path = write_event(BASE)
    before = path.read_bytes()
    load_event(path)
    assert path.read_bytes() == before


def test_impossible_date_and_bad_time_are_explained_in_german(write_event):
    path = write_event(
        BASE.replace("date: 2026-10-22", "date: 2026-13-01").replace("start: 10:00", "start: 10:7x")
    )
    messages = errors_of(path, "de")
    assert any(f"{path}:1:" in m and "2026-13-01" in m and "ein Datum wie" in m for m in messages)
    assert any(f"{path}:6:" in m and "'10:7x' ist keine Uhrzeit" in m for m in messages)


def test_unknown_top_level_section_suggests_the_right_one(write_event):
    path = write_event(BASE.replace("sessions:", "session:"))
    (message,) = errors_of(path)
    assert "Unknown key 'session'" in message and "Did you mean 'sessions'" in message


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_libyaml_and_pyyaml_read_every_example_alike_values_and_lines(example):
    """Event files are parsed in C (libyaml) for speed; PyYAML's parser in Python is kept
    for its messages on syntax errors. Both must give the same data at the same lines."""
    from opensozial.load import _FastLoader, _Loader, _parse

    text = example.read_text(encoding="utf-8")
    fast, slow = _parse(text, example, _FastLoader), _parse(text, example, _Loader)
    assert fast[0] == slow[0]
    for table in ("values", "keys"):
        marks = [{key: (node.start_mark.line, node.start_mark.column)
                  for key, node in getattr(smap, table).items()} for _, smap in (fast, slow)]
        assert marks[0] == marks[1]
