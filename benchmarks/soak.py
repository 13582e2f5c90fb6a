"""Soak benchmark: the service on loopback under a long, bounded stream of mixed requests.

    .venv/bin/python benchmarks/soak.py --minutes 10 [--clients 4] [--out soak.json]

What runs (all on 127.0.0.1, no model):

* the misbehaving fake OpenAI server of the tests (``tests/fakes/openai_server.py``); each
  chat request draws its answer at random (seeded) from good answers and faults: 503, 429 with
  Retry-After 0, a hang past the client timeout, a reset connection, a body that is not JSON,
  an HTML page, output cut by max_tokens, output that breaks the schema;
* ``llm-extract serve`` as a real subprocess against it (bearer token, 2 extractions in flight,
  8 queued, 1 transport retry, 1 re-ask, 1 s read timeout);
* ``--clients`` threads posting without pause: good articles, and bad requests the service
  must refuse cleanly (no token 401, not JSON 415, malformed JSON 422, empty text 422,
  over-long text 413, a model outside the allowlist 400).

Every request must be answered (any status is an answer; a connection error or a client
timeout is not). The service process's resident memory and open file descriptors are sampled
every 5 s; after a warm-up (the first tenth of the run, at least 30 s) they must stay within
``--rss-growth-mb`` and ``--fd-growth`` of the warm-up's level. Latency percentiles are
reported per request class. Exit code 0 when every bound holds, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from fakes import openai_server as f  # noqa: E402
from robustness._support import EN_ANSWER, EN_ARTICLE  # noqa: E402

TOKEN = "soak-token-0123456789"

# (behaviour factory, weight): what the "model endpoint" answers to one chat request.
FAULTS: list[tuple[str, Any, int]] = [
    ("ok", lambda: f.ok(EN_ANSWER), 50),
    ("503", lambda: f.status(503), 10),
    ("429", lambda: f.rate_limited("0"), 8),
    ("hang", lambda: f.hang(3.0), 4),
    ("reset", f.reset, 6),
    ("invalid_json", f.invalid_json, 5),
    ("html", f.html, 5),
    ("cut", lambda: f.cut(EN_ANSWER, 60), 6),
    ("schema_break", lambda: f.ok({"meetings": [{"status": "maybe"}]}), 6),
]

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _requests() -> list[tuple[str, dict[str, Any], int]]:
    """(class, httpx request kwargs, weight): what one client sends."""
    good = {"json": {"text": EN_ARTICLE, "language": "en"}, "headers": AUTH}
    return [
        ("good", good, 70),
        ("no_token", {"json": {"text": EN_ARTICLE}}, 5),
        ("not_json", {"content": b"text=hello", "headers": {
            **AUTH, "Content-Type": "application/x-www-form-urlencoded"}}, 5),
        ("malformed", {"content": b'{"text": ', "headers": {
            **AUTH, "Content-Type": "application/json"}}, 5),
        ("empty", {"json": {"text": "  "}, "headers": AUTH}, 5),
        ("too_long", {"json": {"text": "x" * 30_000}, "headers": AUTH}, 5),
        ("model_not_allowed", {"json": {"text": EN_ARTICLE, "options": {"model": "gpt-4-32k"}},
                               "headers": AUTH}, 5),
    ]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _fds(pid: int) -> int:
    return len(os.listdir(f"/proc/{pid}/fd"))


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--rss-growth-mb", type=float, default=50.0)
    parser.add_argument("--fd-growth", type=int, default=20)
    parser.add_argument("--out", type=Path, help="write the summary JSON here")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    rng_lock = threading.Lock()
    names, makers, weights = zip(*FAULTS, strict=True)
    drawn: Counter[str] = Counter()

    def answer(_: f.RecordedRequest) -> f.Behaviour:
        with rng_lock:
            index = rng.choices(range(len(makers)), weights=weights)[0]
        drawn[names[index]] += 1
        return makers[index]()  # type: ignore[no-any-return]

    duration = args.minutes * 60
    samples: list[tuple[float, float, int]] = []
    latencies: dict[str, list[float]] = defaultdict(list)
    statuses: dict[str, Counter[int]] = defaultdict(Counter)
    unanswered: Counter[str] = Counter()
    lock = threading.Lock()

    with f.running_fake(fallback=answer) as fake:
        port = _free_port()
        env = {**os.environ, "LLM_EXTRACT_SERVICE_TOKEN": TOKEN,
               "LLM_EXTRACT_TRANSPORT_RETRIES": "1", "LLM_EXTRACT_MAX_REASKS": "1"}
        command = [sys.executable, "-m", "llm_extract", "serve", "--port", str(port),
                   "--base-url", fake.url + "/v1", "--model", "fake", "--mode", "json_schema",
                   "--timeout", "1", "--max-in-flight", "2", "--max-queue", "8",
                   "--request-timeout", "30", "--shutdown-grace", "5", "--recall-passes", "0"]
        # stderr to a file, not a pipe: a pipe nobody reads for ten minutes fills up and
        # blocks the service on its next retry notice
        log_file = tempfile.TemporaryFile("w+")  # noqa: SIM115 - closed after the service ends
        service = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                   stderr=log_file, text=True)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/healthz", timeout=1, trust_env=False).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or service.poll() is not None:
                print("the service never came up", file=sys.stderr)
                service.kill()
                return 1
            time.sleep(0.2)

        started = time.monotonic()
        stop = threading.Event()
        kinds = _requests()

        def client(seed: int) -> None:
            local = random.Random(seed)
            with httpx.Client(base_url=base, timeout=60, trust_env=False) as http:
                while not stop.is_set():
                    name, kwargs, _ = local.choices(kinds, weights=[k[2] for k in kinds])[0]
                    t0 = time.perf_counter()
                    try:
                        response = http.post("/v1/extract", **kwargs)
                    except httpx.HTTPError as exc:
                        with lock:
                            unanswered[f"{name}: {type(exc).__name__}"] += 1
                        continue
                    elapsed = time.perf_counter() - t0
                    with lock:
                        latencies[name].append(elapsed)
                        statuses[name][response.status_code] += 1
                    if response.status_code == 429:  # the service is full: back off as asked
                        time.sleep(min(float(response.headers.get("Retry-After", "1")), 1.0))

        threads = [threading.Thread(target=client, args=(args.seed + i,), daemon=True)
                   for i in range(args.clients)]
        for thread in threads:
            thread.start()
        while time.monotonic() - started < duration:
            samples.append((time.monotonic() - started, _rss_mb(service.pid), _fds(service.pid)))
            if service.poll() is not None:
                break
            time.sleep(5)
        stop.set()
        for thread in threads:
            thread.join(90)
        service.terminate()
        try:
            service.wait(timeout=30)
        except subprocess.TimeoutExpired:
            service.kill()
            service.wait()
        exit_code = service.returncode
        log_file.seek(0)
        err = log_file.read()
        log_file.close()

    warm = max(30.0, duration / 10)
    warm_samples = [s for s in samples if s[0] <= warm] or samples[:1]
    later = [s for s in samples if s[0] > warm] or samples[-1:]
    rss_base = max(s[1] for s in warm_samples)
    fd_base = max(s[2] for s in warm_samples)
    rss_max = max(s[1] for s in later)
    fd_max = max(s[2] for s in later)
    all_latencies = [x for values in latencies.values() for x in values]
    good = latencies.get("good", [])
    summary = {
        "date_utc": time.strftime("%Y-%m-%d %H:%M", time.gmtime()),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.system()} "
                   f"{platform.release()}, Python {platform.python_version()}",
        "command": " ".join(["benchmarks/soak.py", *sys.argv[1:]]),
        "seconds": round(samples[-1][0] if samples else 0.0, 1),
        "requests": len(all_latencies) + sum(unanswered.values()),
        "answered": len(all_latencies),
        "unanswered": dict(unanswered),
        "statuses": {k: dict(sorted(v.items())) for k, v in sorted(statuses.items())},
        "endpoint_answers_drawn": dict(drawn),
        "latency_s": {
            "all": {"p50": round(_percentile(all_latencies, 0.5), 3),
                    "p99": round(_percentile(all_latencies, 0.99), 3)},
            "good": {"p50": round(_percentile(good, 0.5), 3),
                     "p99": round(_percentile(good, 0.99), 3),
                     "mean": round(statistics.fmean(good), 3) if good else None},
        },
        "rss_mb": {"warm": round(rss_base, 1), "max_after": round(rss_max, 1),
                   "final": round(samples[-1][1], 1) if samples else None},
        "fds": {"warm": fd_base, "max_after": fd_max,
                "final": samples[-1][2] if samples else None},
        "service_exit_code": exit_code,
        "service_stderr_tail": (err or "").strip().splitlines()[-3:],
    }
    problems = []
    if unanswered:
        problems.append(f"{sum(unanswered.values())} request(s) unanswered")
    if rss_max - rss_base > args.rss_growth_mb:
        problems.append(f"RSS grew {rss_max - rss_base:.1f} MB after warm-up")
    if fd_max - fd_base > args.fd_growth:
        problems.append(f"open fds grew by {fd_max - fd_base} after warm-up")
    if samples and samples[-1][0] < duration - 10:
        problems.append("the service died before the end")
    summary["problems"] = problems
    text = json.dumps(summary, indent=2, ensure_ascii=False)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
