"""README and --help stay honest.

Every example file they name exists, every command is documented.
"""

from __future__ import annotations

import re

from conftest import ROOT
from typer.testing import CliRunner

from opensozial.cli import app


def test_every_example_path_named_in_readme_and_help_exists():
    text = (ROOT / "README.md").read_text(encoding="utf-8") + (
        ROOT / "src/opensozial/cli.py"
    ).read_text(encoding="utf-8")
    named = set(re.findall(r"examples/[\w.-]+\.(?:yaml|csv)", text))
    assert named
    assert [name for name in sorted(named) if not (ROOT / name).exists()] == []


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert [c for c in commands if f"opensozial {c}" not in readme] == []
    for command in commands:
        assert CliRunner().invoke(app, [command, "--help"]).exit_code == 0
