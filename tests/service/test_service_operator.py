"""The service obeys its operator, and shows clients nothing of its internals (issue 14).

A client's ``options`` may only narrow what the operator configured (model allowlist,
``max_tokens`` cap, shipped prompt versions); authentication comes before the body is read;
a body that is not JSON is a 415; ``/docs`` needs no CDN; the endpoint URL and the upstream's
error bodies never reach a client; a stopping service waits at most its grace period; a port
in use is one line and exit code 2. The real :class:`ExtractorPool` is driven against the
misbehaving fake OpenAI server, so what reached the endpoint is checked on the wire.
"""

from __future__ import annotations

import contextlib
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
import uvicorn
from fakes import openai_server as f
from fakes.openai_server import FakeOpenAI
from fastapi import FastAPI

from llm_extract.cli import main
from llm_extract.cli.serve import bind, uvicorn_config
from llm_extract.service import ExtractorPool, ServiceSettings, create_app
from llm_extract.settings import Settings

from .service_helpers import LOOPBACK, WAIT, Factory, FakeExtractor, RunningServer, wait_until

pytestmark = [LOOPBACK, pytest.mark.timeout(120)]

Serve = Callable[[FastAPI], RunningServer]
ARTICLE = "Ana Ruiz met Tomas Berg in Valparaiso on Tuesday to discuss fisheries."
ANSWER = {"meetings": [{
    "evidence": "Ana Ruiz met Tomas Berg in Valparaiso on Tuesday", "status": "held",
    "modality": "in_person", "date": None, "city": "Valparaiso", "country": "CL",
    "participants": [
        {"name": "Ana Ruiz", "title": None, "organization": None, "country": "CL",
         "role": "host"},
        {"name": "Tomas Berg", "title": None, "organization": None, "country": "NO",
         "role": "guest"}],
    "topics": ["fisheries"]}]}


@pytest.fixture
def real_app(fake: FakeOpenAI) -> Iterator[Callable[..., FastAPI]]:
    """``real_app(**service_settings)``: the app over a real ExtractorPool on ``fake``."""

    def make(**service: Any) -> FastAPI:
        settings = Settings(base_url=fake.url + "/v1", model="fake", mode="json_schema",
                            timeout=2.0, transport_retries=0, max_reasks=0, max_tokens=512,
                            api_key="sk-operator-key-0123456789")
        ss = ServiceSettings(**service)
        return create_app(ExtractorPool(settings, allowed_models=ss.allowed_models), ss)

    yield make


@pytest.mark.parametrize(("options", "words"), [
    ({"model": "gpt-4-32k"}, "options.model 'gpt-4-32k' is not allowed"),
    ({"max_tokens": 100_000_000}, "above this service's limit of 512"),
])
def test_options_cannot_lift_the_operators_limits(
    serve: Serve, fake: FakeOpenAI, real_app: Callable[..., FastAPI],
    options: dict[str, Any], words: str,
) -> None:
    server = serve(real_app())
    with server.client() as client:
        response = client.post("/v1/extract", json={"text": ARTICLE, "options": options})
    assert response.status_code == 400, response.text
    assert response.json()["error"]["kind"] == "option_not_allowed"
    assert words in response.json()["error"]["message"]
    assert fake.chat_requests == []  # nothing was sent to the endpoint


def test_options_may_narrow_and_allowed_models_are_honoured(
    serve: Serve, fake: FakeOpenAI, real_app: Callable[..., FastAPI],
) -> None:
    server = serve(real_app(allowed_models=("small",)))
    fake.script(f.ok(ANSWER), f.ok(ANSWER))
    with server.client() as client:
        narrowed = client.post("/v1/extract", json={"text": ARTICLE,
                                                    "options": {"max_tokens": 100}})
        other = client.post("/v1/extract", json={"text": ARTICLE,
                                                 "options": {"model": "small"}})
    assert narrowed.status_code == 200 and other.status_code == 200, other.text
    bodies = [r.body for r in fake.chat_requests]
    assert (bodies[0]["max_tokens"], bodies[0]["model"]) == (100, "fake")
    assert (bodies[1]["max_tokens"], bodies[1]["model"]) == (512, "small")


def test_prompt_version_must_be_a_shipped_one(serve: Serve, fake: FakeOpenAI,
                                              real_app: Callable[..., FastAPI]) -> None:
    server = serve(real_app())
    with server.client() as client:
        response = client.post("/v1/extract", json={"text": ARTICLE, "prompt_version": "v99"})
    assert response.status_code == 400
    assert "v1" in response.json()["error"]["message"]


