"""The command line: parse options, call the core, print. No planning logic lives here.

Every core error arrives as an :class:`~opensozial.errors.OpensozialError` and is turned
into a short explanation and an exit code in :func:`_run` — never a traceback.
Exit codes: 0 ok, 1 the checked plan breaks a rule, 2 bad input, 3 no plan possible,
4 internal error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from enum import Enum, StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar, cast

import typer

from opensozial import __version__, interrupt
from opensozial.errors import InputError, OpensozialError, Problem
from opensozial.i18n import t
from opensozial.render import plain
from opensozial.render.errors import describe_error

if TYPE_CHECKING:  # the solver, exports and live mode load only for the commands that use them
    from rich.console import Console, RenderableType

    from opensozial.diff import Change
    from opensozial.live.state import LiveState
    from opensozial.model import Event
    from opensozial.plan import Plan

app = typer.Typer(
    name="opensozial",
    help="Plan barcamps and open-space events: rooms × time slots from an event YAML file.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


class _LazyConsole:
    """A rich ``Console`` made on first use: loading rich is a sixth of `--version`'s time.

    Tests put a recording ``Console`` in its place (``cli.out``).
    """

    def __init__(self, *, stderr: bool = False) -> None:
        self._stderr = stderr
        self._console: Console | None = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(stderr=self._stderr)
        return getattr(self._console, name)


out = cast("Console", _LazyConsole())
err = cast("Console", _LazyConsole(stderr=True))

T = TypeVar("T")
MAX_SEED = 10**9


class Lang(str, Enum):
    de = "de"
    en = "en"


class Format(str, Enum):
    grid = "grid"
    json = "json"


class Layout(StrEnum):
    auto = "auto"
    grid = "grid"
    list = "list"


EventArg = Annotated[
    Path, typer.Argument(help="The event file (YAML), e.g. examples/afterwork-barcamp.yaml.")
]
LangOpt = Annotated[
    Lang | None, typer.Option("--lang", help="Language of the output (default: event.language).")
]
PreviousOpt = Annotated[
    str | None,
    typer.Option(
        "--previous",
        help="Re-plan against this plan: 'last' (newest in the history), a history number, or a "
             "plan file.",
    ),
]
NowOpt = Annotated[
    str | None,
    typer.Option(
        "--now",
        help="With --previous: sessions started by this time stay put, e.g. 11:40 or "
             "2026-10-22T11:40.",
    ),
]
# CP-SAT takes a 32-bit seed, and runs derive theirs from it: a bigger one is refused up front.
SeedOpt = Annotated[
    int, typer.Option("--seed", min=0, max=MAX_SEED, help="Random seed of the solver.")
]
AnnounceOpt = Annotated[
    bool, typer.Option("--announce", help="Also print a short text announcing the changes.")
]
LayoutOpt = Annotated[
    Layout,
    typer.Option(
        "--layout",
        help="grid (rooms as columns), list (a line per session), auto: grid if it fits.",
    ),
]


def _language(lang: Lang | None, event: Event) -> str:
    """The output language: ``--lang`` if given, else the event file's."""
    return lang.value if lang else event.event.language


