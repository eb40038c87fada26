"""PDF (FORMAT ``pdf``): the print set as ready PDF files, printed by headless Chromium.

The HTML print set lays itself out by measuring in the browser (see ``print_set``), so
the engine that prints it must be a browser: Chromium's own print-to-PDF prints exactly
what the sheets measured, honours ``@page`` sizes and needs no extra libraries. The
folder holds ``poster.pdf`` (A3, a page per day), ``doors.pdf`` (A4, a page per room)
and ``handout.pdf`` (one A4 page).

Chromium stamps the print time into each file; those two entries are blanked (same
length, so the file's offsets stay right), and an unchanged plan gives identical bytes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from opensozial.errors import InputError, Problem
from opensozial.export import print_set
from opensozial.export.view import ExportOptions, Programme

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
SHEETS = ("poster", "doors", "handout")
TIMEOUT = 180  # seconds per sheet; a 140-session poster prints in a few
# Headless, and no calls home: the machine may be offline, and a closed network makes
# Chromium's background connections fail by the dozen (the tests start it the same way).
HEADLESS = (
    "--headless",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
_DATES = re.compile(rb"/(CreationDate|ModDate) ?\(D:[^)]*\)")


def find_browser() -> str | None:
    """The first Chromium-like browser on PATH."""
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


def render(programme: Programme, options: ExportOptions) -> dict[str, bytes]:
    browser = find_browser()
    if browser is None:
        raise InputError([Problem("export_pdf_no_browser", {"names": ", ".join(BROWSERS[:3])})])
    pages = print_set.render(programme, options)
    with tempfile.TemporaryDirectory(prefix="opensozial-pdf-") as tmp:
        folder = Path(tmp)
        for name, data in pages.items():
            (folder / name).write_bytes(data)
        return {
            f"{sheet}.pdf": _undated(_print(browser, folder / f"{sheet}.html", folder))
            for sheet in SHEETS
        }


def _print(browser: str, page: Path, folder: Path) -> bytes:
    target = folder / f"{page.stem}.pdf"
    command = [
        browser,
        *HEADLESS,
        "--no-pdf-header-footer",
        f"--user-data-dir={folder / 'profile'}",
        f"--print-to-pdf={target}",
        page.as_uri(),
    ]
    if os.geteuid() == 0:  # Chromium refuses to run as root with its sandbox
        command.insert(1, "--no-sandbox")
    try:
        subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT)
        return target.read_bytes()
    except subprocess.TimeoutExpired:
        reason = f"no result after {TIMEOUT} s"
    except (subprocess.CalledProcessError, OSError) as exc:
        stderr = getattr(exc, "stderr", None) or b""
        lines = stderr.decode("utf-8", "replace").strip().splitlines()
        reason = lines[-1] if lines else str(exc)
    raise InputError([Problem("export_pdf_failed", {"browser": browser, "reason": reason})])


def _undated(pdf: bytes) -> bytes:
    return _DATES.sub(lambda m: b" " * len(m.group(0)), pdf)
