"""The handlers of ``serve`` (Starlette) for the board, the feeds and the participation page,
and what every handler shares (the live state, bounded form reading, the language).

Routes, all on one port (listed in :mod:`opensozial.live.app`):

- ``/`` and ``/board.json``: the public board and its update (:mod:`opensozial.live.board`);
- ``/p`` (+ ``/p/join``, ``/p/votes``, ``/p/pitch``, ``/p/forget``, ``/p/calendar.ics``):
  one device's participation page; the device is known by a random token in a cookie;
- ``/admin?key=…`` (+ POSTs with the key as a form field): the facilitator's page
  (:mod:`opensozial.live.admin`);
- ``/schedule.xml``, ``/schedule.json``, ``/schedule.ics``: the live programme for apps.

Request bodies are small forms, read with a size limit and a deadline; the database
work runs in the thread pool so that a slow disk never stalls the board's polling.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from opensozial.i18n import t
from opensozial.live.board import page_html, update_json
from opensozial.live.feeds import FEEDS, Feeds, personal_calendar
from opensozial.live.merge import unplaceable
from opensozial.live.pages import Status, choices, participation_html
from opensozial.live.state import LiveState, Snapshot
from opensozial.live.store import (
    PITCH_LIMIT,
    NameTaken,
    Pitch,
    RateLimited,
    Store,
    token_hash,
)
from opensozial.model import Event

MAX_BODY = 16 * 1024  # the longest form (a pitch with a description) is far below this
BODY_TIMEOUT_S = 10.0
DEVICE_COOKIE = "opensozial_device"
LANG_COOKIE = "opensozial_lang"
COOKIE_AGE = 14 * 24 * 3600
HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}

log = logging.getLogger("opensozial.serve")
Form = dict[str, list[str]]


class BadForm(Exception):
    def __init__(self, status: int, key: str) -> None:
        super().__init__(key)
        self.status, self.key = status, key


@dataclass
class Live:
    """What every request works with: the re-planned state, the phones' data, the feeds."""

    state: LiveState
    store: Store
    feeds: Feeds
    join_url: str
    admin_key: str
    clock: Callable[[], float] = time.time
    _rendered: dict[tuple[str, int], str] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def rendered(self, kind: str, render: Callable[[Snapshot], str]) -> str:
        """The board's page or update for the current plan, rendered once per plan version:
        twenty polling pages asking at the same moment after a re-plan must not each
        render the grid while phones wait."""
        snapshot = self.state.snapshot
        key = (kind, snapshot.version)
        with self._lock:
            if key not in self._rendered:
                if not any(k[1] == snapshot.version for k in self._rendered):
                    self._rendered.clear()
                self._rendered[key] = render(snapshot)
            return self._rendered[key]


