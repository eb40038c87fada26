"""Solver quality over several solver seeds, on the deterministic budget alone.

    .venv/bin/python benchmarks/seeds.py                                  # every preset, seeds 0-4
    .venv/bin/python benchmarks/seeds.py --preset opensozial --seeds 8 --json /tmp/new.json
    PYTHONPATH=/abs/old/checkout/src .venv/bin/python benchmarks/seeds.py --json /tmp/old.json
    .venv/bin/python benchmarks/seeds.py --compare /tmp/old.json /tmp/new.json

One seed's figure in ``run.py``'s table is one draw: the annealing and CP-SAT seeds move
a preset's clashes by more than many a change to the solver does. This script solves each
preset (``generate.py``, event seed 1 as in ``run.py``; only the solver seed varies) for
solver seeds 0..N-1 at the preset's time from ``run.py``'s ``DEFAULT_TIME`` ("full") and
at its 1-second ``QUICK`` budget ("quick", the first grid), with
``SolveOptions(time_limit=T, seed=s, wall_limit=math.inf)``: without the wall-clock cap,
so every grid is the one an idle machine gives, however busy this one is (only the wall
seconds depend on the load). Each solve runs in a fresh subprocess (annealing forks a
worker), one at a time. Prints a Markdown table per preset: per seed the clashes
(attendee conflicts + avoid pairs in parallel, by the independent checker, as ``run.py``
counts them), the sessions left waiting (their voters cannot clash, so clashes compare
only at equal waiting), the objective and its gap to the best known grid
(``reference.json``, or the best found in this run, as ``run.py`` takes it), then
min / median / mean / max.

It measures whichever source tree ``PYTHONPATH`` puts first (an absolute path to a
checkout's ``src``; the venv's editable install otherwise), so the same script compares
an old commit with today's: ``git worktree add --detach /tmp/base <commit>``, run once
with ``PYTHONPATH=/tmp/base/src`` and once with a worktree of today's commit (a checkout
someone edits changes under a long run), each with ``--json``, then ``--compare`` the two
files (no solving: one common best known grid for both). From ``opensozial`` it uses
only ``load_event``, ``SolveOptions``, ``solve`` and the checker; an option the tree does
not have is left out (a tree without ``wall_limit`` has no wall-clock cap but the LNS
sub-solves' safety net), and where ``run.py``'s ``judge`` does not import (older trees)
the checker scores the solver's own plan and the objective is the plan's.
"""

from __future__ import annotations

import argparse
import ast
import dataclasses
import json
import math
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import PRESETS, generate

BUDGETS = ("quick", "full")


def run_constants() -> tuple[dict[str, float], float]:
    """``DEFAULT_TIME`` and ``QUICK`` as ``run.py`` defines them, read without importing it
    (its module-level imports of ``opensozial`` are today's, which an old tree lacks)."""
    tree = ast.parse((HERE / "run.py").read_text(encoding="utf-8"))
    found: dict[str, Any] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target = node.targets[0]
            if isinstance(target, ast.Name) and target.id in ("DEFAULT_TIME", "QUICK"):
                found[target.id] = ast.literal_eval(node.value)
    return found["DEFAULT_TIME"], float(found["QUICK"])


def reference() -> dict[str, dict]:
    path = HERE / "reference.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


# --- child process: one solve ---------------------------------------------------------


def worker(event_path: str, seconds: float, seed: int, out: str) -> None:
    """Solve one event with one seed on the budget alone; write the grid and its figures."""
    import opensozial
    from opensozial.load import load_event
    from opensozial.solve import SolveOptions, solve

    load = os.getloadavg()[0]
    began = time.perf_counter()
    event = load_event(Path(event_path))
    kwargs: dict[str, Any] = {"time_limit": seconds, "seed": seed}
    fields = {f.name for f in dataclasses.fields(SolveOptions)}
    if "wall_limit" in fields:
        kwargs["wall_limit"] = math.inf
    plan = solve(event, SolveOptions(**kwargs))
    wall = time.perf_counter() - began
    cpu = sum(
        usage.ru_utime + usage.ru_stime
        for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )
    grid = {a.session: (a.room, tuple(a.slots)) for a in plan.assignments}
    figures = judge(event, plan, grid)
    Path(out).write_text(
        json.dumps(
            {
                **figures,
                "plan_objective": plan.objective,
                "stopped_by": plan.solver.get("stopped_by", "budget (no wall cap in this tree)"),
                "wall_limit": "inf" if "wall_limit" in kwargs else "none in this tree",
                "wall": wall,
                "cpu": cpu,
                "load": load,
                "source": str(Path(opensozial.__file__).resolve().parent.parent),
                "grid": {k: [r, list(s)] for k, (r, s) in grid.items()},
            }
        ),
        encoding="utf-8",
    )


