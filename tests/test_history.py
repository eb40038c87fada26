"""The plan history: numbered, never overwritten, safe when two processes save at once."""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from opensozial import history
from opensozial.errors import InputError
from opensozial.plan import Assignment, Metrics, Plan, read_plan


def plan(objective: int) -> Plan:
    return Plan(
        "feasible",
        0,
        objective,
        [Assignment("a", "r", ("s1",), "Thema A")],
        [],
        Metrics(0, 0, 0, 0),
    )


def test_plans_are_numbered_next_to_the_event_file_and_never_overwritten(tmp_path):
    event = tmp_path / "tag.yaml"
    assert history.entries(event) == [] and history.latest(event) is None
    first = history.save(event, plan(1))
    second = history.save(event, plan(2))
    assert first == tmp_path / "tag.plans" / "0001.json" and second.name == "0002.json"
    assert read_plan(first).objective == 1 and read_plan(second).objective == 2
    assert history.entries(event) == [first, second] and history.latest(event) == second
    assert not [
        p for p in (tmp_path / "tag.plans").iterdir() if p.name.startswith(".")
    ]  # no temp files left
    (tmp_path / "tag.plans" / "notes.txt").write_text("mine", encoding="utf-8")
    (tmp_path / "tag.plans" / "0009.json").write_text(plan(9).to_json(), encoding="utf-8")
    assert (
        history.save(event, plan(10)).name == "0010.json"
    )  # after the highest, whatever is in between
    assert history.entries(event)[-1].name == "0010.json" and len(history.entries(event)) == 4


def test_concurrent_saves_take_different_numbers(tmp_path):
    event = tmp_path / "tag.yaml"
    with ThreadPoolExecutor(max_workers=8) as pool:
        paths = list(pool.map(lambda n: history.save(event, plan(n)), range(24)))
    assert len(set(paths)) == 24
    assert sorted(read_plan(p).objective for p in paths) == list(range(24))
    assert [history.number(p) for p in history.entries(event)] == list(range(1, 25))


def test_resolve_reads_last_numbers_and_paths(tmp_path):
    event = tmp_path / "tag.yaml"
    with pytest.raises(InputError) as info:
        history.resolve(event, "last")
    assert info.value.problems[0].key == "history_empty"
    saved = [history.save(event, plan(n)) for n in range(3)]
    assert history.resolve(event, "last") == saved[-1] == history.resolve(event, "letzter")
    assert history.resolve(event, "2") == saved[1] == history.resolve(event, "0002")
    assert history.resolve(event, "other/plan.json").name == "plan.json"
    with pytest.raises(InputError) as info:
        history.resolve(event, "7")
    assert info.value.problems[0].params["known"] == "1, 2, 3"


def test_plan_json_carries_titles_and_plans_without_them_still_read(tmp_path):
    data = json.loads(plan(1).to_json())
    assert data["assignments"][0]["title"] == "Thema A"
    del data["assignments"][0]["title"]
    path = tmp_path / "old.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert (
        read_plan(path).assignments == plan(1).assignments
        and read_plan(path).assignments[0].title == ""
    )


def test_without_hard_links_numbers_are_reserved_exclusively(tmp_path, monkeypatch):
    def no_links(*_args):
        raise PermissionError("hard links not supported")

    monkeypatch.setattr(os, "link", no_links)
    event = tmp_path / "tag.yaml"
    with ThreadPoolExecutor(max_workers=6) as pool:
        paths = list(pool.map(lambda n: history.save(event, plan(n)), range(12)))
    assert sorted(p.name for p in paths) == [f"{n:04d}.json" for n in range(1, 13)]
    assert sorted(read_plan(p).objective for p in paths) == list(range(12))
