"""The naive peer pipeline, offline: one request through a mock transport, no real endpoint."""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from typing import Any

import openai
import pytest

from llm_extract.errors import EndpointRequestError, ExtractionFailedError
from llm_extract.evaluation.naive import (
    INSTRUCTION,
    NaiveExtractor,
    NaiveOutput,
    to_schema_v1,
)
from llm_extract.evaluation.pipelines import PIPELINES
from llm_extract.extractor import Endpoint
from llm_extract.settings import Settings

# The HTTP package the installed openai SDK is built on (httpx2 for openai 3.x).
hx: Any = importlib.import_module(openai.DefaultHttpxClient.__mro__[1].__module__.split(".")[0])

ENDPOINT = Endpoint("http://model.invalid/v1", "tiny", "llama.cpp")

ANSWER = {"meetings": [{
    "status": "held", "modality": "in_person", "date": "2024-03-02",
    "location": {"city": "Baghdad", "country": "Iraq"},
    "participants": [{"name": "Ann Smith", "title": "Minister", "organization": None,
                      "country": "GB", "role": "guest"}],
    "topics": ["trade"], "evidence": "Ann Smith visited Baghdad.",
}]}


def completion(content: str) -> dict[str, Any]:
    return {
        "id": "cmpl-1", "object": "chat.completion", "created": 0, "model": "tiny",
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": content}}],
        "usage": {"prompt_tokens": 120, "completion_tokens": 30, "total_tokens": 150},
    }


def naive_with(content: str) -> tuple[NaiveExtractor, list[dict[str, Any]]]:
    requests: list[dict[str, Any]] = []

    def handler(request: Any) -> Any:
        requests.append(json.loads(request.content))
        return hx.Response(200, json=completion(content))

    client = hx.Client(transport=hx.MockTransport(handler))
    return NaiveExtractor(Settings(), endpoint=ENDPOINT, http_client=client), requests


def test_one_plain_request_gives_a_schema_v1_result() -> None:
    naive, requests = naive_with(json.dumps(ANSWER))
    result = naive.extract("Ann Smith visited Baghdad.", published="2024-03-03", language="en")
    assert len(requests) == 1
    (message,) = requests[0]["messages"]  # one user message: no system prompt, no few-shot
    assert message["role"] == "user"
    assert message["content"] == f"{INSTRUCTION}\n\nAnn Smith visited Baghdad."
    assert requests[0]["response_format"]["type"] == "json_schema"
    assert requests[0]["model"] == "tiny"
    meeting = result.meetings[0]
    assert meeting.location is not None and meeting.location.country == "IQ"
    assert meeting.participants[0].name == "Ann Smith"
    prov = result.provenance
    assert (prov.prompt_version, prov.attempts, prov.mode) == ("naive", 1, "json_schema")
    assert (prov.usage.prompt_tokens, prov.usage.completion_tokens) == (120, 30)
    assert prov.endpoint_kind == "llama.cpp" and prov.published == "2024-03-03"


def test_invalid_output_is_not_retried() -> None:
    naive, requests = naive_with("this is not json")
    with pytest.raises(ExtractionFailedError) as info:
        naive.extract("Some article.")
    assert len(requests) == 1 and info.value.log.attempts == 1


def test_fitting_into_schema_v1_nulls_and_flags_what_does_not_fit() -> None:
    raw: dict[str, Any] = json.loads(json.dumps(ANSWER))
    raw["meetings"][0]["date"] = "last Monday"
    raw["meetings"][0]["participants"][0]["country"] = "Atlantis"
    raw["meetings"].append({"status": "planned", "modality": "unknown", "participants": []})
    meetings, flags = to_schema_v1(NaiveOutput.model_validate(raw))
    assert len(meetings) == 1
    assert meetings[0].date is None and meetings[0].participants[0].country is None
    assert sorted((f.kind, f.path) for f in flags) == [
        ("dropped_meeting", "meetings[1]"),
        ("repaired", "meetings[0].date"),
        ("repaired", "meetings[0].participants[0].country"),
    ]


def test_pipeline_table_offers_naive_with_its_own_prompt_version() -> None:
    pipeline = PIPELINES["naive"]
    build: Callable[[Settings], Any] = pipeline.build
    assert isinstance(build(Settings()), NaiveExtractor)
    assert pipeline.prompt_version(Settings(prompt_version="v1")) == "naive"
    assert PIPELINES["default"].prompt_version(Settings(prompt_version="v1")) == "v1"


def test_endpoint_error_is_typed_and_never_quotes_the_key() -> None:
    key = "sk-naive-test-key-0123456789"

    def handler(request: Any) -> Any:
        return hx.Response(401, json={"error": {"message": f"bad key {key}"}})

    naive = NaiveExtractor(
        Settings(), endpoint=Endpoint(ENDPOINT.base_url, "tiny", "llama.cpp", key),
        http_client=hx.Client(transport=hx.MockTransport(handler)),
    )
    with pytest.raises(EndpointRequestError) as info:
        naive.extract("Some article.")
    assert key not in str(info.value.to_dict()) and "401" in info.value.message
