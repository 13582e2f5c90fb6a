"""Batch inputs: a folder of ``.txt`` articles and ``.html``/``.htm`` web pages (id = file
stem) or a JSONL file of records, each with a ``text`` or an ``html`` field.

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
from llm_extract.inputs import InputFormat

__all__ = [
    "PAGE_SUFFIXES",
    "BatchItem",
    "DuplicateIdError",
    "InvalidRecordError",
    "MissingIdError",
    "read_inputs",
    "resume_key",
]

PAGE_SUFFIXES = (".html", ".htm")
"""Files read as web pages (any case); ``.txt`` files are articles."""


class MissingIdError(InputError):
    kind = "missing_id"


class DuplicateIdError(InputError):
    kind = "duplicate_id"


class InvalidRecordError(InputError):
    """A JSONL line that is not a JSON object with exactly one of a string ``text`` and a
    string ``html``."""

    kind = "invalid_record"


_KEYED_BY_SOURCE = {MissingIdError.kind, DuplicateIdError.kind, InvalidRecordError.kind}


def resume_key(item_id: str | None, source: str | None, error_kind: str | None) -> str:
    """The resume key: the id, unless the input's id is absent or not its own."""
    if item_id is None or (error_kind in _KEYED_BY_SOURCE and source is not None):
        return source or ""
    return item_id


@dataclass(frozen=True)
class BatchItem:
    """One input; ``error`` is set when the input itself cannot be extracted from. ``text`` is
    the HTML of a page when ``format`` is "html" (the extractor reads it)."""

    id: str | None
    source: str | None
    text: str | None = None
    published: str | None = None
    language: str | None = None
    error: LLMExtractError | None = None
    format: InputFormat = "auto"

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


def _is_input(path: Path) -> bool:
    return (path.suffix == ".txt" or path.suffix.lower() in PAGE_SUFFIXES) and path.is_file()


def _format_of(path: Path, format: InputFormat) -> InputFormat:
    """A ``.html``/``.htm`` file is a page; a ``.txt`` file is read as ``format`` says."""
    return "html" if path.suffix.lower() in PAGE_SUFFIXES else format


def _read_folder(folder: Path, format: InputFormat) -> Iterator[BatchItem]:
    seen: set[str] = set()
    for path in sorted(p for p in folder.iterdir() if _is_input(p)):
        if path.stem in seen:  # a.txt beside a.html: ids are stems, the first in name order wins
            message = f"id {path.stem!r} repeated: another file of the folder has this stem"
            yield BatchItem(path.stem, str(path), error=DuplicateIdError(message))
            continue
        seen.add(path.stem)
        try:
            yield BatchItem(path.stem, str(path), _decode(path.read_bytes()),
                            format=_format_of(path, format))
        except InputError as exc:
            yield BatchItem(path.stem, str(path), error=exc)
        except OSError as exc:
            yield BatchItem(path.stem, str(path), error=InputError(f"unreadable: {exc}"))


def _parse_record(raw: bytes, source: str, seen: set[str], format: InputFormat) -> BatchItem:
    try:
        record = json.loads(_decode(raw))
    except (json.JSONDecodeError, InputError) as exc:
        return BatchItem(None, source, error=InvalidRecordError(f"not a JSON object: {exc}"))
    return record_item(record, source, seen, format)


def record_item(
    record: object, source: str | None, seen: set[str], format: InputFormat = "auto"
) -> BatchItem:
    """The item of one ``{id, text | html, published?, language?}`` record (``html``: a web
    page; ``text`` is read as ``format`` says); ``seen`` finds repeated ids."""
    if not isinstance(record, dict):
        return BatchItem(None, source, error=InvalidRecordError("not a JSON object"))
    raw_id = record.get("id")
    if isinstance(raw_id, bool) or not isinstance(raw_id, (str, int)) or str(raw_id) == "":
        return BatchItem(None, source, error=MissingIdError("record has no string or int id"))
    item_id = str(raw_id)
    if item_id in seen:
        return BatchItem(item_id, source, error=DuplicateIdError(f"id {item_id!r} repeated"))
    seen.add(item_id)
    text, html = record.get("text"), record.get("html")
    published, language = record.get("published"), record.get("language")
    if text is not None and html is not None:
        message = "record has both text and html: give exactly one"
        return BatchItem(item_id, source, error=InvalidRecordError(message))
    if text is None and html is None:
        message = "record has neither text nor html: give exactly one (a string)"
        return BatchItem(item_id, source, error=InvalidRecordError(message))
    field, body = ("html", html) if html is not None else ("text", text)
    if not isinstance(body, str):
        return BatchItem(item_id, source, error=InvalidRecordError(f"{field} must be a string"))
    if not all(v is None or isinstance(v, str) for v in (published, language)):
        message = "published and language must be strings"
        return BatchItem(item_id, source, error=InvalidRecordError(message))
    if not body.strip():
        return BatchItem(item_id, source, error=EmptyTextError(f"input {field} is empty"))
    return BatchItem(item_id, source, body, published, language,
                     format="html" if field == "html" else format)


def _read_jsonl(path: Path, format: InputFormat) -> Iterator[BatchItem]:
    seen: set[str] = set()
    with path.open("rb") as lines:
        for number, raw in enumerate(lines, start=1):
            if raw.strip():
                yield _parse_record(raw, f"{path}:{number}", seen, format)


def _read_one_file(path: Path, format: InputFormat) -> Iterator[BatchItem]:
    try:
        yield BatchItem(path.stem, str(path), _decode(path.read_bytes()),
                        format=_format_of(path, format))
    except InputError as exc:
        yield BatchItem(path.stem, str(path), error=exc)


def read_inputs(path: Path, *, format: InputFormat = "auto") -> Iterator[BatchItem]:
    """The inputs of a folder of ``.txt`` and ``.html``/``.htm`` files (id = file stem), of one
    such file (one article or page, not JSONL: a text file's lines are sentences), or of a
    JSONL file. ``format`` says how text (``.txt`` files, ``text`` fields) is read; pages
    (``.html`` files, ``html`` fields) are always read as pages.

    A folder without any of those files is an :class:`InputError`, not an empty run that
    "succeeds" with 0 done: it is almost always a wrong path or a wrong extension.
    """
    if path.is_dir():
        if not any(_is_input(p) for p in path.iterdir()):
            raise InputError(f"no .txt or .html files in {path}: nothing to extract")
        return _read_folder(path, format)
    if path.is_file():
        if path.suffix.lower() == ".txt" or path.suffix.lower() in PAGE_SUFFIXES:
            return _read_one_file(path, format)
        return _read_jsonl(path, format)
    raise InputError(f"no such input: {path}")
