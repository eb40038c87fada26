"""Write output files atomically: a temp file in the same folder, then a rename.

A crash or Ctrl-C mid-write therefore never leaves half a plan or half a calendar where
a facilitator (or a calendar app) would pick it up.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_bytes_atomic(path: Path | str, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path | str, text: str, encoding: str = "utf-8") -> None:
    write_bytes_atomic(path, text.encode(encoding))


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
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent))
    old: Path | None = None
    try:
        for name, data in files.items():
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp / name).write_bytes(data)
        (tmp / FOLDER_MARKER).write_text("Written by opensozial export; the next export replaces this folder.\n",
                                         encoding="utf-8")
        os.chmod(tmp, 0o755)
        if path.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{path.name}.", suffix=".old", dir=path.parent))
            os.replace(path, old)
        os.replace(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and not path.exists():
            os.replace(old, path)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
