"""A misbehaving OpenAI-compatible HTTP server, for robustness tests.

Real sockets on 127.0.0.1 (a free port), a stdlib ``ThreadingHTTPServer`` in a background
thread. It serves what :class:`llm_extract.Extractor` talks to:

* ``POST /v1/chat/completions`` answers with the next scripted :class:`Behaviour`, one per
  request: a good completion, or one of the faults real endpoints and proxies produce (hangs,
  resets, 429/5xx, bodies that are not JSON, HTML pages, empty ``choices``, output cut by
  ``max_tokens``, ``<think>`` preambles, the JSON schema echoed back, endless whitespace...);
* ``GET /v1/models`` lists one model (so endpoint probing works), every other path is a 404
  (``/props`` and ``/api/version`` included, so the probe ends in ``unknown``).

Every request is recorded (method, path, headers, parsed body) for assertions. When the script
runs out, the server answers 500 and counts an ``unscripted`` request instead of blocking, so a
client that asks more often than a test expects fails loudly and quickly.

Why a socket server and not a mocked transport: the faults worth testing (a read timeout, a
reset connection, a wrong Content-Type) happen below the openai client, and only a real socket
exercises the code paths a user's process runs. Nothing here leaves the loopback interface,
and every wait is bounded by the behaviour's own limit or by the server stopping.
"""

from __future__ import annotations

import json
import socket
import struct
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

__all__ = [
    "ALLOWED_HOSTS",
    "LOOPBACK",
    "Behaviour",
    "FakeOpenAI",
    "RecordedRequest",
    "article_of",
    "body",
    "completion",
    "cut",
    "delayed",
    "disconnect",
    "drip",
    "echo_auth",
    "empty_choices",
    "fenced",
    "hang",
    "html",
    "invalid_json",
    "ok",
    "rate_limited",
    "repetition",
    "reset",
    "running_fake",
    "schema_echo",
    "status",
    "think",
    "whitespace",
]

LOOPBACK = "127.0.0.1"
# For pytest-recording's ``--block-network``: it blocks *every* connect(), loopback included,
# unless the host matches one of these regexes (``@pytest.mark.block_network(allowed_hosts=...)``).
ALLOWED_HOSTS = [r"127\.0\.0\.1\Z"]


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the server saw it; header names are lower-case."""

    method: str
    path: str
    headers: dict[str, str]
    body: Any  # parsed JSON; the raw text when it is not JSON; None when empty


Responder = Callable[["_Handler", RecordedRequest], None]


@dataclass(frozen=True)
class Behaviour:
    """One scripted answer to one chat-completion request."""

    name: str
    respond: Responder

    def __repr__(self) -> str:
        return f"Behaviour({self.name})"


# -- response bodies --------------------------------------------------------------------------


def completion(
    content: str | None,
    *,
    model: str = "fake",
    finish_reason: str = "stop",
    usage: tuple[int, int] = (100, 20),
) -> dict[str, Any]:
    """A chat.completion body with one choice carrying ``content``."""
    prompt, generated = usage
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": finish_reason,
            }
        ],
        "usage": {
            "prompt_tokens": prompt,
            "completion_tokens": generated,
            "total_tokens": prompt + generated,
        },
    }


def _as_text(content: Any) -> str:
    return content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)


# -- behaviours: each returns what one request gets ---------------------------------------------


def ok(
    content: Any, *, finish_reason: str = "stop", usage: tuple[int, int] = (100, 20),
    content_type: str = "application/json",
) -> Behaviour:
    """200 with a completion whose message is ``content`` (a str, or JSON-encoded data)."""
    text = _as_text(content)

    def respond(handler: _Handler, request: RecordedRequest) -> None:
        body = completion(text, model=_model(request), finish_reason=finish_reason, usage=usage)
        handler.send_json(200, body, content_type=content_type)

    return Behaviour(f"ok[{finish_reason}]", respond)


def think(content: Any, reasoning: str = "The user wants JSON. Let me think {step by step}.") -> (
    Behaviour
):
    """A reasoning model's answer: a ``<think>`` block (with braces inside) before the JSON."""
    return ok(f"<think>\n{reasoning}\n</think>\n\n{_as_text(content)}")


def fenced(content: Any) -> Behaviour:
    """The JSON wrapped in a markdown code fence, as chat-tuned models like to write it."""
    return ok(f"Here is the JSON:\n```json\n{_as_text(content)}\n```")


