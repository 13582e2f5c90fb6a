"""Stop an answer that has begun to repeat itself, while the server is still writing it.

Why: at temperature 0 a small model sometimes falls into a loop: it writes again, word for word,
a record it has already written, or one participant a dozen times. Greedy decoding that has
entered a cycle stays in it until ``maxItems`` or ``max_tokens`` ends it. On the dev set that was
7% of the answers and 10% of all generated tokens, and one loop cost up to 90 s on two cores.
What the loop writes after the first repeat is a duplicate that dedupe would drop anyway.

A looser loop writes one record per sentence of the same visit: the same people in the same
roles, the same status, medium, day and place, with only the quoted sentence and the topics
changing (one answer on the dev set wrote eight). The watch stops that one at the third such
record (:data:`NEAR_LIMIT`). Two are left alone: an article may well report two calls between
the same two people on unstated days (2 of the 34 dev articles' gold records do), but none
reports three, and what a loop writes after its third record is rarely a new contact.

How: for a llama.cpp grammar request (a body with a ``grammar``; the grammar modes write compact
JSON, keys in schema order), :class:`RepeatStopTransport` asks the server to stream. It reads the
answer as it arrives. When an object repeats, character for character, an earlier element of
the same array (a record of ``meetings``, a participant of one record), it closes the
connection. llama-server stops generating for a closed connection. The caller then gets an
ordinary chat completion: the answer up to the repeat, with its brackets closed,
``finish_reason: "stop"``, and an ``llm_extract_stop`` field that says what was cut. Everything
above it sees a normal completion: openai, instructor, validation, re-asks.

Any other request passes through untouched (the judge's one-token questions, which need their
``logprobs``, included), and so does any answer that is not an event stream (a server that
ignores ``stream``, an error status).
"""

from __future__ import annotations

import codecs
import json
from dataclasses import dataclass, field
from typing import Any

import httpx2

__all__ = [
    "NEAR_KEYS",
    "NEAR_LIMIT",
    "STOP_FIELD",
    "AsyncRepeatStopTransport",
    "RepeatStopTransport",
    "RepeatWatch",
]

# The extra top-level field of a completion that was stopped at a repeat.
STOP_FIELD = "llm_extract_stop"

_CLOSERS = {"{": "}", "[": "]"}

NEAR_KEYS = ("evidence", "topics")
"""The keys in which records of one contact told over several sentences differ."""

NEAR_LIMIT = 2
"""How many records may agree on everything but :data:`NEAR_KEYS` before the next is a loop."""


@dataclass
class RepeatWatch:
    """Reads a compact JSON answer piece by piece and finds the first repeated array element.

    Only objects count: an object, closed, that equals an earlier element of the same array,
    or a record (an object of the answer's top-level array) that agrees with
    :data:`NEAR_LIMIT` earlier records on everything but :data:`NEAR_KEYS`. Strings are read
    correctly, including escaped quotes and brackets inside them.
    """

    text: str = ""
    cut: str | None = None  # the answer up to the repeat, closed; None while none is found
    repeated_at: int = -1  # where the repeated element starts in ``text``
    near: bool = False  # whether the stop was a near repeat (a record of the same contact)
    _pos: int = 0
    _in_string: bool = False
    _escape: bool = False
    _stack: list[tuple[str, int]] = field(default_factory=list)  # (opener, where)
    _seen: dict[int, set[str]] = field(default_factory=dict)  # array start -> its elements
    _contacts: dict[str, int] = field(default_factory=dict)  # a record minus NEAR_KEYS -> count

    def feed(self, piece: str) -> bool:
        """Add ``piece``; True once a repeat has been found (``cut`` is then set)."""
        if self.cut is not None:
            return True
        self.text += piece
        text = self.text
        for i in range(self._pos, len(text)):
            ch = text[i]
            if self._in_string:
                if self._escape:
                    self._escape = False
                elif ch == "\\":
                    self._escape = True
                elif ch == '"':
                    self._in_string = False
            elif ch == '"':
                self._in_string = True
            elif ch in _CLOSERS:
                self._stack.append((ch, i))
            elif ch in "}]" and self._stack:
                opener, start = self._stack.pop()
                if opener == "{" and self._stack and self._stack[-1][0] == "[":
                    elements = self._seen.setdefault(self._stack[-1][1], set())
                    element = text[start:i + 1]
                    if element in elements:
                        self._stop(start)
                        return True
                    elements.add(element)
                    # a record: the root object and the records' array are all that is open
                    if len(self._stack) == 2 and self._stack[0][0] == "{" and self._again(element):
                        self.near = True
                        self._stop(start)
                        return True
        self._pos = len(text)
        return False

    def _again(self, record: str) -> bool:
        """Whether ``record`` is one more record of a contact already written
        :data:`NEAR_LIMIT` times (counting it, when it is not)."""
        fields = _json_object(record)
        if fields is None:
            return False
        contact = json.dumps({k: v for k, v in fields.items() if k not in NEAR_KEYS},
                             sort_keys=True, ensure_ascii=False)
        seen = self._contacts.get(contact, 0)
        if seen >= NEAR_LIMIT:
            return True
        self._contacts[contact] = seen + 1
        return False

    def _stop(self, start: int) -> None:
        kept = self.text[:start].rstrip(" \t\r\n,")
        self.repeated_at = start
        self.cut = kept + "".join(_CLOSERS[opener] for opener, _ in reversed(self._stack))


