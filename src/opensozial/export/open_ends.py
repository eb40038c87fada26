"""The open ends with the names of the people who wanted them (FORMAT ``open-ends``).

Open-Sozial's promise is that a topic without a slot is followed up: the facilitator
connects its hosts with the people who voted for it after the event. That needs names,
so this file is personal data: it says so at the top and in its file name, and no other
export (poster, calendar, frab, CSV, Markdown, board) ever carries voters' names.
Markdown, so it reads as well printed as in a text editor or pasted into an e-mail.
"""

from __future__ import annotations

from opensozial.export.markdown import escape as _line
from opensozial.export.view import ExportOptions, Programme
from opensozial.i18n import t
from opensozial.render.labels import shown_title


def render(programme: Programme, options: ExportOptions) -> bytes:
    lang, event = programme.lang, programme.event
    lines = [f"# {_line(t('open_ends_title', lang, name=event.event.name))}", "",
             f"**{_line(t('open_ends_personal', lang))}**", ""]
    reasons = {u.session: u.text(lang) for u in programme.plan.unscheduled}
    if not programme.unscheduled:
        lines += [_line(t("open_ends_none", lang)), ""]
    for session in programme.unscheduled:
        voters = sorted(set(session.votes), key=str.casefold)
        lines += [f"## {_line(shown_title(event, session.id))}", ""]
        if session.hosts:
            lines.append(f"- {t('open_ends_hosts', lang)}: {_line(', '.join(session.hosts))}")
        if reasons.get(session.id):
            lines.append(f"- {t('open_ends_reason', lang)}: {_line(reasons[session.id])}")
        lines.append(f"- {t('open_ends_wanted', lang)} ({len(voters)}): "
                     f"{_line(', '.join(voters)) if voters else '–'}")
        lines.append("")
    return "\n".join(lines).encode("utf-8")
