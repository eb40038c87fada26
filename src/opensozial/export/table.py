"""CSV (FORMAT ``csv``): one row per placed session, break and plenary, for spreadsheets.

UTF-8 with ``,``; with ``--excel`` a byte-order mark in front and ``;`` between cells,
because German Excel otherwise reads the file as the Windows code page (mangling every
umlaut) and puts each ``,``-separated row into one column. A cell that starts with
``= + - @``, a tab or a carriage return is a formula to Excel and LibreOffice, so it
gets a leading ``'`` (OWASP's advice against CSV injection): a title such as
``=HYPERLINK(...)`` stays text. Columns are named in the reader's language; hosts are
public, voters never appear.
"""

from __future__ import annotations

import csv
import io

from opensozial.export.common import common_items
from opensozial.export.view import ExportOptions, Programme
from opensozial.i18n import t

COLUMNS = ("x_date", "x_start", "x_end", "x_room", "x_title", "x_hosts", "x_track", "x_session_id")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """The cell as text a spreadsheet will not evaluate."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def render(programme: Programme, options: ExportOptions) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if options.excel else ",", lineterminator="\r\n")
    writer.writerow([t(column, programme.lang) for column in COLUMNS])
    for item in sorted([*programme.items, *common_items(programme)], key=lambda i: i.start):
        row = [
            item.start.date().isoformat(),
            f"{item.start:%H:%M}",
            f"{item.end:%H:%M}",
            item.room.label,
            item.title,
            ", ".join(item.session.hosts),
            item.session.track or "",
            item.session.id,
        ]
        writer.writerow([neutralise(cell) for cell in row])
    return buffer.getvalue().encode("utf-8-sig" if options.excel else "utf-8")
