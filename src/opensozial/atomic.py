"""Write output files atomically: a temp file in the same folder, then a rename.

A crash or Ctrl-C mid-write therefore never leaves half a plan or half a calendar where
a facilitator (or a calendar app) would pick it up. Only ordinary files are replaced:
``-o /dev/null`` or ``-o`` onto a named pipe would otherwise swap a device node or a pipe
for a file, and a folder, a path under a file or a full disk get a message, not a crash.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from opensozial.errors import Location, OutputError, Problem


def check_target(path: Path, inputs: Iterable[Path] = ()) -> None:
    """Refuse a target that is not (or cannot become) an ordinary file, or is an input."""
    if path.is_dir():
        example = path / "plan.json"
        raise OutputError(
            [Problem("output_is_dir", {"path": str(path), "example": str(example)}, Location(path))]
        )
    if path.exists() and not path.is_file():
        raise OutputError([Problem("output_not_regular", {"path": str(path)}, Location(path))])
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                params = {"path": str(path), "parent": str(parent)}
                raise OutputError([Problem("output_parent_not_dir", params, Location(path))])
            break
    for source in inputs:
        if path.exists() and source.exists() and os.path.samefile(path, source):
            raise OutputError([Problem("output_is_input", {"path": str(path)}, Location(path))])


def failed(path: Path, exc: OSError) -> OutputError:
    """An operating system error while writing ``path`` (disk full, no permission, ...)."""
    reason = exc.strerror or type(exc).__name__
    return OutputError(
        [Problem("output_failed", {"path": str(path), "reason": reason}, Location(path))]
    )


def write_bytes_atomic(path: Path | str, data: bytes, inputs: Iterable[Path] = ()) -> None:
    """Write ``data`` to ``path`` completely or not at all; ``inputs`` must not be replaced."""
    path = Path(path)
    check_target(path, inputs)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise failed(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise failed(path, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(
    path: Path | str, text: str, encoding: str = "utf-8", inputs: Iterable[Path] = ()
) -> None:
    write_bytes_atomic(path, text.encode(encoding), inputs)


# Left in a folder we wrote, so that a later export may replace it (and nothing else).
FOLDER_MARKER = ".opensozial-export"


def is_replaceable_folder(path: Path) -> bool:
    """True if ``path`` is absent, an empty folder, or a folder an earlier export wrote."""
    if not path.exists():
        return True
    return path.is_dir() and (not any(path.iterdir()) or (path / FOLDER_MARKER).is_file())


def write_folder_atomic(path: Path | str, files: dict[str, bytes]) -> None:
    """Write a whole folder so that it appears complete or not at all.

    The files go into a hidden temp folder beside ``path``, which is then renamed into
    place; an earlier export there is swapped out and removed only afterwards. The
    caller checks :func:`is_replaceable_folder` first: a folder holding anything else is
    never touched.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    except OSError as exc:
        raise failed(path, exc) from None
    old: Path | None = None
    try:
        for name, data in files.items():
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp / name).write_bytes(data)
        (tmp / FOLDER_MARKER).write_text(
            "Written by opensozial export; the next export replaces this folder.\n",
            encoding="utf-8",
        )
        os.chmod(tmp, 0o755)
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent))
            os.replace(path, old)
        os.replace(tmp, path)
    except BaseException as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and not path.exists():
            os.replace(old, path)
        if isinstance(exc, OSError):
            raise failed(path, exc) from None
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
