"""Exports: the plan leaves the laptop as print set, calendar, frab schedule, table, text.

``FORMATS`` maps each FORMAT name of ``opensozial export --to`` to its writer. A writer
turns a :class:`~opensozial.export.view.Programme` into bytes (one file) or into
``{name: bytes}`` (a folder); writing, atomically and with clear errors, happens here
only. Before anything is rendered the plan is checked against the event: a plan made
for another event must not end up on a door.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from opensozial import history
from opensozial.atomic import is_replaceable_folder, write_bytes_atomic, write_folder_atomic
from opensozial.check import check
from opensozial.errors import InputError, Location, Problem
from opensozial.export.view import ExportOptions, Programme, build
from opensozial.history import history_of
from opensozial.model import Event
from opensozial.plan import Plan, read_plan

Rendered = bytes | dict[str, bytes]


@dataclass(frozen=True)
class Format:
    name: str
    suffix: str  # appended to the event file's stem for the default target
    render: Callable[[Programme, ExportOptions], Rendered]
    help: str


def _lazy(module: str, name: str) -> Callable[[Programme, ExportOptions], Rendered]:
    """A writer imported when it is used: ``--help`` and one format need not load all
    (lxml, icalendar and the templates take longer than the whole command may)."""

    def render(programme: Programme, options: ExportOptions) -> Rendered:
        writer: Callable[[Programme, ExportOptions], Rendered] = getattr(
            importlib.import_module(f"opensozial.export.{module}"), name)
        return writer(programme, options)

    return render


def _plan_json(programme: Programme, options: ExportOptions) -> bytes:
    return programme.plan.to_json(programme.lang).encode("utf-8")


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format(
            "html",
            "-print",
            _lazy("print_set", "render"),
            "print set: wall poster, door sheets, handout (folder)",
        ),
        Format(
            "pdf",
            "-pdf",
            _lazy("pdf", "render"),
            "the print set as PDF files, printed by headless Chromium (folder)",
        ),
        Format(
            "ics",
            ".ics",
            _lazy("ical", "render"),
            "iCalendar; with --personal one calendar per participant (folder)",
        ),
        Format(
            "ics-rooms",
            "-room-calendars",
            _lazy("ical", "render_rooms"),
            "one calendar per room, e.g. for a door tablet (folder)",
        ),
        Format(
            "ics-tracks",
            "-track-calendars",
            _lazy("ical", "render_tracks"),
            "one calendar per track, to subscribe to a theme (folder)",
        ),
        Format(
            "frab-xml",
            ".schedule.xml",
            _lazy("frab", "render_xml"),
            "frab schedule XML (Giggity, EventFahrplan, ...)",
        ),
        Format(
            "frab-json",
            ".schedule.json",
            _lazy("frab", "render_json"),
            "frab/pretalx schedule JSON",
        ),
        Format("csv", ".csv", _lazy("table", "render"), "one row per session, for spreadsheets"),
        Format("markdown", ".md", _lazy("markdown", "render"), "for wikis and chat"),
        Format("json", ".plan.json", _plan_json, "the plan file itself"),
        Format(
            "open-ends",
            ".open-ends.personal.md",
            _lazy("open_ends", "render"),
            "PERSONAL: the open ends with the names of who wanted them, for the follow-up",
        ),
    )
}

# Structural mismatches between plan and event: nothing sensible can be printed from them.
_MISMATCH = {"v_unknown_session", "v_unknown_room", "v_unknown_slot", "v_twice"}


def resolve_format(name: str) -> Format:
    """The format called ``name``, or an error that suggests the nearest name."""
    if name in FORMATS:
        return FORMATS[name]
    close = difflib.get_close_matches(name.lower(), list(FORMATS), n=1, cutoff=0.4)
    raise InputError(
        [
            Problem(
                "export_unknown_format",
                {
                    "name": name,
                    "suggestion": close[0] if close else "",
                    "formats": ", ".join(FORMATS),
                },
            )
        ]
    )


def programme_for(
    event: Event,
    plan: Plan,
    lang: str,
    plan_path: Path | None = None,
    earlier: Sequence[Plan] = (),
) -> Programme:
    """Join event and plan after making sure they belong together.

    Mismatches are grouped by kind (one paragraph for all unknown sessions, ...), since a
    plan for another event file typically gets every single session wrong.
    """
    found: dict[str, dict[str, list[str]]] = {}
    for violation in check(event, plan, compare_metrics=False).violations:
        if violation.rule in _MISMATCH:
            _collect(found, violation.rule, violation.params)
    for a in plan.assignments:
        if not a.slots:
            _collect(found, "v_no_slots", {"session": a.session})
    if found:
        where = Location(plan_path) if plan_path else None
        raise InputError(
            [
                Problem(
                    "export_" + rule,
                    {key: _listing(values) for key, values in params.items()},
                    where,
                )
                for rule, params in found.items()
            ]
        )
    return build(event, plan, lang, earlier)


def _collect(found: dict[str, dict[str, list[str]]], rule: str, params: dict[str, object]) -> None:
    group = found.setdefault(rule, {})
    for key, value in params.items():
        values = group.setdefault(key + "s", [])
        if str(value) not in values:
            values.append(str(value))


def _listing(values: list[str], shown: int = 6) -> str:
    text = ", ".join(f"'{v}'" for v in values[:shown])
    return text + (f" (+{len(values) - shown})" if len(values) > shown else "")


def default_target(
    event_file: Path, fmt: Format, options: ExportOptions, directory: Path | None = None
) -> Path:
    """Where an export goes without ``-o``: beside the event file, named after it."""
    folder = directory if directory is not None else event_file.parent
    suffix = "-calendars" if fmt.name == "ics" and options.personal else fmt.suffix
    return folder / f"{event_file.stem}{suffix}"


def export(
    programme: Programme,
    fmt: Format,
    options: ExportOptions,
    target: Path,
    inputs: Sequence[Path] = (),
) -> Path:
    """Render one format and write it to ``target`` atomically; return ``target``. A file
    target is never one of ``inputs`` (the event file, its votes, a saved plan)."""
    if options.personal and fmt.name != "ics":
        raise InputError([Problem("export_personal_only_ics", {"format": fmt.name})])
    rendered = fmt.render(programme, options)
    try:
        if isinstance(rendered, dict):
            if target.is_file():
                raise InputError(
                    [Problem("export_target_is_file", {"path": str(target)}, Location(target))]
                )
            if not is_replaceable_folder(target):
                raise InputError(
                    [Problem("export_folder_not_ours", {"path": str(target)}, Location(target))]
                )
            write_folder_atomic(target, rendered)
        else:
            if target.is_dir():
                raise InputError(
                    [Problem("export_target_is_folder", {"path": str(target)}, Location(target))]
                )
            write_bytes_atomic(target, rendered, inputs)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError(
            [
                Problem(
                    "export_unwritable", {"path": str(target), "reason": reason}, Location(target)
                )
            ]
        ) from None
    return target


def options(
    lang: str, *, personal: bool = False, excel: bool = False, base_url: str | None = None
) -> ExportOptions:
    """Export options, refusing a base URL that apps could not open."""
    if base_url is not None and not base_url.startswith(("http://", "https://")):
        raise InputError([Problem("export_bad_base_url", {"url": base_url})])
    return ExportOptions(lang, personal, excel, base_url)


def earlier_plans(event_file: Path, plan_path: Path | None) -> list[Plan]:
    """The saved plans before ``plan_path`` in the event's history, oldest first.

    They give each calendar entry its SEQUENCE. A plan from outside the history counts
    as coming after all saved ones.
    """
    saved = history.entries(event_file)
    if plan_path is not None:
        same = [i for i, entry in enumerate(saved) if entry.resolve() == plan_path.resolve()]
        saved = saved[: same[0]] if same else saved
    return [read_plan(entry) for entry in saved]


def export_plan_file(
    event: Event,
    event_file: Path,
    plan_ref: str,
    name: str,
    opts: ExportOptions,
    output: Path | None,
) -> Path:
    """``opensozial export``: one format of a plan (a file, a history number or 'last')."""
    fmt = resolve_format(name)
    plan_file = history.resolve(event_file, plan_ref)
    if not plan_file.exists():
        raise InputError(
            [Problem("export_plan_missing", {"path": str(plan_file)}, Location(plan_file))]
        )
    plan = read_plan(plan_file)
    event = history_of(event, plan)  # sessions that had started stay as they ran
    earlier = earlier_plans(event_file, plan_file)
    programme = programme_for(event, plan, opts.lang, plan_file, earlier)
    inputs = [plan_file, *history.event_inputs(event_file, event)]
    return export(programme, fmt, opts, output or default_target(event_file, fmt, opts), inputs)


def export_many(
    event: Event,
    event_file: Path,
    plan: Plan,
    names: list[str],
    opts: ExportOptions,
    directory: Path | None,
    saved: Path | None,
) -> list[tuple[Format, Path]]:
    """``opensozial plan --export``: several formats of a fresh plan, named after the event file.

    ``saved`` is where the plan was just stored in the history (None with --no-history).
    """
    formats = [resolve_format(name) for name in dict.fromkeys(names)]
    programme = programme_for(event, plan, opts.lang, None, earlier_plans(event_file, saved))
    inputs = history.event_inputs(event_file, event)  # the plan just saved is among them
    targets = {fmt: default_target(event_file, fmt, opts, directory) for fmt in formats}
    return [(fmt, export(programme, fmt, opts, targets[fmt], inputs)) for fmt in formats]
