"""Every limit of the service, on a real server: body and text size, queue, timeout, shutdown.

A blocking fake extractor makes "an extraction is running" a state the test controls; the
server's counters (via /healthz) say when a request is queued. Nothing asserts on durations.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator

import httpx
from fastapi import FastAPI

from llm_extract.service import ServiceSettings, create_app

from .service_helpers import (
    LOOPBACK,
    Factory,
    FakeExtractor,
    RunningServer,
    background,
    error_of,
    wait_until,
)

pytestmark = LOOPBACK

Serve = Callable[[FastAPI], RunningServer]
ARTICLE = "The mayors of Ghent and Tartu met in Ghent on Friday to sign a twinning pact."


def _counters(client: httpx.Client) -> tuple[int, int]:
    health = client.get("/healthz").json()
    return health["in_flight"], health["waiting"]


def test_body_over_the_limit_is_413_by_content_length(serve: Serve) -> None:
    fake = FakeExtractor()
    server = serve(create_app(Factory(fake), ServiceSettings(max_body_bytes=200)))
    with server.client() as client:
        response = client.post("/v1/extract", json={"text": "x" * 500})
        small = client.post("/v1/extract", json={"text": ARTICLE})
    assert response.status_code == 413
    assert error_of(response)["kind"] == "body_too_large"
    assert small.status_code == 200
    assert len(fake.calls) == 1


def test_chunked_body_over_the_limit_is_413_while_streaming(serve: Serve) -> None:
    fake = FakeExtractor()
    server = serve(create_app(Factory(fake), ServiceSettings(max_body_bytes=200)))

    def chunks() -> Iterator[bytes]:  # no Content-Length: the server must count
        yield b'{"text": "'
        for _ in range(10):
            yield b"y" * 50
        yield b'"}'

    with server.client() as client:
        response = client.post("/v1/extract", content=chunks(),
                               headers={"Content-Type": "application/json"})
    assert "content-length" not in {k.lower() for k in response.request.headers}
    assert response.status_code == 413
    assert error_of(response)["kind"] == "body_too_large"
    assert fake.calls == []


def test_text_over_the_limit_is_413_before_any_extraction(serve: Serve) -> None:
    fake = FakeExtractor()
    server = serve(create_app(Factory(fake), ServiceSettings(max_text_chars=40)))
    with server.client() as client:
        response = client.post("/v1/extract", json={"text": ARTICLE})
    assert response.status_code == 413
    error = error_of(response)
    assert (error["kind"], error["type"]) == ("text_too_long", "TextTooLongError")
    assert fake.calls == []


def test_full_slots_and_queue_answer_429_with_retry_after(serve: Serve) -> None:
    fake = FakeExtractor(block=True)
    settings = ServiceSettings(max_in_flight=1, max_queue=1, retry_after=11)
    server = serve(create_app(Factory(fake), settings))
    with server.client() as client:
        post: Callable[[], httpx.Response] = lambda: client.post(  # noqa: E731
            "/v1/extract", json={"text": ARTICLE})
        try:
            running, running_out = background(post)
            assert fake.started.wait(30)
            queued, queued_out = background(post)
            wait_until(lambda: _counters(client) == (1, 1), "second request never queued")
            refused = post()
        finally:
            fake.release.set()
        running.join(30)
        queued.join(30)
        assert refused.status_code == 429
        assert refused.headers["Retry-After"] == "11"
        assert error_of(refused)["kind"] == "busy"
        assert [r.status_code for r in running_out + queued_out] == [200, 200]
        assert len(fake.calls) == 2
        assert _counters(client) == (0, 0)


def test_timeout_is_504_and_the_slot_stays_taken_until_the_work_ends(serve: Serve) -> None:
    fake = FakeExtractor(block=True)
    settings = ServiceSettings(max_in_flight=1, max_queue=0, request_timeout=0.3)
    server = serve(create_app(Factory(fake), settings))
    with server.client() as client:
        try:
            timed_out = client.post("/v1/extract", json={"text": ARTICLE})
            # the orphaned extraction still runs: it holds the only slot, so no second one
            # may start beside it
            assert _counters(client) == (1, 0)
            refused = client.post("/v1/extract", json={"text": ARTICLE})
        finally:
            fake.release.set()
        wait_until(lambda: _counters(client) == (0, 0), "the slot was never released")
        after = client.post("/v1/extract", json={"text": ARTICLE})
    assert timed_out.status_code == 504
    assert error_of(timed_out)["kind"] == "request_timeout"
    assert refused.status_code == 429
    assert after.status_code == 200
    assert len(fake.calls) == 2


def test_queue_wait_counts_towards_the_timeout(serve: Serve) -> None:
    fake = FakeExtractor(block=True)
    settings = ServiceSettings(max_in_flight=1, max_queue=1, request_timeout=0.3)
    server = serve(create_app(Factory(fake), settings))
    with server.client() as client:
        try:
            first, _ = background(lambda: client.post("/v1/extract", json={"text": ARTICLE}))
            assert fake.started.wait(30)
            waited = client.post("/v1/extract", json={"text": ARTICLE})
            assert _counters(client) == (1, 0)  # it left the queue
        finally:
            fake.release.set()
        first.join(30)
    assert waited.status_code == 504
    assert "slot" in error_of(waited)["message"]
    assert len(fake.calls) == 1


def test_shutdown_finishes_the_request_in_flight(serve: Serve) -> None:
    fake = FakeExtractor(block=True)
    server = serve(create_app(Factory(fake), ServiceSettings()))
    with server.client() as client:
        try:
            request, out = background(lambda: client.post("/v1/extract", json={"text": ARTICLE}))
            assert fake.started.wait(30)
            server.server.should_exit = True  # what uvicorn's SIGTERM handler does
            wait_until(lambda: not server.server.servers or all(
                not s.is_serving() for s in server.server.servers), "never stopped accepting")
        finally:
            fake.release.set()
        request.join(30)
    server.thread.join(30)
    assert [r.status_code for r in out] == [200]
    assert out[0].json()["meetings"][0]["participants"][0]["name"] == "Ana Ruiz"
    assert not server.thread.is_alive()


def test_shutdown_waits_for_an_extraction_whose_client_timed_out(serve: Serve) -> None:
    fake = FakeExtractor(block=True)
    settings = ServiceSettings(request_timeout=0.2)
    server = serve(create_app(Factory(fake), settings))
    with server.client() as client:
        assert client.post("/v1/extract", json={"text": ARTICLE}).status_code == 504
    assert not fake.finished.is_set()
    server.server.should_exit = True
    # Release only once shutdown is under way: a server that did not drain its pool would be
    # gone before the extraction finished.
    def release_later() -> None:
        time.sleep(0.5)
        fake.release.set()

    threading.Thread(target=release_later, daemon=True).start()
    server.thread.join(30)
    assert not server.thread.is_alive()
    assert fake.finished.is_set()
