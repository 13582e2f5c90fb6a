"""A repairs-off run's answers with this checkout's repair rules applied, written as a final run.

What another version of the rules gives on the very same model answers: check that version
out in a worktree and run this script from it, then compare with ``quality_sets.py --final``.

    git worktree add ../wt_old a1f65c5
    PYTHONPATH=../wt_old .venv/bin/python benchmarks/finalize_run.py ../shared/eval/dev \\
        runs/variants/base_dev runs/variants/oldrules_dev
"""

from __future__ import annotations

import argparse
from pathlib import Path

from llm_extract.evaluation.runner import discover_articles
from llm_extract.quality.repair import repair
from llm_extract.schema import ExtractionResult
from llm_extract.text.article import Article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="the gold folder the run was made on")
    parser.add_argument("run", type=Path, help="a run folder made with repairs off")
    parser.add_argument("out", type=Path, help="where to write the final run's predictions")
    args = parser.parse_args()
    (args.out / "predictions").mkdir(parents=True, exist_ok=True)
    for art in discover_articles(args.gold):
        path = args.run / "predictions" / f"{art.id}.json"
        if not path.is_file():
            continue
        result = ExtractionResult.model_validate_json(path.read_text(encoding="utf-8"))
        text = art.text_path.read_text(encoding="utf-8")
        meetings, _ = repair(result.meetings, Article(text, art.published, art.language))
        result = result.model_copy(update={
            "meetings": meetings,
            "provenance": result.provenance.model_copy(update={"repairs": True})})
        (args.out / "predictions" / path.name).write_text(result.model_dump_json(),
                                                          encoding="utf-8")


if __name__ == "__main__":
    main()