def judge(event: Any, plan: Any, grid: dict[str, tuple[str, tuple[str, ...]]]) -> dict:
    """``run.py``'s judge where it imports; else the checker on the solver's own plan."""
    try:
        from run import judge as run_judge

        j = run_judge(event, grid)
        return {
            "ok": j["ok"],
            "clashes": j["clashes"],
            "unscheduled": j["unscheduled"],
            "objective": j["objective"],
            "scorer": "run.judge",
        }
    except (ImportError, TypeError):  # an older tree: other module names or Plan fields
        from opensozial.check import check

        result = check(event, plan)
        return {
            "ok": result.ok,
            "clashes": result.metrics.conflicts + result.metrics.avoid_clashes,
            "unscheduled": result.metrics.unscheduled_sessions,
            "objective": plan.objective,
            "scorer": "check + plan.objective",
        }


# --- parent: the seeds, one subprocess each -------------------------------------------


def solve_once(event_path: Path, seconds: float, seed: int, tmp: Path) -> dict:
    out = tmp / f"{event_path.stem}-{seconds:g}-{seed}.json"
    done = subprocess.run(
        [sys.executable, __file__, "--worker", str(event_path), str(seconds), str(seed), str(out)],
        check=False,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        last = (done.stderr.strip().splitlines() or ["failed"])[-1]
        return {"error": last[:200]}
    return json.loads(out.read_text(encoding="utf-8"))


def measure(
    presets: list[str], seeds: int, budgets: tuple[str, ...], json_out: Path | None
) -> dict:
    default_time, quick = run_constants()
    data: dict[str, Any] = {
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "pythonpath": os.environ.get("PYTHONPATH", ""),
        "source": "?",
        "results": [],
    }
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for preset in presets:
            path = tmp / f"{preset}.yaml"
            path.write_text(generate(preset, seed=1).text, encoding="utf-8")
            for seed in range(seeds):
                for budget in budgets:
                    seconds = quick if budget == "quick" else float(default_time[preset])
                    result = solve_once(path, seconds, seed, tmp)
                    result.update(preset=preset, budget=budget, seconds=seconds, seed=seed)
                    data["results"].append(result)
                    data["source"] = result.get("source", data["source"])
                    if json_out:  # after every solve: a long run that is cut keeps its part
                        json_out.write_text(json.dumps(data, indent=1), encoding="utf-8")
                    print(f"{preset} {budget} seed {seed}: {_brief(result)}", file=sys.stderr)
    return data


def _brief(result: dict) -> str:
    if "error" in result:
        return "error: " + result["error"]
    return f"{result['clashes']} clashes, objective {result['objective']}, {result['wall']:.1f} s"


# --- tables ---------------------------------------------------------------------------


def best_known(preset: str, results: list[dict]) -> tuple[float, str]:
    """The best known objective: ``reference.json``, or a better valid grid found here."""
    ref = reference().get(preset, {}).get("objective", math.inf)
    found = min(
        (r["objective"] for r in results if r["preset"] == preset and r.get("ok")),
        default=math.inf,
    )
    return (ref, "reference.json") if ref <= found else (found, "best found in these runs")


STAT_NAMES = ("min", "median", "mean", "max")
# The figures of a grid, from a result and the best known objective.
FIGURES: dict[str, Any] = {
    "clashes": lambda r, best: r["clashes"],
    "waiting": lambda r, best: r["unscheduled"],  # sessions left out: their voters cannot clash
    "objective": lambda r, best: r["objective"],
    "vs best %": lambda r, best: 100 * (r["objective"] - best) / best if best else 0.0,
}


def _num(value: float, figure: str) -> str:
    """Exact where the value is whole; percentages and fractions to two decimals."""
    if figure != "vs best %" and float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}"


def _stats(values: list[float], figure: str) -> list[str]:
    """min / median / mean / max; the mean always with two decimals."""
    if not values:
        return ["–"] * 4
    middle = (min(values), statistics.median(values), statistics.fmean(values), max(values))
    cells = [_num(v, figure) for v in middle]
    cells[2] = f"{middle[2]:.2f}"
    return cells


