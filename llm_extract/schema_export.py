"""The versioned JSON Schema file of :class:`~llm_extract.schema.ExtractionResult`."""

from __future__ import annotations

import json
from pathlib import Path

from llm_extract._resources import schemas_dir
from llm_extract.schema import SCHEMA_VERSION, ExtractionResult

__all__ = ["exported_schema_path", "render_schema"]


def exported_schema_path() -> Path:
    return schemas_dir() / f"extraction_result.v{SCHEMA_VERSION}.json"


def render_schema() -> str:
    """The schema as committed: sorted keys, two-space indent, trailing newline."""
    schema = ExtractionResult.model_json_schema(mode="serialization")
    schema["$id"] = f"https://llm-extract.invalid/schemas/extraction_result.v{SCHEMA_VERSION}.json"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
