"""The live progress line while `plan` searches: stage and the best grid so far.

Shown only on an interactive terminal (a spinner on stderr that disappears when the plan
is printed); in a pipe, a file or CI nothing is drawn, so outputs stay byte-identical.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.text import Text

from opensozial.i18n import t
from opensozial.model import Event
from opensozial.render.plain import one_line
from opensozial.solve.progress import Progress


def describe(progress: Progress, lang: str) -> Text:
    """"improving the grid (annealing) · best grid so far: 12 conflicts, score 340"."""
    text = Text(t(f"progress_stage_{progress.stage}", lang), style="bold")
    text.append(" · ")
    if progress.objective is None:
        text.append(t("progress_none", lang), style="dim")
    elif progress.conflicts is None:
        text.append(t("progress_best", lang, objective=progress.objective))
    else:
        text.append(t("progress_best_conflicts", lang, conflicts=progress.conflicts,
                      objective=progress.objective))
    return text


@contextmanager
def progress_display(console: Console, event: Event, lang: str, *, enabled: bool = True
                     ) -> Iterator[Callable[[Progress], None] | None]:
    """Yield the callback for ``SolveOptions.on_progress`` (None when nothing is shown)."""
    if not enabled or not console.is_terminal:
        yield None
        return
    title = Text(one_line(event.event.name) + " · ", style="bold")
    with console.status(title, spinner="dots") as status:

        def update(progress: Progress) -> None:
            status.update(title + describe(progress, lang))

        yield update
