"""The certified conflicts bound, held to brute force and exhaustive search.

The pricer must find each slot's best configuration exactly (or, when stopped early, a
value no larger), and every bound the column generation reports must lie at or below
the true optimum of tiny random events with rooms, features, hosts, two-slot sessions,
unavailable slots and pins. Exhaustive search here places sessions into concrete rooms
(a two-slot session keeps its room), so it is a different computation from the one
under test.
"""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest
from conftest import make_event

from opensozial.placements import placements
from opensozial.plan import Placed
from opensozial.render.certificate import conflicts_sentence, gap_percent
from opensozial.solve.bound import counting_bound
from opensozial.solve.certify import _blocks, _Run, certify, conflicts_of, prove
from opensozial.solve.clock import Clock
from opensozial.solve.pricing import price
from opensozial.solve.problem import build_instance
from opensozial.solve.score import evaluate, weighted

NAMES = ["Änne", "Jürgen", "Øystein", "Zoë", "Ağca", "Юлия", "李娜", "N.N.", "Bärbel", "Ole"]


def random_event(rng: random.Random, *, sessions: int, rooms: int, slots: int,
                 waiting: bool = False):
    """A tiny event: feature rooms, shared hosts, two-slot sessions, closed slots, a pin."""
    room_list = [(f"r{k}", rng.choice([5, 10, 20]), ["beamer"] if k == 0 else [])
                 for k in range(rooms)]
    slot_ids = [f"s{k}" for k in range(slots)]
    cells = rooms * slots
    count = sessions if waiting else min(sessions, cells - 1)
    items: list[dict[str, object]] = []
    for k in range(count):
        item: dict[str, object] = {
            "id": f"t{k}", "title": f"Thema {k} (Sozialraumentwicklungsplanung)",
            "hosts": [rng.choice(NAMES)], "votes": rng.sample(NAMES, rng.randint(1, 5))}
        roll = rng.random()
        if roll < 0.15 and slots >= 2:
            item["length"] = 2
        elif roll < 0.3:
            item["needs"] = ["beamer"]
        elif roll < 0.45 and slots >= 2:
            item["unavailable"] = [rng.choice(slot_ids)]
        items.append(item)
    if rng.random() < 0.3:
        items[0]["pinned"] = {"slot": slot_ids[0]}
        items[0].pop("length", None)
        items[0].pop("unavailable", None)
    return make_event(room_list, slot_ids, items)


def exhaustive(problem, event, max_waiting: int) -> int | None:
    """Least conflicts over every real grid (rooms included) with at most ``max_waiting``
    sessions left out (never a pinned one); None when no grid exists."""
    return exhaustive_values(problem, event, max_waiting)[0]


def exhaustive_values(problem, event, max_waiting: int) -> tuple[int | None, int | None]:
    """(least conflicts, least whole objective) over every real grid with at most
    ``max_waiting`` sessions left out."""
    sessions = list(event.sessions)
    options = []
    for s in sessions:
        places = [(p.slots, p.room) for p in placements(event, s)]
        options.append(places + ([None] if s.pinned is None else []))
    hosts = {s.id: set(s.person_hosts) for s in sessions}
    best: list[int | None] = [None, None]
    rooms_of: dict[str, str] = {}

    def walk(k: int, grid: dict, used: set, busy: dict, waiting: int) -> None:
        if k == len(sessions):
            value = conflicts_of(problem, grid)
            if best[0] is None or value < best[0]:
                best[0] = value
            placed = {sid: Placed(slots, rooms_of[sid]) for sid, slots in grid.items()}
            total = sum(weighted(problem, evaluate(problem, placed)).values())
            if best[1] is None or total < best[1]:
                best[1] = total
            return
        sid = sessions[k].id
        for option in options[k]:
            if option is None:
                if waiting < max_waiting:
                    walk(k + 1, grid, used, busy, waiting + 1)
                continue
            slots, room = option
            if any((slot, room) in used for slot in slots):
                continue
            if any(hosts[sid] & busy.get(slot, set()) for slot in slots):
                continue
            grid[sid] = slots
            rooms_of[sid] = room
            for slot in slots:
                used.add((slot, room))
                busy.setdefault(slot, set())
            saved = {slot: set(busy[slot]) for slot in slots}
            for slot in slots:
                busy[slot] |= hosts[sid]
            walk(k + 1, grid, used, busy, waiting)
            for slot in slots:
                used.discard((slot, room))
                busy[slot] = saved[slot]
            del grid[sid]

    walk(0, {}, set(), {}, 0)
    return best[0], best[1]


