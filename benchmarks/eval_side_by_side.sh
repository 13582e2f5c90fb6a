#!/usr/bin/env bash
# Runs the evaluation suite over a gold folder with two pipelines, one after the other, on the
# same endpoint (the embedded default unless LLM_EXTRACT_BASE_URL is set), then compares them.
# Usage: benchmarks/eval_side_by_side.sh GOLD_DIR OUT_DIR [PIPELINE_A] [PIPELINE_B] [extra eval options]
set -euo pipefail
gold=${1:?gold dir}; out=${2:?output dir}; a=${3:-default}; b=${4:-naive}; shift 4 || shift $#
mkdir -p "$out"
llm-extract eval "$gold" --pipeline "$a" --run-dir "$out/$a" --timeout 900 "$@" > "$out/$a.txt"
llm-extract eval "$gold" --pipeline "$b" --run-dir "$out/$b" --timeout 900 "$@" > "$out/$b.txt"
llm-extract eval --compare "$out/$a" "$out/$b" > "$out/compare.txt"
cat "$out/compare.txt"
