"""Reading an input file (event YAML, votes CSV, plan JSON) without trusting it.

A real event file is well under 1 MB. Reading whatever a path names would hang on a
FIFO or ``/dev/zero`` and take minutes on a 50 MB file before any error, so only
regular files up to :data:`MAX_BYTES` are read, and every refusal is a located
:class:`~opensozial.errors.InputError` with the fix.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from opensozial.errors import InputError, Location, Problem

MAX_BYTES = 5 * 1024 * 1024
MAX_MB = MAX_BYTES // (1024 * 1024)


def read_text(path: Path, missing: Problem | None = None, not_utf8: str = "file_not_utf8") -> str:
    """The UTF-8 text of ``path`` (a BOM is dropped). ``missing`` replaces the generic
    "file does not exist" problem (e.g. to point at the line that names the file),
    ``not_utf8`` the message key for text in another encoding."""
    where = Location(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError([missing or Problem("file_missing", {"path": str(path)}, where)]) from None
    except OSError as exc:
        raise InputError([Problem("file_unreadable", {"reason": _reason(exc)}, where)]) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError([Problem("file_is_dir", {"path": str(path)}, where)])
    if not stat.S_ISREG(info.st_mode):
        raise InputError([Problem("file_not_regular", {"path": str(path)}, where)])
    if info.st_size > MAX_BYTES:
        raise InputError(
            [Problem("file_too_big", {"size": _megabytes(info.st_size), "limit": MAX_MB}, where)]
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # the file may have grown since stat()
    except OSError as exc:
        raise InputError([Problem("file_unreadable", {"reason": _reason(exc)}, where)]) from None
    if len(data) > MAX_BYTES:
        raise InputError(
            [Problem("file_too_big", {"size": _megabytes(len(data)), "limit": MAX_MB}, where)]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError([Problem(not_utf8, {"file": path.name}, Location(path, line))]) from None


def phones_path(event_path: Path | str) -> Path:
    """Where the phones' data of an event lives: ``tag.yaml`` → ``tag.phones.sqlite``.

    Here, not in :mod:`opensozial.live.store`: every command asks whether it exists, and
    only an event with phones needs SQLite loaded.
    """
    path = Path(event_path)
    return path.with_name(f"{path.stem}.phones.sqlite")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def _reason(exc: OSError) -> str:
    return exc.strerror or os.strerror(exc.errno or 0) or type(exc).__name__