def brute_force_slot(problem, event, slot, weights):
    """Every set of the slot's items that really fits (distinct rooms by matching)."""
    items = slot.items
    hosts = {s.id: set(s.person_hosts) for s in event.sessions}
    open_rooms = problem.rooms_at[slot.id]
    rooms = sorted(open_rooms)
    values = {}
    for size in range(len(rooms) + 1):
        for combo in itertools.combinations(range(len(items)), size):
            sessions = [items[i].session for i in combo]
            if len(set(sessions)) < len(sessions):
                continue
            if any(hosts[a] & hosts[b] for a, b in itertools.combinations(sessions, 2)):
                continue
            allowed = [items[i].choice.rooms & open_rooms for i in combo]
            if not any(all(r in allowed[j] for j, r in enumerate(perm))
                       for perm in itertools.permutations(rooms, size)):
                continue
            chosen = set(sessions)
            cost = sum(count * max(0, len(wanted & chosen) - 1)
                       for wanted, count in problem.wish_groups)
            values[combo] = cost - sum(weights[i] for i in combo)
    return values


@pytest.mark.parametrize("seed", range(12))
def test_pricer_finds_each_slots_best_configuration_exactly(seed):
    rng = random.Random(seed)
    event = random_event(rng, sessions=7, rooms=3, slots=2)
    problem = build_instance(event)
    run = _Run(problem, 0, 1e9)
    for slot in run.slots:
        weights = np.array([rng.uniform(-1, 6) for _ in slot.items])
        truth = brute_force_slot(problem, event, slot, weights)
        priced = price(slot.data, weights, 0.0, 5, 10**9)
        least = min(truth.values())
        assert priced.exact
        assert priced.lower_bound == pytest.approx(least)
        assert priced.values[0] == pytest.approx(least)
        for column, value, cost in zip(priced.columns, priced.values, priced.costs, strict=True):
            assert column in truth, "the pricer returned a configuration that does not fit"
            assert value == pytest.approx(truth[column])
            assert cost - weights[list(column)].sum() == pytest.approx(value)
        # Stopped early, it still never claims more than the truth.
        stopped = price(slot.data, weights, 0.0, 5, 3)
        assert stopped.lower_bound <= least + 1e-9


@pytest.mark.parametrize("seed", range(40))
def test_every_bound_is_at_most_the_exhaustive_optimum(seed):
    rng = random.Random(1000 + seed)
    event = random_event(rng, sessions=rng.randint(3, 6), rooms=2, slots=3)
    problem = build_instance(event)
    optimum = exhaustive(problem, event, 0)
    if optimum is None:
        return
    certificate = certify(problem, budget_seconds=1.0)
    assert certificate.bound <= optimum
    if certificate.grid is not None:
        assert conflicts_of(problem, certificate.grid) >= optimum


