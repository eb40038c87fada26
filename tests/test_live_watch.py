"""``opensozial watch``: every save re-plans; a broken save keeps the last good plan; Ctrl-C
ends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from live_support import BROKEN_TAIL, NEW_SESSION, SMALL_EVENT, write

from opensozial.i18n import t

pytestmark = pytest.mark.slow  # watch runs as a subprocess


def test_watch_replans_on_save_keeps_last_plan_on_broken_save_and_ends_on_ctrl_c(
    tmp_path: Path, live
) -> None:
    event = tmp_path / "event.yaml"
    write(event, SMALL_EVENT)
    watch = live("watch", "event.yaml", "--time-limit", "0.5", "--now", "09:00")
    history = tmp_path / "event.plans"

    first = watch.wait_for(lambda out: t("watch_status", "de", path="event.yaml") in out)
    assert "Gemeinschaftsgarten anlegen" in first and "Mittagessen" in first
    assert len(list(history.glob("*.json"))) == 1

    # A good save: the new session appears, and the change is announced.
    mark = len(watch.output)
    write(event, SMALL_EVENT + NEW_SESSION)
    second = watch.wait_for(lambda out: "event.plans/0002.json" in out, after=mark)
    assert "Tauschbörse für Werkzeug" in second
    assert t("changes_heading", "de") in second

    # A broken save: the error with file:line, the last good plan still on screen.
    mark = len(watch.output)
    write(event, SMALL_EVENT + NEW_SESSION + BROKEN_TAIL)
    broken = watch.wait_for(
        lambda out: t("watch_status", "de", path="event.yaml") in out, after=mark
    )
    assert "event.yaml:" in broken and t("error_heading", "de") in broken
    assert "Tauschbörse für Werkzeug" in broken  # the grid stays
    assert t("watch_kept", "de")[:40] in broken
    assert len(list(history.glob("*.json"))) == 2  # nothing new kept, nothing lost

    # Fixed again: a new plan, kept in the history, and no error any more.
    mark = len(watch.output)
    write(event, SMALL_EVENT)
    fixed = watch.wait_for(lambda out: "event.plans/0003.json" in out, after=mark)
    assert t("error_heading", "de") not in fixed
    latest = json.loads((history / "0003.json").read_text(encoding="utf-8"))
    assert "tausch" not in {a["session"] for a in latest["assignments"]}

    assert watch.stop() == 0
    assert t("watch_ended", "de") in watch.output
    assert "Traceback" not in watch.output


def test_watch_of_a_missing_file_says_so_and_exits_2(tmp_path: Path, live) -> None:
    watch = live("watch", "nirgends.yaml")
    watch.wait_for(lambda out: "nirgends.yaml" in out)
    assert watch.process.wait(timeout=30) == 2
    assert "Traceback" not in watch.output


def test_watch_starts_from_a_broken_file_and_plans_once_it_is_fixed(tmp_path: Path, live) -> None:
    event = tmp_path / "event.yaml"
    write(event, SMALL_EVENT + BROKEN_TAIL)
    watch = live("watch", "event.yaml", "--time-limit", "0.5", "--now", "09:00", "--lang", "en")
    first = watch.wait_for(lambda out: t("watch_status", "en", path="event.yaml") in out)
    assert t("watch_no_plan", "en") in first
    mark = len(watch.output)
    write(event, SMALL_EVENT)
    fixed = watch.wait_for(lambda out: "event.plans/0001.json" in out, after=mark)
    assert "Repair-Café starten" in fixed


VOTES_EVENT = """\
event: {name: Formular-Camp, date: 2026-10-22, language: de}
votes_file: stimmen.csv
rooms: [{id: a, capacity: 20}, {id: b, capacity: 10}]
slots: [{id: s1, start: "10:00", end: "10:45"}, {id: s2, start: "11:00", end: "11:45"}]
sessions:
  - {id: pflege, title: "Pflege und Zeit", hosts: [Mia]}
  - {id: daten, title: Offene Daten, hosts: [Nico]}
"""


def test_watch_follows_the_votes_csv_too_and_its_errors_point_there(tmp_path: Path, live) -> None:
    write(tmp_path / "event.yaml", VOTES_EVENT)
    write(tmp_path / "stimmen.csv", "Name,Sessions\nAnna,Offene Datn\n")
    watch = live("watch", "event.yaml", "--time-limit", "0.5", "--now", "09:00")
    first = watch.wait_for(lambda out: t("watch_status", "de", path="event.yaml") in out)
    assert "stimmen.csv:2" in first and t("watch_no_plan", "de") in first
    mark = len(watch.output)
    write(tmp_path / "stimmen.csv", "Name,Sessions\nAnna,Offene Daten\n")  # only the CSV is fixed
    fixed = watch.wait_for(lambda out: "event.plans/0001.json" in out, after=mark)
    assert "Offene Daten" in fixed and t("error_heading", "de") not in fixed
