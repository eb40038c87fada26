"""Sessions that continue (``follows:``): one group, several parts, one room.

The order is a hard rule, the room a soft one (weight ``room_change``); the file's
mistakes (a missing id, a circle, a fork, an order no slot allows) are input errors
with their line; a later part waits with the part it continues; re-plans move the
parts of a group together.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, solve_and_check
from typer.testing import CliRunner

from opensozial.check import check
from opensozial.cli import app
from opensozial.load import load_event
from opensozial.model import Event
from opensozial.plan import Assignment, Metrics, Plan
from opensozial.replan import replan
from opensozial.solve import SolveOptions

runner = CliRunner()
FAST = SolveOptions(time_limit=1)

# A working group that continues after lunch, a series over two days, and sessions that
# compete for the rooms; written as a facilitator would.
DAY = """\
event: {{name: "Quartierswerkstatt Nordstadt", date: 2027-03-19}}
rooms:
  - {{id: bib, name: "Stadtteilbibliothek", capacity: 14, features: [barrierefrei]}}
  - {{id: werk, name: "Werkstattraum (1. OG)", capacity: 18}}
  - {{id: cafe, name: "Nachbarschaftscafé", capacity: 22}}
slots:
  - {{id: f1, start: 9.30, end: 10.45}}
  - {{id: f2, start: 11.00, end: 12.15}}
  - {{id: mittag, start: 12.15, end: 13.15, break: "Mittagessen"}}
  - {{id: f3, start: 13.15, end: 14.30}}
  - {{id: f4, start: 14.45, end: 16.00}}
  - {{id: s1, date: 2027-03-20, start: 10:00, end: 11:15}}
  - {{id: s2, date: 2027-03-20, start: 11:30, end: 12:45}}
sessions:
  - id: ag
    title: "AG Barrierefreie Wege (Bestandsaufnahme)"
    hosts: [Jürgen Weiß-Özdemir]
    needs: [barrierefrei]
    votes: [Anja K., Bernd L., Çiğdem A., Doris P., Emil R.]
  - {{id: ag-2, follows: ag, votes: [Hannes U.]{ag2}}}
  - {{id: bh, title: "Werkstatt Bürgerhaushalt", hosts: ["N.N. (Kämmerei)"], interest: 16,
     parts: [2027-03-19], votes: [Ivo B., Anja K.]}}
  - {{id: bh-2, follows: bh, parts: [2027-03-20]}}
  - {{id: bh-3, follows: bh-2}}
  - {{id: repair, title: "Repair-Café verstetigen", hosts: [Max Schröder],
     votes: [Emil R., Bernd L., Mia F.]}}
  - {{id: laerm, title: "Lärmschutz an der B 27", hosts: [Doris P.], votes: [Kemal D.]}}
  - {{id: wohnen, title: "Gemeinschaftliches Wohnen", hosts: [李 明], votes: [Ute L., Ivo B.]}}
