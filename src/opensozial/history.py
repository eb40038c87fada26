"""Every plan kept, numbered, next to the event file: ``event.yaml`` → ``event.plans/0001.json``.

A facilitator must be able to go back to any earlier grid and compare two, so plans are
never overwritten. Each entry is written completely under a temporary name and then
hard-linked to its number: the link fails if the number exists (like ``O_EXCL``), so two
processes saving at once (``watch`` and a manual ``plan``) take different numbers, and
nobody ever reads half a file. Where a file system has no hard links, the number is
reserved with ``O_EXCL`` and the finished file renamed over it.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from opensozial.errors import InputError, Location, Problem
from opensozial.plan import Plan

_ENTRY = re.compile(r"^(\d{4,})\.json$")
LATEST = ("last", "latest", "letzter", "letzte")


def folder(event_path: Path | str) -> Path:
    """The history folder of an event file: ``tag.yaml`` → ``tag.plans``."""
    path = Path(event_path)
    return path.with_name(f"{path.stem}.plans")


def entries(event_path: Path | str) -> list[Path]:
    """The saved plans, oldest first."""
    base = folder(event_path)
    if not base.is_dir():
        return []
    found = [(int(m[1]), p) for p in base.iterdir() if (m := _ENTRY.match(p.name)) and p.is_file()]
    return [p for _, p in sorted(found)]


def number(entry: Path) -> int:
    return int(Path(entry).stem)


def latest(event_path: Path | str) -> Path | None:
    found = entries(event_path)
    return found[-1] if found else None


def save(event_path: Path | str, plan: Plan, lang: str = "en") -> Path:
    """Store ``plan`` (its texts in ``lang``) under the next free number and return its path."""
    base = folder(event_path)
    try:
        base.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".new-", suffix=".tmp", dir=base)
    except OSError as exc:
        params = {"folder": str(base), "reason": exc.strerror or str(exc)}
        raise InputError([Problem("history_unwritable", params, Location(base))]) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(plan.to_json(lang).encode("utf-8"))
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        last = latest(event_path)
        candidate = number(last) + 1 if last else 1
        while True:
            target = base / f"{candidate:04d}.json"
            try:
                _claim(tmp, target)
                return target
            except FileExistsError:
                candidate += 1
    finally:
        Path(tmp).unlink(missing_ok=True)


def _claim(tmp: str, target: Path) -> None:
    """Give the finished file ``tmp`` the name ``target``; FileExistsError if it is taken."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise
    except OSError:  # no hard links (FAT on a USB stick): reserve the name with O_EXCL, then rename over it
        os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644))
        os.replace(tmp, target)


def resolve(event_path: Path | str, ref: str) -> Path:
    """A plan named by the user: ``last``, a history number (``3``, ``0003``) or a file path."""
    text = ref.strip()
    if text.lower() in LATEST:
        last = latest(event_path)
        if last is None:
            params = {"folder": str(folder(event_path))}
            raise InputError([Problem("history_empty", params, Location(Path(event_path)))])
        return last
    if text.isdigit():
        for entry in entries(event_path):
            if number(entry) == int(text):
                return entry
        known = ", ".join(str(number(e)) for e in entries(event_path)) or "-"
        params = {"ref": text, "folder": str(folder(event_path)), "known": known}
        raise InputError([Problem("history_unknown", params, Location(Path(event_path)))])
    return Path(text)
