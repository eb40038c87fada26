"""The web application of ``serve``: every route, and one log line per request.

See :mod:`opensozial.live.web` (board, feeds, participation) and
:mod:`opensozial.live.admin` (the facilitator's page) for what each route does.
"""

from __future__ import annotations

import time

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from opensozial.live.admin import (
    admin,
    admin_action,
    admin_pitch,
    hide,
    replan_now,
    set_pitching,
    set_voting,
)
from opensozial.live.feeds import FEEDS
from opensozial.live.web import (
    Live,
    board_page,
    board_update,
    calendar,
    feed,
    forget,
    form_route,
    join,
    log,
    participate_page,
    pitch,
    vote,
)


class AccessLog(BaseHTTPMiddleware):
    """One line per request in the log file: method, path (never the query: it may hold the
    admin key), status, milliseconds. Nothing reaches the facilitator's terminal."""

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        start = time.perf_counter()
        response = await call_next(request)
        log.info(
            "%s %s %d %.1fms",
            request.method,
            request.url.path,
            response.status_code,
            (time.perf_counter() - start) * 1000,
        )
        return response


def make_app(live: Live) -> Starlette:
    form = form_route
    routes = [
        Route("/", board_page),
        Route("/board.json", board_update),
        *(Route(f"/{name}", feed) for name in FEEDS),
        Route("/p", participate_page),
        Route("/p/", lambda request: RedirectResponse("/p", status_code=308)),
        Route("/p/join", form(join), methods=["POST"]),
        Route("/p/votes", form(vote), methods=["POST"]),
        Route("/p/forget", form(forget), methods=["POST"]),
        Route("/p/pitch", form(pitch), methods=["POST"]),
        Route("/p/calendar.ics", calendar),
        Route("/admin", admin),
        Route("/admin/voting", form(admin_action(set_voting)), methods=["POST"]),
        Route("/admin/pitching", form(admin_action(set_pitching)), methods=["POST"]),
        Route("/admin/replan", form(admin_action(replan_now)), methods=["POST"]),
        Route("/admin/pitch", form(admin_action(admin_pitch)), methods=["POST"]),
        Route("/admin/hide", form(admin_action(hide)), methods=["POST"]),
    ]
    app = Starlette(routes=routes, middleware=[Middleware(AccessLog)])
    app.state.live = live
    return app
