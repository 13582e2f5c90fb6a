"""``llm-extract report INPUT -o report.html``: a review page people would rather look at.

INPUT is an eval run folder, a batch JSONL, or one ``extract`` result JSON (then ``--text``
gives its article); or an ``llm-extract events`` folder, for its contact network, timeline and
events with their mentions side by side. The page is one HTML file with everything inlined,
so it can be mailed or kept as a CI artefact and opened offline.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from llm_extract.cli._output import check_output, write_atomic
from llm_extract.errors import InputError

__all__ = ["register"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "report",
        help="write a self-contained HTML review page",
        description="Write one self-contained HTML page from an eval run folder, a batch "
        "JSONL or a single extract result (with --text for its article).",
    )
    parser.add_argument("input", type=Path,
                        help="eval run folder, batch .jsonl, result .json or events folder")
    parser.add_argument("-o", "--output", type=Path, default=Path("report.html"),
                        help="HTML file to write (default: report.html)")
    parser.add_argument("--text", type=Path, help="article text of a single result JSON")
    parser.add_argument("--title", help="page title (default: from the input name)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # imported here: --help stays instant
    from llm_extract.report import is_events_folder, load, render_report, write_events_report

    if is_events_folder(args.input):
        check_output(args.output)
        events = write_events_report(args.input, args.output, title=args.title)
        print(f"wrote {args.output} ({len(events.events)} event(s))", file=sys.stderr)
        return 0
    if args.text is not None and not args.text.is_file():
        raise InputError(f"no such file: {args.text}")
    check_output(args.output)
    data = load(args.input, text_file=args.text)
    if args.text is not None and data.kind != "single":
        print(f"llm-extract: --text ignored: {args.input} carries its own texts", file=sys.stderr)
    # a lone surrogate from a broken JSON escape becomes U+FFFD, as write_report does
    page = render_report(data, args.title).encode("utf-8", errors="replace")
    write_atomic(args.output, page)
    print(f"wrote {args.output} ({len(data.articles)} article(s))", file=sys.stderr)
    return 0
