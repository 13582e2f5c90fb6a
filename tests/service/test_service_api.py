"""The service's endpoints, auth, error mapping and OpenAPI, on a real server with a fake."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi import FastAPI

from llm_extract.errors import (
    ConfigurationError,
    EmbeddedError,
    EmptyTextError,
    EndpointConnectionError,
    EndpointProtocolError,
    EndpointRequestError,
    EndpointServerError,
    EndpointTimeoutError,
    ExtractionFailedError,
    IncompleteOutputError,
    InvalidEncodingError,
    LLMExtractError,
    ModelAssetError,
    NoArticleError,
    RateLimitedError,
    ServerStartError,
    TextTooLongError,
)
from llm_extract.provenance_log import ProvenanceLog
from llm_extract.schema import ExtractionResult
from llm_extract.service import Readiness, ServiceSettings, create_app
from llm_extract.service.errors import client_message

from .service_helpers import LOOPBACK, Factory, FakeExtractor, RunningServer, error_of

pytestmark = LOOPBACK

Serve = Callable[[FastAPI], RunningServer]
ARTICLE = "Ana Ruiz met Tomas Berg in Valparaiso on Tuesday to discuss fisheries."


def test_extract_returns_the_library_result_and_passes_the_request_through(serve: Serve) -> None:
    fake = FakeExtractor()
    factory = Factory(fake)
    server = serve(create_app(factory, ServiceSettings()))
    with server.client() as client:
        response = client.post("/v1/extract", json={
            "text": ARTICLE, "language": "en", "published": "2024-03-05",
            "prompt_version": "v1", "options": {"model": "other", "max_tokens": 99},
        })
    assert response.status_code == 200
    result = ExtractionResult.model_validate(response.json())
    assert result.meetings[0].participants[0].name == "Ana Ruiz"
    assert len(response.headers["X-Request-ID"]) == 32
    assert fake.calls == [{"text": ARTICLE, "published": "2024-03-05", "language": "en",
                           "prompt_version": "v1"}]
    assert factory.overrides == [{"model": "other", "max_tokens": 99}]


@pytest.mark.parametrize("body", [
    {"text": ARTICLE, "options": {"mode": "telepathy"}},
    {"text": ARTICLE, "options": {"temperature": 5}},
    {"text": ARTICLE, "colour": "blue"},
    {"language": "en"},
])
def test_invalid_requests_get_a_422_json_error(serve: Serve, body: dict[str, object]) -> None:
    fake = FakeExtractor()
    server = serve(create_app(Factory(fake), ServiceSettings()))
    with server.client() as client:
        response = client.post("/v1/extract", json=body)
    assert response.status_code == 422
    assert error_of(response)["kind"] == "invalid_request"
    assert fake.calls == []


def test_malformed_json_and_unknown_paths_use_the_same_error_shape(serve: Serve) -> None:
    server = serve(create_app(Factory(FakeExtractor()), ServiceSettings()))
    with server.client() as client:
        broken = client.post("/v1/extract", content=b'{"text": ',
                             headers={"Content-Type": "application/json"})
        missing = client.get("/v2/nothing")
    assert broken.status_code == 422 and error_of(broken)["kind"] == "invalid_request"
    assert missing.status_code == 404 and error_of(missing)["kind"] == "not_found"


ERROR_CASES: list[tuple[LLMExtractError, int, str]] = [
    (EmptyTextError("input text is empty"), 422, "empty_text"),
    (InvalidEncodingError("not UTF-8"), 422, "invalid_encoding"),
    (TextTooLongError("too long"), 413, "text_too_long"),
    (NoArticleError("the page has no article"), 422, "no_article"),
    (ConfigurationError("bad published date"), 400, "configuration"),
    (RateLimitedError("slow down", retry_after=7.0), 429, "rate_limited"),
    (EndpointTimeoutError("read timeout"), 504, "timeout"),
    (EndpointConnectionError("refused"), 503, "connection"),
    (EndpointServerError("HTTP 500"), 502, "server_error"),
    (EndpointRequestError("HTTP 404 model"), 502, "request_error"),
    (EndpointProtocolError("not a completion"), 502, "protocol_error"),
    (IncompleteOutputError("cut at max_tokens"), 502, "incomplete_output"),
    (ExtractionFailedError("still invalid"), 502, "extraction_failed"),
    (ModelAssetError("hash mismatch"), 503, "model_asset"),
    (ServerStartError("llama-server died"), 503, "server_start"),
    (EmbeddedError("embedded"), 503, "embedded"),
]


@pytest.mark.parametrize(("exc", "status", "kind"), ERROR_CASES,
                         ids=[type(e).__name__ for e, _, _ in ERROR_CASES])
def test_library_errors_map_to_status_codes(
    serve: Serve, exc: LLMExtractError, status: int, kind: str
) -> None:
    server = serve(create_app(Factory(FakeExtractor(raises=exc)), ServiceSettings(retry_after=3)))
    with server.client() as client:
        response = client.post("/v1/extract", json={"text": ARTICLE})
    assert response.status_code == status
    error = error_of(response)
    # endpoint and embedded errors get a fixed message (issue 14: no upstream body, no URL)
    assert (error["kind"], error["type"], error["message"]) == (kind, type(exc).__name__,
                                                                client_message(exc))
    if isinstance(exc, RateLimitedError):
        assert response.headers["Retry-After"] == "7"


def test_an_unexpected_exception_is_a_500_that_leaks_nothing(serve: Serve) -> None:
    fake = FakeExtractor(raises=RuntimeError("secret internals at 0xdeadbeef"))
    server = serve(create_app(Factory(fake), ServiceSettings()))
    with server.client() as client:
        response = client.post("/v1/extract", json={"text": ARTICLE})
    assert response.status_code == 500
    assert error_of(response)["kind"] == "internal"
    assert "deadbeef" not in response.text


def test_bearer_token_is_required_on_extract_but_not_on_probes(serve: Serve) -> None:
    fake = FakeExtractor()
    server = serve(create_app(Factory(fake), ServiceSettings(auth_token="s3cret-token")))
    with server.client() as client:
        anonymous = client.post("/v1/extract", json={"text": ARTICLE})
        wrong = client.post("/v1/extract", json={"text": ARTICLE},
                            headers={"Authorization": "Bearer s3cret-tokeX"})
        right = client.post("/v1/extract", json={"text": ARTICLE},
                            headers={"Authorization": "Bearer s3cret-token"})
        health = client.get("/healthz")
    assert anonymous.status_code == 401 and error_of(anonymous)["kind"] == "unauthorized"
    assert anonymous.headers["WWW-Authenticate"] == "Bearer"
    assert wrong.status_code == 401
    assert right.status_code == 200
    assert health.status_code == 200
    assert len(fake.calls) == 1


def test_health_and_readiness(serve: Serve) -> None:
    states = [Readiness(False, "endpoint down"), Readiness(True, "endpoint answers")]
    app = create_app(Factory(FakeExtractor()), ServiceSettings(), readiness=lambda: states[0])
    server = serve(app)
    with server.client() as client:
        health = client.get("/healthz")
        not_ready = client.get("/readyz")
        states.pop(0)
        ready = client.get("/readyz")
    assert health.status_code == 200
    assert health.json() == {"status": "ok", "in_flight": 0, "waiting": 0}
    assert not_ready.status_code == 503
    assert not_ready.json() == {"ready": False, "detail": "endpoint down"}
    assert ready.status_code == 200 and ready.json()["ready"] is True


def test_openapi_documents_the_full_result_schema_and_docs_are_served(serve: Serve) -> None:
    server = serve(create_app(Factory(FakeExtractor()), ServiceSettings(auth_token="t")))
    with server.client() as client:
        spec = client.get("/openapi.json").json()
        docs = client.get("/docs")
    schemas = spec["components"]["schemas"]
    for name in ("ExtractionResult", "Meeting", "Participant", "Provenance", "ExtractRequest"):
        assert name in schemas
    ok = spec["paths"]["/v1/extract"]["post"]["responses"]["200"]
    assert ok["content"]["application/json"]["schema"]["$ref"].endswith("/ExtractionResult")
    assert set(schemas["ExtractionResult"]["properties"]) >= {"meetings", "flags", "provenance"}
    assert "HTTPBearer" in spec["components"]["securitySchemes"]
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


def test_each_extraction_writes_one_provenance_row(serve: Serve, tmp_path: Path) -> None:
    log = ProvenanceLog(tmp_path / "prov.sqlite")
    failing = FakeExtractor(raises=EndpointServerError("HTTP 503 from upstream"))
    ok_server = serve(create_app(Factory(FakeExtractor()), ServiceSettings(), log=log))
    bad_server = serve(create_app(Factory(failing), ServiceSettings(), log=log))
    with ok_server.client() as client:
        request_id = client.post("/v1/extract", json={"text": ARTICLE}).headers["X-Request-ID"]
    with bad_server.client() as client:
        assert client.post("/v1/extract", json={"text": ARTICLE}).status_code == 502
    rows = log.query()
    log.close()
    assert [(r.status, r.origin) for r in rows] == [("error", "service"), ("ok", "service")]
    assert rows[1].item_id == request_id and rows[1].model == "fake-model"
    assert rows[0].error_kind == "server_error" and rows[0].endpoint == "http://127.0.0.1:9/v1"
