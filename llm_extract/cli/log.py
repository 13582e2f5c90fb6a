"""``llm-extract log``: list and filter the provenance log; and the ``--log``/``--log-db`` options.

The log is off unless asked for, because it stores raw model answers (which echo article
text) on disk: ``--log-db PATH`` writes to PATH, ``--log`` to ``<cache_dir>/provenance.sqlite``
(cache_dir from ``LLM_EXTRACT_CACHE_DIR``, default ``~/.cache/llm_extract``). Reading without
``--db`` uses that same default file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from dataclasses import asdict
from pathlib import Path

from llm_extract._io import encode_result
from llm_extract.errors import ConfigurationError
from llm_extract.provenance_log import LogRow, ProvenanceLog, default_log_path
from llm_extract.settings import Settings

__all__ = ["add_log_db_options", "log_from_args", "parse_since", "register"]

_RELATIVE = re.compile(r"^(\d+)\s*([smhdw])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def add_log_db_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("provenance log (off unless one of these is given)")
    choice = group.add_mutually_exclusive_group()
    choice.add_argument("--log-db", type=Path, metavar="PATH",
                        help="write one SQLite row per extraction to PATH")
    choice.add_argument("--log", action="store_true",
                        help="write it to <cache_dir>/provenance.sqlite")


def log_from_args(args: argparse.Namespace, settings: Settings) -> ProvenanceLog | None:
    """The log the options ask for (scrubbing the settings' API key), or None."""
    path = args.log_db or (default_log_path(settings) if args.log else None)
    return ProvenanceLog.for_settings(path, settings) if path is not None else None


def parse_since(value: str, *, now: dt.datetime | None = None) -> str:
    """An ISO date/time, or an age like ``30m``, ``12h``, ``7d``, as a UTC ISO timestamp."""
    now = now or dt.datetime.now(dt.UTC)
    match = _RELATIVE.match(value.strip())
    if match:
        when = now - dt.timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})
    else:
        try:
            when = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise ConfigurationError(
                f"--since {value!r}: expected an ISO date/time or an age like 30m, 12h, 7d"
            ) from None
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.UTC)
    return when.astimezone(dt.UTC).isoformat(timespec="milliseconds")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("log", help="list and filter the provenance log")
    parser.add_argument("--db", type=Path, help="log file (default <cache_dir>/provenance.sqlite)")
    parser.add_argument("--status", choices=["ok", "error"])
    parser.add_argument("--since", help="ISO date/time (UTC if no offset) or age: 30m, 12h, 7d")
    parser.add_argument("--model", help="only rows of this model name")
    parser.add_argument("--id", dest="item_id", help="only rows of this input id")
    parser.add_argument("--limit", type=int, default=50, help="newest N rows (default 50; 0 = all)")
    parser.add_argument("--json", action="store_true", help="one JSON object per row")
    parser.set_defaults(func=run)


def _table_line(row: LogRow) -> str:
    tokens = row.prompt_tokens + row.completion_tokens
    latency = f"{row.latency_s:.2f}s" if row.latency_s is not None else "-"
    outcome = row.status if row.status == "ok" else f"error:{row.error_kind}"
    return "  ".join([
        row.created_at[:19], f"{outcome:<24}", f"{row.item_id or '-':<24}",
        f"{row.model or '-':<20}", f"{row.mode or '-':<12}", f"{row.attempts:>3}",
        f"{tokens:>7}", f"{latency:>8}",
    ])


def run(args: argparse.Namespace) -> int:
    path = args.db or default_log_path(Settings.from_env())
    if not path.is_file():
        raise ConfigurationError(f"no provenance log at {path} (write one with --log-db/--log)")
    log = ProvenanceLog(path)
    try:
        rows = log.query(
            status=args.status, model=args.model, item_id=args.item_id,
            since=parse_since(args.since) if args.since else None,
            limit=args.limit if args.limit > 0 else None,
        )
    finally:
        log.close()
    out = sys.stdout
    if args.json:
        for row in rows:
            out.write(encode_result("jsonl", asdict(row)))
        return 0
    out.write("  ".join([
        f"{'time (UTC)':<19}", f"{'status':<24}", f"{'id':<24}", f"{'model':<20}",
        f"{'mode':<12}", "att", f"{'tokens':>7}", f"{'latency':>8}",
    ]) + "\n")
    for row in rows:
        out.write(_table_line(row) + "\n")
    return 0
