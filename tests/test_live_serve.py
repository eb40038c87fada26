"""``opensozial serve``: the board page and its update endpoint, as phones and projectors use
them."""

from __future__ import annotations

import json
import re
import socket
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from live_support import BROKEN_TAIL, NEW_SESSION, SMALL_EVENT, Live, write

from opensozial.i18n import t

pytestmark = pytest.mark.slow  # serve runs as a subprocess


def start_board(live, tmp_path: Path, *extra: str) -> tuple[Live, str]:
    write(tmp_path / "event.yaml", SMALL_EVENT)
    board = live(
        "serve",
        "event.yaml",
        "--host",
        "127.0.0.1",
        "--port",
        "0",
        "--time-limit",
        "0.5",
        "--now",
        "09:00",
        *extra,
    )
    out = board.wait_for(lambda o: re.search(r"http://127\.0\.0\.1:\d+/", o) is not None)
    url = re.search(r"http://127\.0\.0\.1:\d+/", out)[0]
    return board, url


def get(url: str) -> tuple[int, str, str]:
    with urllib.request.urlopen(url, timeout=10) as response:
        body = response.read().decode("utf-8")
    # Long words on the board carry soft hyphens (U+00AD, raw or JSON-escaped): read past them.
    return (
        response.status,
        response.headers["Content-Type"],
        body.replace("\u00ad", "").replace("\\u00ad", ""),
    )


def poll_until(url: str, version: int, timeout: float = 30.0) -> dict:
    """What a page's script does: ask for a newer version until there is one."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        data = json.loads(get(f"{url}board.json?v={version}")[2])
        if data["version"] != version:
            return data
        time.sleep(0.2)
    raise AssertionError("the board never got a new version")


def test_board_page_shows_the_grid_updates_and_keeps_the_last_plan_on_a_broken_save(
    tmp_path: Path, live
) -> None:
    board, url = start_board(live, tmp_path)
    status, kind, page = get(url)
    assert status == 200 and kind.startswith("text/html")
    for text in (
        "Mini-Barcamp",
        "Gemeinschaftsgarten anlegen",
        "Ina K.",
        "Großer Saal",
        "Mittagessen",
        "<svg",
    ):
        assert text in page
    assert "http://" not in re.sub(
        r"http://127\.0\.0\.1:\d+/|http://www\.w3\.org/\S+", "", page
    )  # no external assets
    version = int(re.search(r'data-version="(\d+)"', page)[1])
    assert json.loads(get(f"{url}board.json?v={version}")[2]) == {"version": version}

    write(tmp_path / "event.yaml", SMALL_EVENT + NEW_SESSION)
    update = poll_until(url, version)
    assert "Tauschbörse für Werkzeug" in update["html"]
    assert t("board_updating", "de") not in update["html"]

    write(tmp_path / "event.yaml", SMALL_EVENT + NEW_SESSION + BROKEN_TAIL)
    broken = poll_until(url, update["version"])
    assert t("board_updating", "de") in broken["html"]
    assert "Tauschbörse für Werkzeug" in broken["html"]  # the last good grid stays

    with pytest.raises(urllib.error.HTTPError) as missing:
        get(f"{url}event.yaml")
    assert missing.value.code == 404
    assert board.stop() == 0


def test_the_public_board_never_shows_who_voted(tmp_path: Path, live) -> None:
    _board, url = start_board(live, tmp_path)
    page = get(url)[2] + get(f"{url}board.json")[2]
    assert "Repair-Café starten" in page and "Tom B." in page
    for voter in ("Zacharias Geheim", "Olga P.", "Lea M."):
        assert voter not in page


def test_serve_on_a_busy_port_explains_and_exits_2(tmp_path: Path, live) -> None:
    write(tmp_path / "event.yaml", SMALL_EVENT)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        board = live(
            "serve", "event.yaml", "--host", "127.0.0.1", "--port", str(port), "--lang", "en"
        )
        assert board.process.wait(timeout=30) == 2
    board.stop()
    assert "--port" in board.output and str(port) in board.output
    assert "Traceback" not in board.output