def test_clients_never_see_the_endpoint_url_nor_upstream_error_bodies(
    serve: Serve, fake: FakeOpenAI, real_app: Callable[..., FastAPI],
) -> None:
    server = serve(real_app())
    marker = "upstream-account-4711-internal-note"
    fake.script(f.ok(ANSWER), f.status(401, f"invalid key for account {marker}"),
                f.echo_auth(403))
    host_port = fake.url.removeprefix("http://")
    with server.client() as client:
        ok = client.post("/v1/extract", json={"text": ARTICLE})
        refused = client.post("/v1/extract", json={"text": ARTICLE})
        echoed = client.post("/v1/extract", json={"text": ARTICLE})
    assert ok.status_code == 200
    assert ok.json()["provenance"]["endpoint"] == "internal"
    assert refused.status_code == 502 and echoed.status_code == 502
    for response in (ok, refused, echoed):
        assert host_port not in response.text
        assert marker not in response.text
        assert "operator-key" not in response.text and "Bearer" not in response.text
    assert refused.json()["error"]["kind"] == "request_error"


def test_cut_output_message_speaks_to_http_clients(
    serve: Serve, fake: FakeOpenAI, real_app: Callable[..., FastAPI],
) -> None:
    server = serve(real_app())
    fake.script(f.cut(ANSWER, 40))
    with server.client() as client:
        response = client.post("/v1/extract", json={"text": ARTICLE})
    assert response.status_code == 502
    message = response.json()["error"]["message"]
    assert "--max-tokens" not in message and "token limit" in message


def test_auth_is_checked_before_the_body_is_parsed(serve: Serve) -> None:
    server = serve(create_app(Factory(FakeExtractor()), ServiceSettings(auth_token="t0ken")))
    with server.client() as client:
        malformed = client.post("/v1/extract", content=b"{not json",
                                headers={"Content-Type": "application/json"})
        wrong_schema = client.post("/v1/extract", json={"unknown": 1})
        wrong_token = client.post("/v1/extract", json={"unknown": 1},
                                  headers={"Authorization": "Bearer nope"})
        authed = client.post("/v1/extract", json={"unknown": 1},
                             headers={"Authorization": "Bearer t0ken"})
    for response in (malformed, wrong_schema, wrong_token):
        assert response.status_code == 401, response.text
        assert "unknown" not in response.text and "text" not in response.json()["error"]["message"]
    assert authed.status_code == 422


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded",
                                          None])
def test_a_body_that_is_not_json_is_a_415(serve: Serve, content_type: str | None) -> None:
    server = serve(create_app(Factory(FakeExtractor()), ServiceSettings()))
    headers = {"Content-Type": content_type} if content_type else {}
    with server.client() as client:
        response = client.post("/v1/extract", content=b'{"text": "x"}', headers=headers)
        charset = client.post("/v1/extract", content=f'{{"text": "{ARTICLE}"}}'.encode(),
                              headers={"Content-Type": "application/json; charset=utf-8"})
    assert response.status_code == 415
    assert response.json()["error"]["kind"] == "unsupported_media_type"
    assert charset.status_code == 200


def test_docs_are_served_without_any_cdn(serve: Serve) -> None:
    server = serve(create_app(Factory(FakeExtractor()), ServiceSettings(auth_token="t")))
    with server.client() as client:
        for page in ("/docs", "/redoc"):
            html = client.get(page)
            assert html.status_code == 200
            assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html.text)
            assert assets, page
            for asset in assets:
                assert asset.startswith("/"), f"{page} loads {asset} from elsewhere"
                assert client.get(asset).status_code == 200
            assert "cdn." not in html.text and "fonts.googleapis" not in html.text


def test_shutdown_grace_period_bounds_the_drain() -> None:
    stuck = FakeExtractor(block=True)
    ss = ServiceSettings(shutdown_grace=0.5, request_timeout=600)
    app = create_app(Factory(stuck), ss)
    listener = bind("127.0.0.1", 0)
    port = listener.getsockname()[1]
    server = uvicorn.Server(uvicorn_config(app, ss))
    server.config.log_level = "warning"
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    wait_until(lambda: server.started, "the server never started")

    def request() -> None:
        # the connection is closed under it: what a stopping server does
        with httpx.Client(timeout=WAIT, trust_env=False) as client, contextlib.suppress(
                httpx.HTTPError):
            client.post(f"http://127.0.0.1:{port}/v1/extract", json={"text": ARTICLE})

    client_thread = threading.Thread(target=request, daemon=True)
    client_thread.start()
    assert stuck.started.wait(WAIT)
    started = time.monotonic()
    server.should_exit = True  # what SIGTERM does
    thread.join(WAIT)
    elapsed = time.monotonic() - started
    stuck.release.set()
    listener.close()
    assert not thread.is_alive()
    assert elapsed < 5.0, f"stopping took {elapsed:.1f} s with a 0.5 s grace period"
    assert app.state.abandoned == 1


def test_port_in_use_is_one_line_and_exit_code_2(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        code = main(["serve", "--port", str(port), "--base-url", "http://127.0.0.1:9/v1",
                     "--model", "m"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip().splitlines() == [
        f"llm-extract: configuration: cannot listen on 127.0.0.1:{port}: address already in use"]
