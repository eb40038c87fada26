"""``opensozial schema``: the event file's JSON Schema, committed, and every example valid.

Editors validate as people type only if the schema is right and the examples point at
it; so the committed file must equal the command's output, and every example must
start with the modeline and validate against it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from conftest import EXAMPLES, ROOT
from jsonschema import Draft7Validator
from typer.testing import CliRunner

from opensozial.cli import app
from opensozial.load import read_yaml

runner = CliRunner()
SCHEMA_FILE = ROOT / "schema" / "event.schema.json"
MODELINE = "# yaml-language-server: $schema=../schema/event.schema.json"


def validator() -> Draft7Validator:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)


def as_json(value: Any) -> Any:
    """YAML data as an editor's language server sees it: dates are strings."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    return value.isoformat() if isinstance(value, dt.date) else value


def test_committed_schema_equals_the_command_output(tmp_path):
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert result.stdout == SCHEMA_FILE.read_text(encoding="utf-8"), (
        "run: opensozial schema -o schema/event.schema.json"
    )
    out = tmp_path / "s.json"
    assert runner.invoke(app, ["schema", "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8") == result.stdout


def test_schema_is_draft_07_strict_and_described():
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert "2020-12" not in SCHEMA_FILE.read_text(
        encoding="utf-8"
    ) and "prefixItems" not in json.dumps(schema)
    assert schema["additionalProperties"] is False
    assert all(
        d["additionalProperties"] is False
        for d in schema["$defs"].values()
        if d.get("type") == "object"
    )
    slot = schema["$defs"]["Slot"]["properties"]
    assert slot["start"]["pattern"] == r"^\d{1,2}:\d{2}$" and "break" in slot
    assert schema["$defs"]["EventInfo"]["properties"]["date"]["format"] == "date"
    assert schema["$defs"]["Session"]["properties"]["votes"]["description"]


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_starts_with_the_modeline_and_validates(path):
    assert path.read_text(encoding="utf-8").splitlines()[0] == MODELINE
    data, _ = read_yaml(path)
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(as_json(data))
    ]
    assert not errors


def test_schema_flags_typos_and_bad_times():
    data = as_json(read_yaml(EXAMPLES[0])[0])
    data["rooms"][0]["capacty"] = 10
    data["slots"][0]["start"] = "10 Uhr"
    messages = [e.message for e in validator().iter_errors(data)]
    assert any("'capacty' was unexpected" in m for m in messages), messages
    assert any("'10 Uhr' does not match" in m for m in messages), messages
