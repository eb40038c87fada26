"""Markdown (FORMAT ``markdown``): the programme for wikis, pads and chat.

One section per day, one table per day (time, room, title, hosts), breaks and plenaries
as their own rows, then the open ends. Table cells are escaped so a ``|`` in a title
cannot break the table.
"""

from __future__ import annotations

from opensozial.export.view import ExportOptions, Programme
from opensozial.i18n import t


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def render(programme: Programme, options: ExportOptions) -> bytes:
    lang = programme.lang
    lines = [f"# {programme.event.event.name}", ""]
    for day in programme.days:
        lines += [f"## {day.title}", ""]
        lines.append(
            f"| {t('x_time', lang)} | {t('x_room', lang)} | {t('x_title', lang)} | {t('x_hosts', lang)} |"
        )
        lines.append("| --- | --- | --- | --- |")
        for row in day.rows:
            if row.kind != "session":
                lines.append(f"| {row.times} | | *{_cell(row.label or '')}* | |")
                continue
            for cell in row.cells:
                if cell.item is not None and cell.first:
                    session = cell.item.session
                    lines.append(
                        f"| {cell.item.times} | {_cell(cell.room.label)} | **{_cell(session.title)}** "
                        f"| {_cell(', '.join(session.hosts))} |"
                    )
        lines.append("")
    if programme.unscheduled:
        lines += [f"## {t('x_open_ends', lang)}", ""]
        lines += [f"- {session.title}" for session in programme.unscheduled]
        lines.append("")
    return "\n".join(lines).encode("utf-8")
