"""Mentions: one record of one article, read from batch output or gold-form JSONL.

A mention is the unit GDELT calls a mention: one report of a contact by one article, with the
article's id, its outlet or source when the input gives them, the evidence offsets and the
record exactly as it was extracted. Two line forms are read, so that the same command fuses
model output and hand-made gold records:

* a ``llm-extract batch`` line: ``{"id", "source", "status", "result", "error"}`` (an
  ``"outlet"`` key is read when present; for a JSONL input, ``source`` is ``FILE.jsonl:LINE``
  and that input record's ``outlet`` is read too);
* a gold-form line: ``{"id", "meetings": [...], "published"?, "language"?, "outlet"?}`` (the
  guidelines' file format, one article per line); or a folder of such files, one ``.json``
  file per article (a gold dev set as it is).

A malformed line (not JSON, no id, records that do not validate) is skipped and counted with
its reason, never a traceback; a line whose extraction failed is counted as an error. As in
the batch runner, a later line for the same id replaces an earlier one of the same file.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from llm_extract.errors import InputError
from llm_extract.schema import ExtractionResult, Meeting

__all__ = ["EventsInputError", "Mention", "ReadStats", "read_mentions"]

_MAX_REASONS = 20


class EventsInputError(InputError):
    """An input of ``llm-extract events`` that cannot be read at all (missing, not UTF-8)."""

    kind = "events_input"


@dataclass
class Mention:
    """One record of one article. ``actors`` (one per participant, None for the unnamed) is
    filled when the mention is placed in an event."""

    article_id: str
    index: int
    meeting: Meeting
    source: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    batch: str | None = None
    actors: list[str | None] = field(default_factory=list)

    @property
    def id(self) -> str:
        """``ARTICLE#INDEX``: stable, so a re-read batch adds nothing twice."""
        return f"{self.article_id}#{self.index}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "article_id": self.article_id, "index": self.index,
            "source": self.source, "outlet": self.outlet, "published": self.published,
            "language": self.language, "batch": self.batch, "actors": self.actors,
            "record": self.meeting.model_dump(mode="json"),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return cls(
            article_id=str(data["article_id"]), index=int(data["index"]),
            meeting=Meeting.model_validate(data["record"]), source=data.get("source"),
            outlet=data.get("outlet"), published=data.get("published"),
            language=data.get("language"), batch=data.get("batch"),
            actors=list(data.get("actors") or []),
        )


@dataclass
class ReadStats:
    """What reading the inputs found: the counts a command prints and the manifest keeps."""

    lines: int = 0
    articles: int = 0
    mentions: int = 0
    errors: int = 0
    superseded: int = 0
    skipped: int = 0
    reasons: list[str] = field(default_factory=list)

    def skip(self, where: str, why: str) -> None:
        self.skipped += 1
        if len(self.reasons) < _MAX_REASONS:
            self.reasons.append(f"{where}: {why}")


_JSONL_SOURCE = re.compile(r"^(?P<path>.+\.jsonl?):(?P<line>\d+)$")


class _Outlets:
    """The ``outlet`` of a batch input record named ``FILE.jsonl:LINE`` (read once per file)."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.files: dict[str, list[str] | None] = {}

    def lookup(self, source: str | None) -> str | None:
        match = _JSONL_SOURCE.match(source or "")
        if match is None:
            return None
        name = match["path"]
        if name not in self.files:
            self.files[name] = None
            for option in (Path(name), self.base / name):
                if option.is_file():
                    with contextlib.suppress(OSError, UnicodeDecodeError):
                        self.files[name] = option.read_text(encoding="utf-8").split("\n")
                    break
        lines = self.files[name]
        try:
            record = json.loads(lines[int(match["line"]) - 1]) if lines else None
        except (IndexError, ValueError):
            return None
        outlet = record.get("outlet") if isinstance(record, dict) else None
        return outlet if isinstance(outlet, str) else None


def _text_field(row: dict[str, Any], key: str) -> str | None:
    value = row.get(key)
    return value if isinstance(value, str) and value.strip() else None


def _meetings(row: dict[str, Any]) -> tuple[list[Meeting], str | None, str | None] | str:
    """The records of one line, with the published date and language it gives; or why not."""
    try:
        if "meetings" in row and "result" not in row:
            meetings = row["meetings"]
            if not isinstance(meetings, list):
                return "'meetings' is not a list"
            return ([Meeting.model_validate(m) for m in meetings],
                    _text_field(row, "published"), _text_field(row, "language"))
        if row.get("status") == "error" or row.get("result") is None:
            return "error"
        result = ExtractionResult.model_validate(row["result"])
    except ValidationError as exc:
        return f"records do not validate ({exc.error_count()} error(s): "\
            f"{exc.errors()[0]['msg']})"
    prov = result.provenance
    return (result.meetings, prov.published or _text_field(row, "published"),
            prov.language or _text_field(row, "language"))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise EventsInputError(f"no such file: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise EventsInputError(f"cannot read {path}: {exc}") from exc


def _lines(path: Path) -> Iterator[tuple[str, str]]:
    """``(where, JSON text)`` of each article: the lines of a JSONL file, or each ``*.json``
    file of a folder of gold files (the annotation guidelines' layout, ``NNN_xx.json``)."""
    if path.is_dir():
        for file in sorted(path.glob("*.json")):
            yield file.name, _read(file)
        return
    # split("\n"), not splitlines(): JSON strings may hold U+2028 and other line separators.
    for number, line in enumerate(_read(path).split("\n"), start=1):
        if line.strip():
            yield f"{path.name}:{number}", line


def _rows(path: Path, stats: ReadStats) -> dict[str, tuple[str, dict[str, Any]]]:
    """The newest line per article id of one input (a resumed batch may repeat an id)."""
    rows: dict[str, tuple[str, dict[str, Any]]] = {}
    for where, line in _lines(path):
        stats.lines += 1
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            stats.skip(where, f"not JSON ({exc.msg})")
            continue
        except RecursionError:
            stats.skip(where, "JSON nested too deeply")
            continue
        ident = row.get("id") if isinstance(row, dict) else None
        if not isinstance(ident, str | int) or isinstance(ident, bool) or str(ident) == "":
            stats.skip(where, "no article id" if isinstance(row, dict) else "not a JSON object")
            continue
        if str(ident) in rows:
            stats.superseded += 1
        rows[str(ident)] = (where, row)
    return rows


def read_mentions(path: Path, stats: ReadStats | None = None) -> Iterator[Mention]:
    """The mentions of one batch or gold-form JSONL file (or folder of gold files), counting
    what was skipped."""
    stats = stats if stats is not None else ReadStats()
    outlets = _Outlets(path.parent)
    for ident, (where, row) in _rows(path, stats).items():
        found = _meetings(row)
        if found == "error":
            stats.errors += 1
            continue
        if isinstance(found, str):
            stats.skip(where, found)
            continue
        meetings, published, language = found
        stats.articles += 1
        source = _text_field(row, "source")
        outlet = _text_field(row, "outlet") or outlets.lookup(source)
        for index, meeting in enumerate(meetings):
            stats.mentions += 1
            yield Mention(ident, index, meeting, source=source, outlet=outlet,
                          published=published, language=language, batch=path.name)
