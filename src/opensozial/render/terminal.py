"""The terminal views (rich renderables): the grid, the open ends, the summary.

Functions return renderables; only the CLI prints them.
"""

from __future__ import annotations

from itertools import groupby

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from opensozial.i18n import t
from opensozial.i18n.dates import long_date
from opensozial.model import Event
from opensozial.plan import Plan
from opensozial.render.certificate import conflicts_sentence


def _clock(event: Event, slot_id: str) -> str:
    slot = event.slot_by_id[slot_id]
    return f"{slot.start:%H:%M}–{slot.end:%H:%M}"


def grid(event: Event, plan: Plan, lang: str) -> RenderableType:
    """Slots as rows × rooms as columns; one table per day."""
    cell: dict[tuple[str, str], tuple[str, int, int]] = {}
    for a in plan.assignments:
        for index, slot in enumerate(a.slots):
            cell[(slot, a.room)] = (a.session, index + 1, len(a.slots))
    tables = []
    for day, slots in groupby(event.slots, key=event.slot_date):
        table = Table(title=f"{t('grid_title', lang, name=event.event.name)} · {long_date(day, lang)}",
                      show_lines=True, expand=False)
        table.add_column(t("slot", lang), no_wrap=True, style="bold")
        for room in event.rooms:
            table.add_column(f"{room.label}\n[dim]{room.capacity} {t('capacity', lang)}[/dim]")
        for slot in slots:
            head = Text(f"{_clock(event, slot.id)}\n", style="bold")
            head.append(slot.id, style="dim")
            if not slot.is_session_slot:
                label = slot.break_ if slot.break_ is not None else slot.plenary
                style = "italic yellow" if slot.break_ is not None else "bold magenta"
                table.add_row(head, Text(label or "", style=style), *[""] * (len(event.rooms) - 1))
                continue
            row: list[RenderableType] = [head]
            for room in event.rooms:
                if (slot.id, room.id) not in cell:
                    row.append(Text("·" if slot.id not in room.unavailable else "✕", style="dim"))
                    continue
                sid, part, total = cell[(slot.id, room.id)]
                session = event.session_by_id[sid]
                text = Text(session.title, style="bold")
                if total > 1:
                    text.append(f" ({part}/{total})", style="dim")
                if session.hosts:
                    text.append("\n" + ", ".join(session.hosts), style="cyan")
                over = session.demand > room.capacity
                text.append(f"\n{session.demand}/{room.capacity}", style="red" if over else "green")
                row.append(text)
            table.add_row(*row)
        tables.append(table)
    return Group(*tables)


def open_ends(event: Event, plan: Plan, lang: str) -> RenderableType:
    """The sessions without a slot, with the reason, so no topic gets lost."""
    if not plan.unscheduled:
        return Text(t("no_open_ends", lang), style="green")
    table = Table(title=t("open_ends", lang), title_style="bold yellow")
    for header in ("id", t("title", lang), t("demand", lang), t("reason", lang)):
        table.add_column(header)
    for item in plan.unscheduled:
        session = event.session_by_id.get(item.session)
        title = session.title if session else item.session
        demand = str(session.demand) if session else ""
        table.add_row(item.session, title, demand, item.reason)
    return table


def summary(plan: Plan, lang: str) -> RenderableType:
    m = plan.metrics
    lines = [
        conflicts_sentence(plan, lang),  # "148 conflicts — proven optimal" (issue #11)
        t("overflow_line", lang, overflow=m.overflow_seats),
        t("unscheduled_line", lang, count=m.unscheduled_sessions),
    ]
    if plan.status == "optimal":
        quality = t("optimal", lang)
    else:
        gap = 100.0 * (plan.objective - plan.bound) / plan.objective if plan.objective else 0.0
        quality = t("gap", lang, gap=f"{gap:.1f}")
    lines.append(t("bound_line", lang, objective=plan.objective, bound=plan.bound, quality=quality))
    if plan.elapsed:
        lines.append(t("solve_time", lang, seconds=f"{plan.elapsed:.1f}"))
    return Text(t("summary", lang) + ": " + " · ".join(lines))
