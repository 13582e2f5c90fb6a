"""The events folder: saved state, incremental updates and the exports, in one place.

``OUT/`` holds the state that the next update starts from, so that a new batch adds mentions
to existing events without the old batches being read again:

* ``events.jsonl``: one event per line, its consensus record, conflicts and mentions (each
  with its record as extracted and the actor id of each participant);
* ``actors.jsonl``: every actor with every rendering seen;
* ``manifest.json``: the format, the clustering window and every batch read (name, SHA-256,
  counts), so an unchanged batch given again is skipped whole;

and the exports, rewritten from that state on every update: ``events``, ``participants``,
``mentions`` and ``actors`` as ``.csv`` and ``.parquet``, and ``plover.jsonl``. Every file is
replaced atomically.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from llm_extract._io import encode_result, write_atomic
from llm_extract.errors import ConfigurationError
from llm_extract.events.actors import Actor, ActorRegistry
from llm_extract.events.cluster import DEFAULT_WINDOW_DAYS, EventSet
from llm_extract.events.consensus import Consensus, consensus
from llm_extract.events.export import (
    have_pyarrow,
    plover_line,
    write_csv,
    write_jsonl,
    write_parquet,
)
from llm_extract.events.mentions import EventsInputError, Mention, ReadStats, read_mentions
from llm_extract.events.tables import TABLES, rows

__all__ = ["FORMAT", "UpdateSummary", "load_events", "save_events", "update_events"]

FORMAT = "llm-extract-events/1"


@dataclass
class UpdateSummary:
    """What one update did: the counts a command prints."""

    read: ReadStats = field(default_factory=ReadStats)
    batches_unchanged: list[str] = field(default_factory=list)
    new_mentions: int = 0
    repeated_mentions: int = 0
    new_events: int = 0
    events: int = 0
    actors: int = 0
    written: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def format(self) -> str:
        r = self.read
        parts = [f"{r.lines} line(s) read", f"{r.articles} article(s)",
                 f"{self.new_mentions} new mention(s)"]
        if self.repeated_mentions:
            parts.append(f"{self.repeated_mentions} already present")
        if r.errors:
            parts.append(f"{r.errors} extraction error line(s)")
        if r.skipped:
            parts.append(f"{r.skipped} malformed line(s) skipped")
        if self.batches_unchanged:
            parts.append(f"{len(self.batches_unchanged)} unchanged batch(es) not re-read")
        return (", ".join(parts) + f"; {self.events} event(s) ({self.new_events} new), "
                f"{self.actors} actor(s)")


def _sha256(path: Path) -> str:
    """The content hash of an input: a file, or a folder's ``*.json`` files (names included)."""
    digest = hashlib.sha256()
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    try:
        for file in files:
            digest.update(file.name.encode() + b"\0")
            with file.open("rb") as data:
                for block in iter(lambda: data.read(1 << 20), b""):
                    digest.update(block)
    except FileNotFoundError:
        raise EventsInputError(f"no such file: {path}") from None
    except OSError as exc:
        raise EventsInputError(f"cannot read {path}: {exc}") from exc
    return digest.hexdigest()


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").split("\n")
    return [json.loads(line) for line in lines if line.strip()]


def load_events(folder: Path) -> tuple[EventSet, dict[str, Any]]:
    """The saved event set of ``folder`` and its manifest (empty ones for a new folder)."""
    manifest_file = folder / "manifest.json"
    if not manifest_file.is_file():
        return EventSet(), {"format": FORMAT, "window_days": None, "batches": []}
    try:
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            raise EventsInputError(f"{folder} holds events of format {manifest.get('format')!r}"
                                   f", not {FORMAT!r}: use a new folder")
        registry = ActorRegistry(Actor.from_dict(a) for a in _read_jsonl(folder / "actors.jsonl"))
        events = EventSet(int(manifest["window_days"]), registry)
        for line in _read_jsonl(folder / "events.jsonl"):
            events.restore(line["id"], [Mention.from_dict(m) for m in line["mentions"]])
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError,
            ValidationError) as exc:
        raise EventsInputError(f"the saved events in {folder} are unreadable "
                               f"({type(exc).__name__}: {str(exc).splitlines()[0]})") from exc
    return events, manifest


