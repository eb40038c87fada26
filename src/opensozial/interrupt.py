"""Ctrl-C and SIGTERM end a command at once and quietly (the CLI exits with 130).

Two things stand in the way. CP-SAT catches Ctrl-C itself: it stops its current search
and planning simply goes on, so the plan is finished and written as if nothing had
been pressed. And a Python signal handler only runs once the C++ search returns,
which can be seconds later. So :func:`install` makes every CP-SAT search leave the
signals to Python and run :func:`stoppable`: for the length of the search a helper
thread waits on Python's signal wake-up descriptor and stops the search the moment a
signal arrives; Python's handler then raises :class:`KeyboardInterrupt` as usual.
The helper exists only during a search, so forking the annealing worker (which needs
a single thread) is unaffected. SIGTERM is turned into the same interrupt, so that
``finally`` blocks run and no temporary file is left behind.
"""

from __future__ import annotations

import functools
import os
import select
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ortools.sat.python import cp_model


def _terminate(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def _forked_child() -> None:
    """A forked worker leaves Ctrl-C to its parent, which ends it; SIGTERM ends it silently.

    Without this, Ctrl-C (sent to the whole process group) and the parent's clean-up
    would each print a worker traceback.
    """
    signal.set_wakeup_fd(-1)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def install() -> None:
    """SIGTERM interrupts like Ctrl-C, and CP-SAT searches stop at either (main thread only).

    The solver is not imported here (commands that do not plan start faster without it):
    a command that plans calls this again once the solver is loaded.
    """
    if threading.current_thread() is not threading.main_thread():
        return
    signal.signal(signal.SIGTERM, _terminate)
    loaded = sys.modules.get("ortools.sat.python.cp_model")
    if loaded is not None and not getattr(loaded.CpSolver.solve, "stoppable", False):
        loaded.CpSolver.solve = _stoppable_solve(loaded.CpSolver.solve)
        os.register_at_fork(after_in_child=_forked_child)  # once per process, like the patch


def _stoppable_solve(solve: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(solve)
    def wrapper(self: cp_model.CpSolver, *args: Any, **kwargs: Any) -> Any:
        self.parameters.catch_sigint_signal = False
        with stoppable(self.stop_search):
            return solve(self, *args, **kwargs)

    wrapper.stoppable = True  # type: ignore[attr-defined]
    return wrapper


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
