"""Measure the repair layer alone: apply it to a saved run's predictions and write a new run.

The model's answers are the same; only ``llm_extract.repair`` differs, so the two runs'
scores (``llm-extract eval --compare``) isolate what the repairs add or cost.

    python benchmarks/rescore_with_repairs.py RUN_DIR GOLD_DIR OUT_RUN_DIR
    llm-extract eval --score-only OUT_RUN_DIR GOLD_DIR
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from llm_extract.normalize import fold
from llm_extract.repair import repair
from llm_extract.schema import ExtractionResult


def main(run_dir: Path, gold_dir: Path, out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(run_dir, out)
    for path in sorted((out / "predictions").glob("*.json")):
        if path.name.endswith(".error.json"):
            continue
        result = ExtractionResult.model_validate_json(path.read_text(encoding="utf-8"))
        if result.provenance.repairs:
            continue  # already repaired when extracted
        source = (gold_dir / f"{path.stem}.txt").read_text(encoding="utf-8")
        published = json.loads((gold_dir / f"{path.stem}.json").read_text())["published"]
        meetings, flags = repair(result.meetings, source, fold(source), published)
        result = result.model_copy(update={
            "meetings": meetings, "flags": [*result.flags, *flags],
            "provenance": result.provenance.model_copy(update={"repairs": True})})
        path.write_text(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2),
                        encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
