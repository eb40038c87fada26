"""Turn core errors into the one paragraph a user reads: where, what, how to fix."""

from __future__ import annotations

from opensozial.errors import OpensozialError, Problem
from opensozial.i18n import t

MAX_SHOWN = 12


def describe(problem: Problem, lang: str) -> str:
    text = t(problem.key, lang, **problem.params)
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
