"""Serve the board page and its update endpoint on the local network (standard library only).

Two read-only routes: ``/`` (the page) and ``/board.json?v=N`` (the new board body when
the plan's version differs from N). The server never reads a file: it renders whatever
snapshot the watcher produced last, so a broken save cannot break the page.
"""

from __future__ import annotations

import socket
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from opensozial.errors import InputError, Problem
from opensozial.live.board import page_html, update_json
from opensozial.live.state import LiveState

ANY_ADDRESS = ("0.0.0.0", "::", "")


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


class _Handler(BaseHTTPRequestHandler):
    server: BoardServer

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        snapshot = self.server.state.snapshot
        if parts.path == "/":
            self._send(page_html(snapshot, self.server.url), "text/html; charset=utf-8")
        elif parts.path == "/board.json":
            known = parse_qs(parts.query).get("v", [""])[0]
            self._send(update_json(snapshot, int(known) if known.isdigit() else None),
                       "application/json; charset=utf-8")
        else:
            self.send_error(HTTPStatus.NOT_FOUND)

    def _send(self, text: str, content_type: str) -> None:
        data = text.encode("utf-8")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: requests from phones must not scroll the facilitator's screen away."""


class BoardServer(ThreadingHTTPServer):
    """The board on ``host:port`` (port 0: any free port), served from a background thread."""

    daemon_threads = True

    def __init__(self, state: LiveState, host: str, port: int) -> None:
        self.state = state
        try:
            super().__init__((host, port), _Handler)
        except OSError as exc:
            raise InputError([Problem("serve_bind", {"host": host, "port": port, "reason": exc.strerror or str(exc)})]) from None
        shown = lan_address() if host in ANY_ADDRESS else host
        if ":" in shown:
            shown = f"[{shown}]"
        self.url = f"http://{shown}:{self.server_address[1]}/"
        self._thread = threading.Thread(target=self.serve_forever, name="board", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)
