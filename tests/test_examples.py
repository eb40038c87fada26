"""Every shipped example loads, plans sensibly and passes the checker."""

from __future__ import annotations

import pytest
from conftest import EXAMPLES, solve_and_check

from opensozial.load import load_event


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_plans_and_passes_the_checker(path):
    event = load_event(path)
    plan = solve_and_check(event, time_limit=2)
    placed = len(plan.assignments)
    assert placed >= 0.9 * len(event.sessions)  # a sensible grid leaves few open ends
    assert plan.bound <= plan.objective
    for item in plan.unscheduled:
        # every open end says why, in both languages
        assert item.text("de") and item.text("en") != item.text("de")


def test_examples_are_german_and_realistic():
    assert len(EXAMPLES) >= 3
    sizes = {p.stem: load_event(p) for p in EXAMPLES}
    county = sizes["open-sozial-tag"]
    people = {person for s in county.sessions for person in s.people}
    assert len(people) >= 90 and {s.track for s in county.sessions} >= {
        "Ehrenamt",
        "Pflege",
        "Digitalisierung",
        "Integration",
    }
    assert len(sizes["afterwork-barcamp"].rooms) == 3
    assert any(s.length > 1 for s in sizes["innovationslabor-werkstatt"].sessions)
    assert all(e.event.language == "de" for e in sizes.values())
