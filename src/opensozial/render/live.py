"""Terminal view of the plan history: one row per saved plan, no wall-clock times."""

from __future__ import annotations

from pathlib import Path

from rich.console import RenderableType
from rich.table import Table

from opensozial.history import number
from opensozial.i18n import t
from opensozial.model import Event
from opensozial.plan import Plan
from opensozial.render.plain import block, plain


def history(
    event: Event, saved: list[tuple[Path, Plan]], folder: Path, lang: str
) -> RenderableType:
    """Number, file, placed / without slot / conflicts, and the ``--now`` it was re-planned at."""
    if not saved:
        return block(t("history_none", lang, folder=folder))
    table = Table(title=plain(t("history_title", lang, name=event.event.name)))
    for key in ("history_number", "history_file", "history_placed", "history_unscheduled",
                "history_conflicts", "history_now"):
        table.add_column(t(key, lang), justify="right" if key != "history_file" else "left")
    for path, plan in saved:
        now = (plan.solver.get("replan") or {}).get("now") or ""
        table.add_row(str(number(path)), plain(path.name), str(len(plan.assignments)),
                      str(len(plan.unscheduled)), str(plan.metrics.conflicts),
                      plain(now.replace("T", " ")[:16]))
    return table
