#!/usr/bin/env bash
# One pipeline variant over a gold folder, through the answer cache (benchmarks/answer_cache.py).
#
#   benchmarks/variant_run.sh GOLD_DIR NAME [ENV=VALUE ...]
#
# Needs a llama-server on $UPSTREAM (default http://127.0.0.1:8090, started with
# benchmarks/start_model.sh) and the cache proxy on $PROXY (default 127.0.0.1:8091). Writes
# runs/variants/NAME.jsonl (a batch output) and runs/variants/NAME/ (its scored eval run), and
# prints the report (TUNE and CHECK halves included). Variables after NAME configure the
# pipeline (LLM_EXTRACT_MODE=grammar_spans LLM_EXTRACT_RECALL_PASSES=3 ...); the wire mode is
# `grammar` unless one of them says otherwise. SPLIT=tune (or check) runs one half only.
set -euo pipefail
gold=$1; name=$2; shift 2
proxy=${PROXY:-http://127.0.0.1:8091}
out=runs/variants
mkdir -p "$out"
split=${SPLIT:-}
.venv/bin/python - "$gold" "$out/$name.inputs.jsonl" "$split" <<'PY'
import json, sys, pathlib
from llm_extract.evaluation.splits import half_of
gold, out, split = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3]
with out.open("w", encoding="utf-8") as f:
    for g in sorted(gold.glob("*.json")):
        if split and half_of(g.stem) != split:
            continue
        doc = json.loads(g.read_text(encoding="utf-8"))
        text = g.with_suffix(".txt").read_text(encoding="utf-8")
        f.write(json.dumps({"id": g.stem, "text": text, "language": doc.get("language"),
                            "published": doc.get("published")}, ensure_ascii=False) + "\n")
PY
rm -f "$out/$name.jsonl"
env LLM_EXTRACT_TIMEOUT=1800 LLM_EXTRACT_BASE_URL="$proxy/v1" LLM_EXTRACT_MODEL=qwen LLM_EXTRACT_MODE=grammar "$@" \
    .venv/bin/llm-extract batch "$out/$name.inputs.jsonl" -o "$out/$name.jsonl" \
    --concurrency "${CONCURRENCY:-2}" --quiet
rm -rf "$out/$name"
.venv/bin/llm-extract eval "$gold" --from-batch "$out/$name.jsonl" --run-dir "$out/$name" \
    ${split:+--split "$split"}