def _consensus_all(events: EventSet) -> dict[str, Consensus]:
    return {ident: consensus(e, events.registry) for ident, e in events.events.items()}


def save_events(folder: Path, events: EventSet, manifest: dict[str, Any], *,
                parquet: bool = True) -> tuple[list[str], list[str]]:
    """Write the state and every export; the files written and any notes (Parquet skipped)."""
    folder.mkdir(parents=True, exist_ok=True)
    agreed = _consensus_all(events)
    written: list[str] = []
    notes: list[str] = []
    state = ({"id": e.id, "consensus": agreed[e.id].meeting.model_dump(mode="json"),
              "consensus_actors": agreed[e.id].actors,
              "conflicts": [c.to_dict() for c in agreed[e.id].conflicts],
              "mentions": [m.to_dict() for m in e.mentions]} for e in events.events.values())
    write_jsonl(state, folder / "events.jsonl")
    write_jsonl((a.to_dict() for a in events.registry.actors.values()), folder / "actors.jsonl")
    write_jsonl((plover_line(e, agreed[e.id]) for e in events.events.values()),
                folder / "plover.jsonl")
    written += ["events.jsonl", "actors.jsonl", "plover.jsonl"]
    tables = rows(events.events, agreed, events.registry)
    use_parquet = parquet and have_pyarrow()
    if parquet and not use_parquet:
        notes.append("Parquet skipped: pyarrow is not installed (pip install "
                     "'llm-extract[events]')")
    for table in TABLES:
        write_csv(table, tables[table.name], folder / f"{table.name}.csv")
        written.append(f"{table.name}.csv")
        if use_parquet:
            write_parquet(table, tables[table.name], folder / f"{table.name}.parquet")
            written.append(f"{table.name}.parquet")
    write_atomic(folder / "manifest.json", encode_result("json", manifest))
    written.append("manifest.json")
    return written, notes


def update_events(inputs: Sequence[Path], folder: Path, *, window_days: int | None = None,
                  parquet: bool = True) -> UpdateSummary:
    """Fuse the records of ``inputs`` (batch or gold-form JSONL) into the events of ``folder``.

    A new folder is created; an existing one is updated in place: new mentions join existing
    events or make new ones, mentions already present (same article id and index) are not
    added twice, and a batch file already read unchanged is not read again.
    """
    if window_days is not None and window_days < 0:
        raise ConfigurationError("the window must be 0 days or more")
    events, manifest = load_events(folder)
    saved_window = manifest.get("window_days")
    if saved_window is not None and window_days is not None and window_days != saved_window:
        raise ConfigurationError(f"{folder} was built with a {saved_window}-day window; "
                                 f"use the same --window or a new folder")
    window = window_days if window_days is not None else (
        saved_window if saved_window is not None else DEFAULT_WINDOW_DAYS)
    events.window = window
    manifest["window_days"] = window
    summary = UpdateSummary()
    seen = {b.get("sha256") for b in manifest["batches"]}
    before = len(events.events)
    for path in inputs:
        digest = _sha256(path)
        if digest in seen:
            summary.batches_unchanged.append(str(path))
            continue
        stats = ReadStats()
        new = events.add(read_mentions(path, stats))
        summary.new_mentions += new
        summary.repeated_mentions += stats.mentions - new
        for name in ("lines", "articles", "mentions", "errors", "superseded", "skipped"):
            setattr(summary.read, name, getattr(summary.read, name) + getattr(stats, name))
        summary.read.reasons += stats.reasons
        manifest["batches"].append({"path": str(path), "sha256": digest, "lines": stats.lines,
                                    "articles": stats.articles, "mentions": stats.mentions,
                                    "new_mentions": new, "errors": stats.errors,
                                    "skipped": stats.skipped})
        seen.add(digest)
    summary.new_events = len(events.events) - before
    summary.events = len(events.events)
    summary.actors = len(events.registry.actors)
    summary.written, summary.notes = save_events(folder, events, manifest, parquet=parquet)
    return summary
