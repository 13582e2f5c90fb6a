#!/usr/bin/env bash
# The embedded default's llama-server and the answer cache in front of it, for variant runs.
#
#   benchmarks/start_model.sh [SLOTS]     # then benchmarks/variant_run.sh ...
#
# The same binary, model and flags as the embedded server (llm_extract/model/embedded), on
# port 8090; the cache proxy on 8091 stores answers in runs/answer-cache. THREADS=1 keeps
# llama.cpp's thread barrier from collapsing when another process shares the two cores.
set -euo pipefail
slots=${1:-2}
mkdir -p runs
read -r bin model < <(.venv/bin/python -c "
from llm_extract.settings import Settings
from llm_extract.model.embedded.model import ensure_model
from llm_extract.model.embedded.server import find_server_binary
s = Settings()
print(find_server_binary(s.server_binary), ensure_model(s.cache_dir))")
nohup "$bin" --model "$model" --alias qwen --host 127.0.0.1 --port 8090 \
    --ctx-size $((8192 * slots)) --threads "${THREADS:-2}" --parallel "$slots" --flash-attn off --no-webui \
    > runs/llama-server.log 2>&1 &
nohup .venv/bin/python benchmarks/answer_cache.py --upstream http://127.0.0.1:8090 \
    --port 8091 --dir runs/answer-cache > runs/answer-cache.log 2>&1 &
for _ in $(seq 120); do
    curl -sf http://127.0.0.1:8090/health >/dev/null && break
    sleep 1
done
echo "llama-server on :8090 ($slots slots), cache on :8091"
