"""Markdown (FORMAT ``markdown``): the programme for wikis, pads and chat.

One section per day, one table per day (time, room, title, hosts), breaks and plenaries
as their own rows, then the open ends. Every text from the event file is escaped with
CommonMark's backslash escapes, so ``*``, ``_``, `` ` ``, ``<b>``, ``[x](javascript:…)``,
``$…$`` or a leading ``#`` in a title print as typed instead of becoming emphasis,
HTML, links, formulas or headings, and a ``|`` cannot break the table.
"""

from __future__ import annotations

import re

from opensozial.export.view import ExportOptions, Programme
from opensozial.i18n import t
from opensozial.render.labels import shown_title

# Characters that start markup anywhere in a line (CommonMark, GFM tables and
# strikethrough, and the $ of the maths extensions common wikis enable).
_ANYWHERE = re.compile(r"([\\`*_\[\]<>|~&$!#])")
# Characters that start a block only at the beginning of a line: lists, quotes, setext.
_LEADING = re.compile(r"^(\s*)([-+=>]|\d+[.)])")


def escape(text: str) -> str:
    """``text`` on one line, every markup character escaped."""
    line = _ANYWHERE.sub(r"\\\1", " ".join(text.split()))
    return _LEADING.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], line)


def render(programme: Programme, options: ExportOptions) -> bytes:
    lang = programme.lang
    lines = [f"# {escape(programme.event.event.name)}", ""]
    for day in programme.days:
        lines += [f"## {day.title}", ""]
        lines.append(
            f"| {t('x_time', lang)} | {t('x_room', lang)} | {t('x_title', lang)} "
            f"| {t('x_hosts', lang)} |"
        )
        lines.append("| --- | --- | --- | --- |")
        for row in day.rows:
            if row.kind != "session":
                lines.append(f"| {row.times} | | *{escape(row.label or '')}* | |")
                continue
            for cell in row.cells:
                if cell.item is not None and cell.first:
                    item = cell.item
                    lines.append(
                        f"| {item.times} | {escape(cell.room.label)} | **{escape(item.title)}** "
                        f"| {escape(', '.join(item.session.hosts))} |"
                    )
        lines.append("")
    if programme.unscheduled:
        lines += [f"## {t('x_open_ends', lang)}", ""]
        lines += [
            f"- {escape(shown_title(programme.event, session.id))}"
            for session in programme.unscheduled
        ]
        lines.append("")
    return "\n".join(lines).encode("utf-8")
