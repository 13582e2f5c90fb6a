"""End-to-end extraction replayed from cassettes recorded against the real embedded server.

The cassettes hold the HTTP exchange of the embedded llama.cpp server (Qwen2.5-Coder-1.5B,
compact-JSON grammar) on articles written for this project (examples/). Replaying them runs
the whole pipeline — prompt rendering, request building, parsing, grounding, assembly — with
no model and no network. Re-record after a prompt or schema change:

    pytest tests/recorded --record-mode=rewrite
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from llm_extract import Extractor, Settings
from llm_extract.backends import forget_probes
from llm_extract.embedded.model import EMBEDDED_MODEL
from llm_extract.normalize import normalize_name
from llm_extract.prompts import DEFAULT_PROMPT_VERSION
from llm_extract.schema_export import exported_schema_path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# article file, publication date, names that a correct answer must contain (as written).
CASES = {
    "article_ar.txt": ("2025-11-18", ["عبد الرحمن الجبوري", "لوران ديبوا"]),
    "article_en.txt": ("2025-03-04", ["Rui Almeida", "Kwame Asante"]),
    "article_fr.txt": ("2025-06-02", ["Moussa Ndiaye", "Youssef Benali"]),
    "article_none_en.txt": (None, []),
}


@pytest.fixture(scope="module")
def base_url(record_mode: str) -> str:
    """A placeholder when replaying (never contacted); the real embedded server when recording."""
    if record_mode == "none":
        return "http://127.0.0.1:9/v1"
    from llm_extract.embedded.server import shared_server

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
    settings = Settings(base_url=base_url, model=EMBEDDED_MODEL.name, mode="grammar",
                        timeout=900)
    result = Extractor(settings).extract(text, published=published)

    assert result.provenance.prompt_version == DEFAULT_PROMPT_VERSION
    assert result.provenance.mode == "grammar"
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

    found = {normalize_name(p.name) for m in result.meetings for p in m.participants if p.name}
    for expected in expected_names:
        assert normalize_name(expected) in found, f"{expected} missing from {found}"
    if not expected_names:
        assert result.meetings == [], "an article that reports no meeting gave records"


def test_result_validates_against_exported_schema_fields() -> None:
    schema = json.loads(exported_schema_path().read_text(encoding="utf-8"))
    assert schema["properties"]["schema_version"]["const"] == "1"
