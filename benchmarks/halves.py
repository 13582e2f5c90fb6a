"""One markdown row per scored run: TUNE and CHECK side by side, then the whole set.

Every change is chosen on TUNE and read on CHECK (``llm_extract.evaluation.splits``); this
prints the columns the "What was tried" table of docs/benchmarks-history.md needs from each run's
``report.json`` (``llm-extract eval`` or ``eval --from-batch`` / ``--score-only`` writes it).

    python benchmarks/halves.py LABEL=RUN_DIR [LABEL=RUN_DIR ...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _f(value: float) -> str:
    return f"{value:.3f}"


def row(label: str, run: Path) -> str:
    report = json.loads((run / "report.json").read_text(encoding="utf-8"))
    halves = report["halves"]
    micro, records = report["headline"], report["records"]
    empty = report.get("empty_articles", {})
    false_on_empty = f"{empty.get('with_false_records', '?')} of {empty.get('articles', '?')}"
    cells = [
        label,
        _f(halves["tune"]["micro"]["f1"]), _f(halves["check"]["micro"]["f1"]),
        _f(halves["tune"]["records"]["f1"]), _f(halves["check"]["records"]["f1"]),
        _f(micro["f1"]), f"{_f(micro['precision'])} / {_f(micro['recall'])}",
        _f(records["f1"]), f"{records.get('pred', '?')} / {records.get('gold', '?')}",
        str(false_on_empty),
    ]
    return "| " + " | ".join(cells) + " |"


def main(argv: list[str]) -> None:
    print("| run | TUNE F1 | CHECK F1 | TUNE record F1 | CHECK record F1 | all F1 | P / R "
          "| record F1 | records pred / gold | empty articles with records |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for arg in argv:
        label, _, path = arg.partition("=")
        print(row(label, Path(path)))


if __name__ == "__main__":
    main(sys.argv[1:])
