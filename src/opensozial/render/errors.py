"""Turn core errors into the one paragraph a user reads: where, what, how to fix."""

from __future__ import annotations

from opensozial.errors import OpensozialError, Problem
from opensozial.i18n import MESSAGES, t
from opensozial.render.plain import QUOTE_LIMIT, one_line, quote

MAX_SHOWN = 12


def _reason(params: dict, lang: str) -> str:
    """pydantic's reason, in the user's language where we know the error type."""
    key = f"pyd_{params.get('reason_type')}"
    if key in MESSAGES[lang]:
        return t(key, lang, **params.get("context", {}))
    return str(params.get("reason", ""))


# Parameters that are paths: shown whole (cut, they would point nowhere), but cleaned.
_PATHS = frozenset({"path", "folder", "parent", "example", "file"})
_LONG = frozenset({"known", "headers", "formats"})  # lists of names: a longer cut


def _safe(key: str, value: object) -> object:
    """User text quoted safely: no control sequences, one line, a sane length."""
    if not isinstance(value, str):
        return value
    if key in _PATHS:
        return one_line(value)
    return quote(value, 4 * QUOTE_LIMIT if key in _LONG else QUOTE_LIMIT)


def describe(problem: Problem, lang: str) -> str:
    params = {key: _safe(key, value) for key, value in problem.params.items()}
    if "reason_type" in params:
        params["reason"] = _reason(params, lang)
    if "expected_msg" in params:
        params["expected"] = t(str(params["expected_msg"]), lang)
    text = t(problem.key, lang, **params)
    suggestion = params.get("suggestion")
    if suggestion:
        text += " " + t("did_you_mean", lang, suggestion=suggestion)
    elif problem.key == "unknown_key":
        text += " " + t("known_keys", lang, known=params["known"])
    elif problem.key.startswith("unknown_") and params.get("known"):
        text += " " + t("known_ids", lang, known=params["known"])
    where = f"{one_line(problem.location)}: " if problem.location else ""
    return f"{where}{text}"


def describe_error(error: OpensozialError, lang: str) -> list[str]:
    lines = [describe(p, lang) for p in error.problems[:MAX_SHOWN]]
    hidden = len(error.problems) - MAX_SHOWN
    if hidden > 0:
        lines.append(t("errors_more", lang, count=hidden))
    return lines
