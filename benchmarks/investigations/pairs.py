"""What a second request in flight buys while answers are written, with the product's own
requests (issue #13).

``llama-batched-bench`` (docs/benchmarks-history.md, twelfth session) decodes sequences of a
600-token prompt
with no grammar: two at once wrote 1.6× as many tokens per second as one. The product's
requests differ in both respects: a ~1,300-token prompt (prompt prefix and article) and the
``grammar_spans`` grammar. This measures what is left of the 1.6× for those requests, and, by
taking the grammar away, whether the grammar is what costs (docs/benchmarks-history.md, thirteenth
session:
1.21× with it, 1.10× without; it is not).

For each pair of dev articles, the default's request (prompt ``v3``, the ``grammar_spans``
body, temperature 0) is sent to one embedded server with two slots:

- first both at once, so that each slot holds one prompt in its cache (every timed request
  below then reads one token and writes its whole answer: writing alone is timed);
- then, per round, the two one after the other and the two at once, in an order that alternates
  by round (the machine's speed drifts);
- then the same with the grammar removed and ``ignore_eos``, each request writing exactly as
  many tokens as it wrote with the grammar: the grammar's own cost.

An answer longer than ``--max-tokens`` (default 256) is cut there, in both variants alike. The
ratio reported is seconds one after the other ÷ seconds at once: 2.0 would be two for the price
of one, 1.0 no gain.

    python benchmarks/investigations/pairs.py ../shared/eval/dev [--limit 8] [--rounds 2] \
        [--max-tokens 256]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from llm_extract.evaluation.runner import discover_articles
from llm_extract.model.backends import WIRE_FORMATS
from llm_extract.model.prompts import DEFAULT_PROMPT_VERSION, render
from llm_extract.model.wire import WireOutput
from llm_extract.settings import Settings


def _load_speed() -> Any:
    """benchmarks/speed.py (the embedded server of the speed runs), one folder up."""
    spec = importlib.util.spec_from_file_location(
        "speed", Path(__file__).resolve().parents[1] / "speed.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["speed"] = module
    spec.loader.exec_module(module)
    return module


_server = _load_speed()._server

Body = dict[str, Any]


def _body(text: str, max_tokens: int) -> Body:
    settings = Settings()
    extra = WIRE_FORMATS["grammar_spans"].body(WireOutput.model_json_schema(), text)
    return {"model": "qwen", "messages": render(DEFAULT_PROMPT_VERSION, text=text),
            "temperature": settings.temperature, "max_tokens": max_tokens, **extra}


def _plain(body: Body, tokens: int) -> Body:
    """The same request without its grammar, writing exactly ``tokens`` tokens."""
    out = {k: v for k, v in body.items() if k not in ("grammar", "response_format")}
    return {**out, "max_tokens": tokens, "ignore_eos": True}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="folder of .txt articles with gold .json beside")
    parser.add_argument("--limit", type=int, default=8, help="articles, paired in id order")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--max-tokens", type=int, default=256)
    args = parser.parse_args()

    articles = discover_articles(args.gold, limit=args.limit)
    bodies = [_body(a.text_path.read_text(encoding="utf-8"), args.max_tokens) for a in articles]
    pairs = [(articles[i].id, articles[i + 1].id, bodies[i], bodies[i + 1])
             for i in range(0, len(bodies) - 1, 2)]
    server = _server("off", 2)
    client = httpx.Client(timeout=1800)
    url = f"{server.base_url}/chat/completions"

    def call(body: Body) -> int:
        response = client.post(url, json=body)
        response.raise_for_status()
        return int(response.json()["usage"]["completion_tokens"])

    def timed(bodies: list[Body], at_once: bool) -> float:
        started = time.perf_counter()
        if at_once:
            with ThreadPoolExecutor(len(bodies)) as pool:
                list(pool.map(call, bodies))
        else:
            for body in bodies:
                call(body)
        return time.perf_counter() - started

    rows: list[dict[str, Any]] = []
    try:
        for a_id, b_id, a, b in pairs:
            with ThreadPoolExecutor(2) as pool:  # one prompt into each slot's cache
                tokens = list(pool.map(call, [a, b]))
            for variant, pair in (("grammar", [a, b]),
                                  ("no grammar", [_plain(a, tokens[0]), _plain(b, tokens[1])])):
                ratios = []
                for rnd in range(args.rounds):
                    order = (False, True) if rnd % 2 == 0 else (True, False)
                    seconds = {mode: timed(pair, mode) for mode in order}
                    ratios.append(seconds[False] / seconds[True])
                row = {"pair": f"{a_id}+{b_id}", "tokens": tokens, "variant": variant,
                       "ratio": round(statistics.median(ratios), 2),
                       "ratios": [round(r, 2) for r in ratios]}
                rows.append(row)
                print(json.dumps(row), flush=True)
    finally:
        server.stop()
    for variant in ("grammar", "no grammar"):
        values = [r["ratio"] for r in rows if r["variant"] == variant]
        print(f"{variant}: median ratio {statistics.median(values):.2f} over {len(values)} pairs")


if __name__ == "__main__":
    main()