"""


def day(ag2: str = "") -> str:
    return DAY.format(ag2=ag2)


def _rooms_and_slots(plan: Plan) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {a.session: (a.room, a.slots) for a in plan.assignments}


def test_a_later_part_takes_over_the_first_parts_title_hosts_needs_and_people(write_event):
    event = load_event(write_event(day()))
    part = event.session_by_id["ag-2"]
    assert part.title == "AG Barrierefreie Wege (Bestandsaufnahme)"
    assert part.hosts == ["Jürgen Weiß-Özdemir"] and part.needs == ["barrierefrei"]
    assert set(part.votes) == {"Anja K.", "Bernd L.", "Çiğdem A.", "Doris P.", "Emil R.",
                               "Hannes U."}  # the first part's people, and its own
    assert event.session_by_id["ag"].votes == ["Anja K.", "Bernd L.", "Çiğdem A.", "Doris P.",
                                               "Emil R."]  # (never the other way round)
    third = event.session_by_id["bh-3"]
    assert third.interest == 16 and third.hosts == ["N.N. (Kämmerei)"]
    assert third.parts == [] and event.session_by_id["bh-2"].parts == ["2027-03-20"]
    assert event.part_of("bh-2") == (2, 3) and event.part_of("repair") is None
    assert event.chain("bh-3") == ("bh", "bh-2", "bh-3")


def test_parts_run_in_order_and_keep_their_room(write_event):
    event = load_event(write_event(day()))
    plan = solve_and_check(event)
    where = _rooms_and_slots(plan)
    index = event.slot_index
    for first, then in (("ag", "ag-2"), ("bh", "bh-2"), ("bh-2", "bh-3")):
        assert index[where[first][1][-1]] < index[where[then][1][0]]
        assert where[first][0] == where[then][0], (first, then)
    assert plan.metrics.room_changes == 0 and plan.score["room_change"] == 0
    assert not plan.unscheduled


def test_a_part_changes_room_only_when_its_room_is_closed_and_the_checker_counts_it(write_event):
    text = day().replace("  - {id: werk, name: \"Werkstattraum (1. OG)\", capacity: 18}",
                         "  - {id: werk, name: \"Werkstattraum (1. OG)\", capacity: 18,"
                         " unavailable: [s1, s2]}")
    text = text.replace("interest: 16,", "interest: 17,")  # only 'werk' and 'cafe' seat 17
    event = load_event(write_event(text))
    plan = solve_and_check(event)
    where = _rooms_and_slots(plan)
    assert where["bh"][0] == "werk" or where["bh"][0] == "cafe"
    # bh-2 and bh-3 are on Saturday, when 'werk' is closed: one room for both of them
    assert where["bh-2"][0] == where["bh-3"][0] == "cafe"
    assert plan.metrics.room_changes == (where["bh"][0] != "cafe")
    assert check(event, plan).metrics.room_changes == plan.metrics.room_changes


def test_a_room_change_is_weighed_against_seats_lacking(write_event):
    """At weight 0 the parts go where the seats are; at the default they stay together."""
    text = day().replace("  - {id: cafe, name: \"Nachbarschaftscafé\", capacity: 22}",
                         "  - {id: cafe, name: \"Nachbarschaftscafé\", capacity: 22,"
                         " unavailable: [f1, f2, f3, f4]}")
    text = text.replace("interest: 16,", "interest: 20,")
    for weight, together in ((0, False), (50, True)):
        event = load_event(write_event(text + f"weights: {{room_change: {weight}}}\n"))
        where = _rooms_and_slots(solve_and_check(event))
        # Friday: only 'werk' (18) seats most; Saturday 'cafe' (22) seats all 20
        assert (where["bh"][0] == where["bh-2"][0]) is together


@pytest.mark.parametrize(("edit", "key", "line"), [
    ("{id: ag-2, follows: agg", "unknown_session", 20),
    ("{id: ag-2, follows: ag-2", "follows_cycle", 20),
])
def test_a_wrong_reference_is_an_input_error_with_its_line(write_event, edit, key, line):
    path = write_event(day().replace("{id: ag-2, follows: ag", edit))
    result = runner.invoke(app, ["plan", str(path), "--lang", "en"])
    assert result.exit_code == 2
    assert f"event.yaml:{line}:" in result.output
    assert "Traceback" not in result.output


def test_a_malformed_id_or_reference_is_an_input_error_not_a_crash(write_event):
    """A list where an id belongs, a mapping where 'follows' belongs: exit 2 with lines."""
    text = day().replace("  - id: ag\n", "  - id: [ag, agg]\n").replace(
        "{id: ag-2, follows: ag,", "{id: ag-2, follows: {id: ag},")
    result = runner.invoke(app, ["plan", str(write_event(text)), "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "event.yaml:15:" in result.output and "event.yaml:20:" in result.output
    assert "Internal error" not in result.output and "Traceback" not in result.output


def test_a_circle_a_fork_and_an_impossible_order_say_what_to_do(write_event):
    circle = day().replace("  - {id: bh, title:", "  - {id: bh, follows: bh-3, title:")
    result = runner.invoke(app, ["plan", str(write_event(circle)), "--lang", "en"])
    assert result.exit_code == 2 and "bh → bh-3 → bh-2 → bh" in result.output.replace("\n", " ")
    assert "Remove 'follows' from the session that starts the group" in " ".join(
        result.output.split())
    fork = day().replace("{id: laerm,", "{id: laerm, follows: ag,")
    result = runner.invoke(app, ["plan", str(write_event(fork))])
    text = " ".join(result.output.split())
    assert result.exit_code == 2 and "folgen beide auf 'ag'" in text
    early = day(ag2=", unavailable: [f2, f3, f4, s1, s2]").replace(
        "    needs: [barrierefrei]\n", "    needs: [barrierefrei]\n    unavailable: [f1]\n")
    result = runner.invoke(app, ["plan", str(write_event(early)), "--lang", "en"])
    text = " ".join(result.output.split())
    assert result.exit_code == 2 and "event.yaml:21:" in result.output  # (a line was added)
    assert "'ag-2' follows 'ag', but it can only run before 'ag' ends" in text


def test_a_later_part_waits_with_the_part_it_continues(write_event):
    """Re-planning after the only barrier-free room closed: the first part fits nowhere
    now, so it waits — and so does part two, saying why."""
    event = load_event(write_event(day()))
    first = replan(event, None, None, FAST)
    shut = "features: [barrierefrei], unavailable: [f1, f2, f3, f4, s1, s2]}"
    closed = load_event(write_event(day().replace("features: [barrierefrei]}", shut)),
                        first_plan=False)
    second = replan(closed, first, None, FAST)
    assert check(closed, second).ok
    reasons = {u.session: u for u in second.unscheduled}
    assert reasons["ag"].reason_code == "slots_closed"
    assert reasons["ag-2"].reason_code == "part_waits"
    assert "AG Barrierefreie Wege" in reasons["ag-2"].text("en")
    assert "wartet ebenfalls" in reasons["ag-2"].text("de")


def test_a_replan_moves_all_parts_to_the_new_room_together(write_event):
    event = load_event(write_event(day()))
    first = replan(event, None, None, FAST)
    room = _rooms_and_slots(first)["bh"][0]
    shut = f"{{id: {room}, unavailable: [f1, f2, f3, f4, s1, s2], "
    lost = day().replace(f"{{id: {room}, ", shut)
    changed = load_event(write_event(lost), first_plan=False)
    second = replan(changed, first, None, FAST)
    assert check(changed, second).ok
    where = _rooms_and_slots(second)
    assert where["bh"][0] != room
    assert where["bh"][0] == where["bh-2"][0] == where["bh-3"][0]


def test_the_checker_finds_a_part_before_or_without_the_one_it_follows(write_event):
    event = load_event(write_event(day()))
    plan = Plan("unchecked", 0, 0, [Assignment("ag-2", "bib", ("f1",)),
                                     Assignment("ag", "bib", ("f2",)),
                                     Assignment("bh-3", "werk", ("s2",))],
                [], Metrics(0, 0, 0, 0))
    rules = {v.rule: v for v in check(event, plan).violations}
    assert rules["v_part_early"].params == {"session": "ag-2", "first": "ag"}
    assert rules["v_part_alone"].params == {"session": "bh-3", "first": "bh-2"}
    assert "before 'ag', the part it follows" in rules["v_part_early"].text("en")


def test_the_shipped_two_day_example_keeps_its_groups_together():
    path = next(p for p in EXAMPLES if p.stem == "zukunftswerkstatt-zwei-tage")
    event = load_event(path)
    plan = solve_and_check(event)
    where = _rooms_and_slots(plan)
    assert where["ag-wege"][0] == where["ag-wege-2"][0]
    assert where["buergerhaushalt"][0] == where["buergerhaushalt-2"][0]
    assert event.slot_by_id[where["ag-wege-2"][1][0]].start.hour >= 13  # after lunch
    assert str(event.slot_date(event.slot_by_id[where["buergerhaushalt-2"][1][0]])) == "2027-03-20"


def test_the_json_schema_lets_a_part_leave_out_its_title():
    schema = json.loads((Path(__file__).parent.parent / "schema" / "event.schema.json")
                        .read_text(encoding="utf-8"))
    session = schema["$defs"]["Session"]
    assert "follows" in session["properties"] and "title" not in session["required"]
    assert {"required": ["follows"]} in session["anyOf"]


@pytest.mark.slow
def test_tpac_2023_groups_keep_their_rooms_through_the_week():
    """The issue's real case: W3C's TPAC 2023 group meetings, each group's days linked."""
    sys.path.insert(0, str(Path(__file__).parent.parent / "benchmarks"))
    import tpac

    event = Event.model_validate(tpac.event_doc(tpac.load_raw()))
    plan = solve_and_check(event, time_limit=10)
    groups: dict[str, list[str]] = {}
    for session in event.sessions:
        groups.setdefault(session.id.split("-")[0], []).append(session.id)
    chains = list(groups.values())
    assert tpac.several_days(event, chains) == 26
    assert tpac.groups_changing_room(event, plan, chains) <= 1
    assert plan.metrics.overflow_seats <= 14 and not plan.unscheduled


def test_a_replan_tells_a_room_change_for_all_parts_in_one_line(write_event):
    """Through the CLI, as in the room: plan, the series' room is lost, re-plan."""
    path = write_event(day())
    first = runner.invoke(app, ["plan", str(path), "--time-limit", "1", "--format", "json"])
    assert first.exit_code == 0, first.output
    room = {a["session"]: a["room"] for a in json.loads(first.stdout)["assignments"]}["bh"]
    path.write_text(day().replace(f"{{id: {room}, ",
                                  f"{{id: {room}, unavailable: [f1, f2, f3, f4, s1, s2], "),
                    encoding="utf-8")
    again = runner.invoke(app, ["plan", str(path), "--previous", "last", "--time-limit", "1",
                                "--announce", "--lang", "en"])
    assert again.exit_code == 0, again.output
    text = " ".join(again.output.split())
    assert "for all parts" in text and "Werkstatt Bürgerhaushalt" in text
    changes = [line for line in again.output.splitlines() if line.startswith("- ")]
    about = [line for line in changes if "Bürgerhaushalt" in line]
    assert len(about) == 1 and "Room change for all parts" in about[0]  # not one per part
