"""Speed side by side in one run: the naive peer, the previous default, the new default, and
each against the model's own limit (issue #13).

One embedded llama-server (the shipped binary and model, two threads, two slots unless
``--slots`` says otherwise) serves every configuration, so all of them see the same machine
at the same time. ``--also-fa MODE`` starts a second server, alike but for its ``--flash-attn``
(the previous default: ``auto``); the configurations named ``NAME@fa-MODE`` run on it, in the
same rotation, one request at a time across both servers, so an idle server costs nothing:

- ``c1``: the articles one after the other; for each article every configuration in turn, in an
  order that rotates per article (no configuration is always first after another's prompt).
- ``c2``: each named configuration over all articles with two requests in flight (two slots).
- ``c4``: the same with four in flight (``--slots 4``): llama.cpp writes four sequences at once
  for far less than four times one (``llama-batched-bench``, docs/benchmarks-history.md, twelfth
  session).

Caveat, measured (docs/benchmarks-history.md, seventh session): two configurations that send the
*same*
prompt (``previous`` and ``default`` differ only in how the answer is read) share llama.cpp's
prompt cache, so whichever reads an article second skips its prompt (3–6 s). Their comparison
with each other stays fair (each is second about as often), but not with the naive peer, whose
prompt nobody shares. Compare the naive peer with one of them at a time
(``--c1 naive,default``).

The **model limit** of an article is what the model needs to read the article once and write
the final records once: ``article_tokens / prompt_tps + answer_tokens / generated_tps``. The
token counts come from the server's own tokenizer (``/tokenize``): the article's text, and the
configuration's final records written as the compact wire JSON the model writes. The speeds are
measured by the same server in the same run: a calibration request (a dev article, no prompt
cache, 128 forced tokens) before the c1 block, after every 8 articles of it, between the blocks
and at the end; the median of their ``timings`` is used.

Per configuration: median and mean seconds per article, articles per minute, model calls and
re-asks, the median of wall time ÷ model limit, each article's seconds, and (c1, when the
naive peer ran too) the median over articles of seconds ÷ the naive peer's. The results are
written as batch JSONL too (``OUT/<config>_<block>.jsonl``), so each can be scored:
``llm-extract eval GOLD --from-batch``.

    python benchmarks/speed.py ../shared/eval/dev --out runs/speed [--limit N]
        [--c1 naive,previous,default] [--c2 default] [--c4 default --slots 4] [--also-fa auto]
        (also: grammar, the fifth session's; v1, the eighth session's)
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, get_args

import httpx

from llm_extract import Extractor, Settings
from llm_extract.evaluation.naive import NaiveExtractor
from llm_extract.model.embedded.model import EMBEDDED_MODEL, ensure_model
from llm_extract.model.embedded.server import EmbeddedServer, find_server_binary
from llm_extract.schema import ExtractionResult, Meeting
from llm_extract.settings import FlashAttn

Extract = Callable[[dict[str, Any]], ExtractionResult]


def _wire(meeting: Meeting) -> dict[str, Any]:
    """A final record as the model writes it (``model/wire.py``'s compact form)."""
    where = meeting.location
    return {"evidence": meeting.evidence, "status": meeting.status, "modality": meeting.modality,
            "date": meeting.date, "city": where.city if where else None,
            "country": where.country if where else None,
            "participants": [{"name": p.name, "title": p.title, "organization": p.organization,
                              "country": p.country, "role": p.role} for p in meeting.participants],
            "topics": meeting.topics}


def _tokens(client: httpx.Client, root: str, text: str) -> int:
    response = client.post(f"{root}/tokenize", json={"content": text})
    response.raise_for_status()
    return len(response.json()["tokens"])


def _calibrate(client: httpx.Client, root: str, text: str) -> dict[str, float]:
    response = client.post(f"{root}/completion", json={
        "prompt": text, "n_predict": 128, "ignore_eos": True, "temperature": 0.0,
        "cache_prompt": False})
    response.raise_for_status()
    timings = response.json()["timings"]
    return {"prompt_tps": round(float(timings["prompt_per_second"]), 2),
            "generated_tps": round(float(timings["predicted_per_second"]), 2)}


def _configs(base_url: str) -> dict[str, Extract]:
    common = {"base_url": base_url, "model": "qwen", "timeout": 1800.0}
    extractors: dict[str, Extractor | NaiveExtractor] = {
        "naive": NaiveExtractor(Settings(**common)),
        # the fifth session's pipeline (with today's default prompt): the grammar without
        # grounded spans, answers not streamed
        "grammar": Extractor(Settings(mode="grammar", repeat_stop=False, **common)),
        # the sixth session's pipeline (with today's default prompt): grounded spans, answers
        # not streamed
        "previous": Extractor(Settings(mode="grammar_spans", repeat_stop=False, **common)),
        # the eighth session's default: as ``default`` with prompt v1 (three examples)
        "v1": Extractor(Settings(mode="grammar_spans", prompt_version="v1", **common)),
        # grounded spans, answers streamed and stopped at their first repeat, prompt v3
        "default": Extractor(Settings(mode="grammar_spans", **common)),
    }

    def run(extractor: Extractor | NaiveExtractor) -> Extract:
        return lambda a: extractor.extract(a["text"], published=a.get("published"),
                                           language=a.get("language"))

    return {name: run(extractor) for name, extractor in extractors.items()}


def _one(extract: Extract, article: dict[str, Any]) -> dict[str, Any]:
    started = time.perf_counter()
    try:
        result = extract(article)
    except Exception as exc:  # a failed article is reported, never lost
        return {"id": article["id"], "status": "error", "seconds": time.perf_counter() - started,
                "error": {"kind": type(exc).__name__, "message": str(exc)[:300]}}
    return {"id": article["id"], "status": "ok", "seconds": time.perf_counter() - started,
            "result": result.model_dump(mode="json")}


def _summary(lines: list[dict[str, Any]], wall: float, limits: dict[str, float]) -> dict[str, Any]:
    seconds = [x["seconds"] for x in lines]
    ok = [x for x in lines if x["status"] == "ok"]
    provenance = [x["result"]["provenance"] for x in ok]
    ratios = [x["seconds"] / limits[x["id"]] for x in ok if limits.get(x["id"])]
    return {
        "articles": len(lines), "ok": len(ok),
        "median_s": round(statistics.median(seconds), 1),
        "mean_s": round(statistics.mean(seconds), 1),
        "articles_per_min": round(60 * len(lines) / wall, 2),
        "wall_s": round(wall, 1),
        "calls": sum(p["attempts"] for p in provenance),
        "reasks": sum(p.get("reasks") or 0 for p in provenance),
        "articles_with_reask": sum(1 for p in provenance if p.get("reasks")),
        "records": sum(len(x["result"]["meetings"]) for x in ok),
        "median_ratio_to_limit": round(statistics.median(ratios), 2) if ratios else None,
        "median_limit_s": round(statistics.median(limits[x["id"]] for x in ok), 1) if ok else None,
    }


def _server(flash_attn: FlashAttn, slots: int) -> EmbeddedServer:
    """The embedded server as the product starts it (``shared_server``), with this
    ``--flash-attn``."""
    s = Settings(slots=slots, threads=2)
    server = EmbeddedServer(
        binary=find_server_binary(s.server_binary), model_path=ensure_model(s.cache_dir),
        model_name=EMBEDDED_MODEL.name, threads=2, ctx_size=s.ctx_size, slots=slots,
        log_dir=s.cache_dir / "logs", flash_attn=flash_attn)
    server.start()
    return server


def _suffix(key: str) -> str:
    """The server suffix of a configuration or block name ("default@fa-auto_c1" -> "@fa-auto")."""
    name = key.rsplit("_", 1)[0] if key.endswith(("_c1", "_c2", "_c4")) else key
    return name[name.index("@"):] if "@" in name else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="folder of .txt articles with gold .json beside")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--c1", default="naive,previous,default")
    parser.add_argument("--c2", default="default")
    parser.add_argument("--c4", default="",
                        help="configurations run with four requests in flight (needs --slots 4)")
    parser.add_argument("--slots", type=int, default=2,
                        help="server slots: one per c1 configuration keeps each prefix cached")
    parser.add_argument("--also-fa", default="", choices=["", *get_args(FlashAttn)],
                        help="start a second server with this --flash-attn (e.g. auto, the "
                        "previous default); its configurations are named NAME@fa-MODE")
    args = parser.parse_args()
    if args.c4 and args.slots < 4:
        parser.error("--c4 needs --slots 4: a request beyond the slots waits in llama.cpp's queue")
    articles = []
    for path in sorted(args.gold.glob("*.txt"))[: args.limit]:
        meta = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        articles.append({"id": path.stem, "text": path.read_text(encoding="utf-8"),
                         "published": meta.get("published"), "language": meta.get("language")})
    args.out.mkdir(parents=True, exist_ok=True)

    servers = {"": _server(Settings().flash_attn, args.slots)}  # the product's default
    if args.also_fa:
        servers[f"@fa-{args.also_fa}"] = _server(args.also_fa, args.slots)
    try:
        _run(args, articles, servers)
    finally:
        for server in servers.values():
            server.stop()


