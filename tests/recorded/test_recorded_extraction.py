"""End-to-end extraction replayed from cassettes recorded against the real embedded server.

The cassettes hold the HTTP exchange of the embedded llama.cpp server (Qwen2.5-Coder-1.5B,
compact-JSON grammar, evidence and names as spans of
the text) on articles written for this project (examples/). Replaying them runs
the whole pipeline — prompt rendering, request building, parsing, grounding, assembly — with
no model and no network. Re-record after a prompt or schema change:

    pytest tests/recorded --record-mode=rewrite
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from llm_extract import Extractor, Settings
from llm_extract.model.backends import forget_probes
from llm_extract.model.embedded.model import EMBEDDED_MODEL
from llm_extract.model.prompts import DEFAULT_PROMPT_VERSION
from llm_extract.schema import ExtractionResult, Meeting, Participant, Provenance
from llm_extract.schema_export import exported_schema_path
from llm_extract.text.normalize import normalize_name

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# article file, publication date, names that a correct answer must contain (as written).
CASES = {
    "article_ar.txt": ("2025-11-18", ["عبد الرحمن الجبوري", "لوران ديبوا"]),
    "article_en.txt": ("2025-03-04", ["Rui Almeida", "Kwame Asante"]),
    "article_fr.txt": ("2025-06-02", ["Moussa Ndiaye", "Youssef Benali"]),
    "article_none_en.txt": (None, []),
}


@cache
def _schema_validator() -> Draft202012Validator:
    """A JSON Schema validator of ``schemas/extraction_result.v1.json`` (formats checked)."""
    schema = json.loads(exported_schema_path().read_text(encoding="utf-8"))
    assert schema["properties"]["schema_version"]["const"] == "1"
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=FormatChecker())


Breaker = Callable[[dict[str, Any]], None]

# Ways to break a result that the schema must catch; the meeting ones need a record to break.
_BREAK_RESULT: dict[str, Breaker] = {
    "no provenance": lambda r: r.pop("provenance"),
    "schema version 2": lambda r: r.update(schema_version="2"),
    "meetings not a list": lambda r: r.update(meetings={"0": None}),
    "attempts a string": lambda r: r["provenance"].update(attempts="one"),
}
_BREAK_MEETING: dict[str, Breaker] = {
    "unknown status": lambda m: m.update(status="rescheduled"),
    "unknown modality": lambda m: m.update(modality="telepathy"),
    "no participants": lambda m: m.update(participants=[]),
    "unknown role": lambda m: m["participants"][0].update(role="chair"),
    "missing status": lambda m: m.pop("status"),
}


def _assert_schema_rejects_broken_copies(valid: dict[str, Any]) -> None:
    validator = _schema_validator()
    breakers = dict(_BREAK_RESULT)
    if valid["meetings"]:
        breakers.update({name: (lambda r, b=b: b(r["meetings"][0]))
                         for name, b in _BREAK_MEETING.items()})
    for name, breaker in breakers.items():
        broken = copy.deepcopy(valid)
        breaker(broken)
        assert not validator.is_valid(broken), f"the schema accepted a result with {name}"


@pytest.fixture(scope="module")
def base_url(record_mode: str) -> str:
    """A placeholder when replaying (never contacted); the real embedded server when recording."""
    if record_mode == "none":
        return "http://127.0.0.1:9/v1"
    from llm_extract.model.embedded.server import shared_server

    return shared_server(Settings.from_env()).base_url


@pytest.fixture(autouse=True)
def _fresh_probe() -> Iterator[None]:
    # Each cassette then holds its own endpoint probe, whatever order the tests run in.
    forget_probes()
    yield
    forget_probes()


@pytest.mark.vcr
@pytest.mark.parametrize("name", sorted(CASES))
def test_recorded_extraction(name: str, base_url: str) -> None:
    published, expected_names = CASES[name]
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    settings = Settings(base_url=base_url, model=EMBEDDED_MODEL.name, mode="grammar_spans",
                        timeout=900)
    result = Extractor(settings).extract(text, published=published)

    assert result.provenance.prompt_version == DEFAULT_PROMPT_VERSION
    assert result.provenance.mode == "grammar_spans"
    assert result.provenance.reasks == 0  # grounded by construction: nothing to re-ask
    assert result.provenance.endpoint_kind == "llama.cpp"
    assert result.provenance.usage.completion_tokens > 0

    # Every span points at the article's own characters.
    for meeting in result.meetings:
        if meeting.evidence_span is not None:
            assert text[meeting.evidence_span.start:meeting.evidence_span.end] == meeting.evidence
        for person in meeting.participants:
            if person.name_span is not None:
                span = text[person.name_span.start:person.name_span.end]
                assert normalize_name(span) == normalize_name(person.name or "")

    # What the library returns is what its exported JSON Schema promises.
    dumped = result.model_dump(mode="json")
    _schema_validator().validate(dumped)
    _assert_schema_rejects_broken_copies(dumped)

    found = {normalize_name(p.name) for m in result.meetings for p in m.participants if p.name}
    for expected in expected_names:
        assert normalize_name(expected) in found, f"{expected} missing from {found}"
    if not expected_names:
        assert result.meetings == [], "an article that reports no meeting gave records"


def test_exported_schema_accepts_a_result_and_rejects_broken_ones() -> None:
    """The validator the recorded results pass has teeth: each broken copy of a valid result
    fails it, so a pass means the exported schema really describes the output."""
    provenance = Provenance(
        prompt_version="test", model="m", endpoint="http://127.0.0.1:1/v1",
        endpoint_kind="unknown", mode="json_schema", attempts=1, latency_s=0.0,
        input_sha256="0" * 64, created_at="2024-01-01T00:00:00+00:00", library_version="0",
    )
    meeting = Meeting(status="held", modality="phone", evidence="A called B",
                      participants=[Participant(name="A", role="participant"),
                                    Participant(name="B", role="participant")])
    valid = ExtractionResult(meetings=[meeting], provenance=provenance).model_dump(mode="json")
    _schema_validator().validate(valid)
    _assert_schema_rejects_broken_copies(valid)
