"""Measure the repair layer (and the recall pass's depth) over a saved run, with no model.

The model's answers are the same; only ``llm_extract.quality.repair`` differs, so the two runs'
scores (``llm-extract eval --compare``) isolate what the repairs add or cost.

With ``--recall-limit N`` the records that the second pass added from its (N+1)-th re-read
sentence on (flag ``recalled``, ``recall[k]`` with k >= N) are removed first: the run then
equals one made with ``recall_passes=N`` (candidate sentences come in article order, so the
first N calls are the same calls). The run must have been made with repairs off
(``LLM_EXTRACT_REPAIRS=false``), so that flag paths index the saved record list.

    python benchmarks/rescore_with_repairs.py RUN_DIR GOLD_DIR OUT_RUN_DIR [--recall-limit N]
    llm-extract eval --score-only OUT_RUN_DIR GOLD_DIR
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
from pathlib import Path

from llm_extract.quality.repair import repair
from llm_extract.schema import ExtractionResult
from llm_extract.text.article import Article

_RECALLED = re.compile(r"recall\[(\d+)\]")


def _limit_recall(result: ExtractionResult, limit: int) -> ExtractionResult:
    drop = set()
    for flag in result.flags:
        found = _RECALLED.search(flag.detail)
        if flag.kind == "recalled" and found and int(found.group(1)) >= limit:
            drop.add(int(flag.path.removeprefix("meetings[").rstrip("]")))
    meetings = [m for i, m in enumerate(result.meetings) if i not in drop]
    return result.model_copy(update={"meetings": meetings, "provenance": result.provenance
                                     .model_copy(update={"recall_passes": limit})})


def main(run_dir: Path, gold_dir: Path, out: Path, recall_limit: int | None) -> None:
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(run_dir, out)
    for path in sorted((out / "predictions").glob("*.json")):
        if path.name.endswith(".error.json"):
            continue
        result = ExtractionResult.model_validate_json(path.read_text(encoding="utf-8"))
        if result.provenance.repairs:
            if recall_limit is not None:
                raise SystemExit(f"{path}: made with repairs on; --recall-limit needs them off")
            continue  # already repaired when extracted
        if recall_limit is not None:
            result = _limit_recall(result, recall_limit)
        source = (gold_dir / f"{path.stem}.txt").read_text(encoding="utf-8")
        gold = json.loads((gold_dir / f"{path.stem}.json").read_text(encoding="utf-8"))
        # The language the extraction was given (the gold file's, as `eval` passes it), so
        # that the rules read the same cue tables offline as in the pipeline.
        language = result.provenance.language or gold.get("language")
        meetings, flags = repair(result.meetings, Article(source, gold["published"], language))
        result = result.model_copy(update={
            "meetings": meetings, "flags": [*result.flags, *flags],
            "provenance": result.provenance.model_copy(update={"repairs": True})})
        path.write_text(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2),
                        encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("run_dir", type=Path)
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--recall-limit", type=int)
    args = parser.parse_args()
    main(args.run_dir, args.gold_dir, args.out, args.recall_limit)
