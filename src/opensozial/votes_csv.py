"""Votes from an online form's CSV export (``votes_file:`` in the event file).

Facilitators collect wishes with whatever form tool they have; all of them export one
row per person. Two layouts are understood, told apart by the header:

* **columns**: a column per session (its title or id in the header), a mark in the cell
  (x, ja, yes, 1, ✓) when the person wants to go; other columns (time stamp, e-mail) are
  ignored;
* **list**: one column listing the wanted sessions' titles or ids, separated by ``;``
  or ``,`` (titles that contain a comma are still recognised whole).

The person is named by the column(s) whose header contains "name" (Name, Vorname +
Nachname, Dein Name). The delimiter is detected, UTF-8 with or without BOM is read.
Every problem names ``votes.csv:LINE`` and how to fix it.
"""

from __future__ import annotations

import csv
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from opensozial.errors import InputError, Location, Problem
from opensozial.inputs import read_text
from opensozial.model import Event

MARKS = frozenset({"x", "✓", "✔", "☑", "ja", "j", "yes", "y", "1", "true", "wahr", "+"})
BLANKS = frozenset({"", "nein", "no", "n", "0", "false", "falsch", "-"})
_SPACE = re.compile(r"\s+")
_COMMA = re.compile(r"\s*,\s*")


def _norm(text: str) -> str:
    return (
        _COMMA.sub(", ", _SPACE.sub(" ", text.replace("\ufeff", "")))
        .strip()
        .strip("\"'")
        .casefold()
    )


@dataclass
class _Sheet:
    path: Path
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (line where the row starts, cells)

    def problem(self, key: str, line: int, **params: object) -> InputError:
        return InputError(
            [Problem(key, {"file": self.path.name, **params}, Location(self.path, line))]
        )


def read_votes(path: Path, event: Event, where: Location | None = None) -> dict[str, list[str]]:
    """Session id → people who want it, in file order. ``where`` is the ``votes_file:`` line."""
    sheet = _read_sheet(path, where)
    index = {_norm(s.title): s.id for s in event.sessions} | {
        _norm(s.id): s.id for s in event.sessions
    }
    name_cols = [
        i for i, h in enumerate(sheet.header) if "name" in h.casefold() and _norm(h) not in index
    ]
    if not name_cols:
        raise sheet.problem(
            "votes_no_name_column", 1, headers=", ".join(h for h in sheet.header if h) or "-"
        )
    people = _people(sheet, name_cols)
    session_cols = {
        i: index[_norm(h)]
        for i, h in enumerate(sheet.header)
        if i not in name_cols and _norm(h) in index
    }
    wanted: dict[str, list[str]] = {s.id: [] for s in event.sessions}
    if session_cols:
        _check_unknown_columns(sheet, event, set(name_cols) | set(session_cols))
        for line, cells in sheet.rows:
            for i, sid in session_cols.items():
                cell = _norm(_cell(cells, i))
                if cell in MARKS or cell == _norm(sheet.header[i]):
                    wanted[sid].append(people[line])
                elif cell not in BLANKS:
                    raise sheet.problem(
                        "votes_cell_unclear",
                        line,
                        value=_cell(cells, i).strip(),
                        column=sheet.header[i],
                    )
        return wanted
    column = _list_column(sheet, index, set(name_cols), event)
    for line, cells in sheet.rows:
        for sid in _parse_list(sheet, line, _cell(cells, column), index, event):
            if people[line] not in wanted[sid]:
                wanted[sid].append(people[line])
    return wanted


def merge_votes(event: Event, wanted: dict[str, list[str]]) -> Event:
    """The event with the form's votes added to each session's ``votes`` (no one twice)."""
    sessions = [
        s.replaced(votes=list(dict.fromkeys([*s.votes, *wanted.get(s.id, [])])))
        if wanted.get(s.id)
        else s
        for s in event.sessions
    ]
    return event.replaced(sessions=sessions)


