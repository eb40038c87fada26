"""Re-plan in a worker process, so that the web server never waits for the solver.

The solver holds Python's global interpreter lock for most of a re-plan (seconds, when
voting closes). In the same process, every phone's request would wait that long. A
single worker process, started once and kept, takes the re-plans instead; the server's
thread keeps answering in milliseconds. The worker ignores Ctrl-C (the command ends it
cleanly), and errors come back as the same typed errors the in-process re-plan raises.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import signal
import threading
import time
from concurrent.futures import ProcessPoolExecutor

from opensozial.errors import OpensozialError, Problem
from opensozial.model import Event
from opensozial.plan import Plan
from opensozial.replan import replan
from opensozial.solve import SolveOptions

Outcome = tuple[Plan | None, type[OpensozialError] | None, list[Problem]]


def _quiet(parent: int) -> None:
    """In the worker: Ctrl-C in the terminal is for the command, not for us; and when the
    command dies without ending us (killed, power cut of the terminal), we end too."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_orphaned, args=(parent,), name="parent-watch", daemon=True).start()


def _orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(0)


def _replan(
    event: Event, previous: Plan | None, now: dt.datetime | None, options: SolveOptions
) -> Outcome:
    """In the worker: the plan, or the error's class and problems (its pickling loses them)."""
    try:
        return replan(event, previous, now, options), None, []
    except OpensozialError as error:
        return None, type(error), error.problems


class PlannerProcess:
    """A callable like :func:`~opensozial.replan.replan` that runs in one kept worker process."""

    def __init__(self) -> None:
        context = multiprocessing.get_context("spawn")  # no fork of a process with a server thread
        self._pool = ProcessPoolExecutor(
            max_workers=1, mp_context=context, initializer=_quiet, initargs=(os.getpid(),)
        )

    def __call__(
        self, event: Event, previous: Plan | None, now: dt.datetime | None, options: SolveOptions
    ) -> Plan:
        plan, error, problems = self._pool.submit(_replan, event, previous, now, options).result()
        if error is not None:
            raise error(problems)
        assert plan is not None
        return plan

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
