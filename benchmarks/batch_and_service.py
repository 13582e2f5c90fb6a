"""Batch throughput at concurrency 1 and 2, and service latency under a few loopback clients.

Everything runs against ONE llama-server (the embedded default started once here, or the
endpoint given with --base-url), so that the two batch runs and the service see the same model
process. Articles: every .txt in the folder given (dev articles are read at run time).

    python benchmarks/batch_and_service.py ARTICLES_DIR [--limit N] [--clients 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from llm_extract import Settings
from llm_extract.embedded.server import shared_server


def _batch(folder: Path, base_url: str, model: str, concurrency: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "llm_extract", "batch", str(folder), "-o",
                        str(out), "--concurrency", str(concurrency), "--base-url", base_url,
                        "--model", model, "--mode", "grammar", "--quiet"], check=False)
        elapsed = time.perf_counter() - started
        lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    ok = sum(1 for x in lines if x["status"] == "ok")
    return {"articles": len(lines), "ok": ok, "seconds": round(elapsed, 1),
            "articles_per_minute": round(60 * len(lines) / elapsed, 2)}


def _service(texts: list[str], base_url: str, model: str, clients: int) -> dict[str, object]:
    port = 8765
    proc = subprocess.Popen([sys.executable, "-m", "llm_extract", "serve", "--port",
                             str(port), "--base-url", base_url, "--model", model, "--mode",
                             "grammar", "--max-in-flight", "1", "--max-queue", "8",
                             "--request-timeout", "1800"])
    try:
        for _ in range(120):
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        latencies: list[float] = []
        statuses: list[int] = []
        lock = threading.Lock()

        def client(text: str) -> None:
            started = time.perf_counter()
            r = httpx.post(f"http://127.0.0.1:{port}/v1/extract", json={"text": text},
                           timeout=1800)
            with lock:
                latencies.append(time.perf_counter() - started)
                statuses.append(r.status_code)

        threads = [threading.Thread(target=client, args=(texts[i % len(texts)],))
                   for i in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {"clients": clients, "statuses": sorted(statuses),
            "latency_s": sorted(round(x, 1) for x in latencies),
            "median_s": round(statistics.median(latencies), 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("articles", type=Path)
    parser.add_argument("--limit", type=int, default=6)
    parser.add_argument("--clients", type=int, default=3)
    parser.add_argument("--base-url")
    parser.add_argument("--model", default="qwen2.5-coder-1.5b-instruct-q4_k_m")
    args = parser.parse_args()
    files = sorted(args.articles.glob("*.txt"))[: args.limit]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for f in files:
            (folder / f.name).write_text(f.read_text(encoding="utf-8"), encoding="utf-8")
        base_url = args.base_url or shared_server(Settings.from_env()).base_url
        results = {
            "batch_c1": _batch(folder, base_url, args.model, 1),
            "batch_c2": _batch(folder, base_url, args.model, 2),
            "service": _service([f.read_text(encoding="utf-8") for f in files], base_url,
                                args.model, args.clients),
        }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
