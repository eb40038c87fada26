"""Solver rules, one small hand-checked event each (the smallest event that shows it)."""

from __future__ import annotations

import pytest
from conftest import make_event, solve_and_check

from opensozial.errors import InfeasibleError
from opensozial.solve import SolveOptions, solve


def placement(plan, sid):
    a = plan.assignment_of(sid)
    return (a.room, a.slots) if a else None


def test_a_room_holds_one_session_per_slot():
    event = make_event(
        [("r", 10)], ["s1", "s2"], [{"id": "a", "title": "A"}, {"id": "b", "title": "B"}]
    )
    plan = solve_and_check(event)
    assert {placement(plan, "a")[1], placement(plan, "b")[1]} == {("s1",), ("s2",)}


def test_a_long_session_takes_consecutive_slots_in_one_room():
    event = make_event(
        [("r", 10), ("q", 10)],
        ["s1", "s2", "s3"],
        [{"id": "w", "title": "Workshop", "length": 2, "unavailable": ["s1"]}],
    )
    plan = solve_and_check(event)
    assert placement(plan, "w")[1] == ("s2", "s3")


def test_a_multi_slot_session_never_spans_a_break():
    slots = ["s1", {"id": "lunch", "start": "10:00", "end": "10:30", "break": "Lunch"}, "s2", "s3"]
    slots[2] = {"id": "s2", "start": "10:30", "end": "11:15"}
    slots[3] = {"id": "s3", "start": "11:15", "end": "12:00"}
    event = make_event([("r", 10)], slots, [{"id": "w", "title": "W", "length": 2}])
    plan = solve_and_check(event)
    assert placement(plan, "w")[1] == ("s2", "s3")


def test_needs_are_met_by_the_room():
    event = make_event(
        [("plain", 50), ("beamer", 5, ["beamer"])],
        ["s1"],
        [{"id": "a", "title": "A", "needs": ["beamer"], "votes": ["x", "y", "z"]}],
    )
    assert placement(solve_and_check(event), "a")[0] == "beamer"


def test_unavailable_slots_of_session_and_room_are_respected():
    event = make_event(
        [{"id": "r", "capacity": 10, "unavailable": ["s2"]}, ("q", 10)],
        ["s1", "s2"],
        [{"id": "a", "title": "A", "unavailable": ["s1"]}],
    )
    assert placement(solve_and_check(event), "a") == ("q", ("s2",))


def test_pins_hold_even_when_costly():
    sessions = [
        {"id": "a", "title": "A", "votes": ["p1", "p2"], "pinned": {"slot": "s1", "room": "small"}},
        {"id": "b", "title": "B", "votes": ["p1", "p2"], "pinned": {"slot": "s1"}},
    ]
    plan = solve_and_check(make_event([("big", 10), ("small", 1)], ["s1", "s2"], sessions))
    assert placement(plan, "a") == ("small", ("s1",))
    assert placement(plan, "b") == ("big", ("s1",))
    assert plan.metrics.conflicts == 2 and plan.metrics.overflow_seats == 1


def test_host_is_never_in_two_sessions_at_once():
    sessions = [
        {"id": "a", "title": "A", "hosts": ["Meike"]},
        {"id": "b", "title": "B", "hosts": ["Meike"]},
    ]
    plan = solve_and_check(make_event([("r", 10), ("q", 10)], ["s1", "s2"], sessions))
    assert placement(plan, "a")[1] != placement(plan, "b")[1]


def test_host_with_one_slot_left_means_one_session_is_dropped_with_the_reason():
    sessions = [
        {"id": "a", "title": "A", "hosts": ["Meike"], "votes": ["x", "y"]},
        {"id": "b", "title": "B", "hosts": ["Meike"]},
    ]
    plan = solve_and_check(make_event([("r", 10), ("q", 10)], ["s1"], sessions))
    assert [u.session for u in plan.unscheduled] == ["b"]
    assert plan.unscheduled[0].reason_code == "host_busy"


def test_sessions_are_dropped_only_when_needed_and_least_demanded_first():
    sessions = [
        {"id": "popular", "title": "P", "votes": ["a", "b", "c"]},
        {"id": "niche", "title": "N", "votes": ["d"]},
        {"id": "medium", "title": "M", "interest": 2},
    ]
    plan = solve_and_check(make_event([("r", 10)], ["s1", "s2"], sessions))
    assert [u.session for u in plan.unscheduled] == ["niche"]
    assert plan.unscheduled[0].reason_code == "no_room"
    assert plan.metrics.unscheduled_sessions == 1


def test_fewer_drops_beat_dropping_smaller_sessions():
    # Dropping the 2-slot workshop frees two cells; dropping two 1-slot sessions also would,
    # but one drop is better than two, whatever the demand.
    sessions = [
        {"id": "w", "title": "W", "length": 2, "interest": 9},
        {"id": "a", "title": "A", "interest": 5},
        {"id": "b", "title": "B", "interest": 5},
    ]
    plan = solve_and_check(make_event([("r", 10)], ["s1", "s2"], sessions))
    assert [u.session for u in plan.unscheduled] == ["w"]


