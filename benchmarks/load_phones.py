"""150 phones vote within two minutes while the board polls, with the server killed midway.

Runs ``opensozial serve`` on a copy of the Open-Sozial county day (36 sessions) on
loopback only. Each simulated phone arrives at a random moment in the first 80 seconds,
loads the participation page, enters a name, ticks five sessions, and a third of them
change their choice a little later; meanwhile 20 board pages (the projector and phones)
poll ``board.json`` every two seconds, as the page's script does. At ``--kill-at``
seconds the server is killed (SIGKILL: no clean shutdown) and started again on the same
port; a request that finds no server is retried, as a person taps again.

At the end the database is compared with what each phone was told was saved: a vote is
lost when a phone got "saved" for a choice the database does not hold. Prints latency
percentiles (per kind of request; requests that met the dead server are counted apart),
the restart's downtime and the lost votes, as JSON and as a Markdown table.

Usage: .venv/bin/python benchmarks/load_phones.py [--phones 150] [--seconds 120] [--kill-at 45]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from opensozial.load import load_event

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "open-sozial-tag.yaml"
BOARDS = 20
POLL_S = 2.0
TIMEOUT_S = 10.0


@dataclass
class Tally:
    """Every request's latency by kind, and what the restart cost."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    retries: int = 0  # requests that met no server (the restart) and were sent again
    failed: int = 0  # requests answered with an error status
    name_taken_after_restart: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(seconds)