async def read_form(request: Request) -> Form:
    """An urlencoded form body, refused past ``MAX_BODY`` bytes or ``BODY_TIMEOUT_S``."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BODY:
        raise BadForm(413, "p_too_large")

    async def read() -> bytes:
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                raise BadForm(413, "p_too_large")
        return body

    try:
        body = await asyncio.wait_for(read(), BODY_TIMEOUT_S)
        return parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=300)
    except (TimeoutError, UnicodeDecodeError, ValueError):
        raise BadForm(400, "p_bad_request") from None


def one(form: Form, key: str, limit: int = 200) -> str:
    values = form.get(key) or [""]
    return " ".join(values[0].split())[:limit]


def lang_of(request: Request, live: Live) -> str:
    wanted = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    return wanted if wanted in ("de", "en") else live.state.snapshot.lang


def respond_html(text: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(text, status_code=status, headers=HEADERS)


def live_of(request: Request) -> Live:
    live: Live = request.app.state.live
    return live


# --- the board and the feeds ----------------------------------------------------------------


def board_page(request: Request) -> Response:
    live = live_of(request)
    return respond_html(live.rendered("page", lambda snapshot: page_html(snapshot, live.join_url)))


def board_update(request: Request) -> Response:
    live, known = live_of(request), request.query_params.get("v", "")
    if known == str(live.state.snapshot.version):  # the usual answer: nothing new
        data = update_json(live.state.snapshot, int(known))
    else:
        data = live.rendered("update", lambda snapshot: update_json(snapshot, None))
    return Response(data, media_type="application/json; charset=utf-8", headers=HEADERS)


def feed(request: Request) -> Response:
    live, name = live_of(request), request.url.path.lstrip("/")
    data = live.feeds.feed(live.state.snapshot, name)
    if data is None:
        return Response(status_code=404, headers=HEADERS)
    return Response(
        data, media_type=FEEDS[name][1], headers={**HEADERS, "Cache-Control": "no-cache"}
    )


# --- one device: participate ------------------------------------------------------------------


def _page(
    request: Request,
    status: Status | None = None,
    code: int = 200,
    name: str = "",
    token: str | None = None,
) -> Response:
    live, lang = live_of(request), lang_of(request, live_of(request))
    person = live.store.person(token or request.cookies.get(DEVICE_COOKIE))
    snapshot = live.state.snapshot
    html = participation_html(
        event=live.state.event,
        store=live.store,
        lang=lang,
        person=person,
        programme=live.feeds.programme(snapshot),
        busy=live.state.busy,
        status=status,
        name=name,
    )
    response = respond_html(html, code)
    if request.query_params.get("lang") in ("de", "en"):
        response.set_cookie(LANG_COOKIE, lang, max_age=COOKIE_AGE, samesite="lax", httponly=True)
    return response


def _after(request: Request, key: str, count: int | None = None) -> Response:
    """Post/redirect/get: the outcome travels in the address, so reloading never posts twice."""
    query = f"done={key}" + (f"&count={count}" if count is not None else "")
    return RedirectResponse(f"/p?{query}#status", status_code=303, headers=HEADERS)


def _done(request: Request) -> Status | None:
    """The outcome named in the address: only these two, with a number at most, so that a
    crafted link cannot make the page say anything else."""
    key, count = request.query_params.get("done", ""), request.query_params.get("count", "")
    lang = lang_of(request, live_of(request))
    if key == "p_saved" and count.isdigit():
        return Status(t(key, lang, count=int(count)))
    if key == "p_forgotten":
        return Status(t(key, lang))
    return None


def participate_page(request: Request) -> Response:
    return _page(request, _done(request))


def form_route(
    handler: Callable[[Request, Form], Response],
) -> Callable[[Request], Awaitable[Response]]:
    """Read the form (bounded), then run ``handler`` in the thread pool; errors become pages."""

    async def endpoint(request: Request) -> Response:
        try:
            form = await read_form(request)
        except BadForm as bad:
            lang = lang_of(request, live_of(request))
            return await run_in_threadpool(
                _page, request, Status(t(bad.key, lang), True), bad.status
            )
        return await run_in_threadpool(handler, request, form)

    return endpoint


def join(request: Request, form: Form) -> Response:
    live, lang = live_of(request), lang_of(request, live_of(request))
    name = one(form, "name", 80)
    if not name:
        return _page(request, Status(t("p_name_missing", lang), True), 400)
    try:
        _person, token = live.store.join(name)
    except NameTaken:
        return _page(request, Status(t("p_name_taken", lang, name=name), True), 409, name=name)
    response = RedirectResponse("/p#sessions", status_code=303, headers=HEADERS)
    response.set_cookie(DEVICE_COOKIE, token, max_age=COOKIE_AGE, samesite="lax", httponly=True)
    return response


def vote(request: Request, form: Form) -> Response:
    live, lang = live_of(request), lang_of(request, live_of(request))
    person = live.store.person(request.cookies.get(DEVICE_COOKIE))
    if person is None:
        return _page(request, Status(t("p_unknown_device", lang), True), 403)
    if not live.store.voting_open:
        return _page(request, Status(t("p_voting_closed", lang), True), 409)
    event = live.state.event
    if event is None:  # just started: the event file is being read; never claim "saved"
        return _page(request, Status(t("p_starting", lang), True), 503)
    known = {c.id for c in choices(event, live.store, set())}
    wanted = set(form.get("session", [])) & known
    live.store.set_votes(person, wanted, known)
    return _after(request, "p_saved", count=len(wanted))


def forget(request: Request, form: Form) -> Response:
    live = live_of(request)
    person = live.store.person(request.cookies.get(DEVICE_COOKIE))
    if person is not None:
        live.store.forget(person)
    response = _after(request, "p_forgotten")
    response.delete_cookie(DEVICE_COOKIE)
    return response


def _fits(event: Event | None, title: str, length: int, needs: list[str]) -> bool:
    """Whether the event's rooms and slots can take a session of this length and needs."""
    probe = Pitch("probe", title, (), "", length, tuple(needs), False)
    return event is None or not unplaceable(event, [probe])


def store_pitch(request: Request, form: Form, device: str) -> tuple[Status, int]:
    """Store a pitch from ``form``; the outcome as a status line and an HTTP status."""
    live, lang = live_of(request), lang_of(request, live_of(request))
    title = one(form, "title")
    hosts = list(
        dict.fromkeys(h for h in (" ".join(x.split()) for x in one(form, "hosts").split(",")) if h)
    )
    length = one(form, "length") or "1"
    needs = sorted(set(form.get("needs", [])))
    if not title or not hosts:
        return Status(t("p_pitch_missing", lang), True), 400
    if not length.isdigit() or not 1 <= int(length) <= 12:
        return Status(t("p_bad_request", lang), True), 400
    event = live.state.event
    if not _fits(event, title, int(length), needs):
        return Status(t("p_pitch_too_long", lang), True), 400
    try:
        live.store.pitch(
            title,
            hosts,
            one(form, "description", 1000),
            int(length),
            needs,
            device,
            live.clock(),
            set(event.session_by_id) if event is not None else set(),
        )
    except RateLimited:
        return Status(t("p_pitch_limit", lang, limit=PITCH_LIMIT), True), 429
    if live.store.setting("closed_once", "") == "1":  # during the day: into the plan at once
        live.state.request()
    return Status(t("p_pitched", lang, title=title)), 200


def pitch(request: Request, form: Form) -> Response:
    live = live_of(request)
    if not live.store.pitching_open:
        return _page(
            request, Status(t("admin_pitching_is_closed", lang_of(request, live)), True), 403
        )
    token = request.cookies.get(DEVICE_COOKIE)
    client = request.client.host if request.client else "?"
    status, code = store_pitch(request, form, token_hash(token) if token else f"address {client}")
    return _page(request, status, code)


def calendar(request: Request) -> Response:
    live = live_of(request)
    person = live.store.person(request.cookies.get(DEVICE_COOKIE))
    programme = live.feeds.programme(live.state.snapshot)
    data = personal_calendar(programme, person.name) if person and programme else None
    if data is None:
        return Response(status_code=404, headers=HEADERS)
    return Response(
        data,
        media_type="text/calendar; charset=utf-8",
        headers={**HEADERS, "Content-Disposition": 'attachment; filename="opensozial.ics"'},
    )
