"""A whole event day through the command line: plan in the morning, then five realistic
changes with ``--previous last`` and ``--now`` moving forward.

After every re-plan: sessions that had started never move, no session is ever lost
(each is placed, listed as unscheduled, or named as cancelled), the diff names each
change, and the plan passes the independent checker.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from opensozial import history
from opensozial.cli import app

pytestmark = pytest.mark.slow  # a whole day of re-plans

runner = CliRunner()

SLOTS = [
    {"id": "s1", "start": "10:00", "end": "10:45"},
    {"id": "s2", "start": "11:00", "end": "11:45"},
    {"id": "s3", "start": "12:00", "end": "12:45"},
    {"id": "mittag", "start": "12:45", "end": "13:30", "break": "Mittagspause"},
    {"id": "s4", "start": "13:30", "end": "14:15"},
    {"id": "s5", "start": "14:30", "end": "15:15"},
    {"id": "s6", "start": "15:30", "end": "16:15"},
]
TITLES = [
    "Ehrenamt gewinnen",
    "Pflege im Quartier",
    "Offene Daten im Landkreis",
    "Einsamkeit im Alter",
    "Sprachcafés",
    "Dorf-App",
    "Bürgerhaushalt",
    "Tafeln und Lebensmittel retten",
    "Inklusive Vereine",
    "Fördermittel",
    "Mobilität auf dem Land",
    "Jugendbeteiligung",
    "Wohnen für Hilfe",
    "Digitale Nachbarschaft",
]
PEOPLE = [f"Person {i}" for i in range(30)]


def day_event() -> dict:
    sessions = [
        {"id": f"t{i}", "title": title, "hosts": [f"Host {i}"],
         "votes": [PEOPLE[(i * 7 + k) % len(PEOPLE)] for k in range(4 + i % 5)]}
        for i, title in enumerate(TITLES)
    ]
    return {
        "event": {
            "name": "Sozialtag",
            "date": "2026-10-22",
            "timezone": "Europe/Berlin",
            "language": "de",
        },
        "rooms": [
            {"id": "saal", "name": "Großer Saal", "capacity": 40},
            {"id": "r101", "name": "Raum 101", "capacity": 15},
            {"id": "r102", "name": "Raum 102", "capacity": 15},
            {"id": "foyer", "name": "Foyer", "capacity": 12},
        ],
        "slots": SLOTS,
        "sessions": sessions,
    }


def write(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def plan(path: Path, *args: str) -> tuple[dict, str]:
    out = path.with_name("current.json")
    result = runner.invoke(app, ["plan", str(path), "--time-limit", "1", "-o", str(out), *args])
    assert result.exit_code == 0, result.output
    check = runner.invoke(app, ["check", str(path), str(out)])
    assert check.exit_code == 0, check.output
    return json.loads(out.read_text(encoding="utf-8")), " ".join(result.output.split())


def places(data: dict) -> dict[str, tuple[tuple[str, ...], str]]:
    return {a["session"]: (tuple(a["slots"]), a["room"]) for a in data["assignments"]}


def started_by(before: dict, clock: str) -> set[str]:
    starts = {s["id"]: s["start"] for s in SLOTS}
    return {
        sid
        for sid, (slots, _) in places(before).items()
        if starts[slots[0]].zfill(5) <= clock.zfill(5)
    }


def future(data: dict, clock: str, event: dict) -> list[str]:
    """Sessions of the plan that have not started by ``clock``, in event order."""
    gone = started_by(data, clock)
    return [s["id"] for s in event["sessions"] if s["id"] in places(data) and s["id"] not in gone]


def title(event: dict, sid: str) -> str:
    return next(s["title"] for s in event["sessions"] if s["id"] == sid)


def test_a_scripted_day_of_changes(tmp_path):
    path = tmp_path / "sozialtag.yaml"
    event = day_event()
    write(path, event)
    before, _ = plan(path)
    assert len(places(before)) == len(TITLES)

    def replan(clock: str, changed: dict, *, cancelled: set[str] = frozenset()) -> tuple[dict, str]:
        nonlocal before
        write(path, changed)
        after, output = plan(path, "--previous", "last", "--now", clock, "--announce")
        frozen = started_by(before, clock)
        for sid in frozen:  # started sessions never move
            assert places(after)[sid] == places(before)[sid], sid
        listed = set(places(after)) | {u["session"] for u in after["unscheduled"]}
        assert listed == {s["id"] for s in changed["sessions"]}  # nobody lost
        assert set(places(before)) - listed == cancelled
        for sid in cancelled:
            assert (
                f"Abgesagt: »{title(event, sid)}«" in output
                and f"Fällt aus: »{title(event, sid)}«" in output
            )
        for sid, place in places(after).items():
            if sid in places(before) and place != places(before)[sid]:
                assert sid not in frozen
                new_title = title(changed, sid)
                assert (
                    f"Verschoben: »{new_title}«" in output
                    or f"Raumwechsel: »{new_title}«" in output
                )
        before = after
        return after, output

    # 1. Lunch: a new topic is pitched and gets a slot in the afternoon.
    lunch = copy.deepcopy(event)
    lunch["sessions"].append({"id": "neu", "title": "KI in der Beratung", "hosts": ["Mara"],
                              "votes": PEOPLE[:6]})
    after, output = replan("12:50", lunch)
    assert "Neu: »KI in der Beratung« um" in output
    assert places(after)["neu"][0][0] in ("s4", "s5", "s6")
    assert (
        sum(
            places(after)[s] != places(history_plan(path, 1))[s]
            for s in places(history_plan(path, 1))
        )
        == 0
    )

    # 2. A host falls ill: their afternoon session is cancelled.
    ill = copy.deepcopy(lunch)
    sick = future(before, "13:40", ill)[0]
    ill["sessions"] = [s for s in ill["sessions"] if s["id"] != sick]
    replan("13:40", ill, cancelled={sick})

    # 3. Two afternoon sessions merge: the second is dropped, its people join the first.
    merged = copy.deepcopy(ill)
    keep, fold = future(before, "14:00", merged)[:2]
    first = next(s for s in merged["sessions"] if s["id"] == keep)
    second = next(s for s in merged["sessions"] if s["id"] == fold)
    first["title"] += " & " + second["title"]
    first["votes"] = list(dict.fromkeys(first["votes"] + second["votes"]))
    merged["sessions"].remove(second)
    replan("14:00", merged, cancelled={fold})

    # 4. A room is lost for the rest of the day: its later sessions move elsewhere.
    lost = copy.deepcopy(merged)
    lost_room = "r101"
    next(r for r in lost["rooms"] if r["id"] == lost_room)["unavailable"] = ["s5", "s6"]
    displaced = [
        sid
        for sid, (slots, room) in places(before).items()
        if room == lost_room and slots[0] in ("s5", "s6")
    ]
    after, output = replan("14:20", lost)
    for sid in displaced:
        assert sid not in places(after) or places(after)[sid][1] != lost_room
        assert title(lost, sid) in output
    assert all(
        room != lost_room or slots[0] not in ("s5", "s6") for slots, room in places(after).values()
    )

    # 5. A session is pinned elsewhere (the host can only come later).
    pinned = copy.deepcopy(lost)
    target = next(
        sid for sid in future(before, "14:25", pinned) if places(before)[sid][0][0] == "s5"
    )
    next(s for s in pinned["sessions"] if s["id"] == target)["pinned"] = {
        "slot": "s6",
        "room": "saal",
    }
    after, output = replan("14:25", pinned)
    assert places(after)[target] == (("s6",), "saal")
    assert (
        f"Verschoben: »{title(pinned, target)}« von 14:30" in output
        and "nach 15:30 Großer Saal" in output
    )

    # The history holds all six grids; any two can be compared again.
    assert [p.name for p in history.entries(path)] == [f"{n:04d}.json" for n in range(1, 7)]
    result = runner.invoke(app, ["diff", "1", "6", "--event", str(path)])
    assert result.exit_code == 0 and "Neu: »KI in der Beratung«" in " ".join(result.output.split())
    listing = runner.invoke(app, ["history", str(path)])
    assert listing.exit_code == 0 and "0006.json" in listing.output


def history_plan(path: Path, number: int) -> dict:
    return json.loads(history.resolve(path, str(number)).read_text(encoding="utf-8"))
