"""Run the web application of ``serve`` on uvicorn, in a background thread of the CLI process.

Why uvicorn: an asyncio server holds hundreds of idle phone connections without a
thread each, closes idle keep-alive connections after a few seconds, and keeps a listen
backlog of 2048 — the standard library's server had 5 and hung on 500 idle connections.
The socket is bound here, before uvicorn starts, so that a busy port is an
:class:`InputError` (exit 2, with the fix) and never a traceback. Every log line goes to
``tag.serve.log`` beside the event file; the facilitator's terminal shows only the grid.
"""

from __future__ import annotations

import logging
import logging.handlers
import socket
import threading
import time
from pathlib import Path

import uvicorn

from opensozial.errors import InputError, Location, Problem
from opensozial.inputs import phones_path
from opensozial.live.app import make_app
from opensozial.live.feeds import Feeds
from opensozial.live.pages import warm
from opensozial.live.planner import PlannerProcess
from opensozial.live.state import LiveState
from opensozial.live.store import Store
from opensozial.live.web import MAX_BODY, Live

ANY_ADDRESS = ("0.0.0.0", "::", "")
KEEP_ALIVE_S = 5  # idle phone connections are closed after this
MAX_CONNECTIONS = 1000  # beyond this, answer 503 rather than queue without bound
LOGGERS = ("uvicorn", "opensozial.serve")


def lan_address() -> str:
    """This machine's address in the local network, as phones will reach it.

    Connecting a UDP socket sends nothing; it only asks the routing table which
    interface would be used. Without a network the board is reachable on this machine.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.254.254.254", 1))
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def log_path(event_path: Path) -> Path:
    """``tag.yaml`` → ``tag.serve.log`` (requests and errors; no names, no admin key)."""
    return event_path.with_name(f"{event_path.stem}.serve.log")


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        params = {"host": host, "port": port, "reason": exc.strerror or str(exc)}
        raise InputError([Problem("serve_bind", params)]) from None
    return sock


def _log_to(path: Path) -> logging.Handler:
    try:
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=5_000_000, backupCount=2, encoding="utf-8"
        )
    except OSError as exc:
        params = {"path": str(path), "reason": exc.strerror or str(exc)}
        raise InputError([Problem("serve_log_unwritable", params, Location(path))]) from None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    for name in LOGGERS:
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.setLevel(logging.INFO)
        logger.propagate = False  # never to the terminal (Python's last-resort handler is stderr)
    return handler


class BoardServer:
    """Board, participation page, admin page and feeds on ``host:port`` (port 0: any free port)."""

    def __init__(self, state: LiveState, host: str, port: int) -> None:
        self.state = state
        self._sock = _bind(host, port)
        self._planner = PlannerProcess()
        state.planner = self._planner  # re-plans must not hold up the phones' requests
        self.log_path = log_path(state.event_path)
        try:
            self._handler = _log_to(self.log_path)
        except InputError:
            self._sock.close()
            raise
        self.store = Store(phones_path(state.event_path))
        shown = lan_address() if host in ANY_ADDRESS else host
        if ":" in shown:
            shown = f"[{shown}]"
        self.url = f"http://{shown}:{self._sock.getsockname()[1]}/"
        self.join_url = f"{self.url}p"
        key = self.store.admin_secret()
        self.admin_url = f"{self.url}admin?key={key}"
        live = Live(state, self.store, Feeds(state.event_path), self.join_url, key)
        config = uvicorn.Config(
            make_app(live),
            log_config=None,
            access_log=False,
            lifespan="off",
            timeout_keep_alive=KEEP_ALIVE_S,
            limit_concurrency=MAX_CONNECTIONS,
            backlog=2048,
            h11_max_incomplete_event_size=MAX_BODY,
            server_header=False,
            timeout_graceful_shutdown=2,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, name="board", daemon=True
        )

    def start(self) -> None:
        warm()
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started and self._thread.is_alive() and time.monotonic() < deadline:
            time.sleep(0.02)

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=5)
        self._sock.close()
        self._planner.close()
        self.store.close()
        self._handler.close()
