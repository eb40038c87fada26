"""Running ``watch``/``serve`` as real processes in tests: read their output, always stop them.

The commands run until Ctrl-C, so every test talks to a subprocess: it reads the output
on a thread (so that no wait can block forever), waits for text with a deadline, and
the fixture sends SIGINT at the end — and kills the process if it does not stop.
"""

from __future__ import annotations

import http.cookiejar
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# A small event: three rooms, a break, four sessions; voters named so that a test can
# prove they never reach the public board.
SMALL_EVENT = """\
event: {name: "Mini-Barcamp", date: 2026-10-22, timezone: Europe/Berlin, language: de}
rooms:
  - {id: saal, name: "Großer Saal", capacity: 30}
  - {id: r1, name: "Raum 1", capacity: 12}
  - {id: r2, name: "Raum 2", capacity: 12, unavailable: [s3]}
slots:
  - {id: s1, start: "10:00", end: "10:45"}
  - {id: s2, start: "11:00", end: "11:45"}
  - {id: mittag, start: "12:00", end: "13:00", break: "Mittagessen"}
  - {id: s3, start: "13:00", end: "13:45"}
sessions:
  - {id: garten, title: "Gemeinschaftsgarten anlegen", hosts: [Ina K.],
     votes: [Zacharias Geheim, Olga P.]}
  - {id: repair, title: "Repair-Café starten", hosts: [Tom B.],
     votes: [Zacharias Geheim, Lea M.], length: 2}
  - {id: chor, title: "Offener Chor", hosts: [Eva S.], votes: [Lea M.]}
  - {id: rad, title: "Radwege im Quartier", hosts: [Uli R.], votes: [Olga P.]}
"""

NEW_SESSION = (
    '  - {id: tausch, title: "Tauschbörse für Werkzeug", hosts: [Pia F.], votes: [Lea M.]}\n'
)
BROKEN_TAIL = '  - {id: kaputt, title: "Halb gespeichert\n'  # an unclosed quote and brace


def write(path: Path, text: str) -> None:
    """Save like an editor: a new file renamed over the old one."""
    tmp = path.with_name(f".{path.name}.swp-test")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


class Live:
    """A running ``opensozial`` live command and everything it has printed so far."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        env = {**os.environ, "COLUMNS": "220", "PYTHONUNBUFFERED": "1", "TERM": "dumb"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "opensozial", *args],
            cwd=cwd,
            env=env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        self._lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self._lines)

    def wait_for(
        self, condition: Callable[[str], bool], timeout: float = 30.0, after: int = 0
    ) -> str:
        """Wait until ``condition`` holds for the output from character ``after`` on."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition(self.output[after:]):
                return self.output[after:]
            if self.process.poll() is not None and not self._reader.is_alive():
                break
            time.sleep(0.1)
        raise AssertionError(f"timed out; output so far:\n{self.output[-4000:]}")

    def stop(self) -> int:
        """Ctrl-C, as a person would press it; kill only if that does not end it."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        self._reader.join(timeout=5)
        return self.process.returncode


@pytest.fixture
def live(tmp_path: Path) -> Iterator[Callable[..., Live]]:
    """Start live commands in ``tmp_path``; each is stopped when the test ends, pass or fail."""
    started: list[Live] = []

    def start(*args: str) -> Live:
        process = Live(list(args), tmp_path)
        started.append(process)
        return process

    yield start
    for process in started:
        process.stop()


class Phone:
    """One phone: its own cookies (the device token), forms posted as a browser posts them."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(self, path: str, form: dict[str, object] | None = None) -> tuple[int, str]:
        """GET (or POST ``form``, lists as repeated fields); redirects followed; (status, body)."""
        data = urllib.parse.urlencode(form, doseq=True).encode() if form is not None else None
        try:
            request = urllib.request.Request(self.base + path, data=data)
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def get(self, path: str) -> tuple[int, str]:
        return self.request(path)

    def post(self, path: str, **form: object) -> tuple[int, str]:
        return self.request(path, form)
