"""Solver quality at every event size, side by side with the baselines and the bound.

    python benchmarks/run.py                       # every preset and W3C Breakouts Day 2024
    python benchmarks/run.py --preset opensozial --time 5
    python benchmarks/run.py --budget-only         # ours and naive without the wall-clock cap

For each instance, every method runs in its own subprocess (so peak memory, ru_maxrss,
is that method's alone) on the same event file, with the same time: opensozial, a
naive CP-SAT model (session × slot × room booleans, no hint, no LNS), the greedy
baseline and PyPI ``conference-scheduler`` (``pip install -e '.[bench]'``). Every grid
is scored by our independent checker. Prints one Markdown table; the columns:

* clashes — attendee conflicts + declared "avoid" pairs in parallel (the checker's);
* ≥ — proven lower bound on conflicts ("at least … unavoidable");
* cert. gap — certified gap, (conflicts − ≥) / conflicts: how much of the grid's conflicts
  the proof leaves open (0.0 %: proven optimal);
* gap — objective above the solver's proven bound on the objective;
* vs best — objective above the best known grid (``reference.json``, or better found here);
* quick s / quick — wall seconds and clashes of a 1-deterministic-second run (first grid);
* stop — what ended our run: ``budget`` (deterministic, the same on every machine) or
  ``wall clock`` (the time ran out in wall seconds first: such a grid depends on the machine);
* ×naive, ×greedy, ×c-s — a baseline's clashes divided by ours (>1: ours is better);
* sat — MinneBar's satisfaction score, rescaled random grid = 0 % … ideal = 100 %.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import PRESETS, generate
from satisfaction import baseline, ideal, rescaled, score

from opensozial.check import check
from opensozial.load import load_event
from opensozial.plan import Assignment, Metrics, Placed, Plan
from opensozial.solve.problem import build_instance
from opensozial.solve.score import evaluate, weighted

# Time per method (deterministic seconds for ours and naive CP-SAT, CBC seconds for
# conference-scheduler), chosen so that our wall time stays within the targets.
DEFAULT_TIME = {
    "afterwork": 1,
    "opensozial": 5,
    "werkstatt": 8,
    "minnebar": 40,
    "huge": 40,
    "w3c": 1,
}
QUICK = 1.0
BUDGET_VARIANTS = ("naive",)  # peers that also run on the deterministic budget alone
INSTANCES = [*PRESETS, "w3c"]
PEERS = ["naive", "greedy", "conference-scheduler"]


def worker(method: str, event_path: str, seconds: float, out: str) -> None:
    """Child process: one method on one event; writes its grid, extras, wall and memory."""
    import peers

    began = time.perf_counter()
    event = load_event(Path(event_path))
    grid, extra = peers.METHODS[method](event, seconds)
    wall = time.perf_counter() - began
    # KiB -> MiB (Linux). Our annealing runs half its work in a forked worker: count both
    # processes' peaks (an upper bound of what the two held at once).
    peak = (
        sum(
            resource.getrusage(who).ru_maxrss
            for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        )
        / 1024
    )
    Path(out).write_text(
        json.dumps(
            {
                "grid": {k: [r, list(s)] for k, (r, s) in grid.items()},
                "extra": extra,
                "wall": wall,
                "peak_mib": peak,
            }
        )
    )


def run_method(method: str, event_path: Path, seconds: float, tmp: Path) -> dict:
    out = tmp / f"{method}-{seconds}.json"
    try:
        subprocess.run(
            [sys.executable, __file__, "--worker", method, str(event_path), str(seconds), str(out)],
            check=True,
            timeout=3 * seconds + 120,
            capture_output=True,
            text=True,
        )
    except subprocess.TimeoutExpired:
        return {"error": "timeout"}
    except subprocess.CalledProcessError as exc:
        last = (exc.stderr.strip().splitlines() or ["failed"])[-1]
        return {"error": last[:60]}
    data = json.loads(out.read_text())
    data["grid"] = {k: (r, tuple(s)) for k, (r, s) in data["grid"].items()}
    return data


def judge(event, grid) -> dict:
    """Our checker's verdict and figures, the objective, and the satisfaction score."""
    plan = Plan(
        "unchecked",
        0,
        0,
        [Assignment(k, r, s) for k, (r, s) in grid.items()],
        [],
        Metrics(0, 0, 0, 0),
    )
    result = check(event, plan)
    problem = build_instance(event)
    placed = {k: Placed(s, r) for k, (r, s) in grid.items()}
    return {
        "ok": result.ok,
        "clashes": result.metrics.conflicts + result.metrics.avoid_clashes,
        "unscheduled": result.metrics.unscheduled_sessions,
        "objective": sum(weighted(problem, evaluate(problem, placed)).values()),
        "satisfaction": score(event, grid),
    }


def instance_file(name: str, tmp: Path) -> tuple[Path, dict | None]:
    path = tmp / f"{name}.yaml"
    if name == "w3c":
        import w3c

        raw = w3c.load_raw()
        path.write_text(w3c.event_yaml(raw), encoding="utf-8")
        actual = {a.session: (a.room, a.slots) for a in w3c.actual_plan(raw).assignments}
        return path, actual
    path.write_text(generate(name).text, encoding="utf-8")
    return path, None