class Server:
    """``opensozial serve`` as a child process that can be killed and started again."""

    def __init__(self, folder: Path, port: int) -> None:
        self.folder, self.port = folder, port
        self.process: subprocess.Popen[bytes] | None = None
        self.key = ""

    def start(self) -> None:
        log = (self.folder / "serve-output.txt").open("a", encoding="utf-8")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "opensozial",
                "serve",
                "tag.yaml",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--now",
                "09:00",
                "--time-limit",
                "1",
            ],
            cwd=self.folder,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "COLUMNS": "200", "TERM": "dumb", "PYTHONUNBUFFERED": "1"},
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            found = re.search(
                r"admin\?key=([\w-]+)", (self.folder / "serve-output.txt").read_text()
            )
            if found and _listening(self.port):
                self.key = found[1]
                return
            time.sleep(0.1)
        raise RuntimeError("serve did not start")

    def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.2)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Client:
    """One device's keep-alive connection; retries while the server is down."""

    def __init__(self, port: int, tally: Tally, deadline: float) -> None:
        self.port, self.tally, self.deadline = port, tally, deadline
        self.cookie = ""
        self.connection: http.client.HTTPConnection | None = None

    def send(
        self, kind: str, method: str, path: str, form: dict[str, object] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        body = urlencode(form, doseq=True).encode() if form is not None else None
        headers = {"Cookie": self.cookie} if self.cookie else {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        while True:
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    "127.0.0.1", self.port, timeout=TIMEOUT_S
                )
            start = time.perf_counter()
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
            except (OSError, http.client.HTTPException):
                self.connection.close()
                self.connection = None
                with self.tally.lock:
                    self.tally.retries += 1
                if time.monotonic() > self.deadline:
                    raise
                time.sleep(0.5)
                continue
            self.tally.add(kind, time.perf_counter() - start)
            if response.status >= 400:
                with self.tally.lock:
                    self.tally.failed += 1
            cookie = response.getheader("Set-Cookie")
            if cookie:
                self.cookie = cookie.split(";", 1)[0]
            return response.status, dict(response.getheaders()), data


def phone(
    n: int,
    port: int,
    sessions: list[str],
    start: float,
    tally: Tally,
    told: dict[str, set[str]],
    deadline: float,
    rng: random.Random,
) -> None:
    """One participant: page, name, five ticks, maybe a change of mind.

    A request answered 503 (the server just started) is tapped again after a second. A
    name refused as taken after a retried join means the first try was saved but its
    answer lost in the kill: the person would see the name-taken prompt (counted apart).
    """
    time.sleep(max(0.0, start - time.monotonic()))
    client = Client(port, tally, deadline)
    name = f"Teilnehmerin {n:03d} Müller-Lüdenscheidt"
    client.send("page", "GET", "/p")
    status = client.send("post", "POST", "/p/join", {"name": name})[0]
    if status == 409:
        with tally.lock:
            tally.name_taken_after_restart += 1
    if status != 303:
        return
    client.send("page", "GET", "/p")
    changes = 2 if rng.random() < 1 / 3 else 1
    for _ in range(changes):
        choice = sorted(rng.sample(sessions, 5))
        status = client.send("post", "POST", "/p/votes", {"session": choice})[0]
        while status == 503 and time.monotonic() < deadline:
            time.sleep(1.0)
            status = client.send("post", "POST", "/p/votes", {"session": choice})[0]
        if status == 303:
            told[name] = set(choice)
        client.send("page", "GET", "/p")
        time.sleep(rng.uniform(3, 15))


def board(port: int, tally: Tally, until: float) -> None:
    """A page showing the board: asks every two seconds whether the plan changed."""
    client = Client(port, tally, until + 30)
    version = -1
    while time.monotonic() < until:
        _status, _headers, data = client.send("board", "GET", f"/board.json?v={version}")
        try:
            version = int(json.loads(data)["version"])
        except (ValueError, KeyError):
            pass
        time.sleep(POLL_S)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def stored_votes(database: Path) -> dict[str, set[str]]:
    db = sqlite3.connect(database)
    try:
        found: dict[str, set[str]] = {}
        for name, session in db.execute(
            "SELECT p.name, v.session FROM people p JOIN votes v ON v.person = p.id"
        ):
            found.setdefault(name, set()).add(session)
        return found
    finally:
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=150)
    parser.add_argument("--seconds", type=float, default=120.0, help="the whole run, at most")
    parser.add_argument("--arrive", type=float, default=80.0, help="phones arrive within this")
    parser.add_argument("--kill-at", type=float, default=45.0, help="kill and restart (0: never)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--keep", action="store_true", help="keep the folder (server log, database)"
    )
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="opensozial-load-"))
    shutil.copy(EXAMPLE, folder / "tag.yaml")
    sessions = [s.id for s in load_event(folder / "tag.yaml").sessions]
    port = _free_port()
    server = Server(folder, port)
    server.start()
    tally, told = Tally(), dict[str, set[str]]()
    rng = random.Random(args.seed)
    began = time.monotonic()
    end = began + args.seconds
    workers = [
        threading.Thread(target=board, args=(port, tally, began + args.arrive + 20), daemon=True)
        for _ in range(BOARDS)
    ]
    workers += [
        threading.Thread(
            target=phone,
            args=(
                n,
                port,
                sessions,
                began + rng.uniform(0, args.arrive),
                tally,
                told,
                end,
                random.Random(args.seed * 1000 + n),
            ),
            daemon=True,
        )
        for n in range(args.phones)
    ]
    for worker in workers:
        worker.start()
    downtime = 0.0
    if args.kill_at:
        time.sleep(max(0.0, began + args.kill_at - time.monotonic()))
        killed = time.monotonic()
        server.kill()
        server.start()
        downtime = time.monotonic() - killed
    for worker in workers:
        worker.join(timeout=max(0.1, end - time.monotonic()))
    elapsed = time.monotonic() - began
    server.stop()
    stored = stored_votes(folder / "tag.phones.sqlite")
    lost = sum(len(choice - stored.get(name, set())) for name, choice in told.items())
    every = [v for values in tally.latencies.values() for v in values]
    report = {
        "phones": args.phones,
        "boards": BOARDS,
        "seconds": round(elapsed, 1),
        "requests": len(every),
        "failed": tally.failed,
        "retried_during_restart": tally.retries,
        "restart_s": round(downtime, 2),
        "votes_told_saved": sum(len(c) for c in told.values()),
        "votes_stored": sum(len(c) for c in stored.values()),
        "lost_votes": lost,
        "name_taken_after_restart": tally.name_taken_after_restart,
        "unfinished_phones": sum(1 for w in workers if w.is_alive()),
        "latency_ms": {
            kind: {
                "n": len(values),
                "p50": round(percentile(values, 0.5), 1),
                "p99": round(percentile(values, 0.99), 1),
                "max": round(max(values) * 1000, 1),
                "mean": round(statistics.fmean(values) * 1000, 1),
            }
            for kind, values in sorted({**tally.latencies, "all": every}.items())
        },
    }
    print(json.dumps(report, indent=2))
    print("\n| requests | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|")
    for kind, figures in report["latency_ms"].items():  # type: ignore[union-attr]
        print(
            f"| {kind} ({figures['n']}) | {figures['p50']} | {figures['p99']} | {figures['max']} |"
        )
    if args.keep:
        print(f"\nkept: {folder}")
    else:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
