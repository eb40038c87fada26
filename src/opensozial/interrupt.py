"""Ctrl-C and SIGTERM end a command at once and quietly (the CLI exits with 130).

Two things stand in the way. CP-SAT catches Ctrl-C itself: it stops its current search
and planning simply goes on, so the plan is finished and written as if nothing had
been pressed. And a Python signal handler only runs once the C++ search returns,
which can be seconds later. So every CP-SAT solver of the planner (made in one place,
``solve/clock.py``) leaves the signals to Python and searches inside :func:`stoppable`:
for the length of the search a helper thread waits on Python's signal wake-up
descriptor and stops the search the moment a signal arrives; Python's handler then
raises :class:`KeyboardInterrupt` as usual. The helper exists only during a search, so
forking the annealing worker (which needs a single thread) is unaffected.
:func:`install` turns SIGTERM into the same interrupt, so that ``finally`` blocks run
and no temporary file is left behind.
"""

from __future__ import annotations

import os
import select
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def install() -> None:
    """SIGTERM interrupts like Ctrl-C (main thread only: signals are handled there)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _terminate)


@contextmanager
def stoppable(stop: Callable[[], None]) -> Iterator[None]:
    """Call ``stop`` from a helper thread as soon as a signal arrives during the block."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    previous = signal.set_wakeup_fd(wake_write, warn_on_full_buffer=False)
    done = threading.Event()

    def wait() -> None:
        select.select([wake_read], [], [])
        if not done.is_set():
            stop()

    helper = threading.Thread(target=wait, name="interrupt", daemon=True)
    helper.start()
    try:
        yield
    finally:
        done.set()
        signal.set_wakeup_fd(previous)
        os.write(wake_write, b"\0")
        helper.join()
        os.close(wake_read)
        os.close(wake_write)
