"""Two readings of one set as one: the first run's records, and the second's that repeat none.

Whether a second reading (windows, another prompt) adds records the first missed, at what cost
in precision: ``recall.merge_extra`` of two repairs-off runs, written as a run that
``quality_sets.py --run`` reads.

    .venv/bin/python benchmarks/investigations/merge_runs.py runs/variants/base_dev \\
        runs/variants/win800_dev runs/variants/union800_dev
"""

from __future__ import annotations

import sys
from pathlib import Path

from llm_extract.quality.recall import merge_extra
from llm_extract.schema import ExtractionResult


def main() -> None:
    first, second, out = (Path(a) for a in sys.argv[1:4])
    (out / "predictions").mkdir(parents=True, exist_ok=True)
    for path in sorted((first / "predictions").glob("*.json")):
        result = ExtractionResult.model_validate_json(path.read_text(encoding="utf-8"))
        other = second / "predictions" / path.name
        if other.is_file():
            extra = ExtractionResult.model_validate_json(other.read_text(encoding="utf-8"))
            meetings, _ = merge_extra(list(result.meetings), list(extra.meetings), "second")
            result = result.model_copy(update={"meetings": meetings})
        (out / "predictions" / path.name).write_text(result.model_dump_json(), encoding="utf-8")


if __name__ == "__main__":
    main()
