"""For random valid events, every plan the solver makes passes the independent checker."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opensozial.check import check
from opensozial.errors import InfeasibleError
from opensozial.model import Event
from opensozial.placements import placements
from opensozial.solve import SolveOptions, solve

PEOPLE = [f"p{i}" for i in range(12)]
FEATURES = ["beamer", "rampe"]


@st.composite
def events(draw) -> Event:
    n_rooms = draw(st.integers(1, 3))
    n_slots = draw(st.integers(1, 4))
    rooms = [
        {
            "id": f"r{i}",
            "capacity": draw(st.integers(0, 8)),
            "features": draw(st.lists(st.sampled_from(FEATURES), unique=True, max_size=2)),
            "unavailable": draw(
                st.lists(
                    st.sampled_from([f"s{j}" for j in range(n_slots)]), unique=True, max_size=1
                )
            ),
        }
        for i in range(n_rooms)
    ]
    slots = []
    for j in range(n_slots):
        slot = {"id": f"s{j}", "start": f"{9 + j}:00", "end": f"{9 + j}:45"}
        if n_slots > 1 and draw(st.integers(0, 9)) == 0:
            slot["break"] = "Pause"
        slots.append(slot)
    if all("break" in s for s in slots):
        del slots[0]["break"]
    slot_ids = [s["id"] for s in slots]
    sessions = []
    n_sessions = draw(st.integers(1, 7))
    for k in range(n_sessions):
        session = {
            "id": f"t{k}", "title": f"Topic {k}",
            "hosts": draw(st.lists(st.sampled_from(PEOPLE), unique=True, max_size=1)),
            "votes": draw(st.lists(st.sampled_from(PEOPLE), unique=True, max_size=6)),
            "length": draw(st.sampled_from([1, 1, 1, 2])),
            "needs": draw(st.lists(st.sampled_from(FEATURES), unique=True, max_size=1)),
            "unavailable": draw(st.lists(st.sampled_from(slot_ids), unique=True, max_size=1)),
        }
        if draw(st.booleans()):
            session["interest"] = draw(st.integers(0, 12))
        if draw(st.integers(0, 4)) == 0:
            session["track"] = draw(st.sampled_from(["A", "B"]))
        if k and draw(st.integers(0, 4)) == 0:
            session["avoid"] = [f"t{draw(st.integers(0, k - 1))}"]
        if draw(st.integers(0, 6)) == 0:
            session["pinned"] = {"slot": draw(st.sampled_from(slot_ids))}
        followed = {s["follows"] for s in sessions if "follows" in s}
        free = [s["id"] for s in sessions if s["id"] not in followed and "pinned" not in s]
        if free and "pinned" not in session and draw(st.integers(0, 3)) == 0:
            session["follows"] = draw(st.sampled_from(free))  # a later part of it
        sessions.append(session)
    event = Event.model_validate({
        "event": {"name": "Random", "date": "2026-10-22"},
        "rooms": rooms, "slots": slots, "sessions": sessions,
    })
    # Keep only sessions that fit somewhere: the loader rejects the others (tested elsewhere).
    kept = [s for s in event.sessions if placements(event, s)]
    while any(s.follows and s.follows not in {k.id for k in kept} for s in kept):
        kept = [s for s in kept if not s.follows or s.follows in {k.id for k in kept}]
    return event.model_copy(update={"sessions": kept}) if kept != event.sessions else event


@pytest.mark.slow  # many solves
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events())
def test_every_plan_passes_the_checker_and_its_metrics_match(event):
    fresh = Event.model_validate(event.model_dump(by_alias=True))  # drop cached derived views
    try:
        plan = solve(fresh, SolveOptions(time_limit=0.5))
    except InfeasibleError:
        return  # colliding pins; the pins' own test covers the message
    result = check(fresh, plan)
    assert result.ok, [v.text("en") for v in result.violations]
    assert result.metrics == plan.metrics
    assert plan.bound <= plan.objective
    placed = {a.session for a in plan.assignments}
    assert {u.session for u in plan.unscheduled} == {s.id for s in fresh.sessions} - placed
    assert all(s.id in placed for s in fresh.sessions if s.pinned is not None)
