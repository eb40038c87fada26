"""Packaging: the print set's templates travel inside the wheel."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow  # builds a wheel

# What a build needs; the copy keeps setuptools' build/ and egg-info out of the checkout.
SOURCES = ("pyproject.toml", "README.md", "src")


def test_the_built_wheel_ships_the_templates(tmp_path):
    """Templates are package data: an installed opensozial (not only a checkout) can print."""
    source = tmp_path / "source"
    source.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(
                ROOT / name,
                source / name,
                ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"),
            )
        else:
            shutil.copy2(ROOT / name, source / name)
    wheels = tmp_path / "wheels"
    command = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "-q",
        "--no-deps",
        "-w",
        str(wheels),
        str(source),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=300)
    (wheel,) = wheels.glob("opensozial-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = ROOT / "src" / "opensozial" / "export" / "templates"
    shipped = {f"opensozial/export/templates/{p.name}" for p in templates.iterdir()}
    assert shipped and shipped <= names
