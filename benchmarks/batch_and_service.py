"""Batch throughput at concurrency 1 and 2, and service latency under a few loopback clients.

Each configuration runs the real command a user would run, on the embedded default (no
--base-url): ``llm-extract batch`` starts its own llama-server with one slot per request in
flight, ``llm-extract serve`` likewise. Runs are sequential, so they see the same machine; the
server start (a few seconds) is inside each batch time, as it is for a user.

Configurations:
  batch_c1          --concurrency 1 (one slot)
  batch_c2          --concurrency 2 (two slots: llama.cpp decodes both requests as one batch)
  batch_c2_slots1   --concurrency 2 --slots 1 (the two requests queue inside llama.cpp)
  service           ``serve --max-in-flight M``; N clients post at once; latency per request

Articles: every .txt in the folder given, read at run time (dev articles stay in ../shared).
Outputs (JSONL per batch, results.json) go to --out-dir, so the batch lines can be scored:
``llm-extract eval --score-only OUT_DIR/batch_c1.jsonl GOLD_DIR``.

    python benchmarks/batch_and_service.py ARTICLES_DIR --out-dir runs/bench [--limit N]
        [--configs batch_c1,batch_c2,batch_c2_slots1,service] [--clients 3] [--in-flight 2]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

_BATCHES: dict[str, list[str]] = {
    "batch_c1": ["--concurrency", "1"],
    "batch_c2": ["--concurrency", "2"],
    "batch_c2_slots1": ["--concurrency", "2", "--slots", "1"],
}


def _batch(folder: Path, out: Path, extra: list[str]) -> dict[str, object]:
    out.unlink(missing_ok=True)
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "llm_extract", "batch", str(folder), "-o", str(out), "--quiet",
         *extra], check=False, capture_output=True, text=True,
    )
    elapsed = time.perf_counter() - started
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    ok = [x for x in lines if x["status"] == "ok"]
    tokens = sum((x["result"]["provenance"]["usage"]["prompt_tokens"] or 0)
                 + (x["result"]["provenance"]["usage"]["completion_tokens"] or 0) for x in ok)
    return {"args": extra, "exit": proc.returncode, "articles": len(lines), "ok": len(ok),
            "ids_unique": len({x["id"] for x in lines}) == len(lines),
            "seconds": round(elapsed, 1),
            "articles_per_minute": round(60 * len(lines) / elapsed, 2),
            "tokens_per_second": round(tokens / elapsed, 1),
            "summary": proc.stderr.strip().splitlines()[-1:]}


def _input(path: Path) -> dict[str, object]:
    """One batch input line; with a gold file beside the text, its date and language too (as
    ``llm-extract eval`` passes them), so the batch lines score like an eval run."""
    line: dict[str, object] = {"id": path.stem, "text": path.read_text(encoding="utf-8")}
    gold = path.with_suffix(".json")
    if gold.is_file():
        meta = json.loads(gold.read_text(encoding="utf-8"))
        line.update({k: meta[k] for k in ("published", "language") if meta.get(k)})
    return line


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _service(texts: list[str], clients: int, in_flight: int) -> dict[str, object]:
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "llm_extract", "serve", "--port", str(port),
                             "--max-in-flight", str(in_flight), "--max-queue", "16",
                             "--request-timeout", "3600"], stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:  # wait until the embedded server is up: no cold start
            if proc.poll() is not None:
                raise SystemExit(f"llm-extract serve exited: {proc.communicate()[1][-2000:]}")
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        else:
            raise SystemExit("service did not become ready in 300 s")
        latencies: list[float] = []
        statuses: list[int] = []
        lock = threading.Lock()

        def client(text: str) -> None:
            started = time.perf_counter()
            r = httpx.post(f"{base}/v1/extract", json={"text": text}, timeout=3600)
            with lock:
                latencies.append(time.perf_counter() - started)
                statuses.append(r.status_code)

        threads = [threading.Thread(target=client, args=(texts[i % len(texts)],))
                   for i in range(clients)]
        started = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - started
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    return {"clients": clients, "max_in_flight": in_flight, "statuses": sorted(statuses),
            "latency_s": sorted(round(x, 1) for x in latencies),
            "median_s": round(statistics.median(latencies), 1), "wall_s": round(wall, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("articles", type=Path)
    parser.add_argument("--out-dir", type=Path, required=True)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--configs", default="batch_c1,batch_c2,batch_c2_slots1,service")
    parser.add_argument("--clients", type=int, default=3)
    parser.add_argument("--in-flight", type=int, default=1)
    args = parser.parse_args()
    files = sorted(args.articles.glob("*.txt"))[: args.limit]
    args.out_dir.mkdir(parents=True, exist_ok=True)
    inputs = args.out_dir / "inputs.jsonl"  # ids and texts, outside the repository's tracked files
    inputs.write_text("".join(json.dumps(_input(f), ensure_ascii=False) + "\n" for f in files),
                      encoding="utf-8")
    results_path = args.out_dir / "results.json"
    results = json.loads(results_path.read_text()) if results_path.exists() else {}
    results["machine"] = {"cpus": os.cpu_count(), "articles": len(files)}
    for name in args.configs.split(","):
        print(f"running {name} …", file=sys.stderr, flush=True)
        if name in _BATCHES:
            results[name] = _batch(inputs, args.out_dir / f"{name}.jsonl", _BATCHES[name])
        elif name == "service":
            results[f"service_c{args.clients}_m{args.in_flight}"] = _service(
                [f.read_text(encoding="utf-8") for f in files], args.clients, args.in_flight)
        else:
            raise SystemExit(f"unknown configuration {name}")
        results_path.write_text(json.dumps(results, indent=2) + "\n")
        print(json.dumps(results, indent=2), file=sys.stderr, flush=True)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
