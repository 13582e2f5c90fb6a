"""What a generated token costs after a short and after a long prompt, per server setting.

Every token the model writes attends over the prompt before it, so the prompt's fixed prefix
(the few-shot examples) slows every answer, not only its first token (issue #13). This starts
the shipped ``llama-server`` once per setting (one at a time, the settings interleaved over
``--passes``), asks ``/completion`` for 100 forced tokens (temperature 0, no prompt cache)
after a filler prompt of ~250 and of ~1,500 tokens (the server reports the exact count), and
prints the median prompt-evaluation and generation milliseconds per token of the server's own
``timings``.

    python benchmarks/context_cost.py [--passes 2] [--rounds 3]
        [default f32kv fa_on fa_on_f32 fa_off q8kv]
"""

from __future__ import annotations

import argparse
import statistics
from dataclasses import dataclass, field

import httpx

from llm_extract.model.embedded.model import EMBEDDED_MODEL, ensure_model
from llm_extract.model.embedded.server import EmbeddedServer, find_server_binary
from llm_extract.settings import Settings

SETTINGS: dict[str, list[str]] = {
    "default": [],
    "f32kv": ["--cache-type-k", "f32", "--cache-type-v", "f32"],
    "fa_on": ["-fa", "on"],
    "fa_on_f32": ["-fa", "on", "--cache-type-k", "f32", "--cache-type-v", "f32"],
    "fa_off": ["-fa", "off"],
    "q8kv": ["-fa", "on", "--cache-type-k", "q8_0", "--cache-type-v", "q8_0"],
}
_FILLER = "The committee reviewed the annual report on trade, shipping and regional cooperation. "


@dataclass
class _FlaggedServer(EmbeddedServer):
    """The embedded server's process with extra llama-server flags (its start/stop kept)."""

    extra: list[str] = field(default_factory=list)

    def command(self) -> list[str]:
        return [*super().command(), *self.extra]


def _prompt(tokens: int) -> str:
    """Roughly ``tokens`` tokens of English filler (the server reports the exact count)."""
    return (_FILLER * (tokens // 15))[: tokens * 5]


def _measure(flags: list[str], rounds: int) -> dict[int, tuple[int, float, float]]:
    """{target tokens: (prompt tokens, prompt ms/token, generated ms/token)}, medians."""
    s = Settings()
    server = _FlaggedServer(
        binary=find_server_binary(s.server_binary), model_path=ensure_model(s.cache_dir),
        model_name=EMBEDDED_MODEL.name, threads=2, ctx_size=8192, log_dir=s.cache_dir / "logs",
        extra=flags)
    server.start()
    root = server.base_url.removesuffix("/v1")
    try:
        seen: dict[int, list[tuple[int, float, float]]] = {}
        for r in range(rounds):
            for target in (300, 1800):
                timings = httpx.post(f"{root}/completion", timeout=600, json={
                    "prompt": f"{_prompt(target)} round {r} ", "n_predict": 100,
                    "ignore_eos": True, "temperature": 0, "cache_prompt": False,
                }).json()["timings"]
                seen.setdefault(target, []).append((
                    timings["prompt_n"], timings["prompt_per_token_ms"],
                    timings["predicted_per_token_ms"]))
    finally:
        server.stop()
    return {t: (v[0][0], statistics.median(x[1] for x in v), statistics.median(x[2] for x in v))
            for t, v in seen.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("settings", nargs="*", default=list(SETTINGS), choices=list(SETTINGS))
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print("| setting | pass | prompt tokens | prompt ms/token | generated ms/token |")
    print("|---|---|---|---|---|")
    for n in range(args.passes):
        for name in args.settings:
            for prompt_n, prompt_ms, gen_ms in _measure(SETTINGS[name], args.rounds).values():
                print(f"| {name} | {n + 1} | {prompt_n} | {prompt_ms:.1f} | {gen_ms:.1f} |",
                      flush=True)


if __name__ == "__main__":
    main()
