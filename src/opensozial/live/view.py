"""The terminal screen of ``watch`` and ``serve``: grid, open ends, changes, and what went wrong.

After a failed save the last good grid stays and the error is shown below it, in the same
one-paragraph form (with file:line) as ``plan`` prints it.
"""

from __future__ import annotations

import io

import segno
from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.text import Text

from opensozial.errors import OpensozialError
from opensozial.i18n import t
from opensozial.live.state import Snapshot
from opensozial.render import terminal
from opensozial.render.errors import describe_error
from opensozial.render.plain import block


def changes(snapshot: Snapshot) -> RenderableType:
    lang = snapshot.lang
    body = "\n".join(snapshot.changes) if snapshot.changes else t("no_changes", lang)
    return Panel(block(body), title=t("changes_heading", lang), title_align="left", expand=False)


def problem(snapshot: Snapshot) -> RenderableType:
    """The latest refresh's error, and that the last good plan is still the one shown."""
    lang, error = snapshot.lang, snapshot.error
    if isinstance(error, OpensozialError):
        lines = describe_error(error, lang)
    else:
        lines = [t("watch_internal", lang, name=type(error).__name__)]
    lines.append(t("watch_kept", lang) if snapshot.plan else t("watch_no_plan", lang))
    return Panel(block("\n".join(lines)), title=t("error_heading", lang), title_align="left",
                 border_style="bold red", expand=False)


def screen(snapshot: Snapshot, watched: str) -> RenderableType:
    """Everything ``watch`` shows after one refresh."""
    lang = snapshot.lang
    parts: list[RenderableType] = []
    if snapshot.event is not None and snapshot.plan is not None:
        parts += [
            terminal.grid(snapshot.event, snapshot.plan, lang),
            terminal.open_ends(snapshot.event, snapshot.plan, lang),
            terminal.summary(snapshot.plan, lang),
            changes(snapshot),
        ]
    if snapshot.error is not None:
        parts.append(problem(snapshot))
    elif snapshot.saved is not None:
        parts.append(block(t("watch_saved", lang, path=snapshot.saved), style="dim"))
    parts.append(block(t("watch_status", lang, path=watched), style="bold"))
    return Group(*parts)


def address(board: str, join: str, admin: str, log: str, lang: str) -> RenderableType:
    """Where the board and the participation page are (the QR code leads to the latter), and
    the admin page's address with its key: shown here only, never on any page."""
    code = io.StringIO()
    segno.make(join, error="m").terminal(out=code, compact=True)
    # The addresses carry --host and the log path the event file's name: plain text only.
    return Group(block(t("serve_url", lang, url=board), style="bold green"),
                 block(t("serve_join", lang, url=join), style="bold green"), Text(code.getvalue()),
                 Text(t("serve_scan", lang), style="dim"), block(t("serve_admin", lang, url=admin)),
                 block(t("serve_log", lang, path=log), style="dim"))
