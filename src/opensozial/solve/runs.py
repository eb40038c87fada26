"""Independent annealing runs from one start, spread over the cores this process may use.

The annealing landscape of a barcamp day has a few deep basins, and one run settles in
one of them: on the ``opensozial`` preset about half the runs end within 1 % of the best
grid known, whatever their length beyond a few chains. Several independent runs, best
kept, make a good grid nearly certain. They share nothing, so they run side by side: on
*n* usable cores (``os.sched_getaffinity``: a container or ``taskset`` may allow fewer
than the machine has) *n − 1* forked workers (no re-import, no copying of the event)
take their share of the runs.

The result never depends on where a run ran: how many runs there are and each run's
seed and iteration count come from the event and the options only, and the best is
chosen by (cost, run number). Where forking is unsafe or unavailable (Windows; a process
with other threads, such as ``watch`` and ``serve``) the runs go one after another.

A worker never outlives the planner: on Linux the kernel kills it when the planner dies
(``PR_SET_PDEATHSIG``), everywhere it stops when its parent changes (checked with the
wall clock), it ignores Ctrl-C (the planner handles it for the whole process group), and
the planner kills its workers on any way out of ``best_of``, also a KeyboardInterrupt.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import NamedTuple

from opensozial.solve.anneal import Annealer
from opensozial.solve.problem import Choice, Instance

Run = tuple[int, int]  # seed, iterations
Result = tuple[dict[str, Choice], int, bool]  # grid, cost, whether the wall clock ended it
Stop = Callable[[], bool] | None
PR_SET_PDEATHSIG = 1


class Job(NamedTuple):
    """What a worker needs (inherited through the fork, never pickled)."""

    instance: Instance
    chosen: dict[str, Choice]
    runs: list[Run]
    hot: float
    cold: float
    deadline: float | None
    parent: int  # the planner's process id


def usable_cores() -> int:
    """The cores this process may run on (its affinity mask), not the machine's count."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows: no affinity masks
        return max(1, os.cpu_count() or 1)


def best_of(
    instance: Instance,
    chosen: dict[str, Choice],
    runs: list[Run],
    hot: float,
    cold: float,
    deadline: float | None = None,
) -> Result:
    """Anneal once per (seed, iterations) from ``chosen``; the cheapest grid, earliest on
    ties, and whether the wall clock (``deadline``, ``time.monotonic()``) cut any run."""
    lanes = min(usable_cores(), len(runs)) if _can_fork() else 1
    results: list[Result | None] = [None] * len(runs)
    workers: list[tuple[BaseProcess, Connection]] = []
    try:
        for lane in range(1, lanes):
            context = multiprocessing.get_context("fork")
            mine, theirs = context.Pipe(duplex=False)
            job = Job(instance, chosen, runs[lane::lanes], hot, cold, deadline, os.getpid())
            process = context.Process(target=_worker, args=(theirs, job), daemon=True)
            with _sigint_deferred():
                process.start()
            theirs.close()
            workers.append((process, mine))
        stop = _stopper(deadline, None)
        for k in range(0, len(runs), lanes):
            results[k] = _one(instance, chosen, runs[k], hot, cold, stop)
        for lane, (_, pipe) in enumerate(workers, start=1):
            try:
                done: list[Result] = pipe.recv()
            except (EOFError, OSError):  # the worker died: its runs are done here instead
                done = [_one(instance, chosen, run, hot, cold, stop) for run in runs[lane::lanes]]
            results[lane::lanes] = done
    finally:
        for worker, pipe in workers:
            if worker.is_alive():
                worker.kill()
            worker.join()
            pipe.close()
    complete = [r for r in results if r is not None]
    number = min(range(len(complete)), key=lambda k: (complete[k][1], k))
    grid, cost, _ = complete[number]
    return grid, cost, any(cut for _, _, cut in complete)


def _one(
    instance: Instance, chosen: dict[str, Choice], run: Run, hot: float, cold: float, stop: Stop
) -> Result:
    seed, iterations = run
    annealer = Annealer(instance, chosen, seed)
    grid, cost = annealer.run(iterations, hot, cold, stop=stop)
    return grid, cost, annealer.stopped


def _stopper(deadline: float | None, parent: int | None) -> Stop:
    """Ask the wall clock, and in a worker whether the planner is still there."""
    if deadline is None and parent is None:
        return None

    def stop() -> bool:
        late = deadline is not None and time.monotonic() >= deadline
        return late or (parent is not None and os.getppid() != parent)

    return stop


def _worker(pipe: Connection, job: Job) -> None:
    """A forked worker: die with the planner, leave Ctrl-C to it, send back its runs.

    SIGTERM (sent to the whole process group) ends it silently instead of raising the
    planner's KeyboardInterrupt here too, which would print a worker traceback.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.set_wakeup_fd(-1)
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != job.parent:  # the planner died before the line above took effect
        os._exit(1)
    stop = _stopper(job.deadline, job.parent)
    pipe.send([_one(job.instance, job.chosen, run, job.hot, job.cold, stop) for run in job.runs])
    pipe.close()


@contextmanager
def _sigint_deferred() -> Iterator[None]:
    """Hold Ctrl-C back while forking: a KeyboardInterrupt raised in an at-fork hook is
    printed and swallowed, and the planner would run on. It arrives right after."""
    mask = getattr(signal, "pthread_sigmask", None)
    if mask is None:
        yield
        return
    mask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        mask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _can_fork() -> bool:
    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
