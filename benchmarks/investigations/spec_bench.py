"""Speculative decoding without a draft model: does n-gram drafting speed up the answers?

Issue #13 lists prompt-lookup drafting as a lever: an answer copies names and whole sentences
from the article, so drafts looked up in the prompt's own n-grams may be accepted often. The
shipped llama-server offers ``--spec-type ngram-simple`` (and other n-gram kinds). This starts
two llama-servers on loopback with the embedded default's model and flags, one plain and one
with the n-gram drafter, and sends each article's extraction to both through the real
pipeline (``Extractor`` with ``--base-url``; recall pass and re-asks off, so each article is
one call), alternating which server goes first. Reported: seconds per article on each, the
ratio, generated tokens per second (the servers' own timings), and whether the two answers are
the same records (greedy verification should keep them identical).

Both servers stay loaded, and requests go one at a time, so the two see the same machine.

    .venv/bin/python benchmarks/investigations/spec_bench.py ../shared/eval/dev --limit 8 \\
        --spec "--spec-type ngram-simple"
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import socket
import statistics
import subprocess
import time
from pathlib import Path

import httpx

from llm_extract import Extractor, Settings
from llm_extract.evaluation.runner import discover_articles
from llm_extract.model.embedded.model import ensure_model
from llm_extract.model.embedded.server import find_server_binary


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(extra: list[str], threads: int, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    s = Settings()
    port = _port()
    cmd = [str(find_server_binary(s.server_binary)), "--model", str(ensure_model(s.cache_dir)),
           "--alias", "qwen", "--host", "127.0.0.1", "--port", str(port),
           "--ctx-size", "8192", "--threads", str(threads), "--parallel", "1", "--no-webui",
           *extra]
    proc = subprocess.Popen(cmd, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return proc, f"http://127.0.0.1:{port}/v1"
        except httpx.HTTPError:
            pass
        if proc.poll() is not None:
            raise SystemExit(f"server exited: {' '.join(cmd)}; see {log}")
        time.sleep(0.5)
    raise SystemExit("server never became healthy")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev", type=Path)
    parser.add_argument("--limit", type=int, default=8)
    parser.add_argument("--spec", default="--spec-type ngram-simple")
    parser.add_argument("--threads", type=int, default=int(os.environ.get("THREADS", "1")))
    parser.add_argument("--out", type=Path, default=Path("runs/spec-bench.json"))
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    plain, plain_url = _start([], args.threads, args.out.with_suffix(".plain.log"))
    spec, spec_url = _start(shlex.split(args.spec), args.threads,
                            args.out.with_suffix(".spec.log"))
    rows = []
    try:
        extractors = {
            name: Extractor(Settings(base_url=url, model="qwen", mode="grammar",
                                     recall_passes=0, max_reasks=0, timeout=1800))
            for name, url in (("plain", plain_url), ("spec", spec_url))}
        for n, art in enumerate(discover_articles(args.dev)[: args.limit]):
            text = art.text_path.read_text(encoding="utf-8")
            order = ["plain", "spec"] if n % 2 == 0 else ["spec", "plain"]
            row: dict[str, object] = {"id": art.id}
            answers = {}
            for name in order:
                started = time.perf_counter()
                result = extractors[name].extract(text, published=art.published,
                                                  language=art.language)
                row[f"{name}_s"] = round(time.perf_counter() - started, 2)
                row[f"{name}_tokens"] = result.provenance.usage.completion_tokens
                answers[name] = [m.model_dump(mode="json", exclude={"confidence"})
                                 for m in result.meetings]
            row["same_records"] = answers["plain"] == answers["spec"]
            row["ratio"] = round(float(row["spec_s"]) / float(row["plain_s"]), 3)  # type: ignore[arg-type]
            rows.append(row)
            print(json.dumps(row), flush=True)
    finally:
        plain.terminate()
        spec.terminate()
    ratios = [float(r["ratio"]) for r in rows]  # type: ignore[arg-type]
    summary = {"spec": args.spec, "threads": args.threads, "articles": len(rows),
               "median_ratio": statistics.median(ratios) if ratios else None,
               "total_plain_s": round(sum(float(r["plain_s"]) for r in rows), 1),  # type: ignore[arg-type]
               "total_spec_s": round(sum(float(r["spec_s"]) for r in rows), 1),  # type: ignore[arg-type]
               "same_records": sum(bool(r["same_records"]) for r in rows), "rows": rows}
    args.out.write_text(json.dumps(summary, indent=1))
    print(json.dumps({k: v for k, v in summary.items() if k != "rows"}))


if __name__ == "__main__":
    main()
