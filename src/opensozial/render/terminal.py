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
from opensozial.render.plain import one_line, plain


def _clock(event: Event, slot_id: str) -> str:
    slot = event.slot_by_id[slot_id]
    return f"{slot.start:%H:%M}–{slot.end:%H:%M}"


def grid(event: Event, plan: Plan, lang: str) -> RenderableType:
    """Slots as rows × rooms as columns; one table per day."""
    cell: dict[tuple[str, str], tuple[str, int, int]] = {}
    for a in plan.assignments:
        for index, slot_id in enumerate(a.slots):
            cell[(slot_id, a.room)] = (a.session, index + 1, len(a.slots))
    tables = []
    for day, slots in groupby(event.slots, key=event.slot_date):
        title = plain(f"{t('grid_title', lang, name=event.event.name)} · {long_date(day, lang)}")
        table = Table(title=title, show_lines=True, expand=False)
        table.add_column(t("slot", lang), no_wrap=True, style="bold")
        for room in event.rooms:
            header = plain(room.label)
            header.append(f"\n{room.capacity} {t('capacity', lang)}", style="dim")
            table.add_column(header)
        for slot in slots:
            head = Text(f"{_clock(event, slot.id)}\n", style="bold")
            head.append(one_line(slot.id), style="dim")
            if not slot.is_session_slot:
                label = slot.break_ if slot.break_ is not None else slot.plenary
                style = "italic yellow" if slot.break_ is not None else "bold magenta"
                table.add_row(head, plain(label or "", style), *[""] * (len(event.rooms) - 1))
                continue
            row: list[RenderableType] = [head]
            for room in event.rooms:
                if (slot.id, room.id) not in cell:
                    row.append(Text("·" if slot.id not in room.unavailable else "✕", style="dim"))
                    continue
                sid, part, total = cell[(slot.id, room.id)]
                session = event.session_by_id[sid]
                text = plain(session.title, "bold")
                if total > 1:
                    text.append(f" ({part}/{total})", style="dim")
                if session.hosts:
                    hosts = ", ".join(one_line(host) for host in session.hosts)
                    text.append("\n" + hosts, style="cyan")
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
        table.add_row(plain(item.session), plain(title), demand, plain(item.reason))
    return table


def summary(plan: Plan, lang: str) -> RenderableType:
    m = plan.metrics
    if plan.conflicts_bound:  # "143 conflicts (at least 118 unavoidable)"
        conflicts = t("conflicts_bound_line", lang, conflicts=m.conflicts, bound=plan.conflicts_bound)
    else:
        conflicts = t("conflicts_line", lang, conflicts=m.conflicts)
    lines = [
        conflicts,
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
