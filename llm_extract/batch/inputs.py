"""Batch inputs: a folder of ``.txt`` files (id = file stem) or a JSONL file of records.

Every input yields exactly one :class:`BatchItem`; one that cannot be extracted from carries its
typed error instead of text, so it becomes an error line rather than vanishing. Readers are
lazy, so a large input is never held in memory whole.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from llm_extract.errors import EmptyTextError, InputError, InvalidEncodingError, LLMExtractError

__all__ = [
    "BatchItem",
    "DuplicateIdError",
    "InvalidRecordError",
    "MissingIdError",
    "read_inputs",
    "resume_key",
]


class MissingIdError(InputError):
    kind = "missing_id"


class DuplicateIdError(InputError):
    kind = "duplicate_id"


class InvalidRecordError(InputError):
    """A JSONL line that is not a JSON object with a string ``text``."""

    kind = "invalid_record"


_KEYED_BY_SOURCE = {MissingIdError.kind, DuplicateIdError.kind, InvalidRecordError.kind}


def resume_key(item_id: str | None, source: str | None, error_kind: str | None) -> str:
    """The resume key: the id, unless the input's id is absent or not its own."""
    if item_id is None or (error_kind in _KEYED_BY_SOURCE and source is not None):
        return source or ""
    return item_id


@dataclass(frozen=True)
class BatchItem:
    """One input; ``error`` is set when the input itself cannot be extracted from."""

    id: str | None
    source: str | None
    text: str | None = None
    published: str | None = None
    language: str | None = None
    error: LLMExtractError | None = None

    @property
    def key(self) -> str:
        return resume_key(self.id, self.source, self.error.kind if self.error else None)


def _decode(data: bytes) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidEncodingError(f"not valid UTF-8 (byte {exc.start}: {exc.reason})") from None
    if not text.strip():
        raise EmptyTextError("input text is empty")
    return text


def _read_folder(folder: Path) -> Iterator[BatchItem]:
    for path in sorted(p for p in folder.iterdir() if p.suffix == ".txt" and p.is_file()):
        try:
            yield BatchItem(path.stem, str(path), _decode(path.read_bytes()))
        except InputError as exc:
            yield BatchItem(path.stem, str(path), error=exc)
        except OSError as exc:
            yield BatchItem(path.stem, str(path), error=InputError(f"unreadable: {exc}"))


def _parse_record(raw: bytes, source: str, seen: set[str]) -> BatchItem:
    try:
        record = json.loads(_decode(raw))
    except (json.JSONDecodeError, InputError) as exc:
        return BatchItem(None, source, error=InvalidRecordError(f"not a JSON object: {exc}"))
    return record_item(record, source, seen)


def record_item(record: object, source: str | None, seen: set[str]) -> BatchItem:
    """The item of one ``{id, text, published?, language?}`` record; ``seen`` finds repeats."""
    if not isinstance(record, dict):
        return BatchItem(None, source, error=InvalidRecordError("not a JSON object"))
    raw_id = record.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)) or str(raw_id) == "":
        return BatchItem(None, source, error=MissingIdError("record has no string or int id"))
    item_id = str(raw_id)
    if item_id in seen:
        return BatchItem(item_id, source, error=DuplicateIdError(f"id {item_id!r} repeated"))
    seen.add(item_id)
    text, published, language = (record.get(k) for k in ("text", "published", "language"))
    if not isinstance(text, str):
        return BatchItem(item_id, source, error=InvalidRecordError("text must be a string"))
    if not all(v is None or isinstance(v, str) for v in (published, language)):
        message = "published and language must be strings"
        return BatchItem(item_id, source, error=InvalidRecordError(message))
    if not text.strip():
        return BatchItem(item_id, source, error=EmptyTextError("input text is empty"))
    return BatchItem(item_id, source, text, published, language)


def _read_jsonl(path: Path) -> Iterator[BatchItem]:
    seen: set[str] = set()
    with path.open("rb") as lines:
        for number, raw in enumerate(lines, start=1):
            if raw.strip():
                yield _parse_record(raw, f"{path}:{number}", seen)


def _read_text_file(path: Path) -> Iterator[BatchItem]:
    try:
        yield BatchItem(path.stem, str(path), _decode(path.read_bytes()))
    except InputError as exc:
        yield BatchItem(path.stem, str(path), error=exc)


def read_inputs(path: Path) -> Iterator[BatchItem]:
    """The inputs of a folder of ``.txt`` files (id = file stem), of one ``.txt`` file (one
    article, not JSONL: its lines are sentences), or of a JSONL file.

    A folder without any ``.txt`` file is an :class:`InputError`, not an empty run that
    "succeeds" with 0 done: it is almost always a wrong path or a wrong extension.
    """
    if path.is_dir():
        if not any(p.suffix == ".txt" and p.is_file() for p in path.iterdir()):
            raise InputError(f"no .txt files in {path}: nothing to extract")
        return _read_folder(path)
    if path.is_file():
        if path.suffix.lower() == ".txt":
            return _read_text_file(path)
        return _read_jsonl(path)
    raise InputError(f"no such input: {path}")
