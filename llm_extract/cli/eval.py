"""``llm-extract eval``: run a pipeline over a gold folder and score it; re-score; compare.

    llm-extract eval GOLD_DIR [--run-dir DIR] [--limit N] [--ids A,B] [--pipeline NAME]
    llm-extract eval --score-only RUN_DIR GOLD_DIR
    llm-extract eval --from-batch OUT.jsonl GOLD_DIR [--run-dir DIR]   (score a batch output)
    llm-extract eval --compare RUN_A RUN_B        (same as: llm-extract eval-compare RUN_A RUN_B)

The report is always written and printed, failures included (error files, validity
figures). The exit code is for automation: 0 when every article was extracted and the headline
micro F1 is at least ``--fail-under`` (when given), 1 otherwise — a wrong API key that fails
every article ("micro F1 0.000") must not pass a CI gate.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from llm_extract.cli._options import add_model_options, settings_from_args
from llm_extract.errors import ConfigurationError
from llm_extract.evaluation.compare import load_report, render_compare
from llm_extract.evaluation.from_batch import import_batch
from llm_extract.evaluation.oracle import ORACLE_PROMPT_VERSION, OracleExtractor
from llm_extract.evaluation.pipelines import PIPELINES, get_pipeline
from llm_extract.evaluation.report import render_text
from llm_extract.evaluation.runner import discover_articles, run_eval, score_run
from llm_extract.evaluation.splits import HALVES, select

__all__ = ["register"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``eval`` and its shorthand ``eval-compare`` (one module, one COMMANDS row)."""
    parser = sub.add_parser(
        "eval", help="score a pipeline against gold JSON (resumable run directory)",
        description="Extract every NNN.txt of GOLD_DIR that has a NNN.json beside it, save the "
        "predictions in a run directory and score them against the gold records.",
    )
    parser.add_argument("gold_dir", type=Path, nargs="?", metavar="GOLD_DIR",
                        help="folder of NNN.txt articles with NNN.json gold files")
    parser.add_argument("--run-dir", type=Path,
                        help="where predictions and report go; an existing one is resumed "
                        "(default: runs/eval-<timestamp>-<pipeline>)")
    parser.add_argument("--limit", type=int, help="only the first N articles (sorted by id)")
    parser.add_argument("--ids", help="only these article ids, comma-separated (000_ar,030_en)")
    parser.add_argument("--split", choices=HALVES,
                        help="only one fixed half of the dev set: tune (ids whose number is a "
                        "multiple of 4) or check (the others); see evaluation/splits.py")
    parser.add_argument("--pipeline", choices=sorted(PIPELINES), default="default",
                        help="which extractor to run (default: default)")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--score-only", type=Path, metavar="RUN_DIR",
                        help="re-score the predictions saved in RUN_DIR; no model is called")
    action.add_argument("--from-batch", type=Path, metavar="BATCH_JSONL",
                        help="score the lines of an `llm-extract batch` output (newest line of "
                        "an id wins) as a run in --run-dir; no model is called")
    action.add_argument("--oracle", action="store_true",
                        help="feed each gold file's records, as the model's answer, through the "
                        "whole post-model layer (grounding, recall merge, repairs) and score "
                        "what comes out; no model is called (1.000 = the layer does no harm)")
    action.add_argument("--compare", type=Path, nargs=2, metavar=("RUN_A", "RUN_B"),
                        help="print two scored runs side by side")
    parser.add_argument("--fail-under", type=float, metavar="F1",
                        help="exit 1 when the headline micro F1 is below F1 (a CI gate); "
                        "any article that errored exits 1 in any case")
    add_model_options(parser)
    parser.set_defaults(func=run)

    compare = sub.add_parser("eval-compare", help="two scored eval runs side by side")
    compare.add_argument("run_a", type=Path, metavar="RUN_A")
    compare.add_argument("run_b", type=Path, metavar="RUN_B")
    compare.set_defaults(func=run_compare)


def _ids(value: str | None) -> list[str] | None:
    if not value:
        return None
    return [part.strip() for part in value.split(",") if part.strip()] or None


def run_compare(args: argparse.Namespace) -> int:
    sys.stdout.write(render_compare(load_report(args.run_a), load_report(args.run_b)))
    return 0


def verdict(report: dict[str, Any], fail_under: float | None) -> int:
    """The exit code of a scored run: 1 (with a line on stderr saying why) when an article
    errored or the headline micro F1 is below ``fail_under``, else 0."""
    code = 0
    errors = int((report.get("validity") or {}).get("errors") or 0)
    if errors:
        kinds = ", ".join(f"{k} {n}" for k, n in (report.get("errors_by_kind") or {}).items())
        print(f"llm-extract: {errors} article(s) failed ({kinds})", file=sys.stderr)
        code = 1
    f1 = float((report.get("headline") or {}).get("f1") or 0.0)
    if fail_under is not None and f1 < fail_under:
        print(f"llm-extract: micro F1 {f1:.3f} is below --fail-under {fail_under:.3f}",
              file=sys.stderr)
        code = 1
    return code


def run(args: argparse.Namespace) -> int:
    if args.compare:
        sys.stdout.write(render_compare(load_report(args.compare[0]), load_report(args.compare[1])))
        return 0
    if args.gold_dir is None:
        raise ConfigurationError("GOLD_DIR is required (llm-extract eval GOLD_DIR ...)")
    if args.limit is not None and args.limit < 0:
        raise ConfigurationError("--limit must be zero or more")
    ids = _ids(args.ids)
    if args.split:
        known = [a.id for a in discover_articles(args.gold_dir)] if ids is None else ids
        ids = select(known, args.split)
    if args.score_only:
        report = score_run(args.score_only, args.gold_dir, ids=ids, limit=args.limit)
        sys.stdout.write(render_text(report))
        return verdict(report, args.fail_under)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    if args.from_batch:
        run_dir = args.run_dir or Path("runs") / f"eval-{stamp}-batch"
        imported = import_batch(args.from_batch, run_dir, gold_dir=args.gold_dir)
        print(f"run dir: {run_dir} ({imported.predictions} predictions, {imported.errors} "
              f"errors, {imported.skipped_lines} unreadable lines skipped)", file=sys.stderr)
        report = score_run(run_dir, args.gold_dir, ids=ids, limit=args.limit)
        sys.stdout.write(render_text(report))
        return verdict(report, args.fail_under)
    settings = settings_from_args(args)
    if args.oracle:
        run_dir = args.run_dir or Path("runs") / f"eval-{stamp}-oracle"
        print(f"run dir: {run_dir}", file=sys.stderr)
        report = run_eval(
            args.gold_dir, run_dir, OracleExtractor.from_gold_dir(args.gold_dir, settings),
            settings=settings, pipeline="oracle", prompt_version=ORACLE_PROMPT_VERSION,
            ids=ids, limit=args.limit,
        )
        sys.stdout.write(render_text(report))
        return verdict(report, args.fail_under)
    pipeline = get_pipeline(args.pipeline)
    run_dir = args.run_dir or Path("runs") / f"eval-{stamp}-{pipeline.name}"
    print(f"run dir: {run_dir}", file=sys.stderr)
    report = run_eval(
        args.gold_dir, run_dir, pipeline.build(settings), settings=settings,
        pipeline=pipeline.name, prompt_version=pipeline.prompt_version(settings),
        ids=ids, limit=args.limit,
    )
    sys.stdout.write(render_text(report))
    return verdict(report, args.fail_under)
