"""For random events and a random change at a random time, a re-plan keeps its promises."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_property import events

from opensozial.check import check
from opensozial.errors import InfeasibleError
from opensozial.history import with_history
from opensozial.model import Event
from opensozial.placements import placements
from opensozial.replan import replan
from opensozial.solve import SolveOptions

FAST = SolveOptions(time_limit=0.3)


@pytest.mark.slow  # many solves
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(events(), st.data())
def test_replan_freezes_started_sessions_loses_nobody_and_passes_the_checker(event, data):
    event = Event.model_validate(event.model_dump(by_alias=True))  # drop cached derived views
    try:
        first = replan(event, None, None, FAST)
    except InfeasibleError:
        return  # colliding pins: covered elsewhere
    assert (
        replan(event, first, None, FAST).assignments == first.assignments
    )  # nothing changed, nothing moves

    slot = data.draw(st.sampled_from(event.slots))
    now = event.slot_start(slot) + dt.timedelta(minutes=10)
    started = {s.id for s in event.slots if event.slot_start(s) <= now}
    frozen = {a.session: a for a in first.assignments if a.slots[0] in started}
    change = data.draw(st.sampled_from(["add", "remove", "close_room", "host", "none"]))
    if change == "add":
        votes = data.draw(st.lists(st.sampled_from(["p1", "p2", "p3"]), unique=True))
        extra = {"id": "neu", "title": "Neu", "votes": votes}
        changed = event.replaced(sessions=[*event.sessions, extra])
    elif change == "remove" and event.sessions:  # also one that has started: it stays as it ran
        gone = data.draw(st.sampled_from(event.sessions)).id
        # A part that followed it now stands alone: the loader refuses a ``follows`` that
        # leads nowhere, so the facilitator deletes that line too.
        changed = event.replaced(sessions=[
            s.replaced(follows=None) if s.follows == gone else s
            for s in event.sessions if s.id != gone
        ])
    elif change == "close_room":  # for the whole day, also where a session is running
        room = data.draw(st.sampled_from(event.rooms))
        everything = [s.id for s in event.slots]
        changed = event.replaced(
            rooms=[
                r.replaced(unavailable=everything) if r.id == room.id else r for r in event.rooms
            ]
        )
    elif change == "host" and event.sessions:  # one person now hosts two sessions, maybe both past
        a, b = (
            data.draw(st.sampled_from(event.sessions)),
            data.draw(st.sampled_from(event.sessions)),
        )
        changed = event.replaced(
            sessions=[
                s.replaced(hosts=list(dict.fromkeys([*s.hosts, "p0"])))
                if s.id in (a.id, b.id)
                else s
                for s in event.sessions
            ]
        )
    else:
        changed = event
    try:
        second = replan(changed, first, now, FAST)
    except InfeasibleError:
        return  # two pins (not started) into one place: the pins' own message
    shown = with_history(changed, first, now)  # the file plus what has started
    result = check(shown, second)  # a pin into the closed room waits, as the checker notes
    stranded = {s.id for s in shown.sessions if s.pinned and not placements(shown, s)}
    assert [
        v.text("en") for v in result.violations if v.params.get("session") not in stranded
    ] == []
    after = {a.session: a for a in second.assignments}
    for sid, before in frozen.items():
        assert (after[sid].slots, after[sid].room) == (before.slots, before.room)
    listed = set(after) | {u.session for u in second.unscheduled}
    assert listed == {s.id for s in shown.sessions}
    for sid, a in after.items():
        if sid not in frozen and shown.session_by_id[sid].pinned is None:
            assert a.slots[0] not in started, (sid, a.slots, now)
    if change == "none":
        assert {sid: (a.slots, a.room) for sid, a in after.items()} == {
            a.session: (a.slots, a.room) for a in first.assignments
        }
