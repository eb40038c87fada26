"""Issue #14's event-file keys, end to end through the CLI: parts, reserved rooms,
placeholder and organisation hosts, sign-up caps, plenary details and descriptions."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from opensozial.check import check
from opensozial.cli import app
from opensozial.load import load_event
from opensozial.plan import read_plan

runner = CliRunner()

HEAD = """\
    event: {name: "Fachtag Teilhabe", date: 2026-11-12, language: de}
"""

THREE_ROOMS = """\
    rooms:
      - {id: a, capacity: 20}
      - {id: b, capacity: 20}
      - {id: c, capacity: 20}
    slots:
      - {id: s1, start: 10:00, end: 11:00}
    sessions:
"""


def _plan(path, *extra: str) -> dict:
    result = runner.invoke(app, ["plan", str(path), "--format", "json", "--no-history",
                                 "--time-limit", "1", *extra])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _where(plan: dict) -> dict[str, tuple[str, list[str]]]:
    return {a["session"]: (a["room"], a["slots"]) for a in plan["assignments"]}


def _checked(path, plan: dict) -> None:
    """The independent checker agrees with every rule and figure of the plan."""
    path.with_suffix(".json").write_text(json.dumps(plan), encoding="utf-8")
    result = check(load_event(path), read_plan(path.with_suffix(".json")))
    assert result.ok, [v.text("en") for v in result.violations]


def test_parts_tie_sessions_and_rooms_to_their_part_of_the_day(write_event):
    path = write_event(HEAD + """\
    rooms:
      - {id: werkraum, name: "Werkraum (Bildungszentrum)", capacity: 30, parts: Werkstatt}
      - {id: saal, name: "Großer Saal", capacity: 90, parts: [Konferenz]}
    slots:
      - {id: w1, start: 9:00, end: 10:30, part: Werkstatt}
      - {id: w2, start: 10:45, end: 12:15, part: Werkstatt}
      - {id: k1, start: 13:15, end: 14:00, part: Konferenz}
      - {id: k2, start: 14:15, end: 15:00, part: Konferenz}
    sessions:
      - {id: dienstplan, title: "Dienstpläne – Familie und Schicht", parts: [Werkstatt],
         hosts: [Sabine Keller], votes: [Jörg W., Gül T.]}
      - {id: kinaesthetik, title: "Kinästhetik im Alltag", parts: Werkstatt, votes: [Jörg W.]}
      - {id: quartier, title: "Pflege im Quartier", parts: [Konferenz], votes: [Gül T.]}
      - {id: robotik, title: "Robotik: Hilfe oder Hype?", parts: [Konferenz], votes: [Jörg W.]}
    """)
    plan = _plan(path)
    where = _where(plan)
    assert not plan["unscheduled"]
    for sid in ("dienstplan", "kinaesthetik"):
        assert where[sid][0] == "werkraum" and where[sid][1][0] in {"w1", "w2"}
    for sid in ("quartier", "robotik"):
        assert where[sid][0] == "saal" and where[sid][1][0] in {"k1", "k2"}
    _checked(path, plan)


def test_a_date_names_a_day_of_a_series(write_event):
    path = write_event(HEAD + """\
    rooms:
      - {id: kassel, name: "Rathaus Kassel", capacity: 40, parts: [2026-11-12]}
      - {id: fulda, name: "Bürgerhaus Fulda", capacity: 40, parts: ["2026-11-19"]}
    slots:
      - {id: a1, start: 18:00, end: 19:00}
      - {id: b1, start: 18:00, end: 19:00, date: 2026-11-19}
    sessions:
      - {id: dialog-ks, title: "Dialog in Kassel", parts: [2026-11-12], votes: [Ana]}
      - {id: dialog-fd, title: "Dialog in Fulda", parts: [2026-11-19], votes: [Ana]}
    """)
    where = _where(_plan(path))
    assert where == {"dialog-ks": ("kassel", ["a1"]), "dialog-fd": ("fulda", ["b1"])}


def test_an_unknown_part_names_line_and_the_known_parts(write_event):
    path = write_event(HEAD + """\
    rooms:
      - {id: saal, capacity: 90}
    slots:
      - {id: w1, start: 9:00, end: 10:30, part: Werkstatt}
    sessions:
      - id: dienstplan
        title: Dienstpläne
        parts: [Werkstat]
    """)
    result = runner.invoke(app, ["plan", str(path), "--no-history"])
    assert result.exit_code == 2
    assert f"{path}:9:" in result.output  # the line of the wrong part
    assert "Werkstat" in result.output and "Meinten Sie 'Werkstatt'?" in result.output
    assert "Traceback" not in result.output


def test_a_reserved_room_takes_only_sessions_needing_its_feature(write_event):
    # 31 people in person: the video-call room is larger than the hall, but not theirs.
    path = write_event(HEAD + """\
    rooms:
      - {id: saal, name: "Saal", capacity: 30}
      - {id: online, name: "Videokonferenz", capacity: 100, features: [online],
         reserved_for: [online]}
    slots:
      - {id: s1, start: 10:00, end: 11:00}
    sessions:
      - {id: praesenz, title: "Quartiersarbeit vor Ort", interest: 31}
      - {id: video, title: "Beratung per Video", needs: [online], votes: [Ole]}
    """)
    plan = _plan(path)
    assert _where(plan) == {"praesenz": ("saal", ["s1"]), "video": ("online", ["s1"])}
    assert plan["metrics"]["overflow_seats"] == 1  # too small, but the right kind of room
    _checked(path, plan)


def test_the_checker_refuses_an_in_person_session_in_a_reserved_room(write_event, tmp_path):
    path = write_event(HEAD + """\
    rooms:
      - {id: saal, capacity: 30}
      - {id: online, capacity: 100, features: [online], reserved_for: [online]}
    slots:
      - {id: s1, start: 10:00, end: 11:00}
    sessions:
      - {id: praesenz, title: "Quartiersarbeit vor Ort", interest: 31}
    """)
    hand = tmp_path / "hand.json"
    hand.write_text(json.dumps({"assignments": [{"session": "praesenz", "room": "online",
                                                 "slots": ["s1"]}]}), encoding="utf-8")
    result = runner.invoke(app, ["check", str(path), str(hand), "--lang", "en"])
    assert result.exit_code == 1
    assert "reserved for sessions needing online" in " ".join(result.output.split())


def test_a_reserved_feature_the_room_lacks_is_an_error(write_event):
    path = write_event(HEAD + """\
    rooms:
      - {id: online, capacity: 100, reserved_for: [online]}
    slots:
      - {id: s1, start: 10:00, end: 11:00}
    """)
    result = runner.invoke(app, ["plan", str(path), "--no-history", "--lang", "en"])
    assert result.exit_code == 2
    assert f"{path}:3:" in result.output and "'reserved_for'" in result.output


def test_placeholders_and_organisations_never_block_each_other(write_event):
    # Three sessions by "N.N." and two by the Caritas, one slot with three rooms: all run
    # at once. Meike is one person: her two sessions cannot.
    path = write_event(HEAD + THREE_ROOMS + """\
      - {id: nn1, title: "Gewaltprävention", hosts: ["N.N."], votes: [Ute]}
      - {id: nn2, title: "Kinästhetik", hosts: ["N.N. (Diakonie Hessen)"], votes: [Uwe]}
      - {id: nn3, title: "Palliativpflege", hosts: ["N.N."], votes: [Ulla]}
    """)
    assert len(_plan(path)["assignments"]) == 3
    path = write_event(HEAD + """\
    organisations: [Caritasverband Rhein-Main]
