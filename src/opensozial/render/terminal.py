"""The terminal views (rich renderables): the grid or the list, the open ends, the summary.

Functions return renderables; only the CLI prints them. The programme decides its
layout when it is drawn, from the width it is given: a grid of rooms × slots where every
word of every cell fits its column, otherwise a list per slot in which each title is
whole (a 7-room grid cut at 80 columns left six letters of each title).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import Literal

from rich import box
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from opensozial.i18n import t
from opensozial.i18n.dates import long_date
from opensozial.model import Event, Room, Slot
from opensozial.plan import Plan
from opensozial.render.certificate import conflicts_sentence, rounded_up, shown_percent
from opensozial.render.labels import shown_title, slot_of
from opensozial.render.plain import one_line, plain

Layout = Literal["auto", "grid", "list"]
SLOT_WIDTH = 11  # "10:00–10:45"


def _clock(slot: Slot) -> str:
    return f"{slot.start:%H:%M}–{slot.end:%H:%M}"


@dataclass(frozen=True)
class Cell:
    """One session in one slot: what the grid cell and the list line show."""

    title: str  # with the session's part when it is one of several: "AG Klima (2/3)"
    part: str  # " (1/2)" for a multi-slot session, else "" (see ``_slot_part``)
    hosts: str
    seats: str  # "25/80", "12/12 full"
    over: bool  # more people than seats


def cells(event: Event, plan: Plan, lang: str) -> dict[tuple[str, str], Cell]:
    cells = {}
    for a in plan.assignments:
        session, room = event.session_by_id.get(a.session), event.room_by_id.get(a.room)
        if session is None or room is None:
            continue  # a plan for another version of the file: the checker reports it
        seats = f"{session.demand}/{room.capacity}"
        if session.full:
            seats += f" {t('full', lang)}"
        title = one_line(shown_title(event, session.id))
        hosts = ", ".join(one_line(host) for host in session.hosts)
        for index, slot in enumerate(a.slots):
            part = _slot_part(index, len(a.slots), event.part_of(session.id) is not None, lang)
            cells[(slot, a.room)] = Cell(title, part, hosts, seats, session.demand > room.capacity)
    return cells


def _slot_part(index: int, length: int, in_parts: bool, lang: str) -> str:
    """" (2/3)" for a multi-slot session's slot; " – Fortsetzung" for a part's later slot."""
    which = slot_of(index, length, in_parts, lang)
    if not which:
        return ""
    return f" – {which}" if in_parts else f" ({which})"


def _cell_text(cell: Cell) -> Text:
    text = Text(cell.title, style="bold")
    text.append(cell.part, style="dim")
    if cell.hosts:
        text.append("\n" + cell.hosts, style="cyan")
    text.append("\n" + cell.seats, style="red" if cell.over else "green")
    return text


def describe_slot(slot: Slot, lang: str) -> Text:
    """A break or plenary: its title, speakers and description, for the whole width."""
    if slot.break_ is not None:
        text = plain(slot.break_, "italic yellow")
    else:
        text = plain(slot.plenary or "", "bold magenta")
        if slot.speakers:
            names = ", ".join(one_line(name) for name in slot.speakers)
            text.append(" — " + t("speakers", lang, names=names), style="magenta")
    if slot.description:
        text.append("\n" + one_line(slot.description), style="dim")
    return text


def session_line(room: Room, cell: Cell, *, seats: bool) -> Text:
    """"Room: Title (1/2) — hosts · 12/12 full": one whole line per session."""
    line = plain(room.label, "bold cyan")
    line.append(": ")
    line.append(cell.title, style="bold")
    line.append(cell.part, style="dim")
    if cell.hosts:
        line.append(" — " + cell.hosts, style="cyan")
    if seats:
        line.append(" · ")
        line.append(cell.seats, style="red" if cell.over else "green")
    return line


def _day_rooms(event: Event, slots: list[Slot]) -> list[Room]:
    """The rooms open in at least one of the day's session slots (a closed room is noise)."""
    own = [s.id for s in slots if s.is_session_slot]
    return [r for r in event.rooms if any(s not in event.room_closed[r.id] for s in own)]


def _days(event: Event) -> Iterator[tuple[dt.date, list[Slot]]]:
    for day, slots in groupby(event.slots, key=event.slot_date):
        yield day, list(slots)


def _longest_word(texts: Iterable[str]) -> int:
    return max((len(word) for text in texts for word in text.split()), default=1)


def _column_texts(cells: dict[tuple[str, str], Cell], slots: list[Slot], room: Room,
                  lang: str) -> list[str]:
    texts = [room.label, f"{room.capacity} {t('capacity', lang)}"]
    for slot in slots:
        cell = cells.get((slot.id, room.id))
        if cell is not None:
            texts += [cell.title + cell.part, cell.hosts, cell.seats]
    return texts


def _column_widths(cells: dict[tuple[str, str], Cell], slots: list[Slot], rooms: list[Room],
                   lang: str, available: int) -> list[int] | None:
    """Per room: at least its longest word, then spare width up to its longest line.

    None when even the narrowest columns (every word whole) do not fit ``available``.
    """
    texts = [_column_texts(cells, slots, room, lang) for room in rooms]
    widths = [_longest_word(column) for column in texts]
    natural = [max(len(text) for text in column) for column in texts]
    spare = available - _table_width(widths)
    if spare < 0:
        return None
    while spare > 0:  # one column at a time, the narrowest first: deterministic
        growing = [i for i in range(len(widths)) if widths[i] < natural[i]]
        if not growing:
            break
        narrowest = min(growing, key=lambda i: (widths[i], i))
        widths[narrowest] += 1
        spare -= 1
    return widths