def schema_echo() -> Behaviour:
    """The JSON schema of the request's response_format returned instead of an instance."""

    def respond(handler: _Handler, request: RecordedRequest) -> None:
        body = request.body if isinstance(request.body, dict) else {}
        fmt = body.get("response_format") or {}
        schema = (fmt.get("json_schema") or {}).get("schema") or fmt.get("schema") or {}
        handler.send_json(200, completion(json.dumps(schema), model=_model(request)))

    return Behaviour("schema_echo", respond)


def cut(content: Any, at: int) -> Behaviour:
    """Output cut by max_tokens: the first ``at`` characters and ``finish_reason="length"``."""
    return ok(_as_text(content)[:at], finish_reason="length", usage=(100, 1536))


def whitespace(n: int = 20_000, *, finish_reason: str = "length") -> Behaviour:
    """The json_object failure mode of small models: an open brace, then only whitespace."""
    return ok("{" + "\n " * (n // 2), finish_reason=finish_reason, usage=(100, 1536))


def repetition(n: int = 2_000, *, finish_reason: str = "length") -> Behaviour:
    """A generation caught in a loop inside a string, until the token cap (or a lying stop)."""
    return ok('{"meetings":[{"evidence":"' + "the talks, " * n, finish_reason=finish_reason,
              usage=(100, 1536))


def empty_choices() -> Behaviour:
    """200 with a well-formed completion whose ``choices`` list is empty."""

    def respond(handler: _Handler, request: RecordedRequest) -> None:
        body = completion(None, model=_model(request))
        body["choices"] = []
        handler.send_json(200, body)

    return Behaviour("empty_choices", respond)


def html(status_code: int = 200) -> Behaviour:
    """An HTML page (a captive portal, a proxy's error page) instead of a completion."""

    def respond(handler: _Handler, _: RecordedRequest) -> None:
        page = b"<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>"
        handler.send_bytes(status_code, page, content_type="text/html; charset=utf-8")

    return Behaviour(f"html[{status_code}]", respond)


def body(payload: Any, *, code: int = 200) -> Behaviour:
    """Any JSON body (for example one that is not a chat completion at all)."""

    def respond(handler: _Handler, _: RecordedRequest) -> None:
        handler.send_json(code, payload)

    return Behaviour(f"body[{code}]", respond)


def invalid_json() -> Behaviour:
    """200 declared as application/json whose body is not JSON."""

    def respond(handler: _Handler, _: RecordedRequest) -> None:
        handler.send_bytes(200, b'{"id": "chatcmpl-fake", "choices": [')

    return Behaviour("invalid_json", respond)


def status(
    code: int, message: str | None = None, *, headers: dict[str, str] | None = None
) -> Behaviour:
    """An HTTP error with an OpenAI-style error body."""

    def respond(handler: _Handler, _: RecordedRequest) -> None:
        text = message or f"fake server says {code}"
        body = {"error": {"message": text, "type": "server_error", "code": code}}
        handler.send_json(code, body, headers=headers)

    return Behaviour(f"status[{code}]", respond)


def rate_limited(retry_after: str | None = "2") -> Behaviour:
    """429, with a Retry-After header (seconds or an HTTP date) unless None."""
    headers = {"Retry-After": retry_after} if retry_after is not None else None
    return Behaviour(f"rate_limited[{retry_after}]",
                     status(429, "Too many requests", headers=headers).respond)


def echo_auth(code: int = 401) -> Behaviour:
    """An error page that quotes the request's Authorization header back (a careless proxy)."""

    def respond(handler: _Handler, request: RecordedRequest) -> None:
        auth = request.headers.get("authorization", "")
        body = {"error": {"message": f"invalid credentials: {auth}", "type": "auth", "code": code}}
        handler.send_json(code, body)

    return Behaviour(f"echo_auth[{code}]", respond)


def hang(seconds: float = 5.0) -> Behaviour:
    """Accept the request and say nothing for ``seconds`` (or until the server stops)."""

    def respond(handler: _Handler, request: RecordedRequest) -> None:
        handler.server.fake.stopping.wait(seconds)
        handler.close_connection = True

    return Behaviour(f"hang[{seconds}]", respond)


def reset() -> Behaviour:
    """Read the request, then abort the connection with a TCP RST (SO_LINGER 0)."""

    def respond(handler: _Handler, _: RecordedRequest) -> None:
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        handler.close_connection = True
        handler.connection.close()

    return Behaviour("reset", respond)


def disconnect() -> Behaviour:
    """Read the request, then close the connection cleanly without a word."""

    def respond(handler: _Handler, _: RecordedRequest) -> None:
        handler.close_connection = True
        handler.connection.shutdown(socket.SHUT_RDWR)

    return Behaviour("disconnect", respond)


def drip(content: Any, *, interval: float = 0.1, padding: int = 30) -> Behaviour:
    """A valid completion whose body arrives one byte of leading whitespace per ``interval``.

    Each read gets data before a per-read timeout expires, so only a total deadline stops it.
    """
    text = _as_text(content)

    def respond(handler: _Handler, request: RecordedRequest) -> None:
        body = json.dumps(completion(text, model=_model(request))).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(padding + len(body)))
        handler.end_headers()
        for _ in range(padding):
            if handler.server.fake.stopping.wait(interval):
                handler.close_connection = True
                return
            handler.wfile.write(b" ")
            handler.wfile.flush()
        handler.wfile.write(body)

    return Behaviour(f"drip[{interval}x{padding}]", respond)


STREAM_PIECE = 16
"""How many characters each content event of :func:`stream` carries by default."""


def stream(
    content: Any, *, piece: int = STREAM_PIECE, interval: float = 0.0, end: bool = True,
    error: dict[str, Any] | None = None,
) -> Behaviour:
    """``content`` as llama-server streams it when asked to (``stream: true``): an event per
    ``piece`` characters, ``interval`` apart, each with llama.cpp's per-token ``timings``, then
    the finish reason and ``[DONE]`` (none of it when ``end`` is False: the connection just
    closes). ``error`` is sent as an event instead of the rest after the first piece. The
    number of content events written before the client went away is kept in
    ``fake.events_sent``. A request that does not ask to stream gets the plain completion."""
    text = _as_text(content)

    def event(handler: _Handler, payload: Any) -> None:
        raw = payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)
        data = f"data: {raw}\n\n".encode()
        handler.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        handler.wfile.flush()

    def respond(handler: _Handler, request: RecordedRequest) -> None:
        body = request.body if isinstance(request.body, dict) else {}
        if not body.get("stream"):
            handler.send_json(200, completion(text, model=_model(request)))
            return
        handler.send_response(200)
        handler.send_header("Content-Type", "text/event-stream")
        handler.send_header("Transfer-Encoding", "chunked")
        handler.end_headers()
        head = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": 0,
                "model": _model(request)}
        fake = handler.server.fake
        pieces = [text[i:i + piece] for i in range(0, len(text), piece)]
        try:
            for n, chunk in enumerate(pieces, 1):
                if interval and fake.stopping.wait(interval):
                    break
                event(handler, {**head, "choices": [
                    {"index": 0, "finish_reason": None, "delta": {"content": chunk}}],
                    "timings": {"cache_n": 90, "prompt_n": 10, "predicted_n": n}})
                fake.events_sent = n
                if error is not None:
                    event(handler, {"error": error})
                    break
            else:
                if end:
                    event(handler, {**head, "choices": [
                        {"index": 0, "finish_reason": "stop", "delta": {}}]})
                    event(handler, "[DONE]")
            handler.wfile.write(b"0\r\n\r\n")
            handler.wfile.flush()
        except OSError:  # the client closed the stream: what a repeat stop does
            handler.close_connection = True

    return Behaviour(f"stream[{piece}]", respond)


