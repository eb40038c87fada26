"""What ``plan`` makes of the phones' database beside the event file (no server running)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from opensozial.cli import app
from opensozial.inputs import phones_path
from opensozial.live.store import NameTaken, RateLimited, Store

runner = CliRunner()

EVENT = """\
event: {name: "Nachbarschafts-Barcamp", date: 2026-10-22, language: de}
rooms:
  - {id: saal, name: "Saal (EG)", capacity: 30, features: [beamer]}
  - {id: kueche, name: "Küche", capacity: 8}
slots:
  - {id: s1, start: "10:00", end: "10:45"}
  - {id: s2, start: "11:00", end: "11:45"}
sessions:
  - {id: kochen, title: "Gemeinsam kochen", hosts: [N.N.], votes: [Anna]}
"""


def plan(path: Path, *extra: str) -> dict:
    result = runner.invoke(
        app, ["plan", str(path), "-f", "json", "--time-limit", "0.5", "--no-history", *extra]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_plan_counts_pitches_and_votes_from_phones_and_the_event_file_wins(tmp_path: Path) -> None:
    path = tmp_path / "tag.yaml"
    path.write_text(EVENT, encoding="utf-8")
    store = Store(phones_path(path))
    taken = {"kochen"}
    fahrrad = store.pitch("Fahrrad-Selbsthilfewerkstatt", ["Jörg"], "", 1, [], "admin", 0.0, taken)
    spam = store.pitch("BUY NOW", ["Bot"], "", 1, [], "admin", 0.0, taken)
    store.pitch(
        "Beamer-Kino", ["李娜"], "", 1, ["beamer", "leinwand"], "admin", 0.0, taken
    )  # fits nowhere
    store.hide(spam.id, True)
    anna, _token = store.join("Anna")
    store.set_votes(anna, {"kochen", fahrrad.id, "gone"}, {"kochen", fahrrad.id, "gone"})
    zoe, _token = store.join("Zoë")
    store.set_votes(zoe, {fahrrad.id}, {fahrrad.id})
    store.close()
    before = phones_path(path).read_bytes()

    result = plan(path)
    placed = {a["session"]: a["title"] for a in result["assignments"]}
    assert placed == {"kochen": "Gemeinsam kochen", fahrrad.id: "Fahrrad-Selbsthilfewerkstatt"}
    assert (
        result["metrics"]["votes_total"] == 1 + 2
    )  # Anna once (file and phone agree), Zoë; "gone" aside
    assert phones_path(path).read_bytes() == before  # plan only reads the database
    assert path.read_text(encoding="utf-8") == EVENT

    # Copying a pitch into the file (to edit it) makes the file's version the one planned.
    path.write_text(
        EVENT + f'  - {{id: {fahrrad.id}, title: "Fahrradwerkstatt (bearbeitet)", '
        "hosts: [Jörg]}\n",
        encoding="utf-8",
    )
    result = plan(path)
    titles = {a["session"]: a["title"] for a in result["assignments"]}
    assert titles[fahrrad.id] == "Fahrradwerkstatt (bearbeitet)"
    assert result["metrics"]["votes_total"] == 3


def test_names_are_unique_regardless_of_case_and_spacing_and_pitching_is_rate_limited(
    tmp_path: Path,
) -> None:
    store = Store(tmp_path / "x.phones.sqlite")
    store.join("Zoë Müller")
    for twin in ("zoë  müller", " ZOË MÜLLER "):
        try:
            store.join(twin)
        except NameTaken:
            continue
        raise AssertionError(f"{twin!r} was accepted twice")
    for n in range(3):
        store.pitch(f"Größe {n}", ["A"], "", 1, [], "phone-1", 100.0 + n, set())
    try:
        store.pitch("Noch eine", ["A"], "", 1, [], "phone-1", 200.0, set())
        raise AssertionError("a fourth pitch within ten minutes went through")
    except RateLimited:
        pass
    assert store.pitch("Später", ["A"], "", 1, [], "phone-1", 800.0, set()).id == "spaeter"
    assert store.pitch("Größe 0", ["B"], "", 1, [], "phone-2", 800.0, set()).id == "groesse-0-2"
    store.close()


def test_a_damaged_database_is_explained_with_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "tag.yaml"
    path.write_text(EVENT, encoding="utf-8")
    phones_path(path).write_bytes(b"this is not a database" * 100)
    result = runner.invoke(app, ["plan", str(path), "--lang", "en"])
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert "tag.phones.sqlite" in text and "move it away" in text and "Traceback" not in text


def test_plan_reads_votes_still_in_the_write_ahead_log_of_a_killed_server(tmp_path: Path) -> None:
    path = tmp_path / "tag.yaml"
    path.write_text(EVENT, encoding="utf-8")
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from opensozial.live.store import Store\n"
        "store = Store(Path(sys.argv[1]))\n"
        "person, _ = store.join('Ünal Öztürk')\n"
        "store.set_votes(person, {'kochen'}, {'kochen'})\n"
        "os._exit(0)  # dies like a killed server: no close, no checkpoint\n"
    )
    subprocess.run([sys.executable, "-c", script, str(phones_path(path))], check=True)
    assert Path(f"{phones_path(path)}-wal").exists()
    assert plan(path)["metrics"]["votes_total"] == 2  # Anna from the file, Ünal from the log