def _table_width(widths: list[int]) -> int:
    """Columns plus padding (one each side) and vertical rules, slot column included."""
    columns = [SLOT_WIDTH, *widths]
    return sum(columns) + 3 * len(columns) + 1


class Programme:
    """The plan for the terminal: grid where it fits the width, else a list per slot."""

    def __init__(self, event: Event, plan: Plan, lang: str, layout: Layout = "auto") -> None:
        self.event, self.plan, self.lang, self.layout = event, plan, lang, layout
        self.cells = cells(event, plan, lang)

    def fits(self, width: int) -> bool:
        """Whether every day's grid fits ``width`` with no word cut."""
        return all(
            _column_widths(self.cells, slots, _day_rooms(self.event, slots), self.lang, width)
            is not None
            for _day, slots in _days(self.event)
        )

    def chosen(self, width: int) -> Literal["grid", "list"]:
        if self.layout != "auto":
            return self.layout
        return "grid" if self.fits(width) else "list"

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        layout = self.chosen(width)
        for day, slots in _days(self.event):
            if layout == "grid":
                yield from self._grid(day, slots, width)
            else:
                yield from self._list(day, slots)

    def _title(self, day: dt.date) -> Text:
        return Text(f"{t('grid_title', self.lang, name=one_line(self.event.event.name))} · "
                    f"{long_date(day, self.lang)}", style="bold")

    def _grid(self, day: dt.date, slots: list[Slot], width: int) -> Iterator[RenderableType]:
        """Slots as rows × rooms as columns; a break or plenary is a band across."""
        rooms = _day_rooms(self.event, slots)
        # Forced (--layout grid) on too narrow a screen: each column its longest word.
        widths = _column_widths(self.cells, slots, rooms, self.lang, width) or [
            _longest_word(_column_texts(self.cells, slots, room, self.lang)) for room in rooms]
        total = _table_width(widths)
        yield self._title(day)
        table: Table | None = None
        for slot in slots:
            head = Text(_clock(slot) + "\n", style="bold")
            head.append(one_line(slot.id), style="dim")
            if not slot.is_session_slot:
                if table is not None:
                    yield table
                    table = None
                band = Text(f"{_clock(slot)}  ", style="bold")
                band.append_text(describe_slot(slot, self.lang))
                yield Panel(band, width=total, box=box.SQUARE, padding=(0, 1))
                continue
            if table is None:
                table = self._table(rooms, widths)
            row: list[RenderableType] = [head]
            for room in rooms:
                cell = self.cells.get((slot.id, room.id))
                if cell is None:
                    closed = slot.id in self.event.room_closed[room.id]
                    row.append(Text("✕" if closed else "·", style="dim"))
                else:
                    row.append(_cell_text(cell))
            table.add_row(*row)
        if table is not None:
            yield table

    def _table(self, rooms: list[Room], widths: list[int]) -> Table:
        table = Table(show_lines=True, expand=False, box=box.SQUARE, padding=(0, 1))
        table.add_column(t("slot", self.lang), no_wrap=True, style="bold", width=SLOT_WIDTH)
        for room, width in zip(rooms, widths, strict=True):
            header = plain(room.label)
            header.append(f"\n{room.capacity} {t('capacity', self.lang)}", style="dim")
            table.add_column(header, width=width, min_width=width, max_width=width)
        return table

    def _list(self, day: dt.date, slots: list[Slot]) -> Iterator[RenderableType]:
        """Per slot: time, then one line per room: room, title, hosts, demand/seats."""
        yield self._title(day)
        rooms = _day_rooms(self.event, slots)
        for slot in slots:
            line = Text(f"{_clock(slot)}  ", style="bold")
            if not slot.is_session_slot:
                line.append_text(describe_slot(slot, self.lang))
                yield Text("")
                yield line
                continue
            line.append(one_line(slot.id), style="dim")
            yield Text("")
            yield line
            for room in rooms:
                cell = self.cells.get((slot.id, room.id))
                if cell is not None:
                    yield Padding(session_line(room, cell, seats=True), (0, 0, 0, 2))


def grid(event: Event, plan: Plan, lang: str, layout: Layout = "auto") -> RenderableType:
    """The programme: a grid per day where it fits the screen, otherwise a list per slot."""
    return Programme(event, plan, lang, layout)


def open_ends(event: Event, plan: Plan, lang: str) -> RenderableType:
    """The sessions without a slot, with the reason, so no topic gets lost."""
    if not plan.unscheduled:
        return Text(t("no_open_ends", lang), style="green")
    table = Table(title=t("open_ends", lang), title_style="bold yellow")
    for header in ("id", t("title", lang), t("demand", lang), t("reason", lang)):
        table.add_column(header)
    for item in plan.unscheduled:
        session = event.session_by_id.get(item.session)
        title = shown_title(event, item.session)
        demand = str(session.demand) if session else ""
        table.add_row(plain(item.session), plain(title), demand, plain(item.text(lang)))
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
        quality = t("gap", lang, gap=shown_percent(rounded_up(gap), lang))
    lines.append(t("bound_line", lang, objective=plan.objective, bound=plan.bound, quality=quality))
    if plan.elapsed:
        lines.append(t("solve_time", lang, seconds=f"{plan.elapsed:.1f}"))
    return Text(t("summary", lang) + ": " + " · ".join(lines))

