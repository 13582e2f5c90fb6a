"""The versioned JSON Schema in schemas/ must match the pydantic models exactly."""

from __future__ import annotations

import json

from llm_extract.cli import main
from llm_extract.schema import SCHEMA_VERSION, ExtractionResult
from llm_extract.schema_export import exported_schema_path, render_schema


def test_exported_schema_file_matches_models() -> None:
    path = exported_schema_path()
    assert path.name == f"extraction_result.v{SCHEMA_VERSION}.json"
    assert path.read_text(encoding="utf-8") == render_schema(), (
        "schemas/ drifted from llm_extract/schema.py: run `llm-extract schema --write` "
        "(and bump SCHEMA_VERSION if the change is not backwards compatible)"
    )


def test_exported_schema_describes_result_fields() -> None:
    schema = json.loads(exported_schema_path().read_text(encoding="utf-8"))
    assert set(schema["properties"]) == set(ExtractionResult.model_fields)
    meeting = schema["$defs"]["Meeting"]["properties"]
    for field in ("status", "modality", "date", "location", "participants", "topics", "evidence"):
        assert field in meeting


def test_schema_check_command(capsys: object) -> None:
    assert main(["schema", "--check"]) == 0
