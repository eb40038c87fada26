"""Re-planning: --now parsing, frozen sessions, minimal change, started slots stay closed."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from conftest import EXAMPLES, make_event

from opensozial.check import check
from opensozial.errors import InputError
from opensozial.history import with_history
from opensozial.load import load_event
from opensozial.model import Pin
from opensozial.plan import Assignment, Metrics, Plan
from opensozial.replan import parse_now, replan
from opensozial.solve import SolveOptions

FAST = SolveOptions(time_limit=1)
BERLIN = ZoneInfo("Europe/Berlin")


def small_event(**extra):
    sessions = [
        {
            "id": f"t{i}",
            "title": f"Thema {i}",
            "hosts": [f"Host {i}"],
            "votes": [f"P{i}", f"P{(i + 1) % 9}", "Alle"][: 1 + i % 3],
        }
        for i in range(8)
    ]
    return make_event(
        [("a", 20), ("b", 15), ("c", 10)], ["s1", "s2", "s3", "s4"], sessions, **extra
    )


def placed(plan: Plan) -> dict[str, tuple[tuple[str, ...], str]]:
    return {a.session: (a.slots, a.room) for a in plan.assignments}


def checked(event, plan):
    result = check(event, plan)
    assert result.ok, [v.text("en") for v in result.violations]
    return plan


def test_parse_now_reads_clock_and_iso_in_the_event_time_zone():
    event = small_event()
    assert parse_now("11:40", event) == dt.datetime(2026, 10, 22, 11, 40, tzinfo=BERLIN)
    assert parse_now(" 9.05 ", event) == dt.datetime(2026, 10, 22, 9, 5, tzinfo=BERLIN)
    assert parse_now("11.40 Uhr", event) == dt.datetime(
        2026, 10, 22, 11, 40, tzinfo=BERLIN
    )  # as in the file
    assert parse_now("2026-10-23T08:15", event) == dt.datetime(2026, 10, 23, 8, 15, tzinfo=BERLIN)
    utc = parse_now("2026-10-22T09:40+00:00", event)
    assert utc.tzinfo is not None and utc == dt.datetime(2026, 10, 22, 11, 40, tzinfo=BERLIN)


@pytest.mark.parametrize("text", ["25:00", "soon", "11:4", "2026-13-01T10:00", ""])
def test_parse_now_rejects_bad_text_with_a_hint(text):
    with pytest.raises(InputError) as info:
        parse_now(text, small_event())
    assert info.value.problems[0].key == "now_invalid"
    assert info.value.problems[0].params["date"] == "2026-10-22"


@pytest.mark.parametrize("clock", [None, "12:30"])
def test_an_unchanged_event_keeps_its_plan_exactly(clock):
    event = load_event(next(p for p in EXAMPLES if p.stem == "open-sozial-tag"))
    first = replan(event, None, None, FAST)
    again = replan(event, first, parse_now(clock, event) if clock else None, FAST)
    assert again.assignments == first.assignments
    assert [u.session for u in again.unscheduled] == [u.session for u in first.unscheduled]
    assert [a.title for a in again.assignments] == [
        event.session_by_id[a.session].title for a in again.assignments
    ]


def test_one_new_session_is_added_and_nothing_else_moves():
    event = small_event()
    first = checked(event, replan(event, None, None, FAST))
    bigger = event.replaced(
        sessions=[*event.sessions, event.sessions[0].replaced(id="neu", title="Neu", hosts=["X"])]
    )
    second = checked(bigger, replan(bigger, first, None, FAST))
    assert placed(second)["neu"]
    assert {k: v for k, v in placed(second).items() if k != "neu"} == placed(first)


def test_started_sessions_are_frozen_and_started_slots_take_nothing_new():
    event = small_event()
    first = checked(event, replan(event, None, None, FAST))
    now = dt.datetime(2026, 10, 22, 10, 10, tzinfo=BERLIN)  # s1 (9:00) and s2 (10:00) have started
    started = {sid for sid, (slots, _) in placed(first).items() if slots[0] in ("s1", "s2")}
    # Pin a not-started session into a started session's cell: it goes elsewhere, not into the past.
    victim = next(s for s in event.sessions if s.id not in started and s.id in placed(first))
    target = next(sid for sid in sorted(started))
    slot, room = placed(first)[target][0][0], placed(first)[target][1]
    changed = event.replaced(
        sessions=[
            *[s for s in event.sessions if s.id != victim.id],
            event.session_by_id[victim.id].replaced(pinned=Pin(slot="s4", room=room)),
            event.sessions[0].replaced(id="spaet", title="Spät dazu", hosts=["Y"], votes=["Alle"]),
        ]
    )
    second = checked(changed, replan(changed, first, now, FAST))
    for sid in started:
        assert placed(second)[sid] == placed(first)[sid]
    assert placed(second)[victim.id] == (("s4",), room)
    new_slots = {slots[0] for sid, (slots, _) in placed(second).items() if sid not in started}
    assert not new_slots & {"s1", "s2"} and slot in ("s1", "s2")
    assert second.solver["replan"]["frozen"] == sorted(
        started, key=[s.id for s in changed.sessions].index
    )


def test_a_removed_session_frees_its_cell_for_an_open_end():
    sessions = [{"id": f"t{i}", "title": f"T{i}", "votes": [f"P{i}"]} for i in range(3)]
    event = make_event([("a", 10)], ["s1", "s2"], sessions)
    first = replan(event, None, None, FAST)
    assert len(first.assignments) == 2 and len(first.unscheduled) == 1
    gone = first.assignments[0].session
    smaller = event.replaced(sessions=[s for s in event.sessions if s.id != gone])
    second = checked(smaller, replan(smaller, first, None, FAST))
    stays = first.assignments[1].session
    assert not second.unscheduled and placed(second)[stays] == placed(first)[stays]


def test_moves_happen_only_when_a_session_would_otherwise_be_dropped():
    sessions = [
        {"id": "a", "title": "A", "hosts": ["H"], "votes": ["P1"]},
        {"id": "b", "title": "B", "votes": ["P2"]},
    ]
    event = make_event([("r", 10)], ["s1", "s2"], sessions)
    previous = Plan(
        "feasible",
        0,
        0,
        [Assignment("a", "r", ("s1",)), Assignment("b", "r", ("s2",))],
        [],
        Metrics(0, 0, 0, 0),
    )
    pinned = event.replaced(
        sessions=[
            *event.sessions,
            {"id": "c", "title": "C", "votes": ["P3"], "pinned": {"slot": "s1", "room": "r"}},
        ]
    )
    result = checked(pinned, replan(pinned, previous, None, FAST))
    assert placed(result)["c"] == (("s1",), "r")
    assert placed(result)["a"] == (("s2",), "r") or placed(result)["b"] == (("s2",), "r")
    assert len(result.unscheduled) == 1  # one room, two slots, three sessions: one must wait


def test_a_started_session_stays_as_it_ran_when_its_room_or_the_session_is_deleted():
    event = small_event()
    first = replan(event, None, None, FAST)
    now = dt.datetime(2026, 10, 22, 9, 30, tzinfo=BERLIN)
    running = next(a for a in first.assignments if a.slots[0] == "s1")
    rooms = [r for r in event.rooms if r.id != running.room]
    without_room = event.replaced(rooms=rooms)
    second = replan(without_room, first, now, FAST)
    assert placed(second)[running.session] == placed(first)[running.session]
    shown = with_history(without_room, first, now)
    checked(shown, second)  # consistent with the event as it is shown: the room is back for s1 only
    assert shown.room_by_id[running.room].unavailable == ["s2", "s3", "s4"]
    assert all(a.room != running.room for a in second.assignments if a.session != running.session)
    without = event.replaced(sessions=[s for s in event.sessions if s.id != running.session])
    third = replan(without, first, now, FAST)
    assert placed(third)[running.session] == placed(first)[running.session]
    assert third.assignment_of(running.session).title == event.session_by_id[running.session].title


@pytest.mark.slow  # a benchmark
def test_the_replan_benchmark_runs_and_reports_every_change():
    import subprocess
    import sys

    from conftest import ROOT

    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "replan.py"),
            "--time-limit",
            "1",
            "--repeat",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    rows = [
        line
        for line in result.stdout.splitlines()
        if line.startswith("| ") and "change" not in line
    ]
    assert len(rows) == 8 and "slowest re-plan" in result.stdout
    assert {row.split(" | ")[0] for row in rows} == {
        "| new session",
        "| host ill (session removed)",
        "| room lost for the afternoon",
        "| session pinned to another slot",
    }