def test_conflicts_reach_the_hand_computed_optimum():
    # 2 rooms × 2 slots, 4 sessions: the pairings are {AB|CD}, {AC|BD}, {AD|BC}.
    # Wishes: p1 A+B, p2 A+C, p3 B+C, p4 C+D, p5 A+C  →  conflicts 2, 2, 1: only {AD|BC} is optimal.
    wishes = {"p1": "AB", "p2": "AC", "p3": "BC", "p4": "CD", "p5": "AC"}
    sessions = [
        {"id": s, "title": s, "votes": sorted(p for p, w in wishes.items() if s in w)}
        for s in "ABCD"
    ]
    plan = solve_and_check(make_event([("r", 10), ("q", 10)], ["s1", "s2"], sessions))
    assert plan.status == "optimal"
    assert plan.metrics.conflicts == 1
    assert plan.bound == plan.objective
    assert placement(plan, "A")[1] == placement(plan, "D")[1]
    assert placement(plan, "B")[1] == placement(plan, "C")[1]


def test_conflicts_count_every_extra_session_per_slot_and_hosts_attend_their_own():
    # Three sessions, one slot, three rooms: Anna wants all three → 2 conflicts;
    # Meike hosts a and voted for b → 1 more.
    sessions = [
        {"id": "a", "title": "A", "votes": ["Anna"], "hosts": ["Meike"]},
        {"id": "b", "title": "B", "votes": ["Anna", "Meike"]},
        {"id": "c", "title": "C", "votes": ["Anna"]},
    ]
    plan = solve_and_check(make_event([("r", 10), ("q", 10), ("p", 10)], ["s1"], sessions))
    assert plan.metrics.conflicts == 3


def test_the_biggest_session_gets_the_biggest_room():
    sessions = [
        {"id": "big", "title": "Big", "interest": 30},
        {"id": "small", "title": "Small", "interest": 5},
    ]
    plan = solve_and_check(make_event([("s", 8), ("l", 40)], ["s1"], sessions))
    assert placement(plan, "big")[0] == "l" and plan.metrics.overflow_seats == 0


def test_overflow_counts_seats_lacking_per_slot_occupied():
    sessions = [{"id": "w", "title": "W", "interest": 12, "length": 2}]
    plan = solve_and_check(make_event([("r", 10)], ["s1", "s2"], sessions))
    assert plan.metrics.overflow_seats == 4


def test_same_track_sessions_avoid_running_in_parallel():
    sessions = [
        {"id": "a", "title": "A", "track": "Pflege"},
        {"id": "b", "title": "B", "track": "Pflege"},
    ]
    plan = solve_and_check(make_event([("r", 10), ("q", 10)], ["s1", "s2"], sessions))
    assert placement(plan, "a")[1] != placement(plan, "b")[1]
    assert plan.metrics.track_clashes == 0


def test_avoid_pairs_do_not_run_in_parallel():
    sessions = [
        {"id": "a", "title": "A", "avoid": ["b"]},
        {"id": "b", "title": "B"},
        {"id": "c", "title": "C"},
    ]
    plan = solve_and_check(make_event([("r", 10), ("q", 10)], ["s1", "s2"], sessions))
    assert placement(plan, "a")[1] != placement(plan, "b")[1]
    assert plan.metrics.avoid_clashes == 0


def test_pinned_sessions_that_cannot_all_get_a_room_are_infeasible():
    sessions = [
        {"id": "a", "title": "A", "needs": ["beamer"], "pinned": {"slot": "s1"}},
        {"id": "b", "title": "B", "needs": ["beamer"], "pinned": {"slot": "s1"}},
    ]
    event = make_event([("r", 10, ["beamer"]), ("q", 10)], ["s1", "s2"], sessions)
    with pytest.raises(InfeasibleError) as caught:
        solve(event, SolveOptions(time_limit=1))
    assert caught.value.problems[0].params["sessions"] == "a, b"


@pytest.mark.slow  # plans an example twice
def test_same_input_and_options_give_the_same_plan(tmp_path):
    from conftest import EXAMPLES

    from opensozial.load import load_event

    event = load_event(next(p for p in EXAMPLES if "open-sozial" in p.name))
    # The deterministic budget alone: a generous wall clock that never decides.
    options = SolveOptions(time_limit=1, seed=3, wall_limit=300)
    first = solve(event, options)
    assert first.solver["stopped_by"] == "budget"
    assert first.to_json() == solve(event, options).to_json()


def test_the_wall_clock_caps_a_long_budget_and_the_plan_says_so(tmp_path):
    """A 60-unit budget with a 1-second wall clock ends after about a second (loading the
    model and scoring the plan come on top), with a valid plan that names the clock."""
    import time

    from conftest import EXAMPLES

    from opensozial.check import check
    from opensozial.load import load_event

    event = load_event(next(p for p in EXAMPLES if "open-sozial" in p.name))
    began = time.monotonic()
    plan = solve(event, SolveOptions(time_limit=60, wall_limit=1))
    assert time.monotonic() - began < 4
    assert plan.solver["stopped_by"] == "wall_clock"
    assert check(event, plan).ok
