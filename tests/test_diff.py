"""The plain-language diff between two plans and the short announcement."""

from __future__ import annotations

from conftest import make_event

from opensozial.diff import announcement, describe_changes, diff_plans
from opensozial.plan import Assignment, Metrics, Placed, Plan, Unscheduled

EVENT = make_event(
    [
        {"id": "r101", "name": "Raum 101", "capacity": 20},
        {"id": "saal", "name": "Großer Saal", "capacity": 80},
    ],
    [
        {"id": "s1", "start": "10:00", "end": "10:45"},
        {"id": "s2", "start": "14:30", "end": "15:15"},
    ],
    [
        {"id": "pflege", "title": "Pflege im Quartier"},
        {"id": "daten", "title": "Offene Daten"},
        {"id": "neu", "title": "KI im Amt"},
        {"id": "warten", "title": "Wartet noch"},
        {"id": "bleibt", "title": "Bleibt"},
    ],
)


def plan(assignments, unscheduled=()) -> Plan:
    return Plan(
        "feasible",
        0,
        0,
        [Assignment(*a) for a in assignments],
        [Unscheduled(sid, reason_code="no_room") for sid in unscheduled],
        Metrics(0, 0, 0, 0),
    )


OLD = plan(
    [
        ("pflege", "r101", ("s1",)),
        ("daten", "saal", ("s1",)),
        ("weg", "saal", ("s2",), "Fällt weg"),
        ("warten", "r101", ("s2",)),
        ("bleibt", "r101", ("s1",)),
    ]
)
NEW = plan(
    [
        ("pflege", "saal", ("s2",)),
        ("daten", "r101", ("s1",)),
        ("neu", "r101", ("s2",)),
        ("bleibt", "r101", ("s1",)),
    ],
    unscheduled=["warten"],
)


def test_each_kind_of_change_is_found_in_a_fixed_order():
    changes = diff_plans(EVENT, OLD, NEW)
    assert [(c.kind, c.session) for c in changes] == [
        ("cancelled", "weg"),
        ("unscheduled", "warten"),
        ("moved", "pflege"),
        ("room_changed", "daten"),
        ("new", "neu"),
    ]
    assert (
        changes[0].title == "Fällt weg"
    )  # taken from the old plan: the event file no longer has it
    assert changes[2].before == Placed(("s1",), "r101") and changes[2].after == Placed(
        ("s2",), "saal"
    )
    assert diff_plans(EVENT, NEW, NEW) == []


def test_changes_read_as_plain_german_and_english():
    lines = describe_changes(EVENT, diff_plans(EVENT, OLD, NEW), "de")
    assert lines == [
        "Abgesagt: »Fällt weg« (war um 14:30 in Großer Saal)",
        ("Jetzt ohne Slot: »Wartet noch« (war um 14:30 in Raum 101): "
        "in jedem möglichen Slot sind alle passenden Räume belegt"),
        "Verschoben: »Pflege im Quartier« von 10:00 Raum 101 nach 14:30 Großer Saal",
        "Raumwechsel: »Offene Daten« um 10:00 jetzt in Raum 101 statt Großer Saal",
        "Neu: »KI im Amt« um 14:30 in Raum 101",
    ]
    english = describe_changes(EVENT, diff_plans(EVENT, OLD, NEW), "en")
    assert english[2] == "Moved: “Pflege im Quartier” from 10:00 Raum 101 to 14:30 Großer Saal"


def test_announcement_is_short_and_empty_without_changes():
    text = announcement(EVENT, diff_plans(EVENT, OLD, NEW), "de")
    assert text.splitlines()[0] == "Änderungen im Plan von Test:"
    assert "Neu: »KI im Amt« um 14:30 in Raum 101" in text
    assert (
        "Fällt aus: »Fällt weg«" in text
        and "Verschoben: »Pflege im Quartier« jetzt um 14:30 in Großer Saal" in text
    )
    assert announcement(EVENT, [], "de") == ""


def test_a_session_newly_without_slot_and_one_removed_before_it_had_a_slot():
    old = plan([], unscheduled=["gestrichen"])
    new = plan([], unscheduled=["warten"])
    changes = diff_plans(EVENT, old, new)
    assert [(c.kind, c.session) for c in changes] == [
        ("cancelled", "gestrichen"),
        ("unscheduled", "warten"),
    ]
    assert describe_changes(EVENT, changes, "de") == [
        "Abgesagt: »gestrichen« (hatte noch keinen Slot)",
        "Ohne Slot: »Wartet noch«: in jedem möglichen Slot sind alle passenden Räume belegt",
    ]
