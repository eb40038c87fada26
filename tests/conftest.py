"""Shared fixtures: small events written in the test itself, and the shipped examples."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture
def write_event(tmp_path: Path) -> Callable[[str], Path]:
    """Write a YAML event (dedented) to a temp file and return its path."""

    def write(text: str, name: str = "event.yaml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return path

    return write