def _run(args: argparse.Namespace, articles: list[dict[str, Any]],
         servers: dict[str, EmbeddedServer]) -> None:
    roots = {k: server.base_url.removesuffix("/v1") for k, server in servers.items()}
    configs = {f"{name}{k}": extract for k, server in servers.items()
               for name, extract in _configs(server.base_url).items()}
    client = httpx.Client(timeout=1800)
    probe = max((a["text"] for a in articles), key=len)
    calibrations: dict[str, list[dict[str, float]]] = {k: [] for k in servers}

    def calibrate() -> None:
        for k, root in roots.items():
            calibrations[k].append(_calibrate(client, root, probe))

    calibrate()
    root = roots[""]
    article_tokens = {a["id"]: _tokens(client, root, a["text"]) for a in articles}
    out: dict[str, Any] = {"articles": len(articles), "calibration": calibrations, "c1": {},
                           "c2": {}, "c4": {}, "flash_attn": {k or "main": s.flash_attn
                                                    for k, s in servers.items()}}
    lines: dict[str, list[dict[str, Any]]] = {}

    names = [n for n in args.c1.split(",") if n]
    walls = dict.fromkeys(names, 0.0)
    for i, article in enumerate(articles if names else []):
        order = names[i % len(names):] + names[: i % len(names)]
        for name in order:
            line = _one(configs[name], article)
            walls[name] += line["seconds"]
            lines.setdefault(f"{name}_c1", []).append(line)
            print(f"c1 {name:16} {article['id']} {line['seconds']:.1f}s {line['status']}",
                  file=sys.stderr, flush=True)
        if i % 8 == 7:  # the machine's speed drifts on a shared host: measure it all along
            calibrate()
    calibrate()

    for conc, listed in (("c2", args.c2), ("c4", args.c4)):
        for name in [n for n in listed.split(",") if n]:
            started = time.perf_counter()
            with ThreadPoolExecutor(int(conc[1:])) as pool:
                block = list(pool.map(lambda a, n=name: _one(configs[n], a), articles))
            lines[f"{name}_{conc}"] = block
            walls[f"{name}_{conc}"] = time.perf_counter() - started
            print(f"{conc} {name} {walls[f'{name}_{conc}']:.1f}s", file=sys.stderr, flush=True)
            calibrate()

    speeds = {k: (statistics.median(c["prompt_tps"] for c in cal),
                  statistics.median(c["generated_tps"] for c in cal))
              for k, cal in calibrations.items()}
    for key, block in lines.items():
        prompt_tps, generated_tps = speeds[_suffix(key)]
        limits = {}
        for line in block:
            if line["status"] != "ok":
                continue
            answer = json.dumps({"meetings": [_wire(Meeting.model_validate(m))
                                              for m in line["result"]["meetings"]]},
                                ensure_ascii=False, separators=(",", ":"))
            limits[line["id"]] = (article_tokens[line["id"]] / prompt_tps
                                  + _tokens(client, root, answer) / generated_tps)
        name, conc = key.rsplit("_", 1)
        wall = walls[name] if conc == "c1" else walls[key]
        out[conc][name] = _summary(block, wall, limits)
        with (args.out / f"{key}.jsonl").open("w", encoding="utf-8") as f:
            for line in block:
                f.write(json.dumps({k: v for k, v in line.items() if k != "seconds"},
                                   ensure_ascii=False) + "\n")
    for name, summary in out["c1"].items():
        # Per article, against the naive peer on the same server and article in the same c1
        # round: beside the target's ratio of two medians (#13), a view that does not depend on
        # which articles happen to sit in the middle of each list.
        mine = {x["id"]: x["seconds"] for x in lines[f"{name}_c1"]}
        summary["seconds"] = {k: round(v, 2) for k, v in mine.items()}
        naive = {x["id"]: x["seconds"] for x in lines.get(f"naive{_suffix(name)}_c1", [])}
        if naive and not name.startswith("naive"):
            summary["median_ratio_to_naive"] = round(
                statistics.median(mine[k] / naive[k] for k in mine if naive.get(k)), 2)
    out["limit_speeds"] = {k or "main": {"prompt_tps": p, "generated_tps": g}
                           for k, (p, g) in speeds.items()}
    (args.out / "speed.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
