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

Every other request (``/props``, ``/v1/models``) is passed through uncached. ``GET /stats``
reports hits and misses.
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
            key = hashlib.sha256(self.path.encode() + b"\0" + body).hexdigest()
            path = store / f"{key}.json"
            if path.exists():
                with _lock:
                    _stats["hits"] += 1
                self._reply(200, path.read_bytes())
                return
            r = client.post(self.path, content=body,
                            headers={"Content-Type": "application/json"})
            if r.status_code == 200:
                tmp = path.with_suffix(".tmp")
                tmp.write_bytes(r.content)
                tmp.replace(path)
            with _lock:
                _stats["misses"] += 1
            self._reply(r.status_code, r.content, r.headers.get("content-type", "text/plain"))

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