def _json_object(text: str) -> dict[str, Any] | None:
    """``text`` parsed, when it is a JSON object."""
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _watched(request: httpx2.Request) -> dict[str, Any] | None:
    """The JSON body of a llama.cpp grammar chat request that does not stream, else None."""
    if request.method != "POST" or not request.url.path.endswith("/chat/completions"):
        return None
    try:
        body = json.loads(request.content)
    except (ValueError, UnicodeDecodeError):
        return None
    if not isinstance(body, dict) or "grammar" not in body or body.get("stream"):
        return None
    if body.get("logprobs"):  # the judge's one-token questions: their logprobs are the answer
        return None
    return body


def _streaming(request: httpx2.Request, body: dict[str, Any]) -> httpx2.Request:
    body = {**body, "stream": True, "stream_options": {"include_usage": True},
            # llama.cpp: each chunk carries the prompt and generated token counts so far, so a
            # stopped answer still reports its tokens.
            "timings_per_token": True}
    headers = {k: v for k, v in request.headers.items() if k.lower() != "content-length"}
    return httpx2.Request(request.method, request.url, headers=headers, json=body,
                         extensions=request.extensions)


@dataclass
class _Answer:
    """What the event stream said so far, and the completion it makes."""

    watch: RepeatWatch = field(default_factory=RepeatWatch)
    head: dict[str, Any] = field(default_factory=dict)
    finish_reason: str | None = None
    usage: dict[str, Any] | None = None
    timings: dict[str, Any] | None = None
    error: Any = None
    done: bool = False
    _buffer: str = ""
    # A character may be split between two network reads.
    _decoder: codecs.IncrementalDecoder = field(
        default_factory=lambda: codecs.getincrementaldecoder("utf-8")(errors="replace"))

    def feed(self, data: bytes) -> bool:
        """Read the stream's bytes; True when the answer is complete, failed or stopped."""
        self._buffer += self._decoder.decode(data)
        *lines, self._buffer = self._buffer.split("\n")
        return any(self._line(line.strip()) for line in lines)  # stops at the first True

    def _line(self, line: str) -> bool:
        if not line.startswith(("data:", "error:")):
            return False
        payload = line.partition(":")[2].strip()
        if payload == "[DONE]":
            self.done = True
            return True
        chunk = _json_object(payload)
        if chunk is None:
            return False
        if "error" in chunk or line.startswith("error:"):
            self.error = chunk.get("error", chunk)
            return True
        for key in ("id", "created", "model", "system_fingerprint"):
            self.head.setdefault(key, chunk.get(key))
        if isinstance(chunk.get("usage"), dict):
            self.usage = chunk["usage"]
        if isinstance(chunk.get("timings"), dict):
            self.timings = chunk["timings"]
        for choice in chunk.get("choices") or []:
            delta = choice.get("delta") or {}
            if choice.get("finish_reason"):
                self.finish_reason = choice["finish_reason"]
            if isinstance(delta.get("content"), str) and self.watch.feed(delta["content"]):
                return True
        return False

    def response(self, request: httpx2.Request, headers: httpx2.Headers) -> httpx2.Response:
        """The stream as one chat completion (or the error it ended with)."""
        out_headers = {k: v for k, v in headers.items()
                       if k.lower() not in ("content-type", "content-length",
                                            "transfer-encoding", "content-encoding")}
        if self.error is not None:
            code = self.error.get("code") if isinstance(self.error, dict) else None
            status = code if isinstance(code, int) and 400 <= code < 600 else 500
            return httpx2.Response(status, json={"error": self.error}, headers=out_headers,
                                  request=request)
        if not self.done and self.finish_reason is None and self.watch.cut is None:
            raise httpx2.RemoteProtocolError("the event stream ended before the answer did",
                                            request=request)
        stopped = self.watch.cut is not None
        content = self.watch.cut if stopped else self.watch.text
        body: dict[str, Any] = {
            **self.head, "object": "chat.completion",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                         "finish_reason": "stop" if stopped else self.finish_reason or "stop"}],
            "usage": self.usage or self._usage(),
        }
        if self.timings is not None:
            body["timings"] = self.timings
        if stopped:
            what = (f"a record of a contact it had already written {NEAR_LIMIT} times (only "
                    "the quoted sentence or the topics differed)" if self.watch.near
                    else "again an object it had already written")
            body[STOP_FIELD] = {
                "reason": "near_repeat" if self.watch.near else "repeat",
                "detail": f"the model began to write {what}; stopped after "
                          f"{len(self.watch.text)} characters, the answer kept up to character "
                          f"{self.watch.repeated_at}",
            }
        return httpx2.Response(200, json=body, headers=out_headers, request=request)

    def _usage(self) -> dict[str, int]:
        t = self.timings or {}
        prompt = int(t.get("prompt_n", 0) or 0) + int(t.get("cache_n", 0) or 0)
        generated = int(t.get("predicted_n", 0) or 0)
        return {"prompt_tokens": prompt, "completion_tokens": generated,
                "total_tokens": prompt + generated}


