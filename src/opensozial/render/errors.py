"""Turn core errors into the one paragraph a user reads: where, what, how to fix."""

from __future__ import annotations

from opensozial.errors import OpensozialError, Problem
from opensozial.i18n import MESSAGES, t

MAX_SHOWN = 12


def _reason(params: dict, lang: str) -> str:
    """pydantic's reason, in the user's language where we know the error type."""
    key = f"pyd_{params.get('reason_type')}"
    if key in MESSAGES[lang]:
        return t(key, lang, **params.get("context", {}))
    return str(params.get("reason", ""))


def describe(problem: Problem, lang: str) -> str:
    params = dict(problem.params)
    if "reason_type" in params:
        params["reason"] = _reason(params, lang)
    text = t(problem.key, lang, **params)
    suggestion = problem.params.get("suggestion")
    if suggestion:
        text += " " + t("did_you_mean", lang, suggestion=suggestion)
    elif problem.key == "unknown_key":
        text += " " + t("known_keys", lang, known=problem.params["known"])
    elif problem.key.startswith("unknown_") and problem.params.get("known"):
        text += " " + t("known_ids", lang, known=problem.params["known"])
    where = f"{problem.location}: " if problem.location else ""
    return f"{where}{text}"


def describe_error(error: OpensozialError, lang: str) -> list[str]:
    lines = [describe(p, lang) for p in error.problems[:MAX_SHOWN]]
    hidden = len(error.problems) - MAX_SHOWN
    if hidden > 0:
        lines.append(t("errors_more", lang, count=hidden))
    return lines