""" + THREE_ROOMS + """\
      - {id: quartier, title: "Pflege im Quartier", hosts: [Caritasverband Rhein-Main],
         votes: [Ute]}
      - {id: entlastung, title: "Entlastungsbetrag", hosts: [Caritasverband Rhein-Main],
         votes: [Uwe]}
      - {id: meike1, title: "Ehrenamt", hosts: [Meike], votes: [Ulla]}
      - {id: meike2, title: "Nachfolge", hosts: [Meike], votes: [Udo]}
    """, "orgs.yaml")
    plan = _plan(path)
    placed = {a["session"] for a in plan["assignments"]}
    assert {"quartier", "entlastung"} <= placed and len(placed & {"meike1", "meike2"}) == 1
    assert plan["metrics"]["conflicts"] == 0  # an organisation is nobody's double booking
    _checked(path, plan)


def test_an_organisation_that_hosts_nothing_is_a_typo(write_event):
    path = write_event(HEAD + """\
    organisations: [Caritasverband Rhein-Mian]
    rooms:
      - {id: a, capacity: 20}
    slots:
      - {id: s1, start: 10:00, end: 11:00}
    sessions:
      - {id: quartier, title: "Pflege im Quartier", hosts: [Caritasverband Rhein-Main]}
    """)
    result = runner.invoke(app, ["plan", str(path), "--no-history"])
    assert result.exit_code == 2
    assert f"{path}:2:" in result.output
    assert "Meinten Sie 'Caritasverband Rhein-Main'?" in result.output


def test_a_sign_up_cap_limits_the_seats_and_shows_full(write_event):
    names = ", ".join(f"Person {i}" for i in range(20))
    path = write_event(HEAD + f"""\
    rooms:
      - {{id: klein, name: "Werkraum", capacity: 12}}
      - {{id: mittel, name: "Seminarraum", capacity: 14}}
    slots:
      - {{id: s1, start: 10:00, end: 11:00}}
    sessions:
      - {{id: ag, title: "Arbeitsgruppe Leitbild", max_participants: 12, votes: [{names}]}}
      - {{id: offen, title: "Offene Runde", votes: [Ada, Bo, Cem, Dana, Eli, Fe, Gus, Hal, Ina,
          Jo, Kai, Lu, Mo]}}
    """)
    plan = _plan(path)
    # Capped at 12, the working group fits the 12-seat room; the open round needs 13.
    assert _where(plan)["ag"][0] == "klein" and plan["metrics"]["overflow_seats"] == 0
    _checked(path, plan)
    grid = runner.invoke(app, ["plan", str(path), "--no-history", "--time-limit", "1",
                               "--layout", "list"], env={"COLUMNS": "100"})
    assert grid.exit_code == 0, grid.output
    line = next(ln for ln in grid.output.splitlines() if "Arbeitsgruppe Leitbild" in ln)
    assert "12/12" in line and "voll" in line
    assert "voll" not in next(ln for ln in grid.output.splitlines() if "Offene Runde" in ln)


def test_speakers_only_on_a_plenary(write_event):
    path = write_event(HEAD + """\
    rooms:
      - {id: a, capacity: 20}
    slots:
      - {id: s1, start: 10:00, end: 11:00, speakers: [Prof. Dr. Ayşe Yılmaz]}
    """)
    result = runner.invoke(app, ["plan", str(path), "--no-history", "--lang", "en"])
    assert result.exit_code == 2
    assert f"{path}:5:" in result.output and "only a plenary" in result.output


def test_the_schema_knows_the_new_keys_so_editors_complete_and_check_them():
    from jsonschema import Draft7Validator

    from opensozial.load import read_yaml
    from opensozial.schema import event_schema

    schema = event_schema()
    props = {name: set(schema["$defs"][name]["properties"]) for name in ("Room", "Slot", "Session")}
    assert {"parts", "reserved_for"} <= props["Room"]
    assert {"part", "speakers", "description"} <= props["Slot"]
    assert {"parts", "description", "max_participants"} <= props["Session"]
    assert "organisations" in schema["properties"]
    example = Path(__file__).parent.parent / "examples" / "fachtag-zwei-teile.yaml"
    data = json.loads(json.dumps(read_yaml(example)[0], default=str))  # dates as an editor sees
    validator = Draft7Validator(schema)
    assert not list(validator.iter_errors(data))
    data["sessions"][0]["parts"] = "2026-11-12"  # one part or date, written without a list
    assert not list(validator.iter_errors(data))
    data["sessions"][0]["max_participant"] = 12
    data["rooms"][0]["reserved_for"] = "online"
    messages = [e.message for e in validator.iter_errors(data)]
    assert any("'max_participant' was unexpected" in m for m in messages), messages
    assert any("is not of type 'array'" in m for m in messages), messages


def test_the_two_part_example_keeps_each_part_in_its_rooms():
    event = load_event(Path(__file__).parent.parent / "examples" / "fachtag-zwei-teile.yaml")
    parts = {slot.id: slot.part for slot in event.slots}
    assert set(parts.values()) == {"Werkstatt", "Konferenz", None}
    from opensozial.solve import SolveOptions, solve

    plan = solve(event, SolveOptions(time_limit=1))
    assert check(event, plan).ok and not plan.unscheduled
    for a in plan.assignments:
        session, room = event.session_by_id[a.session], event.room_by_id[a.room]
        assert all(parts[s] in session.parts for s in a.slots)
        assert not room.parts or all(parts[s] in room.parts for s in a.slots)
    online = {a.session for a in plan.assignments if a.room == "online"}
    assert online <= {s.id for s in event.sessions if "online" in s.needs}


def test_a_session_in_a_part_without_session_slots_says_so(write_event):
    path = write_event(HEAD + """\
    rooms:
      - {id: saal, capacity: 90}
    slots:
      - {id: keynote, start: 9:00, end: 9:45, part: Auftakt, plenary: "Keynote"}
      - {id: s1, start: 10:00, end: 10:45, part: Konferenz}
    sessions:
      - {id: dialog, title: "Dialog", parts: [Auftakt]}
    """)
    result = runner.invoke(app, ["plan", str(path), "--no-history", "--lang", "en"])
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert f"{path}:8:" in text and "belongs to Auftakt, which has no slot for sessions" in text
