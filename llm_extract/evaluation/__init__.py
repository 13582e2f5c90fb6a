"""Evaluation against gold JSON: the reference scorer, a resumable runner and a naive baseline.

    scorer     the guidelines' scoring rules on plain dicts (no model, no pydantic)
    counts     count dataclasses, corpus sums, how (partial) true positives become P/R/F1
    rundir     the run directory's files: settings, predictions, error files, report
    runner     run a pipeline over a gold folder (resumable), or re-score a run
    report     report.json and its text rendering
    compare    two runs side by side
    pipelines  the table of pipelines (default, naive)
    naive      the naive peer pipeline: one plain instructor call
    oracle     gold records through the post-model layer (``eval --oracle``): does it harm?
    splits     the dev set's fixed TUNE and CHECK halves

The CLI is ``llm-extract eval`` (``llm_extract/cli/eval.py``).
"""

from llm_extract.evaluation.counts import (
    SLOTS,
    ArticleScore,
    CorpusScore,
    Counts,
    SlotCounts,
    score_corpus,
)
from llm_extract.evaluation.runner import discover_articles, run_eval, score_run
from llm_extract.evaluation.scorer import (
    align_records,
    match_participants,
    name_score,
    score_article,
)

__all__ = [
    "SLOTS",
    "ArticleScore",
    "CorpusScore",
    "Counts",
    "SlotCounts",
    "align_records",
    "discover_articles",
    "match_participants",
    "name_score",
    "run_eval",
    "score_article",
    "score_corpus",
    "score_run",
]
