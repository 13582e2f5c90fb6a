"""``llm-extract events BATCH.jsonl [more.jsonl…] -o events/``: one event per contact.

Reads batch outputs (or gold-form JSONL), clusters their records into events across outlets
and languages and writes the tables, the PLOVER-style JSONL and the saved state to the output
folder; given the same folder again, it adds the new batches' mentions to the saved events.
``llm-extract report events/`` draws the contact network of the folder.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from llm_extract.events import update_events

__all__ = ["register"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "events", help="cluster the records of many articles into events; write exports",
        description="Cluster the records of batch outputs into events (the same contact "
        "reported by several articles), incrementally, and write events/participants/"
        "mentions/actors as CSV and Parquet, plover.jsonl and the saved state "
        "(schemas: docs/events.md).",
    )
    parser.add_argument("inputs", type=Path, nargs="+", metavar="BATCH.jsonl",
                        help="llm-extract batch output(s), JSONL of gold-form articles "
                        '{"id", "meetings", "published"?, "language"?, "outlet"?}, or a '
                        "folder of gold .json files")
    parser.add_argument("-o", "--output", type=Path, required=True,
                        help="events folder: created, or updated when it exists")
    parser.add_argument("--window", type=int, default=None, metavar="DAYS",
                        help="days two reports of one contact may differ by (default 1; "
                        "an existing folder keeps its own)")
    parser.add_argument("--no-parquet", action="store_true", help="write no Parquet files")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    summary = update_events(args.inputs, args.output, window_days=args.window,
                            parquet=not args.no_parquet)
    for reason in summary.read.reasons:
        print(f"llm-extract: skipped {reason}", file=sys.stderr)
    for note in summary.notes:
        print(f"llm-extract: {note}", file=sys.stderr)
    print(summary.format(), file=sys.stderr)
    print(f"wrote {args.output}/: {', '.join(summary.written)}", file=sys.stderr)
    return 0
