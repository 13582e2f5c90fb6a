"""``llm-extract batch INPUT -o OUTPUT.jsonl``: many articles, one resumable JSONL line each.

Exit codes: 0 every input has an ok line, 1 some inputs failed (in this run or an earlier
one: see their error lines), 2 no input (a folder without .txt or .html files), 130
interrupted (re-run the same command to resume).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from llm_extract.cli._options import add_format_option, add_model_options, settings_from_args
from llm_extract.cli.log import add_log_db_options, log_from_args
from llm_extract.errors import ConfigurationError

__all__ = ["register"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "batch", help="extract from a folder of .txt files or a JSONL file, resumably",
        description="One output line per input: "
        '{"id", "source", "status": "ok"|"error", "result", "error"}. '
        "Re-running the same command skips inputs already in the output.",
    )
    parser.add_argument("input", type=Path,
                        help="folder of .txt articles and .html/.htm web pages (id = file "
                        'stem) or JSONL of {"id", "text" or "html", "published"?, '
                        '"language"?}')
    parser.add_argument("-o", "--output", type=Path, required=True, help="JSONL file to append to")
    parser.add_argument("--concurrency", type=int, default=1,
                        help="extractions at once (default 1); the embedded server gets as "
                        "many slots")
    parser.add_argument("--retry-errors", action="store_true",
                        help="redo inputs whose newest output line is an error")
    parser.add_argument("--quiet", action="store_true", help="no progress, only the summary")
    add_format_option(parser, "text inputs (.txt files, JSONL text fields; html fields and "
                      ".html files are always pages)")
    add_model_options(parser)
    add_log_db_options(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from llm_extract.batch import run_batch  # here, not at the top: --help stays instant
    from llm_extract.extractor import Extractor

    if args.concurrency < 1:
        raise ConfigurationError("--concurrency must be at least 1")
    settings = settings_from_args(args, concurrency=args.concurrency)
    log = log_from_args(args, settings)
    try:
        summary = run_batch(
            args.input, args.output, Extractor(settings),
            concurrency=args.concurrency, retry_errors=args.retry_errors, log=log,
            progress=None if args.quiet else sys.stderr, format=args.format,
        )
    finally:
        if log is not None:
            log.close()
    print(summary.format(), file=sys.stderr)
    if summary.interrupted:
        print("llm-extract: interrupted; re-run the same command to resume", file=sys.stderr)
        return 130
    # 1 also on a re-run that had nothing left to do but whose output still holds error lines:
    # automation reads "every input has a result" from exit 0.
    return 1 if summary.failed or summary.still_failed else 0
