"""A caching proxy in front of an OpenAI-compatible endpoint, for measuring the pipeline.

Quality work compares many post-model variants over the same model answers. The pipeline
decides which calls it makes (windows, re-reads, re-asks), so answers cannot simply be saved
per article: this proxy sits between the extractor and the real server (over loopback HTTP,
as a user's gateway would) and answers a chat request it has seen before from disk, byte for
byte, keyed by the request body. A variant that makes the same calls costs no model time; one
that makes new calls pays only for those. At temperature 0 the cached answer is the answer
the server gives anyway (up to batched-decoding noise, which the cache removes: every variant
reads the very same answer).

    python benchmarks/answer_cache.py --upstream http://127.0.0.1:8090 --port 8091 \
        --dir runs/answer-cache
    llm-extract eval ../shared/eval/dev --base-url http://127.0.0.1:8091/v1 --model m \
        --mode grammar

Each request is kept beside its answer (``<key>.request.json``).
A request that asks to stream (``repeat_stop``) is cached as the same request without streaming
and answered as an event stream of the whole answer. Every other request (``/props``,
``/v1/models``) is passed through uncached. ``GET /stats`` reports hits and misses.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

_stats = {"hits": 0, "misses": 0}
_lock = threading.Lock()


_STREAM_KEYS = ("stream", "stream_options", "timings_per_token")


def _unstreamed(body: bytes) -> tuple[bytes, bool]:
    """A streaming request as the same request without streaming (its cache key), and whether
    it asked to stream. ``llm_extract.model.repeat_stop`` adds the streaming keys at the end of
    the body openai wrote; both are encoded as httpx2 encodes JSON, so dropping them gives the
    bytes, hence the key, of the request the pipeline sent before it streamed."""
    try:
        data = json.loads(body)
    except ValueError:
        return body, False
    if not isinstance(data, dict) or not data.get("stream"):
        return body, False
    for key in _STREAM_KEYS:
        data.pop(key, None)
    plain = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return plain.encode("utf-8"), True


def _as_events(completion: dict[str, object]) -> bytes:
    """A whole cached completion as an event stream: one chunk with all the content, one with
    the finish reason, usage and timings. The reader stops at the first repeat just as it
    would have while the server wrote the answer."""
    choice = completion["choices"][0]  # type: ignore[index]
    head = {k: completion.get(k) for k in ("id", "created", "model", "system_fingerprint")}
    first = {**head, "object": "chat.completion.chunk", "choices": [
        {"index": 0, "finish_reason": None,
         "delta": {"role": "assistant", "content": choice["message"]["content"]}}]}
    last = {**head, "object": "chat.completion.chunk", "usage": completion.get("usage"),
            "timings": completion.get("timings"),
            "choices": [{"index": 0, "finish_reason": choice["finish_reason"], "delta": {}}]}
    events = [json.dumps(first, ensure_ascii=False), json.dumps(last, ensure_ascii=False),
              "[DONE]"]
    return "".join(f"data: {e}\n\n" for e in events).encode("utf-8")


def _handler(upstream: str, store: Path) -> type[BaseHTTPRequestHandler]:
    client = httpx.Client(base_url=upstream, timeout=3600)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_: object) -> None:  # quiet
            return

        def _reply(self, status: int, body: bytes, ctype: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if self.path == "/stats":
                with _lock:
                    self._reply(200, json.dumps(_stats).encode())
                return
            r = client.get(self.path)
            self._reply(r.status_code, r.content, r.headers.get("content-type", "text/plain"))

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            body, stream = _unstreamed(body)
            key = hashlib.sha256(self.path.encode() + b"\0" + body).hexdigest()
            path = store / f"{key}.json"
            request = store / f"{key}.request.json"
            if not request.exists():  # what was asked, for reading an answer beside its question
                request.write_bytes(body)
            if path.exists():
                with _lock:
                    _stats["hits"] += 1
                self._answer(200, path.read_bytes(), "application/json", stream)
                return
            r = client.post(self.path, content=body,
                            headers={"Content-Type": "application/json"})
            if r.status_code == 200:
                tmp = path.with_suffix(".tmp")
                tmp.write_bytes(r.content)
                tmp.replace(path)
            with _lock:
                _stats["misses"] += 1
            self._answer(r.status_code, r.content, r.headers.get("content-type", "text/plain"),
                         stream)

        def _answer(self, status: int, body: bytes, ctype: str, stream: bool) -> None:
            if not stream or status != 200:
                self._reply(status, body, ctype)
                return
            self._reply(200, _as_events(json.loads(body)), "text/event-stream")

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--upstream", required=True, help="e.g. http://127.0.0.1:8090")
    parser.add_argument("--port", type=int, default=8091)
    parser.add_argument("--dir", type=Path, default=Path("runs/answer-cache"))
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    server = ThreadingHTTPServer(("127.0.0.1", args.port), _handler(args.upstream, args.dir))
    print(f"caching {args.upstream} on http://127.0.0.1:{args.port} into {args.dir}", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
