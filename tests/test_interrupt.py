"""Ctrl-C or SIGTERM during a plan takes the annealing workers down with the planner.

The planner forks workers for its annealing runs (one per usable core beyond the
first). A killed planner must not leave one running on (it used to for three seconds),
and an interrupted ``solve()`` must raise KeyboardInterrupt with no child left behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc (Linux only)"),
    pytest.mark.skipif(
        sys.platform.startswith("linux") and len(os.sched_getaffinity(0)) < 2,
        reason="with one usable core the planner forks no worker",
    ),
]
EVENT = next(p for p in EXAMPLES if "open-sozial" in p.name)


def children(pid: int) -> set[int]:
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            continue
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has ended; only its exit status is left


def wait_for_worker(process: subprocess.Popen) -> int:
    """The first worker the planner forks (the annealing stage starts after a few seconds),
    once it is well into its runs: a worker still waiting for its job would end anyway."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        found = children(process.pid)
        if found:
            time.sleep(0.5)
            worker = min(found)
            assert alive(worker), "the worker ended before the test could interrupt it"
            return worker
        time.sleep(0.02)
    pytest.fail("the planner forked no annealing worker within 60 s")


def assert_gone_soon(pid: int) -> None:
    deadline = time.monotonic() + 1.0
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not alive(pid), "an annealing worker outlived the planner"


def start(command: list[str]) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_sigterm_to_the_planner_takes_its_workers_down_at_once(tmp_path):
    plan = start(
        [
            sys.executable,
            "-m",
            "opensozial",
            "plan",
            str(EVENT),
            "--time-limit",
            "30",
            "--no-history",
            "-o",
            str(tmp_path / "plan.json"),
        ]
    )
    try:
        worker = wait_for_worker(plan)
        plan.send_signal(signal.SIGTERM)
        plan.wait(timeout=10)
        assert_gone_soon(worker)
    finally:
        plan.kill()
        plan.communicate()
    assert not (tmp_path / "plan.json").exists()  # nothing half-written


def test_ctrl_c_in_solve_raises_keyboard_interrupt_and_leaves_no_child():
    script = textwrap.dedent(f"""
        import sys
        from opensozial.load import load_event
        from opensozial.solve import SolveOptions, solve
        try:
            solve(load_event({str(EVENT)!r}), SolveOptions(time_limit=30))
        except KeyboardInterrupt:
            print("interrupted", flush=True)
            sys.exit(130)
    """)
    planner = start([sys.executable, "-c", script])
    try:
        worker = wait_for_worker(planner)
        planner.send_signal(signal.SIGINT)
        out, err = planner.communicate(timeout=10)
        assert planner.returncode == 130, err
        assert out.strip() == "interrupted"
        assert "Traceback" not in err
        assert_gone_soon(worker)
    finally:
        planner.kill()