def bench(
    name: str,
    seconds: float,
    tmp: Path,
    reference: dict,
    budget_only: bool = False,
    peers: bool = True,
) -> list[dict]:
    path, actual = instance_file(name, tmp)
    event = load_event(path)
    people = len({p for s in event.sessions for p in s.people})
    low, high = baseline(event), ideal(event)
    row: dict = {
        "instance": name,
        "sessions": len(event.sessions),
        "grid": f"{len(event.rooms)}×{len(event.session_slots)}",
        "people": people,
    }
    mine = "ours-budget" if budget_only else "ours"
    results = {
        "ours": run_method(mine, path, seconds, tmp),
        "quick": run_method(mine, path, QUICK, tmp),
    }
    for peer in PEERS if peers else []:
        method = f"{peer}-budget" if budget_only and peer in BUDGET_VARIANTS else peer
        results[peer] = run_method(method, path, seconds, tmp)
    judged = {m: judge(event, r["grid"]) if "grid" in r else None for m, r in results.items()}
    best = min(
        [
            j["objective"]
            for j in judged.values()
            if j and j["ok"] and j["unscheduled"] <= judged["ours"]["unscheduled"]
        ]
        + [reference.get(name, {}).get("objective", float("inf"))]
    )
    ours, extra = judged["ours"], results["ours"]["extra"]
    row.update(
        {
            "clashes": ours["clashes"],
            "bound": extra["conflicts_bound"],
            "cert. gap": _pct(extra["conflicts"] - extra["conflicts_bound"], extra["conflicts"]),
            "gap": _pct(ours["objective"] - extra["bound"], ours["objective"]),
            "vs best": _pct(ours["objective"] - best, best),
            "wall s": f"{results['ours']['wall']:.1f}",
            "MiB": f"{results['ours']['peak_mib']:.0f}",
            "stop": extra["stopped_by"].replace("_", " "),
            "quick s": f"{results['quick']['wall']:.1f}",
            "quick": judged["quick"]["clashes"],
            "sat": _pct(rescaled(ours["satisfaction"], low, high), 1)
            + f" ({ours['satisfaction']:.3f})",
        }
    )
    for peer in PEERS if peers else []:
        j = judged[peer]
        if j is None:
            row[peer] = f"n/a ({results[peer]['error']})"
            row["×" + peer] = "–"
            continue
        row[peer] = (
            f"{j['clashes']}"
            + ("" if j["ok"] else " (invalid)")
            + (f", {j['unscheduled']} dropped" if j["unscheduled"] > ours["unscheduled"] else "")
        )
        row["×" + peer] = f"{j['clashes'] / ours['clashes']:.2f}" if ours["clashes"] else "–"
        row["sat " + peer] = _pct(rescaled(j["satisfaction"], low, high), 1)
    rows = [row]
    if actual is not None:  # the grid that was really used
        j = judge(event, actual)
        rows.append(
            {
                "instance": f"{name} (grid used)",
                "sessions": row["sessions"],
                "grid": row["grid"],
                "people": people,
                "clashes": j["clashes"],
            }
        )
    return rows


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "0.0%"


COLUMNS = [
    "instance",
    "sessions",
    "grid",
    "people",
    "clashes",
    "bound",
    "cert. gap",
    "gap",
    "vs best",
    "wall s",
    "stop",
    "MiB",
    "quick s",
    "quick",
    "naive",
    "greedy",
    "conference-scheduler",
    "×naive",
    "×greedy",
    "×conference-scheduler",
    "sat",
    "sat naive",
    "sat greedy",
    "sat conference-scheduler",
]
HEADERS = {
    "bound": "≥",
    "grid": "rooms×slots",
    "conference-scheduler": "conf.-sched.",
    "×conference-scheduler": "×c-s",
    "sat conference-scheduler": "sat c-s",
}


def table(rows: list[dict]) -> str:
    lines = [
        "| " + " | ".join(HEADERS.get(c, c) for c in COLUMNS) + " |",
        "|" + "|".join("---" for _ in COLUMNS) + "|",
    ]
    for row in rows:
        lines.append("| " + " | ".join(str(row.get(c, "")) for c in COLUMNS) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--worker"]:
        worker(argv[1], argv[2], float(argv[3]), argv[4])
        return 0
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--preset", action="append", choices=INSTANCES, help="repeatable; default: all"
    )
    parser.add_argument(
        "--time", type=float, help="seconds per method (default: per preset, see DEFAULT_TIME)"
    )
    parser.add_argument(
        "--budget-only",
        action="store_true",
        help="ours and naive CP-SAT without the wall-clock cap: grids that do not "
        "depend on how busy the machine is",
    )
    parser.add_argument(
        "--no-peers", action="store_true", help="only opensozial (its bound and gap), no baselines"
    )
    args = parser.parse_args(argv)
    ref_path = HERE / "reference.json"
    reference = json.loads(ref_path.read_text()) if ref_path.exists() else {}
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.preset or INSTANCES:
            seconds = args.time or DEFAULT_TIME[name]
            rows += bench(
                name, seconds, Path(tmp), reference, args.budget_only, peers=not args.no_peers
            )
            print(f"done: {name}", file=sys.stderr, flush=True)
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