@pytest.mark.parametrize("seed", range(30))
def test_sum_of_block_bounds_is_at_most_the_exhaustive_optimum(seed):
    """Split into blocks (as for days too large to price whole), the summed bound still
    holds for every grid, also for grids leaving sessions out."""
    rng = random.Random(5000 + seed)
    waiting = seed % 3 == 0
    event = random_event(rng, sessions=rng.randint(4, 6), rooms=2, slots=3, waiting=waiting)
    problem = build_instance(event)
    incumbent = _some_grid(event, problem, leave_out=1 if waiting else 0)
    if incumbent is None:
        return
    left_out = len(problem.choices) - len(incumbent)
    optimum = exhaustive(problem, event, left_out)
    if optimum is None:
        return
    for size in (2, 3):
        certificate = certify(problem, budget_seconds=1.0, incumbent=incumbent, block_size=size)
        assert certificate.figures["blocks"] == -(-len(problem.choices) // size)
        assert certificate.bound <= optimum
        assert certificate.proven_optimal == (certificate.bound >= conflicts_of(problem, incumbent))
        # Proved first, the blocks wait for the grid; until then the counting argument.
        proof = prove(problem, budget_seconds=1.0, incumbent=incumbent, block_size=size)
        assert proof.run is None and "blocks" not in proof.certificate.figures
        assert proof.certificate.bound == counting_bound(problem, left_out)
        later = proof.grids(incumbent, 0, Clock())
        assert later.figures["blocks"] == certificate.figures["blocks"]
        assert proof.certificate.bound <= later.bound <= optimum


def _fits_slot_by_slot(problem, event, grid) -> bool:
    """Independently of the pricer: every session at one of its starts, no host twice in
    a slot, and each slot's sessions in distinct open rooms that suit them (the
    configurations' relaxation: a two-slot session may change rooms between its slots;
    the plan's room step settles that)."""
    hosts = {s.id: set(s.person_hosts) for s in event.sessions}
    if any(slots not in {c.slots for c in problem.choices[sid]} for sid, slots in grid.items()):
        return False
    for slot, open_rooms in problem.rooms_at.items():
        here = [sid for sid, slots in grid.items() if slot in slots]
        if any(hosts[a] & hosts[b] for a, b in itertools.combinations(here, 2)):
            return False
        allowed = [next(c.rooms for c in problem.choices[sid] if c.slots == grid[sid])
                   & open_rooms for sid in here]
        if not any(all(room in allowed[k] for k, room in enumerate(rooms))
                   for rooms in itertools.permutations(sorted(open_rooms), len(here))):
            return False
    return True


def test_dive_turns_the_lp_into_real_grids():
    """The price-and-dive gives grids that fit every slot, never beat the exhaustive
    optimum, and leave no more sessions waiting than allowed; on most tiny events it
    finds one (so the test can see a dive that never does)."""
    tried = found = 0
    for seed in range(30):
        rng = random.Random(9000 + seed)
        waiting = seed % 4 == 0
        event = random_event(rng, sessions=rng.randint(4, 7), rooms=rng.randint(2, 3),
                             slots=3, waiting=waiting)
        problem = build_instance(event)
        incumbent = _some_grid(event, problem, leave_out=1 if waiting else 0)
        if incumbent is None:
            continue
        tried += 1
        left_out = len(problem.choices) - len(incumbent)
        optimum = exhaustive(problem, event, left_out)
        run = _Run(problem, left_out, 1e9)
        run.note_grid(incumbent)
        run.generate(None)
        grid = run.dive(1e9, frozenset(incumbent))
        if grid is None:
            continue
        found += 1
        assert _fits_slot_by_slot(problem, event, grid), seed
        assert set(incumbent) <= set(grid)  # only the incumbent's waiting sessions wait
        assert len(problem.choices) - len(grid) <= left_out
        assert not problem.pinned - set(grid)
        assert optimum is not None and conflicts_of(problem, grid) >= optimum
    assert tried >= 15 and found >= 0.8 * tried


@pytest.mark.parametrize("seed", range(30))
def test_counting_bound_holds_for_every_grid_leaving_as_many_waiting(seed):
    """The counting argument, exact over the waiting sets or from below, never exceeds
    the fewest conflicts of the grids that leave at most that many sessions waiting."""
    rng = random.Random(7000 + seed)
    event = random_event(rng, sessions=rng.randint(4, 7), rooms=2, slots=rng.randint(2, 3),
                         waiting=True)
    problem = build_instance(event)
    for waiting in (0, 1, 2):
        optimum = exhaustive(problem, event, waiting)
        if optimum is not None:
            assert counting_bound(problem, waiting) <= optimum, waiting


def test_counting_bound_drops_the_same_sessions_for_everyone(write_event):
    """Uli and Vera each want three sessions of a two-slot day. One session may wait: it
    spares one of them a clash, not both (the bound used to say 0)."""
    from opensozial.load import load_event

    event = load_event(write_event("""
        event: {name: Test, date: 2026-10-22}
        rooms: [{id: a, capacity: 10}, {id: b, capacity: 10}, {id: c, capacity: 10}]
        slots:
          - {id: s1, start: 10:00, end: 10:45}
          - {id: s2, start: 11:00, end: 11:45}
        sessions:
          - {id: u1, title: Gemeinwesenarbeit, votes: [Uli]}
          - {id: u2, title: Quartiersmanagement, votes: [Uli]}
          - {id: u3, title: Sozialraumanalyse, votes: [Uli]}
          - {id: v1, title: Bürgerhaushalt, votes: [Vera]}
          - {id: v2, title: Jugendbeteiligung, votes: [Vera]}
          - {id: v3, title: Ehrenamtsbörse, votes: [Vera]}
        """))
    problem = build_instance(event)
    assert counting_bound(problem, 0) == 2
    assert counting_bound(problem, 1) == 1 == exhaustive(problem, event, 1)
    assert counting_bound(problem, 2) == 0


def test_blocks_partition_the_sessions_starting_from_the_most_wanted():
    rng = random.Random(7)
    event = random_event(rng, sessions=7, rooms=3, slots=3)
    problem = build_instance(event)
    blocks = _blocks(problem, 3)
    flat = [sid for block in blocks for sid in block]
    assert sorted(flat) == sorted(problem.choices) and len(flat) == len(set(flat))
    assert all(len(block) <= 3 for block in blocks)
    votes = {sid: sum(c for wanted, c in problem.wish_groups if sid in wanted)
             for sid in problem.choices}
    assert votes[blocks[0][0]] == max(votes.values())


def _some_grid(event, problem, leave_out: int):
    """A first-fit grid of every session but the last ``leave_out`` movable ones."""
    movable = [s.id for s in event.sessions if s.pinned is None]
    skipped = set(movable[len(movable) - leave_out:]) if leave_out else set()
    grid: dict = {}
    used: set = set()
    busy: dict = {}
    for s in event.sessions:
        if s.id in skipped:
            continue
        for p in placements(event, s):
            if any((slot, p.room) in used or set(s.person_hosts) & busy.get(slot, set())
                   for slot in p.slots):
                continue
            grid[s.id] = p.slots
            used |= {(slot, p.room) for slot in p.slots}
            for slot in p.slots:
                busy.setdefault(slot, set()).update(s.person_hosts)
            break
        else:
            return None
    return grid


@pytest.mark.parametrize("seed", range(12))
def test_bound_with_waiting_sessions_holds_for_every_grid_leaving_as_many_out(seed):
    rng = random.Random(2000 + seed)
    event = random_event(rng, sessions=6, rooms=2, slots=2, waiting=True)
    problem = build_instance(event)
    # An incumbent that leaves two sessions out: the bound covers every grid doing so.
    movable = [s.id for s in event.sessions if s.pinned is None]
    left_out = set(movable[-2:])
    incumbent = {}
    used: set = set()
    for s in event.sessions:
        if s.id in left_out:
            continue
        for p in placements(event, s):
            if not any((slot, p.room) in used for slot in p.slots):
                incumbent[s.id] = p.slots
                used |= {(slot, p.room) for slot in p.slots}
                break
    optimum = exhaustive(problem, event, len(problem.choices) - len(incumbent))
    if optimum is None:
        return
    certificate = certify(problem, budget_seconds=1.0, incumbent=incumbent)
    assert certificate.figures["waiting"] == len(problem.choices) - len(incumbent)
    assert certificate.bound <= optimum
    assert certificate.proven_optimal == (certificate.bound == min(
        conflicts_of(problem, certificate.grid or incumbent), conflicts_of(problem, incumbent)))


@pytest.mark.parametrize("seed", range(8))
def test_planned_bounds_hold_against_every_grid(seed):
    """End to end through ``solve``: the conflicts bound holds for every grid leaving as
    many sessions waiting as the plan, the objective bound for every grid at all."""
    from opensozial.solve import SolveOptions, solve

    rng = random.Random(3000 + seed)
    event = random_event(rng, sessions=5, rooms=2, slots=3, waiting=seed % 2 == 1)
    problem = build_instance(event)
    plan = solve(event, SolveOptions(time_limit=1))
    least_conflicts, _ = exhaustive_values(problem, event, plan.metrics.unscheduled_sessions)
    _, least_objective = exhaustive_values(problem, event, len(event.sessions))
    assert least_conflicts is not None and least_objective is not None
    assert plan.conflicts_bound <= least_conflicts <= plan.metrics.conflicts
    assert plan.bound <= least_objective <= plan.objective


@pytest.mark.slow
def test_generated_day_is_certified_within_two_percent(tmp_path):
    """The issue's target on the 36-session preset (default options): conflicts at most 2 % above
    the certified bound, and the bound never above them."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import generate  # type: ignore[import-not-found]

    from opensozial.load import load_event
    from opensozial.solve import SolveOptions, solve

    path = tmp_path / "opensozial.yaml"
    path.write_text(generate("opensozial").text, encoding="utf-8")
    # The default budget, as the issue says; without the wall-clock cap, so that a busy test
    # machine gives the same plan as an idle one.
    plan = solve(load_event(path), SolveOptions(wall_limit=float("inf")))
    assert plan.metrics.unscheduled_sessions == 0
    assert plan.metrics.conflicts <= 1.02 * plan.conflicts_bound
    assert plan.conflicts_bound <= plan.metrics.conflicts


def _plan(conflicts: int, bound: int, waiting: int = 0):
    from opensozial.plan import Metrics, Plan

    return Plan("feasible", 0, 0, [], [], Metrics(conflicts, 0, waiting, 0), conflicts_bound=bound)


def test_sentence_says_proven_optimal_when_the_grid_meets_the_bound():
    german = conflicts_sentence(_plan(148, 148), "de")
    assert german.startswith("148 Konflikte — nachweislich optimal")
    assert conflicts_sentence(_plan(148, 148), "en").startswith("148 conflicts — proven optimal")


def test_sentence_rounds_the_gap_up_so_the_claim_is_never_stronger_than_the_proof():
    # 150 against a bound of 148: 1.35 % above the best possible at most -> "1,4 %".
    assert "höchstens 1,4 % über dem bestmöglichen" in conflicts_sentence(_plan(150, 148), "de")
    assert "at most 1.4 % above the best possible" in conflicts_sentence(_plan(150, 148), "en")
    for conflicts in range(1, 400):
        for bound in range(1, conflicts + 1):
            assert gap_percent(conflicts, bound) >= 100 * (conflicts - bound) / bound - 1e-9


def test_sentence_says_what_the_bound_holds_for_when_sessions_wait():
    text = conflicts_sentence(_plan(12, 10, waiting=2), "de")
    assert "unter allen Plänen, in denen höchstens 2 Sessions warten" in text
    assert "with at most 2 sessions waiting" in conflicts_sentence(_plan(12, 10, waiting=2), "en")
    assert "warten" not in conflicts_sentence(_plan(12, 10), "de")


def test_without_a_bound_the_sentence_claims_nothing():
    assert "optimal" not in conflicts_sentence(_plan(7, 0), "de")
    assert "%" not in conflicts_sentence(_plan(7, 0), "en")


def test_plan_command_prints_the_certified_sentence(write_event, tmp_path):
    """Through the CLI: Uli wants four sessions, the day has two slots of two rooms and a
    fifth, crowded session, so one of Uli's waits and one clash remains for every grid
    that leaves one session waiting; the summary says exactly that."""
    from typer.testing import CliRunner

    from opensozial.cli import app

    path = write_event("""
        event: {name: "Nachbarschaftstag (Probe)", date: 2026-10-22, language: de}
        rooms:
          - {id: saal, name: "Großer Saal", capacity: 60}
          - {id: r2, name: "Raum 2 [Erdgeschoss]", capacity: 20}
        slots:
          - {id: s1, start: 10:00, end: 10:45}
          - {id: s2, start: 11:00, end: 11:45}
        sessions:
          - {id: a, title: "Quartiersmanagement", hosts: [N.N.], votes: [Uli]}
          - {id: b, title: "Ehrenamtskoordination", hosts: [李娜], votes: [Uli]}
          - {id: c, title: "Nachbarschaftshilfe", hosts: [Юлия], votes: [Uli]}
          - {id: d, title: "Stadtteilzeitung", hosts: [Jörg], votes: [Uli]}
          - {id: e, title: "Bürgerhaushalt (AWO)", hosts: [Ülkü], votes: [Bea], interest: 50}
        """)
    result = CliRunner().invoke(app, ["plan", str(path), "--no-history"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert ("1 Konflikte — nachweislich optimal unter allen Plänen, in denen höchstens 1 "
            "Sessions warten (mindestens 1 unvermeidbar)") in text
    english = CliRunner().invoke(app, ["plan", str(path), "--no-history", "--lang", "en"])
    assert ("1 conflicts — proven optimal among all grids with at most 1 sessions waiting"
            in " ".join(english.output.split()))


def test_room_step_keeps_the_grid_the_certificate_replaced_when_it_is_better():
    """The certificate's grid wins on the slot model's seat count, which is not always
    exact; after the room step the grid it replaced is kept if that is better there
    (werkstatt, seed 3: 2400 instead of 2404)."""
    from pathlib import Path

    from opensozial.load import load_event
    from opensozial.solve import SolveOptions
    from opensozial.solve.stages import Stages, _objective

    event = load_event(Path(__file__).resolve().parent.parent / "examples" / "open-sozial-tag.yaml")
    run = Stages(event, SolveOptions(time_limit=1, wall_limit=float("inf")))
    run.settle_drops()
    run.first_cpsat()
    worse = run.best  # the first CP-SAT grid, before annealing and LNS
    run.improve()
    good = run.best
    assert good is not None and worse is not None
    good_placed, worse_placed = run._with_rooms(good), run._with_rooms(worse)
    assert good_placed is not None and worse_placed is not None
    assert _objective(run.instance, good_placed) < _objective(run.instance, worse_placed)
    run.overtaken, run.best = good, worse  # as if the certificate had taken the worse one
    placed = run.rooms()
    assert run.best is good
    assert _objective(run.instance, placed) <= _objective(run.instance, good_placed)


def test_a_grid_found_is_completed_even_after_the_wall_clock_ran_out():
    """Annealing that the wall clock stopped keeps its grid: reading it off the model is
    not cut by the clock (werkstatt at the default budget ended at the first CP-SAT grid,
    265 conflicts instead of 241)."""
    import time
    from pathlib import Path

    from opensozial.load import load_event
    from opensozial.solve import SolveOptions
    from opensozial.solve.stages import Stages

    event = load_event(Path(__file__).resolve().parent.parent / "examples" / "open-sozial-tag.yaml")
    run = Stages(event, SolveOptions(time_limit=1, wall_limit=float("inf")))
    run.settle_drops()
    run.first_cpsat()
    assert run.best is not None
    run.clock.deadline = time.monotonic() - 1.0  # the wall clock has run out
    again = run.search.complete(dict(run.best.chosen), 0)
    assert again is not None and again.objective == run.best.objective


def test_a_wall_clock_running_out_after_the_proof_cuts_the_grid_search_not_the_proof():
    """The certificate's bound comes before annealing: on a slow machine the wall clock
    then ends the search for a better grid, and the plan still says what the proof shows
    (werkstatt at the defaults on this machine: 124 unavoidable before, 232 now)."""
    import time
    from pathlib import Path

    from opensozial.check import check
    from opensozial.load import load_event
    from opensozial.solve import SolveOptions
    from opensozial.solve.stages import Stages

    event = load_event(Path(__file__).resolve().parent.parent / "examples" / "open-sozial-tag.yaml")
    run = Stages(event, SolveOptions(time_limit=2, wall_limit=float("inf")))
    run.settle_drops()
    run.first_cpsat()
    run.prove()
    assert run.certificate is not None
    proved = run.certificate.bound
    waiting = int(run.certificate.figures["waiting"])
    assert proved > counting_bound(run.instance, waiting)  # more than the cheap bound
    run.clock.deadline = time.monotonic() - 1.0  # the wall clock runs out now
    run.improve()
    run.certify()
    plan = run.plan(run.rooms(), 0.0)
    assert plan.solver["stopped_by"] == "wall_clock"
    assert plan.conflicts_bound is not None and plan.conflicts_bound >= proved
    assert plan.conflicts_bound <= plan.metrics.conflicts
    assert check(event, plan).ok


def test_the_clock_notes_when_it_stops_a_stage():
    """``Clock.ran_out`` is the one place a stage asks the wall clock: while time is left
    it says so and notes nothing; once the time is up it says stop and notes that the
    wall clock, not the budget, decided (the plan's ``stopped_by``)."""
    plenty = Clock()
    assert not plenty.ran_out() and plenty.stopped_by == "budget"
    over = Clock(-1.0)
    assert over.ran_out() and over.stopped_by == "wall_clock"
