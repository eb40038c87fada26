"""The last good plan between saves, shared by the watcher and the web server.

Every save of the event file is one :meth:`LiveState.refresh`: load, re-plan against the
last good plan, describe what changed, keep the plan in the numbered history. A save
that cannot be planned (half-written file, syntax error, broken reference) only records
the error: the last good event and plan stay, so the screen and the board never go blank
and no plan is ever lost.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from opensozial import history
from opensozial.diff import Change, describe_changes, diff_plans
from opensozial.errors import InputError, Location, OpensozialError, Problem
from opensozial.load import load_event, sniff_language
from opensozial.model import Event
from opensozial.plan import Plan, read_plan
from opensozial.replan import parse_now, replan
from opensozial.solve import SolveOptions

Clock = Callable[[Event], "dt.datetime | None"]
Planner = Callable[[Event, "Plan | None", "dt.datetime | None", SolveOptions], Plan]


@dataclass(frozen=True)
class Snapshot:
    """What is on screen: the last good event and plan, and what went wrong since.

    ``version`` counts refreshes (good or bad) so that a board page can tell whether it
    is up to date; ``error`` is the exception of the latest refresh, None when it worked.
    """

    version: int = 0
    event: Event | None = None
    plan: Plan | None = None
    changes: tuple[str, ...] = ()
    changed: frozenset[str] = frozenset()  # sessions placed anew or moved by the last re-plan
    error: Exception | None = None
    saved: Path | None = None
    lang: str = "de"


def during_event(event: Event, wall: dt.datetime) -> dt.datetime | None:
    """The wall clock if it is one of the event's days, else None (a rehearsal: nothing started).

    Freezing by the real clock on any other day would freeze a whole future event
    (or an entire past one) and make rehearsing with ``watch`` useless.
    """
    local = wall.astimezone(event.slot_start(event.slots[0]).tzinfo)
    days = {event.slot_date(slot) for slot in event.slots}
    return local if local.date() in days else None


def make_clock(now: str | None, wall: Callable[[], dt.datetime]) -> Clock:
    """``--now`` if given (rehearsing, re-running a morning), else the wall clock on event days."""
    if now is not None:
        return lambda event: parse_now(now, event)
    return lambda event: during_event(event, wall())


def _placed_anew(changes: list[Change]) -> frozenset[str]:
    """Sessions the board marks: new, moved in time, or moved to another room."""
    return frozenset(c.session for c in changes if c.after is not None)


def _mtime(path: Path) -> tuple[int, int, int] | None:
    """A file's identity and time: editors that save by renaming change the inode."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size, info.st_ino


class LiveState:
    """Re-plans ``event_path`` on demand; thread-safe reads of the current :class:`Snapshot`."""

    def __init__(
        self,
        event_path: Path,
        options: SolveOptions,
        clock: Clock,
        lang: str | None = None,
        planner: Planner = replan,
    ) -> None:
        if not event_path.is_file():  # a typo in the name would otherwise wait forever
            missing = Problem("file_missing", {"path": str(event_path)}, Location(event_path))
            raise InputError([missing])
        self.event_path = event_path
        self.options = options
        self.clock = clock
        self.lang = lang
        self.planner = planner  # serve plans in a worker process (opensozial.live.planner)
        self._lock = threading.Lock()
        self._snapshot = Snapshot(lang=lang or sniff_language(event_path) or "de")
        # watched file -> its mtime at the last refresh
        self._seen: dict[Path, tuple[int, int, int] | None] = {}
        self._wanted: str | None = None  # a re-plan asked for (admin page): "fresh" or "again"
        self._running = False
        self._event: Event | None = None  # the newest event file that loaded, planned or not
        self.wakeup = threading.Event()  # set with every request, so the watcher looks at once

    def request(self, fresh: bool = False) -> None:
        """Ask the watcher for a re-plan (it wakes at once); ``fresh`` plans from
        scratch instead of against the last plan: the morning's first plan after voting."""
        with self._lock:
            self._wanted = "fresh" if fresh or self._wanted == "fresh" else "again"
            self.wakeup.set()

    @property
    def event(self) -> Event | None:
        """The newest good event: phones vote on its sessions while the plan is still being made."""
        with self._lock:
            return self._event

    @property
    def busy(self) -> bool:
        """Whether a re-plan is asked for or running: the plan on show is about to change."""
        with self._lock:
            return self._wanted is not None or self._running

    @property
    def snapshot(self) -> Snapshot:
        with self._lock:
            return self._snapshot

    def watched(self) -> frozenset[Path]:
        """The files whose saves re-plan: the event file, its votes CSV, and every file the
        latest error points at (a broken or missing votes CSV is fixed there, not in the YAML)."""
        current = self.snapshot
        files = {self.event_path}
        if current.event is not None and current.event.votes_file:
            files.add(self.event_path.parent / current.event.votes_file)
        if isinstance(current.error, OpensozialError):
            for problem in current.error.problems:
                if problem.location is not None:
                    files.add(Path(problem.location.path))
                if isinstance(problem.params.get("path"), str):
                    files.add(Path(problem.params["path"]))
        return frozenset(files)

    def stale(self) -> bool:
        """Whether a watched file changed since the last refresh without a re-plan seeing it
        (a save in the moment before the file watch started, or a missed notification)."""
        changed = any(_mtime(path) != seen for path, seen in self._seen.items())
        return self._wanted is not None or changed

    def _last_saved(self) -> Plan | None:
        """The newest plan in the history: after a restart, ``watch`` goes on from there."""
        path = history.latest(self.event_path)
        return read_plan(path) if path is not None else None

    def refresh(self) -> Snapshot:
        """Load and re-plan once; on any failure keep the last good plan and record why."""
        with self._lock:
            current, fresh = self._snapshot, self._wanted == "fresh"
            self._wanted, self._running = None, True
            self.wakeup.clear()
        self._seen = {path: _mtime(path) for path in self.watched()}
        try:
            previous = None if fresh else current.plan or self._last_saved()
            event = load_event(self.event_path, first_plan=previous is None)
            with self._lock:
                self._event = event
            lang = self.lang or event.event.language
            now = self.clock(event)
            event = history.with_history(event, previous, now)  # what has started stays as it ran
            plan = self.planner(event, previous, now, self.options)
            changes = diff_plans(event, previous, plan) if previous is not None else []
            if previous is not None and not changes:  # nothing moved: keep the last news, no copy
                new = Snapshot(
                    current.version + 1,
                    event,
                    plan,
                    current.changes,
                    current.changed,
                    None,
                    current.saved,
                    lang,
                )
            else:
                saved = history.save(self.event_path, plan, lang)
                news = tuple(describe_changes(event, changes, lang))
                new = Snapshot(
                    current.version + 1, event, plan, news, _placed_anew(changes), None, saved, lang
                )
        except OpensozialError as error:
            new = replace(current, version=current.version + 1, error=error)
        except Exception as error:  # noqa: BLE001 - a bug must not end the event's live board
            new = replace(current, version=current.version + 1, error=error)
        with self._lock:
            self._snapshot, self._running = new, False
        return new
