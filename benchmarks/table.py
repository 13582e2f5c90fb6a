"""Print the quality/speed table of BENCHMARKS.md from eval runs' report.json files.

    python benchmarks/table.py LABEL=RUN_DIR [LABEL=RUN_DIR ...]

Model time per article (llama.cpp's own prompt+generation time, from provenance) is read from
the predictions, to report the pipeline's overhead over the model.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

SLOTS = ("participant", "participant_role", "status", "modality", "location", "date")


def _model_seconds(run: Path) -> list[float]:
    out = []
    for path in sorted((run / "predictions").glob("*.json")):
        if path.name.endswith(".error.json"):
            continue
        usage = json.loads(path.read_text(encoding="utf-8"))["provenance"]["usage"]
        if usage.get("model_seconds"):
            out.append(float(usage["model_seconds"]))
    return out


def row(label: str, run: Path) -> str:
    r = json.loads((run / "report.json").read_text(encoding="utf-8"))
    langs = {k: v["micro"]["f1"] for k, v in r["languages"].items()}
    worst = min(langs, key=lambda k: langs[k])
    cost = r["cost"]
    model = _model_seconds(run)
    overhead = ""
    lat = []
    for path in sorted((run / "predictions").glob("*.json")):
        if not path.name.endswith(".error.json"):
            prov = json.loads(path.read_text(encoding="utf-8"))["provenance"]
            if prov["usage"].get("model_seconds"):
                lat.append(prov["latency_s"] / prov["usage"]["model_seconds"])
    if lat:
        overhead = f"{statistics.median(lat):.2f}x"
    cells = [
        label,
        f"{r['headline']['f1']:.3f}",
        f"{r['headline']['precision']:.3f}/{r['headline']['recall']:.3f}",
        f"{r['records']['f1']:.3f}",
        *(f"{r['slots'][s]['f1']:.3f}" for s in SLOTS),
        f"{worst} {langs[worst]:.3f}",
        f"{r['empty_articles']['false_records']}",
        f"{r['validity']['rate']:.0%} / {r['validity']['first_attempt_rate']:.0%}",
        f"{cost['seconds_median']:.1f}",
        f"{cost['prompt_tokens_mean']:.0f}/{cost['completion_tokens_mean']:.0f}",
        f"{statistics.median(model):.1f}" if model else "n/a",
        overhead or "n/a",
    ]
    return "| " + " | ".join(cells) + " |"


def main(args: list[str]) -> None:
    head = ["variant", "micro F1", "P/R", "record F1", *SLOTS, "worst language",
            "false records (5 empty)", "valid / 1st try", "median s/article",
            "tokens in/out per article", "median model s", "latency / model time"]
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for arg in args:
        label, _, path = arg.partition("=")
        print(row(label, Path(path)))


if __name__ == "__main__":
    main(sys.argv[1:])
