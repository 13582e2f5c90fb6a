"""Is the confidence calibrated? A reliability table per field, on the TUNE and CHECK halves.

No model is called. The run's predictions must carry ``Meeting.confidence`` (made with
``LLM_EXTRACT_JUDGE=true``). Repairs are applied offline with the shipped rules (the run
should have been made with them off), so the confidence read is the one of the final values.
Each predicted record is aligned to gold by the scorer's own alignment (participant overlap);
then, per field:

* ``record``: right when the record is aligned to a gold record (not spurious);
* ``modality`` / ``status``: right when the aligned gold record has the same value.

    python benchmarks/investigations/calibration.py RUN_DIR GOLD_DIR [--half check] [--markdown]
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path

from llm_extract.evaluation.runner import discover_articles
from llm_extract.evaluation.scorer import align_records
from llm_extract.evaluation.splits import HALVES, half_of
from llm_extract.quality.postprocess import refresh_confidence
from llm_extract.quality.repair import repair
from llm_extract.schema import ExtractionResult
from llm_extract.text.article import Article

_BINS = ((0.0, 0.5), (0.5, 0.8), (0.8, 0.9), (0.9, 1.01))
_FIELDS = ("record", "modality", "status")


def main(run_dir: Path, gold_dir: Path, half: str | None, markdown: bool) -> None:
    # field -> bin -> [right, total]
    table: dict[str, dict[tuple[float, float], list[int]]] = defaultdict(
        lambda: {b: [0, 0] for b in _BINS})
    judged = unjudged = 0
    for art in discover_articles(gold_dir):
        if half and half_of(art.id) != half:
            continue
        path = run_dir / "predictions" / f"{art.id}.json"
        if not path.is_file():
            continue
        result = ExtractionResult.model_validate_json(path.read_text(encoding="utf-8"))
        meetings = result.meetings
        if not result.provenance.repairs:
            text = art.text_path.read_text(encoding="utf-8")
            meetings, _ = repair(meetings, Article(text, art.published, art.language))
        meetings = [refresh_confidence(m) for m in meetings]
        preds = [m.model_dump(mode="json") for m in meetings]
        golds = list(art.gold.get("meetings") or [])
        pairs, _ = align_records(golds, preds)
        gold_of = {pi: gi for gi, pi, _ in pairs}
        for pi, m in enumerate(meetings):
            if m.confidence is None:
                unjudged += 1
                continue
            judged += 1
            g = golds[gold_of[pi]] if pi in gold_of else None
            correct = {"record": g is not None,
                     "modality": g is not None and g.get("modality") == m.modality,
                     "status": g is not None and g.get("status") == m.status}
            for field in _FIELDS:
                p = getattr(m.confidence, field)
                if p is None or (field != "record" and g is None):
                    continue  # a spurious record's fields have no gold to be right against
                for lo, hi in _BINS:
                    if lo <= p < hi:
                        table[field][(lo, hi)][0] += int(correct[field])
                        table[field][(lo, hi)][1] += 1
    label = half.upper() if half else "all"
    print(f"{label}: {judged} records with a confidence, {unjudged} without")
    header = "| field | " + " | ".join(f"[{lo:.1f}, {min(hi, 1.0):.1f}]" for lo, hi in _BINS) \
        + " | ≥ 0.8 |"
    print(header)
    print("|" + "---|" * (len(_BINS) + 2))
    for field in _FIELDS:
        cells = []
        for b in _BINS:
            hits, total = table[field][b]
            cells.append(f"{hits}/{total} ({hits / total:.0%})" if total else "–")
        hits = sum(table[field][b][0] for b in _BINS if b[0] >= 0.8)
        total = sum(table[field][b][1] for b in _BINS if b[0] >= 0.8)
        cells.append(f"{hits}/{total} ({hits / total:.0%})" if total else "–")
        print(f"| {field} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run_dir", type=Path)
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("--half", choices=HALVES)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    main(args.run_dir, args.gold_dir, args.half, args.markdown)
