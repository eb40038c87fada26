"""Packaging: the print set's templates travel inside the wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from conftest import ROOT


def test_the_built_wheel_ships_the_templates(tmp_path):
    """Templates are package data: an installed opensozial (not only a checkout) can print."""
    command = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "-q",
        "--no-deps",
        "-w",
        str(tmp_path),
        str(ROOT),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    (wheel,) = tmp_path.glob("opensozial-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = ROOT / "src" / "opensozial" / "export" / "templates"
    shipped = {f"opensozial/export/templates/{p.name}" for p in templates.iterdir()}
    assert shipped and shipped <= names
