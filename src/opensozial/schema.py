"""The JSON Schema of the event file, derived from the pydantic models.

Editors with a YAML language server (VS Code, vim, Emacs, JetBrains) validate and
complete the event file while people type, from the modeline
``# yaml-language-server: $schema=../schema/event.schema.json`` at the top of each
example. The schema is generated, never written by hand, so it cannot drift from what
the loader accepts; ``schema/event.schema.json`` in the repository is a committed copy
that a test keeps equal to this output.

yaml-language-server validates draft-07 and below, so we declare draft-07 and never
2020-12 (pydantic's ``$defs`` references are plain JSON pointers and resolve in both).
"""

from __future__ import annotations

import json
from typing import Any

from opensozial.model import Event

DRAFT = "http://json-schema.org/draft-07/schema#"


def event_schema() -> dict[str, Any]:
    schema: dict[str, Any] = {
        "$schema": DRAFT,
        **Event.model_json_schema(mode="validation", by_alias=True),
    }
    schema["description"] = (  # shown by editors when hovering the file's top level
        "An opensozial event file: the event, its rooms, time slots and sessions (see README.md)."
    )
    return schema


def schema_text() -> str:
    """The schema as the file ``opensozial schema`` prints and the repository ships."""
    return json.dumps(event_schema(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
