"""Where the slots of aligned records go wrong: gold value × predicted value, per slot.

The headline counts a wrong role, status or medium as one miss and one false answer; this
script says which value the gold had and which one was given, over the records the scorer
aligns (its own alignment, ``llm_extract.evaluation.scorer``), so a rule or a prompt change can
be aimed at the confusion that costs most. Participants are the scorer's matched pairs; dates
are split into right, wrong, given where the gold has none, and missing.

    .venv/bin/python benchmarks/investigations/confusions.py \
        ../shared/eval/dev runs/variants/base_dev

Counts only: no article text is printed.
"""

from __future__ import annotations

import argparse
import collections
import json
from pathlib import Path
from typing import Any

from llm_extract.evaluation.rundir import prediction_path, read_json
from llm_extract.evaluation.scorer import align_records, match_participants


def _records(doc: Any) -> list[dict[str, Any]]:
    meetings = doc.get("meetings") if isinstance(doc, dict) else None
    return [m for m in meetings or [] if isinstance(m, dict)]


def confusions(gold_dir: Path, run_dir: Path) -> dict[str, collections.Counter[tuple[str, str]]]:
    """Per slot, a counter of (gold value, predicted value) over aligned records."""
    out: dict[str, collections.Counter[tuple[str, str]]] = collections.defaultdict(
        collections.Counter)
    for gold_path in sorted(gold_dir.glob("*.json")):
        gold = _records(json.loads(gold_path.read_text(encoding="utf-8")))
        pred = _records(read_json(prediction_path(run_dir, gold_path.stem)))
        pairs, _ = align_records(gold, pred)
        for gi, pi, _ in pairs:
            g, p = gold[gi], pred[pi]
            for slot in ("status", "modality"):
                out[slot][str(g.get(slot)), str(p.get(slot))] += 1
            gp, pp = g.get("participants") or [], p.get("participants") or []
            for a, b, _ in match_participants(gp, pp):
                out["role"][str(gp[a].get("role")), str(pp[b].get("role"))] += 1
            kind = ("given, gold none" if g.get("date") is None and p.get("date")
                    else "none both" if g.get("date") is None
                    else "missing" if not p.get("date")
                    else "right" if p.get("date") == g.get("date") else "wrong")
            out["date"][kind, ""] += 1
            more = ("as many" if len(pp) == len(gp) else "more" if len(pp) > len(gp)
                    else "fewer")
            out["participants given"][more, ""] += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("run_dir", type=Path)
    args = parser.parse_args()
    for slot, counter in confusions(args.gold_dir, args.run_dir).items():
        print(f"## {slot}")
        for (g, p), n in counter.most_common():
            mark = "" if g == p or not p else "  <- wrong"
            print(f"  {g:>18} -> {p:<12} {n:4d}{mark}")


if __name__ == "__main__":
    main()
