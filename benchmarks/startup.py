"""Start-up time of the commands that do not plan (issue #14: each within 0.3 s).

    .venv/bin/python benchmarks/startup.py                     # afterwork-barcamp, 9 runs
    .venv/bin/python benchmarks/startup.py --example open-sozial-tag --runs 15
    .venv/bin/python benchmarks/startup.py --module            # python -m opensozial

Copies a shipped example into a temporary folder, plans it twice there (two saved plans
for ``diff``; ``examples/`` is never touched), then runs every command N times, each in a
fresh process after one warm-up, through the ``opensozial`` console script beside this
Python (what a user types). Prints a Markdown table of wall seconds: the best run (what
the machine can do) and the median (what a busy shared machine did); the best CPU
seconds (user + system), which other work on the machine hardly changes; and the load
average before and after.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# This checkout, not an installed copy; with bytecode caching on, as a user has it (a shell
# with PYTHONDONTWRITEBYTECODE set would otherwise compile every module on every run).
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
       "PYTHONPATH": str(ROOT / "src")}


def commands(event: str, plan: str) -> list[tuple[str, list[str]]]:
    """The timed command lines: a name for the table, and the arguments."""
    return [
        ("--version", ["--version"]),
        ("--help", ["--help"]),
        ("check", ["check", event, plan]),
        ("show", ["show", event]),
        ("show --now", ["show", event, "--now", "11:00"]),
        ("history", ["history", event]),
        ("diff", ["diff", "1", "2", "--event", event]),
        ("export csv", ["export", event, "--to", "csv", "-o", "plan.csv"]),
        ("export markdown", ["export", event, "--to", "markdown", "-o", "plan.md"]),
    ]


# What every command that reads an event pays before any code of ours runs: the libraries
# alone (typer checks its parameters with pydantic), in a bare interpreter.
FLOOR = ("floor: typer, pydantic, rich, PyYAML",
         [sys.executable, "-c", "import typer, typer._adapters, rich.console, yaml"])


def launcher(module: bool) -> list[str]:
    """``opensozial`` as installed beside this Python, or ``python -m opensozial``."""
    script = Path(sys.executable).parent / "opensozial"
    if module or not script.exists():
        return [sys.executable, "-m", "opensozial"]
    return [str(script)]


def timed(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one fresh process, output discarded.

    CPU time barely grows when other processes compete for the cores; wall time does.
    """
    began, cpu = time.perf_counter(), _children_cpu()
    subprocess.run(argv, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    return time.perf_counter() - began, _children_cpu() - cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--example", default="afterwork-barcamp",
                        help="a file in examples/, without .yaml")
    parser.add_argument("--runs", type=int, default=9, help="fresh processes per command")
    parser.add_argument("--module", action="store_true", help="time python -m opensozial")
    args = parser.parse_args()
    run = launcher(args.module)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        event = folder / f"{args.example}.yaml"
        shutil.copy(ROOT / "examples" / event.name, event)
        for seed in ("0", "1"):  # two saved plans: history lists both, diff compares them
            subprocess.run([*run, "plan", event.name, "--time-limit", "1", "--seed", seed,
                            "-f", "json", "-o", "plan.json"],
                           cwd=folder, env=ENV, check=True, capture_output=True)
        load_before = os.getloadavg()
        print(f"{' '.join(Path(a).name for a in run)} on examples/{event.name}, "
              f"{args.runs} runs each\n")
        print("| command | best s | median s | best CPU s |\n|---|---:|---:|---:|")
        lines = [(name, [*run, *argv]) for name, argv in commands(event.name, "plan.json")]
        for name, argv in [*lines, FLOOR]:
            timed(argv, folder)  # a warm-up: caches bytecode and disk pages
            walls, cpus = zip(*(timed(argv, folder) for _ in range(args.runs)))
            print(f"| `{name}` | {min(walls):.2f} | {statistics.median(walls):.2f} "
                  f"| {min(cpus):.2f} |", flush=True)
        loads = ", ".join(f"{a:.2f}→{b:.2f}" for a, b in zip(load_before, os.getloadavg()))
        print(f"\nload average (1, 5, 15 min), before→after: {loads}")


if __name__ == "__main__":
    main()
