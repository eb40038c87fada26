"""Exports: the plan leaves the laptop as print set, calendar, frab schedule, table, text.

``FORMATS`` maps each FORMAT name of ``opensozial export --to`` to its writer. A writer
turns a :class:`~opensozial.export.view.Programme` into bytes (one file) or into
``{name: bytes}`` (a folder); writing, atomically and with clear errors, happens here
only. Before anything is rendered the plan is checked against the event: a plan made
for another event must not end up on a door.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from opensozial.atomic import is_replaceable_folder, write_bytes_atomic, write_folder_atomic
from opensozial.check import check
from opensozial.errors import InputError, Location, Problem
from opensozial.export import frab, ical, markdown, print_set, table
from opensozial.export.view import ExportOptions, Programme, build
from opensozial.model import Event
from opensozial.plan import Plan

Rendered = bytes | dict[str, bytes]


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str  # of the default file name; "" for a folder
    render: Callable[[Programme, ExportOptions], Rendered]
    help: str


def _plan_json(programme: Programme, options: ExportOptions) -> bytes:
    return programme.plan.to_json().encode("utf-8")


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("html", "-print", print_set.render, "print set: wall poster, door sheets, handout (folder)"),
    Format("ics", ".ics", ical.render, "iCalendar; with --personal one calendar per participant (folder)"),
    Format("frab-xml", ".schedule.xml", frab.render_xml, "frab schedule XML (Giggity, EventFahrplan, ...)"),
    Format("frab-json", ".schedule.json", frab.render_json, "frab/pretalx schedule JSON"),
    Format("csv", ".csv", table.render, "one row per session, for spreadsheets"),
    Format("markdown", ".md", markdown.render, "for wikis and chat"),
    Format("json", ".plan.json", _plan_json, "the plan file itself"),
)}

# Structural mismatches between plan and event: nothing sensible can be printed from them.
_MISMATCH = {"v_unknown_session", "v_unknown_room", "v_unknown_slot", "v_twice"}


def resolve_format(name: str) -> Format:
    """The format called ``name``, or an error that suggests the nearest name."""
    if name in FORMATS:
        return FORMATS[name]
    close = difflib.get_close_matches(name.lower(), list(FORMATS), n=1, cutoff=0.4)
    raise InputError([Problem("export_unknown_format", {
        "name": name, "suggestion": close[0] if close else "", "formats": ", ".join(FORMATS)})])


def programme_for(event: Event, plan: Plan, lang: str, plan_path: Path | None = None) -> Programme:
    """Join event and plan after making sure they belong together."""
    where = Location(plan_path) if plan_path else None
    problems = [Problem("export_" + v.rule, dict(v.params), where)
                for v in check(event, plan, compare_metrics=False).violations if v.rule in _MISMATCH]
    problems += [Problem("export_v_no_slots", {"session": a.session}, where) for a in plan.assignments if not a.slots]
    if problems:
        raise InputError(problems)
    return build(event, plan, lang)


def default_target(event_file: Path, fmt: Format, options: ExportOptions, directory: Path | None = None) -> Path:
    """Where an export goes without ``-o``: beside the event file, named after it."""
    folder = directory if directory is not None else event_file.parent
    suffix = "-calendars" if fmt.name == "ics" and options.personal else fmt.suffix
    return folder / f"{event_file.stem}{suffix}"


def is_folder(fmt: Format, options: ExportOptions) -> bool:
    return fmt.name == "html" or (fmt.name == "ics" and options.personal)


def export(programme: Programme, fmt: Format, options: ExportOptions, target: Path) -> Path:
    """Render one format and write it to ``target`` atomically; return ``target``."""
    if options.personal and fmt.name != "ics":
        raise InputError([Problem("export_personal_only_ics", {"format": fmt.name})])
    rendered = fmt.render(programme, options)
    try:
        if isinstance(rendered, dict):
            if not is_replaceable_folder(target):
                raise InputError([Problem("export_folder_not_ours", {"path": str(target)}, Location(target))])
            write_folder_atomic(target, rendered)
        else:
            if target.is_dir():
                raise InputError([Problem("export_target_is_folder", {"path": str(target)}, Location(target))])
            write_bytes_atomic(target, rendered)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError([Problem("export_unwritable", {"path": str(target), "reason": reason},
                                  Location(target))]) from None
    return target