def _read_sheet(path: Path, where: Location | None) -> _Sheet:
    text = read_text(
        path, Problem("votes_file_missing", {"path": str(path)}, where), "votes_not_utf8"
    )
    first = text.split("\n", 1)[0]
    try:
        delimiter = csv.Sniffer().sniff(text[:8192], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ""
    if (
        not delimiter or delimiter not in first
    ):  # the header has no delimiter inside quotes: trust its counts
        delimiter = max(",;\t", key=first.count)
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    line = 1
    for cells in reader:
        if any(cell.strip() for cell in cells):
            rows.append((line, cells))
        line = reader.line_num + 1
    if not rows:
        raise InputError([Problem("votes_empty", {"file": path.name}, Location(path, 1))])
    (_, header), *body = rows
    if len(header) < 2:  # a name and at least one session: one column means another separator
        raise InputError(
            [
                Problem(
                    "votes_one_column",
                    {"file": path.name, "header": first.strip()},
                    Location(path, 1),
                )
            ]
        )
    return _Sheet(path, [h.strip() for h in header], body)


def _cell(cells: list[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""


def _people(sheet: _Sheet, name_cols: list[int]) -> dict[int, str]:
    """Line → person; a name missing or given twice is an error at its line."""
    people: dict[int, str] = {}
    seen: dict[str, int] = {}
    for line, cells in sheet.rows:
        name = _SPACE.sub(" ", " ".join(_cell(cells, i) for i in name_cols)).strip()
        if not name:
            raise sheet.problem("votes_no_name", line, column=sheet.header[name_cols[0]])
        key = name.casefold()
        if key in seen:
            raise sheet.problem("votes_duplicate_person", line, name=name, first=seen[key])
        seen[key] = line
        people[line] = name
    return people


def _suggest(text: str, event: Event) -> str:
    titles = [s.title for s in event.sessions] + [s.id for s in event.sessions]
    close = difflib.get_close_matches(_norm(text), [_norm(t) for t in titles], n=1, cutoff=0.6)
    return next((t for t in titles if close and _norm(t) == close[0]), "")


def _check_unknown_columns(sheet: _Sheet, event: Event, known: set[int]) -> None:
    """A column of marks whose header is no session is a session missing from the event file."""
    for i, header in enumerate(sheet.header):
        if i in known:
            continue
        cells = [_norm(_cell(cells, i)) for _, cells in sheet.rows]
        if any(c in MARKS for c in cells) and all(c in MARKS or c in BLANKS for c in cells):
            raise sheet.problem(
                "votes_unknown_column", 1, title=header, suggestion=_suggest(header, event)
            )


def _split(cell: str) -> list[list[str]]:
    """Entries separated by ``;`` or new lines; each further split at commas (merged back later)."""
    return [part.split(",") for part in re.split(r"[;\n]", cell) if part.strip()]


def _parse_list(
    sheet: _Sheet, line: int, cell: str, index: dict[str, str], event: Event
) -> list[str]:
    """The session ids named in one list cell; a piece no session matches is an error."""
    found = []
    for pieces in _split(cell):
        start = 0
        while start < len(pieces):
            if not pieces[start].strip():
                start += 1
                continue
            for end in range(len(pieces), start, -1):  # the longest run of pieces that is a title
                sid = index.get(_norm(",".join(pieces[start:end])))
                if sid is not None:
                    found.append(sid)
                    start = end
                    break
            else:
                text = pieces[start].strip()
                raise sheet.problem(
                    "votes_unknown_session", line, title=text, suggestion=_suggest(text, event)
                )
    return found


def _list_column(sheet: _Sheet, index: dict[str, str], names: set[int], event: Event) -> int:
    """The column whose cells name the most sessions exactly (else: nearly, to report typos)."""

    def pieces(i: int) -> list[str]:
        return [",".join(p) for _, cells in sheet.rows for p in _split(_cell(cells, i))] + [
            piece for _, cells in sheet.rows for p in _split(_cell(cells, i)) for piece in p
        ]

    def score(i: int) -> tuple[int, int]:
        found = pieces(i)
        exact = sum(1 for piece in found if _norm(piece) in index)
        return exact, 0 if exact else sum(1 for piece in found if _suggest(piece, event))

    scores = {i: score(i) for i in range(len(sheet.header)) if i not in names}
    best = max(scores, key=lambda i: (scores[i], -i), default=None)
    if best is None or scores[best] == (0, 0):
        raise sheet.problem(
            "votes_no_votes_column", 1, headers=", ".join(h for h in sheet.header if h) or "-"
        )
    return best