def delayed(seconds: float, then: Behaviour) -> Behaviour:
    """``then``, after a pause shorter than the client timeout (a slow but healthy server)."""

    def respond(handler: _Handler, request: RecordedRequest) -> None:
        if not handler.server.fake.stopping.wait(seconds):
            then.respond(handler, request)

    return Behaviour(f"delayed[{seconds}]+{then.name}", respond)


def article_of(request: RecordedRequest) -> str:
    """The article of a chat request: the text after "Article:" in the last user message
    that has one (a re-ask appends messages after it; few-shot examples come before)."""
    body = request.body if isinstance(request.body, dict) else {}
    for message in reversed(body.get("messages") or []):
        content = str(message.get("content") or "") if isinstance(message, dict) else ""
        if message.get("role") == "user" and "Article:\n" in content:
            return content.split("Article:\n", 1)[1]
    return ""


def _model(request: RecordedRequest) -> str:
    body = request.body if isinstance(request.body, dict) else {}
    return str(body.get("model") or "fake")


# -- the server -------------------------------------------------------------------------------


class _Server(ThreadingHTTPServer):
    daemon_threads = True  # a hung handler must not keep the test process alive
    allow_reuse_address = True

    def __init__(self, fake: FakeOpenAI) -> None:
        self.fake = fake
        super().__init__((LOOPBACK, 0), _Handler)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, like real servers: resets hit pooled sockets
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the recorded requests are the log."""

    def send_bytes(
        self, code: int, body: bytes, *, content_type: str = "application/json",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def send_json(
        self, code: int, payload: Any, *, content_type: str = "application/json",
        headers: dict[str, str] | None = None,
    ) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        self.send_bytes(code, body, content_type=content_type, headers=headers)

    def _record(self) -> RecordedRequest:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        body: Any = None
        if raw:
            text = raw.decode("utf-8", errors="replace")
            try:
                body = json.loads(text)
            except json.JSONDecodeError:
                body = text
        request = RecordedRequest(
            method=self.command,
            path=self.path,
            headers={k.lower(): v for k, v in self.headers.items()},
            body=body,
        )
        self.server.fake.record(request)
        return request

    def do_GET(self) -> None:
        self._record()
        if self.path.rstrip("/") == "/v1/models":
            owner = self.server.fake.owned_by
            self.send_json(200, {"object": "list", "data": [
                {"id": "fake", "object": "model", "created": 0, "owned_by": owner}]})
        else:
            self.send_json(404, {"error": {"message": f"no route {self.path}", "code": 404}})

    def do_POST(self) -> None:
        request = self._record()
        if self.path.rstrip("/") != "/v1/chat/completions":
            self.send_json(404, {"error": {"message": f"no route {self.path}", "code": 404}})
            return
        behaviour = self.server.fake.next_behaviour(request)
        try:
            behaviour.respond(self, request)
        except OSError:  # the client gave up first (timeout) or we reset on purpose
            self.close_connection = True


class FakeOpenAI:
    """A scripted, misbehaving OpenAI-compatible server on 127.0.0.1 (use as a context manager).

    >>> with FakeOpenAI() as fake:
    ...     fake.script(status(503), ok({"meetings": []}))
    ...     Settings(base_url=fake.url + "/v1", model="fake")
    """

    def __init__(
        self, *, owned_by: str = "fake-org",
        fallback: Callable[[RecordedRequest], Behaviour] | None = None,
    ) -> None:
        """``fallback`` chooses the answer once the script is empty (for example from the
        article in the request, for batch tests where concurrency makes order unknowable)."""
        self.owned_by = owned_by
        self.fallback = fallback
        self.stopping = threading.Event()
        self.requests: list[RecordedRequest] = []
        self.served: list[str] = []
        self.unscripted = 0
        self.events_sent = 0  # by a ``stream`` behaviour, before the client went away
        self._script: deque[Behaviour] = deque()
        self._lock = threading.Lock()
        self._httpd = _Server(self)
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05},
            name="fake-openai", daemon=True,
        )

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT`` (append ``/v1`` for a base URL)."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def script(self, *behaviours: Behaviour) -> FakeOpenAI:
        """Queue answers for the next chat-completion requests, in order."""
        with self._lock:
            self._script.extend(behaviours)
        return self

    def pending(self) -> int:
        """Scripted answers not used yet."""
        with self._lock:
            return len(self._script)

    def next_behaviour(self, request: RecordedRequest | None = None) -> Behaviour:
        """The scripted answer for this request (fallback, or a counted 500, when none)."""
        with self._lock:
            if self._script:
                behaviour = self._script.popleft()
            elif self.fallback is not None and request is not None:
                behaviour = self.fallback(request)
            else:
                self.unscripted += 1
                behaviour = status(500, "fake server: script exhausted")
            self.served.append(behaviour.name)
            return behaviour

    def record(self, request: RecordedRequest) -> None:
        with self._lock:
            self.requests.append(request)

    @property
    def chat_requests(self) -> list[RecordedRequest]:
        """The recorded POSTs to /v1/chat/completions."""
        with self._lock:
            return [r for r in self.requests
                    if r.method == "POST" and r.path.rstrip("/") == "/v1/chat/completions"]

    def start(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Release hung handlers, stop serving and close the socket (bounded)."""
        self.stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeOpenAI:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextmanager
def running_fake(
    *behaviours: Behaviour, owned_by: str = "fake-org",
    fallback: Callable[[RecordedRequest], Behaviour] | None = None,
) -> Iterator[FakeOpenAI]:
    """A started :class:`FakeOpenAI` with ``behaviours`` queued, stopped on exit."""
    with FakeOpenAI(owned_by=owned_by, fallback=fallback) as fake:
        fake.script(*behaviours)
        yield fake
