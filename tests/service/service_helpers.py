"""Helpers for the service tests: the real app on a real uvicorn server, a fake extractor.

The server listens on a socket bound to 127.0.0.1:0 (a free port, no race) and runs in a
background thread; stopping sets ``should_exit`` exactly as SIGTERM does. The extractor is a
fake that can block on an event, so tests control when an extraction is "running" without
timing guesses. No model runs and nothing leaves the loopback interface.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import socket
import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from llm_extract.errors import LLMExtractError
from llm_extract.schema import ExtractionResult, Meeting, Participant, Provenance, Usage
from llm_extract.settings import Settings

WAIT = 30.0  # upper bound of any wait for the server's state to change; never an assertion

LOOPBACK = pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1"])


def fake_result(text: str | bytes) -> ExtractionResult:
    data = text.encode() if isinstance(text, str) else text
    return ExtractionResult(
        meetings=[Meeting(
            status="held", modality="in_person",
            participants=[Participant(name="Ana Ruiz", role="host"),
                          Participant(name="Tomas Berg", role="guest")],
            evidence="Ana Ruiz met Tomas Berg",
        )],
        provenance=Provenance(
            prompt_version="v1", model="fake-model", endpoint="http://127.0.0.1:9/v1",
            endpoint_kind="fake", mode="json_schema", attempts=1,
            usage=Usage(prompt_tokens=11, completion_tokens=7), latency_s=0.0,
            input_sha256=hashlib.sha256(data).hexdigest(),
            created_at=dt.datetime.now(dt.UTC).isoformat(), library_version="test",
        ),
    )


class FakeExtractor:
    """Records calls; blocks until ``release`` is set when built with ``block=True``."""

    def __init__(self, *, block: bool = False, raises: BaseException | None = None,
                 settings: Settings | None = None) -> None:
        self.settings = settings or Settings(base_url="http://127.0.0.1:9/v1", model="fake-model")
        self.raises = raises
        self.calls: list[dict[str, Any]] = []
        self.formats: list[str] = []  # the format of each call ("auto" when none was passed)
        self.started = threading.Event()
        self.finished = threading.Event()
        self.release = threading.Event()
        if not block:
            self.release.set()

    def extract(self, text: str | bytes, *, published: Any = None, language: str | None = None,
                prompt_version: str | None = None, format: str = "auto") -> ExtractionResult:
        self.calls.append({"text": text, "published": published, "language": language,
                           "prompt_version": prompt_version})
        self.formats.append(format)
        self.started.set()
        released = self.release.wait(WAIT)
        try:
            if not released:
                raise RuntimeError("the test never released the fake extractor")
            if self.raises is not None:
                raise self.raises
            return fake_result(text)
        finally:
            self.finished.set()


class Factory:
    """An extractor factory handing out one fake and recording the overrides asked for."""

    def __init__(self, fake: FakeExtractor) -> None:
        self.fake = fake
        self.overrides: list[dict[str, Any]] = []

    def __call__(self, overrides: Mapping[str, Any]) -> FakeExtractor:
        self.overrides.append(dict(overrides))
        return self.fake


class RunningServer:
    """A uvicorn server in a thread, on a pre-bound loopback socket."""

    def __init__(self, app: FastAPI) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, lifespan="on", log_level="warning"))
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )
        self.thread.start()
        wait_until(lambda: self.server.started, "the server never started")

    def client(self, **kwargs: Any) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=WAIT, trust_env=False, **kwargs)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(WAIT)


def wait_until(condition: Callable[[], bool], message: str) -> None:
    """Poll a condition, failing the test (not hanging it) if it never holds."""
    deadline = time.monotonic() + WAIT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(message)
        time.sleep(0.01)


def background(fn: Callable[[], httpx.Response]) -> tuple[threading.Thread, list[httpx.Response]]:
    """Run a request on a thread; its response lands in the returned list."""
    out: list[httpx.Response] = []
    thread = threading.Thread(target=lambda: out.append(fn()), daemon=True)
    thread.start()
    return thread, out


def error_of(response: httpx.Response) -> dict[str, Any]:
    body = response.json()
    assert set(body) == {"error"}, body
    assert set(body["error"]) == {"kind", "type", "message"}, body
    return body["error"]  # type: ignore[no-any-return]


__all__ = [
    "LOOPBACK", "WAIT", "Factory", "FakeExtractor", "LLMExtractError", "RunningServer",
    "background", "error_of", "fake_result", "wait_until",
]