def _run(action: Callable[[], T], lang: Lang | None, source: Path | None) -> T:
    """Run a command body; turn every known error into a message and an exit code.

    Ctrl-C and SIGTERM end it quietly with 130 (outputs are written atomically, so no
    file is left half-written); a closed pipe (``opensozial plan ... | head``) ends it
    without a traceback.
    """
    interrupt.install()

    def language() -> str:
        from opensozial.load import sniff_language

        return lang.value if lang else (sniff_language(source) if source else None) or "de"

    try:
        return action()
    except OpensozialError as error:
        err.print(f"[bold red]{t('error_heading', language())}:[/bold red]", highlight=False)
        for line in describe_error(error, language()):
            err.print(plain.block(line), highlight=False)
        raise typer.Exit(error.exit_code) from None
    except KeyboardInterrupt:
        err.print(plain.block(t("interrupted", language())))
        raise typer.Exit(130) from None
    except BrokenPipeError:
        # Nothing more can reach the reader; point stdout at nothing so exiting flushes quietly.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(141) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:  # a bug: say so plainly, keep voters' data off the screen
        if os.environ.get("OPENSOZIAL_DEBUG"):
            raise
        err.print(
            f"[bold red]Internal error[/bold red] ({type(exc).__name__}). This is a bug in "
            f"opensozial, "
            "not in your file. Please report it with the command you ran; set OPENSOZIAL_DEBUG=1 "
            "to see details.",
            highlight=False,
        )
        raise typer.Exit(4) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"opensozial {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """opensozial — plan barcamps and open-space events."""


@app.command()
def plan(
    event_file: EventArg,
    time_limit: Annotated[
        float | None,
        typer.Option(
            "--time-limit",
            min=0.1,
            help="Search budget in seconds, default 10 (deterministic; stops early when optimal "
                 "or when the search stalls).",
        ),
    ] = None,
    seed: SeedOpt = 0,
    fmt: Annotated[
        Format, typer.Option("--format", "-f", help="grid (terminal) or json.")
    ] = Format.grid,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the JSON plan to this file (atomically)."),
    ] = None,
    lang: LangOpt = None,
    previous: PreviousOpt = None,
    now: NowOpt = None,
    announce: AnnounceOpt = False,
    no_history: Annotated[
        bool, typer.Option("--no-history", help="Do not save this plan in EVENT.plans/.")
    ] = False,
    export_formats: Annotated[
        list[str] | None,
        typer.Option(
            "--export",
            "-x",
            help="Also export the plan in this FORMAT (repeatable; see 'opensozial export "
                 "--help'); files are named after the event file.",
        ),
    ] = None,
    export_dir: Annotated[
        Path | None,
        typer.Option(
            "--export-dir", help="Folder for --export (default: the event file's folder)."
        ),
    ] = None,
    layout: LayoutOpt = Layout.auto,
) -> None:
    """Build a conflict-minimised grid. Example: opensozial plan examples/afterwork-barcamp.yaml

    Re-plan during the event: opensozial plan event.yaml --previous last --now 11:40
    """

    def body() -> None:
        from opensozial import export as exports
        from opensozial import history
        from opensozial.atomic import check_target, write_text_atomic
        from opensozial.diff import diff_plans
        from opensozial.load import load_event
        from opensozial.render import terminal
        from opensozial.render.progress import progress_display
        from opensozial.replan import replan
        from opensozial.solve import DEFAULT_TIME_LIMIT, SolveOptions

        event = loaded = load_event(event_file, first_plan=previous is None)
        language = _language(lang, event)
        for name in export_formats or []:
            exports.resolve_format(name)  # a typo fails now, not after the solver has run
        inputs = history.event_inputs(event_file, event)
        if output is not None:
            check_target(output, inputs)  # a wrong -o fails now, too
        before, moment = _previous_and_now(event_file, event, previous, now)
        event = history.with_history(
            event, before, moment
        )  # sessions that have started stay as they ran
        with progress_display(err, event, language, enabled=fmt is Format.grid) as on_progress:
            options = SolveOptions(
                time_limit=time_limit or DEFAULT_TIME_LIMIT, seed=seed, on_progress=on_progress
            )
            result = replan(event, before, moment, options)
        saved = None if no_history else history.save(event_file, result, language)
        if output is not None:
            write_text_atomic(output, result.to_json(language), inputs=inputs)
        if export_formats:
            written = exports.export_many(
                event,
                event_file,
                result,
                export_formats,
                exports.options(language),
                export_dir,
                saved,
            )
            for exported, path in written:
                written_text = t("export_written", language, format=exported.name, path=path)
                err.print(plain.block(written_text))
        if fmt is Format.json and output is None:
            sys.stdout.write(result.to_json(language))
        if fmt is Format.grid:
            out.print(terminal.grid(event, result, language, layout.value))
            out.print(terminal.open_ends(event, result, language))
            out.print(terminal.summary(result, language))
        if before is not None:
            _print_changes(
                event,
                diff_plans(event, before, result, loaded),
                language,
                announce,
                out if fmt is Format.grid else err,
            )
        if output is not None:
            err.print(plain.block(t("plan_written", language, path=output)))
        if saved is not None:
            # soft_wrap: the path stays whole
            err.print(plain.block(t("history_saved", language, path=saved)), soft_wrap=True)

    _run(body, lang, event_file)


@app.command()
def check(
    event_file: EventArg,
    plan_file: Annotated[
        Path, typer.Argument(help="A plan JSON, made by 'plan --format json' or by hand.")
    ],
    lang: LangOpt = None,
) -> None:
    """Check a plan against every rule and print its metrics; exit 1 if a rule is broken.

    Example: opensozial check examples/afterwork-barcamp.yaml plan.json
    """

    def body() -> None:
        from opensozial import history
        from opensozial.check import check as check_plan
        from opensozial.load import load_event
        from opensozial.plan import read_plan

        given = read_plan(plan_file)
        event = history.history_of(load_event(event_file, first_plan=False), given)
        language = _language(lang, event)
        result = check_plan(event, given)
        for name, value in vars(result.metrics).items():
            out.print(f"{t(f'metric_{name}', language)}: {value}", highlight=False)
        if result.ok:
            out.print(t("check_ok", language), style="green")
            return
        out.print(t("check_failed", language, count=len(result.violations)), style="bold red")
        for violation in result.violations:
            out.print(plain.block(f"- {violation.text(language)}"))
        raise typer.Exit(1)

    _run(body, lang, event_file)


# --- Live re-planning: history, diff (issue #5) -------------------------------------------


def _previous_and_now(
    event_file: Path, event: Event, previous: str | None, now: str | None
) -> tuple[Plan | None, datetime | None]:
    """The plan to re-plan against and the moment that freezes started sessions."""
    from opensozial.replan import parse_now

    if now is not None and previous is None:
        raise InputError([Problem("now_needs_previous")])
    before = _plan_of(event_file, event, previous) if previous is not None else None
    return before, parse_now(now, event) if now is not None else None


def _plan_of(event_file: Path, event: Event, ref: str) -> Plan:
    """The plan ``ref`` names, refused if it was made for another event file."""
    from opensozial import history
    from opensozial.plan import read_plan
    from opensozial.plan_match import belongs_to

    path = history.resolve(event_file, ref)
    found = read_plan(path)
    belongs_to(found, event, path)
    return found


def _print_changes(
    event: Event, changes: list[Change], language: str, announce: bool, console: Console
) -> None:
    from opensozial.diff import announcement, describe_changes

    console.print(f"[bold]{t('changes_heading', language)}[/bold]", highlight=False)
    for line in describe_changes(event, changes, language) or [t("no_changes", language)]:
        console.print(plain.block(f"- {line}"), soft_wrap=True)
    if announce:  # unwrapped: the text is copied into chats and onto slides
        console.print()
        text = announcement(event, changes, language) or t("announce_none", language)
        console.print(plain.block(text), soft_wrap=True)


@app.command()
def diff(
    old: Annotated[
        str, typer.Argument(help="The earlier plan: a history number, 'last' or a plan file.")
    ],
    new: Annotated[
        str, typer.Argument(help="The later plan: a history number, 'last' or a plan file.")
    ],
    event_file: Annotated[
        Path, typer.Option("--event", "-e", help="The event file (names, times, and its history).")
    ],
    announce: AnnounceOpt = False,
    lang: LangOpt = None,
) -> None:
    """Say in plain words what changed between two plans.

    Example: opensozial diff 1 3 --event tag.yaml
    """

    def body() -> None:
        from opensozial import history
        from opensozial.diff import diff_plans
        from opensozial.load import load_event

        event = loaded = load_event(event_file, first_plan=False)
        language = _language(lang, event)
        before = _plan_of(event_file, event, old)
        after = _plan_of(event_file, event, new)
        event = history.history_of(event, after)  # sessions that had started stay as they ran
        _print_changes(event, diff_plans(event, before, after, loaded), language, announce, out)

    _run(body, lang, event_file)


@app.command("history")
def show_history(event_file: EventArg, lang: LangOpt = None) -> None:
    """List the saved plans of an event (event.plans/0001.json, ...).

    Example: opensozial history tag.yaml
    """

    def body() -> None:
        from opensozial import history
        from opensozial.load import load_event
        from opensozial.plan import read_plan
        from opensozial.render import live as live_view

        event = load_event(event_file, first_plan=False)
        language = _language(lang, event)
        out.print(
            live_view.history(
                event,
                [(p, read_plan(p)) for p in history.entries(event_file)],
                history.folder(event_file),
                language,
            )
        )

    _run(body, lang, event_file)


@app.command()
def show(
    event_file: EventArg,
    plan_ref: Annotated[
        str,
        typer.Option(
            "--plan",
            "-p",
            help="The plan: 'last' (the newest saved), a history number, or a file.",
        ),
    ] = "last",
    now: Annotated[
        str | None,
        typer.Option("--now", help="Show what runs at this time and what comes next, e.g. 11:40."),
    ] = None,
    layout: LayoutOpt = Layout.auto,
    lang: LangOpt = None,
) -> None:
    """Print a saved plan without planning again; --now gives the "now and next" view.

    Example: opensozial show tag.yaml --now 11:40
    """

    def body() -> None:
        from opensozial import history
        from opensozial.load import load_event
        from opensozial.plan import read_plan
        from opensozial.render import terminal
        from opensozial.render.now import now_and_next
        from opensozial.replan import parse_now
        from opensozial.show import matching

        path = history.resolve(event_file, plan_ref)
        plan_read = read_plan(path)
        # As check, diff and export read a saved plan: sessions that had started stay as
        # they ran, and a session that fits nowhere any more is an open end, not an error.
        event = history.history_of(load_event(event_file, first_plan=False), plan_read)
        language = _language(lang, event)
        saved = matching(event, plan_read, path)
        if now is not None:
            out.print(now_and_next(event, saved, parse_now(now, event), language))
            return
        out.print(terminal.grid(event, saved, language, layout.value))
        out.print(terminal.open_ends(event, saved, language))

    _run(body, lang, event_file)


# --- Live mode (issue #5, part 2): watch and serve --------------------------------------
# The logic lives in opensozial.live; these commands only wire options, the clock and the
# screen together. Both run until Ctrl-C, which ends them cleanly with exit code 0.

LiveNowOpt = Annotated[
    str | None,
    typer.Option(
        "--now",
        help="Count this as the current time, e.g. 11:40 or 2026-10-22T11:40 (default: the "
             "clock, on the event's days).",
    ),
]
LiveLimitOpt = Annotated[
    float, typer.Option("--time-limit", min=0.1, help="Search budget per re-plan in seconds.")
]


def _live(
    event_file: Path, now: str | None, time_limit: float, seed: int, lang: Lang | None
) -> LiveState:
    from opensozial.live.state import LiveState, make_clock
    from opensozial.solve import SolveOptions

    def wall() -> datetime:
        return datetime.now(UTC)

    options = SolveOptions(time_limit=time_limit, seed=seed)
    return LiveState(event_file, options, make_clock(now, wall), lang.value if lang else None)


def _follow(state: LiveState, footer: Callable[[], RenderableType] | None = None) -> None:
    """Redraw the screen after every re-plan until Ctrl-C."""
    import threading

    from opensozial.live import view
    from opensozial.live.state import Snapshot
    from opensozial.live.watcher import follow

    def show(snapshot: Snapshot) -> None:
        out.clear()
        out.print(view.screen(snapshot, str(state.event_path)))
        if footer is not None:
            out.print(footer())

    try:
        follow(state, threading.Event(), show)
    except KeyboardInterrupt:
        pass
    out.print(t("watch_ended", state.snapshot.lang), highlight=False)


@app.command()
def watch(
    event_file: EventArg,
    now: LiveNowOpt = None,
    time_limit: LiveLimitOpt = 3.0,
    seed: SeedOpt = 0,
    lang: LangOpt = None,
) -> None:
    """Re-plan every time the event file is saved and redraw grid and changes; Ctrl-C ends.

    A save that cannot be planned shows the error and keeps the last good plan. Every new
    plan is kept in the numbered history next to the event file.
    Example: opensozial watch examples/open-sozial-tag.yaml --now 11:40
    """
    _run(lambda: _follow(_live(event_file, now, time_limit, seed, lang)), lang, event_file)


@app.command()
def serve(
    event_file: EventArg,
    port: Annotated[
        int,
        typer.Option("--port", min=0, max=65535, help="TCP port of the board (0: any free port)."),
    ] = 8000,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on; 0.0.0.0 = the whole local network.")
    ] = "0.0.0.0",
    now: LiveNowOpt = None,
    time_limit: LiveLimitOpt = 3.0,
    seed: SeedOpt = 0,
    lang: LangOpt = None,
) -> None:
    """Like watch, plus the live board for the projector and a page where phones vote and pitch.

    Votes and pitches are kept in EVENT.phones.sqlite beside the event file (plan reads
    them too); the admin page's address is shown only in this terminal.

    Example: opensozial serve examples/open-sozial-tag.yaml --port 8000
    """

    def body() -> None:
        from opensozial.live import view
        from opensozial.live.server import BoardServer

        state = _live(event_file, now, time_limit, seed, lang)
        server = BoardServer(state, host, port)
        server.start()
        try:
            _follow(
                state,
                lambda: view.address(
                    server.url,
                    server.join_url,
                    server.admin_url,
                    str(server.log_path),
                    state.snapshot.lang,
                ),
            )
        finally:
            server.stop()

    _run(body, lang, event_file)


# --- Exports (issue #4): print set, calendars, frab, tables; the event file's JSON Schema ---

# Written out rather than read from opensozial.export, which would load every exporter for
# `--help` (a test keeps this list equal to exports.FORMATS).
FORMAT_NAMES = (
    "html",
    "pdf",
    "ics",
    "ics-rooms",
    "ics-tracks",
    "frab-xml",
    "frab-json",
    "csv",
    "markdown",
    "json",
    "open-ends",
)
FORMAT_HELP = ", ".join(FORMAT_NAMES) + " (see README, 'Exports')"


@app.command()
def export(
    event_file: EventArg,
    to: Annotated[str, typer.Option("--to", "-t", help=f"FORMAT. {FORMAT_HELP}.")],
    plan_ref: Annotated[
        str,
        typer.Option(
            "--plan",
            "-p",
            help="The plan: a JSON file (e.g. made by 'opensozial plan EVENT -o plan.json'), a "
                 "history number, or 'last' (the newest saved plan).",
        ),
    ] = "last",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File (or folder for html, pdf, ics-rooms, ics-tracks and --personal) to write; "
                 "default: beside the event file, named after it.",
        ),
    ] = None,
    lang: LangOpt = None,
    personal: Annotated[
        bool,
        typer.Option(
            "--personal",
            help="ics only: one calendar per participant (holds their names: hand out personally).",
        ),
    ] = False,
    excel: Annotated[
        bool,
        typer.Option(
            "--excel",
            help="csv only: for (German) Excel: a byte-order mark so that umlauts show, and ';' "
                 "between cells.",
        ),
    ] = False,
    base_url: Annotated[
        str | None,
        typer.Option(
            "--base-url",
            help="Web address of the live board (opensozial serve): poster and door sheets "
                 "(html, pdf) print it with a QR code; in frab files each session links to "
                 "BASE_URL/SESSION-ID.",
        ),
    ] = None,
) -> None:
    """Export a plan for print, calendars and conference apps.

    Example: opensozial export examples/open-sozial-tag.yaml --plan plan.json --to html
    """

    def body() -> None:
        from opensozial import export as exports
        from opensozial.load import load_event

        event = load_event(event_file, first_plan=False)  # a plan exists: no first plan here
        language = _language(lang, event)
        opts = exports.options(language, personal=personal, excel=excel, base_url=base_url)
        path = exports.export_plan_file(event, event_file, plan_ref, to, opts, output)
        err.print(plain.block(t("export_written", language, format=to, path=path)))

    _run(body, lang, event_file)


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the schema to this file instead of printing it."
        ),
    ] = None,
) -> None:
    """Print the JSON Schema of the event file, for editors that check YAML as you type.

    Example: opensozial schema -o schema/event.schema.json
    """

    def body() -> None:
        from opensozial.atomic import write_text_atomic
        from opensozial.schema import schema_text

        if output is None:
            sys.stdout.write(schema_text())
            return
        write_text_atomic(output, schema_text())
        err.print(plain.block(t("schema_written", "en", path=output)))

    _run(body, None, None)


def main() -> None:
    # The first pydantic model built looks for pydantic plugins in the metadata of every
    # installed package (~30 ms, a tenth of `check`); the event model uses none.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    app()
