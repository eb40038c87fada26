"""Typed errors of the core.

Nothing below the CLI prints or exits: problems are raised as these exceptions and
turned into one paragraph and an exit code in one place (``cli.py``). Each error carries
a message key from the i18n catalogue plus its parameters, so the same error reads in
German or English, and the location (file, line) where the user has to look.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Location:
    """A place in an input file; ``line`` and ``column`` are 1-based."""

    path: Path
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        if self.line is None:
            return str(self.path)
        if self.column is None:
            return f"{self.path}:{self.line}"
        return f"{self.path}:{self.line}:{self.column}"


@dataclass
class Problem:
    """One thing wrong with the input: what (message key + params), where, and the fix."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)
    location: Location | None = None


class OpensozialError(Exception):
    """Base class: every error the CLI knows how to explain."""

    exit_code = 2

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].key if problems else "error")
        self.problems = problems


class InputError(OpensozialError):
    """The event file (or plan file) is missing, malformed or inconsistent. Exit 2."""

    exit_code = 2


class InfeasibleError(OpensozialError):
    """The hard rules admit no plan at all, e.g. pinned sessions that collide. Exit 3."""

    exit_code = 3


class OutputError(OpensozialError):
    """An output cannot go where it was asked to (a folder, a device, a full disk). Exit 2."""

    exit_code = 2