def _is_event_stream(response: httpx2.Response) -> bool:
    return response.status_code == 200 and response.headers.get(
        "content-type", "").startswith("text/event-stream")


class RepeatStopTransport(httpx2.BaseTransport):
    """Wraps a transport: grammar chat requests stream and stop at the first repeat."""

    def __init__(self, inner: httpx2.BaseTransport | None = None) -> None:
        self.inner = inner or httpx2.HTTPTransport()

    def handle_request(self, request: httpx2.Request) -> httpx2.Response:
        body = _watched(request)
        if body is None:
            return self.inner.handle_request(request)
        response = self.inner.handle_request(_streaming(request, body))
        if not _is_event_stream(response):
            return response
        answer = _Answer()
        try:
            for data in response.iter_bytes():  # decoded, should a server compress it
                if answer.feed(data):
                    break
        finally:
            response.close()  # before the end: the server sees the connection go and stops
        return answer.response(request, response.headers)

    def close(self) -> None:
        self.inner.close()


class AsyncRepeatStopTransport(httpx2.AsyncBaseTransport):
    """:class:`RepeatStopTransport` for the async clients."""

    def __init__(self, inner: httpx2.AsyncBaseTransport | None = None) -> None:
        self.inner = inner or httpx2.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        body = _watched(request)
        if body is None:
            return await self.inner.handle_async_request(request)
        response = await self.inner.handle_async_request(_streaming(request, body))
        if not _is_event_stream(response):
            return response
        answer = _Answer()
        try:
            async for data in response.aiter_bytes():
                if answer.feed(data):
                    break
        finally:
            await response.aclose()
        return answer.response(request, response.headers)

    async def aclose(self) -> None:
        await self.inner.aclose()

