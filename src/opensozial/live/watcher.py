"""Turn saves of the event file into re-plans (watchfiles), until stopped.

The folder is watched, not the file: editors save by writing a new file and renaming it
over the old one, which a watch on the file itself would lose after the first save.
Changes are grouped (``step``): an editor that writes a file in several steps causes one
re-plan, and a half-written state that slips through only shows an error until the next
save completes it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import watchfiles

from opensozial.live.state import LiveState, Snapshot

DEBOUNCE_MS = 1600  # longest wait while changes keep coming
STEP_MS = 300  # quiet time that ends a group of changes
CHECK_MS = 2000  # without notifications, compare the files' times this often


def saves(paths: Iterable[Path], stop: threading.Event, step_ms: int = STEP_MS) -> Iterable[bool]:
    """Yield True per group of changes to any of ``paths``, False after ``CHECK_MS`` without
    any; ends on ``stop`` (Ctrl-C raises)."""
    targets = {path.resolve() for path in paths}
    folders = sorted({target.parent for target in targets})

    def wanted(_change: watchfiles.Change, name: str) -> bool:
        return Path(name).resolve() in targets

    for changes in watchfiles.watch(
        *folders, watch_filter=wanted, stop_event=stop, debounce=DEBOUNCE_MS, step=step_ms,
        recursive=False, rust_timeout=CHECK_MS, yield_on_timeout=True,
    ):
        yield bool(changes)


class _Either:
    """Set when any of its events is: what watchfiles polls to know when to stop watching."""

    def __init__(self, *events: threading.Event) -> None:
        self.events = events

    def is_set(self) -> bool:
        return any(event.is_set() for event in self.events)


def follow(state: LiveState, stop: threading.Event, show: Callable[[Snapshot], None]) -> None:
    """Plan now, then again after every save; ``show`` each result. Returns when stopped.

    When a re-plan changes which files matter (a ``votes_file:`` added, an error in the
    votes CSV), the watch starts again on the new set of files. A save that no
    notification reported is still found within ``CHECK_MS`` by the files' times. A
    re-plan asked for from the admin page (``state.request``) ends the watch at once:
    on a busy folder (phones voting into the database beside the event) the file watch
    might never go quiet long enough to look.
    """
    show(state.refresh())
    while not stop.is_set():
        files = state.watched()
        for changed in saves(files, _Either(stop, state.wakeup)):  # type: ignore[arg-type]
            if not changed and not state.stale():
                continue
            show(state.refresh())
            if state.watched() != files:
                break
        else:
            if stop.is_set():
                return
            show(state.refresh())
