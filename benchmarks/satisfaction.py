"""MinneBar's attendee satisfaction score, so our grids can be quoted against theirs.

MinneBar (published with their scheduler): an attendee with N votes, k of which share a
slot, gains 2k / (N(k + 1)) from that slot; summed over slots and averaged over
attendees. One wanted session alone in its slot is worth 1/N, two together 2/3 · 2/N.
A session that runs in several slots (a workshop) counts its share 1/length in each,
so it is worth the same as a one-slot session; an unscheduled session is worth nothing.

Rescaled: 0 % = the mean of random grids (sessions dealt into random free cells), 100 %
= each attendee's own ideal (their N sessions spread as evenly as the slots allow).
"""

from __future__ import annotations

import random
from collections import defaultdict

from opensozial.model import Event

Grid = dict[str, tuple[str, tuple[str, ...]]]  # session -> (room, slots)


def _wants(event: Event) -> dict[str, list[str]]:
    wants: dict[str, list[str]] = defaultdict(list)
    for session in event.sessions:
        for person in session.people:
            wants[person].append(session.id)
    return wants


def score(event: Event, grid: Grid) -> float:
    """Mean satisfaction over attendees (0..1); 0 for an event without votes."""
    wants = _wants(event)
    total = 0.0
    for sessions in wants.values():
        n = len(sessions)
        share: dict[str, float] = defaultdict(float)
        count: dict[str, float] = defaultdict(float)
        for sid in sessions:
            if sid in grid:
                slots = grid[sid][1]
                for slot in slots:
                    share[slot] += 1 / len(slots)
                    count[slot] += 1
        total += sum(2 * share[slot] / (n * (count[slot] + 1)) for slot in share)
    return total / len(wants) if wants else 0.0


def ideal(event: Event) -> float:
    """Mean over attendees of the best their own N votes allow in this many slots."""
    wants = _wants(event)
    slots = len(event.session_slots)
    total = 0.0
    for sessions in wants.values():
        n = len(sessions)
        q, r = divmod(n, slots)
        parts = [q + 1] * r + [q] * (slots - r)
        total += sum(2 * k / (n * (k + 1)) for k in parts if k)
    return total / len(wants) if wants else 0.0


def random_grid(event: Event, rng: random.Random) -> Grid:
    """Sessions in random order, each into a random free cell it may use."""
    taken: set[tuple[str, str]] = set()
    grid: Grid = {}
    order = list(event.sessions)
    rng.shuffle(order)
    for session in order:
        cells = []
        for slot in event.session_slots:
            run = event.runs(slot, session.length)
            if run is None or any(s.id in session.unavailable for s in run):
                continue
            ids = tuple(s.id for s in run)
            for room in event.rooms:
                if set(session.needs) <= set(room.features) and not any(
                        (u, room.id) in taken or u in room.unavailable for u in ids):
                    cells.append((room.id, ids))
        if cells:
            room, ids = rng.choice(cells)
            grid[session.id] = (room, ids)
            taken.update((u, room) for u in ids)
    return grid


def baseline(event: Event, samples: int = 10, seed: int = 0) -> float:
    rng = random.Random(seed)
    return sum(score(event, random_grid(event, rng)) for _ in range(samples)) / samples


def rescaled(value: float, low: float, high: float) -> float:
    return (value - low) / (high - low) if high > low else 0.0