def preset_table(preset: str, results: list[dict], best: float) -> str:
    """Per seed and budget the figures and wall seconds; then min / median / mean / max."""
    mine = [r for r in results if r["preset"] == preset]
    budgets = [b for b in BUDGETS if any(r["budget"] == b for r in mine)]
    header = ["seed"]
    for budget in budgets:
        header += [f"{budget} {figure}" for figure in FIGURES] + [f"{budget} s"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    by_key = {(r["seed"], r["budget"]): r for r in mine}
    for seed in sorted({r["seed"] for r in mine}):
        cells = [str(seed)]
        for budget in budgets:
            r = by_key.get((seed, budget), {"error": "not run"})
            if "error" in r:
                cells += [f"n/a ({r['error']})"] + [""] * len(FIGURES)
                continue
            cells += [_num(f(r, best), figure) for figure, f in FIGURES.items()]
            cells[-len(FIGURES)] += "" if r["ok"] else " (invalid)"
            cells.append(f"{r['wall']:.1f}")
        lines.append("| " + " | ".join(cells) + " |")
    stats = {
        (budget, figure): _stats(
            [f(r, best) for r in mine if r["budget"] == budget and r.get("ok")], figure
        )
        for budget in budgets
        for figure, f in FIGURES.items()
    }
    for index, name in enumerate(STAT_NAMES):
        cells = [name]
        for budget in budgets:
            cells += [stats[budget, figure][index] for figure in FIGURES] + [""]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def report(data: dict) -> str:
    results = data["results"]
    parts = [f"Source tree: `{data.get('source', '?')}`"]
    for preset in dict.fromkeys(r["preset"] for r in results):
        best, where = best_known(preset, results)
        parts.append(f"\n### {preset} (best known objective {_num(best, '')}, {where})\n")
        parts.append(preset_table(preset, results, best))
    return "\n".join(parts)


def compare(old: dict, new: dict) -> str:
    """Old and new side by side per preset and figure, against one common best known grid."""
    lines = [
        f"old: `{old.get('source', '?')}`; new: `{new.get('source', '?')}`",
        "",
        (
            "| preset | budget | figure | seeds | old min | old median | old mean | old max "
            "| new min | new median | new mean | new max | new − old mean |"
        ),
        "|" + "---|" * 13,
    ]
    results = old["results"] + new["results"]
    for preset in dict.fromkeys(r["preset"] for r in results):
        best, _ = best_known(preset, results)
        for budget in BUDGETS:
            picked = [
                [r for r in side["results"] if r["preset"] == preset and r["budget"] == budget]
                for side in (old, new)
            ]
            if not all(picked):
                continue
            # Only the seeds both sides solved validly, so the means compare like with like.
            seeds = set.intersection(*({r["seed"] for r in rs if r.get("ok")} for rs in picked))
            for figure, f in FIGURES.items():
                cells = [preset, budget, figure, str(len(seeds))]
                means = []
                for rs in picked:
                    values = [f(r, best) for r in rs if r["seed"] in seeds]
                    cells += _stats(values, figure)
                    means.append(statistics.fmean(values) if values else math.nan)
                cells.append(f"{means[1] - means[0]:+.2f}")
                lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        worker(argv[1], float(argv[2]), int(argv[3]), argv[4])
        return 0
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--preset", action="append", choices=list(PRESETS), help="repeatable; default: all"
    )
    parser.add_argument("--seeds", type=int, default=5, help="solver seeds 0..N-1 (default 5)")
    parser.add_argument("--json", type=Path, help="save the raw results (grids too) here")
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--quick-only", action="store_true", help="only the 1-second runs")
    only.add_argument("--full-only", action="store_true", help="only the preset's own time")
    parser.add_argument(
        "--compare",
        nargs=2,
        type=Path,
        metavar=("OLD", "NEW"),
        help="no solving: two --json files side by side (one common best known grid)",
    )
    args = parser.parse_args(argv)
    if args.compare:
        old, new = (json.loads(p.read_text(encoding="utf-8")) for p in args.compare)
        print(compare(old, new))
        return 0
    budgets = ("quick",) if args.quick_only else ("full",) if args.full_only else BUDGETS
    data = measure(args.preset or list(PRESETS), args.seeds, budgets, args.json)
    print(report(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
