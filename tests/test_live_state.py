"""Live mode without processes: a scripted day through the watcher's state and the board.

Each save is one ``LiveState.refresh`` with the clock moving forward, exactly as ``watch``
and ``serve`` do it; the board body is rendered after every step.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from zoneinfo import ZoneInfo

from live_support import SMALL_EVENT, write
from rich.console import Console

from opensozial import history
from opensozial.i18n import t
from opensozial.live import view
from opensozial.live.board import body_html, page_html, update_json
from opensozial.live.state import LiveState, during_event, make_clock
from opensozial.load import load_event
from opensozial.solve import SolveOptions

BERLIN = ZoneInfo("Europe/Berlin")
VOTERS = ("Zacharias Geheim", "Olga P.", "Lea M.")

CHOIR = '  - {id: chor, title: "Offener Chor", hosts: [Eva S.], votes: [Lea M.]}\n'


def _add(line: str):
    return lambda text: text + line


# The day: at each time the facilitator changes the file and saves (changes accumulate).
DAY = [
    ("09:00", lambda text: text),
    (
        "10:10",
        _add(
            '  - {id: tausch, title: "Tauschbörse für Werkzeug", hosts: [Pia F.],'
            ' votes: [Lea M.]}\n'
        ),
    ),
    ("10:50", lambda text: text.replace(CHOIR, "")),  # the choir's host fell ill
    (
        "11:20",
        lambda text: (
            text.replace("slots:\n", '  - {id: r3, name: "Raum 3", capacity: 10}\nslots:\n')
            + '  - {id: kiez, title: "Kiezfest planen", hosts: [Nils O.], votes: [Olga P.]}\n'
        ),
    ),  # a room opens, a pitch
    (
        "12:30",
        lambda text: text.replace("capacity: 12}", "capacity: 12, unavailable: [s3]}", 1),
    ),  # Raum 1 lost after lunch
    ("13:10", lambda text: text.replace("Radwege im Quartier", "Radwege und Fußwege im Quartier")),
]


def test_a_scripted_day_frozen_sessions_stay_no_session_is_lost_and_the_board_follows(
    tmp_path: Path,
) -> None:
    path = _first(tmp_path / "event.yaml")
    clock = {"now": DAY[0][0]}
    state = LiveState(
        path, SolveOptions(time_limit=0.5), make_clock(None, lambda: _at(clock["now"]))
    )
    previous, text = None, SMALL_EVENT
    for step, (time, edit) in enumerate(DAY, start=1):
        clock["now"], text = time, edit(text)
        write(path, text)
        snapshot = state.refresh()
        assert snapshot.error is None, snapshot.error
        event, plan = load_event(path), snapshot.plan
        placed = {a.session: a for a in plan.assignments}
        # No session is ever lost: each one of the file is placed or listed as an open end.
        assert set(placed) | {u.session for u in plan.unscheduled} == set(event.session_by_id)
        # Sessions that have started by now never move.
        now = _at(time)
        if previous is not None:
            for a in previous.assignments:
                if event.slot_start(event.slot_by_id[a.slots[0]]) <= now:
                    assert placed[a.session] == a, (
                        f"step {step}: {a.session} moved after it started"
                    )
        # The board shows exactly the placed titles, and no voter.
        html = body_html(snapshot).replace("\u00ad", "")  # long words carry soft hyphens
        for a in plan.assignments:
            assert event.session_by_id[a.session].title in html
        assert not any(voter in html for voter in VOTERS)
        assert snapshot.version == step
        if 1 < step < len(DAY):  # each of these edits changes the grid, and the board says so
            assert snapshot.changes and snapshot.saved == history.latest(path)
        previous = plan
    assert "Radwege und Fußwege im Quartier" in body_html(state.snapshot).replace("\u00ad", "")
    assert len(history.entries(path)) >= 5  # every changed plan kept


def _first(path: Path) -> Path:
    write(path, SMALL_EVENT)
    return path


def _at(clock: str) -> dt.datetime:
    hours, minutes = map(int, clock.split(":"))
    return dt.datetime(2026, 10, 22, hours, minutes, tzinfo=BERLIN)


def test_an_unexpected_failure_keeps_the_last_plan_and_is_shown_not_raised(tmp_path: Path) -> None:
    path = _first(tmp_path / "event.yaml")
    ticks = iter([_at("09:00")])
    state = LiveState(path, SolveOptions(time_limit=0.5), make_clock(None, lambda: next(ticks)))
    good = state.refresh()
    assert good.plan is not None
    broken = state.refresh()  # the clock is exhausted: StopIteration, a stand-in for any bug
    assert isinstance(broken.error, StopIteration)
    assert broken.plan is good.plan and broken.version == good.version + 1
    console = Console(width=200, record=True)
    console.print(view.screen(broken, "event.yaml"))
    shown = console.export_text()
    assert t("watch_internal", "de", name="StopIteration") in shown
    assert "Gemeinschaftsgarten anlegen" in shown
    assert t("board_updating", "de") in body_html(broken)


def test_restart_goes_on_from_the_last_plan_in_the_history(tmp_path: Path) -> None:
    path = _first(tmp_path / "event.yaml")
    first = LiveState(
        path, SolveOptions(time_limit=0.5), make_clock("09:00", dt.datetime.now)
    ).refresh()
    again = LiveState(
        path, SolveOptions(time_limit=0.5), make_clock("09:00", dt.datetime.now)
    ).refresh()
    assert again.plan.assignments == first.plan.assignments
    assert len(history.entries(path)) == 1  # an unchanged grid is not stored twice


def test_the_clock_only_freezes_on_the_event_days(tmp_path: Path) -> None:
    event = load_event(_first(tmp_path / "event.yaml"))
    assert during_event(event, dt.datetime(2026, 10, 22, 9, 30, tzinfo=dt.UTC)) == _at("11:30")
    assert during_event(event, dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)) is None


def test_an_open_page_gets_the_body_only_when_the_plan_changed(tmp_path: Path) -> None:
    path = _first(tmp_path / "event.yaml")
    snapshot = LiveState(
        path, SolveOptions(time_limit=0.5), make_clock("09:00", dt.datetime.now)
    ).refresh()
    assert json.loads(update_json(snapshot, snapshot.version)) == {"version": snapshot.version}
    update = json.loads(update_json(snapshot, snapshot.version - 1))
    assert "Repair-Café starten" in update["html"].replace("\u00ad", "")
    assert update["title"].startswith("Mini-Barcamp")
    page = page_html(snapshot, "http://192.0.2.7:8000/")
    assert "<script" in page and "<svg" in page and "http://192.0.2.7:8000/" in page


def test_a_file_broken_from_the_start_gives_an_empty_board_that_says_why(tmp_path: Path) -> None:
    path = tmp_path / "event.yaml"
    write(path, SMALL_EVENT + '  - {id: kaputt, title: "Halb\n')
    snapshot = LiveState(
        path, SolveOptions(time_limit=0.5), make_clock("09:00", dt.datetime.now)
    ).refresh()
    assert snapshot.plan is None and snapshot.error is not None
    html = body_html(snapshot)
    assert t("board_no_plan", "de") in html and t("board_updating", "de") in html
    assert "<table" not in html


def test_a_save_no_notification_reported_is_noticed_by_the_file_time(tmp_path: Path) -> None:
    path = _first(tmp_path / "event.yaml")
    state = LiveState(path, SolveOptions(time_limit=0.5), make_clock("09:00", dt.datetime.now))
    state.refresh()
    assert not state.stale()
    write(path, SMALL_EVENT.replace("Offener Chor", "Offenes Singen"))
    assert state.stale()
    state.refresh()
    assert not state.stale()


def test_the_board_speaks_the_language_asked_for(tmp_path: Path) -> None:
    path = _first(tmp_path / "event.yaml")
    snapshot = LiveState(
        path, SolveOptions(time_limit=0.5), make_clock("09:00", dt.datetime.now), lang="en"
    ).refresh()
    html = page_html(snapshot, "http://192.0.2.7:8000/")
    assert '<html lang="de">' in html  # the content is German; the labels say they are English
    assert f'<th class="time" scope="col" lang="en">{t("board_time", "en")}</th>' in html
    for key in ("board_time", "board_changes", "board_scan"):
        assert t(key, "en") in html
    assert t("board_time", "de") not in html
