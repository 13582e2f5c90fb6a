"""Schemathesis against the service's own OpenAPI document: any request the schema allows (and
many it does not) gets a documented status and a body that matches the document.

The app is the real one (limits, error handlers, the real ``ExtractorPool`` and ``Extractor``)
served in-process over ASGI; the model behind it is the fake OpenAI server answering
``{"meetings": []}``, so generated texts exercise the library's input checks end to end (a
JSON ``"\\ud800"`` escape used to get past them and fail while encoding the model request: a
500; now a 422 ``invalid_encoding``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, get_args

import pytest
import schemathesis
from fakes import openai_server as f
from fakes.openai_server import ALLOWED_HOSTS, FakeOpenAI
from hypothesis import HealthCheck, settings

from llm_extract import service

from .conftest import fake_settings

pytestmark = [pytest.mark.block_network(allowed_hosts=ALLOWED_HOSTS), pytest.mark.timeout(300)]

_fake = FakeOpenAI(fallback=lambda _: f.ok({"meetings": []}))


@pytest.fixture(scope="module", autouse=True)
def _fake_endpoint() -> Iterator[FakeOpenAI]:
    with _fake:
        yield _fake


_pool = service.ExtractorPool(fake_settings(_fake, transport_retries=0, max_reasks=0))


def _app() -> object:
    # Settings hold only the URL; nothing connects until a request arrives (after the fixture).
    return service.create_app(_pool, service.ServiceSettings(max_text_chars=2_000))


class _OneAppPerLifespan:
    """schemathesis runs the app's lifespan around *every* call; the service, like uvicorn
    expects, serves one lifespan per app (its shutdown closes the worker pool), so each
    lifespan gets a fresh app over the same extractor pool."""

    def __init__(self) -> None:
        self.app: Any = _app()

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "lifespan":
            self.app = _app()
        await self.app(scope, receive, send)


schema = schemathesis.openapi.from_asgi("/openapi.json", _OneAppPerLifespan())


def _checks(*names: str) -> list[object]:
    from schemathesis.checks import CHECKS

    found = {check.__name__: check for check in CHECKS.get_all()}
    return [found[name] for name in names]


# What the document promises for every request. Two default checks are left out on purpose:
# positive_data_acceptance, because the service validates meaning beyond the schema (an empty
# text is a 422 ``empty_text``, an unknown prompt version a 400 — documented answers, not
# schema violations); negative_data_rejection, because pydantic's lax mode accepts e.g.
# ``"temperature": false`` as 0.0 (now refused: the options model is strict).
CONFORMANCE = (
    "not_a_server_error", "status_code_conformance", "content_type_conformance",
    "response_headers_conformance", "response_schema_conformance",
)


@schema.parametrize()
@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_service_conforms_to_its_openapi_document(case: object) -> None:
    case.call_and_validate(checks=_checks(*CONFORMANCE))  # type: ignore[attr-defined]


def _post(body: dict[str, object] | bytes) -> int:
    from starlette.testclient import TestClient

    with TestClient(_app(), raise_server_exceptions=False) as client:  # type: ignore[arg-type]
        if isinstance(body, bytes):
            headers = {"content-type": "application/json"}
            return client.post("/v1/extract", content=body, headers=headers).status_code
        return client.post("/v1/extract", json=body).status_code


def test_lone_surrogate_in_json_text_is_a_422_not_a_500() -> None:
    assert _post(b'{"text": "Samir \\ud800 Haddad met Omar Khatib in Paris."}') == 422


def test_options_of_the_wrong_json_type_are_refused() -> None:
    text = "Foreign Minister Samir Haddad met Omar Khatib in Paris."
    assert _post({"text": text, "options": {"temperature": False}}) == 422


def test_every_documented_mode_is_served() -> None:
    from llm_extract.model.backends import WIRE_FORMATS
    from llm_extract.settings import WireMode

    assert set(get_args(WireMode)) == {"auto", *WIRE_FORMATS}
