"""The independent checker finds every broken rule in hand-made plans."""

from __future__ import annotations

import pytest
from conftest import make_event

from opensozial.check import check
from opensozial.plan import Assignment, Metrics, Plan


def hand_plan(*assignments, metrics=None):
    return Plan(
        status="unchecked" if metrics is None else "feasible", bound=0, objective=0,
        assignments=[Assignment(s, r, tuple(sl)) for s, r, sl in assignments],
        unscheduled=[], metrics=metrics or Metrics(0, 0, 0, 0),
    )


@pytest.fixture
def event():
    slots = ["s1", "s2", {"id": "p", "start": "11:00", "end": "11:30", "plenary": "Keynote"}, "s3"]
    slots[3] = {"id": "s3", "start": "11:30", "end": "12:15"}
    return make_event(
        [
            {"id": "saal", "capacity": 3, "features": ["beamer"], "unavailable": ["s3"]},
            ("klein", 1),
        ],
        slots,
        [
            {
                "id": "a",
                "title": "A",
                "hosts": ["Meike"],
                "votes": ["Anna", "Ben"],
                "needs": ["beamer"],
            },
            {"id": "b", "title": "B", "hosts": ["Meike"], "votes": ["Anna"], "unavailable": ["s2"]},
            {"id": "w", "title": "W", "length": 2, "votes": ["Ben"]},
            {"id": "p", "title": "P", "pinned": {"slot": "s1", "room": "klein"}},
        ],
    )


def rules(result):
    return sorted(v.rule for v in result.violations)


def test_a_valid_plan_passes_with_metrics(event):
    plan = hand_plan(("a", "saal", ["s2"]), ("b", "saal", ["s1"]), ("p", "klein", ["s1"]))
    result = check(event, plan)
    assert result.ok
    assert result.metrics == Metrics(
        conflicts=0, overflow_seats=0, unscheduled_sessions=1, votes_total=4,
        track_clashes=0, avoid_clashes=0, wishes_unscheduled=1,
    )


@pytest.mark.parametrize(
    ("assignments", "expected"),
    [
        ([("zz", "saal", ["s1"])], "v_unknown_session"),
        ([("b", "saal", ["s1"]), ("b", "klein", ["s3"])], "v_twice"),
        ([("b", "aula", ["s1"])], "v_unknown_room"),
        ([("b", "saal", ["s9"])], "v_unknown_slot"),
        ([("w", "klein", ["s1"])], "v_length"),
        ([("w", "klein", ["s1", "s3"])], "v_not_consecutive"),
        ([("b", "klein", ["p"])], "v_in_break"),
        ([("b", "klein", ["s2"])], "v_session_unavailable"),
        ([("b", "saal", ["s3"])], "v_room_unavailable"),
        ([("a", "klein", ["s1"])], "v_needs"),
        ([("p", "saal", ["s1"])], "v_pin"),
        ([("a", "saal", ["s1"]), ("b", "saal", ["s1"])], "v_room_double_booked"),
        ([("a", "saal", ["s1"]), ("b", "klein", ["s1"])], "v_host_twice"),
    ],
)
def test_each_broken_rule_is_reported(event, assignments, expected):
    pin = [] if any(a[0] == "p" for a in assignments) else [("p", "klein", ["s1"])]
    result = check(event, hand_plan(*assignments, *pin))
    assert expected in rules(result)


def test_a_dropped_pin_is_reported(event):
    assert "v_pin_dropped" in rules(check(event, hand_plan(("a", "saal", ["s1"]))))


def test_conflicts_and_overflow_are_rederived(event):
    plan = hand_plan(("a", "saal", ["s1"]), ("w", "klein", ["s1", "s2"]), ("p", "saal", ["s2"]))
    result = check(event, plan)
    # Ben wants a and w, both in s1 → 1 conflict; w (demand 1) fits klein; a (3) fits saal.
    assert result.metrics.conflicts == 1
    assert result.metrics.overflow_seats == 0


def test_overflow_counts_every_slot(event):
    plan = hand_plan(("a", "saal", ["s1"]), ("b", "klein", ["s3"]), ("p", "klein", ["s1"]))
    # b: Meike + Anna = 2 people in a 1-seat room → 1 seat lacking.
    assert check(event, plan).metrics.overflow_seats == 1


def test_metrics_that_lie_are_reported(event):
    plan = hand_plan(("a", "saal", ["s2"]), ("p", "klein", ["s1"]), metrics=Metrics(5, 0, 2, 4))
    result = check(event, plan)
    assert rules(result) == ["v_metric"]
    assert "conflicts = 5, but it is 0" in result.violations[0].text("en")
