"""The facilitator's page of ``serve``: voting, pitching, spam, people — behind a key.

The key is made once per event (kept in the phones' database, so a restart does not
lock the facilitator out) and shown only in the terminal. Each action posts the key as a
form field and answers with the admin page again, saying what happened.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import Response

from opensozial.i18n import t
from opensozial.live.pages import Status, admin_html, denied_html
from opensozial.live.store import ADMIN_DEVICE
from opensozial.live.web import Form, Live, lang_of, live_of, log, one, respond_html, store_pitch


def _admin_page(
    request: Request, key: str, status: Status | None = None, code: int = 200
) -> Response:
    live = live_of(request)
    html = admin_html(
        event=live.state.event,
        store=live.store,
        lang=lang_of(request, live),
        key=key,
        data_path=str(live.store.path),
        status=status,
    )
    return respond_html(html, code)


def _allowed(live: Live, key: str) -> bool:
    return secrets.compare_digest(key.encode("utf-8"), live.admin_key.encode("utf-8"))


def admin(request: Request) -> Response:
    live, key = live_of(request), request.query_params.get("key", "")
    if not _allowed(live, key):
        return respond_html(denied_html(lang_of(request, live)), 403)
    return _admin_page(request, key)


def admin_action(action: Callable[[Request, Form], Status]) -> Callable[[Request, Form], Response]:
    """An admin POST: check the key, act, show the admin page again with the outcome."""

    def handler(request: Request, form: Form) -> Response:
        live, key = live_of(request), one(form, "key")
        if not _allowed(live, key):
            return respond_html(denied_html(lang_of(request, live)), 403)
        status = action(request, form)
        return _admin_page(request, key, status, 400 if status.error else 200)

    return handler


def set_voting(request: Request, form: Form) -> Status:
    live, lang = live_of(request), lang_of(request, live_of(request))
    if one(form, "voting") == "open":
        live.store.put("voting", "open")
        return Status(t("admin_reopened", lang))
    live.store.put("voting", "closed")
    first = live.store.setting("closed_once", "") != "1"
    live.store.put("closed_once", "1")
    live.state.request(
        fresh=first
    )  # the morning's plan is made from the votes, not moved from a guess
    log.info("voting closed (%s plan)", "fresh" if first else "re-")
    return Status(t("admin_closed_now", lang))


def set_pitching(request: Request, form: Form) -> Status:
    live = live_of(request)
    wanted = "open" if one(form, "pitching") == "open" else "closed"
    live.store.put("pitching", wanted)
    key = "admin_pitching_is_open" if wanted == "open" else "admin_pitching_is_closed"
    return Status(t(key, lang_of(request, live)))


def replan_now(request: Request, form: Form) -> Status:
    live_of(request).state.request()
    return Status(t("admin_replanning", lang_of(request, live_of(request))))


def admin_pitch(request: Request, form: Form) -> Status:
    return store_pitch(request, form, ADMIN_DEVICE)[0]


def hide(request: Request, form: Form) -> Status:
    """Hide a spam pitch (or show it again); its votes stay in the database, uncounted."""
    live, lang = live_of(request), lang_of(request, live_of(request))
    pitch = next((p for p in live.store.pitches() if p.id == one(form, "pitch")), None)
    if pitch is None:
        return Status(t("p_bad_request", lang), True)
    hidden = one(form, "hidden") == "1"
    live.store.hide(pitch.id, hidden)
    if live.store.setting("closed_once", "") == "1":
        live.state.request()
    return Status(t("admin_hid" if hidden else "admin_unhid", lang, title=pitch.title))
